"""The form's summary numbers (申报表汇总数) checked against the listed facts.

The official form asks for counts and percentages; the conditions are always judged from the
lists, so a summary that disagrees with them would mislead a reviewer reading the paper form. Each
disagreement is a blocking finding at the summary's own line with both numbers. A typed percentage
agrees when it is the exact share rounded (half up) to the decimals the applicant wrote: 33, 33.3
and 33.33 all agree with 1/3.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from pydantic import BaseModel

from towns.catalog import finding_at
from towns.eligibility import measures
from towns.eligibility.outcome import Context
from towns.eligibility.rules.industrial_base import tier_companies
from towns.findings import Finding
from towns.models.declaration import ApplicationDeclaration, Company, IndustryDeclaration
from towns.models.rules import CompanyTier, RuleSet
from towns.models.values import CompanyCategory

Counts = dict[str, int]
Shares = dict[str, tuple[int, int]]


def summary_findings(ctx: Context, rule_set: RuleSet) -> list[Finding]:
    """Every summary count or percentage the applicant filled in that the lists contradict."""
    decl = ctx.declaration
    if isinstance(decl, IndustryDeclaration):
        counts, shares = _industry_facts(decl, rule_set, ctx.region_id)
    else:
        counts, shares = _application_facts(decl)
    return list(_disagreements(ctx, decl.summary_counts, counts, shares))


def _common(decl: IndustryDeclaration | ApplicationDeclaration) -> Counts:
    companies = decl.industrial_base.companies
    return {
        "platforms": len(decl.rd_innovation.platforms),
        "cooperating_companies": sum(1 for c in companies if c.cooperations),
        "service_platforms": len(decl.infrastructure.service_platforms),
    }


def _industry_facts(
    decl: IndustryDeclaration, rule_set: RuleSet, region: str | None
) -> tuple[Counts, Shares]:
    companies = decl.industrial_base.companies
    tiers = {t.id: t for t in rule_set.industry.industrial_base.alternatives}
    rd_base = [c for c in companies if c.category == rule_set.industry.rd_innovation.rd_share_of]
    counts = _common(decl) | {"rd_companies": _with_rd(rd_base)}
    backbone, internet = tiers.get("backbone"), tiers.get("internet")
    top = tier_companies(companies, backbone, region) if backbone else None
    if top is not None:
        counts["backbone_companies"] = top
    if backbone and internet:
        mid = _between(companies, internet, backbone, region)
        if mid is not None:
            counts["mid_companies"] = mid
    return counts, {"rd_share_percent": (_with_rd(rd_base), len(rd_base))}


def _application_facts(decl: ApplicationDeclaration) -> tuple[Counts, Shares]:
    companies = decl.industrial_base.companies
    traditional = [c for c in companies if c.category == CompanyCategory.TRADITIONAL]
    counts = _common(decl) | {
        "internet_companies": sum(1 for c in companies if c.category == CompanyCategory.INTERNET),
        "traditional_companies": len(traditional),
    }
    shares = {
        "integrated_share_percent": (sum(1 for c in traditional if c.internet_integrated), len(traditional)),
        "it_department_share_percent": (_with_rd(traditional), len(traditional)),
    }
    return counts, shares


def _with_rd(companies: Sequence[Company]) -> int:
    return sum(1 for c in companies if c.rd_institution)


def _between(
    companies: Sequence[Company], lower: CompanyTier, upper: CompanyTier, region: str | None
) -> int | None:
    """Companies that reach ``lower``'s output level but not ``upper``'s (the form's 0.3–2 亿元 row)."""
    both = tier_companies(companies, lower, region)
    top = tier_companies(companies, upper, region)
    if both is None or top is None:
        return None
    return both - top


def _disagreements(ctx: Context, summary: BaseModel, counts: Counts, shares: Shares) -> Iterator[Finding]:
    for key, given in summary.model_dump(exclude_none=True).items():
        if key in counts and given != counts[key]:
            yield _disagreement(ctx, summary, key, "E-SUM-001", given=given, actual=counts[key])
        elif key in shares:
            part, total = shares[key]
            if total == 0:
                yield _disagreement(ctx, summary, key, "E-SUM-003", given=measures.number(given))
            elif not percent_agrees(given, Fraction(part, total)):
                yield _disagreement(
                    ctx,
                    summary,
                    key,
                    "E-SUM-002",
                    given=measures.number(given),
                    actual=measures.percent_of(part, total),
                )


def _disagreement(ctx: Context, summary: BaseModel, key: str, code: str, **params: object) -> Finding:
    """A finding at the summary field's own line, naming the field by its title on the form."""
    return finding_at(code, ctx.town.at("summary_counts", key), title=_title(summary, key), **params)


def _title(summary: BaseModel, key: str) -> str:
    return type(summary).model_fields[key].title or key


def percent_agrees(given: Decimal, exact: Fraction) -> bool:
    """Is ``given`` (percent, as typed) the exact share rounded half up to the places typed?"""
    exponent = given.as_tuple().exponent
    if not isinstance(exponent, int):
        return False
    places = max(0, -exponent)
    value = exact * 100
    with localcontext() as context:
        context.prec = 50
        precise = Decimal(value.numerator) / Decimal(value.denominator)
        rounded = precise.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded == given
