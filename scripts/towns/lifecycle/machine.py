"""Replaying one town's occurrences in order: its state, tier, memberships and history.

Each occurrence is checked against the state it finds; one that the process does not allow there
(an evaluation of a town on no list that year, a naming without an acceptance application, a
second listing, a listing in a batch the town did not apply to) is reported and does not move the
state, so one wrong record never hides the others; what follows from ignoring it is folded into a
note at it (`towns.lifecycle.gaps`). Each message says why the occurrence does not fit: since when
and by which record the town is in its state, or the later record that would have fitted.

The creation period (``creation_period_years`` from the program) runs from the day a town enters
the creation tier through the same day N years later inclusive; a town still in the creation tier
after that day, without an acceptance application, has ``expired``.

A failed acceptance (a town in a naming's ``failed`` list) follows program data
(`Program.process`): the town stays in creation and may apply again within its period, or its
creation ends (it leaves the list) when the program says so or it has used its last attempt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from towns.catalog import finding_at
from towns.findings import Finding
from towns.lifecycle.amendment import Action
from towns.lifecycle.gaps import UNAPPLIED, UNRECOMMENDED, Concern, Gap, Tag
from towns.lifecycle.history import HistoryEntry
from towns.lifecycle.states import ACTIVE, EVENT_TITLES, MAY_APPLY, STATE_NAMES, Event, State
from towns.lifecycle.timeline import Occurrence
from towns.models.program import Program
from towns.models.values import Consequence, Tier

_ENTRY = frozenset({State.DECLARED, State.RECOMMENDED, State.NOT_SELECTED})
_LEAVING = frozenset({Event.NAMED, Event.REMOVED, Event.EXPIRED})
_LISTING = frozenset({Event.LISTED_CREATION, Event.LISTED_CULTIVATION})


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
    applications: int = 0  # acceptance applications taken up (seed §4.6)
    failed_acceptances: int = 0
    grades: list[tuple[int, str]] = field(default_factory=list)
    first_evaluation: dt.date | None = None
    reports: dict[int, Occurrence] = field(default_factory=dict)
    graded: dict[int, Occurrence] = field(default_factory=dict)  # the evaluation that graded each year
    history: list[HistoryEntry] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    occurrences: Sequence[Occurrence] = ()  # all of the town's, in replay order (for look-ahead)
    entered: HistoryEntry | None = None  # the history entry that put the town in its current state

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
        """Record what ``occ`` did; a correction's own effect is recorded as the correction itself."""
        shown = {**dict(occ.details), **details}
        amendment = occ.amendment
        if amendment is not None and event in (occ.kind, Event.PROMOTED):
            shown = {**amendment.details(), **shown}
            self.history.append(
                _entry(occ.date, Event.CORRECTED, occ.file, occ.line, shown, title=amendment.title)
            )
            return
        self.history.append(_entry(occ.date, event, occ.file, occ.line, shown))

    def reject(self, occ: Occurrence, code: str, *, tag: Tag | None = None, **params: Any) -> None:
        """Report ``occ`` as not allowed in the current state; it is ignored from here on."""
        found = self.flag(occ, code, tag=tag, **params)
        self.gaps.append(Gap(occ.location, frozenset({self.town}), occ.date, frozenset(), found))

    def flag(self, occ: Occurrence, code: str, *, tag: Tag | None = None, **params: Any) -> Finding:
        """Report ``occ`` without ignoring it."""
        found = finding_at(
            code,
            occ.location,
            town=self.town,
            state=STATE_NAMES[self.state],
            since=self.since(),
            event=occ.amendment.title if occ.amendment else EVENT_TITLES[occ.kind],
            **params,
        )
        self.concerns.append(Concern(found, self.town, occ.date, tag))
        return found

    def since(self) -> str:
        """Since when, and by which record, the town is in its current state."""
        entry = self.entered
        if entry is None:
            return "尚无任何记录"
        where = f"，{entry.file} 第 {entry.line} 行" if entry.file else ""
        return f"自 {entry.date}“{entry.title}”起{where}"

    def later(self, kind: Event, after: dt.date) -> Occurrence | None:
        """The town's first occurrence of ``kind`` dated after ``after``, if any."""
        return next((o for o in self.occurrences if o.kind is kind and o.date > after), None)

    def off_list_reason(self, year: int) -> str:
        """Why the town is on no list in ``year``: it left one before, or is listed only later."""
        start = dt.date(year, 1, 1)
        for entry in reversed(self.history):
            if entry.event in _LEAVING and entry.date < start:
                return f"该小镇已于 {entry.date}“{entry.title}”{_at(entry.file, entry.line)}"
        listing = next((o for o in self.occurrences if o.kind in _LISTING and o.date.year > year), None)
        if listing is not None:
            return f"该小镇 {listing.date} 才{EVENT_TITLES[listing.kind]}{_at(listing.file, listing.line)}"
        return "该小镇从未列入创建名单或培育名单"


