"""The home page: what the program is, progress against its targets, the latest decisions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from towns.models.values import TownType
from towns.site.data import Decision, SiteData
from towns.site.escape import cell, html, md
from towns.site.fmt import number, to_float

LATEST_DECISIONS = 5
DEMO_NOTICE = "本网站展示的小镇、单位、企业和数字均为虚构的演示数据，不代表任何真实的申报或审核结果。"


@dataclass(frozen=True, slots=True)
class ProgressRow:
    name: str
    actual: float | None
    target: float | None
    target_text: str
    note: str


def home_page(data: SiteData) -> str:
    p = data.program.province
    parts = [f"# {md(p.name)}{md(p.program_name)}"]
    if data.demo:
        parts.append(f'!!! warning "演示数据"\n\n    {DEMO_NOTICE}')
    parts += [
        _intro(data),
        "## 创建进展",
        progress_table(progress_rows(data.progress, data)),
        "## 最新决定",
        latest_decisions(data),
        "## 浏览",
        "- [全部小镇](towns/index.md) · [各地市小镇](cities/index.md)\n"
        "- [创建名单和培育名单](lists/index.md) · [年度考核结果](evaluations/index.md)"
        " · [示范小镇](named.md)\n"
        "- [申报指南](apply/index.md) · [申报条件](apply/conditions.md) · [检查结果代码](apply/codes.md)\n"
        "- [开放数据](data/index.md) · [决定订阅（Atom）](feed.xml)",
    ]
    return "\n\n".join(parts) + "\n"


def _intro(data: SiteData) -> str:
    p, t = data.program.province, data.program.targets
    types = Counter(e.declaration.type for e in data.towns)
    return (
        f"{md(p.authority)}组织开展{md(p.program_name)}，创建产业型和应用型两类互联网+小镇："
        "产业型小镇以互联网产业集聚为特色，应用型小镇推动传统产业与互联网深度融合。"
        f"目标是 {t.years} 年内创建产业型小镇 {t.industry_towns.count} 个、"
        f"应用型小镇 {t.application_towns.count} 个，"
        f"培育创新型互联网中小企业 {t.innovative_smes.count} 家。小镇实行创建制，创建期为 "
        f"{data.program.creation_period_years} 年，按照“自愿申报、分批审核、年度考核、验收命名”的程序组织。"
        f"\n\n本登记库收录 {len(data.towns)} 个小镇的申报材料（产业型 {types[TownType.INDUSTRY]} 个、"
        f"应用型 {types[TownType.APPLICATION]} 个），全部数据可在[开放数据](data/index.md)下载。"
    )


def progress_rows(progress: dict[str, Any], data: SiteData) -> list[ProgressRow]:
    """Rows of the dashboard from the check's progress; targets alone when it has none yet."""
    rows = [_town_row(item) for item in (progress.get("towns") or {}).values() if isinstance(item, dict)]
    rows += [_metric_row(item) for item in progress.get("metrics") or [] if isinstance(item, dict)]
    if rows:
        return rows
    t = data.program.targets
    return [
        ProgressRow(c.name, None, float(c.count), str(c.count), "")
        for c in (t.industry_towns, t.application_towns, t.innovative_smes, t.backbone_companies)
    ]


def _town_row(item: dict[str, Any]) -> ProgressRow:
    """Towns count as done when named; those still being created are shown beside."""
    note = f"创建中 {item.get('creation', 0)} 个，培育中 {item.get('cultivation', 0)} 个"
    return ProgressRow(
        str(item.get("name", "")),
        to_float(item.get("named", 0)),
        to_float(item.get("target")),
        number(item.get("target")),
        f"已命名 {number(item.get('named', 0))} 个；{note}",
    )


def _metric_row(item: dict[str, Any]) -> ProgressRow:
    target = number(item.get("target"))
    if item.get("target_max") is not None:
        target = f"{target}–{number(item['target_max'])}"
    to_date = item.get("to_date")
    note = (
        f"截至今日累计 {number(to_date)}（含目标期后）"
        if to_date is not None and to_date != item.get("actual")
        else ""
    )
    return ProgressRow(
        str(item.get("name", "")), to_float(item.get("actual")), to_float(item.get("target")), target, note
    )


def progress_table(rows: list[ProgressRow]) -> str:
    lines = ["| 目标 | 目标值 | 当前 | 完成进度 | 说明 |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        cols = [cell(row.name), md(row.target_text), _actual(row), _bar(row), cell(row.note or "—")]
        lines.append("| " + " | ".join(cols) + " |")
    return "\n".join(lines)


def _actual(row: ProgressRow) -> str:
    return "—" if row.actual is None else number(round(row.actual, 2))


def _bar(row: ProgressRow) -> str:
    if row.actual is None or not row.target:
        return "—"
    share = max(0.0, min(1.0, row.actual / row.target))
    label = f"{row.name}：完成 {share:.0%}"
    return (
        f'<progress class="towns-progress" value="{share * 100:.0f}" max="100" aria-label="{html(label)}">'
        f"{share:.0%}</progress> {share:.0%}"
    )


def latest_decisions(data: SiteData) -> str:
    decisions = data.decisions[:LATEST_DECISIONS]
    if not decisions:
        return "尚无公布的决定。"
    return "\n".join(f"- {md(d.date)}：[{md(d.title)}]({decision_page(d)})" + _number(d) for d in decisions)


def _number(d: Decision) -> str:
    return f"（{md(d.document_number)}）" if d.document_number else ""


def decision_page(d: Decision) -> str:
    """The page that shows a decision, as a source path relative to the site root."""
    if d.kind == "batch":
        return f"lists/{d.year}.md"
    if d.kind == "evaluation":
        return f"evaluations/{d.year}.md"
    return "named.md"
