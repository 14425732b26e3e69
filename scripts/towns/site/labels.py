"""Chinese names of the form's fixed values, shared with the eligibility verdicts when available."""

from __future__ import annotations

_FALLBACK: dict[str, dict[str, str]] = {
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
    "service_platform": {
        "venture_fund": "创投基金",
        "financing": "融资服务",
        "talent_training": "人才培训",
        "technical_consulting": "技术咨询",
        "other": "其他专业性公共服务",
    },
}


def _names() -> dict[str, dict[str, str]]:
    try:
        from towns.eligibility.labels import NAMES  # noqa: PLC0415 - optional until eligibility lands
    except ImportError:
        return _FALLBACK
    return {**_FALLBACK, **NAMES}


NAMES = _names()


def label(group: str, value: str) -> str:
    """The Chinese word for a fixed value of the form; the value itself when unknown."""
    return NAMES.get(group, {}).get(value, value)
