"""The smallest declarations of each type that meet every condition of the 2018 rule set, as a
person would type them into the form: an industry town in Guangzhou (珠三角) and an application
town in Meizhou (粤东西北). Counts are at the thresholds, so nothing is typed that is not needed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

DAY = dt.date(2018, 7, 20)


def _company(name: str, **facts: Any) -> dict[str, Any]:
    return {"name": name, **facts}


def _coop(partner_kind: str) -> list[dict[str, str]]:
    return [{"partner": "华南示范大学（虚构）", "partner_kind": partner_kind, "field": "大数据"}]


def _common(town_id: str, name: str, city: str, district: str) -> dict[str, Any]:
    return {
        "id": town_id,
        "batch": 2018,
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
            "platforms": [{"name": f"众创空间{i}号（虚构）", "kind": "maker_space"} for i in (1, 2, 3)]
        },
        "policy_support": {
            "creation_plan_status": "issued",
            "matching_funds": {"local": 1, "provincial": 1},
        },
        "infrastructure": {
            "transport": "地铁在小镇设站",
            "public_services": "配套人才公寓、学校、医院",
            "service_platforms": [
                {"name": "创业投资基金（虚构）", "kind": "venture_fund"},
                {"name": "科技金融服务中心（虚构）", "kind": "financing"},
                {"name": "人才培训基地（虚构）", "kind": "talent_training"},
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
                    "yearly_plan": [{"year": 2019, "investment_wan": 30000}],
                }
            ],
        },
        "applicant": {
            "name": f"{city}{district}人民政府",
            "uscc": "11440106MB2C00013X",
            "kind": "county_government",
        },
        "recommender": {"name": f"{city}工业和信息化局"},
        "filing_date": DAY,
        "contact": {"name": "王芳", "mobile": "13800138000", "email": "town@example.org"},
        "attachments": [
            {"kind": "uscc_certificate", "title": "信用代码证复印件", "file": "attachments/uscc.pdf"},
            {"kind": "local_policy", "title": "扶持政策", "file": "attachments/policy.pdf"},
        ],
    }


def industry() -> dict[str, Any]:
    """3 backbone companies (2 亿元), 10 cooperating, 2 of 10 with R&D (20 %), 1 project."""
    data = _common("yunfan", "云帆互联网小镇（虚构）", "广州市", "天河区")
    data["type"] = "industry"
    data["spatial_layout"] = {
        "conforms_to_urban_plan": True,
        "boundary": "defined_boundary",
        "planned_area_mu": 420,
        "core_area_mu": 180.5,
        "highlights": "一核两带",
    }
    companies = []
    for i in range(10):
        facts: dict[str, Any] = {"cooperations": _coop("university")}
        if i < 3:
            facts["annual_output_wan"] = 20000
        if i < 2:
            facts["rd_institution"] = f"云帆{i + 1}号研究院（虚构）"
        companies.append(_company(f"云帆科技{i + 1}号有限公司（虚构）", **facts))
    data["industrial_base"] = {
        "internet_output_wan": 153400,
        "share_of_local_output_percent": 38.2,
        "companies": companies,
    }
    data["application_projects"] = [
        {"name": "制造业云平台（虚构）", "domain": "制造", "status": "completed", "description": "设备上云"}
    ]
    return data


def application() -> dict[str, Any]:
    """3 internet companies, 3 traditional (1 integrated and with an IT department: 33 %), 3 cooperating."""
    data = _common("kejia", "客家康养小镇（虚构）", "梅州市", "梅江区")
    data["type"] = "application"
    data["spatial_layout"] = {
        "conforms_to_urban_plan": True,
        "boundary": "designated_zone",
        "planned_area_mu": 260,
        "core_area_mu": 120,
        "highlights": "康养核心区",
    }
    internet = [
        _company(f"客家网络{i}号有限公司（虚构）", category="internet", cooperations=_coop("university"))
        for i in (1, 2, 3)
    ]
    traditional = [_company(f"客家传统{i}号有限公司（虚构）", category="traditional") for i in (1, 2, 3)]
    traditional[0].update(internet_integrated=True, rd_institution="客家传统1号信息部（虚构）")
    data["industrial_base"] = {
        "internet_output_wan": 3200,
        "share_of_local_output_percent": 12,
        "companies": internet + traditional,
    }
    data["application_projects"] = [
        {"name": "远程医疗（虚构）", "domain": "医疗", "status": "completed", "description": "远程会诊"}
    ]
    return data
