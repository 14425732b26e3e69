"""政策配套 (seed §4.2(6), §4.3(6))."""

from __future__ import annotations

from towns.eligibility import measures
from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules.base import Rule, choice_check
from towns.models.program import Region
from towns.models.rules import MatchingRatio, PolicyRules
from towns.models.values import either

SECTION = "policy_support"


def ratio_requirement(ratio: MatchingRatio) -> str:
    word = "不低于" if ratio.inclusive else "高于"
    return f"{word} {measures.number(ratio.local)}:{measures.number(ratio.provincial)}"


class PolicySupport(Rule[PolicyRules]):
    """政策配套（方案 4.2(6)、4.3(6)）。

    小镇所在地级以上市（区）政府已出台或已开始研究制定小镇创建总体规划，明确扶持小镇发展的
    政策措施，并承诺按照省、市部分不低于 1:1 的比例安排资金用于互联网小镇创建工作。
    配套比例按申报表填写的“地方份数 : 省级份数”精确计算，例如 1.5:1 符合，0.8:1 不符合。
    """

    id = "policy_support"
    code_prefix = "ELIG-06"

    def requirement(self, params: PolicyRules, region: Region | None) -> str:
        plan = either(params.creation_plan_accepted)
        return (
            f"所在地级以上市（区）政府{plan}小镇创建总体规划；"
            f"承诺地方配套资金与省级资金比例{ratio_requirement(params.matching_funds)}"
        )

    def evaluate(self, ctx: Context, params: PolicyRules) -> Outcome:
        policy = ctx.declaration.policy_support
        funds = policy.matching_funds
        value = measures.ratio(funds.local, funds.provincial)
        given = f"{measures.number(funds.local)}:{measures.number(funds.provincial)}"
        plan = policy.creation_plan_status.label
        checks = (
            choice_check(
                policy.creation_plan_status,
                params.creation_plan_accepted,
                "ELIG-061",
                (SECTION, "creation_plan_status"),
            ),
            Check(
                ok=value is not None and params.matching_funds.met(value),
                code="ELIG-062" if value is not None else "ELIG-009",
                where=(SECTION, "matching_funds"),
                discretionary=params.matching_funds.discretionary and value is not None,
                params={
                    "value": given,
                    "required": ratio_requirement(params.matching_funds),
                    "what": "省级资金份数",
                },
            ),
        )
        actual = f"创建总体规划{plan}；配套比例 {given}"
        return self.outcome(ctx, params, actual, checks, (SECTION,))

    def examples(self, params: PolicyRules, region: Region | None) -> list[str]:
        ratio = params.matching_funds
        exact = f"{measures.number(ratio.local)}:{measures.number(ratio.provincial)}"
        verdict = "符合（含本数）" if ratio.inclusive else "不符合（须高于该比例）"
        return [f"承诺比例恰好 {exact}：{verdict}。"]