def _at(file: str | None, line: int | None) -> str:
    return f"（{file} 第 {line} 行）" if file else ""


def _entry(
    day: dt.date,
    event: Event,
    file: str | None,
    line: int | None,
    details: dict[str, Any],
    *,
    title: str | None = None,
) -> HistoryEntry:
    shown = {k: v for k, v in details.items() if v is not None and k != "indicators"}
    return HistoryEntry(day, event, title or EVENT_TITLES[event], file, line, shown)


def replay(town: str, occurrences: Sequence[Occurrence], program: Program, today: dt.date) -> TownLife:
    """The life of ``town`` from its occurrences (already in replay order) as of ``today``."""
    life = TownLife(town, occurrences=occurrences)
    for occ in occurrences:
        _expire(life, program, occ.takes_effect)
        before = life.state
        handler = amended if occ.amendment is not None else _HANDLERS[occ.kind]
        handler(life, occ, program)
        if life.state is not before or life.entered is None:
            life.entered = life.history[-1] if life.history else None
    _expire(life, program, today)
    return life


_MAY_EXPIRE = frozenset({State.CREATION, State.ACCEPTANCE_FAILED})


def _expire(life: TownLife, program: Program, day: dt.date) -> None:
    end = life.period_end(program)
    if end is None or life.state not in _MAY_EXPIRE or day <= end:
        return
    life.leave(end + dt.timedelta(days=1))
    life.state = State.EXPIRED
    life.history.append(
        _entry(end, Event.EXPIRED, None, None, {"period_years": program.creation_period_years})
    )
    life.entered = life.history[-1]


def _declared(life: TownLife, occ: Occurrence, program: Program) -> None:
    if life.state in _ENTRY:
        life.state = State.DECLARED
    life.note(occ, Event.DECLARED, batch=occ.year)


def _recommended(life: TownLife, occ: Occurrence, program: Program) -> None:
    if life.state in {State.DECLARED, State.NOT_SELECTED}:
        life.state = State.RECOMMENDED
    life.note(occ, Event.RECOMMENDED, batch=occ.year)


def _applied(life: TownLife, occ: Occurrence) -> bool:
    """Whether the town applied to the batch that lists it; if not, say which batch it did apply to.

    A town applies to the batch its declaration names, even when its city also recommended it for
    another. An earlier batch may have decided on an earlier declaration that the current one
    replaced: a town not selected, or put on the cultivation list, may apply again. That is
    accepted when the city recommended it for that batch, the batch did not select it or listed it
    for cultivation, and was published before the declaration in force was filed. A cultivation
    town may also be recommended again and put on a later batch's creation list without declaring
    again (promotion, see `_listed`).
    """
    declared = next((o for o in life.occurrences if o.kind is Event.DECLARED), None)
    if declared is None or declared.year is None or declared.year == occ.year:
        return True
    earlier = occ.year is not None and occ.year < declared.year and occ.date < declared.date
    replaced = occ.kind in {Event.NOT_SELECTED, Event.LISTED_CULTIVATION}
    if (
        earlier
        and replaced
        and any(o.kind is Event.RECOMMENDED and o.year == occ.year for o in life.occurrences)
    ):
        return True
    life.reject(occ, "E-LIFE-017", year=occ.year, applied=declared.year, declaration=declared.file)
    return False


def _recommended_for(life: TownLife, occ: Occurrence) -> None:
    """A listed town has its city's recommendation for that batch (seed §4.1); say what there is."""
    recommendations = [o for o in life.occurrences if o.kind is Event.RECOMMENDED]
    if any(o.year == occ.year for o in recommendations):
        return
    other = "；".join(f"地市推荐它参加的是 {o.year} 年批次（{o.file}）" for o in recommendations)
    life.flag(
        occ,
        "E-LIFE-002",
        tag=(UNRECOMMENDED, occ.year or 0),
        year=occ.year,
        other=f"（{other}）" if other else "",
    )


