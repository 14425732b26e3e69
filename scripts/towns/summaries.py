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
from towns.registry import Town, city_of


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
            **self.life.as_json(),
        }


def town_summary(town: Town, program: Program, verdict: Eligibility | None, life: LifeSummary) -> TownSummary:
    """The summary of a checked town from its declaration, its verdict and its life."""
    city = city_of(program, town)
    d = town.declaration
    return TownSummary(
        id=town.id,
        name=d.name if d else None,
        type=d.type if d else None,
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
    )
