"""What a reviewer reads beside the blanks: a town's verdicts, reports and targets, as comment lines.

All of it is derived from the registry (the eligibility verdicts, the annual reports, the
declaration's creation plan), never typed into the record: the record keeps only the decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from towns.eligibility import Eligibility
from towns.eligibility.judgements import RequiredJudgement
from towns.eligibility.measures import number
from towns.lifecycle.summary import IndicatorRow
from towns.lifecycle.targets import TargetComparison
from towns.models.program import Program
from towns.models.records import Indicators
from towns.models.values import Conclusion, either
from towns.record.text import blank, comments, with_note
from towns.registry import Town, city_of

MARKS = {"pass": "符合", "fail": "不符合", "warning": "未达到（可酌情增减）", "waived": "已豁免"}
# The indicators shown in a one-line summary of an annual report, in this order.
SHOWN = (
    "investment_completed_wan",
    "internet_output_wan",
    "internet_companies",
    "backbone_companies",
    "leading_companies",
    "new_innovative_smes",
    "platforms",
    "demonstration_projects",
)


def town_line(program: Program, town: Town) -> str:
    """“云谷互联网小镇（虚构），广州市黄埔区，产业型，2016 年批次”."""
    d = town.declaration
    if d is None:
        return town.id
    city = city_of(program, town)
    where = f"{city.name if city else ''}{d.district}"
    return f"{d.name}，{where}，{d.type.label}，{d.batch} 年批次"


def eligibility_lines(verdict: Eligibility | None, *, compact: bool = False) -> list[str]:
    """The automatic verdict per condition, for a reviewer to confirm.

    ``compact`` (a batch of many towns) details only the conditions not simply met.
    """
    if verdict is None:
        return ["申报条件：未能自动核对（申报批次没有适用的规则集）"]
    met = sum(1 for c in verdict.conditions if c.status == "pass")
    head = f"申报条件自动核对（{verdict.rule_set} 规则集）：{verdict.verdict}"
    shown = [c for c in verdict.conditions if not compact or c.status != "pass"]
    if compact:
        head += f"，{len(verdict.conditions)} 项中 {met} 项符合"
    return [
        head,
        *(f"  {c.clause} {c.title}：{MARKS[c.status]}。要求{c.required}；申报{c.actual}" for c in shown),
    ]


def report_line(row: IndicatorRow) -> str:
    """One year's report in a line: 完成投资 28520 万元（计划 31000 万元）；互联网产业产值 …"""
    parts = []
    for key in SHOWN:
        title = _title(key)
        value = number(getattr(row.indicators, key))
        if key == "investment_completed_wan" and row.investment_planned_wan is not None:
            value += f"（计划 {number(row.investment_planned_wan)}）"
        parts.append(f"{title} {value}")
    return f"{row.year} 年度报告（{row.filed_on.isoformat()} 报送）：" + "；".join(parts)


def _title(key: str) -> str:
    return Indicators.model_fields[key].title or key


def judgement_legend(needed: Sequence[RequiredJudgement]) -> list[str]:
    """Each judgement once: its clause, the question to answer and the seed's own words."""
    lines = []
    for j in needed:
        lines += [
            f"{j.id}（{j.clause} {j.condition_title} · {j.title}）：{j.judgement.question}",
            f"  方案原文：{j.judgement.quote}",
        ]
    return lines


def conclusion_block(needed: Sequence[RequiredJudgement], indent: str, *, explain: bool = True) -> list[str]:
    """A conclusion entry per judgement with the declared facts to read (and, with ``explain``,
    the question and the seed's words; a batch of many towns gives those once, in its header).
    """
    lines: list[str] = []
    for j in needed:
        notes = [f"{j.clause} {j.condition_title} · {j.title}：{j.judgement.question}"] if explain else []
        if explain:
            notes.append(f"  方案原文：{j.judgement.quote}")
        pad = "  " if explain else ""
        notes += [f"{pad}申报表 {label}：{_short(value)}" for label, value in j.facts]
        lines += comments(notes, indent)
        lines += [
            f"{indent}- judgement: {j.id}",
            with_note(f"{indent}  conclusion: {blank('：' + either(Conclusion))}", "审核结论"),
            f"{indent}  reason: {blank('理由')}",
        ]
    return lines


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def comparison_lines(comparison: TargetComparison) -> list[str]:
    """The creation targets beside the reported figures, as a reviewer compares them at acceptance."""
    lines = [f"总体目标：{_short(comparison.goal, 200)}", "重点建设项目："]
    for i, p in enumerate(comparison.projects, start=1):
        lines.append(f"  {i}. {p.name}：总投资 {number(p.investment_wan)} 万元，用地 {number(p.land_mu)} 亩")
    lines.append("投资（万元）：年度 计划 / 完成")
    for year in comparison.investment:
        lines.append(f"  {year.year} 年：{_amount(year.planned)} / {_amount(year.completed)}")
    lines.append(f"  合计：{number(comparison.planned_total)} / {number(comparison.completed_total)}")
    if comparison.targets:
        lines.append("创建目标指标：目标 / 实际（依据）")
        for row in comparison.targets:
            met = {True: "已达到", False: "未达到", None: "无数据"}[row.met]
            actual = "—" if row.actual is None else number(row.actual)
            lines.append(f"  {row.title}：{number(row.target)} / {actual}（{row.basis}）{met}")
    else:
        lines.append("创建目标指标：申报表未填写可量化的创建目标（创建工作方案要点 › 创建目标指标）")
    return lines


def _amount(value: Decimal | None) -> str:
    return "—" if value is None else number(value)
