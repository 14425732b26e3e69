"""The authorities' records of a synthetic registry, consistent with the program's process.

For every town: the city's recommendation inside its batch window; the province's batch review
after the window closes (about 75 % creation list, 15 % cultivation list, 10 % not selected), when
it is out by ``as_of`` (until then the batch's towns are recommended and wait). Nothing is dated
after ``as_of``.
Creation towns then have three annual reports (filed before 10 January) and three evaluations;
about half of them apply for acceptance in their fourth year and are named before their creation
period ends, the others let it expire. Cultivation towns keep reporting every year up to the last
year whose deadline has passed on ``as_of``. Grades are never failing twice in a row. The city's
recommendation and the batch review conclude 符合 on every condition the town's rule set leaves to
judgement (its declaration lists nothing outside the clauses' examples).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from towns.lifecycle.paths import (
    acceptance_application_path,
    annual_report_path,
    batch_path,
    evaluation_path,
    naming_path,
    recommendation_path,
)
from towns.models.rules import resolve_extends
from towns.models.values import JudgementWhen
from towns.synth.plan import TownPlan, as_date
from towns.synth.yamldump import dump

_PASSING = ("优秀", "良好", "良好", "合格", "合格", "合格")


def write_records(
    root: Path, plans: list[TownPlan], program: dict[str, Any], rng: random.Random, as_of: dt.date
) -> None:
    """Write every record of ``plans`` under ``records/`` and ``decisions/`` of ``root``."""
    lists: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    evaluations: dict[int, list[dict[str, Any]]] = defaultdict(list)
    namings: dict[int, list[str]] = defaultdict(list)
    batch_dates = {int(b["year"]): as_date(b["closes"]) + dt.timedelta(days=40) for b in program["batches"]}
    judged = _judgements(program)
    reviews: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for plan in plans:
        year = int(plan.batch["year"])
        conclusions = judged(plan)
        _recommend(root, plan, rng, as_of, conclusions)
        roll = rng.random()
        tier = "creation_list" if roll < 0.75 else "cultivation_list" if roll < 0.9 else "not_selected"
        if batch_dates[year] > as_of:  # the batch's review is not out yet: the town stays recommended
            continue
        lists[year][tier].append(plan.id)
        if tier != "not_selected" and conclusions:
            reviews[year].append({"town": plan.id, "conclusions": conclusions})
        if tier == "not_selected":
            continue
        last = _last_reported_year(as_of)
        if tier == "creation_list":
            last = min(last, year + 2)
        for report_year in range(year, last + 1):
            _annual_report(root, plan, report_year, rng)
            evaluations[report_year].append({"town": plan.id, "grade": rng.choice(_PASSING)})
        if tier == "creation_list" and rng.random() < 0.5 and dt.date(year + 3, 5, 20) <= as_of:
            _acceptance(root, plan, year + 3, rng)
            namings[year + 3].append(plan.id)
    for year, tiers in sorted(lists.items()):
        _write(root, batch_path(year), _batch(year, batch_dates[year], tiers, reviews[year]))
    for year, results in sorted(evaluations.items()):
        if dt.date(year + 1, 3, 15) <= as_of:
            _write(root, evaluation_path(year), _evaluation(year, results))
    for year, towns in sorted(namings.items()):
        record = {
            "schema_version": 1,
            "date": f"{year}-05-20",
            "document_number": f"粤经信命〔{year}〕1号",
            "towns": towns,
        }
        _write(root, naming_path(str(year)), record)


def _last_reported_year(as_of: dt.date) -> int:
    """The last year whose report deadline (10 January of the next year) has passed."""
    return as_of.year - 1 if as_of >= dt.date(as_of.year, 1, 10) else as_of.year - 2


def _department(plan: TownPlan) -> str:
    return f"{plan.city['name']}经济和信息化局"


def _write(root: Path, rel: str, record: dict[str, Any]) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(record), encoding="utf-8")


def _judgements(program: dict[str, Any]) -> Callable[[TownPlan], list[dict[str, str]]]:
    """For a plan: a 符合 conclusion on each judgement every town of its rule set and type needs."""
    rule_sets = resolve_extends(program.get("rule_sets", {}))

    def conclusions(plan: TownPlan) -> list[dict[str, str]]:
        rules = rule_sets.get(str(plan.batch["rules"]), {}).get(plan.kind, {})
        return [
            {"judgement": j["id"], "conclusion": "符合", "reason": f"经实地核查，{j['title']}符合要求。"}
            for condition in rules.values()
            if isinstance(condition, dict)
            for j in condition.get("judgements", [])
            if j.get("when", JudgementWhen.ALWAYS) == JudgementWhen.ALWAYS
        ]

    return conclusions


def _recommend(
    root: Path, plan: TownPlan, rng: random.Random, as_of: dt.date, conclusions: list[dict[str, str]]
) -> None:
    declared = plan.filed
    closes = min(as_date(plan.batch["closes"]), as_of)
    day = declared + dt.timedelta(days=rng.randint(0, max(0, (closes - declared).days)))
    year = int(plan.batch["year"])
    record = {
        "schema_version": 1,
        "town": plan.id,
        "batch": year,
        "department": _department(plan),
        "date": day.isoformat(),
        "document_number": f"{str(plan.city['name'])[:2]}经信函〔{year}〕{plan.index + 1}号",
        "opinion": "经审核，申报材料真实、完整，符合申报条件，同意推荐。",
    }
    if conclusions:
        record["conclusions"] = conclusions
    _write(root, recommendation_path(plan.city_slug, year, plan.id), record)


def _annual_report(root: Path, plan: TownPlan, year: int, rng: random.Random) -> None:
    growth = 1 + (year - int(plan.batch["year"])) * 0.15
    record = {
        "schema_version": 1,
        "town": plan.id,
        "year": year,
        "department": _department(plan),
        "filed_on": f"{year + 1}-01-{rng.randint(2, 10):02d}",
        "indicators": {
            "investment_completed_wan": rng.randint(5_000, 60_000),
            "internet_output_wan": int(rng.randint(100_000, 600_000) * growth),
            "internet_companies": int(rng.randint(12, 60) * growth),
            "backbone_companies": rng.randint(3, 8),
            "leading_companies": rng.randint(0, 2),
            "new_innovative_smes": rng.randint(2, 30),
            "rd_institutions": rng.randint(5, 20),
            "platforms": rng.randint(3, 8),
            "demonstration_projects": rng.randint(2, 8),
            "integrated_traditional_companies": rng.randint(5, 80) if plan.kind == "application" else 0,
        },
        "summary": f"{year} 年小镇重点项目按计划推进，互联网产业产值稳步增长；"
        "下一年将继续推进平台建设和企业培育。",
    }
    _write(root, annual_report_path(plan.city_slug, year, plan.id), record)


def _acceptance(root: Path, plan: TownPlan, year: int, rng: random.Random) -> None:
    record = {
        "schema_version": 1,
        "town": plan.id,
        "department": _department(plan),
        "date": f"{year}-04-{rng.randint(1, 28):02d}",
        "summary": "小镇已完成创建期主要目标：互联网产业产值、骨干企业和创新平台数量均达到创建方案要求。",
    }
    _write(root, acceptance_application_path(plan.city_slug, year, plan.id), record)


def _batch(
    year: int, date: dt.date, tiers: dict[str, list[str]], reviews: list[dict[str, Any]]
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "schema_version": 1,
        "year": year,
        "date": date.isoformat(),
        "document_number": f"粤经信创新函〔{year}〕88号",
        "creation_list": tiers.get("creation_list", []),
        "cultivation_list": tiers.get("cultivation_list", []),
        "not_selected": tiers.get("not_selected", []),
    }
    if reviews:
        record["reviews"] = reviews
    return record


def _evaluation(year: int, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "year": year,
        "date": f"{year + 1}-03-15",
        "document_number": f"粤经信考〔{year + 1}〕5号",
        "results": results,
    }
