"""Chinese text for `towns status`, `towns due` and `towns progress` (plain functions, no printing).

Columns are padded by display width, so that tables of Chinese names line up in a terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from towns.lifecycle.due import KIND_NAMES, STATUS_NAMES, Obligation
from towns.lifecycle.history import HistoryEntry
from towns.lifecycle.states import State
from towns.lifecycle.summary import LifeSummary
from towns.models.program import Program
from towns.registry import Town, city_of

_INDICATORS = (
    ("investment_planned_wan", "计划投资"),
    ("investment_completed_wan", "完成投资"),
    ("internet_output_wan", "互联网产值"),
    ("internet_companies", "互联网企业"),
    ("backbone_companies", "骨干"),
    ("leading_companies", "龙头"),
    ("new_innovative_smes", "新增创新型"),
)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1 for ch in text)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(c) + " " * (w - width(str(c))) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *map(line, rows)]


def _town_cells(town: Town, entry: LifeSummary | None, program: Program) -> list[str]:
    d = town.declaration
    city = city_of(program, town)
    grades = entry.grades if entry else ()
    last = f"{grades[-1].year} {grades[-1].grade}" if grades else "—"
    return [
        town.id,
        d.name if d else "（申报表无法读取）",
        city.name if city else town.city_slug,
        d.type.label if d else "",
        str(d.batch) if d else "",
        entry.state_name if entry else "",
        last,
    ]


def status_table(towns: Sequence[Town], entries: Mapping[str, LifeSummary], program: Program) -> str:
    header = ["编号", "名称", "地市", "类型", "批次", "状态", "最近考核"]
    rows = [_town_cells(t, entries.get(t.id), program) for t in towns]
    return "\n".join([*table(header, rows), "", f"共 {len(rows)} 个小镇。"]) + "\n"


def _history_line(item: HistoryEntry) -> str:
    details = item.details
    extra = [str(details[k]) for k in ("grade", "document_number", "rule") if details.get(k)]
    where = f"{item.file}:{item.line}" if item.file else "（按创建期推算）"
    suffix = f"（{'，'.join(extra)}）" if extra else ""
    year = f"{details['year']} 年度" if "year" in details else ""
    return f"  {item.date.isoformat()}  {item.title}{year and ' ' + year}{suffix}  {where}"


def timeline(town: Town, entry: LifeSummary, program: Program) -> str:
    d = town.declaration
    city = city_of(program, town)
    kind = d.type.label if d else ""
    lines = [
        f"{d.name if d else town.id}（{town.id}）",
        f"地市：{city.name if city else town.city_slug}    类型：{kind}    申报批次：{d.batch if d else ''}",
        f"当前状态：{entry.state_name}"
        + (f"（{entry.tier_name}）" if entry.state is State.ACCEPTANCE_APPLIED else ""),
    ]
    if entry.creation_period:
        period = entry.creation_period
        lines.append(f"创建期：{period.start.isoformat()} 至 {period.end.isoformat()}")
    lines += ["", "历程："] + [_history_line(item) for item in entry.history]
    if entry.indicators:
        header = ["年度", *(name for _, name in _INDICATORS)]
        rows = [
            [str(row.year), *(_cell(row.value(key)) for key, _ in _INDICATORS)] for row in entry.indicators
        ]
        lines += ["", "年度主要指标（金额单位：万元）："] + ["  " + x for x in table(header, rows)]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def due_text(items: Sequence[Obligation], on: str) -> str:
    if not items:
        return f"截至 {on}，没有待报送或逾期的事项。\n"
    rows = [
        [
            STATUS_NAMES[o.status],
            o.due.isoformat(),
            o.city_name,
            o.town_name,
            f"{o.year} 年度发展情况报告" if o.kind == "annual_report" else KIND_NAMES[o.kind],
        ]
        for o in items
    ]
    head = f"截至 {on}，共 {len(items)} 项待办："
    return "\n".join([head, "", *table(["状态", "截止日期", "地市", "小镇", "事项"], rows)]) + "\n"


def progress_text(progress: dict[str, Any]) -> str:
    period = progress.get("period") or {}
    lines = [f"全省创建进展（截至 {progress['as_of']}；目标期限 {progress['target_years']} 年）", ""]
    if period:
        state = "已结束" if period.get("ended") else "进行中"
        lines += [f"目标期：{period['start']} 至 {period['end']}（{state}；{period['source']}）", ""]
    rows = [
        [t["name"], str(t["target"]), str(t["named"]), str(t["creation"]), str(t["cultivation"])]
        for t in progress["towns"].values()
    ]
    lines += table(["小镇", "目标", "已命名", "创建中", "培育中"], rows)
    lines.append("")
    metric_rows = [
        [
            m["name"],
            _target(m),
            str(m["actual"]),
            "已达到" if m["met"] else "未达到",
            str(m.get("to_date", "—")),
        ]
        for m in progress["metrics"]
    ]
    lines += table(["指标", "目标", "目标期内", "", f"截至 {progress['as_of']}"], metric_rows)
    return "\n".join(lines) + "\n"


def _target(metric: dict[str, Any]) -> str:
    if metric.get("target_max"):
        return f"{metric['target']}–{metric['target_max']}"
    return str(metric["target"])
