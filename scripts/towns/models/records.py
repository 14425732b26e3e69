"""Records kept by the authorities after a declaration (seed §4.1, §4.4–4.6).

City departments file recommendations, annual reports and acceptance applications under
``records/<city>/``; the province files batch reviews, evaluation results and namings under
``decisions/``. Where each file lives is described in `towns.layout`; what it means for a town's
state is decided in `towns.lifecycle`. A record only states what an authority decided: it never
carries a town's state, which is always derived.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from towns.models.common import TOWN_ID_PATTERN, Code, Count, Date, Model, ShortText, Text, Wan, Year
from towns.models.labels import items

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


class _Record(Model):
    schema_version: Literal[1] = Field(title="格式版本", description="记录格式版本，目前为 1")


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


class BatchWaiver(Model):
    """省里在批次审核中对“可酌情增减”条件的豁免。"""

    town: TownId
    condition: ShortText = Field(
        title="豁免的条件", description="申报条件编号，如 spatial_layout（空间布局）"
    )
    reason: Text = Field(title="豁免理由", description="酌情增减的理由")


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
        title="创建名单",
        description="列入创建名单的小镇编号，逐一列出",
        json_schema_extra=items("个", "小镇"),
    )
    cultivation_list: list[TownId] = Field(
        default_factory=list,
        title="培育名单",
        description="列入培育名单的小镇编号，逐一列出",
        json_schema_extra=items("个", "小镇"),
    )
    not_selected: list[TownId] = Field(
        default_factory=list,
        title="未入选",
        description="本批次经推荐但未列入任何名单的小镇编号",
        json_schema_extra=items("个", "小镇"),
    )
    waivers: list[BatchWaiver] = Field(
        default_factory=list,
        title="条件豁免",
        description="对可酌情增减的申报条件的豁免及理由",
        json_schema_extra=items("项", "豁免"),
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


class AnnualReport(_Record):
    """所在地级以上市经济和信息化主管部门报送的小镇上一年发展情况（方案 4.5）。"""

    model_config = ConfigDict(title="年度发展情况报告")

    town: TownId
    year: Year = Field(title="报告年度", description="所报告的年度（上一年），须与所在文件夹相同")
    department: ShortText = Field(title="报送单位", description="地级以上市经济和信息化主管部门全称")
    filed_on: Date = Field(
        title="报送日期", description="报送省经济和信息化委的日期，应在次年 1 月 10 日前（含当日）"
    )
    indicators: Indicators = Field(title="主要指标")
    summary: Text = Field(title="发展情况概述", description="当年建设进展、存在问题和下一年计划")


class GradeResult(Model):
    town: TownId
    grade: ShortText = Field(
        title="考核等次", description="program.yaml 中 evaluation 定义的等次名称，如“优秀”"
    )
    remark: ShortText | None = Field(default=None, title="说明", description="考核意见（选填）")


class Evaluation(_Record):
    """省经济和信息化委年度考核结果（方案 4.5）。"""

    model_config = ConfigDict(title="年度考核结果")

    year: Year = Field(title="考核年度", description="被考核的年度，须与文件名相同")
    date: Date = Field(title="公布日期", description="考核结果公布日期，须在考核年度结束之后")
    document_number: ShortText = Field(title="文号", description="公布考核结果的文件文号")
    results: list[GradeResult] = Field(
        min_length=1,
        title="考核结果",
        description="每个小镇一条，等次取自 program.yaml",
        json_schema_extra=items("条", "考核结果"),
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


class Naming(_Record):
    """省经济和信息化委验收合格后正式命名为“XXX省互联网+示范小镇”（方案 4.6）。"""

    model_config = ConfigDict(title="验收命名")

    date: Date = Field(title="命名日期", description="命名文件的日期，格式 YYYY-MM-DD")
    document_number: ShortText = Field(title="文号", description="命名文件文号")
    towns: list[TownId] = Field(
        min_length=1,
        title="命名的小镇",
        description="本次验收合格、正式命名的小镇编号",
        json_schema_extra=items("个", "小镇"),
    )


RecordModel = Recommendation | BatchReview | AnnualReport | Evaluation | AcceptanceApplication | Naming
