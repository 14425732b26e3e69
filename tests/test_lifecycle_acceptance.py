"""A failed acceptance (验收不合格) is a state like the others: what follows is program data.

With the shipped program (`process: {on_failed_acceptance: reapply, max_acceptance_applications: 2}`)
a town whose
acceptance fails stays in creation, is still evaluated and owes its reports, may apply once more
within its creation period, and its creation ends when that second acceptance fails too; with
``on_failed_acceptance: end`` the first failure ends it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lifecycle_builder import World
from registry_builder import REPO
from towns.lifecycle.states import State

TODAY = dt.date(2026, 11, 30)


def _creating(w: World) -> None:
    """Listed 2016-06-24 (creation period through 2019-06-24), graded once."""
    w.town("t")
    w.recommend("t", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", creation=["t"])
    w.report("t", 2016, "2017-01-05")
    w.evaluation(2016, "2017-03-01", [("t", "良好")])


def _failed_once(w: World) -> None:
    _creating(w)
    w.acceptance("t", "2017-05-01", year_folder=True)
    w.naming("2017-july", "2017-07-01", [], failed=["t"])


def _program(on_failure: str, limit: str) -> str:
    """The shipped program data with another rule for what follows a failed acceptance."""
    text = (REPO / "program.yaml").read_text(encoding="utf-8")
    text = text.replace("  on_failed_acceptance: reapply\n", f"  on_failed_acceptance: {on_failure}\n")
    text = text.replace("  max_acceptance_applications: 2\n", limit)
    if not limit:  # no limit: its source goes too
        text = (
            "\n".join(line for line in text.splitlines() if "max_acceptance_applications:" not in line) + "\n"
        )
    return text


def test_a_failed_acceptance_keeps_the_town_in_creation(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _failed_once(w)
    lives, findings = w.lives(dt.date(2017, 8, 1))
    life = lives["t"]
    assert [f.code for f in findings] == []
    assert (life.state, life.tier) == (State.ACCEPTANCE_FAILED, "creation")
    last = life.history[-1]
    assert (last.event, last.file, last.line) == (
        "acceptance_failed",
        "decisions/namings/2017-july.yaml",
        w.line("decisions/namings/2017-july.yaml", "town: t"),
    )
    assert last.details["rule"] == "创建期内可再次申请验收"
    assert last.details["reason"] == "互联网产业产值未达到创建目标"


def test_after_a_failure_the_town_is_evaluated_and_may_apply_again(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _failed_once(w)
    w.report("t", 2017, "2018-01-05")
    w.evaluation(2017, "2018-03-01", [("t", "优秀")])
    w.acceptance("t", "2018-05-01", year_folder=True)
    w.naming("2018-first", "2018-09-01", ["t"])
    lives, findings = w.lives(TODAY)
    assert [f.code for f in findings] == []
    assert lives["t"].state is State.NAMED
    events = [e.event.value for e in lives["t"].history]
    assert events[-5:] == ["acceptance_failed", "report_filed", "evaluated", "acceptance_applied", "named"]


def test_the_last_allowed_failure_ends_the_creation(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _failed_once(w)
    w.acceptance("t", "2018-05-01", year_folder=True)
    w.naming("2018-july", "2018-07-01", [], failed=["t"])
    lives, findings = w.lives(TODAY)
    life = lives["t"]
    assert [f.code for f in findings] == []
    assert (life.state, life.tier) == (State.CREATION_ENDED, None)
    assert life.memberships[-1].end == dt.date(2018, 7, 1)
    assert life.history[-1].details["rule"] == "第 2 次验收不合格，已达申请次数上限，终止创建"


def test_a_failed_town_that_does_not_apply_again_expires(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _failed_once(w)
    lives, _ = w.lives(TODAY)
    assert lives["t"].state is State.EXPIRED
    assert lives["t"].history[-1].date == dt.date(2019, 6, 24)


@pytest.mark.parametrize(
    ("on_failure", "limit", "state"),
    [
        ("end", "", State.CREATION_ENDED),
        ("reapply", "  max_acceptance_applications: 1\n", State.CREATION_ENDED),
        ("reapply", "", State.ACCEPTANCE_FAILED),
    ],
    ids=["end", "one application only", "no limit"],
)
def test_what_follows_a_failure_is_program_data(
    tmp_path: Path, on_failure: str, limit: str, state: State
) -> None:
    w = World(tmp_path / "repo", program_text=_program(on_failure, limit))
    _failed_once(w)
    lives, findings = w.lives(dt.date(2017, 8, 1))
    assert [f.code for f in findings] == []
    assert lives["t"].state is state


def test_a_failure_without_an_application_is_refused(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _creating(w)
    rel = w.naming("2017-july", "2017-07-01", [], failed=["t"])
    lives, findings = w.lives(dt.date(2017, 8, 1))
    assert [(f.code, f.file, f.line) for f in findings] == [("E-LIFE-030", rel, w.line(rel, "town: t"))]
    assert lives["t"].state is State.CREATION


def test_an_ended_creation_cannot_apply_again(tmp_path: Path) -> None:
    w = World(tmp_path / "repo", program_text=_program("end", ""))
    _failed_once(w)
    rel = w.acceptance("t", "2018-05-01", year_folder=True)
    lives, findings = w.lives(TODAY)
    assert [(f.code, f.file) for f in findings] == [("E-LIFE-014", rel)]
    assert lives["t"].state is State.CREATION_ENDED


def test_due_lists_the_next_application_until_the_period_ends(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _failed_once(w)
    w.report("t", 2017, "2018-01-05")
    before = w.evaluate(dt.date(2017, 8, 1)).obligations
    assert [(o.kind, o.due, o.status) for o in before] == [("acceptance", dt.date(2019, 6, 24), "due")]
    reports = w.evaluate(dt.date(2018, 12, 15)).obligations
    assert ("annual_report", 2018) in {(o.kind, o.year) for o in reports}
    after = w.evaluate(dt.date(2019, 6, 25)).obligations
    assert "acceptance" not in {o.kind for o in after}


def test_an_application_in_a_year_folder_names_its_year(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _creating(w)
    rel = "records/guangzhou/acceptance-applications/2018/t.yaml"
    w.write(
        rel,
        ["schema_version: 1", "town: t", "department: 部门", "date: 2017-05-01", "summary: 已达到创建目标。"],
    )
    result = w.evaluate(dt.date(2017, 8, 1))
    assert [(f.code, f.line) for f in result.findings] == [("E-REC-003", 4)]
    assert "2018 年内的日期" in result.findings[0].message
    assert result.lives["t"].state is State.CREATION
