"""Every transition of a town's life, derived from real record files, and the grade consequences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from lifecycle_builder import World
from registry_builder import REPO
from towns.lifecycle.states import State

TODAY = dt.date(2026, 11, 30)


def _listed(w: World, *, creation: bool = True) -> None:
    w.town("t")
    w.recommend("t", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", **({"creation": ["t"]} if creation else {"cultivation": ["t"]}))


def _evaluated(w: World, grades: list[str], *, creation: bool = True) -> None:
    _listed(w, creation=creation)
    for offset, grade in enumerate(grades):
        year = 2016 + offset
        w.report("t", year, f"{year + 1}-01-05")
        w.evaluation(year, f"{year + 1}-03-01", [("t", grade)])


def declared(w: World) -> None:
    w.town("t")


def recommended(w: World) -> None:
    w.town("t")
    w.recommend("t", 2016, "2016-05-01")


def not_selected(w: World) -> None:
    w.town("t")
    w.recommend("t", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", not_selected=["t"])


def creation(w: World) -> None:
    _evaluated(w, ["良好"])


def cultivation(w: World) -> None:
    _evaluated(w, ["合格"], creation=False)


def demoted(w: World) -> None:
    _evaluated(w, ["合格", "降格"])


def removed_by_grade(w: World) -> None:
    _evaluated(w, ["合格", "淘汰"], creation=False)


def removed_by_consecutive_failures(w: World) -> None:
    _evaluated(w, ["合格", "警告", "警告"], creation=False)


def acceptance_applied(w: World) -> None:
    _evaluated(w, ["良好"])
    w.acceptance("t", "2017-06-01")


def named(w: World) -> None:
    acceptance_applied(w)
    w.naming("2017-first", "2017-09-01", ["t"])


def expired(w: World) -> None:
    _evaluated(w, ["合格", "合格", "合格"])


def promoted(w: World) -> None:
    _evaluated(w, ["优秀"], creation=False)
    w.recommend("t", 2017, "2017-05-01")
    w.batch(2017, "2017-07-20", creation=["t"])


def reapplied(w: World) -> None:
    """Not selected in 2016, declared again for 2017 (a new filing date), listed then."""
    w.town("t", batch=2017, filed="2017-04-20")
    w.recommend("t", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", not_selected=["t"])
    w.recommend("t", 2017, "2017-05-01")
    w.batch(2017, "2017-07-20", creation=["t"])


CASES: dict[str, tuple[Callable[[World], None], dt.date, State, str | None, str]] = {
    "declared": (declared, TODAY, State.DECLARED, None, "declared"),
    "recommended": (recommended, TODAY, State.RECOMMENDED, None, "recommended"),
    "not selected": (not_selected, TODAY, State.NOT_SELECTED, None, "not_selected"),
    "creation tier": (creation, dt.date(2017, 6, 1), State.CREATION, "creation", "evaluated"),
    "cultivation tier": (cultivation, TODAY, State.CULTIVATION, "cultivation", "evaluated"),
    "demoted": (demoted, dt.date(2018, 6, 1), State.DEMOTED, "cultivation", "demoted"),
    "removed by a removal grade": (removed_by_grade, TODAY, State.REMOVED, None, "removed"),
    "removed by consecutive failures": (
        removed_by_consecutive_failures,
        TODAY,
        State.REMOVED,
        None,
        "removed",
    ),
    "acceptance applied": (
        acceptance_applied,
        dt.date(2017, 7, 1),
        State.ACCEPTANCE_APPLIED,
        "creation",
        "acceptance_applied",
    ),
    "named": (named, TODAY, State.NAMED, None, "named"),
    "expired": (expired, TODAY, State.EXPIRED, None, "expired"),
    "listed after reapplying": (
        reapplied,
        dt.date(2017, 8, 1),
        State.CREATION,
        "creation",
        "listed_creation",
    ),
    "promoted": (promoted, dt.date(2017, 8, 1), State.CREATION, "creation", "promoted"),
}


@pytest.mark.parametrize("name", CASES)
def test_transition(tmp_path: Path, name: str) -> None:
    build, today, state, tier, last_event = CASES[name]
    w = World(tmp_path / "repo")
    build(w)
    lives, findings = w.lives(today)
    life = lives["t"]
    assert [f.code for f in findings if f.blocking] == []
    assert life.state is state
    assert life.tier == tier
    assert life.history[-1].event == last_event


def test_creation_period_ends_on_the_same_day_three_years_later(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    expired(w)
    assert w.lives(dt.date(2019, 6, 24))[0]["t"].state is State.CREATION
    life = w.lives(dt.date(2019, 6, 25))[0]["t"]
    assert life.state is State.EXPIRED
    assert life.history[-1].as_json() == {
        "date": "2019-06-24",
        "event": "expired",
        "title": "创建期满未申请验收",
        "file": None,
        "line": None,
        "details": {"period_years": 3},
    }


def test_demotion_ends_the_creation_period(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    demoted(w)
    life = w.lives(TODAY)[0]["t"]
    assert life.state is State.DEMOTED
    assert [m.tier for m in life.memberships] == ["creation", "cultivation"]


def test_history_names_its_source_file_and_line(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    named(w)
    entry = w.evaluate(TODAY).towns["t"].history[-1]
    assert entry.file == "decisions/namings/2017-first.yaml"
    assert entry.line == w.line("decisions/namings/2017-first.yaml", "- t")
    assert entry.document_number == "粤经信命〔2019〕1号"


GUANGDONG_SCALE = """
evaluation:
  creation:
    name: 创建小镇
    source: {local: 参照广东省特色小镇的等次（测试）}
    grades: [{name: 优秀}, {name: 良好}, {name: 基本合格}, {name: 不合格, failing: true}]
  cultivation:
    name: 培育小镇
    source: {local: 参照广东省特色小镇的等次（测试）}
    grades: [{name: 优秀}, {name: 良好}, {name: 基本合格}, {name: 不合格, failing: true}]
{rule}
  acceptance_notice_days: 180
