"""One reviewer's slip is one finding where it is, whatever record it is in.

A small registry whose story is consistent (no finding at all) gets one mistake at a time, of each
kind a reviewer makes: a misspelt optional key, a misspelt required key, a wrong type in one list
item (or field), a bad date, an unknown town. The exact findings are asserted: the mistake at its
line, and, when the mistake takes something away that other records rely on, one note there
(`W-REC-005`) that counts what it explains instead of reporting each as an error of its own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pytest

from lifecycle_builder import World
from towns.findings import Finding

TODAY = dt.date(2019, 2, 1)
BATCH = "decisions/batches/2016.yaml"
EVAL = "decisions/evaluations/2017.yaml"
NAMING = "decisions/namings/n.yaml"
RECOMMENDATION = "records/guangzhou/recommendations/2016/a.yaml"
REPORT = "records/guangzhou/annual-reports/2017/b.yaml"


def story(w: World) -> None:
    """a: creation, applied and named in 2018; b: cultivation, reporting every year; c: not selected."""
    for town in ("a", "b", "c"):
        w.town(town)
        w.recommend(town, 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", creation=["a"], cultivation=["b"], not_selected=["c"])
    for year in (2016, 2017):
        w.report("a", year, f"{year + 1}-01-05")
    for year in (2016, 2017, 2018):
        w.report("b", year, f"{year + 1}-01-05")
    w.evaluation(2016, "2017-03-01", [("a", "良好"), ("b", "合格")])
    w.evaluation(2017, "2018-03-01", [("a", "优秀"), ("b", "合格")])
    w.acceptance("a", "2018-05-01")
    w.naming("n", "2018-09-01", ["a"])


class Slip(NamedTuple):
    file: str
    old: str
    new: str
    code: str  # the one error, on the line where ``new`` is written
    explained: int  # how many findings elsewhere the note at it folds (0: no note)


SLIPS: dict[str, Slip] = {
    # Evaluations: a's grade for 2017.
    "evaluation-optional-key": Slip(
        EVAL, "{town: a, grade: 优秀}", "{town: a, grade: 优秀, remak: 好}", "E-SCHEMA-017", 0
    ),
    "evaluation-required-key": Slip(
        EVAL, "{town: a, grade: 优秀}", "{town: a, grdae: 优秀}", "E-SCHEMA-017", 1
    ),
    "evaluation-item-type": Slip(
        EVAL, "{town: a, grade: 优秀}", "{town: a, grade: [优秀]}", "E-SCHEMA-003", 1
    ),
    "evaluation-bad-date": Slip(EVAL, "date: 2018-03-01", "date: 2018-02-30", "E-SCHEMA-007", 0),
    "evaluation-unknown-grade": Slip(EVAL, "{town: a, grade: 优秀}", "{town: a, grade: 优}", "E-REC-005", 1),
    "evaluation-unknown-town": Slip(
        EVAL, "{town: a, grade: 优秀}", "{town: aa, grade: 优秀}", "E-LIFE-001", 1
    ),
    # Batch reviews: the 2016 lists.
    "batch-optional-key": Slip(BATCH, "not_selected:", "not_selectd:", "E-SCHEMA-017", 1),
    "batch-required-key": Slip(BATCH, "date: 2016-06-24", "dat: 2016-06-24", "E-SCHEMA-017", 11),
    "batch-item-type": Slip(
        BATCH, "creation_list:\n  - a", "creation_list:\n  - {town: a}", "E-SCHEMA-003", 8
    ),
    "batch-bad-date": Slip(BATCH, "date: 2016-06-24", "date: 2016-06-31", "E-SCHEMA-007", 11),
    "batch-unknown-town": Slip(BATCH, "creation_list:\n  - a", "creation_list:\n  - aa", "E-LIFE-001", 8),
    # Namings: a named in 2018 (a naming has no optional field: an unknown key stands in).
    "naming-unknown-key": Slip(NAMING, "towns:", "remark: 好\ntowns:", "E-SCHEMA-002", 0),
    # Without its naming, a stays on the creation list and owes its 2018 report.
    "naming-required-key": Slip(NAMING, "towns:", "towms:", "E-SCHEMA-017", 1),
    "naming-item-type": Slip(NAMING, "  - a", "  - {town: a}", "E-SCHEMA-003", 1),
    "naming-bad-date": Slip(NAMING, "date: 2018-09-01", "date: 2018-09-31", "E-SCHEMA-007", 1),
    "naming-unknown-town": Slip(NAMING, "  - a", "  - aa", "E-LIFE-001", 1),
    # City records: a's recommendation, b's 2017 report.
    "recommendation-optional-key": Slip(
        RECOMMENDATION, "opinion:", "document_numbr: 穗工信〔2016〕1号\nopinion:", "E-SCHEMA-017", 0
    ),
    "recommendation-required-key": Slip(RECOMMENDATION, "opinion:", "opinon:", "E-SCHEMA-017", 1),
    "recommendation-field-type": Slip(RECOMMENDATION, "batch: 2016", "batch: [2016]", "E-SCHEMA-003", 1),
    "recommendation-bad-date": Slip(
        RECOMMENDATION, "date: 2016-05-01", "date: 2016-05-32", "E-SCHEMA-007", 1
    ),
    "report-optional-key": Slip(
        REPORT, "  backbone_companies: 3", "  backbone_companys: 3", "E-SCHEMA-017", 0
    ),
    "report-required-key": Slip(REPORT, "filed_on:", "filed:", "E-SCHEMA-017", 1),
    "report-field-type": Slip(REPORT, "  platforms: 4", "  platforms: 四个", "E-SCHEMA-003", 1),
    "report-bad-date": Slip(REPORT, "filed_on: 2018-01-05", "filed_on: 2018-01-32", "E-SCHEMA-007", 1),
}


def _world(tmp_path: Path) -> World:
    w = World(tmp_path / "repo")
    story(w)
    return w


def _slip(w: World, slip: Slip) -> int:
    """Make the slip; the line of the first line it changed."""
    path = w.root / slip.file
    text = path.read_text(encoding="utf-8")
    assert text.count(slip.old) == 1, slip.old
    changed = text.replace(slip.old, slip.new)
    path.write_text(changed, encoding="utf-8")
    pairs = zip(text.splitlines(), changed.splitlines(), strict=False)
    return next(n for n, (a, b) in enumerate(pairs, 1) if a != b)


def _found(w: World) -> list[Finding]:
    return w.evaluate(TODAY).findings


def test_the_story_is_consistent(tmp_path: Path) -> None:
    assert _found(_world(tmp_path)) == []


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_one_slip_is_one_finding_at_its_line(tmp_path: Path, name: str) -> None:
    slip = SLIPS[name]
    w = _world(tmp_path)
    line = _slip(w, slip)
    found = _found(w)
    expected = [(slip.code, slip.file, line)]
    if slip.explained:
        expected.append(("W-REC-005", slip.file, line))
    assert sorted((f.code, f.file, f.line) for f in found) == sorted(expected)
    notes = [f for f in found if f.code == "W-REC-005"]
    if notes:
        assert f"另有 {slip.explained} 处记录" in notes[0].message


def test_a_record_for_an_unknown_town_explains_what_the_town_lacks(tmp_path: Path) -> None:
    """A city records its recommendation under a misspelt town id (file name and content agree)."""
    w = _world(tmp_path)
    (w.root / RECOMMENDATION).unlink()
    rel = w.recommend("aa", 2016, "2016-05-01")
    found = _found(w)
    line = w.line(rel, "town: aa")
    assert sorted((f.code, f.file, f.line) for f in found) == [
        ("E-LIFE-001", rel, line),
        ("W-REC-005", rel, line),
    ]
    unknown = next(f for f in found if f.code == "E-LIFE-001")
    assert "“a”" in (unknown.hint or "")
    note = next(f for f in found if f.code == "W-REC-005")
    assert "E-LIFE-002" in note.message and BATCH in note.message


def test_an_item_left_out_keeps_the_lines_of_the_items_after_it(tmp_path: Path) -> None:
    """The items after a bad one are still found where they are written."""
    w = _world(tmp_path)
    _slip(w, Slip(EVAL, "{town: a, grade: 优秀}", "{town: a, grade: [优秀]}", "", 0))
    lives, _ = w.lives(TODAY)
    entry = next(e for e in lives["b"].history if e.event == "evaluated" and e.year == 2017)
    assert (entry.file, entry.line) == (EVAL, w.line(EVAL, "{town: b,"))


def test_an_unknown_grade_leaves_out_only_its_result(tmp_path: Path) -> None:
    """The other towns of the evaluation keep their grades; the town whose grade is unknown has none."""
    w = _world(tmp_path)
    _slip(w, SLIPS["evaluation-unknown-grade"])
    lives = w.evaluate(TODAY).lives
    assert (2017, "合格") in lives["b"].grades
    assert all(year != 2017 for year, _ in lives["a"].grades)
