"""A town's derived life as the JSON report's town entry shows it (merged into `towns[]`).

Keys, in this order: ``state`` and ``state_name``; ``tier`` and ``tier_name`` (the list the town
is on now, or null); ``creation_period`` (start and last day, while in the creation tier);
``grades`` (year and grade); ``history`` (dated events with their source file and line);
``indicators`` (the annual report numbers by year, with the investment the town planned for that
year in its declaration); ``next_steps`` (what is to happen next as of the check's day, from
`outlook`). `LifeSummary.as_json` is that part of the report (format_version 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from towns.lifecycle.history import HistoryEntry
from towns.lifecycle.machine import TownLife, add_years
from towns.lifecycle.outlook import NextStep, next_steps
from towns.lifecycle.states import STATE_NAMES, State
from towns.models.program import Program
from towns.models.records import Indicators
from towns.models.values import Tier
from towns.registry import Town

Number = int | float


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


def json_number(value: Decimal | int | None) -> Number | None:
    """A number as the JSON report writes it: whole decimals as integers, others as floats."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One year's annual report numbers, beside the investment the declaration planned for it."""

    year: int
    filed_on: dt.date
    file: str
    indicators: Indicators
    investment_planned_wan: Decimal | None

    def value(self, key: str) -> Number | None:
        """The number under ``key`` as the JSON report has it (None when absent)."""
        if key == "investment_planned_wan":
            return json_number(self.investment_planned_wan)
        return json_number(self.indicators.model_dump().get(key))

    def as_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {"year": self.year, "filed_on": self.filed_on.isoformat(), "file": self.file}
        row.update({k: json_number(v) for k, v in self.indicators.model_dump().items()})
        row["investment_planned_wan"] = json_number(self.investment_planned_wan)
        return row


@dataclass(frozen=True, slots=True)
class CreationPeriod:
    """The creation period, and which of its years the check's day falls in (1 = the first)."""

    start: dt.date
    end: dt.date  # the last day, inclusive
    year: int | None = None

    @classmethod
    def on(cls, start: dt.date, end: dt.date, day: dt.date) -> CreationPeriod:
        """The period from ``start`` through ``end`` with the year of ``day`` (None outside it)."""
        if not start <= day <= end:
            return cls(start, end)
        years = max(1, end.year - start.year)
        year = next((k for k in range(1, years) if day < add_years(start, k)), years)
        return cls(start, end, year)


@dataclass(frozen=True, slots=True)
class YearGrade:
    year: int
    grade: str


@dataclass(frozen=True, slots=True)
class LifeSummary:
    """The lifecycle part of a town's summary."""

    state: State
    tier: Tier | None
    creation_period: CreationPeriod | None
    grades: tuple[YearGrade, ...]
    history: tuple[HistoryEntry, ...]
    indicators: tuple[IndicatorRow, ...]
    next_steps: tuple[NextStep, ...] = ()

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]

    @property
    def tier_name(self) -> str | None:
        return self.tier.label if self.tier else None

    def as_json(self) -> dict[str, Any]:
        period = self.creation_period
        return {
            "state": self.state.value,
            "state_name": self.state_name,
            "tier": self.tier.value if self.tier else None,
            "tier_name": self.tier_name,
            "creation_period": {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "year": period.year,
            }
            if period
            else None,
            "grades": [{"year": g.year, "grade": g.grade} for g in self.grades],
            "history": [entry.as_json() for entry in self.history],
            "indicators": [row.as_json() for row in self.indicators],
            "next_steps": [step.as_json() for step in self.next_steps],
        }


def indicators(life: TownLife, town: Town) -> tuple[IndicatorRow, ...]:
    rows = []
    for year, occ in sorted(life.reports.items()):
        values = dict(occ.details)["indicators"]
        rows.append(IndicatorRow(year, occ.date, occ.file, values, planned_investment(town, year)))
    return tuple(rows)


def town_entry(life: TownLife, town: Town, program: Program, today: dt.date) -> LifeSummary:
    """The lifecycle part of the town's summary as of ``today``."""
    end = life.period_end(program)
    period = CreationPeriod.on(life.memberships[-1].start, end, today) if end else None
    return LifeSummary(
        state=life.state,
        tier=life.tier,
        creation_period=period,
        grades=tuple(YearGrade(year, grade) for year, grade in life.grades),
        history=tuple(life.history),
        indicators=indicators(life, town),
        next_steps=next_steps(life, town, program, today),
    )
