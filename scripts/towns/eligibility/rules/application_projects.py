"""应用项目 (seed §4.2(4), §4.3(4))."""

from __future__ import annotations

from towns.eligibility import terms
from towns.eligibility.outcome import Context, Outcome
from towns.eligibility.rules.base import Rule, bound_text, count_check
from towns.models.program import Region
from towns.models.rules import ProjectRules
from towns.models.values import either

SECTION = "application_projects"


class ApplicationProjects(Rule[ProjectRules]):
    """应用项目（产业型：方案 4.2(4)；应用型：方案 4.3(4)）。

    产业型小镇以小镇为中心，在“互联网+制造、农业、金融、物流、商务、交通、政务、民生”等各领域
    提供信息化解决方案；应用型小镇在医疗、健康、养老、教育、文化、社会保障、社区服务等民生
    领域实施特色示范项目。申报表逐一列出已经实施或正在实施的示范项目及其应用领域。方案列举
    领域后写有“等”，列举是示例而不是全部：应用领域是列举的领域（可带“互联网+”前缀）、其细分
    领域（如“智能制造”属于制造）或方案的统称（如应用型的“民生”）时直接计入；其他领域也计入，
    并提醒评审专家确认该项目是否属于方案所说的领域。示范和带动作用由评审专家判断，本检查只
    核对项目的领域和状态。
    """

    id = "application_projects"
    code_prefix = "ELIG-04"

    def requirement(self, params: ProjectRules, region: Region | None) -> str:
        statuses = either(params.statuses)
        count = bound_text(params.projects, region, "个")
        umbrella = "、".join(params.domains.umbrella)
        return f"在{params.domains.wording()}{umbrella}领域{statuses}的示范项目{count}"

    def evaluate(self, ctx: Context, params: ProjectRules) -> Outcome:
        projects = ctx.declaration.application_projects
        matches = [terms.match_text(params.domains, p.domain) for p in projects]
        counted = sum(
            1 for p, m in zip(projects, matches, strict=True) if m.counts and p.status in params.statuses
        )
        check = count_check(ctx, params.projects, counted, code="ELIG-041", where=(SECTION,), unit="个")
        entries = [
            (m, (SECTION, index, "domain"), f"项目“{p.name}”的应用领域“{p.domain}”")
            for index, (p, m) in enumerate(zip(projects, matches, strict=True))
        ]
        advisories = terms.advisories(params.domains, entries, what="应用领域")
        review = sum(1 for m in matches if m.needs_review)
        note = f"，其中 {review} 个不在列举的领域中，待评审确认" if review else ""
        actual = f"计入的示范项目 {counted} 个（共列出 {len(projects)} 个{note}）"
        return self.outcome(ctx, params, actual, (check,), (SECTION,), advisories=advisories)

    def examples(self, params: ProjectRules, region: Region | None) -> list[str]:
        first = params.domains.examples[0]
        out = [f"应用领域写“{first}”“互联网+{first}”或“智能{first}”（细分领域）均计入。"]
        if params.domains.umbrella:
            out.append(f"应用领域写方案的统称“{params.domains.umbrella[0]}”也计入。")
        if params.domains.open:
            out.append("列举之外的领域（如“旅游”）也计入，并给出提醒，请评审专家确认。")
        else:
            out.append("列举之外的领域不计入，并给出提醒。")
        return out
