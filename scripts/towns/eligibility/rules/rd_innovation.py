"""研发创新 (seed §4.2(5), §4.3(5))."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from towns.eligibility import measures, terms
from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules.base import (
    Rule,
    bound_text,
    count_check,
    inclusivity_example,
    region_note,
    share_check,
    share_text,
)
from towns.models.program import Region
from towns.models.rules import RdRules
from towns.models.values import CompanyCategory, PartnerKind, PlatformKind

SECTION = "rd_innovation"
COMPANIES = ("industrial_base", "companies")  # the list of companies, read for shares and partners
RD_WHAT = {
    CompanyCategory.INTERNET: "建立研发机构的互联网企业",
    CompanyCategory.TRADITIONAL: "建立互联网研发或 IT 部门的传统企业",
}


class RdInnovation(Rule[RdRules]):
    """研发创新（产业型：方案 4.2(5)；应用型：方案 4.3(5)）。

    产业型：小镇内 20% 以上的互联网企业建立研发机构；有 3 个以上众创空间、创业学院、创业咖啡、
    孵化器等创业创新服务平台；10 家以上企业与高校、科研院所、互联网领军企业开展研发合作。
    应用型：30% 以上的传统企业建立互联网研发或 IT 部门；有 1 个以上创业创新服务平台；3 家以上
    企业与科研实力强的高校、科研院所、互联网创新型企业开展研发合作。
    比例按企业名单精确计算（分数，不四舍五入），分母为名单中该类企业的家数，没有该类企业时
    比例无法计算，按不符合处理；研发合作按企业计数，一家企业有多项合作也只计一家。
    """

    id = "rd_innovation"
    code_prefix = "ELIG-05"

    def requirement(self, params: RdRules, region: Region | None) -> str:
        note = region_note((params.rd_share_percent, params.platforms, params.cooperating_companies), region)
        return (
            f"{RD_WHAT[params.rd_share_of]}占比{share_text(params.rd_share_percent, region)}；"
            f"{params.platform_kinds.wording(PlatformKind.label_of)}创业创新服务平台"
            f"{bound_text(params.platforms, region, '个')}；"
            f"与{params.partner_kinds.wording(PartnerKind.label_of)}开展研发合作的企业"
            f"{bound_text(params.cooperating_companies, region, '家')}{note}"
        )

    def evaluate(self, ctx: Context, params: RdRules) -> Outcome:
        decl = ctx.declaration
        companies = decl.industrial_base.companies
        base = [c for c in companies if c.category == params.rd_share_of]
        with_rd = sum(1 for c in base if c.rd_institution)
        platform_matches = [
            terms.match_choice(params.platform_kinds, p.kind) for p in decl.rd_innovation.platforms
        ]
        platforms = sum(1 for m in platform_matches if m.counts)
        cooperating = sum(
            1
            for c in companies
            if any(terms.match_choice(params.partner_kinds, k.partner_kind).counts for k in c.cooperations)
        )
        what = params.rd_share_of.label
        checks = (
            share_check(
                ctx,
                params.rd_share_percent,
                with_rd,
                len(base),
                code="ELIG-051",
                where=COMPANIES,
                what=what,
            ),
            count_check(
                ctx,
                params.platforms,
                platforms,
                code="ELIG-052",
                where=(SECTION, "platforms"),
                unit="个",
            ),
            count_check(
                ctx,
                params.cooperating_companies,
                cooperating,
                code="ELIG-053",
                where=COMPANIES,
                unit="家",
            ),
        )
        actual = (
            f"{RD_WHAT[params.rd_share_of]} {measures.percent_of(with_rd, len(base))}；"
            f"创业创新服务平台 {platforms} 个；开展研发合作的企业 {cooperating} 家"
        )
        advisories = (*_platform_advisories(ctx, params), *_partner_advisories(ctx, params))
        return self.outcome(ctx, params, actual, checks, (SECTION,), advisories=advisories)

    def examples(self, params: RdRules, region: Region | None) -> list[str]:
        bound = params.rd_share_percent.value_for(region.id if region else None)
        out = []
        if bound is not None:
            out.append(
                f"{RD_WHAT[params.rd_share_of]}占比门槛 {measures.number(bound)}%：名单中 10 家该类企业，"
                f"需至少 {_needed(bound, 10, inclusive=params.rd_share_percent.inclusive)} 家建立。"
            )
        example = inclusivity_example(params.platforms, region, "创业创新服务平台", "个")
        return [*out, *([example] if example else [])]


def _needed(bound_percent: Decimal, total: int, *, inclusive: bool) -> int:
    """The smallest count out of ``total`` that meets a percent bound (for the worked example)."""
    limit = Fraction(bound_percent) / 100
    for count in range(total + 1):
        value = Fraction(count, total)
        if value > limit or (inclusive and value == limit):
            return count
    return total


def _platform_advisories(ctx: Context, params: RdRules) -> list[Check]:
    kinds = params.platform_kinds
    entries = [
        (
            terms.match_choice(kinds, platform.kind),
            (SECTION, "platforms", index, "kind"),
            f"平台“{platform.name}”（{platform.kind.label}）",
        )
        for index, platform in enumerate(ctx.declaration.rd_innovation.platforms)
    ]
    return terms.advisories(kinds, entries, what="创业创新服务平台", name=PlatformKind.label_of)


def _partner_advisories(ctx: Context, params: RdRules) -> list[Check]:
    kinds = params.partner_kinds
    entries = [
        (
            terms.match_choice(kinds, cooperation.partner_kind),
            (*COMPANIES, index, "cooperations", number, "partner_kind"),
            f"企业“{company.name}”的合作单位“{cooperation.partner}”（{cooperation.partner_kind.label}）",
        )
        for index, company in enumerate(ctx.declaration.industrial_base.companies)
        for number, cooperation in enumerate(company.cooperations)
    ]
    return terms.advisories(kinds, entries, what="研发合作单位", name=PartnerKind.label_of)
