"""Pages that list towns: per batch, per evaluation year, named towns, per city, all towns.

The four long kinds (all towns, a batch, an evaluation year, a city) are `listdata.TownList`s:
filtered and sorted in the browser from their own data file, with a table for readers without
script. Counts come from the same rows as the lists, per state group (`lifecycle.states`), and
grade breakdowns follow the program's grade order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from towns.lifecycle.states import GROUP_NAMES, Event, StateGroup
from towns.site.citymap import city_map
from towns.site.data import Decision, SiteData, TownEntry, rel
from towns.site.escape import cell, md
from towns.site.listdata import ROLE_NAMES, TownList, list_block
from towns.site.tables import region

BATCH_ROLES = ("creation", "cultivation", "not_selected")


def town_link(from_page: str, entry: TownEntry) -> str:
    return f"[{cell(entry.name)}]({rel(from_page, entry.page)})"


def town_lists(data: SiteData) -> list[TownList]:
    """Every filterable list of the site, each with its page and data file."""
    out = [all_towns(data)]
    out += [batch_list(data, year) for year in data.batch_years()]
    out += [evaluation_list(data, d) for d in data.of_kind("evaluation") if d.year is not None]
    out += [city_list(data, city.slug) for city in data.program.cities]
    return out


def all_towns(data: SiteData) -> TownList:
    filters = ("city", "region", "type", "group", "batch")
    columns = ("name", "type", "city", "district", "state", "batch")
    return TownList("towns", "全部小镇", "towns/index.md", data.towns, columns, filters)


def batch_list(data: SiteData, year: int) -> TownList:
    """The towns a batch review decided on, and those of the batch still waiting for it."""
    decision = _batch(data, year)
    decided = decision.entries if decision else []
    ids = {town for town, _ in decided}
    waiting = [t for t in data.towns if t.declaration.batch == year and t.id not in ids]
    pairs = [(e, role) for e, role in ((data.town(t), r) for t, r in decided) if e is not None]
    pairs += [(e, "pending") for e in waiting]
    entries = [e for e, _ in pairs]
    columns = ("name", "role", "type", "city", "district", "state")
    filters = ("role", "city", "region", "type", "group")
    extra = {"role": [role for _, role in pairs]}
    title = f"{year} 年度创建名单和培育名单"
    page = f"lists/{year}.md"
    return TownList(f"batch-{year}", title, page, entries, columns, filters, ("role", "city"), extra)


def evaluation_list(data: SiteData, decision: Decision) -> TownList:
    year = decision.year
    entries = _entries(data, decision.towns())
    grades = dict(decision.entries)
    extra = {"grade": [grades[e.id] for e in entries], "tier": [_tier_in(e, year) for e in entries]}
    columns = ("name", "grade", "tier", "type", "city", "district", "state")
    filters = ("grade", "tier", "city", "region", "type", "group")
    title = f"{year} 年度考核结果"
    page = f"evaluations/{year}.md"
    return TownList(f"evaluation-{year}", title, page, entries, columns, filters, ("grade", "city"), extra)


def city_list(data: SiteData, slug: str) -> TownList:
    city = data.program.cities_by_slug[slug]
    towns = [t for t in data.towns if t.town.city_slug == slug]
    columns = ("name", "type", "district", "state", "batch")
    filters = ("type", "group", "batch")
    title, page = f"{city.name}小镇", f"cities/{slug}.md"
    return TownList(f"city-{slug}", title, page, towns, columns, filters, ("batch", "name"))


def _entries(data: SiteData, ids: Sequence[str]) -> list[TownEntry]:
    return [e for e in map(data.town, ids) if e is not None]


def _batch(data: SiteData, year: int) -> Decision | None:
    return next((d for d in data.of_kind("batch") if d.year == year), None)


def _decision_line(decision: Decision) -> str:
    number = f"，文号：{md(decision.document_number)}" if decision.document_number else ""
    return f"公布日期：{md(decision.date)}{number}。"


def lists_index(data: SiteData) -> str:
    lines = ["| 批次 | 公布日期 | 文号 | 创建名单 | 培育名单 | 未入选 | 申报小镇 |", "| --- |" + " --- |" * 6]
    batches = {d.year: d for d in data.of_kind("batch")}
    for year in data.batch_years():
        d = batches.get(year)
        declared = sum(1 for t in data.towns if t.declaration.batch == year)
        counts = [str(len(d.towns(role))) if d else "尚未公布" for role in BATCH_ROLES]
        date = md(d.date) if d else "尚未公布"
        number = md(d.document_number) if d and d.document_number else "未注明"
        lines.append(
            f"| [{year} 年]({year}.md) | {date} | {number} | " + " | ".join(counts) + f" | {declared} |"
        )
    intro = "省经济和信息化委原则上每年组织一次分批审核（方案 4.4），公布创建名单和培育名单。"
    return f"# 创建名单和培育名单\n\n{intro}\n\n{region(chr(10).join(lines), '各批次名单')}\n"


def batch_page(data: SiteData, year: int) -> str:
    decision = _batch(data, year)
    town_list = batch_list(data, year)
    parts = [f"# {year} 年度创建名单和培育名单"]
    if decision is None:
        parts.append("本批次尚未公布分批审核结果。")
    else:
        parts.append(_decision_line(decision))
        roles = Counter(town_list.extra["role"])
        counts = "，".join(f"{ROLE_NAMES[r]} {roles[r]} 个" for r in BATCH_ROLES)
        waiting = f"；另有 {roles['pending']} 个本批次申报的小镇尚未公布结果" if roles["pending"] else ""
        parts.append(f"本批次审核结果：{counts}{waiting}。可按审核结果、地市、地区、类型和当前状态筛选。")
    parts.append(list_block(data, town_list))
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
    rows = ["| 考核年度 | 公布日期 | 文号 | 考核小镇 | 等次分布 |", "| --- | --- | --- | --- | --- |"]
    for d in decisions:
        rows.append(
            f"| [{d.year} 年度]({d.year}.md) | {md(d.date)} | {md(d.document_number or '未注明')} "
            f"| {len(d.entries)} | {grade_spread(data, d.towns_roles())} |"
        )
    return "\n".join([*lines, region("\n".join(rows), "各年度考核结果")]) + "\n"


def grade_spread(data: SiteData, grades: Sequence[str]) -> str:
    """“优秀 3、良好 5 …” in the program's grade order (grades it does not know last)."""
    counts = Counter(grades)
    order = [g for g in data.program.evaluation.grade_names if counts[g]]
    order += sorted(g for g in counts if g not in order)
    return "、".join(f"{cell(g)} {counts[g]}" for g in order) or "无"


