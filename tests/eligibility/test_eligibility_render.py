"""The Chinese conditions table (golden files), terminal lines, the rules page and `towns rules`."""

from __future__ import annotations

from pathlib import Path

import pytest
from elig_builder import PRD_CITY, REPO, application_base, industry_base, judge, shipped_program

from golden_files import assert_golden
from towns.cli import main
from towns.eligibility import ConditionVerdict, Eligibility, Waiver
from towns.eligibility.docs import rules_page_markdown
from towns.eligibility.render import eligibility_markdown, eligibility_text, escape_cell
from towns.eligibility.rules import RULES

GOLDEN = REPO / "tests" / "golden" / "eligibility"


def _waiver() -> Waiver:
    return Waiver(
        "kejia", "spatial_layout", "粤经信函〔2016〕88 号", "依托现有园区", "decisions/2016.yaml", 3
    )


def test_markdown_golden_eligible_with_warning(tmp_path: Path) -> None:
    result, _, _ = judge(tmp_path, application_base(), city=PRD_CITY)
    assert_golden(GOLDEN / "application-prd-warning.md", eligibility_markdown(result))


def test_markdown_golden_waived(tmp_path: Path) -> None:
    result, _, _ = judge(tmp_path, application_base(), city=PRD_CITY, waivers=[_waiver()])
    markdown = eligibility_markdown(result)
    assert "🟦 已豁免（粤经信函〔2016〕88 号）" in markdown
    assert_golden(GOLDEN / "application-prd-waived.md", markdown)


def test_markdown_golden_failing(tmp_path: Path) -> None:
    data = industry_base()
    data["industrial_base"]["companies"] = data["industrial_base"]["companies"][:9]
    data["industrial_base"]["companies"][0]["annual_output_wan"] = 19999
    data["infrastructure"]["public_wlan_full_coverage"] = False
    data["summary_counts"] = {}
    result, _, _ = judge(tmp_path, data)
    markdown = eligibility_markdown(result)
    assert markdown.count("❌ 不符合") == 3  # industrial base, R&D cooperation, infrastructure
    assert "❌ **不符合申报条件**" in markdown
    assert_golden(GOLDEN / "industry-failing.md", markdown)


def test_markdown_from_the_json_form_is_identical(tmp_path: Path) -> None:
    result, _, _ = judge(tmp_path, industry_base())
    assert eligibility_markdown(result) == eligibility_markdown(result.as_dict())


def test_hostile_values_are_escaped() -> None:
    verdict = ConditionVerdict(
        id="x",
        clause="4.2(1)",
        title="工作机制",
        status="fail",
        required="a | b",
        actual="<script>alert(1)</script> @someone\n| 伪造 | 行 |",
        file="f",
        line=1,
        column=1,
    )
    markdown = eligibility_markdown(Eligibility(rule_set="2016", conditions=(verdict,)))
    row = markdown.splitlines()[2]
    assert row.count(" | ") == 4, "values must not add table cells"
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "@someone" not in markdown
    assert escape_cell("a|b") == "a\\|b"


def test_text_lines(tmp_path: Path) -> None:
    result, _, _ = judge(tmp_path, application_base(), city=PRD_CITY, waivers=[_waiver()])
    lines = eligibility_text(result)
    assert lines[0] == "申报条件（2016）：符合申报条件"
    assert "  🟦 已豁免（粤经信函〔2016〕88 号）  4.3(2) 空间布局" in lines
    assert any(line.startswith("      要求：") and "不少于 300 亩" in line for line in lines)
    assert len(lines) == 1 + 3 * len(result.conditions)


def test_rules_page_covers_every_condition_region_and_rule_set() -> None:
    program = shipped_program()
    page = rules_page_markdown(program)
    for town_type, rules in RULES.items():
        params = [rule.select(program.rule_sets["2016"], town_type) for rule in rules]
        for p in params:
            assert f"### {p.title}（方案 {p.clause}）" in page
    assert (
        "| 2016 | 珠三角 | 有明确的产业区域边界或在现有产业园区内划定特别功能区；规划建设面积不少于 300 亩"
        in page
    )
    assert (
        "| 2018 | 粤东西北 | 有明确的产业区域边界或在现有产业园区内划定特别功能区；规划建设面积不少于 200 亩"
        in page
    )
    assert "| 2018 | 全省 | 申报主体为县（区）级人民政府 |" in page
    assert "| 2016 | 2016 年创建工作方案 | 2016、2017 |" in page
    assert "核心区恰好 150 亩：符合（“不少于”含本数）。" in page
    assert "10000 家中 2999 家" in page
    assert page.count("示例（2018 规则集）") == 16


def test_rules_page_golden() -> None:
    assert_golden(GOLDEN / "rules-page.md", rules_page_markdown(shipped_program()))


def test_cli_rules_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "site" / "rules.md"
    assert main(["rules", "--root", str(REPO), "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == rules_page_markdown(shipped_program())
    assert main(["rules", "--root", str(REPO)]) == 0
    assert capsys.readouterr().out.count("# 互联网+小镇创建工作申报条件") == 1


def test_cli_rules_reports_a_broken_program(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--root", str(tmp_path)]) == 1
    assert "E-PROGRAM-001" in capsys.readouterr().err
