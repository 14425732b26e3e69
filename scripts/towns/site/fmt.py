"""Numbers and yes/no answers as the forms write them (亩, 万元, 是/否)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any


def number(value: Any) -> str:
    """Exact decimals without exponent or trailing zeros; anything else as text ("—" if empty)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return yes_no(value)
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not d.is_finite():
        return str(value)
    text = format(d.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def to_float(value: Any) -> float | None:
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def yes_no(value: Any) -> str:
    return "是" if value is True else "否" if value is False else "—"
