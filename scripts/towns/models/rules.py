"""Typed eligibility parameters: the `rule_sets` section of `program.yaml`.

A rule set holds every threshold of the application conditions (seed §4.1(1), §4.2, §4.3) for both
town types. Each batch names the rule set it was judged by, so tightening the rules for a later batch
never changes the verdict on an earlier one. Every threshold states its value, whether the value
itself qualifies (`inclusive`) and whether the policy allows discretion (`discretionary`); nothing is
inferred from wording at run time. A rule set may `extends` another and list only what differs.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from towns.models import values
from towns.models.source import Sourced

T = TypeVar("T", bound=str)

NonNegative = Annotated[Decimal, Field(ge=0)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Threshold(_Frozen):
    """A lower bound: `min` for everyone, or `by_region` keyed by region id (never both).

    Shares are written in percent (30 means 30 %) and compared as exact fractions.
    """

    min: NonNegative | None = None
    by_region: dict[str, NonNegative] = Field(default_factory=dict)
    inclusive: bool
    discretionary: bool

    @model_validator(mode="after")
    def _one_source(self) -> Threshold:
        if (self.min is None) == (not self.by_region):
            raise ValueError("门槛须且只能写 min 或 by_region 之一")
        return self

    @property
    def regional(self) -> bool:
        return bool(self.by_region)

    def value_for(self, region: str | None) -> Decimal | None:
        """The bound that applies in ``region``; None when the data has none for it."""
        if self.min is not None:
            return self.min
        return self.by_region.get(region) if region is not None else None

    def met(self, actual: Fraction | Decimal | int, bound: Decimal) -> bool:
        """Exact comparison: at the bound qualifies only when the bound is inclusive.

        ``Decimal`` and ``int`` already compare exactly with each other; only a share (a Fraction)
        needs the bound as a Fraction too. Building Fractions for every count was the rule
        engine's main cost (see docs/dev/performance.md).
        """
        if isinstance(actual, Fraction):
            value: Fraction | Decimal | int = actual
            limit: Fraction | Decimal = Fraction(bound)
        else:
            value, limit = actual, bound
        return value >= limit if self.inclusive else value > limit


class MatchingRatio(_Frozen):
    """Local matching funds against the provincial share, e.g. 不低于 1:1."""

    local: Annotated[Decimal, Field(gt=0)]
    provincial: Annotated[Decimal, Field(gt=0)]
    inclusive: bool
    discretionary: bool

    def met(self, ratio: Fraction) -> bool:
        bound = Fraction(self.local) / Fraction(self.provincial)
        return ratio >= bound if self.inclusive else ratio > bound


class TermList(Sourced, Generic[T]):
    """A list of fields or kinds named by a clause; ``open`` when the clause ends it with 等.

    ``examples`` are the words the clause lists; ``umbrella`` the words that name the whole family
    (“民生” in “医疗、健康……社区服务等民生领域”). An entry that is an example, contains one or is an
    umbrella word is inside the list. An entry outside it counts only when the list is open, and
    then with an advisory, so a reviewer judges it (`towns.eligibility.terms`).
    """

    examples: list[T] = Field(min_length=1)
    umbrella: list[T] = Field(default_factory=list)
    open: bool

    def wording(self, name: Callable[[T], str] = str) -> str:
        """“制造、农业等”: the examples in the clause's order, with 等 when the list is open."""
        return "、".join(name(e) for e in self.examples) + ("等" if self.open else "")


class _Condition(_Frozen):
    clause: str = Field(min_length=1)
    title: str = Field(min_length=1)


class ApplicantRules(_Condition):
    """Who may apply (申报主体); the 2018 guide narrowed it to county-level governments."""

    kinds: list[values.ApplicantKind] = Field(min_length=1)
    unspecified: values.Unspecified


class WorkMechanismRules(_Condition):
    coordination_mechanism_required: bool
    coordination_lead_required: bool
    operations_team_accepted: list[values.OperationsTeam] = Field(min_length=1)


