"""Shares and ratios are exact fractions; nothing to divide by is a finding, never a crash."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from elig_builder import (
    application_base,
    codes,
    industry_base,
    judge,
    program_data,
    program_from,
    shipped_program,
)

from towns.eligibility import measures


def _traditional(n: int, integrated: int, *, rd: int = 0) -> list[dict[str, Any]]:
    return [
        {
            "name": f"传统企业{i}（虚构）",
            "category": "traditional",
            "internet_integrated": i < integrated,
            **({"rd_institution": "信息部"} if i < rd else {}),
            "cooperations": [{"partner": "示范大学（虚构）", "partner_kind": "university", "field": "AI"}],
        }
        for i in range(n)
    ]


def _with_traditional(n: int, integrated: int, *, rd: int = 0) -> dict[str, Any]:
    data = application_base()
    internet = [c for c in data["industrial_base"]["companies"] if c["category"] == "internet"]
    data["industrial_base"]["companies"] = internet + _traditional(n, integrated, rd=rd)
    data["summary_counts"] = {}
    return data


@pytest.mark.parametrize(
    ("total", "integrated", "status"),
    [
        (10, 3, "pass"),
        (10, 2, "fail"),
        (10, 4, "pass"),
        (1000, 300, "pass"),
        (1000, 299, "fail"),
        (3, 1, "pass"),
    ],
)
def test_integrated_share_boundaries(tmp_path: Path, total: int, integrated: int, status: str) -> None:
    """3/10 is exactly 30 % (meets 30 % 以上); 299/1000 is 29.9 % (does not); 1/3 is above 30 %."""
    result, findings, _ = judge(tmp_path, _with_traditional(total, integrated))
    verdict = result.by_id("industrial_base")
    assert verdict.status == status
    assert f"{integrated}/{total}" in verdict.actual
    assert ("E-ELIG-033" in codes(findings)) == (status == "fail")


def test_share_arithmetic_is_exact_at_the_boundary() -> None:
    """The ten-thousand case from the issue, with the shipped threshold: 2999/10000 is not 30 %."""
    threshold = shipped_program().rule_sets["2016"].application.industrial_base.integrated_share_percent
    bound = threshold.value_for(None)
    assert bound is not None
    assert measures.met_share(threshold, bound, Fraction(3, 10))
    assert measures.met_share(threshold, bound, Fraction(3000, 10000))
    assert not measures.met_share(threshold, bound, Fraction(2999, 10000))
    assert not measures.met_share(threshold, bound, Fraction(29999999, 100000000))
    assert 0.1 + 0.2 != 0.3  # why floats are not used: the same rounding error would decide a verdict
    assert measures.met_share(threshold, bound, Fraction(1, 10) + Fraction(2, 10))
    assert measures.percent(Fraction(2999, 10000)) == "29.99%"
    assert measures.percent(Fraction(1, 3)) == "约 33.33%"


@pytest.mark.parametrize(("total", "with_rd", "status"), [(10, 2, "pass"), (10, 1, "fail"), (5, 1, "pass")])
def test_rd_share_industry(tmp_path: Path, total: int, with_rd: int, status: str) -> None:
    """Industry type: 20 % of internet companies with an R&D institution, inclusive (2/10, 1/5 meet it)."""
    data = industry_base()
    companies = data["industrial_base"]["companies"][:total]
    for index, company in enumerate(companies):
        company.pop("rd_institution", None)
        if index < with_rd:
            company["rd_institution"] = "研究院"
    data["industrial_base"]["companies"] = companies
    data["summary_counts"] = {}
    result, findings, _ = judge(tmp_path, data)
    assert f"{with_rd}/{total}" in result.by_id("rd_innovation").actual
    assert ("E-ELIG-051" in codes(findings)) == (status == "fail")


def test_rd_share_application_counts_traditional_companies(tmp_path: Path) -> None:
    """Application type: the share is of traditional companies with an internet R&D or IT department."""
    data = _with_traditional(10, 5, rd=3)
    result, _, _ = judge(tmp_path / "a", data)
    assert result.by_id("rd_innovation").status == "pass"
    assert "3/10（30%）" in result.by_id("rd_innovation").actual
    result, findings, _ = judge(tmp_path / "b", _with_traditional(10, 5, rd=2))
    assert "E-ELIG-051" in codes(findings)


def test_zero_denominator_application_is_a_finding(tmp_path: Path) -> None:
    """No traditional companies listed: both shares are undefined — a finding each, condition fails."""
    data = _with_traditional(0, 0)
    result, findings, town = judge(tmp_path, data)
    assert result.by_id("industrial_base").status == "fail"
    assert result.by_id("rd_innovation").status == "fail"
    zero = [f for f in findings if f.code == "E-ELIG-009"]
    assert len(zero) == 2
    assert all("传统企业" in f.message for f in zero)
    assert zero[0].line == town.at("industrial_base", "companies").line
    assert "0/0（无法计算比例）" in result.by_id("industrial_base").actual


def test_missing_category_industry_is_a_finding(tmp_path: Path) -> None:
    """An industry town that lists only traditional companies has no internet companies to divide by."""
    data = industry_base()
    for company in data["industrial_base"]["companies"]:
        company["category"] = "traditional"
    data["summary_counts"] = {}
    result, findings, _ = judge(tmp_path, data)
    assert "E-ELIG-009" in codes(findings)
    assert result.by_id("rd_innovation").status == "fail"


@pytest.mark.parametrize(
    ("local", "provincial", "status"),
    [(1, 1, "pass"), (0.99, 1, "fail"), (1.01, 1, "pass"), (3, 3, "pass"), (2, 3, "fail"), (1.5, 1, "pass")],
)
def test_matching_funds_ratio(tmp_path: Path, local: float, provincial: float, status: str) -> None:
    data = industry_base()
    data["policy_support"]["matching_funds"] = {"local": local, "provincial": provincial}
    result, findings, town = judge(tmp_path, data)
    assert result.by_id("policy_support").status == status
    if status == "fail":
        found = next(f for f in findings if f.code == "E-ELIG-062")
        assert found.line == town.at("policy_support", "matching_funds").line
        assert "不低于 1:1" in found.message


def test_matching_funds_exclusive(tmp_path: Path) -> None:
    data = program_data()
    data["rule_sets"]["2016"]["industry"]["policy_support"]["matching_funds"]["inclusive"] = False
    program = program_from(data)
    at = industry_base()
    result, _, _ = judge(tmp_path / "a", at, program=program)
    assert result.by_id("policy_support").status == "fail"
    above = industry_base()
    above["policy_support"]["matching_funds"] = {"local": 1.01, "provincial": 1}
    result, _, _ = judge(tmp_path / "b", above, program=program)
    assert result.by_id("policy_support").status == "pass"


def test_number_formatting() -> None:
    assert measures.number(Decimal("300")) == "300"
    assert measures.number(Decimal("320.50")) == "320.5"
    assert measures.number(Decimal("1E+3")) == "1000"
    assert measures.percent_of(3, 10) == "3/10（30%）"
    assert measures.share(1, 0) is None
    assert measures.ratio(Decimal(1), Decimal(0)) is None
