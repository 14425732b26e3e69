"""The fixed value sets of the form, the rules and the lifecycle: each code once, with its Chinese name.

A value set is a `Choice`, a `StrEnum` whose members carry the Chinese ``label`` an applicant reads
on the form (and reads again in the verdicts, the reports and the site) and, where the label alone
says too little, a ``description``. Members are strings: they compare equal to their code, serialise
as it in JSON and format as it in f-strings, so a YAML value validates into a member unchanged.

Everything else derives from here: the models' field types and the rule parameter types (so mypy
checks every spelling), the JSON Schemas' enumerations with a name per value (`enumDescriptions`,
read by VS Code and yaml-language-server, and `x-enumNames` for forms), the field descriptions that
list the values, the value comments of the templates and the labels on reports and site.
`tests/test_values.py` fails when any copy diverges.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Self

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema


class Choice(StrEnum):
    """Base of every value set: ``CODE = "code", "中文名称"`` or ``… , "中文名称", "说明"``."""

    label: str
    description: str

    def __new__(cls, code: str, label: str, description: str = "") -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        member.description = description
        return member

    @property
    def explained(self) -> str:
        """The label, with the description in brackets when there is one: 互联网企业（从事……）."""
        return f"{self.label}（{self.description}）" if self.description else self.label

    @classmethod
    def label_of(cls, code: str) -> str:
        """The Chinese name of ``code``; the code itself when it is not in the set."""
        return next((m.label for m in cls if m.value == code), code)

    @classmethod
    def listing(cls, members: Iterable[Choice] | None = None) -> str:
        """``code：名称；code：名称`` for a field description (every member unless given)."""
        return "；".join(f"{m.value}：{m.explained}" for m in (cls if members is None else members))

    @classmethod
    def choices(cls, members: Iterable[Choice] | None = None) -> str:
        """``code 名称 / code 名称`` for a template comment (every member unless given)."""
        return " / ".join(f"{m.value} {m.explained}" for m in (cls if members is None else members))

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The enumeration with a name per value, for editors and forms.

        The set itself has no title: the field that uses it has one, and a title on the set equal
        to the field's would make pydantic drop the field's own.
        """
        reference = handler(core_schema)
        schema = handler.resolve_ref_schema(reference)
        schema.pop("title", None)
        schema.pop("description", None)
        schema["enumDescriptions"] = [m.explained for m in cls]
        schema["x-enumNames"] = [m.label for m in cls]
        return reference


def either(members: Iterable[Choice]) -> str:
    """“A、B或C”: the names of the accepted values of a choice."""
    words = [m.label for m in members]
    return words[0] if len(words) == 1 else "、".join(words[:-1]) + "或" + words[-1]


def names(members: Iterable[Choice], joiner: str = "、") -> str:
    """“A、B、C”: the names of the values, in order."""
    return joiner.join(m.label for m in members)


class TownType(Choice):
    """The town type (seed §4.2 industry, §4.3 application): it chooses the form and the conditions."""

    INDUSTRY = "industry", "产业型", "以互联网产业集聚为特色，适用方案 4.2 的申报条件"
    APPLICATION = "application", "应用型", "推动传统产业与互联网融合发展，适用方案 4.3 的申报条件"


class Tier(Choice):
    """The list a town is on after the batch review (seed §4.4)."""

    CREATION = "creation", "创建小镇"
    CULTIVATION = "cultivation", "培育小镇"


class ApplicantKind(Choice):
    """Who applies (seed §4.1(1)); the 2018 guide narrowed it to county-level governments."""

    COUNTY_GOVERNMENT = "county_government", "县（区）级人民政府"
    TOWN_GOVERNMENT = "town_government", "镇级人民政府（街道办事处）"
    PARK_MANAGEMENT = "park_management", "工业园区、高新区、保税区、旅游区等日常管理机构"


