"""Discretionary thresholds (可酌情增减) warn; the province's waiver turns the warning into 已豁免."""

from __future__ import annotations

from pathlib import Path

from elig_builder import PRD_CITY, application_base, codes, judge

from towns.eligibility import Waiver


def _waiver(condition: str = "spatial_layout", town: str = "kejia") -> Waiver:
    return Waiver(
        town=town,
        condition_id=condition,
        reference="粤经信函〔2016〕88 号",
        reason="核心区依托现有园区，面积适当放宽",
        file="decisions/batches/2016.yaml",
        line=14,
    )


def test_area_shortfall_is_a_warning(tmp_path: Path) -> None:
    """260 / 120 亩 meets 粤东西北 (200 / 100) but not 珠三角 (300 / 150): a warning, still eligible."""
    result, findings, town = judge(tmp_path, application_base(), city=PRD_CITY)
    verdict = result.by_id("spatial_layout")
    assert verdict.status == "warning"
    assert result.eligible
    assert codes(findings) == ["W-ELIG-022", "W-ELIG-023"]
    assert all(not f.blocking for f in findings)
    assert verdict.line == town.at("spatial_layout", "planned_area_mu").line
    assert "（珠三角；面积可酌情增减）" in verdict.required
    assert "规划 260 亩，核心区 120 亩" in verdict.actual


def test_waiver_turns_the_warning_into_waived(tmp_path: Path) -> None:
    result, findings, _ = judge(tmp_path, application_base(), city=PRD_CITY, waivers=[_waiver()])
    verdict = result.by_id("spatial_layout")
    assert verdict.status == "waived"
    assert verdict.waiver is not None and verdict.waiver.reference == "粤经信函〔2016〕88 号"
    assert findings == []
    assert result.as_dict()["conditions"][2]["waiver"] == {
        "reference": "粤经信函〔2016〕88 号",
        "reason": "核心区依托现有园区，面积适当放宽",
    }
    assert result.eligible


def test_waiver_for_another_town_or_condition_has_no_effect(tmp_path: Path) -> None:
    waivers = [_waiver(town="other-town"), _waiver(condition="infrastructure")]
    result, findings, _ = judge(tmp_path, application_base(), city=PRD_CITY, waivers=waivers)
    assert result.by_id("spatial_layout").status == "warning"
    assert result.by_id("infrastructure").status == "pass"
    assert codes(findings) == ["W-ELIG-022", "W-ELIG-023"]


def test_waiver_cannot_lift_a_non_discretionary_failure(tmp_path: Path) -> None:
    """No boundary at all is not a matter of discretion: still 不符合, and the waiver is flagged."""
    data = application_base()
    data["spatial_layout"]["boundary"] = "none"
    waiver = _waiver()
    result, findings, _ = judge(tmp_path, data, city=PRD_CITY, waivers=[waiver])
    assert result.by_id("spatial_layout").status == "fail"
    assert not result.eligible
    flagged = next(f for f in findings if f.code == "W-ELIG-003")
    assert (flagged.file, flagged.line) == (waiver.file, waiver.line)
    assert "E-ELIG-021" in codes(findings)


def test_unused_waiver_on_a_passing_condition(tmp_path: Path) -> None:
    result, findings, _ = judge(tmp_path, application_base(), waivers=[_waiver()])
    assert result.by_id("spatial_layout").status == "pass"
    assert result.by_id("spatial_layout").waiver is None
    assert findings == []
