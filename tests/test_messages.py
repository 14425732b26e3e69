"""Messages a civil servant can act on: fields by Chinese title, list items by ordinal, values as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from message_language import assert_readable, unreadable
from towns.catalog import CatalogError, _with_field_names, finding
from towns.check import run_check
from towns.loading import parse_yaml
from towns.models.declaration import ApplicationDeclaration, IndustryDeclaration
from towns.models.labels import field_label
from towns.models.records import BatchReview, Evaluation
from towns.validation import validate_model

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("model", "loc", "label"),
    [
        (
            IndustryDeclaration,
            ("industrial_base", "companies", 1, "annual_output_wan"),
            "产业基础 › 企业名单 › 第 2 家企业 › 年产值（万元）",
        ),
        (
            IndustryDeclaration,
            ("industrial_base", "companies", 0, "cooperations", 2, "partner"),
            "产业基础 › 企业名单 › 第 1 家企业 › 研发合作 › 第 3 项合作 › 合作单位",
        ),
        (
            ApplicationDeclaration,
            ("creation_plan", "key_projects", 0, "yearly_plan", 1, "year"),
            "创建工作方案要点 › 重点建设项目 › 第 1 个项目 › 分年投资计划 › 第 2 个年度 › 年度",
        ),
        (IndustryDeclaration, ("attachments", 3), "申报材料附件 › 第 4 份附件"),
        (IndustryDeclaration, ("infrastructure", "budget"), "基础设施与基础服务 › budget"),
        (BatchReview, ("creation_list", 0), "创建名单 › 第 1 个小镇"),
        (Evaluation, ("results", 4, "grade"), "考核结果 › 第 5 条考核结果 › 考核等次"),
    ],
)
def test_a_field_is_named_by_its_titles_and_list_items_by_ordinal(
    model: type[IndustryDeclaration], loc: tuple[str | int, ...], label: str
) -> None:
    assert field_label(model, loc) == label


def _findings(
    yaml_text: str, model: type[IndustryDeclaration] = IndustryDeclaration
) -> list[tuple[str, str]]:
    document = parse_yaml(yaml_text, "x.yaml").document
    assert document is not None
    _, found = validate_model(model, document)
    return [(f.field or "", f.message) for f in found]


def test_the_report_keeps_the_dotted_path_while_the_message_names_the_titles() -> None:
    text = "creation_plan:\n  key_projects:\n    - {name: 甲}\n    - {name: 乙, investment_wan: null}\n"
    found = dict(_findings(text))
    assert found["creation_plan.key_projects[1].investment_wan"] == (
        "“创建工作方案要点 › 重点建设项目 › 第 2 个项目 › 总投资额（万元）”应填写数字，实际填写的是“空”"
    )


INFRA = "基础设施与基础服务 › "


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("fibre_mbps: yes", "“基础设施与基础服务 › 光纤接入带宽（Mbps）”应填写整数，实际填写的是“yes”"),
        ("fibre_mbps: [1]", "“基础设施与基础服务 › 光纤接入带宽（Mbps）”应填写整数，实际填写的是“一个列表”"),
        (
            "fibre_full_coverage: 1",
            "“基础设施与基础服务 › 是否实现光纤全覆盖”应填写“true”或“false”，实际填写的是“1”",
        ),
        (
            'fibre_mbps: "100"',
            "“基础设施与基础服务 › 光纤接入带宽（Mbps）”应填写整数，实际填写的是加了引号的文字“100”",
        ),
        (
            "fibre_mbps: １００",
            "“基础设施与基础服务 › 光纤接入带宽（Mbps）”中有全角字符（１、０），此处只能使用半角字符",
        ),
    ],
)
def test_values_are_shown_as_written(line: str, message: str) -> None:
    found = dict(_findings(f"infrastructure:\n  {line}\n"))
    assert message in found.values(), found


def test_literal_choices_are_listed_without_python_quotes() -> None:
    found = dict(_findings("work_mechanism:\n  operations_team: 已建立\n"))
    assert found["work_mechanism.operations_team"] == (
        "“工作机制 › 小镇运营专门服务团队”只能填写以下之一：established、forming、none；实际为“已建立”"
    )


def test_every_schema_message_of_a_whole_bad_document_is_readable() -> None:
    text = (
        "schema_version: 1\nbatch: true\nfiling_date: 0\napplication_projects: [{}, {name: x, budget: 1}]\n"
    )
    found = _findings(text)
    assert len(found) > 10
    assert [(field, m) for field, m in found if unreadable(m)] == []


def test_template_parameters_render_as_written() -> None:
    f = finding("E-SCHEMA-013", file="x.yaml", field="schema_version", given=None, supported=1)
    assert f.message == "格式版本（schema_version）为“空”，本工具支持的版本为 1"
    f = finding("E-SCHEMA-013", file="x.yaml", field="schema_version", given=True, supported=1)
    assert "“true”" in f.message


def test_catalog_texts_name_declaration_fields_by_their_titles() -> None:
    assert (
        _with_field_names("x.yaml", "请在“{@rd_innovation.platforms}”中列出")
        == "请在“研发创新 › 创业创新服务平台”中列出"
    )
    with pytest.raises(CatalogError, match="names no declaration field"):
        _with_field_names("x.yaml", "{@rd_innovation.platfroms}")


def test_the_demonstration_data_passes_and_every_finding_reads_as_prose() -> None:
    result = run_check(REPO, today=dt.date(2026, 11, 30))
    assert [f for f in result.findings if f.blocking] == []
    assert_readable(result.findings)
