"""One dated event of a town's history, as `towns status`, the site and the JSON report show it.

The details differ by event (a batch, a grade and its tier, a document number, the rule that
removed a town …) and keep the order in which replay recorded them: that order is the JSON
report's. The typed attributes read the ones other stages use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from towns.lifecycle.states import Event

Detail = str | int
T = TypeVar("T", str, int)


class _Detail(Generic[T]):
    """A detail read by the attribute's own name, None when the event has none of that type."""

    def __init__(self, kind: type[T]) -> None:
        self.kind: type[T] = kind
        self.key = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    def __get__(self, entry: HistoryEntry, owner: type | None = None) -> T | None:
        value = entry.details.get(self.key)
        return value if isinstance(value, self.kind) else None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """What happened on ``date``, from which record (``file`` and ``line``; None when derived)."""

    date: dt.date
    event: Event
    title: str
    file: str | None
    line: int | None
    details: Mapping[str, Detail]

    document_number = _Detail(str)
    grade = _Detail(str)
    tier = _Detail(str)
    year = _Detail(int)
    batch = _Detail(int)
    correction = _Detail(str)  # 更正 or 补充, for a correction of a published record
    change = _Detail(str)
    reason = _Detail(str)
    late_filing = _Detail(str)  # the day a late record (补录) was entered
    late_reason = _Detail(str)

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "event": self.event.value,
            "title": self.title,
            "file": self.file,
            "line": self.line,
            "details": dict(self.details),
        }
