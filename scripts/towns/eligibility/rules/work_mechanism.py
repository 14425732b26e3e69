"""工作机制 (seed §4.2(1), §4.3(1))."""

from __future__ import annotations

from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules.base import Rule, choice_check
from towns.models.program import Region
from towns.models.rules import WorkMechanismRules
from towns.models.values import either

SECTION = "work_mechanism"


class WorkMechanism(Rule[WorkMechanismRules]):
    """工作机制（方案 4.2(1)、4.3(1)）。

    小镇所在地（市）、县（区）政府重视创建工作，成立由主要领导牵头、相关部门和小镇共同参与的
    创建领导工作机制；小镇要有明确的政府主管部门和日常管理机构，已有或正在组建负责小镇运营的
    专门服务团队。检查依据申报表“工作机制”一栏：是否建立工作协调机制及其牵头领导、政府主管部门、
    日常管理机构和运营服务团队的状态。
    """

    id = "work_mechanism"
    code_prefix = "ELIG-01"

    def requirement(self, params: WorkMechanismRules, region: Region | None) -> str:
        parts = ["有明确的政府主管部门和日常管理机构"]
        if params.coordination_mechanism_required:
            lead = "，写明牵头领导" if params.coordination_lead_required else ""
            parts.insert(0, f"已建立主要领导牵头的创建工作协调机制{lead}")
        parts.append(f"小镇运营专门服务团队{either(params.operations_team_accepted)}")
        return "；".join(parts)

    def evaluate(self, ctx: Context, params: WorkMechanismRules) -> Outcome:
        wm = ctx.declaration.work_mechanism
        lead_needed = params.coordination_lead_required and wm.coordination_mechanism
        team = wm.operations_team.label
        checks = (
            Check(
                ok=wm.coordination_mechanism or not params.coordination_mechanism_required,
                code="ELIG-011",
                where=(SECTION, "coordination_mechanism"),
            ),
            Check(
                ok=bool(wm.coordination_lead) or not lead_needed,
                code="ELIG-012",
                where=(SECTION, "coordination_lead"),
            ),
            choice_check(
                wm.operations_team,
                params.operations_team_accepted,
                "ELIG-013",
                (SECTION, "operations_team"),
                accepted=either(params.operations_team_accepted),
            ),
        )
        mechanism = f"已建立（{wm.coordination_lead}牵头）" if wm.coordination_mechanism else "未建立"
        if wm.coordination_mechanism and not wm.coordination_lead:
            mechanism = "已建立（未写明牵头领导）"
        actual = (
            f"协调机制{mechanism}；主管部门：{wm.competent_department}；"
            f"日常管理机构：{wm.management_body.name}；运营团队{team}"
        )
        return self.outcome(ctx, params, actual, checks, (SECTION,))

    def examples(self, params: WorkMechanismRules, region: Region | None) -> list[str]:
        accepted = either(params.operations_team_accepted)
        return [f"运营服务团队{accepted}均可；填“未建立”（none）则不符合。"]
