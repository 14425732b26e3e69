"""Golden files pin the exact text of the terminal and Markdown reports; JSON and GitHub formats."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from golden_files import assert_golden
from registry_builder import BASE_CITY, BASE_ID, add_town, make_registry
from towns.check import CheckResult, run_check
from towns.cli import main
from towns.report import RENDERERS
from towns.report.text import render_text

GOLDEN = Path(__file__).parent / "golden" / "reports"
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    """The base town, a town with hostile text and a small area, and one with typing mistakes."""
    root = make_registry(tmp_path_factory.mktemp("reports") / "repo")
    _variant(
        root,
        "shenzhen",
        "nanshan-hostile",
        [
            ("name: 云帆互联网小镇（虚构）", "name: 南山|<b>测试</b>小镇 @someone（虚构）"),
            ("  planned_area_mu: 420", "  planned_area_mu: 280"),
            ("    file: attachments/local-policy.pdf", "    file: attachments/policy.pdf"),
        ],
    )
    _variant(
        root,
        "foshan",
        "chancheng-typos",
        [
            ("name: 云帆互联网小镇（虚构）", "name: 禅城测试小镇（虚构）"),
            ("  planned_area_mu: 420", "  planned_area_mu: 420亩"),
            ("  fibre_full_coverage: true", "  fibre_full_coverage: yes"),
        ],
    )
    return run_check(root, today=TODAY)


def _variant(root: Path, city: str, town_id: str, edits: list[tuple[str, str]]) -> None:
    folder = add_town(root, city, town_id)
    text = (folder / "declaration.yaml").read_text(encoding="utf-8")
    city_names = {"shenzhen": "深圳市", "foshan": "佛山市"}
    text = text.replace("id: tianhe-yunfan", f"id: {town_id}").replace(
        "city: 广州市", f"city: {city_names[city]}"
    )
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    (folder / "declaration.yaml").write_text(text, encoding="utf-8")


def test_text_report_golden(result: CheckResult) -> None:
    assert_golden(GOLDEN / "report.txt", render_text(result))


def test_markdown_report_golden(result: CheckResult) -> None:
    assert_golden(GOLDEN / "report.md", RENDERERS["markdown"](result))


def test_json_report_golden(result: CheckResult) -> None:
    assert_golden(
        GOLDEN / "report.json",
        json.dumps(json.loads(RENDERERS["json"](result)), ensure_ascii=False, indent=1) + "\n",
    )


def test_markdown_escapes_applicant_text(result: CheckResult) -> None:
    markdown = RENDERERS["markdown"](result)
    assert "<b>" not in markdown
    assert "@someone" not in markdown  # mentions are broken with a zero-width space
    assert "南山\\|" in markdown


def test_json_report_shape(result: CheckResult) -> None:
    report = json.loads(RENDERERS["json"](result))
    assert report["format_version"] == 1
    assert {t["id"] for t in report["towns"]} == {BASE_ID, "nanshan-hostile", "chancheng-typos"}
    keys = {"file", "line", "column", "code", "severity", "message", "field", "hint"}
    assert all(set(f) == keys for f in report["findings"])
    assert report["summary"]["errors"] == sum(1 for f in report["findings"] if f["severity"] == "error")


def test_github_annotations_cannot_inject_commands(result: CheckResult) -> None:
    lines = RENDERERS["github"](result).splitlines()
    assert lines and all(
        line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in lines
    )
    # The town whose form does not load gets one notice saying why it was not evaluated.
    notices = [line for line in lines if line.startswith("::notice")]
    assert notices == [
        "::notice file=submissions/foshan/chancheng-typos/declaration.yaml,title=chancheng-typos"
        "::未评估：申报表有格式错误，修改后将评估申报条件"
    ]
    assert any("file=submissions/foshan/chancheng-typos/declaration.yaml,line=" in line for line in lines)


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_registry(tmp_path / "repo")
    assert main(["check", "--root", str(root), "--today", "2026-11-30"]) == 0
    decl = root / "submissions" / BASE_CITY / BASE_ID / "declaration.yaml"
    decl.write_text(decl.read_text(encoding="utf-8").replace("batch: 2018", "batch: 2015"), encoding="utf-8")
    assert main(["check", "--root", str(root), "--today", "2026-11-30"]) == 1
    assert main(["check", "--root", str(root), "--format", "nonsense"]) == 2
    assert main(["check", "--root", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert "命令行参数有误" in err and "Traceback" not in err


def test_check_limited_to_a_path_reports_only_that_town(result: CheckResult, tmp_path: Path) -> None:
    root = make_registry(tmp_path / "repo")
    other = add_town(root, "shenzhen", "nanshan-broken")
    decl = other / "declaration.yaml"
    decl.write_text(
        decl.read_text(encoding="utf-8").replace("id: tianhe-yunfan", "id: nanshan-broken"), encoding="utf-8"
    )
    limited = run_check(root, paths=[f"submissions/{BASE_CITY}/{BASE_ID}/report.md"], today=TODAY)
    assert [t.id for t in limited.towns] == [BASE_ID]
    # The same town name in both folders is a cross-file finding, seen even in a partial check.
    assert "E-TOWN-011" in {f.code for f in limited.findings}
    assert all(f.file.startswith(f"submissions/{BASE_CITY}/{BASE_ID}/") for f in limited.findings)


def test_new_scaffolds_a_template_that_is_not_yet_acceptable(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "repo", with_base_town=False)
    assert main(["new", "meizhou", "meixian-test", "--type", "application", "--root", str(root)]) == 0
    folder = root / "submissions" / "meizhou" / "meixian-test"
    text = (folder / "declaration.yaml").read_text(encoding="utf-8")
    assert "city: 梅州市" in text and "type: application" in text and "id: meixian-test" in text
    result = run_check(root, today=TODAY)
    codes = {f.code for f in result.findings}
    assert "E-TOWN-013" in codes  # placeholders must be replaced before submitting
    assert not codes & {"E-YAML-001", "E-SCHEMA-002", "E-SCHEMA-012"}  # the template itself is well-formed
    assert main(["new", "meizhou", "meixian-test", "--type", "application", "--root", str(root)]) == 2
