"""Keeping what can be kept of a record that does not fully validate.

Every error is reported where it is (`towns.validation`); this module decides what of the record
still counts, so that one mistake does not take the rest of the record with it:

* an unknown key (a misspelt or stray field) is left out, and the rest of its mapping kept;
* a wrong value of a field that may be left out and then means nothing (a document number, a
  remark: optional with no default value) is left out, as if it had not been written;
* an error inside one item of one of the record's lists (a town of a creation list, one result,
  one waiver, one named town) leaves that item out, and the rest of the list is kept;
* anything else invalidates the whole record: a required field missing or wrong (its year, its
  date, its document number, the town of a city record), a list that is not a list, any indicator
  of an annual report (a default of 0 is a value, not an absence), and a list that must not be
  empty and is left empty.

The user-facing statement of the rule is in docs/guide/lifecycle.md ("有错误的记录怎样计入").
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from towns.models.labels import field_info
from towns.validation import model_errors

M = TypeVar("M", bound=BaseModel)
Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Salvaged(Generic[M]):
    """The record without its bad parts, which items of its lists were kept, and which were not."""

    record: M
    kept: dict[str, tuple[int, ...]] = field(default_factory=dict)  # list → original indices kept
    dropped: dict[str, tuple[int, ...]] = field(default_factory=dict)  # list → original indices left out
    removed: tuple[Path, ...] = ()  # keys left out (unknown, or optional with a bad value)


def salvage(model: type[M], data: dict[str, Any], errors: Sequence[ErrorDetails]) -> Salvaged[M] | None:
    """The record as far as ``errors`` leave it usable, or None when the whole record is invalid."""
    lists = {name for name, info in model.model_fields.items() if _is_list(info.annotation)}
    keys: list[Path] = []
    items: dict[str, set[int]] = {}
    for error in errors:
        loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
        if error["type"] == "extra_forbidden" or _may_be_absent(model, loc, error):
            keys.append(loc)
        elif len(loc) >= 2 and loc[0] in lists and isinstance(loc[1], int):
            items.setdefault(str(loc[0]), set()).add(loc[1])
        else:
            return None
    repaired = copy.deepcopy(data)
    for loc in sorted(keys, key=len, reverse=True):
        _remove(repaired, loc)
    kept: dict[str, tuple[int, ...]] = {}
    for name, bad in items.items():
        values = repaired.get(name)
        assert isinstance(values, list)  # noqa: S101 - an error at name[i] implies a list
        kept[name] = tuple(i for i in range(len(values)) if i not in bad)
        repaired[name] = [values[i] for i in kept[name]]
    record, remaining = model_errors(model, repaired)
    if record is None or remaining:
        return None
    dropped = {name: tuple(sorted(bad)) for name, bad in items.items()}
    return Salvaged(record, kept, dropped, tuple(keys))


def _is_list(annotation: Any) -> bool:
    return getattr(annotation, "__origin__", None) is list


def _may_be_absent(model: type[BaseModel], loc: Path, error: ErrorDetails) -> bool:
    """An optional field without a default value: leaving it out loses nothing but itself."""
    if error["type"] == "missing" or not loc or not isinstance(loc[-1], str):
        return False
    info = field_info(model, loc)
    return (
        info is not None and not info.is_required() and info.default is None and info.default_factory is None
    )


def _remove(data: Any, loc: Path) -> None:
    for part in loc[:-1]:
        listed = isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)
        if not listed and not (isinstance(part, str) and isinstance(data, dict) and part in data):
            return
        data = data[part]
    if isinstance(data, dict):
        data.pop(loc[-1], None)
