"""Markdown for the job summary (and any Markdown viewer), in Chinese.

Every value is escaped with the eligibility renderer's cell escaping: applicants' text must never
close a table, open HTML or mention anyone. The per-town conditions table is the eligibility
renderer's own, so it is built in one place for every report.
"""

from __future__ import annotations

from towns.check import CheckResult
from towns.eligibility.render import eligibility_markdown
from towns.eligibility.render import escape_cell as escape
from towns.findings import Finding
from towns.report.text import towns_to_detail
from towns.summaries import TownSummary


def _finding_row(f: Finding) -> str:
    icon = "❌" if f.blocking else "⚠️"
    where = escape(f"{f.file}:{f.line}:{f.column}")
    hint = escape(f.hint) if f.hint else ""
    return f"| {icon} `{f.code}` | {where} | {escape(f.message)} | {hint} |"


def _town_section(town: TownSummary) -> list[str]:
    if town.eligibility is None:
        title = f"#### {escape(town.name or town.folder)}（{escape(town.id)}）"
        return [title, "", escape(town.eligibility_words), ""]
    return [f"#### {escape(town.name)}（{escape(town.id)}）", "", eligibility_markdown(town.eligibility)]


def render_markdown(result: CheckResult) -> str:
    errors = [f for f in result.findings if f.blocking]
    warnings = [f for f in result.findings if not f.blocking]
    head = "✅ 检查通过" if not errors else "❌ 检查未通过"
    lines = [
        f"### {head}",
        "",
        f"共检查 {len(result.towns)} 个小镇：{len(errors)} 个错误，{len(warnings)} 个提醒。",
        "",
    ]
    if result.findings:
        lines += ["| 类别 | 位置 | 问题 | 修改建议 |", "| --- | --- | --- | --- |"]
        lines += [_finding_row(f) for f in result.findings]
        lines.append("")
    if result.towns:
        lines += ["### 申报条件审查", ""]
        for town in towns_to_detail(result.towns):
            lines += _town_section(town)
    return "\n".join(lines).rstrip() + "\n"
