"""Splicing generated entries into a MkDocs-style nav (a list of paths and {title: ...} maps).

Only section-level entries are ever added (batches, years, cities, guides); town pages stay out of
the nav so it is not repeated into every town page (site size would grow with the square). A page
appears once: an addition whose page the nav already lists (say, a guide that `mkdocs.yml` names
with its own title) is left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def extend_nav(nav: list[Any], additions: Mapping[str, list[dict[str, str]]]) -> list[Any]:
    """A copy of ``nav`` with ``additions[path]`` inserted right after each entry for ``path``."""
    return _extend(nav, additions, set(nav_paths(nav)))


def _extend(nav: list[Any], additions: Mapping[str, list[dict[str, str]]], listed: set[str]) -> list[Any]:
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            out.append(
                {
                    title: _extend(v, additions, listed) if isinstance(v, list) else v
                    for title, v in item.items()
                }
            )
        else:
            out.append(item)
        path = _path_of(item)
        for entry in additions.get(path, []) if path is not None else []:
            target = _path_of(entry)
            if target is not None and target not in listed:
                listed.add(target)
                out.append(entry)
    return out


def nav_paths(nav: list[Any]) -> Iterator[str]:
    """Every page path the nav lists, at any depth."""
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list):
                    yield from nav_paths(value)


def _path_of(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None
