"""Qualitative requirements: accepted values come from the program data, each failure at its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from elig_builder import application_base, codes, industry_base, judge, line_of

Data = dict[str, Any]


def _set(data: Data, path: tuple[str, ...], value: Any) -> Data:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "condition", "code"),
    [
        (("work_mechanism", "coordination_mechanism"), False, "work_mechanism", "E-ELIG-011"),
        (("work_mechanism", "coordination_lead"), None, "work_mechanism", "E-ELIG-012"),
        (("work_mechanism", "operations_team"), "none", "work_mechanism", "E-ELIG-013"),
        (("spatial_layout", "boundary"), "none", "spatial_layout", "E-ELIG-021"),
        (("policy_support", "creation_plan_status"), "none", "policy_support", "E-ELIG-061"),
        (("infrastructure", "fibre_full_coverage"), False, "infrastructure", "E-ELIG-073"),
        (("infrastructure", "mobile_4g_full_coverage"), False, "infrastructure", "E-ELIG-073"),
        (("infrastructure", "public_wlan_full_coverage"), False, "infrastructure", "E-ELIG-073"),
    ],
)
@pytest.mark.parametrize("base", [industry_base, application_base], ids=["industry", "application"])
def test_qualitative_failure(  # noqa: PLR0917 - pytest passes parameters positionally
    tmp_path: Path, base: Any, path: tuple[str, ...], value: Any, condition: str, code: str
) -> None:
    result, findings, town = judge(tmp_path, _set(base(), path, value))
    verdict = result.by_id(condition)
    assert verdict.status == "fail"
    assert not result.eligible
    found = [f for f in findings if f.code == code]
    assert len(found) == 1
    assert found[0].field == ".".join(path)
    declaration = tmp_path / town.declaration_file
    assert found[0].line == verdict.line == line_of(declaration, f"{path[-1]}:")


@pytest.mark.parametrize(
    ("path", "value", "condition"),
    [
        (("work_mechanism", "operations_team"), "forming", "work_mechanism"),
        (("policy_support", "creation_plan_status"), "drafting", "policy_support"),
        (("spatial_layout", "boundary"), "designated_zone", "spatial_layout"),
    ],
)
def test_accepted_alternatives(tmp_path: Path, path: tuple[str, ...], value: Any, condition: str) -> None:
    """正在组建 / 已开始研究制定 / 园区内划定特别功能区 are accepted as the policy says."""
    result, findings, _ = judge(tmp_path, _set(industry_base(), path, value))
    assert result.by_id(condition).status == "pass"
    assert not findings


def test_mechanism_without_lead_is_not_asked_for_a_lead(tmp_path: Path) -> None:
    """With no mechanism there is no lead to name: only the mechanism itself is reported."""
    data = _set(industry_base(), ("work_mechanism", "coordination_mechanism"), False)
    data["work_mechanism"]["coordination_lead"] = None
    _, findings, _ = judge(tmp_path, data)
    assert codes(findings) == ["E-ELIG-011"]


def test_project_domains(tmp_path: Path) -> None:
    """互联网+ prefixes are accepted; an out-of-scope project is not counted and gets an advisory."""
    data = application_base()
    data["application_projects"] = [
        {
            "name": "互联网+教育（虚构）",
            "domain": "互联网+教育",
            "status": "completed",
            "description": "在线课堂",
        },
        {"name": "智能制造（虚构）", "domain": "制造", "status": "completed", "description": "工业"},
    ]
    result, findings, town = judge(tmp_path, data)
    assert result.by_id("application_projects").status == "pass"
    assert "符合领域的示范项目 1 个（共列出 2 个）" in result.by_id("application_projects").actual
    advisory = next(f for f in findings if f.code == "W-ELIG-042")
    assert advisory.line == town.at("application_projects", 1, "domain").line
    assert "智能制造" in advisory.message

    data["application_projects"] = data["application_projects"][1:]
    result, findings, _ = judge(tmp_path / "none", data)
    assert result.by_id("application_projects").status == "fail"
    assert {"E-ELIG-041", "W-ELIG-042"} <= set(codes(findings))


def test_every_condition_is_always_reported(tmp_path: Path) -> None:
    for base, clauses in ((industry_base, "4.2"), (application_base, "4.3")):
        result, _, _ = judge(tmp_path / base.__name__, base())
        ids = [c.id for c in result.conditions]
        assert ids == [
            "applicant",
            "work_mechanism",
            "spatial_layout",
            "industrial_base",
            "application_projects",
            "rd_innovation",
            "policy_support",
            "infrastructure",
        ]
        assert [c.clause for c in result.conditions[1:]] == [f"{clauses}({n})" for n in range(1, 8)]
        assert all(c.status == "pass" and c.required and c.actual for c in result.conditions)
        assert result.eligible
        assert result.as_dict()["verdict"] == "符合申报条件"