class OperationsTeam(Choice):
    """The dedicated operations team of the work mechanism (seed §4.2(1))."""

    ESTABLISHED = "established", "已建立"
    FORMING = "forming", "正在组建"
    NONE = "none", "未建立"


class Boundary(Choice):
    """The town's area boundary in the spatial layout (seed §4.2(2))."""

    DEFINED_BOUNDARY = "defined_boundary", "有明确的产业区域边界"
    DESIGNATED_ZONE = "designated_zone", "在现有产业园区内划定特别功能区"
    NONE = "none", "暂无明确边界"


class CompanyCategory(Choice):
    """Whether a listed company is an internet company or a traditional one (seed §4.3(3))."""

    INTERNET = "internet", "互联网企业", "从事或应用互联网技术、产品和服务的企业"
    TRADITIONAL = "traditional", "传统企业"


class PartnerKind(Choice):
    """The R&D cooperation partner of a company (seed §4.2(5), §4.3(5))."""

    UNIVERSITY = "university", "高校"
    INSTITUTE = "institute", "科研院所"
    LEADING_INTERNET_FIRM = "leading_internet_firm", "互联网领军企业"
    INNOVATIVE_INTERNET_FIRM = "innovative_internet_firm", "互联网创新型企业"


class ProjectStatus(Choice):
    """Whether a demonstration project is done or under way (seed §4.2(4))."""

    COMPLETED = "completed", "已经实施"
    IN_PROGRESS = "in_progress", "正在实施"


class PlatformKind(Choice):
    """The innovation platforms of R&D and innovation (seed §4.2(5)); the list is open (等)."""

    MAKER_SPACE = "maker_space", "众创空间"
    ENTREPRENEURSHIP_COLLEGE = "entrepreneurship_college", "创业学院"
    STARTUP_CAFE = "startup_cafe", "创业咖啡"
    INCUBATOR = "incubator", "孵化器"
    OTHER = "other", "其他创业创新服务平台"


class PlanStatus(Choice):
    """The city's overall creation plan in policy support (seed §4.2(6))."""

    ISSUED = "issued", "已出台"
    DRAFTING = "drafting", "已开始研究制定"
    NONE = "none", "尚未开展"


class ServicePlatformKind(Choice):
    """The professional public service platforms of basic services (seed §4.2(7)); open (等)."""

    VENTURE_FUND = "venture_fund", "创投基金"
    FINANCING = "financing", "融资服务"
    TALENT_TRAINING = "talent_training", "人才培训"
    TECHNICAL_CONSULTING = "technical_consulting", "技术咨询"
    OTHER = "other", "其他专业性公共服务"


class Coverage(Choice):
    """The networks that must cover the whole town (seed §4.2(7)); a rule parameter only."""

    FIBRE = "fibre", "光纤"
    MOBILE_4G = "mobile_4g", "4G 信号"
    PUBLIC_WLAN = "public_wlan", "公共区域 WLAN 热点"


class Unspecified(Choice):
    """What a rule set does with a declaration that names no applicant kind (program.yaml)."""

    ACCEPT = "accept", "接受"
    WARN = "warn", "给出提醒", "不阻止合并"
    REJECT = "reject", "不符合"


class Consequence(Choice):
    """What a grade of the annual evaluation does to the town (program.yaml, seed §4.5)."""

    NONE = "none", "无"
    DEMOTE = "demote", "降格", "由创建名单调入培育名单，创建期终止"
    REMOVE = "remove", "淘汰", "移出名单"


VALUE_SETS: tuple[type[Choice], ...] = (
    TownType,
    Tier,
    ApplicantKind,
    OperationsTeam,
    Boundary,
    CompanyCategory,
    PartnerKind,
    ProjectStatus,
    PlatformKind,
    PlanStatus,
    ServicePlatformKind,
    Coverage,
    Unspecified,
    Consequence,
)
"""Every value set, for the schema, the templates and the divergence test."""
