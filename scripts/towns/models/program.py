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
from decimal import Decimal
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from towns.models.rules import RuleSets
from towns.models.source import HasSources, Sourced
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


class Batch(Sourced):
    """One batch: its submission window (本省设定: the province's notice for that batch) and rules."""

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


class Grade(_Frozen):
    """One grade of a tier's scale, identified in evaluation records by its Chinese name."""

    name: str = Field(min_length=1)
    failing: bool = False
    consequence: Consequence = Consequence.NONE


class TierScale(Sourced):
    name: str
    grades: list[Grade] = Field(min_length=1)

    @cached_property
    def by_name(self) -> dict[str, Grade]:
        return {g.name: g for g in self.grades}


class EvaluationRules(HasSources):
    """Grades per tier and their consequences; `None` disables the consecutive-failure rule."""

    creation: TierScale = Field(title="创建小镇考核等次")
    cultivation: TierScale = Field(title="培育小镇考核等次")
    removal_after_consecutive_failures: int | None = Field(default=None, gt=0, title="连续考核不合格淘汰")
    acceptance_notice_days: int = Field(default=180, ge=0, title="验收申请提醒（创建期届满前天数）")

    def scale(self, tier: Tier) -> TierScale:
        return self.creation if tier == Tier.CREATION else self.cultivation


class ClusterTarget(Sourced):
    """At least ``count`` industry-type towns whose internet output reaches ``min_output_wan``."""

    name: str
    min_output_wan: Decimal = Field(gt=0)
    count: int = Field(gt=0)


class RangeTarget(Sourced):
    name: str
    min: int = Field(ge=0)
    max: int | None = None


class CountTarget(Sourced):
    name: str
    count: int = Field(ge=0)


class Targets(HasSources):
    """Program targets within `years` years from `start` (seed §1.3 “3 年内”, §2.1, §3.1).

    The seed gives the length, not the first day: `start` is the province's (the programme's
    launch), with its source. Progress counts within the period and, separately, to date.
    """

    years: int = Field(gt=0, title="目标期限（年）")
    start: dt.date = Field(title="目标期起算日")
    industry_towns: CountTarget
    application_towns: CountTarget
    innovative_smes: CountTarget
    industry_clusters: list[ClusterTarget]
    leading_companies: RangeTarget
    backbone_companies: CountTarget
    industry_smes: CountTarget
    application_smes: CountTarget
    integrated_traditional_companies: CountTarget


class ProcessRules(HasSources):
    """Rules of acceptance and naming (seed §4.6) that the seed leaves to the province."""

    naming_requires_evaluation: bool = Field(title="命名前须至少经过一次年度考核")
    acceptance_within_creation_period: bool = Field(title="验收申请须在创建期内提出")


class Program(HasSources):
    """The whole `program.yaml`; every setting carries its source (`towns.models.source`)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    schema_version: int
    province: Province = Field(title="省级主管部门与项目名称")
    regions: list[Region] = Field(title="地区")
    cities: list[City] = Field(title="地级以上市")
    batches: list[Batch] = Field(title="申报批次")
    creation_period_years: int = Field(gt=0, title="创建期（年）")
    annual_report_deadline: MonthDay = Field(title="年度发展情况报送截止日")
    reminder_start: MonthDay = Field(title="年度报告提醒开始日")
    files: FileLimits = Field(title="文件与附件要求")
    report_outline: dict[str, list[str]] = Field(title="申请报告编写提纲")
    rule_sets: RuleSets = Field(default_factory=dict, title="申报条件")
    evaluation: EvaluationRules = Field(title="年度考核")
    targets: Targets = Field(title="三年目标")
    process: ProcessRules = Field(title="验收与命名")

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


def period_end(start: dt.date, years: int) -> dt.date:
    """The last day of a period of ``years`` years from ``start`` (both days included)."""
    try:
        after = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        after = start.replace(year=start.year + years, day=28)
    return after - dt.timedelta(days=1)
