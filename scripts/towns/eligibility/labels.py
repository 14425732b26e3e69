"""Chinese names of the form's fixed values, as the applicant reads them on the form.

These are the same words as the field descriptions of the declaration model; the verdicts and the
rules page use them so that a requirement reads “已建立或正在组建”, never “established/forming”.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

NAMES: dict[str, dict[str, str]] = {
    "operations_team": {"established": "已建立", "forming": "正在组建", "none": "未建立"},
    "boundary": {
        "defined_boundary": "有明确的产业区域边界",
        "designated_zone": "在现有产业园区内划定特别功能区",
        "none": "暂无明确边界",
    },
    "plan_status": {"issued": "已出台", "drafting": "已开始研究制定", "none": "尚未开展"},
    "project_status": {"completed": "已经实施", "in_progress": "正在实施"},
    "platform": {
        "maker_space": "众创空间",
        "entrepreneurship_college": "创业学院",
        "startup_cafe": "创业咖啡",
        "incubator": "孵化器",
        "other": "其他创业创新服务平台",
    },
    "partner": {
        "university": "高校",
        "institute": "科研院所",
        "leading_internet_firm": "互联网领军企业",
        "innovative_internet_firm": "互联网创新型企业",
    },
    "service_platform": {
        "venture_fund": "创投基金",
        "financing": "融资服务",
        "talent_training": "人才培训",
        "technical_consulting": "技术咨询",
        "other": "其他专业性公共服务",
    },
    "coverage": {"fibre": "光纤", "mobile_4g": "4G 信号", "public_wlan": "公共区域 WLAN 热点"},
    "applicant": {
        "county_government": "县（区）级人民政府",
        "town_government": "镇级人民政府（街道办事处）",
        "park_management": "工业园区、高新区、保税区、旅游区等日常管理机构",
    },
    "category": {"internet": "互联网企业", "traditional": "传统企业"},
}


def name(group: str, value: str) -> str:
    """The Chinese name of ``value``; the value itself if the table has none."""
    return NAMES[group].get(value, value)


def names(group: str, values: Iterable[str], joiner: str = "、") -> str:
    return joiner.join(name(group, v) for v in values)


def either(group: str, values: Iterable[str]) -> str:
    """“A、B或C”: the accepted values of a choice."""
    words = [name(group, v) for v in values]
    return words[0] if len(words) == 1 else "、".join(words[:-1]) + "或" + words[-1]


def open_list(group: str, values: Collection[str]) -> str:
    """“众创空间、孵化器等”: the named kinds, with 等 when “other” kinds count too."""
    listed = [v for v in values if v != "other"]
    return names(group, listed) + ("等" if "other" in values or not listed else "")
