"""Where two versions of a YAML document differ, as data: the paths of changed, added and removed values.

The documents are those of `towns.loading` (mappings, lists, strings, numbers, booleans, null), so a
change of comment, quoting, indentation or key order is no difference, while ``1`` and ``"1"`` are.
Lists are aligned with `difflib.SequenceMatcher`, so inserting one town into a list of fifty is one
addition at its index, not fifty changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

Path = tuple[str | int, ...]


class Kind(StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference; ``path`` names where it is in the new version (for a removal: where it was)."""

    kind: Kind
    path: Path
    old: Any = None
    new: Any = None


def _scalar_key(value: Any) -> tuple[str, Any]:
    """Scalars compare by kind and value: 1 equals 1.0, but not True, nor "1"."""
    if isinstance(value, bool) or value is None:
        return ("flag", value)
    if isinstance(value, int | Decimal):
        return ("number", Decimal(value))
    return (type(value).__name__, value)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def differences(old: Any, new: Any, path: Path = ()) -> Iterator[Difference]:
    """Every difference between ``old`` and ``new``, in document order."""
    if isinstance(old, dict) and isinstance(new, dict):
        yield from _mappings(old, new, path)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _lists(old, new, path)
    elif isinstance(old, dict | list) or isinstance(new, dict | list) or _scalar_key(old) != _scalar_key(new):
        yield Difference(Kind.CHANGED, path, old, new)


def _mappings(old: dict[str, Any], new: dict[str, Any], path: Path) -> Iterator[Difference]:
    for key, value in old.items():
        if key in new:
            yield from differences(value, new[key], (*path, key))
        else:
            yield Difference(Kind.REMOVED, (*path, key), old=value)
    for key, value in new.items():
        if key not in old:
            yield Difference(Kind.ADDED, (*path, key), new=value)


def _lists(old: list[Any], new: list[Any], path: Path) -> Iterator[Difference]:
    matcher = SequenceMatcher(a=[canonical(v) for v in old], b=[canonical(v) for v in new])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                yield from differences(old[i1 + offset], new[j1 + offset], (*path, j1 + offset))
            continue
        for i in range(i1, i2):
            yield Difference(Kind.REMOVED, (*path, j1), old=old[i])
        for j in range(j1, j2):
            yield Difference(Kind.ADDED, (*path, j), new=new[j])