"""


def _program_with(scale: str) -> str:
    """The shipped program data with its `evaluation:` section replaced."""
    text = (REPO / "program.yaml").read_text(encoding="utf-8")
    start = text.index("\nevaluation:")
    end = text.index("\n# ", start + 1)
    return text[:start] + "\n" + scale.strip("\n") + "\n" + text[end:]


@pytest.mark.parametrize(
    ("rule", "grades", "state"),
    [
        ("  removal_after_consecutive_failures: 2", ["不合格", "不合格"], State.REMOVED),
        ("  removal_after_consecutive_failures: 2", ["不合格", "基本合格", "不合格"], State.EXPIRED),
        ("  removal_after_consecutive_failures: 3", ["不合格", "不合格"], State.CREATION),
        ("", ["不合格", "不合格", "不合格"], State.EXPIRED),
    ],
    ids=["two in a row removes", "a pass resets the count", "three needed", "rule disabled"],
)
def test_grade_consequences_come_from_the_program(
    tmp_path: Path, rule: str, grades: list[str], state: State
) -> None:
    w = World(tmp_path / "repo", program_text=_program_with(GUANGDONG_SCALE.replace("{rule}", rule)))
    _evaluated(w, grades)
    today = dt.date(2019, 5, 1) if state is State.CREATION else TODAY
    lives, findings = w.lives(today)
    assert [f.code for f in findings if f.blocking] == []
    assert lives["t"].state is state


def test_a_grade_of_the_other_scale_is_refused(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _evaluated(w, ["淘汰"])
    lives, findings = w.lives(TODAY)
    assert [(f.code, f.line) for f in findings] == [("E-LIFE-013", 6)]
    assert lives["t"].state is State.EXPIRED
