"""Qualitative requirements: accepted values come from the program data, each failure at its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from elig_builder import (
    application_base,
    codes,
    industry_base,
    judge,
    line_of,
    program_data,
    program_from,
    shipped_program,
)

from towns.eligibility import terms

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


def _projects(*domains: str) -> list[dict[str, str]]:
    return [
        {"name": f"{d}示范项目（虚构）", "domain": d, "status": "completed", "description": "示范"}
        for d in domains
    ]


@pytest.mark.parametrize(
    ("base", "domain", "as_term"),
    [
        (application_base, "教育", "教育"),
        (application_base, "互联网+教育", "教育"),
        (application_base, "互联网＋ 教育领域", "教育"),
        (application_base, "智慧养老", "养老"),  # a sub-field of a listed one
        (application_base, "民生", "民生"),  # the clause's own umbrella word
        (application_base, "民生服务", "民生"),
        (industry_base, "智能制造", "制造"),
        (industry_base, "互联网+民生", "民生"),
    ],
)
def test_a_listed_domain_counts_without_advice(
    tmp_path: Path, base: Callable[[], Data], domain: str, as_term: str
) -> None:
    data = base()
    data["application_projects"] = _projects(domain)
    result, findings, _ = judge(tmp_path, data)
    assert result.by_id("application_projects").status == "pass"
    assert not {"W-ELIG-006", "W-ELIG-007"} & set(codes(findings))
    rules = shipped_program().rule_sets["2016"].for_type(data["type"])
    assert terms.match_text(rules.application_projects.domains, domain).as_term == as_term


@pytest.mark.parametrize("base", [application_base, industry_base])
def test_a_domain_outside_the_examples_of_an_open_list_counts_with_advice(
    tmp_path: Path, base: Callable[[], Data]
) -> None:
    data = base()
    data["application_projects"] = _projects("旅游")
    result, findings, town = judge(tmp_path, data)
    assert result.by_id("application_projects").status == "pass"
    assert "其中 1 个不在列举的领域中，待评审确认" in result.by_id("application_projects").actual
    advisory = next(f for f in findings if f.code == "W-ELIG-006")
    assert not advisory.blocking
    assert advisory.line == town.at("application_projects", 0, "domain").line
    assert "“旅游”" in advisory.message and "等" in advisory.message


def test_a_domain_outside_a_closed_list_does_not_count(tmp_path: Path) -> None:
    data = program_data()
    data["rule_sets"]["2016"]["application"]["application_projects"]["domains"]["open"] = False
    town = application_base()
    town["application_projects"] = _projects("旅游")
    result, findings, _ = judge(tmp_path, town, program=program_from(data))
    assert result.by_id("application_projects").status == "fail"
    assert {"E-ELIG-041", "W-ELIG-007"} <= set(codes(findings))


def test_an_empty_domain_never_counts(tmp_path: Path) -> None:
    town = application_base()
    town["application_projects"] = _projects("互联网+")
    result, findings, _ = judge(tmp_path, town)
    assert result.by_id("application_projects").status == "fail"
    assert "W-ELIG-007" in codes(findings)


def test_other_platforms_count_with_advice(tmp_path: Path) -> None:
    """“众创空间、创业学院、创业咖啡、孵化器等平台”: an 其他 platform counts, and the reviewer is told."""
    data = industry_base()
    data["rd_innovation"]["platforms"][0]["kind"] = "other"
    data["infrastructure"]["service_platforms"][0]["kind"] = "other"
    result, findings, town = judge(tmp_path, data)
    assert result.by_id("rd_innovation").status == "pass"
    assert result.by_id("infrastructure").status == "pass"
    advice = sorted(f.line for f in findings if f.code == "W-ELIG-006")
    assert advice == sorted(
        [
            town.at("rd_innovation", "platforms", 0, "kind").line,
            town.at("infrastructure", "service_platforms", 0, "kind").line,
        ]
    )


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
