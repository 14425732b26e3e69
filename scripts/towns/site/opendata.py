"""Open data: the registry as versioned JSON and CSV under `api/v1/` (documented on data/index.md).

Only public facts are exported, field by field: never the contact person. The CSV starts with a
UTF-8 byte order mark because Excel on Chinese Windows otherwise reads UTF-8 as GBK and shows
garbage; every other consumer skips the mark. Format changes that remove or rename a field get a
new version folder (`api/v2/`); adding a field does not.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from towns.site.data import SiteData, TownEntry
from towns.site.fmt import number

API_DIR = "api/v1"
FORMAT_VERSION = 1
CSV_BOM = "\ufeff"
TOWN_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "小镇编号"),
    ("name", "小镇名称"),
    ("type", "类型代码"),
    ("type_name", "类型"),
    ("city", "地市代码"),
    ("city_name", "地市"),
    ("region_name", "地区"),
    ("district", "县（市、区）"),
    ("address", "地址"),
    ("batch", "申报批次"),
    ("filing_date", "填报日期"),
    ("applicant", "申报单位"),
    ("applicant_uscc", "申报单位统一社会信用代码"),
    ("recommender", "推荐单位"),
    ("planned_area_mu", "规划建设面积（亩）"),
    ("core_area_mu", "核心区面积（亩）"),
    ("internet_output_wan", "互联网产业产值（万元）"),
    ("companies", "企业名单数量"),
    ("eligible", "符合申报条件"),
    ("state", "状态代码"),
    ("state_name", "状态"),
    ("tier", "当前名单代码"),
    ("tier_name", "当前名单"),
    ("page", "网页"),
)


def town_record(entry: TownEntry) -> dict[str, Any]:
    """The public record of one town (flat, the same fields in JSON and CSV)."""
    d, s = entry.declaration, entry.summary
    return {
        "id": entry.id,
        "name": d.name,
        "type": d.type,
        "type_name": d.type.label,
        "city": entry.town.city_slug,
        "city_name": d.city,
        "region_name": s.region_name,
        "district": d.district,
        "address": d.address,
        "batch": d.batch,
        "filing_date": d.filing_date.isoformat(),
        "applicant": d.applicant.name,
        "applicant_uscc": d.applicant.uscc,
        "recommender": d.recommender.name,
        "planned_area_mu": number(d.spatial_layout.planned_area_mu),
        "core_area_mu": number(d.spatial_layout.core_area_mu),
        "internet_output_wan": number(d.industrial_base.internet_output_wan),
        "companies": len(d.industrial_base.companies),
        "eligible": s.eligibility.eligible if s.eligibility else None,
        "state": s.life.state.value,
        "state_name": s.life.state_name,
        "tier": s.life.tier.value if s.life.tier else None,
        "tier_name": s.life.tier_name,
        "page": f"{entry.path}/",
    }


def _json(payload: dict[str, Any]) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def towns_json(data: SiteData, as_of: str) -> bytes:
    return _json(
        {"format_version": FORMAT_VERSION, "as_of": as_of, "towns": [town_record(t) for t in data.towns]}
    )


def towns_csv(data: SiteData) -> bytes:
    """One row per town, Chinese column headers, UTF-8 with a byte order mark."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in TOWN_FIELDS])
    for entry in data.towns:
        record = town_record(entry)
        writer.writerow([_csv_value(record[key]) for key, _ in TOWN_FIELDS])
    return (CSV_BOM + out.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    text = str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def lists_json(data: SiteData, as_of: str) -> bytes:
    batches = [
        {
            "year": d.year,
            "date": d.date,
            "document_number": d.document_number,
            "creation": d.towns("creation"),
            "cultivation": d.towns("cultivation"),
            "not_selected": d.towns("not_selected"),
        }
        for d in sorted(data.of_kind("batch"), key=lambda d: d.year or 0)
    ]
    return _json({"format_version": FORMAT_VERSION, "as_of": as_of, "batches": batches})


def evaluations_json(data: SiteData, as_of: str) -> bytes:
    years = [
        {
            "year": d.year,
            "date": d.date,
            "document_number": d.document_number,
            "results": [{"town": town, "grade": grade} for town, grade in d.entries],
        }
        for d in sorted(data.of_kind("evaluation"), key=lambda d: d.year or 0)
    ]
    return _json({"format_version": FORMAT_VERSION, "as_of": as_of, "evaluations": years})


def namings_json(data: SiteData, as_of: str) -> bytes:
    namings = [
        {"date": d.date, "document_number": d.document_number, "towns": d.towns()}
        for d in sorted(data.of_kind("naming"), key=lambda d: d.date)
    ]
    return _json({"format_version": FORMAT_VERSION, "as_of": as_of, "namings": namings})


def api_files(data: SiteData, as_of: str) -> dict[str, bytes]:
    return {
        f"{API_DIR}/towns.json": towns_json(data, as_of),
        f"{API_DIR}/towns.csv": towns_csv(data),
        f"{API_DIR}/lists.json": lists_json(data, as_of),
        f"{API_DIR}/evaluations.json": evaluations_json(data, as_of),
        f"{API_DIR}/namings.json": namings_json(data, as_of),
    }
