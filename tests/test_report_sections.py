"""An application report that holds only the template's headings and guidance is a finding per section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from registry_builder import REPO, make_registry
from towns.check import run_check
from towns.outline import empty_sections, guidance, normalise
from towns.program import load_program_file
from towns.registry import discover_towns, load_town
from towns.scaffold import scaffold

TODAY = dt.date(2018, 7, 15)
REL = "submissions/guangzhou/new-town/report.md"


def _leaves(outline: list[str]) -> list[str]:
    """The sections that hold text: all but 一、/二、/三、 headings followed by （一）… subsections."""
    return [
        title
        for index, title in enumerate(outline)
        if title.startswith("（") or index + 1 == len(outline) or not outline[index + 1].startswith("（")
    ]


@pytest.mark.parametrize("kind", ["industry", "application"])
def test_an_untouched_template_is_a_finding_at_every_section(tmp_path: Path, kind: str) -> None:
    root = make_registry(tmp_path / "repo", with_base_town=False)
    program = load_program_file(root / "program.yaml")
    folder = scaffold(root, program, city_slug="guangzhou", town_id="new-town", kind=kind, today=TODAY)
    text = (folder / "report.md").read_text(encoding="utf-8")
    outline = program.report_outline[kind]
    found = empty_sections(text, REL, outline, guidance(kind))
    assert [f.message for f in found] == [
        f"申请报告“{title}”一节没有内容：只有标题和提纲的说明文字，或为空" for title in _leaves(outline)
    ]
    lines = text.splitlines()
    for f, title in zip(found, _leaves(outline), strict=True):
        assert normalise(lines[f.line - 1].lstrip("#")) == normalise(title)  # at the heading's line
    # The whole pipeline reports them although the form itself is still a template (one run).
    result = run_check(root, today=TODAY)
    assert sum(1 for f in result.findings if f.code == "E-RPT-004" and f.file == REL) == len(found)


def test_written_sections_pass_and_an_empty_one_does_not() -> None:
    outline = ["一、小镇基本情况", "二、发展情况"]
    text = "# 报告\n\n## 一、小镇基本情况\n\n位于天河区。\n\n## 二、发展情况\n\n<!-- 待写 -->\n\n"
    found = empty_sections(text, "r.md", outline, frozenset())
    assert [(f.code, f.line) for f in found] == [("E-RPT-004", 7)]


def test_a_fenced_block_is_content() -> None:
    text = "## 一、小镇基本情况\n\n```\n## 不是标题\n```\n"
    assert empty_sections(text, "r.md", ["一、小镇基本情况"], frozenset()) == []


def test_the_demonstration_reports_are_written() -> None:
    program = load_program_file(REPO / "program.yaml")
    for town in discover_towns(REPO):
        load_town(REPO, town, program)
        assert town.declaration is not None
        text = (REPO / town.folder / "report.md").read_text(encoding="utf-8")
        kind = town.declaration.type
        assert empty_sections(text, town.folder, program.report_outline[kind], guidance(kind)) == []
