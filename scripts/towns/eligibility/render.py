"""One town's eligibility as a Chinese table (Markdown) or as terminal lines.

Both take the `Eligibility` object or its JSON form (``as_dict()``), so the reporters, which work
on the JSON report, and tests can use the same functions. Every value is escaped for Markdown: an
applicant's text must never break the table, open HTML or mention anyone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from towns.eligibility.verdict import VERDICT_WORDS, Eligibility

ICONS = {"pass": "✅", "fail": "❌", "warning": "⚠️", "waived": "🟦"}
WORDS = {"pass": "符合", "fail": "不符合", "warning": "提醒", "waived": "已豁免"}
HEADER = ("条件", "条款", "要求", "申报情况", "结论")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")

EligibilityLike = Eligibility | Mapping[str, Any]


def _data(elig: EligibilityLike) -> Mapping[str, Any]:
    return elig.as_dict() if isinstance(elig, Eligibility) else elig


def escape_cell(value: object) -> str:
    """Inert inside a table cell: HTML escaped, Markdown specials and ``|`` backslashed, one line."""
    text = html.escape(str(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u200b").replace("\r", " ").replace("\n", " ")


def status_text(condition: Mapping[str, Any]) -> str:
    """✅ 符合 / ❌ 不符合 / ⚠️ 提醒 / 🟦 已豁免（依据）."""
    status = str(condition.get("status"))
    text = f"{ICONS.get(status, '')} {WORDS.get(status, status)}".strip()
    waiver = condition.get("waiver")
    if status == "waived" and isinstance(waiver, Mapping):
        text += f"（{waiver.get('reference')}）"
    return text


def verdict_text(elig: EligibilityLike) -> str:
    return VERDICT_WORDS[bool(_data(elig).get("eligible"))]


def eligibility_markdown(elig: EligibilityLike) -> str:
    """The conditions table: 条件 | 条款 | 要求 | 申报情况 | 结论, then the overall verdict."""
    data = _data(elig)
    rows = [f"| {' | '.join(HEADER)} |", "| --- | --- | --- | --- | --- |"]
    for c in data.get("conditions", []):
        cells = (c.get("title"), c.get("clause"), c.get("required"), c.get("actual"), status_text(c))
        rows.append("| " + " | ".join(escape_cell(v) for v in cells) + " |")
    icon = "✅" if data.get("eligible") else "❌"
    rows += ["", f"{icon} **{verdict_text(data)}**（适用规则：{escape_cell(data.get('rule_set'))}）"]
    return "\n".join(rows) + "\n"


def eligibility_text(elig: EligibilityLike) -> list[str]:
    """Terminal lines: the verdict, then one line per condition with what is required and declared."""
    data = _data(elig)
    lines = [f"申报条件（{data.get('rule_set')}）：{verdict_text(data)}"]
    for c in data.get("conditions", []):
        lines.append(f"  {status_text(c)}  {c.get('clause')} {c.get('title')}")
        lines.append(f"      要求：{c.get('required')}")
        lines.append(f"      申报：{c.get('actual')}")
    return lines
