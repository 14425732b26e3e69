"""`towns record evaluation <year>`: the year's evaluation sheet (seed §4.5).

Every town on a list at the end of the year is evaluated (the same rule that makes its annual
report due); each entry shows that year's report beside the grade to fill in, and the grades of
the town's tier from program data.
"""

from __future__ import annotations

import datetime as dt

from towns.lifecycle.paths import Kind, evaluation_path
from towns.lifecycle.summary import IndicatorRow
from towns.models.values import Tier
from towns.record.facts import report_line, town_line
from towns.record.state import RecordError, RegistryState
from towns.record.text import blank, comments, generated_by, record_head, with_note
from towns.registry import Town


def evaluated(state: RegistryState, year: int) -> list[tuple[Town, Tier]]:
    """The towns on a list on 31 December of ``year``, with the tier they were in then."""
    end = dt.date(year, 12, 31)
    out = []
    for town in state.readable:
        for membership in state.life(town).memberships:
            if membership.covers_day(end):
                out.append((town, membership.tier))
                break
    return out


def evaluation(state: RegistryState, year: int) -> tuple[str, list[str]]:
    """The path and lines of the evaluation results of ``year``."""
    towns = evaluated(state, year)
    if not towns:
        raise RecordError(f"{year} 年底没有在创建名单或培育名单中的小镇，无需年度考核")
    rel = evaluation_path(year)
    deadline = state.program.annual_report_deadline.in_year(year + 1)
    lines = [
        *record_head(
            rel,
            Kind.EVALUATION,
            [
                f"{year} 年度考核结果（方案 4.5），由省经济和信息化委公布；"
                "等次及其后果见 program.yaml 的 evaluation",
                generated_by(f"evaluation {year}", state.today) + "："
                f"{year} 年底在名单中的小镇共 {len(towns)} 个，每个小镇一条。",
                "请为每个小镇填写考核等次（每条旁边列出该名单可选的等次）；"
                "需要说明时在 grade 下加一行 remark: 考核意见。",
                f"年度发展情况报告截止 {deadline.isoformat()}；未报送的小镇注明“尚未报送”。",
            ],
        ),
        f"year: {year}",
        with_note(f"date: {state.today.isoformat()}", f"公布日期：须在 {year} 年结束之后，请核对"),
        f"document_number: {blank('公布考核结果的文件文号')}",
        "results:",
    ]
    for town, tier in towns:
        lines += _entry(state, town, tier, year)
    return rel, lines


def _not_filed(state: RegistryState, rows: dict[int, IndicatorRow], year: int) -> list[str]:
    """The missing report said as such (overdue after its deadline), with the latest one filed."""
    deadline = state.program.annual_report_deadline.in_year(year + 1)
    late = "，已逾期" if state.today > deadline else ""
    out = [f"{year} 年度发展情况报告尚未报送（截止 {deadline.isoformat()}{late}）"]
    earlier = [y for y in rows if y < year]
    if earlier:
        out.append("最近一次：" + report_line(rows[max(earlier)]))
    return out


def _entry(state: RegistryState, town: Town, tier: Tier, year: int) -> list[str]:
    summary = state.result.towns[town.id]
    rows = {row.year: row for row in summary.indicators}
    reports = [report_line(rows[year])] if year in rows else _not_filed(state, rows, year)
    grades = [g for g in summary.grades if g.year < year]
    previous = f"上一次考核：{grades[-1].year} 年度 {grades[-1].grade}" if grades else "此前没有考核结果"
    scale = state.program.evaluation.scale(tier)
    allowed = " / ".join(g.name for g in scale.grades)
    return [
        with_note(f"  - town: {town.id}", f"{town_line(state.program, town)}，{tier.label}"),
        *comments([*reports, previous], "    "),
        with_note(f"    grade: {blank('考核等次')}", f"{scale.name}可选：{allowed}"),
    ]
