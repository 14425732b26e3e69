"""The reviewers' guide shows real output: each `towns record` example is what the command writes.

docs/guide/review.md walks through every command on the demonstration data; this test runs them
again (in a copy, as the guide describes) and compares the files with the guide's YAML blocks, so
the guide cannot drift from the tool. A block that ends with a “……” line is the file's beginning.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_record_commands import CASES, copy_demo
from towns.cli import main

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "guide" / "review.md"
SECTIONS = {
    "recommend": "### 1. 地市推荐",
    "batch": "### 2. 省里分批审核",
    "evaluation": "### 3. 年度考核",
    "acceptance": "### 4. 地市申请验收",
    "naming": "### 5. 省里验收命名",
}
GUIDE_CASES = {
    **CASES,
    "evaluation": (["record", "evaluation", "2026"], "2027-03-15", "decisions/evaluations/2026.yaml"),
}


def _yaml_block(section: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(SECTIONS[section])
    match = re.search(r"```yaml\n(.*?)```", text[start:], flags=re.S)
    assert match is not None, section
    return match.group(1)


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_the_guide_shows_what_the_command_writes(section: str, tmp_path: Path) -> None:
    argv, day, rel = GUIDE_CASES[section]
    root = copy_demo(tmp_path / "repo")
    (root / rel).unlink(missing_ok=True)
    assert main([*argv, "--root", str(root), "--today", day]) == 0
    written = (root / rel).read_text(encoding="utf-8")
    shown = _yaml_block(section)
    lines = shown.rstrip("\n").split("\n")
    if lines[-1].lstrip().startswith("……"):
        assert written.startswith("\n".join(lines[:-1]) + "\n")
    else:
        assert written == shown
