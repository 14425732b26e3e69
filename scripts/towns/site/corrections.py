"""The site's rendering of corrections (更正/补充) and late records (补录), kept apart from the pages.

A decision page shows the decision as it was published, then its corrections in their own section;
a town's history shows each correction as its own dated entry, and marks the entries of records
entered late. The words come from the lifecycle's history entries (`towns.lifecycle.history`).
"""

from __future__ import annotations

from towns.lifecycle.history import HistoryEntry
from towns.site.data import Decision, SiteData, rel
from towns.site.escape import cell
from towns.site.tables import region

NOTE = "以上为原公布的内容；此后的更正和补充见下文“更正和补充”，小镇的当前状态已据此推算。"


def corrections_section(data: SiteData, from_page: str, decision: Decision) -> list[str]:
    """The "更正和补充" section of a decision page: empty when the decision has none."""
    if not decision.corrections:
        return []
    lines = ["| 日期 | 种类 | 文号 | 小镇 | 内容 | 理由 |", "| --- | --- | --- | --- | --- | --- |"]
    for row in decision.corrections:
        e = row.entry
        town = data.town(row.town)
        name = f"[{cell(town.name)}]({rel(from_page, town.page)})" if town else cell(row.town)
        kind = cell(e.correction or "") + ("（补录）" if e.late_filing else "")
        lines.append(
            f"| {e.date.isoformat()} | {kind} | {cell(e.document_number or '—')} | {name} "
            f"| {cell(e.change or '—')} | {cell(e.reason or '—')} |"
        )
    table = region("\n".join(lines), "更正和补充", wide=True)
    return [NOTE, f"## 更正和补充（{len(decision.corrections)} 项）", table]


def late_mark(entry: HistoryEntry) -> str:
    """“（补录）” after the title of an entry from a record entered late."""
    return "（补录）" if entry.late_filing else ""
