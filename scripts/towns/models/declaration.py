"""The declaration form (申报表) of a town, for both town types.

The industry-type form follows the seed's 附件2 field by field; the application-type form is
derived from §4.3 in the same shape. Everything an eligibility condition needs is captured as
listed facts (each company, platform, project), never as a count the applicant types: the counts
the official form asks for live in ``summary_counts`` and are checked against the lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StrictBool

from towns.models.common import (
    TOWN_ID_PATTERN,
    Code,
    Count,
    Date,
    Model,
    Mu,
    Percent,
    PositiveDecimal,
    ShortText,
    Text,
    Uscc,
    Wan,
    Year,
    padded,
)
from towns.models.labels import items, optional_list, required_list
from towns.models.records import Indicators
from towns.models.values import (
    ApplicantKind,
    Boundary,
    CompanyCategory,
    OperationsTeam,
    PartnerKind,
    PlanStatus,
    PlatformKind,
    ProjectStatus,
    ServicePlatformKind,
    TownType,
)

SCHEMA_VERSION = 1


class ManagementBody(Model):
    name: ShortText = Field(title="日常管理机构", description="负责小镇日常管理的机构全称")
    head: ShortText = Field(
        title="负责人", description="日常管理机构负责人姓名及职务，如“张三（管委会主任）”"
    )


class WorkMechanism(Model):
    """工作机制（方案 4.2(1)、4.3(1)）。"""

    management_body: ManagementBody = Field(title="日常管理机构", description="特色小镇日常管理机构及负责人")
    competent_department: ShortText = Field(
        title="政府主管部门",
        description="小镇的政府主管部门，如所在地级以上市经济和信息化主管部门或产业园区管委会",
    )
    coordination_mechanism: StrictBool = Field(
        title="是否建立政府牵头的工作协调机制",
        description="是否已成立由主要领导牵头、相关部门和小镇共同参与的创建领导工作机制，填 true 或 false",
    )
    coordination_lead: ShortText | None = Field(
        default=None,
        title="工作机制牵头领导",
        description="牵头的主要领导职务，如“区长”；已建立工作协调机制时必填",
    )
    operations_team: OperationsTeam = Field(
        title="小镇运营专门服务团队", description=OperationsTeam.listing()
    )


class SpatialLayout(Model):
    """空间布局（方案 4.2(2)、4.3(2)）。"""

    conforms_to_urban_plan: StrictBool = Field(title="是否符合城乡规划", description="填 true 或 false")
    plan_name: ShortText | None = Field(default=None, title="规划名称", description="所依据的城乡规划名称")
    boundary: Boundary = Field(title="区域边界", description=Boundary.listing())
    planned_area_mu: Mu = Field(title="规划建设面积（亩）", description="小镇规划建设总面积，单位：亩")
    core_area_mu: Mu = Field(title="核心区面积（亩）", description="其中核心区面积，单位：亩")
    highlights: Text = Field(title="特色小镇规划要点", description="规划要点概述")


class Cooperation(Model):
    partner: ShortText = Field(title="合作单位", description="开展研发合作的高校、科研院所或互联网企业名称")
    partner_kind: PartnerKind = Field(title="合作单位类型", description=PartnerKind.listing())
    field: ShortText = Field(title="研发领域", description="合作的研发领域")


class Company(Model):
    """A company in the town: the listed facts behind the industrial-base and R&D conditions."""

    name: ShortText = Field(title="企业名称", description="企业全称")
    uscc: Uscc | None = Field(
        default=None, title="统一社会信用代码", description="企业的 18 位统一社会信用代码（选填）"
    )
    category: CompanyCategory = Field(
        default=CompanyCategory.INTERNET,
        title="企业类别",
        description=(
            f"{CompanyCategory.listing()}。产业型申报表的名单是小镇内的互联网企业（附件2），"
            "不填即为互联网企业；应用型必填"
        ),
    )
    annual_output_wan: Wan | None = Field(
        default=None, title="年产值（万元）", description="上一年度产值，单位：万元（1 亿元 = 10000 万元）"
    )
    rd_institution: ShortText | None = Field(
        default=None,
        title="研发机构名称",
        description="企业建立的专职研发机构（产业型）或互联网研发/IT 部门（应用型）名称；没有则不填",
    )
    internet_integrated: StrictBool = Field(
        default=False,
        title="是否与互联网融合渗透",
        description="传统企业是否利用互联网开展生产、营销、管理和服务（应用型），填 true 或 false",
    )
    cooperations: list[Cooperation] = optional_list(
        "研发合作", "与高校、科研院所、互联网企业开展的研发合作", "项", "合作"
    )


class ApplicationCompany(Company):
    """A company of an application-type town: internet and traditional companies count for
    different conditions (§4.3(3), §4.3(5)), so the category is never assumed."""

    category: CompanyCategory = Field(
        title="企业类别",
        description=f"{CompanyCategory.listing()}。必填：互联网企业和传统企业计入不同的申报条件",
    )


class IndustrialBase(Model):
    """产业基础（方案 4.2(3)、4.3(3)）。"""

    internet_output_wan: Wan = Field(
        title="互联网产业产值（万元）", description="小镇互联网产业上一年度总产值，单位：万元"
    )
    share_of_local_output_percent: Percent = Field(
        title="占当地全部产业总产值比重（%）", description="互联网产业产值占当地全部产业总产值的百分比"
    )
    companies: Sequence[Company] = Field(
        title="企业名单",
        description="小镇内的企业逐一列出：产业型列出全部互联网企业及其年产值；应用型列出互联网企业和传统企业",
        json_schema_extra=items("家", "企业"),
    )


class ApplicationIndustrialBase(IndustrialBase):
    """产业基础（应用型，方案 4.3(3)）：每家企业写明类别。"""

    companies: Sequence[ApplicationCompany] = Field(
        title="企业名单",
        description="小镇内的互联网企业和传统企业逐一列出，每家写明企业类别",
        json_schema_extra=items("家", "企业"),
    )


class Platform(Model):
    name: ShortText = Field(title="平台名称", description="创业创新服务平台名称")
    kind: PlatformKind = Field(title="平台类型", description=PlatformKind.listing())


class RdInnovation(Model):
    """研发创新（方案 4.2(5)、4.3(5)）；研发机构和研发合作在企业名单中逐家填写。"""

    platforms: list[Platform] = optional_list(
        "创业创新服务平台", "众创空间、创业学院、创业咖啡、孵化器等，逐一列出", "个", "平台"
    )


class ApplicationProject(Model):
    """应用项目（方案 4.2(4)、4.3(4)）。"""

    name: ShortText = Field(title="项目名称", description="示范项目名称")
    domain: ShortText = Field(
        title="应用领域",
        description=(
            "项目的应用领域，如“智能制造”“互联网+物流”（产业型）、“智慧养老”“民生”（应用型）；"
            "方案列举的领域见申报条件说明，列举以“等”结尾，其他领域也可填写，由评审专家确认"
        ),
    )
    status: ProjectStatus = Field(title="实施状态", description=ProjectStatus.listing())
    description: Text = Field(title="项目简介", description="项目内容及示范带动作用")
    investment_wan: Wan | None = Field(
        default=None, title="投资额（万元）", description="项目投资额，单位：万元（选填）"
    )


class MatchingFunds(Model):
    local: PositiveDecimal = Field(
        title="市（区）配套部分", description="承诺配套资金比例中地方（市、区）的份数"
    )
    provincial: PositiveDecimal = Field(title="省级部分", description="承诺配套资金比例中省级的份数")


class PolicySupport(Model):
    """政策配套（方案 4.2(6)、4.3(6)）。"""

    creation_plan_status: PlanStatus = Field(
        title="小镇创建总体规划",
        description=f"所在地级以上市（区）政府的小镇创建总体规划：{PlanStatus.listing()}",
    )
    creation_plan_name: ShortText | None = Field(
        default=None, title="规划文件名称", description="总体规划文件名称或文号"
    )
    matching_funds: MatchingFunds = Field(
        title="承诺配套资金省、市部分比例",
        description="地方配套资金与省级资金的比例，如 1:1 填 local: 1、provincial: 1",
    )
    other_policies: Text | None = Field(
        default=None, title="其他配套政策", description="产业政策、人才引进等其他配套政策"
    )


class ServicePlatform(Model):
    name: ShortText = Field(title="平台名称", description="进驻小镇的专业性公共服务平台名称")
    kind: ServicePlatformKind = Field(title="平台类型", description=ServicePlatformKind.listing())


class Infrastructure(Model):
    """基础服务 / 基础设施（方案 4.2(7)、4.3(7)）。"""

    transport: Text = Field(title="交通条件", description="小镇交通便利情况")
    public_services: Text = Field(title="公共服务与生活配套", description="公共服务、生活配套基本设施情况")
    service_platforms: list[ServicePlatform] = optional_list(
        "专业性公共服务平台", "创投基金、融资服务、人才培训、技术咨询等平台，逐一列出", "个", "平台"
    )
    fibre_mbps: Count = Field(
        title="光纤接入带宽（Mbps）", description="光纤接入能力，单位：Mbps，如 100M 填 100"
    )
    fibre_full_coverage: StrictBool = Field(title="是否实现光纤全覆盖", description="填 true 或 false")
    mobile_4g_full_coverage: StrictBool = Field(
        title="是否实现 4G 信号全覆盖", description="填 true 或 false"
    )
    public_wlan_full_coverage: StrictBool = Field(
        title="公共区域 WLAN 热点是否全覆盖", description="填 true 或 false"
    )


class YearlyInvestment(Model):
    year: Year = Field(title="年度", description="计划投资的年度")
    investment_wan: Wan = Field(title="计划投资额（万元）", description="该年度计划投资额，单位：万元")


class KeyProject(Model):
    name: ShortText = Field(title="项目名称", description="重点建设项目名称")
    investment_wan: Wan = Field(title="总投资额（万元）", description="项目总投资额，单位：万元")
    land_mu: Mu = Field(title="用地（亩）", description="项目用地面积，单位：亩")
    yearly_plan: list[YearlyInvestment] = required_list(
        "分年投资计划", "逐年列出计划投资额，合计应等于总投资额", "个", "年度"
    )


def _target(key: str, description: str) -> Any:
    """A target field named like the annual report indicator it is compared with."""
    return Field(default=None, title=Indicators.model_fields[key].title, description=description)


# Each target is the annual report indicator of the same name and title (`Indicators`), so the
# comparison at acceptance (`towns.lifecycle.targets`) needs no table of its own.
class CreationTargets(Model):
    """创建目标中可以量化的指标，验收时与年度发展情况报告的同名指标对照（方案 4.6）。"""

    internet_output_wan: Wan | None = _target("internet_output_wan", "创建期末小镇互联网产业年产值目标")
    internet_companies: Count | None = _target("internet_companies", "创建期末目标")
    backbone_companies: Count | None = _target(
        "backbone_companies", "年产值 2 亿元以上（含）的互联网骨干企业，创建期末目标"
    )
    leading_companies: Count | None = _target(
        "leading_companies", "年产值超过 10 亿元（不含）的龙头企业，创建期末目标"
    )
    new_innovative_smes: Count | None = _target(
        "new_innovative_smes", "创建期内累计新孵化培育的创新型中小企业数量"
    )
    rd_institutions: Count | None = _target("rd_institutions", "创建期末目标")
    platforms: Count | None = _target("platforms", "创建期末目标")
    demonstration_projects: Count | None = _target(
        "demonstration_projects", "创建期末已实施的示范应用项目数量目标"
    )
    integrated_traditional_companies: Count | None = _target(
        "integrated_traditional_companies", "创建期末目标（应用型）"
    )


# The targets counted over the whole creation period; every other target is a level at its end.
CUMULATIVE_TARGETS = frozenset({"new_innovative_smes"})


class CreationPlan(Model):
    """创建工作方案要点。"""

    overall_goal: Text = Field(title="小镇建设总体目标", description="创建期内的总体目标")
    targets: CreationTargets = Field(
        default_factory=CreationTargets,
        title="创建目标指标",
        description="总体目标中可以量化的指标（选填），验收时与年度发展情况报告逐项对照",
    )
    key_projects: list[KeyProject] = required_list(
        "重点建设项目", "重点建设项目的名称、投资额、用地、分年投资计划", "个", "项目"
    )


class Applicant(Model):
    name: ShortText = Field(title="申报单位", description="申报主体（小镇管理机构）全称，与公章一致")
    uscc: Uscc = Field(title="统一社会信用代码", description="申报单位的 18 位统一社会信用代码")
    kind: ApplicantKind | None = Field(
        default=None,
        title="申报主体类型",
        description=f"{ApplicantKind.listing()}。2018 年起申报主体须为县（区）级人民政府",
    )


class Recommender(Model):
    name: ShortText = Field(title="推荐单位", description="所在地级以上市经济和信息化主管部门全称")


class Contact(Model):
    """填表联系人。联系方式仅供审核使用，不在公开网站发布。"""

    name: ShortText = Field(title="联系人", description="填表联系人姓名")
    landline: ShortText | None = Field(
        default=None,
        pattern=padded("0[0-9]{2,3}-?[0-9]{7,8}(?:-[0-9]{1,6})?"),
        title="座机",
        description="如 020-12345678",
    )
    mobile: Code = Field(pattern=padded("1[3-9][0-9]{9}"), title="手机", description="11 位手机号码")
    fax: ShortText | None = Field(
        default=None, pattern=padded("0[0-9]{2,3}-?[0-9]{7,8}"), title="传真", description="如 020-12345679"
    )
    email: Code = Field(
        pattern=padded(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
        max_length=200,
        title="电子邮箱",
        description="联系邮箱",
    )


class Attachment(Model):
    kind: ShortText = Field(
        title="材料类别",
        description="申报材料清单中的类别，取值由 program.yaml 的 files.attachment_kinds 规定",
    )
    title: ShortText = Field(title="材料名称", description="附件的中文名称")
    file: Code = Field(
        pattern=padded(r"attachments(?:/[^/\\]+)+"),
        max_length=300,
        title="文件路径",
        description="相对于小镇文件夹的路径，必须在 attachments/ 下，如 attachments/信用代码证.pdf",
    )


class BasicSituation(Model):
    """基本情况：小镇面积、主导产业、互联网发展情况。"""

    area_description: Text = Field(title="小镇面积及范围", description="小镇面积、四至范围")
    leading_industry: Text = Field(title="主导产业", description="小镇主导产业")
    internet_development: Text = Field(title="互联网发展情况", description="互联网产业或应用的发展情况")


class IndustrySummaryCounts(Model):
    """申报表中填报的汇总数（产业型）；检查程序会与名单逐项核对。"""

    backbone_companies: Count | None = Field(default=None, title="年产值 2 亿元以上互联网企业数量")
    mid_companies: Count | None = Field(default=None, title="年产值 0.3 至 2 亿元互联网企业数量")
    rd_companies: Count | None = Field(default=None, title="建立专职研发机构的企业数量")
    rd_share_percent: Percent | None = Field(default=None, title="建立研发机构企业占企业总数比例（%）")
    platforms: Count | None = Field(default=None, title="创业创新服务平台数量")
    cooperating_companies: Count | None = Field(default=None, title="开展研发合作企业数量")
    service_platforms: Count | None = Field(default=None, title="专业性公共服务平台数量")


class ApplicationSummaryCounts(Model):
    """申报表中填报的汇总数（应用型）；检查程序会与名单逐项核对。"""

    internet_companies: Count | None = Field(default=None, title="从事或应用互联网技术、产品和服务的企业数量")
    traditional_companies: Count | None = Field(default=None, title="传统企业数量")
    integrated_share_percent: Percent | None = Field(
        default=None, title="与互联网融合渗透的传统企业比例（%）"
    )
    it_department_share_percent: Percent | None = Field(
        default=None, title="建立互联网研发或 IT 部门的传统企业比例（%）"
    )
    platforms: Count | None = Field(default=None, title="创业创新服务平台数量")
    cooperating_companies: Count | None = Field(default=None, title="开展研发合作企业数量")
    service_platforms: Count | None = Field(default=None, title="专业性公共服务平台数量")


class _Declaration(Model):
    schema_version: Literal[1] = Field(title="格式版本", description="申报表格式版本，目前为 1")
    id: Code = Field(
        pattern=TOWN_ID_PATTERN,
        max_length=60,
        title="小镇编号",
        description="小写字母、数字和连字符组成，与小镇文件夹名相同，如 tianhe-yunzhi",
    )
    batch: Year = Field(title="申报批次", description="申报的批次年度，如 2018")
    name: ShortText = Field(title="小镇名称", description="小镇全称")
    city: ShortText = Field(title="所在地级以上市", description="如“广州市”，须与文件夹所在城市一致")
    district: ShortText = Field(title="所在县（市、区）", description="如“天河区”")
    address: ShortText = Field(title="小镇地址", description="小镇详细地址")
    basic_situation: BasicSituation = Field(title="基本情况")
    work_mechanism: WorkMechanism = Field(title="工作机制")
    spatial_layout: SpatialLayout = Field(title="空间布局")
    industrial_base: IndustrialBase = Field(title="产业基础")
    application_projects: list[ApplicationProject] = Field(
        title="应用项目", description="已经实施或正在实施的示范项目", json_schema_extra=items("个", "项目")
    )
    rd_innovation: RdInnovation = Field(title="研发创新")
    policy_support: PolicySupport = Field(title="政策配套")
    infrastructure: Infrastructure = Field(title="基础设施与基础服务")
    creation_plan: CreationPlan = Field(title="创建工作方案要点")
    applicant: Applicant = Field(title="申报单位")
    recommender: Recommender = Field(title="推荐单位")
    filing_date: Date = Field(title="填报日期", description="格式 YYYY-MM-DD，如 2018-08-20")
    contact: Contact = Field(title="填表联系人", description="仅供审核联系使用，不公开")
    attachments: list[Attachment] = Field(
        title="申报材料附件",
        description="申报材料清单中的附件，逐一列出",
        json_schema_extra=items("份", "附件"),
    )


class IndustryDeclaration(_Declaration):
    """XXX省互联网+小镇（产业型）申报表。"""

    model_config = ConfigDict(title="互联网+小镇（产业型）申报表")

    type: Literal[TownType.INDUSTRY] = Field(
        title="小镇类型", description=TownType.listing([TownType.INDUSTRY])
    )
    summary_counts: IndustrySummaryCounts = Field(
        default_factory=IndustrySummaryCounts,
        title="申报表汇总数",
        description="申报表要求填写的数量，须与名单一致",
    )


class ApplicationDeclaration(_Declaration):
    """XXX省互联网+小镇（应用型）申报表。"""

    model_config = ConfigDict(title="互联网+小镇（应用型）申报表")

    type: Literal[TownType.APPLICATION] = Field(
        title="小镇类型", description=TownType.listing([TownType.APPLICATION])
    )
    industrial_base: ApplicationIndustrialBase = Field(title="产业基础")
    summary_counts: ApplicationSummaryCounts = Field(
        default_factory=ApplicationSummaryCounts,
        title="申报表汇总数",
        description="申报表要求填写的数量，须与名单一致",
    )


Declaration = IndustryDeclaration | ApplicationDeclaration
AnyDeclaration = Annotated[Declaration, Field(discriminator="type")]

MODELS: dict[str, type[IndustryDeclaration] | type[ApplicationDeclaration]] = {
    TownType.INDUSTRY: IndustryDeclaration,
    TownType.APPLICATION: ApplicationDeclaration,
}
