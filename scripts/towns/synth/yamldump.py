"""A small block-style YAML writer for generated data, readable the way a person would write it.

Text is always double-quoted (JSON escaping is valid YAML), so no generated value can turn into a
number, a boolean or a date by accident; numbers, booleans and null are written plain; dates are
passed in as ISO text by the caller and stay quoted, which the models accept.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def dump(data: dict[str, Any]) -> str:
    """The mapping ``data`` as block YAML text ending with a newline."""
    lines: list[str] = []
    _mapping(data, 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for number, (key, value) in enumerate(data.items()):
        lead = first_prefix if (first_prefix is not None and number == 0) else pad
        if isinstance(value, dict) and value:
            lines.append(f"{lead}{key}:")
            _mapping(value, indent + 2, lines)
        elif isinstance(value, list) and value:
            lines.append(f"{lead}{key}:")
            _sequence(value, indent + 2, lines)
        elif isinstance(value, dict):
            lines.append(f"{lead}{key}: {{}}")
        elif isinstance(value, list):
            lines.append(f"{lead}{key}: []")
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, lines, first_prefix=f"{pad}- ")
        elif isinstance(item, list) and item:
            lines.append(f"{pad}-")
            _sequence(item, indent + 2, lines)
        elif isinstance(item, dict | list):
            lines.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}")
        else:
            lines.append(f"{pad}- {scalar(item)}")
