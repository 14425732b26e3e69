"""`towns due`: annual reports across the 10 January boundary, acceptance at the end of the period."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lifecycle_builder import World
from towns.cli import main
from towns.lifecycle.due import due_json, obligations


def _world(tmp_path: Path) -> World:
    w = World(tmp_path / "repo")
    w.town("a")
    w.recommend("a", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", creation=["a"])
    return w


def _due(w: World, on: dt.date) -> list[tuple[str, int, str, str]]:
    program = w.program()
    towns = w.towns(program)
    lives, _ = w.lives(on)
    return [(o.kind, o.year, o.due.isoformat(), o.status) for o in obligations(lives, towns, program, on)]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2016, 11, 30), []),
        (dt.date(2016, 12, 1), [("annual_report", 2016, "2017-01-10", "due")]),
        (dt.date(2017, 1, 10), [("annual_report", 2016, "2017-01-10", "due")]),
        (dt.date(2017, 1, 11), [("annual_report", 2016, "2017-01-10", "overdue")]),
    ],
    ids=["before the reminder start", "reminder start", "on the deadline", "the day after"],
)
def test_annual_report_across_the_deadline(tmp_path: Path, on: dt.date, expected: list[object]) -> None:
    assert _due(_world(tmp_path), on) == expected


def test_a_filed_report_is_no_longer_owed(tmp_path: Path) -> None:
    w = _world(tmp_path)
    w.report("a", 2016, "2017-01-12")
    assert _due(w, dt.date(2017, 1, 11)) == [("annual_report", 2016, "2017-01-10", "overdue")]
    assert _due(w, dt.date(2017, 1, 12)) == []


def test_acceptance_window_and_expiry(tmp_path: Path) -> None:
    w = _world(tmp_path)
    for year in (2016, 2017, 2018):
        w.report("a", year, f"{year + 1}-01-05")
    assert _due(w, dt.date(2018, 12, 25)) == [("annual_report", 2018, "2019-01-10", "due")]
    assert _due(w, dt.date(2018, 12, 26)) == [
        ("annual_report", 2018, "2019-01-10", "due"),
        ("acceptance", 2019, "2019-06-24", "due"),
    ]
    assert _due(w, dt.date(2019, 6, 24)) == [("acceptance", 2019, "2019-06-24", "due")]
    assert _due(w, dt.date(2019, 6, 25)) == [], "an expired town can no longer apply"
    w.acceptance("a", "2019-03-01")
    assert _due(w, dt.date(2019, 6, 24)) == []


def test_due_json_shape(tmp_path: Path) -> None:
    w = _world(tmp_path)
    program = w.program()
    towns = w.towns(program)
    on = dt.date(2017, 1, 11)
    data = due_json(obligations(w.lives(on)[0], towns, program, on), on)
    assert data == {
        "format_version": 1,
        "on": "2017-01-11",
        "obligations": [
            {
                "town": "a",
                "town_name": "a 小镇（虚构）",
                "city": "guangzhou",
                "city_name": "广州市",
                "kind": "annual_report",
                "year": 2016,
                "due": "2017-01-10",
                "status": "overdue",
            }
        ],
    }


def test_due_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w = _world(tmp_path)
    assert main(["due", "--root", str(w.root), "--on", "2017-01-11", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(o["town"], o["status"]) for o in data["obligations"]] == [("a", "overdue")]
    assert main(["due", "--root", str(w.root), "--on", "2017-01-11"]) == 0
    text = capsys.readouterr().out
    assert "a 小镇（虚构）" in text and "已逾期" in text
    assert main(["due", "--root", str(w.root), "--on", "2017-13-01"]) == 2