def _listed(life: TownLife, occ: Occurrence, program: Program) -> None:
    creation = occ.kind is Event.LISTED_CREATION
    promotion = creation and life.state in {State.CULTIVATION, State.DEMOTED}
    if not promotion and life.state in _ENTRY and not _applied(life, occ):
        return
    if promotion or life.state in _ENTRY:
        _recommended_for(life, occ)
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
    if life.state in _ENTRY and not _applied(life, occ):
        return
    if life.state in _ENTRY:
        _recommended_for(life, occ)
    if life.state in _ENTRY:
        life.state = State.NOT_SELECTED
        life.note(occ, Event.NOT_SELECTED, batch=occ.year)
    else:
        life.reject(occ, "E-LIFE-012")


def _report(life: TownLife, occ: Occurrence, program: Program) -> None:
    assert occ.year is not None  # noqa: S101 - every report occurrence carries its year
    if not life.in_list_during(occ.year):
        why = life.off_list_reason(occ.year)
        life.reject(occ, "E-LIFE-005", year=occ.year, record="年度发展情况报告", why=why)
        return
    life.reports[occ.year] = occ
    life.note(occ, Event.REPORT_FILED, year=occ.year)


def _evaluated(life: TownLife, occ: Occurrence, program: Program) -> None:
    assert occ.year is not None and occ.grade is not None  # noqa: S101 - set by the collector
    if not life.in_list_during(occ.year):
        why = life.off_list_reason(occ.year)
        life.reject(occ, "E-LIFE-005", year=occ.year, record="年度考核结果", why=why)
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
    life.graded[occ.year] = occ
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
    """From the creation tier (after a failed acceptance too); after an expired period too, unless
    the program cuts it off.
    """
    late = life.state is State.EXPIRED and not program.process.acceptance_within_creation_period
    if life.state not in MAY_APPLY and not late:
        if occ.effective is not None:  # a late city record: judged on the day it was entered
            life.reject(occ, "E-LATE-003", date=occ.date.isoformat(), recorded_on=occ.effective.isoformat())
        else:
            life.reject(occ, "E-LIFE-014")
        return
    life.state = State.ACCEPTANCE_APPLIED
    life.applications += 1
    life.note(occ, Event.ACCEPTANCE_APPLIED, attempt=life.applications if life.applications > 1 else None)


def _acceptance_failed(life: TownLife, occ: Occurrence, program: Program) -> None:
    """The province found the town short of its targets: continue creation, or end it."""
    if life.state is not State.ACCEPTANCE_APPLIED:
        life.reject(occ, "E-LIFE-030")
        return
    life.failed_acceptances += 1
    rules = program.process
    if rules.ends_creation(life.failed_acceptances):
        life.state = State.CREATION_ENDED
        life.leave(occ.date)
        rule = _ending_rule(rules.max_acceptance_applications, life.applications)
    else:
        life.state = State.ACCEPTANCE_FAILED
        rule = "创建期内可再次申请验收"
    life.note(occ, Event.ACCEPTANCE_FAILED, attempt=life.applications, rule=rule)


def _ending_rule(limit: int | None, applications: int) -> str:
    if limit is not None and applications >= limit:
        return f"第 {applications} 次验收不合格，已达申请次数上限，终止创建"
    return "验收不合格即终止创建"


def _named(life: TownLife, occ: Occurrence, program: Program) -> None:
    day = occ.date.isoformat()
    if life.state is State.NAMED:
        life.reject(occ, "E-LIFE-012")
    elif life.state is not State.ACCEPTANCE_APPLIED:
        life.reject(occ, "E-LIFE-007", tag=(UNAPPLIED, 0), date=day, cause=_no_application(life, occ))
    elif life.first_evaluation is None and program.process.naming_requires_evaluation:
        life.reject(occ, "E-LIFE-008", date=day, cause=_no_evaluation(life, occ))
    else:
        life.state = State.NAMED
        life.leave(occ.date)
        life.note(occ, Event.NAMED, title=program.province.demonstration_title)


def _no_application(life: TownLife, occ: Occurrence) -> str:
    later = life.later(Event.ACCEPTANCE_APPLIED, occ.date)
    if later is not None:
        return f"其验收申请（{later.file} 第 {later.line} 行）的日期 {later.date} 晚于命名日期"
    if any(e.event is Event.ACCEPTANCE_APPLIED for e in life.history):
        return f"此前的验收申请已不在待验收状态，小镇当前状态为“{STATE_NAMES[life.state]}”（{life.since()}）"
    return f"没有任何验收申请，小镇当前状态为“{STATE_NAMES[life.state]}”（{life.since()}）"


def _no_evaluation(life: TownLife, occ: Occurrence) -> str:
    later = life.later(Event.EVALUATED, occ.date)
    if later is not None:
        return f"最早的年度考核结果（{later.file} 第 {later.line} 行）公布于 {later.date}，晚于命名日期"
    return "没有任何年度考核结果"


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
    Event.ACCEPTANCE_FAILED: _acceptance_failed,
}


