"""Summary counts on the form must agree with the listed facts; a mismatch blocks, at its own line."""

from __future__ import annotations

from pathlib import Path

import pytest
from elig_builder import application_base, codes, industry_base, judge, line_of


@pytest.mark.parametrize(
    ("key", "given", "actual"),
    [
        ("backbone_companies", 4, 3),
        ("mid_companies", 8, 7),
        ("rd_companies", 5, 4),
        ("platforms", 2, 3),
        ("cooperating_companies", 9, 10),
        ("service_platforms", 3, 4),
    ],
)
def test_industry_count_mismatch(tmp_path: Path, key: str, given: int, actual: int) -> None:
    data = industry_base()
    data["summary_counts"][key] = given
    result, findings, town = judge(tmp_path, data)
    mismatches = [f for f in findings if f.code == "E-SUM-001"]
    assert len(mismatches) == 1
    found = mismatches[0]
    assert found.blocking
    assert found.field == f"summary_counts.{key}"
    assert found.line == line_of(tmp_path / town.declaration_file, f"  {key}: {given}")
    assert f"填报为 {given}" in found.message and f"计算为 {actual}" in found.message
    assert result.eligible, "the conditions themselves are judged from the lists"


@pytest.mark.parametrize(
    ("key", "given", "actual"),
    [("internet_companies", 5, 4), ("traditional_companies", 9, 10)],
)
def test_application_count_mismatch(tmp_path: Path, key: str, given: int, actual: int) -> None:
    data = application_base()
    data["summary_counts"][key] = given
    _, findings, town = judge(tmp_path, data)
    found = next(f for f in findings if f.code == "E-SUM-001")
    assert found.line == line_of(tmp_path / town.declaration_file, f"  {key}:")
    assert f"{given}" in found.message and f"{actual}" in found.message


@pytest.mark.parametrize(
    ("given", "agrees"),
    [(33, True), (33.3, True), (33.33, True), (33.333, True), (33.4, False), (34, False), (33.34, False)],
)
def test_percent_agrees_when_rounded_to_the_places_written(
    tmp_path: Path, given: float, agrees: bool
) -> None:
    """1/3 of traditional companies integrated: 33, 33.3 and 33.33 all agree; 33.4 does not."""
    data = application_base()
    companies = data["industrial_base"]["companies"]
    traditional = [c for c in companies if c["category"] == "traditional"][:3]
    for index, company in enumerate(traditional):
        company["internet_integrated"] = index == 0
    data["industrial_base"]["companies"] = [c for c in companies if c["category"] == "internet"] + traditional
    data["summary_counts"] = {"integrated_share_percent": given}
    _, findings, _ = judge(tmp_path, data)
    assert ("E-SUM-002" in codes(findings)) is not agrees
    if not agrees:
        message = next(f.message for f in findings if f.code == "E-SUM-002")
        assert "1/3" in message and "约 33.33%" in message


def test_industry_share_mismatch(tmp_path: Path) -> None:
    data = industry_base()
    data["summary_counts"]["rd_share_percent"] = 30
    _, findings, town = judge(tmp_path, data)
    found = next(f for f in findings if f.code == "E-SUM-002")
    assert found.line == line_of(tmp_path / town.declaration_file, "rd_share_percent:")
    assert "30%" in found.message and "4/10（40%）" in found.message


def test_share_without_denominator(tmp_path: Path) -> None:
    data = application_base()
    data["industrial_base"]["companies"] = [
        c for c in data["industrial_base"]["companies"] if c["category"] == "internet"
    ]
    data["summary_counts"] = {"integrated_share_percent": 0, "it_department_share_percent": 0}
    _, findings, _ = judge(tmp_path, data)
    assert codes(findings).count("E-SUM-003") == 2


def test_unfilled_summaries_are_not_checked(tmp_path: Path) -> None:
    data = industry_base()
    data["summary_counts"] = {}
    _, findings, _ = judge(tmp_path, data)
    assert not [f for f in findings if f.code.startswith("E-SUM")]


def test_consistent_summaries_give_no_findings(tmp_path: Path) -> None:
    for base in (industry_base, application_base):
        _, findings, _ = judge(tmp_path / base.__name__, base())
        assert findings == []
