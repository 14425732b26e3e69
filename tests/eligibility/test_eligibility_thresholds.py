"""Every numeric threshold at, one unit below and one unit above its bound, both ways of inclusivity.

The bounds are read from the shipped program data (pinned to the policy's numbers by a separate
test), and each case changes only the facts of its own condition in an otherwise valid base.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from elig_builder import (
    EWN_CITY,
    PRD_CITY,
    application_base,
    codes,
    industry_base,
    judge,
    program_data,
    program_from,
    shipped_program,
)

Data = dict[str, Any]


def _company(output: float | None, **extra: Any) -> Data:
    return {"name": "测试科技有限公司（虚构）", "category": "internet", "annual_output_wan": output, **extra}


def _set(path: tuple[str, ...]) -> Callable[[Data, Decimal], None]:
    def setter(data: Data, value: Decimal) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = int(value) if value == int(value) else float(value)

    return setter


def _backbone_count(data: Data, n: Decimal) -> None:
    data["industrial_base"]["companies"] = [_company(20000) for _ in range(int(n))] + [
        _company(2999) for _ in range(7)
    ]


def _internet_count(data: Data, n: Decimal) -> None:
    data["industrial_base"]["companies"] = [_company(3000) for _ in range(int(n))]


def _backbone_output(data: Data, output: Decimal) -> None:
    data["industrial_base"]["companies"] = [_company(float(output))] * 3 + [_company(100)] * 2


def _internet_output(data: Data, output: Decimal) -> None:
    data["industrial_base"]["companies"] = [_company(float(output))] * 10


def _app_internet(data: Data, n: Decimal) -> None:
    traditional = [c for c in data["industrial_base"]["companies"] if c["category"] == "traditional"]
    data["industrial_base"]["companies"] = [_company(500)] * int(n) + traditional


def _platforms(data: Data, n: Decimal) -> None:
    data["rd_innovation"]["platforms"] = [
        {"name": f"孵化器{i}（虚构）", "kind": "incubator"} for i in range(int(n))
    ]


def _cooperating(data: Data, n: Decimal) -> None:
    companies = data["industrial_base"]["companies"]
    category = companies[-1]["category"]
    companies += [_company(100, category=category) for _ in range(int(n) - len(companies))]
    for index, company in enumerate(data["industrial_base"]["companies"]):
        if index >= n:
            company["cooperations"] = []
        else:
            company["cooperations"] = [
                {"partner": "示范大学（虚构）", "partner_kind": "university", "field": "AI"}
            ]


def _service_platforms(data: Data, n: Decimal) -> None:
    data["infrastructure"]["service_platforms"] = [
        {"name": f"基金{i}（虚构）", "kind": "venture_fund"} for i in range(int(n))
    ]


def _projects(data: Data, n: Decimal) -> None:
    domain = "制造" if data["type"] == "industry" else "教育"
    data["application_projects"] = [
        {"name": f"项目{i}", "domain": domain, "status": "completed", "description": "示范"}
        for i in range(int(n))
    ]


def _big_area(data: Data) -> None:
    """PRD areas around either bound, never a core larger than the whole (that fails regardless)."""
    data["spatial_layout"]["planned_area_mu"] = 1000
    data["spatial_layout"]["core_area_mu"] = 150


@dataclass(frozen=True)
class Case:
    name: str
    town_type: str
    condition: str
    threshold: tuple[str | int, ...]  # path inside the rule set for the type
    setter: Callable[[Data, Decimal], None]
    code: str
    city: str | None = None
    step: Decimal = Decimal(1)
    prepare: Callable[[Data], None] | None = None
    region: str | None = None


CASES = [
    Case(
        "industry planned area",
        "industry",
        "spatial_layout",
        ("spatial_layout", "planned_area_mu"),
        _set(("spatial_layout", "planned_area_mu")),
        "ELIG-022",
        step=Decimal("0.5"),
    ),
    Case(
        "industry core area",
        "industry",
        "spatial_layout",
        ("spatial_layout", "core_area_mu"),
        _set(("spatial_layout", "core_area_mu")),
        "ELIG-023",
    ),
    Case(
        "application planned area PRD",
        "application",
        "spatial_layout",
        ("spatial_layout", "planned_area_mu"),
        _set(("spatial_layout", "planned_area_mu")),
        "ELIG-022",
        city=PRD_CITY,
        prepare=_big_area,
        region="prd",
    ),
    Case(
        "application core area PRD",
        "application",
        "spatial_layout",
        ("spatial_layout", "core_area_mu"),
        _set(("spatial_layout", "core_area_mu")),
        "ELIG-023",
        city=PRD_CITY,
        prepare=_big_area,
        region="prd",
    ),
    Case(
        "application planned area EWN",
        "application",
        "spatial_layout",
        ("spatial_layout", "planned_area_mu"),
        _set(("spatial_layout", "planned_area_mu")),
        "ELIG-022",
        city=EWN_CITY,
        region="ewn",
    ),
    Case(
        "application core area EWN",
        "application",
        "spatial_layout",
        ("spatial_layout", "core_area_mu"),
        _set(("spatial_layout", "core_area_mu")),
        "ELIG-023",
        city=EWN_CITY,
        region="ewn",
    ),
    Case(
        "backbone companies",
        "industry",
        "industrial_base",
        ("industrial_base", "alternatives", 0, "companies"),
        _backbone_count,
        "ELIG-031",
    ),
    Case(
        "internet companies (alternative)",
        "industry",
        "industrial_base",
        ("industrial_base", "alternatives", 1, "companies"),
        _internet_count,
        "ELIG-031",
    ),
    Case(
        "backbone output",
        "industry",
        "industrial_base",
        ("industrial_base", "alternatives", 0, "annual_output_wan"),
        _backbone_output,
        "ELIG-031",
    ),
    Case(
        "internet output (alternative)",
        "industry",
        "industrial_base",
        ("industrial_base", "alternatives", 1, "annual_output_wan"),
        _internet_output,
        "ELIG-031",
    ),
    Case(
        "application internet companies",
        "application",
        "industrial_base",
        ("industrial_base", "internet_companies"),
        _app_internet,
        "ELIG-032",
    ),
    Case(
        "industry platforms",
        "industry",
        "rd_innovation",
        ("rd_innovation", "platforms"),
        _platforms,
        "ELIG-052",
    ),
    Case(
        "application platforms",
        "application",
        "rd_innovation",
        ("rd_innovation", "platforms"),
        _platforms,
        "ELIG-052",
    ),
    Case(
        "industry cooperating companies",
        "industry",
        "rd_innovation",
        ("rd_innovation", "cooperating_companies"),
        _cooperating,
        "ELIG-053",
    ),
    Case(
        "application cooperating companies",
        "application",
        "rd_innovation",
        ("rd_innovation", "cooperating_companies"),
        _cooperating,
        "ELIG-053",
    ),
    Case(
        "industry projects",
        "industry",
        "application_projects",
        ("application_projects", "projects"),
        _projects,
        "ELIG-041",
    ),
    Case(
        "application projects",
        "application",
        "application_projects",
        ("application_projects", "projects"),
        _projects,
        "ELIG-041",
    ),
    Case(
        "service platforms",
        "industry",
        "infrastructure",
        ("infrastructure", "service_platforms"),
        _service_platforms,
        "ELIG-071",
    ),
    Case(
        "fibre",
        "application",
        "infrastructure",
        ("infrastructure", "fibre_mbps"),
        _set(("infrastructure", "fibre_mbps")),
        "ELIG-072",
    ),
]


def _threshold(data: Data, case: Case) -> Data:
    node: Any = data["rule_sets"]["2016"][case.town_type]
    for key in case.threshold:
        node = node[key]
    return dict(node)


def _bound(node: Data, case: Case) -> Decimal:
    value = node["by_region"][case.region] if case.region else node["min"]
    return Decimal(str(value))


def _status(tmp_path: Path, case: Case, value: Decimal, program_dict: Data) -> tuple[str, list[str]]:
    data = industry_base() if case.town_type == "industry" else application_base()
    if case.prepare:
        case.prepare(data)
    case.setter(data, value)
    result, findings, _ = judge(
        tmp_path / str(value), data, city=case.city, program=program_from(program_dict)
    )
    return result.by_id(case.condition).status, codes(findings)


def _expected_shortfall(node: Data) -> str:
    return "warning" if node["discretionary"] else "fail"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_inclusive_bound(tmp_path: Path, case: Case) -> None:
    data = program_data()
    node = _threshold(data, case)
    assert node["inclusive"] is True, "the policy's wording (以上/不少于) is inclusive"
    bound = _bound(node, case)
    shortfall = _expected_shortfall(node)
    prefix = "W" if node["discretionary"] else "E"
    assert _status(tmp_path, case, bound, data)[0] == "pass"
    status, found = _status(tmp_path, case, bound - case.step, data)
    assert status == shortfall
    assert f"{prefix}-{case.code}" in found
    assert _status(tmp_path, case, bound + case.step, data)[0] == "pass"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_exclusive_bound(tmp_path: Path, case: Case) -> None:
    """With `inclusive: false` (超过) the bound itself no longer qualifies; one above still does."""
    data = program_data()
    node: Any = data["rule_sets"]["2016"][case.town_type]
    for key in case.threshold:
        node = node[key]
    node["inclusive"] = False
    bound = _bound(node, case)
    assert _status(tmp_path, case, bound, data)[0] == _expected_shortfall(node)
    assert _status(tmp_path, case, bound - case.step, data)[0] == _expected_shortfall(node)
    assert _status(tmp_path, case, bound + case.step, data)[0] == "pass"


def test_shipped_thresholds_are_the_policys() -> None:
    """Pin program.yaml to seed §4.2 / §4.3, so an accidental edit of a number is noticed."""
    rules = shipped_program().rule_sets["2016"]
    ind, app = rules.industry, rules.application
    assert (ind.spatial_layout.planned_area_mu.min, ind.spatial_layout.core_area_mu.min) == (300, 150)
    assert app.spatial_layout.planned_area_mu.by_region == {"prd": 300, "ewn": 200}
    assert app.spatial_layout.core_area_mu.by_region == {"prd": 150, "ewn": 100}
    assert all(t.discretionary for t in (ind.spatial_layout.planned_area_mu, app.spatial_layout.core_area_mu))
    tiers = ind.industrial_base.alternatives
    assert [(t.annual_output_wan.min, t.companies.min) for t in tiers] == [(20000, 3), (3000, 10)]
    assert (app.industrial_base.internet_companies.min, app.industrial_base.integrated_share_percent.min) == (
        3,
        30,
    )
    assert (ind.rd_innovation.rd_share_percent.min, ind.rd_innovation.platforms.min) == (20, 3)
    assert ind.rd_innovation.cooperating_companies.min == 10
    assert (app.rd_innovation.rd_share_percent.min, app.rd_innovation.platforms.min) == (30, 1)
    assert app.rd_innovation.cooperating_companies.min == 3
    assert (ind.policy_support.matching_funds.local, ind.policy_support.matching_funds.provincial) == (1, 1)
    assert (ind.infrastructure.service_platforms.min, ind.infrastructure.fibre_mbps.min) == (3, 100)


def test_alternative_either_branch_suffices(tmp_path: Path) -> None:
    """3 backbone companies alone, or 10 internet companies alone, meet the industrial base."""
    only_backbone = industry_base()
    _backbone_count(only_backbone, Decimal(3))
    result, _, _ = judge(tmp_path / "a", only_backbone)
    assert result.by_id("industrial_base").status == "pass"
    assert "互联网骨干企业 3 家，互联网企业 3 家" in result.by_id("industrial_base").actual

    only_internet = industry_base()
    _internet_count(only_internet, Decimal(10))
    result, _, _ = judge(tmp_path / "b", only_internet)
    assert result.by_id("industrial_base").status == "pass"
    assert "互联网骨干企业 0 家，互联网企业 10 家" in result.by_id("industrial_base").actual

    neither = industry_base()
    neither["industrial_base"]["companies"] = [_company(20000)] * 2 + [_company(3000)] * 7
    result, findings, _ = judge(tmp_path / "c", neither)
    assert result.by_id("industrial_base").status == "fail"
    assert not result.eligible
    message = next(f.message for f in findings if f.code == "E-ELIG-031")
    assert "互联网骨干企业 2 家" in message and "互联网企业 9 家" in message


def test_companies_without_output_or_of_the_wrong_category_do_not_count(tmp_path: Path) -> None:
    data = industry_base()
    data["industrial_base"]["companies"] = [_company(None)] * 3 + [
        _company(50000, category="traditional")
    ] * 3
    result, _, _ = judge(tmp_path, data)
    verdict = result.by_id("industrial_base")
    assert verdict.status == "fail"
    assert "另有 3 家未填年产值" in verdict.actual


def test_partner_kinds_outside_the_list_do_not_count(tmp_path: Path) -> None:
    """Industry type: cooperation with an 互联网创新型企业 is not one of 高校/科研院所/领军企业."""
    data = industry_base()
    for company in data["industrial_base"]["companies"]:
        company["cooperations"][0]["partner_kind"] = "innovative_internet_firm"
    result, findings, town = judge(tmp_path, data)
    assert result.by_id("rd_innovation").status == "fail"
    assert "E-ELIG-053" in codes(findings)
    # Not counted, and said so at each cooperation: the clause names its partners without 等.
    closed = [f for f in findings if f.code == "W-ELIG-007"]
    assert len(closed) == len(data["industrial_base"]["companies"])
    where = town.at("industrial_base", "companies", 0, "cooperations", 0, "partner_kind")
    assert (closed[0].line, closed[0].column) == (where.line, where.column)
    assert "互联网创新型企业" in closed[0].message and "4.2(5)" in closed[0].message
