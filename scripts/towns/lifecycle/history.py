"""One dated event of a town's history, as `towns status`, the site and the JSON report show it.

The details differ by event (a batch, a grade and its tier, a document number, the rule that
removed a town …) and keep the order in which replay recorded them: that order is the JSON
report's. The properties read the ones other stages use, with their types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from towns.lifecycle.states import Event

Detail = str | int


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """What happened on ``date``, from which record (``file`` and ``line``; None when derived)."""

    date: dt.date
    event: Event
    title: str
    file: str | None
    line: int | None
    details: Mapping[str, Detail]

    @property
    def document_number(self) -> str | None:
        return self._text("document_number")

    @property
    def grade(self) -> str | None:
        return self._text("grade")

    @property
    def tier(self) -> str | None:
        return self._text("tier")

    @property
    def year(self) -> int | None:
        return self._number("year")

    @property
    def batch(self) -> int | None:
        return self._number("batch")

    def _text(self, key: str) -> str | None:
        value = self.details.get(key)
        return None if value is None else str(value)

    def _number(self, key: str) -> int | None:
        value = self.details.get(key)
        return value if isinstance(value, int) else None

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "event": self.event.value,
            "title": self.title,
            "file": self.file,
            "line": self.line,
            "details": dict(self.details),
        }
