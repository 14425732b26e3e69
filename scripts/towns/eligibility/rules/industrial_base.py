"""产业基础 (seed §4.2(3) industry type, §4.3(3) application type)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from towns.eligibility import measures
from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules.base import (
    REGION_MISSING,
    Rule,
    bound_text,
    count_check,
    inclusivity_example,
    region_note,
    share_check,
    share_text,
)
from towns.models.declaration import Company
from towns.models.program import Region
from towns.models.rules import ApplicationBaseRules, CompanyTier, IndustryBaseRules
from towns.models.values import CompanyCategory

SECTION = ("industrial_base", "companies")


def tier_companies(companies: Sequence[Company], tier: CompanyTier, region: str | None) -> int | None:
    """How many listed companies of the tier's category reach its output level (None: no bound here).

    A company without a declared output never counts: the output is what the condition is about.
    """
    bound = tier.annual_output_wan.value_for(region)
    if bound is None:
        return None
    return sum(
        1
        for c in companies
        if c.category == tier.category
        and c.annual_output_wan is not None
        and tier.annual_output_wan.met(c.annual_output_wan, bound)
    )


def tier_requirement(tier: CompanyTier, region: Region | None) -> str:
    output = bound_text(tier.annual_output_wan, region, "万元")
    return f"{tier.label}（年产值{output}）{bound_text(tier.companies, region, '家')}"


class IndustryBase(Rule[IndustryBaseRules]):
    """产业基础（产业型，方案 4.2(3)）。

    互联网产业主导地位突出。小镇拥有 3 家以上互联网骨干企业（年产值 2 亿元以上），或 10 家以上
    互联网企业（年产值 3000 万元以上）：两个条件满足其一即可（具体门槛见下表）。只按企业名单
    逐家填写的年产值计算，不采用申报表中填写的汇总数；未填年产值的企业不计入。
    """

    id = "industrial_base"
    code_prefix = "ELIG-03"

    def requirement(self, params: IndustryBaseRules, region: Region | None) -> str:
        note = region_note(
            [t.companies for t in params.alternatives] + [t.annual_output_wan for t in params.alternatives],
            region,
        )
        return "，或".join(tier_requirement(t, region) for t in params.alternatives) + note

    def evaluate(self, ctx: Context, params: IndustryBaseRules) -> Outcome:
        companies = ctx.declaration.industrial_base.companies
        counts = [(tier, tier_companies(companies, tier, ctx.region_id)) for tier in params.alternatives]
        met = [self._tier_met(ctx, tier, n) for tier, n in counts]
        missing_bound = any(n is None for _, n in counts)
        check = Check(
            ok=any(met),
            code=REGION_MISSING if missing_bound and not any(met) else "ELIG-031",
            where=SECTION,
            discretionary=all(t.companies.discretionary for t in params.alternatives) and not missing_bound,
            params={
                "value": self._counted(counts),
                "required": self.requirement(params, ctx.region),
                "region": ctx.region.name if ctx.region else "未知地区",
            },
        )
        unknown = sum(1 for c in companies if c.annual_output_wan is None)
        actual = self._counted(counts) + (f"（另有 {unknown} 家未填年产值）" if unknown else "")
        return self.outcome(ctx, params, actual, (check,), SECTION)

    @staticmethod
    def _tier_met(ctx: Context, tier: CompanyTier, count: int | None) -> bool:
        bound = tier.companies.value_for(ctx.region_id)
        return count is not None and bound is not None and tier.companies.met(count, bound)

    @staticmethod
    def _counted(counts: list[tuple[CompanyTier, int | None]]) -> str:
        return "，".join(f"{tier.label} {'?' if n is None else n} 家" for tier, n in counts)

    def examples(self, params: IndustryBaseRules, region: Region | None) -> list[str]:
        if len(params.alternatives) < 2:
            return []
        first, second = params.alternatives[0], params.alternatives[1]
        return [
            f"只要满足“{tier_requirement(first, region)}”，"
            f"就不再要求“{tier_requirement(second, region)}”，反之亦然。",
            f"年产值达到{first.label}门槛的企业，同时计入{second.label}的家数（年产值更高）。",
        ]


class ApplicationBase(Rule[ApplicationBaseRules]):
    """产业基础（应用型，方案 4.3(3)）。

    小镇主导产业集聚、优势突出，拥有 3 家以上从事或应用互联网技术、产品和服务的企业，30% 以上
    传统企业与互联网融合渗透（利用互联网开展生产、营销、管理和服务）。比例按企业名单中
    传统企业的家数精确计算（分数，不四舍五入）：10 家中 3 家即 30%，符合“30% 以上”；
    10000 家中 2999 家为 29.99%，不符合。没有列出传统企业时比例无法计算，按不符合处理。
    """

    id = "industrial_base"
    code_prefix = "ELIG-03"

    def requirement(self, params: ApplicationBaseRules, region: Region | None) -> str:
        note = region_note((params.internet_companies, params.integrated_share_percent), region)
        return (
            f"从事或应用互联网技术、产品和服务的企业{bound_text(params.internet_companies, region, '家')}；"
            f"与互联网融合渗透的传统企业比例{share_text(params.integrated_share_percent, region)}{note}"
        )

    def evaluate(self, ctx: Context, params: ApplicationBaseRules) -> Outcome:
        companies = ctx.declaration.industrial_base.companies
        internet = sum(1 for c in companies if c.category == CompanyCategory.INTERNET)
        traditional = [c for c in companies if c.category == CompanyCategory.TRADITIONAL]
        integrated = sum(1 for c in traditional if c.internet_integrated)
        checks = (
            count_check(ctx, params.internet_companies, internet, code="ELIG-032", where=SECTION, unit="家"),
            share_check(
                ctx,
                params.integrated_share_percent,
                integrated,
                len(traditional),
                code="ELIG-033",
                where=SECTION,
                what="传统企业",
            ),
        )
        shown = measures.percent_of(integrated, len(traditional))
        actual = f"互联网企业 {internet} 家；融合渗透的传统企业 {shown}"
        return self.outcome(ctx, params, actual, checks, SECTION)

    def examples(self, params: ApplicationBaseRules, region: Region | None) -> list[str]:
        bound = params.integrated_share_percent.value_for(region.id if region else None)
        if bound is None:
            return []
        out = [
            f"比例按分数精确计算：门槛 {measures.number(bound)}% 时，恰好达到门槛的比例"
            + ("符合（含本数）。" if params.integrated_share_percent.inclusive else "不符合（须高于门槛）。")
        ]
        below = (Decimal(bound) * 100 - 1) / 100
        if below > 0:
            out.append(
                f"{measures.number(below)}%（如 10000 家中 {measures.number(below * 100)} 家）"
                "低于门槛，不符合。"
            )
        example = inclusivity_example(params.internet_companies, region, "互联网企业", "家")
        return [*out, *([example] if example else [])]