# Corrections (更正/补充) of published records: see `towns.lifecycle.corrections`. Where a correction
# amounts to an ordinary decision in the state it finds (a town listed, a grade given, a town named),
# the ordinary handler applies it; otherwise it moves the town between lists, replaces or withdraws
# a grade or a naming, on its own date. It never undoes what an earlier decision caused (a demotion,
# a removal): that takes a correction of the list itself.
_LISTED = frozenset({State.CREATION, State.CULTIVATION, State.DEMOTED, State.ACCEPTANCE_FAILED})


def amended(life: TownLife, occ: Occurrence, program: Program) -> None:
    """Apply a correction's occurrence (``occ.amendment`` is set)."""
    assert occ.amendment is not None  # noqa: S101 - dispatched on it
    _AMENDED[occ.amendment.action](life, occ, program)


def _place(life: TownLife, occ: Occurrence, program: Program) -> None:
    assert occ.amendment is not None and occ.amendment.target is not None  # noqa: S101 - set with PLACE
    tier = occ.amendment.target.tier
    promoted = tier is Tier.CREATION and life.state in {State.CULTIVATION, State.DEMOTED}
    if life.state in _ENTRY or promoted:
        _HANDLERS[occ.kind](life, occ, program)
    elif life.state not in _LISTED:
        life.reject(occ, "E-LIFE-012")
    elif tier is None:
        life.leave(occ.date)
        life.state = State.NOT_SELECTED
        life.note(occ, occ.kind, batch=occ.year)
    else:
        if tier != life.tier:
            life.enter(tier, occ.date)
        life.state = State.CREATION if tier is Tier.CREATION else State.CULTIVATION
        life.note(occ, occ.kind, batch=occ.year)


def _unplace(life: TownLife, occ: Occurrence, program: Program) -> None:
    if life.state not in _LISTED | {State.NOT_SELECTED}:
        life.reject(occ, "E-LIFE-012")
        return
    life.leave(occ.date)
    life.state = State.RECOMMENDED
    life.note(occ, occ.kind, batch=occ.year)


def _regrade(life: TownLife, occ: Occurrence, program: Program) -> None:
    """A year's grade replaced: the new grade counts from the correction, with its own consequence."""
    assert occ.year is not None and occ.grade is not None  # noqa: S101 - set by the corrections
    tier = life.tier or life.last_tier
    grade = program.evaluation.scale(tier).by_name.get(occ.grade) if tier else None
    if tier is None or grade is None:
        _evaluated(life, occ, program)  # reports why the grade cannot be given
        return
    life.grades = sorted([(y, g) for y, g in life.grades if y != occ.year] + [(occ.year, grade.name)])
    life.note(occ, occ.kind, year=occ.year, grade=grade.name, tier=tier)
    if life.state in ACTIVE and grade.consequence is not Consequence.NONE:
        _consequences(life, occ, program, grade.failing, grade.consequence)


def _ungrade(life: TownLife, occ: Occurrence, program: Program) -> None:
    life.grades = [(y, g) for y, g in life.grades if y != occ.year]
    life.note(occ, occ.kind, year=occ.year)


def _unname(life: TownLife, occ: Occurrence, program: Program) -> None:
    if life.state is not State.NAMED:
        life.reject(occ, "E-LIFE-012")
        return
    life.state = State.ACCEPTANCE_APPLIED
    life.enter(Tier.CREATION, occ.date)
    life.note(occ, occ.kind)


def _note(life: TownLife, occ: Occurrence, program: Program) -> None:
    """A city record's correction: history only, and an annual report's corrected numbers."""
    assert occ.amendment is not None  # noqa: S101 - dispatched on it
    indicators = occ.amendment.indicators
    report = life.reports.get(occ.year) if occ.year is not None else None
    if indicators is not None and report is not None:
        details = tuple((k, indicators if k == "indicators" else v) for k, v in report.details)
        life.reports[report.year or 0] = dataclasses.replace(report, details=details)
    life.note(occ, occ.kind)


_AMENDED: dict[Action, Callable[[TownLife, Occurrence, Program], None]] = {
    Action.PLACE: _place,
    Action.UNPLACE: _unplace,
    Action.REGRADE: _regrade,
    Action.ADD_GRADE: _evaluated,
    Action.UNGRADE: _ungrade,
    Action.NAME: _named,
    Action.UNNAME: _unname,
    Action.NOTE: _note,
}
