"""The registry as it stood on a past day: what a replay (`--today D`) keeps in view.

A record dated after D, or a declaration filed after D, had not been made on D: it is out of
view, and so are its findings. Only what is also dated after the day the check runs (``now``) is
kept, so that its impossible date is still reported (`E-LIFE-009`). `towns check`, `towns
status`, `towns due` and the site all narrow the registry here, so they agree on every state.
When D is the day of the check, nothing is out of view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from towns.lifecycle.store import Records
from towns.registry import Town


@dataclass(frozen=True, slots=True)
class OutOfView:
    """How much of the registry a replay left out: record files and declarations dated after ``day``."""

    day: dt.date
    records: int
    declarations: int

    def as_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "records": self.records, "declarations": self.declarations}

    def sentence(self) -> str:
        """The one line a report shows about it."""
        return (
            f"按 {self.day} 的登记情况检查：另有 {self.records} 个记录、{self.declarations} 份申报表"
            "的日期晚于该日，未计入。"
        )


def in_view(town: Town, day: dt.date, now: dt.date) -> bool:
    """Whether ``town``'s declaration existed on ``day`` (an unreadable one always counts)."""
    d = town.declaration
    return d is None or not day < d.filing_date <= now


def as_of(
    records: Records, towns: Sequence[Town], day: dt.date, now: dt.date
) -> tuple[Records, list[Town], OutOfView | None]:
    """The records and towns in view on ``day``, and what was left out (None when nothing was)."""
    kept, hidden = records.as_of(day, now)
    shown = [t for t in towns if in_view(t, day, now)]
    if day >= now or (hidden == 0 and len(shown) == len(towns)):
        return kept, shown, None
    return kept, shown, OutOfView(day, hidden, len(towns) - len(shown))
