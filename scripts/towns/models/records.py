"""Records kept by the authorities after a declaration (seed §4.1, §4.4–4.6).

City departments file recommendations, annual reports and acceptance applications under
``records/<city>/``; the province files batch reviews, evaluation results and namings under
``decisions/``. Where each file lives is described in `towns.layout`; what it means for a town's
state is decided in `towns.lifecycle`. A record only states what an authority decided: it never
carries a town's state, which is always derived.

Once a record is on the base branch it is published and its content never changes again: an error
is corrected, an omission supplemented, by a dated and numbered entry appended to its `corrections`
(`towns.published` holds pull requests to that; `towns.lifecycle.corrections` applies them). A
record entered long after its own date says so in `late_filing` (补录): when, and why.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from towns.models.common import (
    FILLABLE,
    TOWN_ID_PATTERN,
    Code,
    Count,
    Date,
    Model,
    ShortText,
    Text,
    Wan,
    Year,
)
from towns.models.labels import items, optional_list, required_list
from towns.models.values import BatchList, Conclusion, CorrectionKind, either

RECORD_SCHEMA_VERSION = 1

TownId = Annotated[
    Code,
    Field(
        pattern=TOWN_ID_PATTERN,
        max_length=60,
        title="小镇编号",
        description="小镇编号，与 submissions 下的文件夹名相同",
    ),
]


def same_as(model: type[BaseModel], name: str) -> Any:
    """An optional field titled and described as ``model``'s ``name``: what a correction may change."""
    info = model.model_fields[name]
    return Field(default=None, title=info.title, description=info.description)


class LateFiling(Model):
    """补录：记录在其日期之后很久才登记到本库时，写明登记日期和理由。"""

    recorded_on: Date = Field(
        title="补录日期", description="记录登记到本库的日期（提交拉取请求的日期），格式 YYYY-MM-DD"
    )
    reason: Text = Field(title="补录理由", description="未能在记录日期之后及时登记的原因")


def late_filing_field() -> Any:
    return Field(
        default=None,
        title="补录",
        description="记录日期早于登记日期超过 program.yaml 中 late_filing 规定的天数时必填：补录日期和理由",
    )


def changes_field() -> Any:
    """The field of a city record's correction that holds the corrected values."""
    return Field(title="更正的内容", description="只写需要更正的项目及其正确的值")


def corrections_field() -> Any:
    return optional_list(
        "更正和补充",
        "已公布记录的更正和补充，按时间顺序追加在末尾；原有内容和此前的更正都不能修改",
        "条",
        "更正或补充",
    )


JudgementId = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=60,
        title="审核事项",
        description="需要人工判断的申报条件编号（program.yaml 规则集中各条件的 judgements），"
        "如 transport_services",
    ),
]


class _Record(Model):
    # The field that dates the record: whether it is filed late is judged on it.
    DATE_FIELD: ClassVar[str] = "date"

    schema_version: Literal[1] = Field(title="格式版本", description="记录格式版本，目前为 1")


class Correction(Model):
    """一条更正或补充：有自己的日期、文号和理由，追加在原记录之后，原记录的内容不变。"""

    kind: CorrectionKind = Field(title="种类", description=CorrectionKind.listing())
    date: Date = Field(title="更正日期", description="更正或补充文件的日期，格式 YYYY-MM-DD")
    document_number: ShortText = Field(title="文号", description="更正或补充文件的文号")
    reason: Text = Field(title="理由", description="更正或补充的理由")
    late_filing: LateFiling | None = late_filing_field()


class JudgementConclusion(Model):
    """审核人员对一项需要人工判断的申报条件的结论（符合或不符合）和理由。"""

    judgement: JudgementId
    conclusion: Conclusion = Field(
        title="审核结论", description=f"填写{either(Conclusion)}", json_schema_extra=FILLABLE
    )
    reason: Text = Field(title="理由", description="作出该结论的简要理由")


class Recommendation(_Record):
    """地级以上市经济和信息化主管部门审核后推荐报送（方案 4.1）。"""

    model_config = ConfigDict(title="审核推荐意见")

    town: TownId
    batch: Year = Field(title="推荐批次", description="推荐参加的申报批次年度，须与所在文件夹的年度相同")
    department: ShortText = Field(title="推荐单位", description="地级以上市经济和信息化主管部门全称")
    date: Date = Field(title="推荐日期", description="推荐报送省经济和信息化委的日期，格式 YYYY-MM-DD")
    document_number: ShortText | None = Field(
        default=None, title="推荐文号", description="推荐函文号（选填）"
    )
    opinion: Text = Field(title="审核推荐意见", description="对申报材料真实性、完整性的审核意见和推荐理由")
    conclusions: list[JudgementConclusion] = optional_list(
        "审核意见",
        "对需要人工判断的申报条件（program.yaml 规则集中的 judgements）逐项给出的结论和理由",
        "项",
        "审核意见",
    )
    late_filing: LateFiling | None = late_filing_field()
    corrections: list[RecommendationCorrection] = corrections_field()


