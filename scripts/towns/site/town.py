"""A town's page: summary, eligibility, timeline, annual indicators, report and attachments.

The contact person (name, phones, e-mail) is never read here: it is for the reviewers only.
"""

from __future__ import annotations

from collections.abc import Sequence

from towns.eligibility import Eligibility
from towns.lifecycle.history import HistoryEntry
from towns.lifecycle.summary import IndicatorRow
from towns.models.records import Indicators
from towns.models.values import Tier
from towns.site.charts import bar_chart
from towns.site.data import SiteData, TownEntry
from towns.site.escape import cell, md, md_block, url_path
from towns.site.files import Published
from towns.site.fmt import number, to_float

# The same words as the eligibility reports and the conditions page.
STATUS_NAMES = {"pass": "✅ 符合", "fail": "❌ 不符合", "warning": "⚠️ 提醒", "waived": "🟦 已豁免"}
DETAIL_NAMES = {
    "document_number": "文号",
    "department": "单位",
    "grade": "等次",
    "tier": "名单",
    "batch": "批次",
    "year": "年度",
    "rule": "依据",
    "title": "称号",
    "period_years": "创建期（年）",
}
CHART_FIELDS = ("internet_output_wan", "investment_completed_wan")


def town_page(data: SiteData, entry: TownEntry, report: str | None, attachments: Sequence[Published]) -> str:
    """The Markdown of one town's page; ``report`` is already-sanitised HTML (or None).

    The eligibility table (the same requirement texts on every page) and the indicator tables
    (numbers) are kept out of the search index: they make it larger and slower, not better.
    """
    d = entry.declaration
    parts = [
        f"# {md(d.name)}",
        summary_table(data, entry),
        "[打印申报表（A4）](form.md){ .md-button }",
        "## 基本情况",
        *_basic(entry),
        "## 申报条件核对 { data-search-exclude }",
        eligibility_table(entry.summary.eligibility, entry.summary.eligibility_words),
        "## 创建历程",
        timeline_table(entry.history),
        "## 年度发展指标 { data-search-exclude }",
        indicators_section(entry.summary.life.indicators),
        "## 申请报告",
        f'<div class="towns-report">\n{report}\n</div>' if report else "未提交申请报告。",
        "## 申报材料附件",
        attachment_list(attachments, entry.path),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def summary_table(data: SiteData, entry: TownEntry) -> str:
    d, s = entry.declaration, entry.summary
    rows = [
        ("小镇编号", md(entry.id)),
        ("小镇类型", d.type.label),
        ("所在地", md(f"{d.city} {d.district}")),
        ("所属地区", md(s.region_name or "—")),
        ("小镇地址", md(d.address)),
        ("申报批次", f"{d.batch} 年"),
        ("申报单位", md(d.applicant.name)),
        ("统一社会信用代码", md(d.applicant.uscc)),
        ("推荐单位", md(d.recommender.name)),
        ("填报日期", d.filing_date.isoformat()),
        ("当前状态", md(s.life.state_name or "—")),
        ("当前名单", s.life.tier_name or "—"),
        ("申报条件", md(s.eligibility_words)),
    ]
    city = data.program.cities_by_slug.get(entry.town.city_slug)
    if city is not None:
        rows.append(("地市页面", f"[{md(city.name)}](../../../cities/{city.slug}.md)"))
    return "| 项目 | 内容 |\n| --- | --- |\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)


def _basic(entry: TownEntry) -> list[str]:
    d = entry.declaration
    b, layout = d.basic_situation, d.spatial_layout
    return [
        f"规划建设面积 {number(layout.planned_area_mu)} 亩，其中核心区 {number(layout.core_area_mu)} 亩；"
        f"互联网产业产值 {number(d.industrial_base.internet_output_wan)} 万元；"
        f"企业名单 {len(d.industrial_base.companies)} 家；示范应用项目 {len(d.application_projects)} 个。",
        "### 小镇面积及范围",
        md_block(b.area_description),
        "### 主导产业",
        md_block(b.leading_industry),
        "### 互联网发展情况",
        md_block(b.internet_development),
    ]


def eligibility_table(eligibility: Eligibility | None, missing: str = "尚无申报条件核对结果。") -> str:
    """The verdict per condition, from the check's eligibility verdict; else why there is none."""
    if eligibility is None or not eligibility.conditions:
        return md(missing)
    lines = [
        f"结论：**{md(eligibility.verdict)}**",
        "",
        "| 条件 | 条款 | 要求 | 申报情况 | 结论 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in eligibility.conditions:
        status = STATUS_NAMES.get(c.status, md(c.status))
        if c.waiver:
            status += f"<br>{cell(c.waiver.reference)}：{cell(c.waiver.reason)}"
        lines.append(
            f"| {cell(c.title)} | {cell(c.clause)} | {cell(c.required)} | {cell(c.actual)} | {status} |"
        )
    return "\n".join(lines)


def timeline_table(history: Sequence[HistoryEntry]) -> str:
    """The town's lifecycle as dated events, oldest first."""
    if not history:
        return "尚无审核推荐、分批审核或考核记录。"
    lines = ['<div class="towns-timeline" markdown>', "", "| 日期 | 事项 | 说明 |", "| --- | --- | --- |"]
    for event in history:
        lines.append(f"| {cell(event.date.isoformat())} | {cell(event.title)} | {_details(event)} |")
    return "\n".join([*lines, "", "</div>"])


def _details(event: HistoryEntry) -> str:
    details = event.details
    shown = []
    for key, label in DETAIL_NAMES.items():
        value = details.get(key)
        if value in (None, ""):
            continue
        if key == "tier":
            value = Tier.label_of(str(value))
        shown.append(f"{label}：{cell(value)}")
    return "；".join(shown) or "—"


def indicators_section(indicators: Sequence[IndicatorRow]) -> str:
    """Annual report numbers: a chart of the main ones, then every number in a table."""
    years = sorted(indicators, key=lambda row: row.year)
    if not years:
        return "尚无年度发展情况报告。"
    charts = []
    for key in CHART_FIELDS:
        bars = [(f"{row.year} 年", to_float(row.value(key)) or 0.0) for row in years]
        charts.append(bar_chart(f"{_title(key)}（按年度）", bars, unit=""))
    header = "| 指标 | " + " | ".join(f"{row.year} 年" for row in years) + " |"
    rule = "| --- |" + " --- |" * len(years)
    keys = ["investment_planned_wan", *Indicators.model_fields]
    rows = [
        f"| {_title(key)} | " + " | ".join(number(row.value(key)) for row in years) + " |" for key in keys
    ]
    figure = '<figure class="towns-charts">' + "".join(charts) + "</figure>"
    return "\n".join([figure, "", header, rule, *rows])


def _title(key: str) -> str:
    if key == "investment_planned_wan":
        return "计划投资（万元）"
    info = Indicators.model_fields.get(key)
    return (info.title if info and info.title else key).replace("|", "／")


def attachment_list(attachments: Sequence[Published], town_path: str) -> str:
    if not attachments:
        return "没有可公开的附件。"
    lines = []
    for att in attachments:
        link = url_path(att.dest[len(town_path) + 1 :])
        lines.append(f"- [{md(att.title)}]({link})（{md(att.type_name)}，{att.size / 1024:.0f} KB）")
    return "\n".join(lines)
