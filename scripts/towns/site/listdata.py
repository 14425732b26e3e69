"""Lists of towns that stay light at any size: a small data file per list, filtered in the browser.

A `TownList` is defined once (its towns, columns, filters and default order) and rendered twice:
as a JSON data file under `assets/towns/lists/` that `static/lists.js` turns into a filterable,
sortable, paged table, and as a Markdown table of at most `FALLBACK_ROWS` rows for readers without
script (and for search and print). The counts above a list are computed from the same rows, so they
always agree with what the filters show. Values in the data file are codes (city slug, state …)
with one table of Chinese labels, which keeps it small: about 100 bytes per town.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from towns.lifecycle.states import GROUP_NAMES, STATE_NAMES, State, StateGroup, group_of
from towns.models.values import Tier, TownType
from towns.site.data import TOWNS_DIR, SiteData, TownEntry, rel
from towns.site.escape import cell
from towns.site.standing import group_badge, state_badge
from towns.site.tables import region

LISTS_DIR = "assets/towns/lists"
SCRIPT_PATH = "assets/towns/lists.js"
FALLBACK_ROWS = 200
FORMAT_VERSION = 1
BASE_FIELDS = ("folder", "name", "type", "city", "region", "district", "state", "group", "batch")
# Fields the data file leaves out because another field decides them: the script fills them in.
DERIVED = {"region": "city", "group": "state"}
FIELD_LABELS = {
    "name": "小镇",
    "type": "类型",
    "city": "地市",
    "region": "地区",
    "district": "县（市、区）",
    "state": "当前状态",
    "group": "当前状态",
    "batch": "申报批次",
    "role": "审核结果",
    "grade": "考核等次",
    "tier": "考核时所在名单",
}
ROLE_NAMES = {
    "creation": "创建名单",
    "cultivation": "培育名单",
    "not_selected": "未入选",
    "pending": "尚未公布",
}
# The bootstrap finds the list's data link (a link MkDocs has already made relative to the page)
# and loads the script beside the data files, so the page needs no path of its own.
BOOTSTRAP = (
    "<script>(function(){var a=document.querySelector('a.towns-list-data');"
    "if(!a||window.townsLists)return;window.townsLists=1;var s=document.createElement('script');"
    "s.src=new URL('../lists.js',a.href).href;s.defer=true;document.head.appendChild(s);})();</script>"
)


@dataclass(slots=True)
class TownList:
    """One list page's towns, with the extra fields (one value per town) and how it is shown."""

    name: str  # file stem, e.g. batch-2016
    title: str
    page: str  # the Markdown page that shows it
    entries: Sequence[TownEntry]
    columns: tuple[str, ...]
    filters: tuple[str, ...]
    sort: tuple[str, ...] = ("city", "name")
    extra: dict[str, list[str]] = field(default_factory=dict)

    @property
    def data_path(self) -> str:
        return f"{LISTS_DIR}/{self.name}.json"

    @property
    def fields(self) -> tuple[str, ...]:
        return (*BASE_FIELDS, *self.extra)

    def rows(self) -> list[list[Any]]:
        extra = list(self.extra.values())
        return [[*_base_row(e), *(values[i] for values in extra)] for i, e in enumerate(self.entries)]

    def groups(self) -> Counter[StateGroup]:
        return Counter(group_of(e.summary.life.state) for e in self.entries)


def _base_row(entry: TownEntry) -> list[Any]:
    d, s = entry.declaration, entry.summary
    state = s.life.state
    return [
        entry.town.folder_name,
        d.name,
        d.type.value,
        entry.town.city_slug,
        s.region or "",
        d.district,
        state.value,
        group_of(state).value,
        d.batch,
    ]


def labels(data: SiteData, grades: Sequence[str] = ()) -> dict[str, dict[str, str]]:
    """The Chinese name of every code a list's fields hold."""
    program = data.program
    return {
        "type": {t.value: t.label for t in TownType},
        "city": {c.slug: c.name for c in program.cities},
        "region": {r.id: r.name for r in program.regions},
        "state": {s.value: name for s, name in STATE_NAMES.items()},
        "group": {g.value: name for g, name in GROUP_NAMES.items()},
        "role": dict(ROLE_NAMES),
        "tier": {t.value: t.label for t in Tier},
        "grade": {g: g for g in grades},
    }


def orders(data: SiteData) -> dict[str, list[str]]:
    """Sort orders that are the program's own, not alphabetical: cities, states, grades, roles."""
    return {
        "city": [c.slug for c in data.program.cities],
        "region": [r.id for r in data.program.regions],
        "group": [g.value for g in StateGroup],
        "state": [s.value for s in STATE_NAMES],
        "grade": list(data.program.evaluation.grade_names),
        "role": list(ROLE_NAMES),
        "tier": [t.value for t in Tier],
    }


