"""What one correction (更正/补充) of a published record does to one town, as replay reads it.

`towns.lifecycle.corrections` turns each correction into occurrences that carry an `Amendment`;
`towns.lifecycle.machine` applies them on the correction's own date and records them in the town's
history as their own entries ("更正分批审核结果", with the document number, the change and the
reason), so the original decision stays in the history as it was published.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from towns.models.records import Indicators
from towns.models.values import BatchList, CorrectionKind


class Action(StrEnum):
    """What the amendment does to the town's life."""

    PLACE = "place"  # put on a list of a batch (added, or moved from another list)
    UNPLACE = "unplace"  # taken off the lists of a batch
    REGRADE = "regrade"  # a grade of a year replaced
    ADD_GRADE = "add_grade"  # a grade a year's evaluation left out
    UNGRADE = "ungrade"  # a grade withdrawn
    NAME = "name"  # named (a naming left it out)
    UNNAME = "unname"  # a naming withdrawn
    NOTE = "note"  # a city record's text or numbers corrected: history (and indicators) only


@dataclass(frozen=True, slots=True)
class Amendment:
    """One correction's effect on one town; ``record`` is the Chinese name of the corrected record."""

    kind: CorrectionKind
    record: str
    action: Action
    change: str
    reason: str
    target: BatchList | None = None
    indicators: Indicators | None = None  # an annual report's numbers after the correction

    @property
    def title(self) -> str:
        """The history entry's title: 更正分批审核结果, 补充年度考核结果 …"""
        return f"{self.kind.label}{self.record}"

    def details(self) -> dict[str, Any]:
        return {
            "correction": self.kind.value,
            "record": self.record,
            "change": self.change,
            "reason": self.reason,
        }
