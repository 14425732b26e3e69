"""Two sections of a town's page that come from the reviewers: 审核意见 and 创建目标完成情况.

审核意见 shows each conclusion of the city's recommendation and the province's batch review on the
conditions that need judgement (`towns.lifecycle.reviews`), apart from the automatic verdicts
above them. 创建目标完成情况 shows the declaration's creation targets beside the annual reports
(`towns.lifecycle.targets`), the comparison the province makes at acceptance.
"""

from __future__ import annotations

from collections.abc import Sequence

from towns.lifecycle.reviews import ReviewEntry
from towns.lifecycle.targets import TargetComparison, compare_targets
from towns.site.data import TownEntry
from towns.site.escape import cell, md_block
from towns.site.fmt import number
from towns.site.tables import region

MET = {True: "已达到", False: "未达到", None: "尚无数据"}


def reviews_section(reviews: Sequence[ReviewEntry]) -> str:
    """The reviewers' conclusions, oldest first; a sentence when there are none yet."""
    if not reviews:
        return "尚无审核意见：地市推荐和省分批审核对需要人工判断的条件给出结论后在此公布。"
    intro = "以下条件没有数量标准，由审核人员判断（上方“申报条件核对”是检查程序按申报表自动核对的结果）。"
    lines = [
        "| 审核环节 | 批次 | 审核事项 | 结论 | 理由 | 来源 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in reviews:
        mark = r.conclusion.label
        # A record's path holds only the characters its place allows (`lifecycle.paths`): as code,
        # it may break anywhere, so a long path never widens the table.
        source = f"`{r.file}:{r.line}`"
        lines.append(
            f"| {r.by_name} | {r.year} 年 | {cell(r.title)} | {mark} | {cell(r.reason)} | {source} |"
        )
    return intro + "\n\n" + region("\n".join(lines), "审核意见", wide=True)


def targets_section(entry: TownEntry) -> str:
    """The creation targets of the declaration beside the annual reports' figures."""
    comparison = compare_targets(entry.declaration, entry.summary.life.indicators)
    parts = [
        "总体目标：",
        md_block(comparison.goal),
        _investment(comparison),
        _quantified(comparison),
    ]
    return "\n\n".join(parts)


def _investment(comparison: TargetComparison) -> str:
    lines = ["| 年度 | 计划投资（万元） | 完成投资（万元） |", "| --- | --- | --- |"]
    for year in comparison.investment:
        lines.append(f"| {year.year} 年 | {number(year.planned)} | {number(year.completed)} |")
    lines.append(f"| 合计 | {number(comparison.planned_total)} | {number(comparison.completed_total)} |")
    return region("\n".join(lines), "计划投资与完成投资")


def _quantified(comparison: TargetComparison) -> str:
    if not comparison.targets:
        return "申报表没有填写可量化的创建目标指标。"
    lines = ["| 创建目标指标 | 目标 | 实际 | 依据 | 结果 |", "| --- | --- | --- | --- | --- |"]
    for row in comparison.targets:
        actual = number(row.actual)
        lines.append(
            f"| {cell(row.title)} | {number(row.target)} | {actual} | {cell(row.basis)} | {MET[row.met]} |"
        )
    return region("\n".join(lines), "创建目标指标")
