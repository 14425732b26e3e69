"""Replaying one town's occurrences in order: its state, tier, memberships and history.

Each occurrence is checked against the state it finds; one that the process does not allow there
(an evaluation of a town on no list that year, a naming without an acceptance application, a
second listing) is reported and does not move the state, so one wrong record never hides the
others. The creation period (``creation_period_years`` from the program) runs from the day a town
enters the creation tier through the same day N years later inclusive; a town still in the creation
tier after that day, without an acceptance application, has ``expired``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from towns.catalog import finding_at
from towns.findings import Finding
from towns.lifecycle.history import HistoryEntry
from towns.lifecycle.states import ACTIVE, EVENT_TITLES, STATE_NAMES, Event, State
from towns.lifecycle.timeline import Occurrence
from towns.models.program import Program
from towns.models.values import Consequence, Tier

_ENTRY = frozenset({State.DECLARED, State.RECOMMENDED, State.NOT_SELECTED})


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(slots=True)
class Membership:
    """A stay on one list: from the decision that put the town there until it left (exclusive)."""

    tier: Tier
    start: dt.date
    end: dt.date | None = None

    def covers_year(self, year: int) -> bool:
        return self.start <= dt.date(year, 12, 31) and (self.end is None or self.end > dt.date(year, 1, 1))

    def covers_day(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end > day)


@dataclass(slots=True)
class TownLife:
    """Everything derived about one town."""

    town: str
    state: State = State.DECLARED
    memberships: list[Membership] = field(default_factory=list)
    failures: int = 0
    grades: list[tuple[int, str]] = field(default_factory=list)
    first_evaluation: dt.date | None = None
    reports: dict[int, Occurrence] = field(default_factory=dict)
    history: list[HistoryEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def tier(self) -> Tier | None:
        """The tier of the list the town is on now (None when on no list)."""
        if self.memberships and self.memberships[-1].end is None:
            return self.memberships[-1].tier
        return None

    @property
    def last_tier(self) -> Tier | None:
        return self.memberships[-1].tier if self.memberships else None

    def period_end(self, program: Program) -> dt.date | None:
        """Last day of the creation period, while the town is in the creation tier."""
        if self.tier != Tier.CREATION:
            return None
        return add_years(self.memberships[-1].start, program.creation_period_years)

    def in_list_during(self, year: int) -> bool:
        return any(m.covers_year(year) for m in self.memberships)

    def enter(self, tier: Tier, day: dt.date) -> None:
        self.leave(day)
        self.memberships.append(Membership(tier, day))

    def leave(self, day: dt.date) -> None:
        if self.memberships and self.memberships[-1].end is None:
            self.memberships[-1].end = day

    def note(self, occ: Occurrence, event: Event, **details: Any) -> None:
        self.history.append(_entry(occ.date, event, occ.file, occ.line, {**dict(occ.details), **details}))

    def reject(self, occ: Occurrence, code: str, **params: Any) -> None:
        self.findings.append(
            finding_at(
                code,
                occ.location,
                town=self.town,
                state=STATE_NAMES[self.state],
                event=EVENT_TITLES[occ.kind],
                **params,
            )
        )


def _entry(
    day: dt.date, event: Event, file: str | None, line: int | None, details: dict[str, Any]
) -> HistoryEntry:
    shown = {k: v for k, v in details.items() if v is not None and k != "indicators"}
    return HistoryEntry(day, event, EVENT_TITLES[event], file, line, shown)


def replay(town: str, occurrences: Sequence[Occurrence], program: Program, today: dt.date) -> TownLife:
    """The life of ``town`` from its occurrences (already in replay order) as of ``today``."""
    life = TownLife(town)
    for occ in occurrences:
        _expire(life, program, occ.date)
        _HANDLERS[occ.kind](life, occ, program)
    _expire(life, program, today)
    return life


def _expire(life: TownLife, program: Program, day: dt.date) -> None:
    end = life.period_end(program)
    if end is None or life.state is not State.CREATION or day <= end:
        return
    life.leave(end + dt.timedelta(days=1))
    life.state = State.EXPIRED
    life.history.append(
        _entry(end, Event.EXPIRED, None, None, {"period_years": program.creation_period_years})
    )


def _declared(life: TownLife, occ: Occurrence, program: Program) -> None:
    if life.state in _ENTRY:
        life.state = State.DECLARED
    life.note(occ, Event.DECLARED, batch=occ.year)


def _recommended(life: TownLife, occ: Occurrence, program: Program) -> None:
    if life.state in {State.DECLARED, State.NOT_SELECTED}:
        life.state = State.RECOMMENDED
    life.note(occ, Event.RECOMMENDED, batch=occ.year)


def _listed(life: TownLife, occ: Occurrence, program: Program) -> None:
    creation = occ.kind is Event.LISTED_CREATION
    if life.state in _ENTRY:
        life.state = State.CREATION if creation else State.CULTIVATION
        life.enter(Tier.CREATION if creation else Tier.CULTIVATION, occ.date)
        life.note(occ, occ.kind, batch=occ.year)
    elif creation and life.state in {State.CULTIVATION, State.DEMOTED}:
        life.state = State.CREATION
        life.enter(Tier.CREATION, occ.date)
        life.note(occ, Event.PROMOTED, batch=occ.year)
    else:
        life.reject(occ, "E-LIFE-012")


def _not_selected(life: TownLife, occ: Occurrence, program: Program) -> None:
    if life.state in _ENTRY:
        life.state = State.NOT_SELECTED
        life.note(occ, Event.NOT_SELECTED, batch=occ.year)
    else:
        life.reject(occ, "E-LIFE-012")


def _report(life: TownLife, occ: Occurrence, program: Program) -> None:
    assert occ.year is not None  # noqa: S101 - every report occurrence carries its year
    if not life.in_list_during(occ.year):
        life.reject(occ, "E-LIFE-005", year=occ.year, record="年度发展情况报告")
        return
    life.reports[occ.year] = occ
    life.note(occ, Event.REPORT_FILED, year=occ.year)


def _evaluated(life: TownLife, occ: Occurrence, program: Program) -> None:
    assert occ.year is not None and occ.grade is not None  # noqa: S101 - set by the collector
    if not life.in_list_during(occ.year):
        life.reject(occ, "E-LIFE-005", year=occ.year, record="年度考核结果")
        return
    tier = life.tier or life.last_tier
    assert tier is not None  # noqa: S101 - in a list that year implies a membership
    scale = program.evaluation.scale(tier)
    grade = scale.by_name.get(occ.grade)
    if grade is None:
        allowed = "、".join(scale.by_name)
        life.reject(occ, "E-LIFE-013", grade=occ.grade, tier=tier.label, allowed=allowed)
        return
    life.grades.append((occ.year, grade.name))
    life.first_evaluation = life.first_evaluation or occ.date
    life.note(occ, Event.EVALUATED, year=occ.year, grade=grade.name, tier=tier)
    if life.state in ACTIVE:
        _consequences(life, occ, program, grade.failing, grade.consequence)


def _consequences(
    life: TownLife, occ: Occurrence, program: Program, failing: bool, consequence: Consequence
) -> None:
    life.failures = life.failures + 1 if failing else 0
    limit = program.evaluation.removal_after_consecutive_failures
    if consequence == Consequence.REMOVE or (limit is not None and life.failures >= limit):
        life.state = State.REMOVED
        life.leave(occ.date)
        rule = "" if consequence == Consequence.REMOVE else f"连续 {life.failures} 个年度考核不合格"
        life.note(occ, Event.REMOVED, year=occ.year, rule=rule or None)
    elif consequence == Consequence.DEMOTE and life.tier == Tier.CREATION:
        life.state = State.DEMOTED
        life.enter(Tier.CULTIVATION, occ.date)
        life.note(occ, Event.DEMOTED, year=occ.year)


def _acceptance(life: TownLife, occ: Occurrence, program: Program) -> None:
    """From the creation tier; after an expired period too unless the program cuts it off."""
    late = life.state is State.EXPIRED and not program.process.acceptance_within_creation_period
    if life.state is not State.CREATION and not late:
        life.reject(occ, "E-LIFE-014")
        return
    life.state = State.ACCEPTANCE_APPLIED
    life.note(occ, Event.ACCEPTANCE_APPLIED)


def _named(life: TownLife, occ: Occurrence, program: Program) -> None:
    if life.state is State.NAMED:
        life.reject(occ, "E-LIFE-012")
    elif life.state is not State.ACCEPTANCE_APPLIED:
        life.reject(occ, "E-LIFE-007")
    elif life.first_evaluation is None and program.process.naming_requires_evaluation:
        life.reject(occ, "E-LIFE-008")
    else:
        life.state = State.NAMED
        life.leave(occ.date)
        life.note(occ, Event.NAMED, title=program.province.demonstration_title)


_HANDLERS: dict[Event, Callable[[TownLife, Occurrence, Program], None]] = {
    Event.DECLARED: _declared,
    Event.RECOMMENDED: _recommended,
    Event.LISTED_CREATION: _listed,
    Event.LISTED_CULTIVATION: _listed,
    Event.NOT_SELECTED: _not_selected,
    Event.REPORT_FILED: _report,
    Event.EVALUATED: _evaluated,
    Event.ACCEPTANCE_APPLIED: _acceptance,
    Event.NAMED: _named,
}
