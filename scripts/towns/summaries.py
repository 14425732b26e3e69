"""A checked town as the reports, the site and the JSON report's `towns[]` see it.

One typed object per town: who and where it is (from the declaration and the program), whether its
declaration is valid, its eligibility verdict (the `Eligibility` object itself) and its derived life.
`TownSummary.as_json` is the JSON report's town entry (format_version 1, see
docs/dev/report-format.md): the keys and their order are part of that contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from towns.eligibility import Eligibility
from towns.findings import has_blocking
from towns.lifecycle import LifeSummary
from towns.models.program import Program
from towns.models.values import TownType
from towns.registry import Town, city_of, town_type


@dataclass(frozen=True, slots=True)
class TownSummary:
    """Everything a report says about one town; None where an unreadable declaration says nothing."""

    id: str
    name: str | None
    type: TownType | None
    city: str  # the folder's city slug
    city_name: str | None
    region: str | None
    region_name: str | None
    district: str | None
    batch: int | None
    folder: str
    valid: bool
    eligibility: Eligibility | None
    life: LifeSummary
    not_evaluated: str | None = None
    """Why there is no eligibility verdict, in Chinese, for every report and the site (else None)."""

    @property
    def eligibility_words(self) -> str:
        """The verdict (符合申报条件 / 不符合申报条件), or why there is none."""
        if self.eligibility is not None:
            return self.eligibility.verdict
        return self.not_evaluated or NOT_EVALUATED_UNREAD

    @property
    def eligible(self) -> bool:
        return self.eligibility is not None and self.eligibility.eligible

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type.value if self.type else None,
            "city": self.city,
            "city_name": self.city_name,
            "region": self.region,
            "region_name": self.region_name,
            "district": self.district,
            "batch": self.batch,
            "folder": self.folder,
            "valid": self.valid,
            "eligibility": self.eligibility.as_dict() if self.eligibility else None,
            "not_evaluated": self.not_evaluated,
            **self.life.as_json(),
        }


def town_summary(town: Town, program: Program, verdict: Eligibility | None, life: LifeSummary) -> TownSummary:
    """The summary of a checked town from its declaration, its verdict and its life."""
    city = city_of(program, town)
    d = town.declaration
    return TownSummary(
        id=town.id,
        name=d.name if d else town.raw.get("name"),
        type=d.type if d else _raw_type(town),
        city=town.city_slug,
        city_name=city.name if city else None,
        region=city.region if city else None,
        region_name=program.region_of(city).name if city else None,
        district=d.district if d else None,
        batch=d.batch if d else None,
        folder=town.folder,
        valid=d is not None and not has_blocking(town.findings),
        eligibility=verdict,
        life=life,
        not_evaluated=None if verdict is not None else not_evaluated_reason(town, program),
    )


def _raw_type(town: Town) -> TownType | None:
    kind = town_type(town)
    return next((t for t in TownType if t.value == kind), None)


NOT_EVALUATED_UNREAD = "未评估：申报表缺失或无法读取，补交或修改后将评估申报条件"
NOT_EVALUATED_FORMAT = "未评估：申报表有格式错误，修改后将评估申报条件"


def not_evaluated_reason(town: Town, program: Program) -> str:
    """Why a town has no verdict: the form is missing or unreadable, has format errors, or names
    a batch without rules (each fixable by the applicant, who is told what to fix)."""
    d = town.declaration
    if d is None:
        return NOT_EVALUATED_FORMAT if town.document is not None else NOT_EVALUATED_UNREAD
    if d.batch not in program.batches_by_year:
        return f"未评估：申报批次 {d.batch} 不存在，改正申报批次后将评估申报条件"
    return f"未评估：申报批次 {d.batch} 没有适用的申报条件，请联系省经济和信息化委"