class RecommendationChanges(Model):
    """推荐意见中更正的内容：只写需要更正的项目。"""

    document_number: ShortText | None = same_as(Recommendation, "document_number")
    opinion: Text | None = same_as(Recommendation, "opinion")


class RecommendationCorrection(Correction):
    changes: RecommendationChanges = changes_field()


class BatchWaiver(Model):
    """省里在批次审核中对“可酌情增减”条件的豁免。"""

    town: TownId
    condition: ShortText = Field(
        title="豁免的条件", description="申报条件编号，如 spatial_layout（空间布局）"
    )
    reason: Text = Field(title="豁免理由", description="酌情增减的理由")


class TownReview(Model):
    """省里在批次审核中对一个小镇的审核意见：需要人工判断的申报条件逐项结论。"""

    town: TownId
    conclusions: list[JudgementConclusion] = required_list(
        "逐项结论", "对该小镇每一项需要人工判断的申报条件的结论和理由", "项", "结论"
    )


class BatchReview(_Record):
    """省经济和信息化委分批审核结果（方案 4.4）：创建名单、培育名单、未入选名单。"""

    model_config = ConfigDict(title="分批审核结果")

    year: Year = Field(title="批次年度", description="批次年度，须与文件名相同，如 2016.yaml 填 2016")
    date: Date = Field(title="公布日期", description="名单公布日期，格式 YYYY-MM-DD")
    document_number: ShortText = Field(
        title="文号", description="公布名单的文件文号，如“粤经信创新函〔2016〕88号”"
    )
    creation_list: list[TownId] = Field(
        default_factory=list,
        title=BatchList.CREATION.label,
        description="列入创建名单的小镇编号，逐一列出",
        json_schema_extra=items("个", "小镇"),
    )
    cultivation_list: list[TownId] = Field(
        default_factory=list,
        title=BatchList.CULTIVATION.label,
        description="列入培育名单的小镇编号，逐一列出",
        json_schema_extra=items("个", "小镇"),
    )
    not_selected: list[TownId] = Field(
        default_factory=list,
        title=BatchList.NOT_SELECTED.label,
        description="本批次经推荐但未列入任何名单的小镇编号",
        json_schema_extra=items("个", "小镇"),
    )
    waivers: list[BatchWaiver] = optional_list("条件豁免", "对可酌情增减的申报条件的豁免及理由", "项", "豁免")
    reviews: list[TownReview] = optional_list(
        "审核意见", "列入创建名单或培育名单的每个小镇对需要人工判断的申报条件的结论", "个", "小镇的审核意见"
    )
    late_filing: LateFiling | None = late_filing_field()
    corrections: list[BatchCorrection] = corrections_field()

    def lists(self) -> dict[BatchList, list[str]]:
        """The three lists as published (without corrections), by list."""
        return {name: list(getattr(self, name.value)) for name in BatchList}

    def settled(self) -> set[str]:
        """Every town the review decides on: on one of its lists, or added or moved by a correction."""
        towns = {town for listed in self.lists().values() for town in listed}
        for correction in self.corrections:
            towns |= {e.town for e in correction.added} | {e.town for e in correction.moved}
        return towns


_LIST_DESCRIPTION = BatchList.listing()


class ListAddition(Model):
    town: TownId
    to: BatchList = Field(title="列入的名单", description=_LIST_DESCRIPTION)


class ListMove(Model):
    town: TownId
    from_: BatchList = Field(alias="from", title="原名单", description=_LIST_DESCRIPTION)
    to: BatchList = Field(title="改列的名单", description=_LIST_DESCRIPTION)


class ListRemoval(Model):
    town: TownId
    from_: BatchList = Field(alias="from", title="原名单", description=_LIST_DESCRIPTION)


