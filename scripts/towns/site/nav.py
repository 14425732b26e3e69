"""Splicing generated entries into a MkDocs-style nav (a list of paths and {title: ...} maps).

Only section-level entries are ever added (batches, years, cities, guides); town pages stay out of
the nav so it is not repeated into every town page (site size would grow with the square).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def extend_nav(nav: list[Any], additions: Mapping[str, list[dict[str, str]]]) -> list[Any]:
    """A copy of ``nav`` with ``additions[path]`` inserted right after each entry for ``path``."""
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            out.append(
                {title: extend_nav(v, additions) if isinstance(v, list) else v for title, v in item.items()}
            )
        else:
            out.append(item)
        path = _path_of(item)
        if path is not None:
            out.extend(additions.get(path, []))
    return out


def _path_of(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None