class SpatialLayoutRules(_Condition):
    boundary_accepted: list[values.Boundary] = Field(min_length=1)
    planned_area_mu: Threshold
    core_area_mu: Threshold


class CompanyTier(_Frozen):
    """One branch of the industrial-base alternative: enough companies above an output level."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    category: values.CompanyCategory
    annual_output_wan: Threshold
    companies: Threshold


class IndustryBaseRules(_Condition):
    alternatives: list[CompanyTier] = Field(min_length=1)


class ApplicationBaseRules(_Condition):
    internet_companies: Threshold
    integrated_share_percent: Threshold


class ProjectRules(_Condition):
    domains: TermList[str]
    statuses: list[values.ProjectStatus] = Field(min_length=1)
    projects: Threshold


class RdRules(_Condition):
    rd_share_of: values.CompanyCategory
    rd_share_percent: Threshold
    platform_kinds: TermList[values.PlatformKind]
    platforms: Threshold
    partner_kinds: TermList[values.PartnerKind]
    cooperating_companies: Threshold


class PolicyRules(_Condition):
    creation_plan_accepted: list[values.PlanStatus] = Field(min_length=1)
    matching_funds: MatchingRatio


class InfrastructureRules(_Condition):
    service_platform_kinds: TermList[values.ServicePlatformKind]
    service_platforms: Threshold
    fibre_mbps: Threshold
    full_coverage: list[values.Coverage]


class IndustryRules(_Frozen):
    """产业型 (§4.2)."""

    work_mechanism: WorkMechanismRules
    spatial_layout: SpatialLayoutRules
    industrial_base: IndustryBaseRules
    application_projects: ProjectRules
    rd_innovation: RdRules
    policy_support: PolicyRules
    infrastructure: InfrastructureRules


class ApplicationRules(_Frozen):
    """应用型 (§4.3)."""

    work_mechanism: WorkMechanismRules
    spatial_layout: SpatialLayoutRules
    industrial_base: ApplicationBaseRules
    application_projects: ProjectRules
    rd_innovation: RdRules
    policy_support: PolicyRules
    infrastructure: InfrastructureRules


class RuleSet(Sourced):
    """The application conditions one or more batches are judged by.

    Its ``source`` says where the set comes from (the 2016 programme, §4.1–4.3; the 2018 guide, a
    provincial notice the seed does not contain); each condition's ``clause`` is its seed clause,
    which is also the source of its thresholds.
    """

    title: str = Field(min_length=1)
    description: str = ""
    extends: str | None = None
    applicant: ApplicantRules
    industry: IndustryRules
    application: ApplicationRules

    def for_type(self, town_type: str) -> IndustryRules | ApplicationRules:
        return self.industry if town_type == values.TownType.INDUSTRY else self.application


def _merge(base: Any, override: Any) -> Any:
    """Mappings merge key by key; anything else (lists, numbers, text) is replaced whole."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return override


def _resolve(name: str, raw: dict[str, Any], seen: tuple[str, ...]) -> Any:
    body = raw[name]
    if not isinstance(body, dict) or body.get("extends") is None:
        return body
    parent = body["extends"]
    if parent in seen or parent == name:
        raise ValueError(f"规则集“{name}”的 extends 形成循环：{' → '.join((*seen, name, str(parent)))}")
    if parent not in raw:
        raise ValueError(f"规则集“{name}”继承的“{parent}”不存在")
    merged = _merge(_resolve(str(parent), raw, (*seen, name)), body)
    # A rule set's source is its own: one that extends the seed's says what it changed.
    if isinstance(merged, dict):
        merged.pop("source", None)
        if "source" in body:
            merged["source"] = body["source"]
    return merged


def resolve_extends(value: Any) -> Any:
    """Expand `extends` before validation so each rule set is complete on its own."""
    if not isinstance(value, dict):
        return value
    return {name: _resolve(name, value, ()) for name in value}


RuleSets = Annotated[dict[str, RuleSet], BeforeValidator(resolve_extends)]
"""The type of `Program.rule_sets`."""
