"""Every setting in program.yaml says where it comes from, and the guides agree with the rules."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from lifecycle_builder import World
from towns.eligibility.docs import rules_page_markdown
from towns.eligibility.rules.applicant import Applicant
from towns.models.program import Program
from towns.models.source import unsourced
from towns.program import load_program_file

REPO = Path(__file__).resolve().parents[1]


def _data() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((REPO / "program.yaml").read_text(encoding="utf-8"))
    return data


def test_every_shipped_setting_has_a_source() -> None:
    assert unsourced(load_program_file(REPO / "program.yaml")) == []


def test_a_setting_without_a_source_is_found() -> None:
    data = copy.deepcopy(_data())
    del data["sources"]["reminder_start"]
    del data["evaluation"]["sources"]["acceptance_notice_days"]  # type: ignore[index]
    assert unsourced(Program.model_validate(data)) == [
        "reminder_start.month",
        "reminder_start.day",
        "evaluation.acceptance_notice_days",
    ]


@pytest.mark.parametrize(
    "path",
    [("batches", 0), ("rule_sets", "2018"), ("evaluation", "cultivation"), ("targets", "innovative_smes")],
)
def test_a_sourced_item_cannot_drop_its_source(path: tuple[str | int, ...]) -> None:
    data = copy.deepcopy(_data())
    node: object = data
    for key in path:
        node = node[key]  # type: ignore[index]
    del node["source"]
    with pytest.raises(ValidationError):
        Program.model_validate(data)


def test_a_source_names_a_clause_or_a_reason() -> None:
    data = copy.deepcopy(_data())
    data["sources"]["regions"] = {}  # type: ignore[index]
    with pytest.raises(ValidationError, match="来源须写明"):
        Program.model_validate(data)


def test_the_rules_page_shows_every_source() -> None:
    program = load_program_file(REPO / "program.yaml")
    page = rules_page_markdown(program)
    assert "## 政策参数的来源" in page
    assert "| 培育小镇 | 方案 5.3；本省设定：方案 4.4 只规定创建名单" in page
    assert "| 申请报告编写提纲 | 方案 附件2；本省设定：" in page
    assert "（未写明来源）" not in page


def test_the_submission_guide_names_who_may_apply_as_the_rules_do() -> None:
    """submit.md once said a 镇政府 may apply, which the 2018 rules reject (E-ELIG-081)."""
    program = load_program_file(REPO / "program.yaml")
    guide = (REPO / "docs" / "guide" / "submit.md").read_text(encoding="utf-8")
    for name, rule_set in program.rule_sets.items():
        years = "、".join(str(b.year) for b in program.batches if b.rules == name)
        required = Applicant().requirement(rule_set.applicant, None)
        assert f"{years} 年批次（{rule_set.title}）：{required}" in guide, name


def _world(tmp_path: Path, **process: bool) -> World:
    text = (REPO / "program.yaml").read_text(encoding="utf-8")
    for key, value in process.items():
        text = text.replace(f"  {key}: true\n", f"  {key}: {str(value).lower()}\n")
    w = World(tmp_path / "repo", program_text=text)
    w.town("a")
    w.recommend("a", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", creation=["a"])
    for year in (2016, 2017, 2018):
        w.report("a", year, f"{year + 1}-01-05")
    return w


@pytest.mark.parametrize(("required", "codes"), [(True, ["E-LIFE-008"]), (False, [])])
def test_naming_after_an_evaluation_is_a_setting(tmp_path: Path, required: bool, codes: list[str]) -> None:
    w = _world(tmp_path, naming_requires_evaluation=required)
    w.acceptance("a", "2018-03-01")
    w.naming("2018-first", "2018-06-01", ["a"])
    result = w.evaluate(dt.date(2019, 1, 31))
    assert [f.code for f in result.findings if f.code.startswith("E-")] == codes


@pytest.mark.parametrize(("cut_off", "codes"), [(True, ["E-LIFE-014"]), (False, [])])
def test_the_acceptance_cut_off_is_a_setting(tmp_path: Path, cut_off: bool, codes: list[str]) -> None:
    w = _world(tmp_path, acceptance_within_creation_period=cut_off)
    w.acceptance("a", "2019-08-01")  # after the period ended 2019-06-24
    result = w.evaluate(dt.date(2019, 9, 1))
    assert [f.code for f in result.findings if f.code.startswith("E-")] == codes
