"""“可酌情增减” end to end: declaration → eligibility → batch review with or without a waiver.

Every verdict here is produced by the real rules from a real declaration in a real registry, and
the whole pipeline (`towns.check.run_check`) reports the findings, as on a pull request.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lifecycle_builder import World
from towns.check import CheckResult, run_check

TODAY = dt.date(2017, 1, 1)
BATCH = "decisions/batches/2016.yaml"
DECLARATION = "submissions/guangzhou/a/declaration.yaml"
ELIGIBILITY_AND_LISTING = ("E-ELIG-", "W-ELIG-", "E-AREA-", "E-LIFE-003", "E-LIFE-016", "W-LIFE-003")


def _town(w: World, planned: str = "420", core: str = "180.5") -> None:
    w.town("a")
    path = w.root / DECLARATION
    text = path.read_text(encoding="utf-8")
    text = text.replace("planned_area_mu: 420", f"planned_area_mu: {planned}")
    text = text.replace("core_area_mu: 180.5", f"core_area_mu: {core}")
    path.write_text(text, encoding="utf-8")
    w.recommend("a", 2016, "2016-05-01")


def _codes(result: CheckResult) -> list[tuple[str, str, int]]:
    return sorted(
        (f.code, f.file, f.line) for f in result.findings if f.code.startswith(ELIGIBILITY_AND_LISTING)
    )


def _status(result: CheckResult) -> str:
    town = next(t for t in result.towns if t.id == "a")
    assert town.eligibility is not None
    return town.eligibility.by_id("spatial_layout").status


def test_a_shortfall_is_an_advisory_before_any_decision(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _town(w, planned="280", core="140")
    result = run_check(w.root, today=TODAY)
    line = w.line(DECLARATION, "planned_area_mu")
    assert _codes(result) == [("W-ELIG-022", DECLARATION, line), ("W-ELIG-023", DECLARATION, line + 1)]
    assert _status(result) == "warning"
    town = result.towns[0]
    assert town.eligible and town.eligibility is not None
    assert town.eligibility.as_dict()["needs_waiver"] == ["spatial_layout"]


@pytest.mark.parametrize("listing", ["creation", "cultivation"])
def test_listing_a_shortfall_without_a_waiver_blocks_the_decision(tmp_path: Path, listing: str) -> None:
    w = World(tmp_path / "repo")
    _town(w, planned="280", core="140")
    w.batch(2016, "2016-06-24", **{listing: ["a"]})  # type: ignore[arg-type]
    result = run_check(w.root, today=TODAY)
    listed = w.line(BATCH, "- a")
    assert ("E-LIFE-016", BATCH, listed) in _codes(result)
    blocking = next(f for f in result.findings if f.code == "E-LIFE-016")
    assert blocking.blocking
    assert "4.2(2) 空间布局" in blocking.message
    assert ("创建名单" if listing == "creation" else "培育名单") in blocking.message
    assert result.blocking


def test_a_waiver_in_the_same_review_accepts_the_shortfall(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _town(w, planned="280", core="140")
    w.batch(2016, "2016-06-24", creation=["a"], waivers=[("a", "spatial_layout")])
    result = run_check(w.root, today=TODAY)
    assert _codes(result) == []
    assert _status(result) == "waived"
    assert result.towns[0].eligibility is not None
    assert result.towns[0].eligibility.as_dict()["needs_waiver"] == []


def test_a_waiver_for_another_condition_does_not_count(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _town(w, planned="280", core="140")
    w.batch(2016, "2016-06-24", creation=["a"], waivers=[("a", "infrastructure")])
    result = run_check(w.root, today=TODAY)
    assert "E-LIFE-016" in {code for code, _, _ in _codes(result)}


def test_not_selected_needs_no_waiver(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _town(w, planned="280", core="140")
    w.batch(2016, "2016-06-24", not_selected=["a"])
    result = run_check(w.root, today=TODAY)
    assert {code for code, _, _ in _codes(result)} == {"W-ELIG-022", "W-ELIG-023"}


@pytest.mark.parametrize(
    ("planned", "core", "expected"),
    [
        ("0", "0", {"E-ELIG-008"}),  # nothing at all is not a shortfall
        ("420", "0", {"E-ELIG-008"}),
        ("200", "300", {"E-AREA-001", "W-ELIG-022"}),  # a core larger than the whole is impossible
    ],
)
def test_zero_and_impossible_areas_fail(tmp_path: Path, planned: str, core: str, expected: set[str]) -> None:
    w = World(tmp_path / "repo")
    _town(w, planned=planned, core=core)
    result = run_check(w.root, today=TODAY)
    assert {code for code, _, _ in _codes(result)} == expected
    assert _status(result) == "fail"
    assert not result.towns[0].eligible
    assert result.blocking


def test_a_waiver_cannot_accept_zero_and_the_listing_blocks(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _town(w, planned="0", core="0")
    w.batch(2016, "2016-06-24", creation=["a"], waivers=[("a", "spatial_layout")])
    result = run_check(w.root, today=TODAY)
    codes = {code for code, _, _ in _codes(result)}
    assert {"E-ELIG-008", "E-LIFE-003"} <= codes
    assert "W-ELIG-003" in {f.code for f in result.findings}
    assert _status(result) == "fail"


WAIVER_SLIPS = {
    # slip: (written, written instead, the one error; W-REC-005 beside it folds the lost waiver's
    # three consequences: E-LIFE-016 at the listing, W-ELIG-022/023 in the declaration)
    "misspelt-key": ("reason: 酌情豁免", "reasn: 酌情豁免", "E-SCHEMA-017"),
    "misspelt-required-key": ("condition: spatial_layout", "conditon: spatial_layout", "E-SCHEMA-017"),
    "misspelt-condition": ("condition: spatial_layout", "condition: spatial_layot", "E-LIFE-019"),
    "wrong-type": ("town: a,", "town: [a],", "E-SCHEMA-003"),
    "unknown-town": ("town: a,", "town: aa,", "E-LIFE-001"),
}


@pytest.mark.parametrize("name", sorted(WAIVER_SLIPS))
def test_a_slip_in_a_waiver_is_one_finding_with_its_consequences_folded(tmp_path: Path, name: str) -> None:
    old, new, code = WAIVER_SLIPS[name]
    w = World(tmp_path / "repo")
    _town(w, planned="280", core="140")
    w.batch(2016, "2016-06-24", creation=["a"], waivers=[("a", "spatial_layout")])
    before = {(f.code, f.file, f.line) for f in run_check(w.root, today=TODAY).findings}
    path = w.root / BATCH
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = run_check(w.root, today=TODAY)
    line = w.line(BATCH, "waivers:") + 1
    added = sorted({(f.code, f.file, f.line) for f in result.findings} - before)
    assert added == sorted([(code, BATCH, line), ("W-REC-005", BATCH, line)])
    note = next(f for f in result.findings if f.code == "W-REC-005")
    assert "另有 3 处记录" in note.message and "E-LIFE-016" in note.message
    assert _status(result) == "warning"  # the shortfall stands: nothing was waived


def test_an_unknown_condition_names_the_closest(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _town(w)
    w.batch(2016, "2016-06-24", creation=["a"], waivers=[("a", "spatial_layot")])
    found = [f for f in run_check(w.root, today=TODAY).findings if f.code == "E-LIFE-019"]
    assert len(found) == 1
    assert "“spatial_layot”" in found[0].message and "“spatial_layout”" in found[0].message


def test_a_condition_that_cannot_be_waived_is_not_sent_to_the_waivers(tmp_path: Path) -> None:
    """E-LIFE-003 lists conditions no waiver lifts: its hint must not suggest writing one."""
    w = World(tmp_path / "repo")
    _town(w, planned="0", core="0")
    w.batch(2016, "2016-06-24", creation=["a"], waivers=[("a", "spatial_layout")])
    found = next(f for f in run_check(w.root, today=TODAY).findings if f.code == "E-LIFE-003")
    assert "空间布局" in found.message
    assert "不能酌情豁免" in (found.hint or "") and "waivers" not in (found.hint or "")
