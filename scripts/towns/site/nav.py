"""Splicing generated entries into a MkDocs-style nav (a list of paths and {title: ...} maps).

Only section-level entries are ever added (batches, years, cities, guides); town pages stay out of
the nav so it is not repeated into every town page (site size would grow with the square).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def extend_nav(nav: list[Any], additions: Mapping[str, list[dict[str, str]]]) -> list[Any]:
    """A copy of ``nav`` with ``additions[path]`` inserted right after each entry for ``path``.

    An addition whose page the configured nav already lists (a guide named in `mkdocs.yml`) is
    left out, so no page appears twice.
    """
    listed = set(_paths(nav))
    kept = {key: [e for e in entries if _path_of(e) not in listed] for key, entries in additions.items()}
    return _extend(nav, kept)


def _extend(nav: list[Any], additions: Mapping[str, list[dict[str, str]]]) -> list[Any]:
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            out.append({k: _extend(v, additions) if isinstance(v, list) else v for k, v in item.items()})
        else:
            out.append(item)
        path = _path_of(item)
        if path is not None:
            out.extend(additions.get(path, []))
    return out


def _paths(nav: list[Any]) -> list[str]:
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += _paths(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
    return out


def _path_of(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None
