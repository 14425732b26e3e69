"""One run, every finding: a format error in the form hides none of the other checks.

A real registry in a temporary folder, checked through `run_check` as on a pull request: the
declaration breaks the schema in one field, and the same submission also lacks an attachment, has
a report without its outline, a USCC with a wrong check character and a name another town uses.
Every one of those is reported in the same run, and every report format says why the conditions
were not evaluated.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from registry_builder import BASE_CITY, BASE_ID, add_town, make_registry
from towns.check import CheckResult, run_check
from towns.report import render_github, render_json, render_markdown, render_text
from towns.summaries import NOT_EVALUATED_FORMAT

TODAY = dt.date(2018, 9, 1)
FOLDER = f"submissions/{BASE_CITY}/{BASE_ID}"
DECLARATION = f"{FOLDER}/declaration.yaml"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> CheckResult:
    root = make_registry(tmp_path / "repo")
    folder = root / FOLDER
    _replace(folder / "declaration.yaml", "  fibre_mbps: 1000", "  fibre_mbps: 很快")  # the format error
    _replace(folder / "declaration.yaml", "  uscc: 11440106MB2C00013X", "  uscc: 11440106MB2C00013Y")
    (folder / "attachments" / "local-policy.pdf").unlink()
    (folder / "report.md").write_text("# 申请报告\n\n## 一、小镇基本情况\n\n位于天河区。\n", encoding="utf-8")
    add_town(root, "shenzhen", "twin")  # same name as the broken town
    _replace(root / "submissions/shenzhen/twin/declaration.yaml", f"id: {BASE_ID}", "id: twin")
    _replace(root / "submissions/shenzhen/twin/declaration.yaml", "city: 广州市", "city: 深圳市")
    return run_check(root, today=TODAY)


def _codes(result: CheckResult, file: str) -> set[str]:
    return {f.code for f in result.findings if f.file == file}


def test_every_stage_runs_beside_a_format_error(broken: CheckResult) -> None:
    declared = _codes(broken, DECLARATION)
    assert "E-SCHEMA-003" in declared or any(c.startswith("E-SCHEMA") for c in declared)
    assert "E-ATT-001" in declared  # the deleted attachment, from the raw list of attachments
    assert "E-ID-002" in declared  # the applicant's USCC, read as written
    assert "E-TOWN-011" in declared  # the name the other town also uses
    assert "E-RPT-002" in _codes(broken, f"{FOLDER}/report.md")  # the outline needs only the type
    twin = _codes(broken, "submissions/shenzhen/twin/declaration.yaml")
    assert "E-TOWN-011" in twin


def test_the_reports_say_why_the_conditions_were_not_evaluated(broken: CheckResult) -> None:
    town = next(t for t in broken.towns if t.folder == FOLDER)
    assert town.eligibility is None
    assert town.not_evaluated == NOT_EVALUATED_FORMAT == "未评估：申报表有格式错误，修改后将评估申报条件"
    assert NOT_EVALUATED_FORMAT in render_text(broken)
    assert NOT_EVALUATED_FORMAT in render_markdown(broken)
    assert f"::notice file={DECLARATION},title={BASE_ID}::{NOT_EVALUATED_FORMAT}" in render_github(broken)
    entry = next(t for t in json.loads(render_json(broken))["towns"] if t["folder"] == FOLDER)
    assert entry["eligibility"] is None and entry["not_evaluated"] == NOT_EVALUATED_FORMAT


def test_an_unknown_batch_is_the_reason_given(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "repo")
    _replace(root / DECLARATION, "batch: 2018", "batch: 2015")
    result = run_check(root, today=TODAY)
    town = result.towns[0]
    assert town.not_evaluated == "未评估：申报批次 2015 不存在，改正申报批次后将评估申报条件"
    assert town.not_evaluated in render_text(result)


def test_an_evaluated_town_has_no_reason(tmp_path: Path) -> None:
    result = run_check(make_registry(tmp_path / "repo"), today=TODAY)
    assert result.towns[0].not_evaluated is None
    assert json.loads(render_json(result))["towns"][0]["not_evaluated"] is None
