"""What the city departments owe on a given day: annual reports and acceptance applications.

An annual report for year Y is owed by every town on a list at the end of Y. It appears from the
reminder start of Y (1 December) and is ``due`` through the deadline of Y+1 (10 January, included),
``overdue`` from the day after until it is filed. An acceptance application is owed by a town in
the creation tier: ``due`` from ``acceptance_notice_days`` before the last day of its creation
period through that day; after a failed acceptance that leaves the town in creation
(``acceptance_failed``), from the failure through that day. The day after, the town has expired
and can no longer apply (its state says so), so an acceptance obligation is never listed as
overdue: reminding a department every year of something it can no longer do would drown the
reminders that matter. The JSON form is
consumed by the reminder workflow; its shape is fixed (format_version 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from towns.jsonfields import fields_json
from towns.lifecycle.machine import Membership, TownLife
from towns.lifecycle.states import MAY_APPLY, Event, State
from towns.models.program import Program
from towns.registry import Town, city_of

DUE_FORMAT_VERSION = 1
Kind = Literal["annual_report", "acceptance"]
Status = Literal["due", "overdue"]
KIND_NAMES: dict[str, str] = {"annual_report": "年度发展情况报告", "acceptance": "验收申请"}
STATUS_NAMES: dict[str, str] = {"due": "待报送", "overdue": "已逾期"}


@dataclass(frozen=True, slots=True)
class Obligation:
    town: str
    town_name: str
    city: str
    city_name: str
    kind: Kind
    year: int
    due: dt.date
    status: Status

    def as_dict(self) -> dict[str, Any]:
        return fields_json(self)


def obligations(
    lives: Mapping[str, TownLife], towns: Iterable[Town], program: Program, on: dt.date
) -> list[Obligation]:
    """Every obligation due or overdue on ``on``, sorted by due date, city and town."""
    out: list[Obligation] = []
    for town in towns:
        life = lives.get(town.id)
        if life is None:
            continue
        out += _reports(life, town, program, on)
        out += _acceptance(life, town, program, on)
    return sorted(out, key=lambda o: (o.due, o.city, o.town, o.kind))


def due_json(items: Iterable[Obligation], on: dt.date) -> dict[str, Any]:
    return {
        "format_version": DUE_FORMAT_VERSION,
        "on": on.isoformat(),
        "obligations": [o.as_dict() for o in items],
    }


def _make(town: Town, program: Program, kind: Kind, *, year: int, due: dt.date, on: dt.date) -> Obligation:
    city = city_of(program, town)
    name = town.declaration.name if town.declaration else town.id
    return Obligation(
        town.id,
        name,
        town.city_slug,
        city.name if city else town.city_slug,
        kind,
        year,
        due,
        "due" if on <= due else "overdue",
    )


def _on_list_at_year_end(memberships: list[Membership], year: int) -> bool:
    return any(m.covers_day(dt.date(year, 12, 31)) for m in memberships)


def owed_report_years(life: TownLife, through: int) -> list[int]:
    """The years up to ``through`` whose annual report the town owes: on a list on 31 December, not filed."""
    if not life.memberships:
        return []
    first = life.memberships[0].start.year
    return [
        year
        for year in range(first, through + 1)
        if year not in life.reports and _on_list_at_year_end(life.memberships, year)
    ]


def acceptance_window(life: TownLife, program: Program) -> tuple[dt.date, dt.date] | None:
    """First and last day on which a town in the creation tier may apply for acceptance.

    The window opens ``acceptance_notice_days`` before the period ends; after a failed acceptance
    that keeps the town in creation, on the day of the failure if that is earlier.
    """
    end = life.period_end(program)
    if life.state not in MAY_APPLY or end is None:
        return None
    opens = end - dt.timedelta(days=program.evaluation.acceptance_notice_days)
    if life.state is State.ACCEPTANCE_FAILED:
        failed = [e.date for e in life.history if e.event is Event.ACCEPTANCE_FAILED]
        opens = min(opens, failed[-1])
    return opens, end


def _reports(life: TownLife, town: Town, program: Program, on: dt.date) -> list[Obligation]:
    out = []
    for year in owed_report_years(life, on.year):
        if on < program.reminder_start.in_year(year):
            continue
        due = program.annual_report_deadline.in_year(year + 1)
        out.append(_make(town, program, "annual_report", year=year, due=due, on=on))
    return out


def _acceptance(life: TownLife, town: Town, program: Program, on: dt.date) -> list[Obligation]:
    window = acceptance_window(life, program)
    if window is None or on < window[0]:
        return []
    return [_make(town, program, "acceptance", year=window[1].year, due=window[1], on=on)]
