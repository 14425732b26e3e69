"""The shipped demonstration data tells a living story on its day (2026-12-01) and stays valid later.

On the day the data describes, every state the lifecycle knows is held by some town, towns are in
creation in both types and regions, and reports and acceptance applications fall due. On any later
day the same files still load without a blocking finding: what changes is only what the calendar
changes (creation periods run out, reports become overdue). docs/dev/demo-data.md describes the story.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from towns.check import run_check
from towns.cli import main
from towns.lifecycle.states import STATE_NAMES, State
from towns.lifecycle.view import build_view

REPO = Path(__file__).resolve().parent.parent
DEMO_DAY = dt.date(2026, 12, 1)  # the day the demonstration data describes
LATER = (dt.date(2027, 1, 11), dt.date(2027, 12, 1), dt.date(2031, 6, 30))
# The advisories the data carries on purpose (docs/dev/demo-data.md): one late report, one town
# below the advisory area thresholds, one platform outside the policy's "等" list.
DELIBERATE = Counter({"W-LIFE-001": 1, "W-ELIG-022": 1, "W-ELIG-023": 1, "W-ELIG-006": 1})
# What the calendar alone may do to a town's state after the demonstration day.
BY_THE_CALENDAR = {(State.CREATION, State.EXPIRED), (State.ACCEPTANCE_FAILED, State.EXPIRED)}


def _states(day: dt.date) -> dict[str, str]:
    view = build_view(REPO, day)
    assert view.program is not None
    return {town: entry.state for town, entry in view.result.towns.items()}


def test_every_state_is_held_on_the_demonstration_day() -> None:
    result = run_check(REPO, today=DEMO_DAY)
    assert [f"{f.file}:{f.line} {f.code}" for f in result.findings if f.blocking] == []
    assert Counter(f.code for f in result.findings) == DELIBERATE
    held = set(_states(DEMO_DAY).values())
    assert held == {s.value for s in STATE_NAMES}, sorted({s.value for s in STATE_NAMES} - held)


def test_towns_are_in_creation_in_both_types_and_regions() -> None:
    result = run_check(REPO, today=DEMO_DAY)
    creating = {(t.type, t.region) for t in result.towns if t.life.tier == "creation"}
    assert creating >= {
        ("industry", "prd"),
        ("industry", "ewn"),
        ("application", "prd"),
        ("application", "ewn"),
    }
    progress = result.progress["towns"]
    assert progress["industry"]["creation"] > 0 and progress["application"]["creation"] > 0


def test_reports_and_acceptance_fall_due_this_december(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "--root", str(REPO), "--on", DEMO_DAY.isoformat(), "--format", "json"]) == 0
    due = json.loads(capsys.readouterr().out)["obligations"]
    reports = [o for o in due if o["kind"] == "annual_report"]
    assert reports and all((o["year"], o["due"], o["status"]) == (2026, "2027-01-10", "due") for o in reports)
    listed = {
        t
        for t, s in _states(DEMO_DAY).items()
        if s in {"creation", "cultivation", "demoted", "acceptance_applied", "acceptance_failed"}
    }
    assert {o["town"] for o in reports} == listed
    assert {o["town"] for o in due if o["kind"] == "acceptance"} == {"dianbai-chenxiang", "chaoan-fengxi"}


@pytest.mark.parametrize("day", LATER, ids=str)
def test_the_data_stays_valid_on_later_days(day: dt.date) -> None:
    """Nothing blocks; the only new findings are overdue annual reports; states move by the calendar."""
    result = run_check(REPO, today=day)
    assert [f"{f.file}:{f.line} {f.code}" for f in result.findings if f.blocking] == []
    extra = Counter(f.code for f in result.findings) - DELIBERATE
    assert set(extra) <= {"W-LIFE-002"}, extra
    overdue = {f.file for f in result.findings if f.code == "W-LIFE-002"}
    assert any("/annual-reports/2026/" in f for f in overdue) == (day > dt.date(2027, 1, 10))
    before, after = _states(DEMO_DAY), _states(day)
    moved = {(State(before[t]), State(after[t])) for t in before if before[t] != after[t]}
    assert moved <= BY_THE_CALENDAR, moved


def test_the_story_is_consistent() -> None:
    view = build_view(REPO, DEMO_DAY)
    towns = view.result.towns
    for town_id, entry in towns.items():
        dates = [item.date for item in entry.history]
        assert dates == sorted(dates), town_id
        outputs = [row.value("internet_output_wan") for row in entry.indicators]
        if entry.state == "named":
            assert outputs == sorted(outputs), f"{town_id}: a named town grew every year"
            assert entry.grades and all(g.grade in {"优秀", "良好", "合格"} for g in entry.grades)
        if entry.state == "removed":
            assert entry.history[-1].event == "removed"


def test_status_and_progress_commands(capsys: pytest.CaptureFixture[str]) -> None:
    day = DEMO_DAY.isoformat()
    assert main(["status", "--root", str(REPO), "--today", day]) == 0
    table = capsys.readouterr().out
    assert all(name in table for name in STATE_NAMES.values())
    assert main(["status", "huangpu-yungu", "--root", str(REPO), "--today", day]) == 0
    assert "验收合格，正式命名" in capsys.readouterr().out
    assert main(["status", "no-such-town", "--root", str(REPO), "--today", day]) == 2
    capsys.readouterr()
    assert main(["progress", "--root", str(REPO), "--today", day, "--format", "json"]) == 0
    progress = json.loads(capsys.readouterr().out)
    assert progress["towns"]["industry"]["target"] == 10
    assert {m["id"] for m in progress["metrics"]} >= {
        "innovative_smes",
        "backbone_companies",
        "leading_companies",
    }