def list_json(data: SiteData, town_list: TownList) -> bytes:
    """The list's data file: fields, columns, filters with their options and counts, rows.

    ``link`` is the address of a town's page from the site root, with ``{field}`` placeholders;
    ``derived`` maps a field left out of the rows to the field and the table that give it.
    """
    rows = town_list.rows()
    names = labels(data, data.program.evaluation.grade_names)
    order = orders(data)
    position = {f: i for i, f in enumerate(town_list.fields)}
    kept = [f for f in town_list.fields if f not in DERIVED]
    payload = {
        "format_version": FORMAT_VERSION,
        "title": town_list.title,
        "link": f"{TOWNS_DIR}/{{city}}/{{folder}}/",
        "fields": kept,
        "derived": {f: [source, _derivation(data, f)] for f, source in DERIVED.items()},
        "columns": [{"field": f, "label": FIELD_LABELS[f]} for f in town_list.columns],
        "filters": [_filter(f, rows, position[f], names, order) for f in town_list.filters],
        "labels": {k: v for k, v in names.items() if k in position},
        "order": {k: v for k, v in order.items() if k in position},
        "sort": list(town_list.sort),
        "rows": [[row[position[f]] for f in kept] for row in rows],
    }
    return (json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _derivation(data: SiteData, name: str) -> dict[str, str]:
    if name == "region":
        return {c.slug: c.region for c in data.program.cities}
    return {s.value: group_of(s).value for s in STATE_NAMES}


Labels = dict[str, dict[str, str]]
Orders = dict[str, list[str]]


def _filter(name: str, rows: list[list[Any]], index: int, names: Labels, order: Orders) -> dict[str, Any]:
    counts = Counter(str(row[index]) for row in rows)
    known = order.get(name, sorted(counts))
    values = [v for v in known if v in counts] + sorted(v for v in counts if v not in known)
    shown = names.get(name, {})
    return {
        "field": name,
        "label": FIELD_LABELS[name],
        "options": [[v, shown.get(v, v), counts[v]] for v in values],
    }


def list_block(data: SiteData, town_list: TownList, *, fallback: bool = True) -> str:
    """The list on its page: state counts, the data link, the table without script, the loader."""
    page = town_list.page
    link = f"[下载本名单数据（JSON）]({rel(page, town_list.data_path)}){{ .towns-list-data }}"
    parts = ['<div class="towns-list" markdown>', "", counts_line(town_list), "", link]
    if fallback:
        parts += ["", fallback_table(data, town_list)]
    parts += ["", "</div>", "", BOOTSTRAP]
    return "\n".join(parts)


def counts_line(town_list: TownList) -> str:
    """How many towns of the list are in each state group (only the groups that occur)."""
    groups = town_list.groups()
    shown = [f"{group_badge(g)} {groups[g]} 个" for g in StateGroup if groups[g]]
    total = len(town_list.entries)
    return f"共 {total} 个小镇" + (f"：{' · '.join(shown)}。" if shown else "。")


def fallback_table(data: SiteData, town_list: TownList) -> str:
    """The first `FALLBACK_ROWS` rows as a Markdown table, sorted like the list's default order."""
    entries = list(town_list.entries)
    if not entries:
        return "（无）"
    names = labels(data, data.program.evaluation.grade_names)
    fields = town_list.fields
    rows = sorted(town_list.rows(), key=_sort_key(town_list.sort, fields, orders(data)))
    head = [FIELD_LABELS[c] for c in town_list.columns]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for row in rows[:FALLBACK_ROWS]:
        values = dict(zip(fields, row, strict=True))
        lines.append("| " + " | ".join(_cell(town_list, c, values, names) for c in town_list.columns) + " |")
    table = region("\n".join(lines), town_list.title)
    if len(rows) > FALLBACK_ROWS:
        more = f"此处列出前 {FALLBACK_ROWS} 个；完整名单可下载本名单数据，或按地市浏览。"
        table += f"\n\n{more}{{ .towns-list-more }}"
    return table


def _sort_key(sort: Sequence[str], fields: Sequence[str], order: Orders) -> Callable[[list[Any]], Any]:
    position = {f: i for i, f in enumerate(fields)}
    ranks = {f: {v: i for i, v in enumerate(values)} for f, values in order.items()}

    def key(row: list[Any]) -> tuple[Any, ...]:
        out: list[Any] = []
        for f in (*sort, "name"):
            value = row[position[f]]
            out.append((ranks[f].get(value, len(ranks[f])), "") if f in ranks else (0, str(value)))
        return tuple(out)

    return key


def _cell(town_list: TownList, column: str, values: dict[str, Any], names: dict[str, dict[str, str]]) -> str:
    value = values[column]
    if column == "name":
        page = f"{TOWNS_DIR}/{values['city']}/{values['folder']}/index.md"
        return f"[{cell(value)}]({rel(town_list.page, page)})"
    if column == "state":
        return state_badge(State(value))
    return cell(names.get(column, {}).get(str(value), str(value)))


def script_file() -> bytes:
    """The list script, shipped with the package."""
    return (resources.files("towns") / "site" / "static" / "lists.js").read_bytes()
