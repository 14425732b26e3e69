"""Markdown for the job summary and the pull-request comment, in Chinese.

Every value is escaped: applicants' text must never close a table, open HTML or mention anyone.
"""

from __future__ import annotations

import html
import re

from towns.check import CheckResult
from towns.findings import Finding
from towns.report.text import towns_to_detail

_STATUS = {"pass": "✅ 符合", "fail": "❌ 不符合", "warning": "⚠️ 提醒", "waived": "🟦 已豁免"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def escape(value: object) -> str:
    """Make any value inert inside a Markdown table cell."""
    text = html.escape(str(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("@", "@\u200b").replace("\r", " ").replace("\n", " ")
    return text


def _finding_row(f: Finding) -> str:
    icon = "❌" if f.blocking else "⚠️"
    where = escape(f"{f.file}:{f.line}:{f.column}")
    hint = escape(f.hint) if f.hint else ""
    return f"| {icon} `{f.code}` | {where} | {escape(f.message)} | {hint} |"


def _town_table(town: dict[str, object]) -> list[str]:
    elig = town.get("eligibility")
    if not isinstance(elig, dict):
        return []
    verdict = "✅ 符合申报条件" if elig.get("eligible") else "❌ 不符合申报条件"
    lines = [
        f"#### {escape(town.get('name'))}（{escape(town.get('id'))}）：{verdict}",
        "",
        "| 条件 | 条款 | 要求 | 申报情况 | 结论 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in elig.get("conditions", []):
        status = _STATUS.get(str(c.get("status")), escape(c.get("status")))
        waiver = c.get("waiver")
        if isinstance(waiver, dict):
            status += f"（{escape(waiver.get('reference'))}）"
        lines.append(
            f"| {escape(c.get('title'))} | {escape(c.get('clause'))} | {escape(c.get('required'))} "
            f"| {escape(c.get('actual'))} | {status} |"
        )
    return [*lines, ""]


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
            lines += _town_table(town)
    return "\n".join(lines).rstrip() + "\n"
