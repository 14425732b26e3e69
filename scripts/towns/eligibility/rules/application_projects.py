"""应用项目 (seed §4.2(4), §4.3(4))."""

from __future__ import annotations

from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules.base import Rule, bound_text, count_check
from towns.models.declaration import ApplicationProject
from towns.models.program import Region
from towns.models.rules import ProjectRules
from towns.models.values import either

SECTION = "application_projects"
_PREFIXES = ("互联网+", "互联网＋")


def domain_of(project: ApplicationProject) -> str:
    """“互联网+制造” and “制造” name the same domain."""
    text = project.domain.strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


class ApplicationProjects(Rule[ProjectRules]):
    """应用项目（产业型：方案 4.2(4)；应用型：方案 4.3(4)）。

    产业型小镇以小镇为中心，在“互联网+制造、农业、金融、物流、商务、交通、政务、民生”等领域
    提供信息化解决方案；应用型小镇在医疗、健康、养老、教育、文化、社会保障、社区服务等民生
    领域实施特色示范项目。申报表逐一列出已经实施或正在实施的示范项目及其应用领域；应用领域
    在规定范围内的项目才计入。示范和带动作用由评审专家判断，本检查只核对项目的领域和状态。
    """

    id = "application_projects"
    code_prefix = "ELIG-04"

    def requirement(self, params: ProjectRules, region: Region | None) -> str:
        statuses = either(params.statuses)
        count = bound_text(params.projects, region, "个")
        return f"在{'、'.join(params.domains)}等领域{statuses}的示范项目{count}"

    def evaluate(self, ctx: Context, params: ProjectRules) -> Outcome:
        projects = ctx.declaration.application_projects
        in_domain = [domain_of(p) in params.domains for p in projects]
        counted = sum(
            1 for p, ok in zip(projects, in_domain, strict=True) if ok and p.status in params.statuses
        )
        check = count_check(ctx, params.projects, counted, code="ELIG-041", where=(SECTION,), unit="个")
        advisories = tuple(
            Check(
                ok=False,
                code="ELIG-042",
                where=(SECTION, index, "domain"),
                params={"value": p.domain, "name": p.name, "domains": "、".join(params.domains)},
            )
            for index, (p, ok) in enumerate(zip(projects, in_domain, strict=True))
            if not ok
        )
        actual = f"符合领域的示范项目 {counted} 个（共列出 {len(projects)} 个）"
        return Outcome(
            required=self.requirement(params, ctx.region),
            actual=actual,
            checks=(check,),
            where=(SECTION,),
            advisories=advisories,
        )

    def examples(self, params: ProjectRules, region: Region | None) -> list[str]:
        return [
            f"应用领域写“{params.domains[0]}”或“互联网+{params.domains[0]}”均可；"
            "不在上述领域的项目不计入，并给出提醒。"
        ]
