"""What an authority record in a pull request decides, as a block of the sticky comment.

The report's ``records`` (`towns.lifecycle.effects`) list, per record, the events replay derives
from it: towns entering or leaving lists, grades and what they trigger, namings and failed
acceptances, plus the waivers the record grants and the conclusions it lacks. A reviewer reads
first what merging the record does, then its findings. Every value is escaped (`markdown.text`).
"""

from __future__ import annotations

from collections import Counter

from towns.github.artifact import RecordEffect, ReportRecord
from towns.github.markdown import text

# What a reviewer should look at twice: consequences that take a town off its list or its tier.
CONSEQUENCES = frozenset({"demoted", "removed", "acceptance_failed", "not_selected"})
_DETAILS = (
    ("grade", "等次"),
    ("rule", "依据"),
    ("reason", "原因"),
    ("remark", "说明"),
    ("attempt", "申请次数"),
)


def _town(name: str, town: str) -> str:
    return f"{text(name, 80)}（{text(town, 60)}）"


def _effect_row(effect: RecordEffect) -> str:
    town = _town(effect.town_name, effect.town)
    mark = "⚠️ " if effect.event in CONSEQUENCES else ""
    shown = [
        f"{label}：{text(str(effect.details[key]).rstrip('。'), 200)}"
        for key, label in _DETAILS
        if key in effect.details
    ]
    what = f"{mark}{text(effect.title, 40)}"
    return f"| {town} | {what} | {'；'.join(shown) or '—'} |"


def _summary(record: ReportRecord) -> str:
    """“年度考核 11 个（优秀 2、良好 3……）；降格为培育小镇 1 个；条件豁免 1 项”."""
    counts = Counter(e.title for e in record.effects)
    grades: dict[str, Counter[str]] = {}
    for e in record.effects:
        if "grade" in e.details:
            grades.setdefault(e.title, Counter())[str(e.details["grade"])] += 1
    parts = []
    for title, n in counts.items():
        by_grade = grades.get(title)
        shown = "（" + "、".join(f"{text(g, 20)} {k}" for g, k in by_grade.items()) + "）" if by_grade else ""
        parts.append(f"{text(title, 40)} {n} 个{shown}")
    if record.waivers:
        parts.append(f"条件豁免 {len(record.waivers)} 项")
    if record.missing_conclusions:
        parts.append(f"⚠️ 缺少审核意见的小镇 {len(record.missing_conclusions)} 个")
    return "；".join(parts) or "不改变任何小镇的状态"


def record_block(record: ReportRecord) -> tuple[list[str], list[str]]:
    """The header lines and the table rows of one record's block."""
    title = f"#### {text(record.kind_name, 20)}：`{text(record.file, 160)}`"
    if not record.read:
        return ["", title, "", "❌ 这份记录有必须修改的问题（见下），修改之前不计入任何小镇的状态。"], []
    head = ["", title, "", f"合并后：{_summary(record)}。"]
    rows = [_effect_row(e) for e in record.effects]
    rows += [
        f"| {_town(w.town_name, w.town)} | 🟦 豁免“{text(w.title, 40)}” | {text(w.reason, 300)} |"
        for w in record.waivers
    ]
    rows += [
        f"| {_town(m.town_name, m.town)} | ⚠️ 缺少审核意见 | {text('、'.join(m.missing), 300)} |"
        for m in record.missing_conclusions
    ]
    if rows:
        head += ["", "| 小镇 | 事项 | 说明 |", "|---|---|---|"]
    return head, rows
