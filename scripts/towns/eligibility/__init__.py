"""Eligibility conditions of seed §4.2 (industry type) and §4.3 (application type).

Interface used by `towns.check` (stable): `Waiver`, `ConditionVerdict`, `Eligibility`, `evaluate`.
The rules live in `towns.eligibility.rules` (one module per condition family), their thresholds in
the `rule_sets` section of `program.yaml` (typed by `towns.models.rules`). The package
imports the registry lazily because `towns.program` itself imports `params` from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from towns.findings import Finding

if TYPE_CHECKING:
    from towns.program import Program
    from towns.registry import Town

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
        out: dict[str, Any] = {
            "id": self.id,
            "clause": self.clause,
            "title": self.title,
            "status": self.status,
            "required": self.required,
            "actual": self.actual,
            "file": self.file,
            "line": self.line,
        }
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

    def by_id(self, condition_id: str) -> ConditionVerdict:
        return next(c for c in self.conditions if c.id == condition_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "verdict": self.verdict,
            "rule_set": self.rule_set,
            "region": self.region,
            "conditions": [c.as_dict() for c in self.conditions],
        }


def evaluate(
    town: Town, program: Program, waivers: Sequence[Waiver] = ()
) -> tuple[Eligibility | None, list[Finding]]:
    """Judge a loaded town against the conditions of the batch it applied to.

    Returns None (and findings saying why) when the town could not be loaded or its batch has no
    rule set; otherwise every condition of the town's type, in policy order, plus the findings of
    failing conditions, summary counts that disagree with the lists, and inapplicable waivers.
    """
    from towns.eligibility.engine import evaluate_town  # noqa: PLC0415 - see the module docstring

    return evaluate_town(town, program, waivers)