def evaluation_page(data: SiteData, year: int) -> str:
    parts = [f"# {year} 年度考核结果"]
    for decision in (d for d in data.of_kind("evaluation") if d.year == year):
        parts.append(_decision_line(decision))
        parts.append(f"考核等次：{grade_spread(data, decision.towns_roles())}（按政策参数规定的等次顺序）。")
        parts.append(list_block(data, evaluation_list(data, decision)))
    return "\n\n".join(parts) + "\n"


def _tier_in(entry: TownEntry, year: int | None) -> str:
    for event in entry.history:
        if event.event is Event.EVALUATED and event.year == year:
            return event.tier or ""
    return ""


def named_page(data: SiteData) -> str:
    title = data.program.province.demonstration_title
    named = data.named()
    parts = [
        f"# {md(title)}",
        "小镇达到创建目标后，由所在地级以上市经济和信息化部门提出书面申请，省经济和信息化委组织验收，"
        f"合格的正式命名为“{md(title)}”（方案 4.6）。",
    ]
    if not named:
        parts.append("尚无验收命名的小镇。")
        return "\n\n".join(parts) + "\n"
    lines = ["| 小镇 | 类型 | 地市 | 县（市、区） | 命名日期 | 文号 |", "| --- |" + " --- |" * 5]
    for entry, d in named:
        decl = entry.declaration
        lines.append(
            f"| {town_link('named.md', entry)} | {decl.type.label} | {cell(decl.city)} "
            f"| {cell(decl.district)} | {md(d.date)} | {md(d.document_number or '未注明')} |"
        )
    parts.append(region("\n".join(lines), "示范小镇名单"))
    return "\n\n".join(parts) + "\n"


def city_counts_table(data: SiteData, from_page: str) -> str:
    """Towns per city and state group, with the province's total; every row adds up."""
    per_city = city_groups(data)
    groups = [g for g in StateGroup if any(counts[g] for counts in per_city.values())]
    head = ["地市", "地区", "小镇", *(GROUP_NAMES[g] for g in groups)]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    total: Counter[StateGroup] = Counter()
    for city in data.program.cities:
        counts = per_city[city.slug]
        total.update(counts)
        region_name = data.program.regions_by_id[city.region].name
        link = f"[{md(city.name)}]({rel(from_page, f'cities/{city.slug}.md')})"
        cols = [link, md(region_name), str(sum(counts.values())), *(str(counts[g]) for g in groups)]
        lines.append("| " + " | ".join(cols) + " |")
    sums = [str(len(data.towns)), *(str(total[g]) for g in groups)]
    lines.append("| **全省** | | " + " | ".join(sums) + " |")
    return region("\n".join(lines), "各地市小镇数量")


def city_groups(data: SiteData) -> dict[str, Counter[StateGroup]]:
    """Each city's towns per state group, from the same rows as the city's list."""
    return {city.slug: city_list(data, city.slug).groups() for city in data.program.cities}


def cities_index(data: SiteData) -> str:
    parts = [
        "# 各地市小镇",
        "下图按各市人民政府驻地的大致方位排列各地市（示意图，不表示行政区域界线），"
        "圆点大小表示小镇数量，颜色表示当前状态；同样的数字见下表。",
        city_map(data),
        city_counts_table(data, "cities/index.md"),
    ]
    return "\n\n".join(parts) + "\n"


def city_page(data: SiteData, slug: str) -> str:
    city = data.program.cities_by_slug[slug]
    town_list = city_list(data, slug)
    region_name = data.program.regions_by_id[city.region].name
    intro = (
        f"行政区划代码 {md(city.code)}，属{md(region_name)}地区。"
        f"共有 {len(town_list.entries)} 个小镇提交申报，可按类型、当前状态和申报批次筛选。"
    )
    return "\n\n".join([f"# {md(city.name)}", intro, list_block(data, town_list)]) + "\n"


def towns_index(data: SiteData) -> str:
    per_city = city_groups(data)
    by_city = " · ".join(
        f"[{md(c.name)}]({rel('towns/index.md', f'cities/{c.slug}.md')})（{per_city[c.slug].total()}）"
        for c in data.program.cities
        if per_city[c.slug].total()
    )
    parts = [
        "# 全部小镇",
        f"登记库中共有 {len(data.towns)} 个小镇的申报材料，可按地市、地区、类型、当前状态和申报批次筛选，"
        "点击表头排序。",
        f"按地市浏览：{by_city or '尚无小镇'}。[各地市小镇地图](../cities/index.md)",
        list_block(data, all_towns(data), fallback=False),
    ]
    return "\n\n".join(parts) + "\n"