class BatchCorrection(Correction):
    """分批审核结果的更正或补充：补列、改列或删除小镇，补充豁免。"""

    added: list[ListAddition] = optional_list(
        "补列的小镇", "原名单中遗漏、现列入某一名单的小镇", "个", "小镇"
    )
    moved: list[ListMove] = optional_list(
        "改列的小镇", "由一个名单改列另一个名单的小镇（仅限更正）", "个", "小镇"
    )
    removed: list[ListRemoval] = optional_list("删除的小镇", "从名单中删除的小镇（仅限更正）", "个", "小镇")
    waivers: list[BatchWaiver] = optional_list(
        "补充的条件豁免", "对可酌情增减的申报条件的豁免及理由", "项", "豁免"
    )


class Indicators(Model):
    """年度发展情况的主要指标。"""

    investment_completed_wan: Wan = Field(
        title="完成投资（万元）", description="当年重点建设项目完成投资额，与申报表中的分年投资计划对照"
    )
    internet_output_wan: Wan = Field(title="互联网产业产值（万元）", description="当年小镇互联网产业总产值")
    internet_companies: Count = Field(
        title="互联网企业数量", description="年末小镇内互联网企业（应用型：从事或应用互联网的企业）数量"
    )
    backbone_companies: Count = Field(
        default=0, title="骨干企业数量", description="年产值 2 亿元以上（含）的互联网骨干企业数量"
    )
    leading_companies: Count = Field(
        default=0, title="龙头企业数量", description="年产值超过 10 亿元（不含）的龙头企业数量"
    )
    new_innovative_smes: Count = Field(
        title="新培育创新型中小企业", description="当年新孵化培育的创新型互联网（应用）中小企业数量"
    )
    rd_institutions: Count = Field(
        title="研发机构数量", description="年末建有研发机构（应用型：互联网研发或 IT 部门）的企业数量"
    )
    platforms: Count = Field(title="创业创新服务平台数量", description="众创空间、孵化器等平台数量")
    demonstration_projects: Count = Field(title="示范项目数量", description="已实施的示范应用项目数量")
    integrated_traditional_companies: Count = Field(
        default=0,
        title="跨界融合的传统企业数量",
        description="与互联网企业实现跨界融合的传统企业数量（应用型必填）",
    )


class IndicatorChanges(Model):
    """年度指标中更正的项目：只写需要更正的指标。"""

    investment_completed_wan: Wan | None = same_as(Indicators, "investment_completed_wan")
    internet_output_wan: Wan | None = same_as(Indicators, "internet_output_wan")
    internet_companies: Count | None = same_as(Indicators, "internet_companies")
    backbone_companies: Count | None = same_as(Indicators, "backbone_companies")
    leading_companies: Count | None = same_as(Indicators, "leading_companies")
    new_innovative_smes: Count | None = same_as(Indicators, "new_innovative_smes")
    rd_institutions: Count | None = same_as(Indicators, "rd_institutions")
    platforms: Count | None = same_as(Indicators, "platforms")
    demonstration_projects: Count | None = same_as(Indicators, "demonstration_projects")
    integrated_traditional_companies: Count | None = same_as(Indicators, "integrated_traditional_companies")


class AnnualReport(_Record):
    """所在地级以上市经济和信息化主管部门报送的小镇上一年发展情况（方案 4.5）。"""

    model_config = ConfigDict(title="年度发展情况报告")
    DATE_FIELD: ClassVar[str] = "filed_on"

    town: TownId
    year: Year = Field(title="报告年度", description="所报告的年度（上一年），须与所在文件夹相同")
    department: ShortText = Field(title="报送单位", description="地级以上市经济和信息化主管部门全称")
    filed_on: Date = Field(
        title="报送日期", description="报送省经济和信息化委的日期，应在次年 1 月 10 日前（含当日）"
    )
    indicators: Indicators = Field(title="主要指标")
    summary: Text = Field(title="发展情况概述", description="当年建设进展、存在问题和下一年计划")
    late_filing: LateFiling | None = late_filing_field()
    corrections: list[AnnualReportCorrection] = corrections_field()


class AnnualReportChanges(Model):
    """年度发展情况报告中更正的内容：只写需要更正的项目。"""

    indicators: IndicatorChanges | None = same_as(AnnualReport, "indicators")
    summary: Text | None = same_as(AnnualReport, "summary")


class AnnualReportCorrection(Correction):
    changes: AnnualReportChanges = changes_field()


class GradeResult(Model):
    town: TownId
    grade: ShortText = Field(
        title="考核等次",
        description="program.yaml 中 evaluation 定义的等次名称，如“优秀”",
        json_schema_extra=FILLABLE,
    )
    remark: ShortText | None = Field(default=None, title="说明", description="考核意见（选填）")


