"""Each record that contradicts the process gives its code at its file and line, and nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from lifecycle_builder import World
from towns.eligibility import ConditionVerdict, Eligibility
from towns.lifecycle import load_records

TODAY = dt.date(2026, 11, 30)
BATCH = "decisions/batches/2016.yaml"
EVAL16 = "decisions/evaluations/2016.yaml"
Expect = list[tuple[str, str, str]]  # code, file, a text that occurs once on the expected line


def _base(w: World, *towns: str) -> None:
    """Towns a (creation) and b (cultivation), listed in 2016, graded for 2016 and named or still going."""
    for town in towns or ("a",):
        w.town(town)
        w.recommend(town, 2016, "2016-05-01")


def _reported(w: World, town: str, *years: int) -> None:
    for year in years:
        w.report(town, year, f"{year + 1}-01-05")


def unknown_town(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a", "ghost"])
    _reported(w, "a", 2016, 2017, 2018)
    return [("E-LIFE-001", BATCH, "- ghost")]


def never_recommended(w: World) -> Expect:
    _base(w)
    w.town("b")
    w.batch(2016, "2016-06-24", creation=["a"], cultivation=["b"])
    _reported(w, "a", 2016, 2017, 2018)
    _reported(w, "b", *range(2016, 2026))
    return [("E-LIFE-002", BATCH, "- b")]


def in_both_lists(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"], cultivation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    return [("E-LIFE-004", BATCH, "cultivation_list:\n  - a")]


def evaluated_before_listed(w: World) -> Expect:
    w.town("a", batch=2017, filed="2017-04-01")
    w.recommend("a", 2017, "2017-05-01")
    w.batch(2017, "2017-07-20", creation=["a"])
    w.evaluation(2016, "2017-03-01", [("a", "良好")])
    _reported(w, "a", 2017, 2018, 2019)
    return [("E-LIFE-005", EVAL16, "town: a")]


def two_grades(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    w.write(
        EVAL16,
        [
            "schema_version: 1",
            "year: 2016",
            "date: 2017-03-01",
            "document_number: 粤经信考〔2016〕1号",
            "results:",
            "  - {town: a, grade: 良好}",
            "  - {town: a, grade: 优秀}",
        ],
    )
    return [("E-LIFE-006", EVAL16, "优秀")]


def named_without_application(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017)
    w.evaluation(2016, "2017-03-01", [("a", "良好")])
    w.naming("n", "2017-09-01", ["a"])
    return [("E-LIFE-007", "decisions/namings/n.yaml", "- a")]


def named_after_a_late_application(w: World) -> Expect:
    expect = named_without_application(w)
    w.acceptance("a", "2017-10-01")
    return expect


def named_before_any_evaluation(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017)
    w.acceptance("a", "2016-11-01")
    w.naming("n", "2016-12-20", ["a"])
    return [("E-LIFE-008", "decisions/namings/n.yaml", "- a")]


def future_date(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    rel = w.acceptance("a", "2027-01-05")
    return [("E-LIFE-009", rel, "date:")]


def evaluation_inside_its_year(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    w.evaluation(2016, "2016-12-20", [("a", "良好")])
    return [("E-LIFE-010", EVAL16, "date:")]


def recommended_before_filing(w: World) -> Expect:
    w.town("a", filed="2016-05-10")
    rel = w.recommend("a", 2016, "2016-05-01")
    return [("E-LIFE-010", rel, "town:")]


def listed_before_recommended(w: World) -> Expect:
    w.town("a")
    w.recommend("a", 2016, "2016-05-31")
    w.batch(2016, "2016-05-30", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    return [("E-LIFE-010", BATCH, "- a"), ("E-LIFE-010", BATCH, "date:")]


def recommended_after_window(w: World) -> Expect:
    w.town("a")
    rel = w.recommend("a", 2016, "2016-06-01")
    return [("E-LIFE-011", rel, "town:")]


def listed_twice(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    w.recommend("a", 2017, "2017-05-01")
    rel = w.batch(2017, "2017-07-20", cultivation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    return [("E-LIFE-012", rel, "- a")]


def acceptance_by_cultivation_town(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", cultivation=["a"])
    _reported(w, "a", *range(2016, 2026))
    rel = w.acceptance("a", "2017-06-01")
    return [("E-LIFE-014", rel, "town:")]


def acceptance_after_expiry(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    rel = w.acceptance("a", "2019-07-01")
    return [("E-LIFE-014", rel, "town:")]


def batch_not_in_program(w: World) -> Expect:
    w.town("a", batch=2016)
    rel = w.batch(2015, "2015-08-01")
    return [("E-LIFE-015", rel, "year:")]


def late_report(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2017, 2018)
    rel = w.report("a", 2016, "2017-01-11")
    return [("W-LIFE-001", rel, "filed_on:")]


def report_on_the_deadline_is_on_time(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2017, 2018)
    w.report("a", 2016, "2017-01-10")
    return []


def missing_report(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2018)
    return [("W-LIFE-002", "records/guangzhou/annual-reports/2017/a.yaml", "")]


def report_of_an_unlisted_year(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    rel = w.report("a", 2020, "2021-01-05")
    return [("E-LIFE-005", rel, "town:")]


def waiver_for_unknown_or_unlisted_town(w: World) -> Expect:
    _base(w, "a", "b")
    w.batch(
        2016,
        "2016-06-24",
        creation=["a"],
        not_selected=["b"],
        waivers=[("ghost", "spatial_layout"), ("b", "spatial_layout")],
    )
    _reported(w, "a", 2016, 2017, 2018)
    return [("E-LIFE-001", BATCH, "town: ghost"), ("W-LIFE-003", BATCH, "town: b,")]


def recommended_but_undecided(w: World) -> Expect:
    _base(w, "a", "b")
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    return [("E-LIFE-018", BATCH, "not_selected:")]


def recommended_outside_the_window_is_not_expected_in_the_list(w: World) -> Expect:
    _base(w)
    w.town("b")
    rel = w.recommend("b", 2016, "2016-06-01")
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    return [("E-LIFE-011", rel, "town:")]


def omitted_from_an_evaluation(w: World) -> Expect:
    _base(w, "a", "b")
    w.batch(2016, "2016-06-24", creation=["a", "b"])
    _reported(w, "a", 2016, 2017, 2018)
    _reported(w, "b", 2016, 2017, 2018)
    w.evaluation(2016, "2017-03-01", [("a", "良好")])
    return [("W-LIFE-004", EVAL16, "results:")]


def graded_without_a_report(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2017, 2018)
    w.evaluation(2016, "2017-03-01", [("a", "良好")])
    return [("W-LIFE-005", EVAL16, "town: a")]


def listed_again_without_declaring_again(w: World) -> Expect:
    _base(w)
    w.batch(2016, "2016-06-24", not_selected=["a"])
    w.recommend("a", 2017, "2017-05-01")
    rel = w.batch(2017, "2017-07-20", creation=["a"])
    return [("E-LIFE-017", rel, "- a")]


def listed_in_the_batch_before_the_one_applied_to(w: World) -> Expect:
    w.town("a", batch=2018, filed="2018-07-10")
    w.recommend("a", 2018, "2018-07-20")
    rel = w.batch(2017, "2017-07-20", creation=["a"])
    w.batch(2018, "2018-09-01")  # the 2018 batch then lacks it: the same mistake, folded into a note
    return [("E-LIFE-017", rel, "- a"), ("W-REC-005", rel, "- a")]


# Cases whose towns stay on a list are judged early, before reports for later years are owed.
TODAYS = {
    "named_without_application": dt.date(2018, 3, 1),
    "named_after_a_late_application": dt.date(2018, 3, 1),
    "named_before_any_evaluation": dt.date(2018, 3, 1),
    "listed_again_without_declaring_again": dt.date(2017, 9, 1),
    "listed_in_the_batch_before_the_one_applied_to": dt.date(2018, 10, 1),
}

CASES: dict[str, Callable[[World], Expect]] = {
    name: fn
    for name, fn in list(globals().items())
    if callable(fn)
    and getattr(fn, "__module__", "") == __name__
    and not name.startswith("_")
    and name
    not in {"test_contradiction", "test_eligibility_failure_without_waiver", "test_waiver_is_handed_over"}
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_contradiction(tmp_path: Path, name: str) -> None:
    w = World(tmp_path / "repo")
    expected = CASES[name](w)
    result = w.evaluate(TODAYS.get(name, TODAY))
    got = sorted((f.code, f.file, f.line) for f in result.findings)
    want = sorted((code, rel, _line(w, rel, needle)) for code, rel, needle in expected)
    assert got == want
    for f in result.findings:
        assert f.message and not f.message.isascii()


def _line(w: World, rel: str, needle: str) -> int:
    if not needle:
        return 1
    if "\n" in needle:
        text = (w.root / rel).read_text(encoding="utf-8")
        return text[: text.index(needle)].count("\n") + needle.count("\n") + 1
    return w.line(rel, needle)


def _failing(town: str) -> Eligibility:
    verdict = ConditionVerdict(
        "spatial_layout",
        "4.2(2)",
        "规划建设面积",
        "fail",
        "≥300",
        "200",
        f"submissions/guangzhou/{town}/declaration.yaml",
        30,
        3,
    )
    return Eligibility("2016", (verdict,))


def test_eligibility_failure_without_waiver(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"])
    _reported(w, "a", 2016, 2017, 2018)
    result = w.evaluate(TODAY, {"a": _failing("a")})
    assert [(f.code, f.file, f.line) for f in result.findings] == [
        ("E-LIFE-003", BATCH, w.line(BATCH, "- a"))
    ]
    assert "规划建设面积" in result.findings[0].message


def test_waivers_of_another_batch_do_not_carry_over(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"], waivers=[("a", "spatial_layout")])
    records = load_records(w.root, w.program())
    assert len(records.waivers("a", 2016)) == 1
    assert records.waivers("a", 2017) == []


def test_waiver_is_handed_over(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _base(w)
    w.batch(2016, "2016-06-24", creation=["a"], waivers=[("a", "spatial_layout")])
    program = w.program()
    waivers = load_records(w.root, program).waivers("a")
    assert [(x.town, x.condition_id, x.file, x.line) for x in waivers] == [
        ("a", "spatial_layout", BATCH, w.line(BATCH, "condition:"))
    ]
    assert "粤经信函〔2016〕1号" in waivers[0].reference
