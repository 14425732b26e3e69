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
from towns.models.source import HasSources, Sourced
from towns.models.values import AcceptanceFailure, Consequence, Role, Tier


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(Sourced):
    """Where visitors ask about the published data: the site's footer shows it (本省设定)."""

    office: str = Field(title="联系部门")
    email: str | None = Field(default=None, title="电子邮箱")
    phone: str | None = Field(default=None, title="联系电话")


class Province(_Frozen):
    name: str
    authority: str
    authority_short: str
    city_department: str
    program_name: str
    demonstration_title: str
    github_team: str
    contact: Contact | None = None


class Region(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str


class Seat(_Frozen):
    """Approximate position of a city's government seat (WGS 84 degrees), for the site's schematic map."""

    lon: Number = Field(ge=-180, le=180)
    lat: Number = Field(ge=-90, le=90)


class City(_Frozen):
    slug: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    code: str = Field(pattern=r"^[0-9]{6}$")
    name: str
    region: str
    github_team: str
    seat: Seat | None = None


class District(_Frozen):
    """A county-level division (or, in a city without them, a town or street) with its official code."""

    code: str = Field(pattern=r"^[0-9]{6}([0-9]{3})?$")
    name: str = Field(min_length=1)


class Batch(Sourced):
    """One batch: its submission window (本省设定: the province's notice for that batch) and rules."""

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
    removal_after_consecutive_failures: Integer | None = Field(default=None, gt=0, title="连续考核不合格淘汰")
    acceptance_notice_days: Integer = Field(default=180, ge=0, title="验收申请提醒（创建期届满前天数）")

    def scale(self, tier: Tier) -> TierScale:
        return self.creation if tier == Tier.CREATION else self.cultivation

    @cached_property
    def grade_names(self) -> tuple[str, ...]:
        """Every grade of both scales once, in the program's order: the creation scale first."""
        names = [g.name for g in (*self.creation.grades, *self.cultivation.grades)]
        return tuple(dict.fromkeys(names))


class ClusterTarget(Sourced):
    """At least ``count`` industry-type towns whose internet output reaches ``min_output_wan``."""

    name: str
    min_output_wan: Number = Field(gt=0)
    count: Integer = Field(gt=0)


class RangeTarget(Sourced):
    name: str
    min: Integer = Field(ge=0)
    max: Integer | None = None


class CountTarget(Sourced):
    name: str
    count: Integer = Field(ge=0)


class Targets(HasSources):
    """Program targets within `years` years from `start` (seed §1.3 “3 年内”, §2.1, §3.1).

    The seed gives the length, not the first day: `start` is the province's (the programme's
    launch), with its source. Progress counts within the period and, separately, to date.
    """

    years: Integer = Field(gt=0, title="目标期限（年）")
    start: Date = Field(title="目标期起算日")
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
    """Rules of acceptance and naming (seed §4.6) that the seed leaves to the province.

    What follows a failed acceptance (验收不合格; §4.6 names only the passing outcome):
    ``on_failed_acceptance: reapply`` keeps the town in creation, to apply again within its
    period, at most ``max_acceptance_applications`` times in all (None: no limit); the failure that
    uses the last attempt, or any failure under ``end``, ends the creation.
    """

    naming_requires_evaluation: StrictBool = Field(title="命名前须至少经过一次年度考核")
    acceptance_within_creation_period: StrictBool = Field(title="验收申请须在创建期内提出")
    on_failed_acceptance: AcceptanceFailure = Field(title="验收不合格之后")
    max_acceptance_applications: Integer | None = Field(default=None, gt=0, title="创建期内验收申请次数上限")

    def ends_creation(self, failures: int) -> bool:
        """Whether the ``failures``-th failed acceptance ends the town's creation."""
        if self.on_failed_acceptance == AcceptanceFailure.END:
            return True
        limit = self.max_acceptance_applications
        return limit is not None and failures >= limit


class LateFilingRule(Sourced):
    """When a record counts as filed late (补录): its date is more than ``days`` before it is entered."""

    days: Integer = Field(gt=0, title="补录天数")


class ReviewArea(BaseModel):
    """One row of the review table: a path pattern, what lies there, and the role that may change it.

    ``path`` is anchored at the repository root: ``name/`` is a folder and everything in it, a bare
    name is one file, ``*`` is every other file; ``<地市>`` stands for any city's slug.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(min_length=1, pattern=r"^[^ \t\r\n!\[\]#]+$")
    title: str = Field(min_length=1)
    role: Role


class Maintainers(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    github_team: str


class ReviewRules(Sourced):
    """Who may change what, and who reviews it: the one table behind the checker's classification
    of a pull request, `.github/CODEOWNERS` and the review guide. The last matching row wins."""

    maintainers: Maintainers
    areas: list[ReviewArea] = Field(min_length=1)


class Program(HasSources):
    """The whole `program.yaml`; every setting carries its source (`towns.models.source`)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    schema_version: Integer
    province: Province = Field(title="省级主管部门与项目名称")
    regions: list[Region] = Field(title="地区")
    cities: list[City] = Field(title="地级以上市")
    districts: dict[str, list[District]] = Field(
        default_factory=dict,
        title="县级行政区",
        description="按地市的 slug 列出；未列出的地市不核对县（市、区）",
    )
    batches: list[Batch] = Field(title="申报批次")
    creation_period_years: Integer = Field(gt=0, title="创建期（年）")
    annual_report_deadline: MonthDay = Field(title="年度发展情况报送截止日")
    reminder_start: MonthDay = Field(title="年度报告提醒开始日")
    files: FileLimits = Field(title="文件与附件要求")
    report_outline: dict[str, list[str]] = Field(title="申请报告编写提纲")
    rule_sets: RuleSets = Field(default_factory=dict, title="申报条件")
    evaluation: EvaluationRules = Field(title="年度考核")
    targets: Targets = Field(title="三年目标")
    process: ProcessRules = Field(title="验收与命名")
    late_filing: LateFilingRule = Field(title="补录")
    review: ReviewRules = Field(title="审核分工")

    @cached_property
    def cities_by_slug(self) -> dict[str, City]:
        return {c.slug: c for c in self.cities}

    @cached_property
    def cities_by_name(self) -> dict[str, City]:
        return {c.name: c for c in self.cities}

    def district_names(self, city_slug: str) -> list[str] | None:
        """The division names of a city; None when the program lists none for it (nothing to check)."""
        listed = self.districts.get(city_slug)
        return [d.name for d in listed] if listed else None

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
