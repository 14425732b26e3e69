"""The verdicts of the eligibility rules: one per condition, and the town's overall result.

Plain data, read by the reports, the site and the lifecycle; the rules that produce them are in
`towns.eligibility.engine` and `towns.eligibility.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from towns.jsonfields import fields_json

Status = Literal["pass", "fail", "warning", "waived"]
VERDICT_WORDS = {True: "符合申报条件", False: "不符合申报条件"}


@dataclass(frozen=True, slots=True)
class Waiver:
    """The province's waiver of a discretionary condition for one town, in a batch review."""

    town: str
    condition_id: str
    reference: str
    reason: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class ConditionVerdict:
    id: str
    clause: str
    title: str
    status: Status
    required: str
    actual: str
    file: str
    line: int
    column: int
    waiver: Waiver | None = None

    def as_dict(self) -> dict[str, Any]:
        out = fields_json(self, omit=("column", "waiver"))
        if self.waiver is not None:
            out["waiver"] = {"reference": self.waiver.reference, "reason": self.waiver.reason}
        return out


@dataclass(frozen=True, slots=True)
class Eligibility:
    rule_set: str
    conditions: tuple[ConditionVerdict, ...]
    region: str | None = None

    @property
    def eligible(self) -> bool:
        return all(c.status != "fail" for c in self.conditions)

    @property
    def verdict(self) -> str:
        """符合申报条件 / 不符合申报条件."""
        return VERDICT_WORDS[self.eligible]

    @property
    def pending_discretion(self) -> tuple[ConditionVerdict, ...]:
        """Discretionary shortfalls no waiver has accepted yet: the province's decision is pending.

        They do not block an application; a batch review that lists the town must waive each one.
        """
        return tuple(c for c in self.conditions if c.status == "warning")

    def by_id(self, condition_id: str) -> ConditionVerdict:
        return next(c for c in self.conditions if c.id == condition_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "verdict": self.verdict,
            "rule_set": self.rule_set,
            "region": self.region,
            "needs_waiver": [c.id for c in self.pending_discretion],
            "conditions": [c.as_dict() for c in self.conditions],
        }
