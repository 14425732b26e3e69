"""A town's next steps (`lifecycle.outlook`) and the groups its state is counted in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lifecycle_builder import World
from towns.lifecycle.outlook import next_steps
from towns.lifecycle.states import STATE_GROUPS, State, group_of
from towns.lifecycle.summary import CreationPeriod

Step = tuple[str, str, str | None, str | None]


def _steps(w: World, town: str, on: dt.date) -> list[Step]:
    program = w.program()
    towns = {t.id: t for t in w.towns(program)}
    lives, _ = w.lives(on)
    steps = next_steps(lives[town], towns[town], program, on)
    return [(s.kind, s.status, s.opens and s.opens.isoformat(), s.due and s.due.isoformat()) for s in steps]


def _listed(tmp_path: Path) -> World:
    w = World(tmp_path / "repo")
    w.town("a")
    w.recommend("a", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", creation=["a"])
    return w


def test_every_state_is_in_exactly_one_group() -> None:
    grouped = [state for states in STATE_GROUPS.values() for state in states]
    assert sorted(grouped) == sorted(State)
    assert group_of(State.ACCEPTANCE_APPLIED) == group_of(State.CREATION)
    assert group_of(State.DEMOTED) == group_of(State.CULTIVATION)


def test_before_the_lists_the_city_and_then_the_province_act(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    w.town("a")
    assert _steps(w, "a", dt.date(2016, 4, 2)) == [("recommendation", "due", "2016-03-01", "2016-05-31")]
    assert _steps(w, "a", dt.date(2016, 6, 1)) == [("recommendation", "closed", "2016-03-01", "2016-05-31")]
    w.recommend("a", 2016, "2016-05-01")
    assert _steps(w, "a", dt.date(2016, 6, 1)) == [("batch_review", "waiting", None, None)]


ACCEPTANCE = ("acceptance", "upcoming", "2018-12-26", "2019-06-24")


def test_the_next_report_is_known_before_its_reminder_starts(tmp_path: Path) -> None:
    w = _listed(tmp_path)
    upcoming = ("annual_report", "upcoming", "2016-12-01", "2017-01-10")
    assert _steps(w, "a", dt.date(2016, 7, 1)) == [upcoming, ACCEPTANCE]
    due = ("annual_report", "due", "2016-12-01", "2017-01-10")
    assert _steps(w, "a", dt.date(2016, 12, 1)) == [due, ACCEPTANCE]
    overdue = ("annual_report", "overdue", "2016-12-01", "2017-01-10")
    next_year = ("annual_report", "upcoming", "2017-12-01", "2018-01-10")
    assert _steps(w, "a", dt.date(2017, 1, 11)) == [overdue, next_year, ACCEPTANCE]
    w.report("a", 2016, "2017-01-05")
    assert _steps(w, "a", dt.date(2017, 1, 11)) == [next_year, ACCEPTANCE]


def test_acceptance_window_at_the_end_of_the_creation_period(tmp_path: Path) -> None:
    w = _listed(tmp_path)
    for year in (2016, 2017):
        w.report("a", year, f"{year + 1}-01-05")
    assert _steps(w, "a", dt.date(2018, 6, 1)) == [
        ("annual_report", "upcoming", "2018-12-01", "2019-01-10"),
        ACCEPTANCE,
    ]
    w.report("a", 2018, "2019-01-05")
    # The 2018 report was filed; the period ends in June 2019, so no 2019 report is to come.
    assert _steps(w, "a", dt.date(2019, 2, 1)) == [("acceptance", "due", "2018-12-26", "2019-06-24")]
    w.acceptance("a", "2019-03-01")
    assert _steps(w, "a", dt.date(2019, 3, 2)) == [("acceptance_review", "waiting", None, None)]


def test_a_named_town_has_nothing_left(tmp_path: Path) -> None:
    w = _listed(tmp_path)
    w.report("a", 2016, "2017-01-05")
    w.evaluation(2016, "2017-03-01", [("a", "优秀")])
    w.acceptance("a", "2017-10-01")
    w.naming("2017-first", "2017-12-20", ["a"])
    assert _steps(w, "a", dt.date(2018, 6, 1)) == []


def test_the_year_of_the_creation_period() -> None:
    start, end = dt.date(2025, 6, 24), dt.date(2028, 6, 24)
    assert CreationPeriod.on(start, end, dt.date(2025, 6, 24)).year == 1
    assert CreationPeriod.on(start, end, dt.date(2026, 6, 23)).year == 1
    assert CreationPeriod.on(start, end, dt.date(2026, 6, 24)).year == 2
    assert CreationPeriod.on(start, end, dt.date(2028, 6, 24)).year == 3
    assert CreationPeriod.on(start, end, dt.date(2028, 6, 25)).year is None
