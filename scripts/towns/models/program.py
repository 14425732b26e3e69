"""The program's policy parameters (`program.yaml`) as typed models, owned by the province.

Every number the rules, the lifecycle and the site use is read from these: regions and cities,
batches and their submission windows, file limits, eligibility thresholds per rule set
(`towns.models.rules`), grades and targets. Loading and the checks across sections are in
`towns.program`.

The seed names no grades (§4.5 only says the province evaluates every year and ties the results
to its support), so the scale and its consequences are data: the default in `program.yaml` follows
Zhejiang's practice (creation tier 优秀/良好/合格/警告/降格, cultivation tier …/淘汰) with
Guangdong's "two consecutive failing grades → removed" rule. The targets are those of seed §1.3,
§2.1 and §3.1, used by the progress dashboard.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from towns.models.common import Date, Integer, Number
from towns.models.rules import RuleSets
from towns.models.values import Consequence, Tier


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
    code: str = Field(pattern=r"^[0-9]{6}$")
    name: str
    region: str
    github_team: str


class Batch(_Frozen):
    year: Integer
    opens: Date
    closes: Date
    rules: str

    def accepts(self, day: dt.date) -> bool:
        """The submission window includes both its first and its last day."""
        return self.opens <= day <= self.closes


class MonthDay(_Frozen):
    month: Integer = Field(ge=1, le=12)
    day: Integer = Field(ge=1, le=31)

    def in_year(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)


class AttachmentType(_Frozen):
    id: str
    name: str
    extensions: list[str]


class AttachmentKind(_Frozen):
    id: str
    name: str
    required: StrictBool


class FileLimits(_Frozen):
    declaration_max_bytes: Integer = Field(gt=0)
    record_max_bytes: Integer = Field(gt=0)
    report_max_bytes: Integer = Field(gt=0)
    attachment_max_bytes: Integer = Field(gt=0)
    town_total_max_bytes: Integer = Field(gt=0)
    max_yaml_depth: Integer = Field(gt=0)
    max_list_items: Integer = Field(gt=0)
    record_max_list_items: Integer = Field(gt=0)
    max_scalar_chars: Integer = Field(gt=0)
    attachment_types: list[AttachmentType]
    attachment_kinds: list[AttachmentKind]


class Grade(_Frozen):
    """One grade of a tier's scale, identified in evaluation records by its Chinese name."""

    name: str = Field(min_length=1)
    failing: StrictBool = False
    consequence: Consequence = Consequence.NONE


class TierScale(_Frozen):
    name: str
    grades: list[Grade] = Field(min_length=1)

    @cached_property
    def by_name(self) -> dict[str, Grade]:
        return {g.name: g for g in self.grades}


class EvaluationRules(_Frozen):
    """Grades per tier and their consequences; `None` disables the consecutive-failure rule."""

    creation: TierScale
    cultivation: TierScale
    removal_after_consecutive_failures: Integer | None = Field(default=None, gt=0)
    acceptance_notice_days: Integer = Field(default=180, ge=0)

    def scale(self, tier: Tier) -> TierScale:
        return self.creation if tier == Tier.CREATION else self.cultivation


class ClusterTarget(_Frozen):
    """At least ``count`` industry-type towns whose internet output reaches ``min_output_wan``."""

    name: str
    min_output_wan: Number = Field(gt=0)
    count: Integer = Field(gt=0)


class RangeTarget(_Frozen):
    name: str
    min: Integer = Field(ge=0)
    max: Integer | None = None


class CountTarget(_Frozen):
    name: str
    count: Integer = Field(ge=0)


class Targets(_Frozen):
    """Program targets within `years` years of the launch (seed §1.3, §2.1, §3.1)."""

    years: Integer = Field(gt=0)
    industry_towns: CountTarget
    application_towns: CountTarget
    innovative_smes: CountTarget
    industry_clusters: list[ClusterTarget]
    leading_companies: RangeTarget
    backbone_companies: CountTarget
    industry_smes: CountTarget
    application_smes: CountTarget
    integrated_traditional_companies: CountTarget


class Program(_Frozen):
    """The whole `program.yaml`."""

    model_config = ConfigDict(extra="allow", frozen=True)

    schema_version: Integer
    province: Province
    regions: list[Region]
    cities: list[City]
    batches: list[Batch]
    creation_period_years: Integer = Field(gt=0)
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
