"""申报主体 (seed §4.1(1); narrowed by the 2018 guide)."""

from __future__ import annotations

from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules.base import Rule
from towns.models.program import Region
from towns.models.rules import ApplicantRules, RuleSet
from towns.models.values import Unspecified, either

WHERE = ("applicant", "kind")


class Applicant(Rule[ApplicantRules]):
    """申报主体（方案 4.1(1)）。

    2016 年方案：由特色小镇管理机构（县、镇级人民政府，或工业园区、高新区、保税区、旅游区
    日常管理机构等）作为申报主体报送申报材料。2018 年申报指南改为由县（区）级人民政府申报。
    每个小镇按其申报批次适用的规则审查，后来批次收紧申报主体，不影响此前批次已受理的申报。
    申报主体类型填写在申报表“申报单位”的 kind 字段。
    """

    id = "applicant"
    code_prefix = "ELIG-08"

    def select(self, rule_set: RuleSet, town_type: str) -> ApplicantRules:
        return rule_set.applicant

    def requirement(self, params: ApplicantRules, region: Region | None) -> str:
        return f"申报主体为{either(params.kinds)}"

    def evaluate(self, ctx: Context, params: ApplicantRules) -> Outcome:
        kind = ctx.declaration.applicant.kind
        if kind is None:
            check = Check(
                ok=params.unspecified == Unspecified.ACCEPT,
                code="ELIG-082",
                where=("applicant",),
                discretionary=params.unspecified == Unspecified.WARN,
            )
            shown = "未注明申报主体类型"
        else:
            check = Check(
                ok=kind in params.kinds,
                code="ELIG-081",
                where=WHERE,
                params={
                    "value": kind.label,
                    "accepted": self.requirement(params, ctx.region),
                },
            )
            shown = kind.label
        actual = f"{ctx.declaration.applicant.name}（{shown}）"
        return self.outcome(ctx, params, actual, (check,), ("applicant",))

    def examples(self, params: ApplicantRules, region: Region | None) -> list[str]:
        if params.unspecified == Unspecified.ACCEPT:
            return ["本规则集下未填写申报主体类型（kind）也可以，建议如实填写。"]
        if params.unspecified == Unspecified.WARN:
            return [
                "本规则集下应填写申报主体类型（kind）；未填写时给出提醒，填写的类型不在上述范围内则不符合。"
            ]
        return ["本规则集下必须填写申报主体类型（kind），且须为上述类型之一。"]
