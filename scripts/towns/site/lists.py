"""Pages that list towns: per batch, per evaluation year, named towns, per city, all towns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from towns.lifecycle.states import Event, State
from towns.models.values import Tier
from towns.site.corrections import corrections_section
from towns.site.data import Decision, SiteData, TownEntry, rel
from towns.site.escape import cell, md

BATCH_SECTIONS = (("creation", "创建名单"), ("cultivation", "培育名单"), ("not_selected", "未入选"))


def town_link(from_page: str, entry: TownEntry) -> str:
    return f"[{cell(entry.name)}]({rel(from_page, entry.page)})"


def towns_table(
    from_page: str, entries: Sequence[TownEntry], extra: Sequence[tuple[str, list[str]]] = ()
) -> str:
    """A numbered table of towns, with optional extra columns (header, one value per town)."""
    if not entries:
        return "（无）"
    head = ["序号", "小镇", "类型", "地市", "县（市、区）", "当前状态", *(h for h, _ in extra)]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for index, entry in enumerate(entries):
        cols = [
            str(index + 1),
            town_link(from_page, entry),
            entry.declaration.type.label,
            cell(entry.declaration.city),
            cell(entry.declaration.district),
            cell(entry.summary.life.state_name or "—"),
            *(values[index] for _, values in extra),
        ]
        lines.append("| " + " | ".join(cols) + " |")
    return "\n".join(lines)


def _entries(data: SiteData, ids: Sequence[str]) -> list[TownEntry]:
    return [e for e in map(data.town, ids) if e is not None]


def _decision_line(decision: Decision) -> str:
    number = f"，文号：{md(decision.document_number)}" if decision.document_number else ""
    return f"公布日期：{md(decision.date)}{number}。"


def lists_index(data: SiteData) -> str:
    lines = [
        "# 创建名单和培育名单",
        "省经济和信息化委原则上每年组织一次分批审核（方案 4.4），公布创建名单和培育名单。",
        "",
        "| 批次 | 公布日期 | 文号 | 创建名单 | 培育名单 | 未入选 | 申报小镇 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    batches = {d.year: d for d in data.of_kind("batch")}
    for year in data.batch_years():
        d = batches.get(year)
        declared = sum(1 for t in data.towns if t.declaration.batch == year)
        counts = [str(len(d.towns(role))) if d else "—" for role, _ in BATCH_SECTIONS]
        date = md(d.date) if d else "尚未公布"
        number = md(d.document_number) if d and d.document_number else "—"
        lines.append(
            f"| [{year} 年]({year}.md) | {date} | {number} | " + " | ".join(counts) + f" | {declared} |"
        )
    return "\n".join(lines) + "\n"


def batch_page(data: SiteData, year: int) -> str:
    page = f"lists/{year}.md"
    decision = next((d for d in data.of_kind("batch") if d.year == year), None)
    parts = [f"# {year} 年度创建名单和培育名单"]
    if decision is None:
        parts.append("本批次尚未公布分批审核结果。")
    else:
        parts.append(_decision_line(decision))
        for role, title in BATCH_SECTIONS:
            entries = _entries(data, decision.towns(role))
            parts += [f"## {title}（{len(entries)} 个）", towns_table(page, entries)]
        parts += corrections_section(data, page, decision)
    declared = [t for t in data.towns if t.declaration.batch == year]
    parts += [f"## 本批次申报的小镇（{len(declared)} 个）", towns_table(page, declared)]
    return "\n\n".join(parts) + "\n"


def evaluations_index(data: SiteData) -> str:
    lines = [
        "# 年度考核结果",
        "省经济和信息化委每年对创建小镇和培育小镇进行考核（方案 4.5），考核等次由政策参数规定。",
        "",
    ]
    decisions = sorted(data.of_kind("evaluation"), key=lambda d: d.year or 0)
    if not decisions:
        return "\n".join([*lines, "尚未公布年度考核结果。"]) + "\n"
    lines += ["| 考核年度 | 公布日期 | 文号 | 考核小镇 | 等次分布 |", "| --- | --- | --- | --- | --- |"]
    for d in decisions:
        spread = "、".join(f"{cell(g)} {n}" for g, n in Counter(d.towns_roles()).items())
        lines.append(
            f"| [{d.year} 年度]({d.year}.md) | {md(d.date)} | {md(d.document_number or '—')} "
            f"| {len(d.entries)} | {spread} |"
        )
    return "\n".join(lines) + "\n"


def evaluation_page(data: SiteData, year: int) -> str:
    page = f"evaluations/{year}.md"
    parts = [f"# {year} 年度考核结果"]
    for decision in (d for d in data.of_kind("evaluation") if d.year == year):
        parts.append(_decision_line(decision))
        grades = dict(decision.entries)
        entries = _entries(data, decision.towns())
        tiers = [_tier_in(e, year) for e in entries]
        parts.append(
            towns_table(
                page,
                entries,
                [("考核时所在名单", tiers), ("考核等次", [cell(grades[e.id]) for e in entries])],
            )
        )
        parts += corrections_section(data, page, decision)
    return "\n\n".join(parts) + "\n"


def _tier_in(entry: TownEntry, year: int) -> str:
    for event in entry.history:
        if event.event is Event.EVALUATED and event.year == year:
            return Tier.label_of(event.tier) if event.tier else "—"
    return "—"


def named_page(data: SiteData) -> str:
    title = data.program.province.demonstration_title
    named = data.named()
    page = "named.md"
    parts = [
        f"# {md(title)}",
        "小镇达到创建目标后，由所在地级以上市经济和信息化部门提出书面申请，省经济和信息化委组织验收，"
        f"合格的正式命名为“{md(title)}”（方案 4.6）。",
    ]
    if not named:
        parts.append("尚无验收命名的小镇。")
    else:
        entries = [e for e, _ in named]
        parts.append(
            towns_table(
                page,
                entries,
                [
                    ("命名日期", [md(d.date) for _, d in named]),
                    ("文号", [md(d.document_number or "—") for _, d in named]),
                ],
            )
        )
    for decision in data.of_kind("naming"):
        parts += corrections_section(data, page, decision)
    return "\n\n".join(parts) + "\n"


def cities_index(data: SiteData) -> str:
    lines = [
        "# 各地市小镇",
        "",
        "| 地市 | 地区 | 申报小镇 | 创建中 | 已命名 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for city in data.program.cities:
        towns = [t for t in data.towns if t.town.city_slug == city.slug]
        states = Counter(t.summary.life.state for t in towns)
        region = data.program.regions_by_id.get(city.region)
        lines.append(
            f"| [{md(city.name)}]({city.slug}.md) | {md(region.name if region else '—')} | {len(towns)} "
            f"| {states[State.CREATION] + states[State.ACCEPTANCE_APPLIED]} | {states[State.NAMED]} |"
        )
    return "\n".join(lines) + "\n"


def city_page(data: SiteData, slug: str) -> str:
    city = data.program.cities_by_slug[slug]
    towns = [t for t in data.towns if t.town.city_slug == slug]
    region = data.program.regions_by_id.get(city.region)
    return (
        "\n\n".join(
            [
                f"# {md(city.name)}",
                f"行政区划代码 {md(city.code)}，属{md(region.name if region else '—')}地区。"
                f"共有 {len(towns)} 个小镇提交申报。",
                towns_table(
                    f"cities/{slug}.md", towns, [("申报批次", [str(t.declaration.batch) for t in towns])]
                ),
            ]
        )
        + "\n"
    )


def towns_index(data: SiteData) -> str:
    page = "towns/index.md"
    return (
        "\n\n".join(
            [
                "# 全部小镇",
                f"登记库中共有 {len(data.towns)} 个小镇的申报材料。"
                "按地市浏览见[各地市小镇](../cities/index.md)。",
                towns_table(page, data.towns, [("申报批次", [str(t.declaration.batch) for t in data.towns])]),
            ]
        )
        + "\n"
    )
