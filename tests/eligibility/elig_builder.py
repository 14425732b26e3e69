"""Realistic declarations for eligibility tests, written as YAML and loaded like any town.

Each test starts from one valid base declaration (industry type in a PRD city, application type in
an east/west/north city), changes only the facts it is about, writes the YAML into a temporary
`submissions/<city>/<town>/` folder and loads it through `towns.registry.load_town`, so the lines
and columns in findings are the real ones.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from message_language import assert_readable
from towns.eligibility import Eligibility, Waiver, evaluate
from towns.findings import Finding
from towns.models.program import Program
from towns.program import load_program_file
from towns.registry import Town, load_town

REPO = Path(__file__).resolve().parents[2]
PRD_CITY = "guangzhou"
EWN_CITY = "meizhou"


@functools.cache
def shipped_program() -> Program:
    """The shipped program data (immutable, so one copy serves every test)."""
    return load_program_file(REPO / "program.yaml")


@functools.cache
def _program_text_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(
        (REPO / "program.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    return data


def program_data() -> dict[str, Any]:
    """The shipped program file as plain data, a fresh copy to vary in a test."""
    return copy.deepcopy(_program_text_data())


def program_from(data: dict[str, Any]) -> Program:
    return Program.model_validate(data)


def _company(
    name: str, output: int | None, *, rd: bool = False, partner: str | None = None, **extra: Any
) -> dict[str, Any]:
    company: dict[str, Any] = {"name": name, "category": "internet", "annual_output_wan": output}
    if rd:
        company["rd_institution"] = f"{name}研究院"
    if partner:
        company["cooperations"] = [
            {"partner": "华南示范大学（虚构）", "partner_kind": partner, "field": "大数据"}
        ]
    company.update(extra)
    return company


INDUSTRY_OUTPUTS = [52000, 31000, 24000, 9800, 7600, 6200, 5100, 4300, 3900, 3600]


def _common(town_id: str, name: str, city: str, district: str) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": town_id,
        "batch": 2016,
        "name": name,
        "city": city,
        "district": district,
        "address": f"{city}{district}示范大道 1 号（虚构）",
        "basic_situation": {
            "area_description": "四至清楚，面积约 400 亩",
            "leading_industry": "云计算、大数据",
            "internet_development": "互联网企业集聚，发展较快",
        },
        "work_mechanism": {
            "management_body": {"name": f"{name}管理委员会", "head": "李明（管委会主任）"},
            "competent_department": f"{city}工业和信息化局",
            "coordination_mechanism": True,
            "coordination_lead": "区长",
            "operations_team": "established",
        },
        "rd_innovation": {
            "platforms": [
                {"name": "众创空间（虚构）", "kind": "maker_space"},
                {"name": "创业学院（虚构）", "kind": "entrepreneurship_college"},
                {"name": "孵化器（虚构）", "kind": "incubator"},
            ]
        },
        "policy_support": {
            "creation_plan_status": "issued",
            "creation_plan_name": "小镇创建总体规划（虚构）",
            "matching_funds": {"local": 1, "provincial": 1},
        },
        "infrastructure": {
            "transport": "地铁在小镇设站",
            "public_services": "配套人才公寓、学校、医院",
            "service_platforms": [
                {"name": "创业投资基金（虚构）", "kind": "venture_fund"},
                {"name": "科技金融服务中心（虚构）", "kind": "financing"},
                {"name": "人才培训基地（虚构）", "kind": "talent_training"},
                {"name": "技术咨询服务中心（虚构）", "kind": "technical_consulting"},
            ],
            "fibre_mbps": 1000,
            "fibre_full_coverage": True,
            "mobile_4g_full_coverage": True,
            "public_wlan_full_coverage": True,
        },
        "creation_plan": {
            "overall_goal": "三年内产值翻番",
            "key_projects": [
                {
                    "name": "数据中心二期（虚构）",
                    "investment_wan": 30000,
                    "land_mu": 45,
                    "yearly_plan": [{"year": 2017, "investment_wan": 30000}],
                }
            ],
        },
        "applicant": {"name": f"{name}管理委员会", "uscc": "11440106MB2C00013X"},
        "recommender": {"name": f"{city}工业和信息化局"},
        "filing_date": dt.date(2016, 5, 20),
        "contact": {"name": "王芳", "mobile": "13800138000", "email": "town@example.org"},
        "attachments": [
            {"kind": "uscc_certificate", "title": "信用代码证复印件", "file": "attachments/uscc.pdf"},
            {"kind": "local_policy", "title": "扶持政策", "file": "attachments/policy.pdf"},
        ],
    }


def industry_base() -> dict[str, Any]:
    """An industry-type town in Guangzhou (PRD) that meets every condition with some margin."""
    data = _common("yunfan", "云帆互联网小镇（虚构）", "广州市", "天河区")
    data["type"] = "industry"
    data["spatial_layout"] = {
        "conforms_to_urban_plan": True,
        "boundary": "defined_boundary",
        "planned_area_mu": 420,
        "core_area_mu": 180,
        "highlights": "一核两带",
    }
    data["industrial_base"] = {
        "internet_output_wan": sum(INDUSTRY_OUTPUTS),
        "share_of_local_output_percent": 38.2,
        "companies": [
            _company(f"云帆科技{i + 1}号有限公司（虚构）", out, rd=i < 4, partner="university")
            for i, out in enumerate(INDUSTRY_OUTPUTS)
        ],
    }
    data["application_projects"] = [
        {"name": "制造业云平台（虚构）", "domain": "制造", "status": "completed", "description": "设备上云"},
        {
            "name": "一网通办（虚构）",
            "domain": "互联网+政务",
            "status": "in_progress",
            "description": "统一认证",
        },
    ]
    data["summary_counts"] = {
        "backbone_companies": 3,
        "mid_companies": 7,
        "rd_companies": 4,
        "rd_share_percent": 40,
        "platforms": 3,
        "cooperating_companies": 10,
        "service_platforms": 4,
    }
    return copy.deepcopy(data)


def application_base() -> dict[str, Any]:
    """An application-type town in Meizhou (east/west/north) that meets every condition."""
    data = _common("kejia", "客家康养小镇（虚构）", "梅州市", "梅江区")
    data["type"] = "application"
    data["spatial_layout"] = {
        "conforms_to_urban_plan": True,
        "boundary": "designated_zone",
        "planned_area_mu": 260,
        "core_area_mu": 120,
        "highlights": "康养核心区",
    }
    internet = [_company(f"客家网络{i + 1}号有限公司（虚构）", 800) for i in range(4)]
    traditional = [
        _company(
            f"客家传统{i + 1}号有限公司（虚构）",
            1500,
            rd=i < 4,
            partner="university" if i < 3 else None,
            category="traditional",
            internet_integrated=i < 5,
        )
        for i in range(10)
    ]
    data["industrial_base"] = {
        "internet_output_wan": 3200,
        "share_of_local_output_percent": 12,
        "companies": internet + traditional,
    }
    data["application_projects"] = [
        {"name": "远程医疗（虚构）", "domain": "医疗", "status": "completed", "description": "远程会诊"},
        {"name": "智慧养老（虚构）", "domain": "养老", "status": "in_progress", "description": "居家养老"},
    ]
    data["summary_counts"] = {
        "internet_companies": 4,
        "traditional_companies": 10,
        "integrated_share_percent": 50,
        "it_department_share_percent": 40,
        "platforms": 3,
        "cooperating_companies": 3,
        "service_platforms": 4,
    }
    return copy.deepcopy(data)


class _NoAliasDumper(yaml.SafeDumper):
    """Repeated objects (``[company] * 3``) are written out each time: the loader rejects aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_town(root: Path, data: dict[str, Any], city: str) -> Town:
    """Write ``data`` as the town's declaration.yaml under ``root`` and return the unloaded town."""
    folder = root / "submissions" / city / data["id"]
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False)
    (folder / "declaration.yaml").write_text(text, encoding="utf-8")
    return Town(city_slug=city, folder_name=data["id"], folder=f"submissions/{city}/{data['id']}")


def load(root: Path, data: dict[str, Any], *, city: str, program: Program | None = None) -> Town:
    program = program or shipped_program()
    town = write_town(root, data, city)
    load_town(root, town, program)
    assert town.declaration is not None, [f.message for f in town.findings]
    return town


def judge(
    root: Path,
    data: dict[str, Any],
    *,
    city: str | None = None,
    program: Program | None = None,
    waivers: Sequence[Waiver] = (),
) -> tuple[Eligibility, list[Finding], Town]:
    """Load ``data`` and evaluate it; the base's own city unless ``city`` is given."""
    program = program or shipped_program()
    city = city or (PRD_CITY if data["type"] == "industry" else EWN_CITY)
    town = load(root, data, city=city, program=program)
    result, findings = evaluate(town, program, waivers)
    assert result is not None, [f.message for f in findings]
    assert_readable(findings)
    return result, findings, town


def codes(findings: Sequence[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing ``needle`` in a file (to cross-check positions)."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
