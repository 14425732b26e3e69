"""基础服务 / 基础设施 (seed §4.2(7), §4.3(7))."""

from __future__ import annotations

from towns.eligibility import measures, terms
from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules.base import (
    Rule,
    bound_text,
    count_check,
    field_count_check,
    inclusivity_example,
    region_note,
)
from towns.models.declaration import Infrastructure as InfrastructureFacts
from towns.models.program import Region
from towns.models.rules import InfrastructureRules
from towns.models.values import Coverage, ServicePlatformKind, names

SECTION = "infrastructure"
COVERAGE_FIELDS: dict[Coverage, str] = {
    Coverage.FIBRE: "fibre_full_coverage",
    Coverage.MOBILE_4G: "mobile_4g_full_coverage",
    Coverage.PUBLIC_WLAN: "public_wlan_full_coverage",
}


def covered(facts: InfrastructureFacts, coverage: Coverage) -> bool:
    return bool(getattr(facts, COVERAGE_FIELDS[coverage]))


class Infrastructure(Rule[InfrastructureRules]):
    """基础服务（产业型，方案 4.2(7)）／基础设施（应用型，方案 4.3(7)）。

    小镇交通便利，公共服务、生活配套基本设施完备；拥有 3 家以上创投基金、融资服务、人才培训、
    技术咨询等平台进驻，可以提供专业性公共服务；光纤接入达到 100M 以上，光纤、4G 信号、公共区域
    WLAN 热点全覆盖。平台按申报表逐一列出的名单计数；交通和生活配套由评审专家判断。
    """

    id = "infrastructure"
    code_prefix = "ELIG-07"

    def requirement(self, params: InfrastructureRules, region: Region | None) -> str:
        note = region_note((params.service_platforms, params.fibre_mbps), region)
        parts = [
            f"{params.service_platform_kinds.wording(ServicePlatformKind.label_of)}专业性公共服务平台"
            f"{bound_text(params.service_platforms, region, '家')}",
            f"光纤接入{bound_text(params.fibre_mbps, region, 'Mbps')}",
        ]
        if params.full_coverage:
            parts.append(f"{names(params.full_coverage)}全覆盖")
        return "；".join(parts) + note

    def evaluate(self, ctx: Context, params: InfrastructureRules) -> Outcome:
        facts = ctx.declaration.infrastructure
        kinds = params.service_platform_kinds
        matches = [terms.match_choice(kinds, p.kind) for p in facts.service_platforms]
        platforms = sum(1 for m in matches if m.counts)
        entries = [
            (m, (SECTION, "service_platforms", index, "kind"), f"平台“{p.name}”（{p.kind.label}）")
            for index, (p, m) in enumerate(zip(facts.service_platforms, matches, strict=True))
        ]
        advisories = terms.advisories(
            kinds, entries, what="专业性公共服务平台", name=ServicePlatformKind.label_of
        )
        checks = [
            count_check(
                ctx,
                params.service_platforms,
                platforms,
                code="ELIG-071",
                where=(SECTION, "service_platforms"),
                unit="家",
            ),
            field_count_check(ctx, params, SECTION, "fibre_mbps", code="ELIG-072", unit="Mbps"),
        ]
        checks += [
            Check(
                ok=covered(facts, kind),
                code="ELIG-073",
                where=(SECTION, COVERAGE_FIELDS[kind]),
                params={"what": kind.label},
            )
            for kind in params.full_coverage
        ]
        gaps = [k.label for k in COVERAGE_FIELDS if not covered(facts, k)]
        coverage = f"{'、'.join(gaps)}未全覆盖" if gaps else "光纤、4G、WLAN 均已全覆盖"
        fibre = measures.number(facts.fibre_mbps)
        actual = f"专业性公共服务平台 {platforms} 家；光纤接入 {fibre} Mbps；{coverage}"
        return self.outcome(ctx, params, actual, checks, (SECTION,), advisories=advisories)

    def examples(self, params: InfrastructureRules, region: Region | None) -> list[str]:
        example = inclusivity_example(params.fibre_mbps, region, "光纤接入", "Mbps")
        return [example] if example else []
