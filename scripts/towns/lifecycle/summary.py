"""A town's derived life as the JSON report's town entry shows it (merged into `towns[]`).

Keys: ``state`` and ``state_name``; ``tier`` and ``tier_name`` (the list the town is on now, or
null); ``creation_period`` (start and last day, while in the creation tier); ``grades`` (year and
grade); ``history`` (dated events with their source file and line); ``indicators`` (the annual
report numbers by year, with the investment the town planned for that year in its declaration).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from towns.lifecycle.machine import TownLife
from towns.lifecycle.states import STATE_NAMES, TIER_NAMES
from towns.models.program import Program
from towns.registry import Town


def planned_investment(town: Town, year: int) -> Decimal | None:
    """What the town's declaration planned to invest in ``year`` over all its key projects."""
    if town.declaration is None:
        return None
    amounts = [
        step.investment_wan
        for project in town.declaration.creation_plan.key_projects
        for step in project.yearly_plan
        if step.year == year
    ]
    return sum(amounts, Decimal(0)) if amounts else None


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def indicators(life: TownLife, town: Town) -> list[dict[str, Any]]:
    out = []
    for year, occ in sorted(life.reports.items()):
        values = dict(occ.details)["indicators"].model_dump()
        planned = planned_investment(town, year)
        row = {"year": year, "filed_on": occ.date.isoformat(), "file": occ.file}
        row.update({k: _number(v) for k, v in values.items()})
        row["investment_planned_wan"] = _number(planned)
        out.append(row)
    return out


def town_entry(life: TownLife, town: Town, program: Program) -> dict[str, Any]:
    tier = life.tier
    end = life.period_end(program)
    period = {"start": life.memberships[-1].start.isoformat(), "end": end.isoformat()} if end else None
    return {
        "state": life.state.value,
        "state_name": STATE_NAMES[life.state],
        "tier": tier,
        "tier_name": TIER_NAMES[tier] if tier else None,
        "creation_period": period,
        "grades": [{"year": year, "grade": grade} for year, grade in life.grades],
        "history": life.history,
        "indicators": indicators(life, town),
    }
