"""空间布局 (seed §4.2(2), §4.3(2))."""

from __future__ import annotations

from towns.eligibility import measures
from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules.base import (
    Rule,
    bound_text,
    choice_check,
    field_count_check,
    inclusivity_example,
    region_note,
)
from towns.models.program import Region
from towns.models.rules import SpatialLayoutRules
from towns.models.values import either

SECTION = "spatial_layout"


class SpatialLayout(Rule[SpatialLayoutRules]):
    """空间布局（方案 4.2(2)、4.3(2)）。

    小镇要有相对集中的发展空间布局，原则上有明确的产业区域边界，或在现有产业园区内划定特别
    功能区；规划建设面积和其中核心区面积不少于规定亩数。应用型小镇的面积门槛按小镇
    所在地市所属的地区分别规定。政策写明面积“可酌情增减”：面积不足只给出提醒，不阻止申报；
    但“酌情”由省经济和信息化委在批次审核中逐个决定：面积不足的小镇列入创建名单或培育名单时，
    批次审核结果须写明对该条件的豁免及理由，豁免后显示为“已豁免”并注明依据。面积为 0、
    核心区大于规划建设面积，不是可以酌情的不足，判定为不符合。
    """

    id = "spatial_layout"
    code_prefix = "ELIG-02"

    def requirement(self, params: SpatialLayoutRules, region: Region | None) -> str:
        notes = [region_note((params.planned_area_mu, params.core_area_mu), region).strip("（）")]
        if params.planned_area_mu.discretionary or params.core_area_mu.discretionary:
            notes.append("面积可酌情增减")
        note = "；".join(n for n in notes if n)
        note = f"（{note}）" if note else ""
        return (
            f"{either(params.boundary_accepted)}；"
            f"规划建设面积{bound_text(params.planned_area_mu, region, '亩')}，"
            f"其中核心区{bound_text(params.core_area_mu, region, '亩')}{note}"
        )

    def evaluate(self, ctx: Context, params: SpatialLayoutRules) -> Outcome:
        layout = ctx.declaration.spatial_layout
        checks = (
            choice_check(layout.boundary, params.boundary_accepted, "ELIG-021", (SECTION, "boundary")),
            field_count_check(
                ctx, params, SECTION, "planned_area_mu", code="ELIG-022", unit="亩", what="规划建设面积"
            ),
            field_count_check(
                ctx, params, SECTION, "core_area_mu", code="ELIG-023", unit="亩", what="核心区面积"
            ),
            Check(
                ok=layout.core_area_mu <= layout.planned_area_mu,
                code="AREA-001",
                where=(SECTION, "core_area_mu"),
                reported=True,
            ),
        )
        actual = (
            f"{layout.boundary.label}；规划 {measures.number(layout.planned_area_mu)} 亩，"
            f"核心区 {measures.number(layout.core_area_mu)} 亩"
        )
        return self.outcome(ctx, params, actual, checks, (SECTION,))

    def examples(self, params: SpatialLayoutRules, region: Region | None) -> list[str]:
        out = [inclusivity_example(params.core_area_mu, region, "核心区", "亩")]
        if params.core_area_mu.discretionary:
            out.append(
                "核心区面积不足：给出提醒，不阻止提交申报；列入名单时，省里须在批次审核结果中"
                "写明豁免及理由（显示为“已豁免”），否则该批次审核结果有误。"
            )
            out.append("核心区面积为 0，或大于规划建设面积：不是可以酌情的不足，判定为不符合。")
        return [e for e in out if e]
