"""Another province reuses the checker by editing its program file: every verdict follows the data.

The test province has three regions with its own thresholds, one rule set, exclusive bounds where
its wording says 超过, no discretion on areas, a single branch for the industrial base and other
project domains. The program file goes through the real loader, as `towns check` reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from elig_builder import application_base, codes, industry_base, judge, program_data

from towns.eligibility.docs import rules_page_markdown
from towns.models.program import Program
from towns.program import load_program

NOT_DISCRETIONARY = {"inclusive": True, "discretionary": False}


def _other_rules() -> dict[str, Any]:
    rules: dict[str, Any] = program_data()["rule_sets"]["2016"]
    rules["title"] = "示范省互联网小镇申报条件"
    rules["description"] = "测试用的另一个省"
    for town_type in ("industry", "application"):
        r = rules[town_type]
        r["spatial_layout"]["planned_area_mu"] = {
            "by_region": {"north": 500, "central": 400, "south": 100},
            **NOT_DISCRETIONARY,
        }
        r["spatial_layout"]["core_area_mu"] = {
            "by_region": {"north": 250, "central": 200, "south": 50},
            **NOT_DISCRETIONARY,
        }
        r["policy_support"]["matching_funds"] = {
            "local": 2,
            "provincial": 1,
            "inclusive": True,
            "discretionary": False,
        }
        r["infrastructure"]["fibre_mbps"] = {"min": 1000, **NOT_DISCRETIONARY}
        r["rd_innovation"]["platforms"] = {"min": 2, **NOT_DISCRETIONARY}
    rules["industry"]["industrial_base"]["alternatives"] = [
        {
            "id": "backbone",
            "label": "龙头企业",
            "category": "internet",
            "annual_output_wan": {"min": 50000, "inclusive": False, "discretionary": False},
            "companies": {"min": 2, **NOT_DISCRETIONARY},
        }
    ]
    rules["industry"]["rd_innovation"]["rd_share_percent"] = {
        "min": 40,
        "inclusive": False,
        "discretionary": False,
    }
    # A closed list: this province names its fields without 等.
    rules["industry"]["application_projects"]["domains"] = {
        "examples": ["制造", "文旅"],
        "open": False,
        "source": {"local": "另一省的设定（测试）"},
    }
    rules["application"]["industrial_base"]["integrated_share_percent"] = {
        "min": 50,
        "inclusive": False,
        "discretionary": False,
    }
    return rules


def _other_program(root: Path) -> Program:
    data = program_data()
    data["province"]["name"] = "示范省"
    data["province"]["program_name"] = "示范省互联网小镇"
    data["sources"] = {**data["sources"], "cities": {"local": "示范省的地市（测试）"}}
    data["regions"] = [
        {"id": "north", "name": "北部"},
        {"id": "central", "name": "中部"},
        {"id": "south", "name": "南部"},
    ]
    data["cities"] = [
        {"slug": "guangzhou", "code": "440100", "name": "广州市", "region": "south", "github_team": "@p/a"},
        {"slug": "meizhou", "code": "441400", "name": "梅州市", "region": "north", "github_team": "@p/b"},
        {"slug": "shenzhen", "code": "440300", "name": "深圳市", "region": "central", "github_team": "@p/c"},
    ]
    data["batches"] = [
        {
            "year": 2016,
            "opens": "2016-03-01",
            "closes": "2016-05-31",
            "rules": "demo",
            "source": {"local": "另一省的申报通知（测试）"},
        }
    ]
    data["rule_sets"] = {"demo": _other_rules()}
    root.mkdir(parents=True, exist_ok=True)
    (root / "program.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    program, findings = load_program(root)
    assert program is not None and not findings, [f.message for f in findings]
    return program


@pytest.fixture
def program(tmp_path: Path) -> Program:
    return _other_program(tmp_path / "program")


@pytest.mark.parametrize(
    ("city", "region", "planned", "core"),
    [("guangzhou", "南部", 100, 50), ("shenzhen", "中部", 400, 200), ("meizhou", "北部", 500, 250)],
)
def test_area_thresholds_follow_three_regions(  # noqa: PLR0917 - pytest passes parameters positionally
    tmp_path: Path, program: Program, city: str, region: str, planned: int, core: int
) -> None:
    data = industry_base()
    data["spatial_layout"].update(planned_area_mu=planned, core_area_mu=core)
    result, _, _ = judge(tmp_path / "at", data, city=city, program=program)
    verdict = result.by_id("spatial_layout")
    assert verdict.status == "pass"
    assert f"不少于 {planned} 亩" in verdict.required and f"（{region}）" in verdict.required
    data["spatial_layout"]["core_area_mu"] = core - 1
    result, findings, _ = judge(tmp_path / "below", data, city=city, program=program)
    assert result.by_id("spatial_layout").status == "fail", "this province allows no discretion"
    assert "E-ELIG-023" in codes(findings)


def test_every_condition_follows_the_other_data(tmp_path: Path, program: Program) -> None:
    """The base town meets Guangdong's rules; under the other province's it fails where the numbers differ."""
    result, findings, _ = judge(tmp_path / "base", industry_base(), program=program)
    statuses = {c.id: c.status for c in result.conditions}
    assert statuses == {
        "applicant": "pass",
        "work_mechanism": "pass",
        "spatial_layout": "pass",  # south: 100 / 50
        "industrial_base": "fail",  # one company over 50000 (52000), two needed
        "application_projects": "pass",  # 制造 counts, 政务 does not
        "rd_innovation": "fail",  # 4/10 = 40 % is not 超过 40 %
        "policy_support": "fail",  # 1:1 under 2:1
        "infrastructure": "pass",  # 1000 Mbps
    }
    assert {"E-ELIG-031", "E-ELIG-051", "E-ELIG-062", "W-ELIG-007"} <= set(codes(findings))
    assert result.by_id("industrial_base").required == "龙头企业（年产值超过 50000 万元）不少于 2 家"
    assert result.by_id("rd_innovation").required.startswith("建立研发机构的互联网企业占比高于 40%")
    assert "不低于 2:1" in result.by_id("policy_support").required

    fixed = industry_base()
    fixed["industrial_base"]["companies"][1]["annual_output_wan"] = 50001
    fixed["industrial_base"]["companies"][4]["rd_institution"] = "研究院"
    fixed["policy_support"]["matching_funds"] = {"local": 2, "provincial": 1}
    fixed["summary_counts"] = {}
    result, _, _ = judge(tmp_path / "fixed", fixed, program=program)
    assert result.eligible, [c for c in result.conditions if c.status != "pass"]


def test_exclusive_output_bound_in_the_other_province(tmp_path: Path, program: Program) -> None:
    data = industry_base()
    data["industrial_base"]["companies"][1]["annual_output_wan"] = 50000
    data["summary_counts"] = {}
    result, _, _ = judge(tmp_path, data, program=program)
    assert result.by_id("industrial_base").status == "fail", "超过 50000 万元: exactly 50000 does not count"


def test_application_share_follows(tmp_path: Path, program: Program) -> None:
    """5/10 integrated is not 超过 50 %; 6/10 is."""
    data = application_base()
    data["spatial_layout"].update(planned_area_mu=500, core_area_mu=250)
    data["policy_support"]["matching_funds"] = {"local": 2, "provincial": 1}
    result, findings, _ = judge(tmp_path / "a", data, program=program)
    assert result.by_id("industrial_base").status == "fail"
    assert "E-ELIG-033" in codes(findings)
    for company in data["industrial_base"]["companies"][4:10]:
        company["internet_integrated"] = True
    data["summary_counts"]["integrated_share_percent"] = 60
    result, findings, _ = judge(tmp_path / "b", data, program=program)
    assert result.eligible and findings == []


def test_rules_page_follows(program: Program) -> None:
    page = rules_page_markdown(program)
    assert page.startswith("# 示范省互联网小镇申报条件")
    for region in ("北部", "中部", "南部"):
        assert f"| demo | {region} |" in page
    assert "珠三角" not in page
    assert "龙头企业（年产值超过 50000 万元）不少于 2 家" in page