class Evaluation(_Record):
    """省经济和信息化委年度考核结果（方案 4.5）。"""

    model_config = ConfigDict(title="年度考核结果")

    year: Year = Field(title="考核年度", description="被考核的年度，须与文件名相同")
    date: Date = Field(title="公布日期", description="考核结果公布日期，须在考核年度结束之后")
    document_number: ShortText = Field(title="文号", description="公布考核结果的文件文号")
    results: list[GradeResult] = required_list(
        "考核结果", "每个小镇一条，等次取自 program.yaml", "条", "考核结果"
    )
    late_filing: LateFiling | None = late_filing_field()
    corrections: list[EvaluationCorrection] = corrections_field()


class EvaluationCorrection(Correction):
    """年度考核结果的更正或补充：改正等次、补充遗漏的小镇、撤销误列的小镇。"""

    changed: list[GradeResult] = optional_list(
        "更正的等次", "原考核结果中的小镇及其正确的等次（仅限更正）", "条", "考核结果"
    )
    added: list[GradeResult] = optional_list(
        "补充的考核结果", "原考核结果中遗漏的小镇及其等次", "条", "考核结果"
    )
    removed: list[TownId] = optional_list(
        "撤销的考核结果", "误列入考核结果的小镇编号（仅限更正）", "个", "小镇"
    )


class AcceptanceApplication(_Record):
    """所在地级以上市经济和信息化部门提出的验收书面申请（方案 4.6）。"""

    model_config = ConfigDict(title="验收申请")

    town: TownId
    department: ShortText = Field(title="申请单位", description="地级以上市经济和信息化主管部门全称")
    date: Date = Field(title="申请日期", description="书面申请报送日期，格式 YYYY-MM-DD")
    document_number: ShortText | None = Field(
        default=None, title="申请文号", description="申请函文号（选填）"
    )
    summary: Text = Field(title="创建目标完成情况", description="小镇达到创建目标的情况说明")
    late_filing: LateFiling | None = late_filing_field()
    corrections: list[AcceptanceApplicationCorrection] = corrections_field()


class AcceptanceApplicationChanges(Model):
    """验收申请中更正的内容：只写需要更正的项目。"""

    document_number: ShortText | None = same_as(AcceptanceApplication, "document_number")
    summary: Text | None = same_as(AcceptanceApplication, "summary")


class AcceptanceApplicationCorrection(Correction):
    changes: AcceptanceApplicationChanges = changes_field()


class FailedAcceptance(Model):
    """验收不合格的小镇及主要原因。"""

    town: TownId
    reason: Text = Field(title="不合格原因", description="验收不合格的主要原因（未达到的创建目标等）")


class Naming(_Record):
    """省经济和信息化委组织验收：合格的正式命名为“XXX省互联网+示范小镇”，不合格的写明原因（方案 4.6）。"""

    model_config = ConfigDict(title="验收命名")

    date: Date = Field(title="命名日期", description="验收结果（命名文件）的日期，格式 YYYY-MM-DD")
    document_number: ShortText = Field(title="文号", description="命名文件文号")
    towns: list[TownId] = optional_list("命名的小镇", "本次验收合格、正式命名的小镇编号", "个", "小镇")
    failed: list[FailedAcceptance] = optional_list(
        "验收不合格",
        "本次验收不合格的小镇及原因；之后能否再次申请由 program.yaml 的 acceptance 规定",
        "个",
        "小镇",
    )

    @model_validator(mode="after")
    def _decides_something(self) -> Naming:
        if not self.towns and not self.failed:
            raise ValueError("命名的小镇和验收不合格的小镇至少要填写一项")
        return self

    late_filing: LateFiling | None = late_filing_field()
    corrections: list[NamingCorrection] = corrections_field()


class NamingCorrection(Correction):
    """验收命名的更正或补充：补充遗漏的小镇、撤销误列的小镇。"""

    added: list[TownId] = optional_list("补充命名的小镇", "原命名文件中遗漏的小镇编号", "个", "小镇")
    removed: list[TownId] = optional_list(
        "撤销命名的小镇", "误列入命名文件的小镇编号（仅限更正）", "个", "小镇"
    )


RecordModel = Recommendation | BatchReview | AnnualReport | Evaluation | AcceptanceApplication | Naming
CorrectionModel = (
    RecommendationCorrection
    | BatchCorrection
    | AnnualReportCorrection
    | EvaluationCorrection
    | AcceptanceApplicationCorrection
    | NamingCorrection
)

# The corrections are declared after the records they belong to (their changes are titled from them).
for _model in (Recommendation, BatchReview, AnnualReport, Evaluation, AcceptanceApplication, Naming):
    _model.model_rebuild()
