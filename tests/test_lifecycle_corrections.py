"""Corrections (更正/补充) of published records, replayed on their own dates from real record files.

Each case writes a small registry, appends corrections to a record and checks the town's state, the
history entry the correction leaves, and the exact findings of a correction that does not fit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lifecycle_builder import World, codes
from towns.findings import Finding
from towns.lifecycle import load_records
from towns.lifecycle.states import Event, State

TODAY = dt.date(2026, 11, 30)
BATCH = "decisions/batches/2016.yaml"
EVALUATION = "decisions/evaluations/2016.yaml"
NAMING = "decisions/namings/first.yaml"


def _codes(findings: list[Finding]) -> list[tuple[str, str, int]]:
    """The findings' codes, without the reminders of annual reports these short histories lack,
    and without E-LIFE-018 for v, which the fixture leaves on no list so that corrections can add it
    (tests/test_lifecycle_contradictions.py holds that finding)."""
    kept = [
        f
        for f in findings
        if f.code != "W-LIFE-002" and not (f.code == "E-LIFE-018" and "小镇“v”" in f.message)
    ]
    return codes(kept)


def _correction(kind: str, day: str, *body: str) -> list[str]:
    return [
        f"  - kind: {kind}",
        f"    date: {day}",
        f"    document_number: 粤经信函〔{day[:4]}〕8号",
        "    reason: 经复核更正。",
        *body,
    ]


def _append(w: World, rel: str, *corrections: list[str]) -> None:
    path = w.root / rel
    lines = ["corrections:", *[line for c in corrections for line in c]]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def w(tmp_path: Path) -> World:
    """t on the creation list and u not selected in 2016; v, recommended, on no list."""
    world = World(tmp_path / "repo")
    for town, day in (("t", "2016-05-01"), ("u", "2016-05-02"), ("v", "2016-05-03")):
        world.town(town)
        world.recommend(town, 2016, day)
    world.batch(2016, "2016-06-24", creation=["t"], not_selected=["u"])
    return world


def test_moving_between_lists_changes_the_tier_from_the_correction_on(w: World) -> None:
    _append(
        w,
        BATCH,
        _correction(
            "更正", "2016-09-01", "    moved:", "      - {town: t, from: creation_list, to: cultivation_list}"
        ),
        _correction(
            "更正", "2016-10-01", "    moved:", "      - {town: u, from: not_selected, to: creation_list}"
        ),
    )
    result = w.evaluate(TODAY)
    assert _codes(result.findings) == []
    t, u = result.lives["t"], result.lives["u"]
    assert (t.state, [(m.tier.value, m.start) for m in t.memberships]) == (
        State.CULTIVATION,
        [("creation", dt.date(2016, 6, 24)), ("cultivation", dt.date(2016, 9, 1))],
    )
    assert u.state is State.EXPIRED  # in creation from 2016-10-01, period over without an application
    assert u.memberships[0].start == dt.date(2016, 10, 1)
    corrected = [e for e in t.history if e.event is Event.CORRECTED]
    assert [(e.title, e.details["change"], e.details["correction"]) for e in corrected] == [
        ("更正分批审核结果", "由“创建名单”改列“培育名单”", "更正")
    ]


def test_a_town_added_and_a_town_removed(w: World) -> None:
    _append(
        w,
        BATCH,
        _correction("补充", "2016-09-01", "    added:", "      - {town: v, to: cultivation_list}"),
        _correction("更正", "2016-10-01", "    removed:", "      - {town: u, from: not_selected}"),
    )
    result = w.evaluate(TODAY)
    assert _codes(result.findings) == []
    assert result.lives["v"].state is State.CULTIVATION
    assert result.lives["u"].state is State.RECOMMENDED
    assert [e.details.get("change") for e in result.lives["u"].history][-1] == "从“未入选”中删除"


@pytest.mark.parametrize(
    ("body", "code", "needle"),
    [
        (["    added:", "      - {town: u, to: creation_list}"], "E-PUB-008", "{town: u"),
        (["    moved:", "      - {town: v, from: not_selected, to: creation_list}"], "E-PUB-008", "{town: v"),
        (
            ["    moved:", "      - {town: t, from: creation_list, to: creation_list}"],
            "E-PUB-008",
            "{town: t",
        ),
        (["    removed:", "      - {town: t, from: cultivation_list}"], "E-PUB-008", "{town: t"),
        (["    added: []"], "E-PUB-006", "- kind"),
        (["    added:", "      - {town: ghost, to: creation_list}"], "E-LIFE-001", "ghost"),
    ],
)
def test_a_correction_that_does_not_fit_the_record(w: World, body: list[str], code: str, needle: str) -> None:
    _append(w, BATCH, _correction("更正", "2016-09-01", *body))
    result = w.evaluate(TODAY)
    assert _codes(result.findings) == [(code, BATCH, w.line(BATCH, needle))]
    assert result.lives["t"].state is State.EXPIRED and result.lives["u"].state is State.NOT_SELECTED


def test_a_supplement_only_adds(w: World) -> None:
    _append(
        w,
        BATCH,
        _correction(
            "补充", "2016-09-01", "    moved:", "      - {town: u, from: not_selected, to: creation_list}"
        ),
    )
    result = w.evaluate(TODAY)
    assert _codes(result.findings) == [("E-PUB-007", BATCH, w.line(BATCH, "moved:"))]
    assert result.findings[0].message == "“补充”只能增加原记录遗漏的内容，不能写改列的小镇"
    assert result.lives["u"].state is State.NOT_SELECTED


@pytest.mark.parametrize(
    ("first", "second", "code", "needle"),
    [
        ("2016-06-01", None, "E-LIFE-010", "2016-06-01"),  # before the decision it corrects
        ("2016-09-01", "2016-08-01", "E-LIFE-010", "2016-08-01"),  # before the previous correction
        ("2027-01-01", None, "E-LIFE-009", "2027-01-01"),  # not yet happened
    ],
)
def test_corrections_follow_the_record_in_time(
    w: World, first: str, second: str | None, code: str, needle: str
) -> None:
    move_u = ["    moved:", "      - {town: u, from: not_selected, to: cultivation_list}"]
    add_v = ["    added:", "      - {town: v, to: cultivation_list}"]
    corrections = [_correction("更正", first, *move_u)] + (
        [_correction("补充", second, *add_v)] if second else []
    )
    _append(w, BATCH, *corrections)
    result = w.evaluate(TODAY)
    assert (code, BATCH, w.line(BATCH, needle)) in _codes(result.findings)


def _graded(w: World, grade: str = "合格") -> None:
    w.report("t", 2016, "2017-01-05")
    w.evaluation(2016, "2017-03-01", [("t", grade)])


def test_a_corrected_grade_replaces_the_years_grade_and_carries_its_consequence(w: World) -> None:
    _graded(w)
    _append(
        w, EVALUATION, _correction("更正", "2017-05-01", "    changed:", "      - {town: t, grade: 降格}")
    )
    result = w.evaluate(TODAY)
    assert _codes(result.findings) == []
    t = result.lives["t"]
    assert (t.state, t.grades) == (State.DEMOTED, [(2016, "降格")])
    assert t.memberships[-1].start == dt.date(2017, 5, 1)
    entry = next(e for e in t.history if e.event is Event.CORRECTED)
    assert (entry.title, entry.details["change"]) == (
        "更正年度考核结果",
        "2016 年度考核等次由“合格”改为“降格”",
    )


def test_grades_added_withdrawn_and_misfits(w: World) -> None:
    w.report("t", 2016, "2017-01-05")
    w.evaluation(2016, "2017-03-01", [("u", "合格")])  # u was on no list: E-LIFE-005, as published
    _append(
        w,
        EVALUATION,
        _correction("补充", "2017-04-01", "    added:", "      - {town: t, grade: 良好}"),
        _correction(
            "更正",
            "2017-05-01",
            "    removed:",
            "      - u",
            "    changed:",
            "      - {town: v, grade: 优秀}",
        ),
    )
    result = w.evaluate(TODAY)
    assert _codes(result.findings) == [
        ("E-LIFE-005", EVALUATION, w.line(EVALUATION, "{town: u")),
        ("E-PUB-008", EVALUATION, w.line(EVALUATION, "{town: v")),
    ]
    assert result.lives["t"].grades == [(2016, "良好")]


def test_a_naming_withdrawn_by_correction(w: World) -> None:
    _graded(w)
    w.acceptance("t", "2018-10-12")
    w.naming("first", "2019-01-25", ["t"])
    _append(w, NAMING, _correction("更正", "2019-03-01", "    removed:", "      - t"))
    result = w.evaluate(TODAY)
    assert _codes(result.findings) == []
    assert result.lives["t"].state is State.ACCEPTANCE_APPLIED
    assert result.lives["t"].history[-1].details["change"] == "撤销命名"


def test_a_waiver_added_by_correction_counts_for_the_batch(w: World) -> None:
    _append(
        w,
        BATCH,
        _correction(
            "更正",
            "2016-09-01",
            "    waivers:",
            "      - {town: t, condition: spatial_layout, reason: 山区地形所限。}",
        ),
    )
    records = load_records(w.root, w.program())
    (waiver,) = records.waivers("t", 2016)
    assert (waiver.reference, waiver.line) == (
        "粤经信函〔2016〕8号（2016 年分批审核更正）",
        w.line(BATCH, "spatial_layout"),
    )


def test_a_late_decision_counts_from_its_own_date(w: World) -> None:
    """The province's decisions are its own: entered late, they still take effect when made."""
    path = w.root / BATCH
    path.write_text(
        path.read_text(encoding="utf-8") + "late_filing:\n  recorded_on: 2026-11-28\n  reason: 档案迁移。\n",
        encoding="utf-8",
    )
    result = w.evaluate(TODAY)
    t = result.lives["t"]
    assert t.memberships[0].start == dt.date(2016, 6, 24)
    listed = next(e for e in result.towns["t"].history if e.event is Event.LISTED_CREATION)
    assert (listed.late_filing, listed.late_reason) == ("2026-11-28", "档案迁移。")
