"""The program's policy parameters (`program.yaml`), owned by the province.

Every number the rules, the lifecycle and the site use is read from here: regions and cities,
batches and their submission windows, file limits, eligibility thresholds per rule set, grades.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from towns.eligibility.params import RuleSets
from towns.program_lifecycle import EvaluationRules, Targets

PROGRAM_FILE = "program.yaml"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Province(_Frozen):
    name: str
    authority: str
    authority_short: str
    city_department: str
    program_name: str
    demonstration_title: str
    github_team: str


class Region(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str


class City(_Frozen):
    slug: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    code: str = Field(pattern=r"^\d{6}$")
    name: str
    region: str
    github_team: str


class District(_Frozen):
    """A county-level division (or, in a city without them, a town or street) with its official code."""

    code: str = Field(pattern=r"^\d{6}(\d{3})?$")
    name: str = Field(min_length=1)


class Districts(_Frozen):
    """Each city's divisions, keyed by city slug, and where the list comes from."""

    source: str = Field(min_length=1)
    cities: dict[str, list[District]] = Field(default_factory=dict)

    def names(self, city_slug: str) -> list[str] | None:
        """The division names of a city; None when the program lists none for it (nothing to check)."""
        listed = self.cities.get(city_slug)
        return [d.name for d in listed] if listed else None


class Batch(_Frozen):
    year: int
    opens: dt.date
    closes: dt.date
    rules: str

    def accepts(self, day: dt.date) -> bool:
        """The submission window includes both its first and its last day."""
        return self.opens <= day <= self.closes


class MonthDay(_Frozen):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    def in_year(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)


class AttachmentType(_Frozen):
    id: str
    name: str
    extensions: list[str]


class AttachmentKind(_Frozen):
    id: str
    name: str
    required: bool


class FileLimits(_Frozen):
    declaration_max_bytes: int = Field(gt=0)
    record_max_bytes: int = Field(gt=0)
    report_max_bytes: int = Field(gt=0)
    attachment_max_bytes: int = Field(gt=0)
    town_total_max_bytes: int = Field(gt=0)
    max_yaml_depth: int = Field(gt=0)
    max_list_items: int = Field(gt=0)
    record_max_list_items: int = Field(gt=0)
    max_scalar_chars: int = Field(gt=0)
    attachment_types: list[AttachmentType]
    attachment_kinds: list[AttachmentKind]


class Program(_Frozen):
    """The whole `program.yaml`."""

    model_config = ConfigDict(extra="allow", frozen=True)

    schema_version: int
    province: Province
    regions: list[Region]
    cities: list[City]
    districts: Districts | None = None
    batches: list[Batch]
    creation_period_years: int = Field(gt=0)
    annual_report_deadline: MonthDay
    reminder_start: MonthDay
    files: FileLimits
    report_outline: dict[str, list[str]]
    rule_sets: RuleSets = Field(default_factory=dict)
    evaluation: EvaluationRules
    targets: Targets

    @cached_property
    def cities_by_slug(self) -> dict[str, City]:
        return {c.slug: c for c in self.cities}

    @cached_property
    def cities_by_name(self) -> dict[str, City]:
        return {c.name: c for c in self.cities}

    @cached_property
    def regions_by_id(self) -> dict[str, Region]:
        return {r.id: r for r in self.regions}

    @cached_property
    def batches_by_year(self) -> dict[int, Batch]:
        return {b.year: b for b in self.batches}

    def region_of(self, city: City) -> Region:
        return self.regions_by_id[city.region]


class ProgramError(ValueError):
    """A program file that cannot be used; the message lists its findings in Chinese."""


def load_program_file(path: Path) -> Program:
    """A program file at any path, through the same loader and checks as `towns check`.

    Raises `ProgramError` (with every finding) instead of returning findings: for tools and tests
    that need a valid program or nothing.
    """
    from towns.registry import program_from_bytes  # noqa: PLC0415 - the registry imports this module

    program, findings = program_from_bytes(path.read_bytes())
    if program is None:
        raise ProgramError("；".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in findings))
    return program
