"""Program progress against the targets of seed §1.3, §2.1 and §3.1, computed from the records.

Targets are for a period (“3 年内”, from `targets.start`): each metric's ``actual`` counts only the
annual reports of the period's years and is what ``met`` compares with the target; ``to_date``
counts every report, for the figure since. The period's first and last days are in the result.

Which towns count: every town that is or was on a list and has not been removed (creation,
cultivation, demoted, acceptance applied, named, expired): the companies they grew still exist.
Stocks (companies, output) come from each town's latest annual report; the SMEs cultivated are
the sum of the new innovative SMEs over all annual reports. A cluster is an industry-type town
whose latest internet output reaches the target's scale (以上: the scale itself included); the
counts are cumulative, so a 千亿元 town also counts as a 百亿元 one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from towns.lifecycle.machine import TownLife
from towns.lifecycle.states import STATE_NAMES, State
from towns.models.program import Program, period_end
from towns.models.records import Indicators
from towns.registry import Town

PROGRESS_FORMAT_VERSION = 1
_COUNTED = frozenset(State) - {State.DECLARED, State.RECOMMENDED, State.NOT_SELECTED, State.REMOVED}


def _latest(life: TownLife) -> Indicators | None:
    if not life.reports:
        return None
    occ = life.reports[max(life.reports)]
    return dict(occ.details).get("indicators")


def _all_reports(life: TownLife, last_year: int | None = None) -> list[Indicators]:
    return [
        dict(o.details)["indicators"]
        for year, o in sorted(life.reports.items())
        if last_year is None or year <= last_year
    ]


def _within(life: TownLife, last_year: int) -> TownLife:
    """The same life as far as its annual reports of the years up to ``last_year`` tell."""
    kept = TownLife(life.town, life.state)
    kept.reports = {year: occ for year, occ in life.reports.items() if year <= last_year}
    return kept


def _metric(
    metric_id: str, name: str, target: int, actual: int | Decimal, to_date: int | Decimal, **extra: Any
) -> dict[str, Any]:
    return {
        "id": metric_id,
        "name": name,
        "target": target,
        "actual": int(actual),
        "met": int(actual) >= target,
        "to_date": int(to_date),
        **extra,
    }


def progress(
    lives: Mapping[str, TownLife], towns: Iterable[Town], program: Program, today: dt.date
) -> dict[str, Any]:
    """The `progress` object of the JSON report and of `towns progress`."""
    by_type: dict[str, list[TownLife]] = {"industry": [], "application": []}
    states: dict[str, dict[str, int]] = {"industry": {}, "application": {}}
    for town in towns:
        life = lives.get(town.id)
        if life is None or town.declaration is None:
            continue
        kind = town.declaration.type
        states[kind][life.state.value] = states[kind].get(life.state.value, 0) + 1
        if life.state in _COUNTED:
            by_type[kind].append(life)
    targets = program.targets
    end = period_end(targets.start, targets.years)
    in_period = {
        kind: [_within(life, min(end.year, today.year)) for life in lives_]
        for kind, lives_ in by_type.items()
    }
    return {
        "format_version": PROGRESS_FORMAT_VERSION,
        "as_of": today.isoformat(),
        "target_years": targets.years,
        "period": {
            "start": targets.start.isoformat(),
            "end": end.isoformat(),
            "years": list(range(targets.start.year, end.year + 1)),
            "ended": today > end,
            "source": targets.sources["start"].text if "start" in targets.sources else "",
        },
        "towns": {kind: _towns(kind, states[kind], program) for kind in ("industry", "application")},
        "metrics": _metrics(in_period, by_type, program),
        "state_names": {s.value: STATE_NAMES[s] for s in State},
    }


def _towns(kind: str, states: dict[str, int], program: Program) -> dict[str, Any]:
    target = program.targets.industry_towns if kind == "industry" else program.targets.application_towns
    return {
        "name": target.name,
        "target": target.count,
        "named": states.get(State.NAMED.value, 0),
        "creation": states.get(State.CREATION.value, 0) + states.get(State.ACCEPTANCE_APPLIED.value, 0),
        "cultivation": states.get(State.CULTIVATION.value, 0) + states.get(State.DEMOTED.value, 0),
        "by_state": dict(sorted(states.items())),
    }


def _figures(by_type: Mapping[str, list[TownLife]], program: Program) -> dict[str, int | Decimal]:
    """Every metric's figure from the annual reports these lives hold."""
    t = program.targets
    industry = by_type["industry"]
    application = by_type["application"]
    industry_smes = sum(r.new_innovative_smes for life in industry for r in _all_reports(life))
    application_smes = sum(r.new_innovative_smes for life in application for r in _all_reports(life))
    latest_industry = [r for r in map(_latest, industry) if r is not None]
    latest_application = [r for r in map(_latest, application) if r is not None]
    figures: dict[str, int | Decimal] = {"innovative_smes": industry_smes + application_smes}
    for index, cluster in enumerate(t.industry_clusters):
        figures[f"industry_clusters.{index}"] = sum(
            1 for r in latest_industry if r.internet_output_wan >= cluster.min_output_wan
        )
    figures["leading_companies"] = sum(r.leading_companies for r in latest_industry)
    figures["backbone_companies"] = sum(r.backbone_companies for r in latest_industry)
    figures["industry_smes"] = industry_smes
    figures["application_smes"] = application_smes
    figures["integrated_traditional_companies"] = sum(
        r.integrated_traditional_companies for r in latest_application
    )
    return figures


def _metrics(
    in_period: Mapping[str, list[TownLife]], to_date: Mapping[str, list[TownLife]], program: Program
) -> list[dict[str, Any]]:
    t = program.targets
    period, since = _figures(in_period, program), _figures(to_date, program)

    def metric(metric_id: str, name: str, target: int, **extra: Any) -> dict[str, Any]:
        return _metric(metric_id, name, target, period[metric_id], since[metric_id], **extra)

    out = [metric("innovative_smes", t.innovative_smes.name, t.innovative_smes.count)]
    for index, cluster in enumerate(t.industry_clusters):
        out.append(
            metric(
                f"industry_clusters.{index}",
                cluster.name,
                cluster.count,
                min_output_wan=str(cluster.min_output_wan),
            )
        )
    out.append(
        metric(
            "leading_companies",
            t.leading_companies.name,
            t.leading_companies.min,
            target_max=t.leading_companies.max,
        )
    )
    out.append(metric("backbone_companies", t.backbone_companies.name, t.backbone_companies.count))
    out.append(metric("industry_smes", t.industry_smes.name, t.industry_smes.count))
    out.append(metric("application_smes", t.application_smes.name, t.application_smes.count))
    out.append(
        metric(
            "integrated_traditional_companies",
            t.integrated_traditional_companies.name,
            t.integrated_traditional_companies.count,
        )
    )
    return out
