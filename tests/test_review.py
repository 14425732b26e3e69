"""Every pull request says which role it needs, from the one review table of `program.yaml`.

Table-driven: each case is a pull request of one role touching one kind of file, made in a real git
repository and checked with `towns check --changed-since main`; the expected role and the sentence
every report format prints are the case's. Then: CODEOWNERS and the review guide's table are the
same table (an independent reading of GitHub's rule), and drift of either is a finding.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import shutil
from pathlib import Path

import pytest

from gitrepo import GitRepo, existing
from golden_files import assert_golden
from registry_builder import REPO, make_registry
from towns.cli import main
from towns.codeowners import CODEOWNERS_PATH, REVIEW_GUIDE, render_codeowners, render_review_table
from towns.github.artifact import Report
from towns.github.comment import render_comment
from towns.models.program import Program
from towns.program import load_program_file, program_from_bytes
from towns.review import classify

TODAY = dt.date(2026, 11, 30)
TOWN = "submissions/guangzhou/tianhe-yunfan"
GZ = "须由广州市的经济和信息化主管部门审核"
PROVINCE = "须由省经济和信息化委审核"
KEEPERS = "须由省里的维护人员审核"


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program_file(REPO / "program.yaml")


# name: (files the pull request writes, expected role, expected sentences, a duty code it must get)
CASES: dict[str, tuple[list[str], str | None, list[str], str | None]] = {
    "applicant: declaration": (
        [f"{TOWN}/declaration.yaml"],
        "applicant",
        [f"本 PR 修改了小镇的申报材料，{GZ}"],
        None,
    ),
    "applicant: report and attachment": (
        [f"{TOWN}/report.md", f"{TOWN}/attachments/政策 文件.pdf"],
        "applicant",
        [f"本 PR 修改了小镇的申报材料，{GZ}"],
        None,
    ),
    "applicant slips in program data": (
        [f"{TOWN}/report.md", "program.yaml"],
        "applicant",
        [f"本 PR 修改了小镇的申报材料，{GZ}", f"本 PR 修改了政策参数，{PROVINCE}"],
        "E-DUTY-004",
    ),
    "applicant slips in code": (
        [f"{TOWN}/report.md", "scripts/towns/check.py"],
        "applicant",
        [f"本 PR 修改了小镇的申报材料，{GZ}", f"本 PR 修改了检查程序，{KEEPERS}"],
        "E-DUTY-004",
    ),
    "city: recommendation": (
        ["records/guangzhou/recommendations/2018/tianhe-yunfan.yaml"],
        "city",
        [f"本 PR 修改了地市主管部门的记录，{GZ}"],
        None,
    ),
    "city: annual report of another city": (
        ["records/shantou/annual-reports/2018/tianhe-yunfan.yaml"],
        "city",
        ["本 PR 修改了地市主管部门的记录，须由汕头市的经济和信息化主管部门审核"],
        None,
    ),
    "province: batch review": (
        ["decisions/batches/2018.yaml"],
        "province",
        [f"本 PR 修改了省级决定，{PROVINCE}"],
        None,
    ),
    "province: program data only": (
        ["program.yaml"],
        "province",
        [f"本 PR 修改了政策参数，{PROVINCE}"],
        None,
    ),
    "maintainers: scripts only": (
        ["scripts/towns/check.py"],
        "maintainers",
        [f"本 PR 修改了检查程序，{KEEPERS}"],
        None,
    ),
    "maintainers: CODEOWNERS only": (
        [CODEOWNERS_PATH],
        "maintainers",
        [f"本 PR 修改了工作流和代码负责人设置，{KEEPERS}"],
        "E-DUTY-010",
    ),
    "maintainers: a workflow": (
        [".github/workflows/pr-check.yml"],
        "maintainers",
        [f"本 PR 修改了工作流和代码负责人设置，{KEEPERS}"],
        None,
    ),
    "maintainers: schema": (
        ["schema/batch.schema.json"],
        "maintainers",
        [f"本 PR 修改了数据结构，{KEEPERS}"],
        None,
    ),
    "maintainers: docs": (
        ["docs/guide/submit.md"],
        "maintainers",
        [f"本 PR 修改了网站和指南文档，{KEEPERS}"],
        None,
    ),
    "maintainers: site configuration": (
        ["mkdocs.yml"],
        "maintainers",
        [f"本 PR 修改了网站配置，{KEEPERS}"],
        None,
    ),
    "maintainers: any other file": (["README.md"], "maintainers", [f"本 PR 修改了其他文件，{KEEPERS}"], None),
    "province and maintainers": (
        ["program.yaml", "scripts/towns/check.py"],
        "province",
        [f"本 PR 修改了政策参数，{PROVINCE}", f"本 PR 修改了检查程序，{KEEPERS}"],
        None,
    ),
    "a city the program does not list": (
        ["submissions/atlantis/lost-town/declaration.yaml"],
        "applicant",
        [f"本 PR 修改了小镇的申报材料，{KEEPERS}"],
        "E-DUTY-006",
    ),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_registry(tmp_path_factory.mktemp("review") / "repo")
    shutil.copy(REPO / REVIEW_GUIDE, root / "review.md")  # a stand-in the cases do not touch
    (root / ".github").mkdir()
    shutil.copy(REPO / CODEOWNERS_PATH, root / CODEOWNERS_PATH)
    GitRepo(root).commit("登记库")
    return root


def _pull_request(base: Path, tmp_path: Path, files: list[str]) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(base, root, symlinks=True)
    repo = existing(root)
    repo.git("checkout", "-q", "-b", "pr")
    for rel in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + "\n# 改动\n", "utf-8")
    repo.commit("拉取请求")
    return root


def _check(root: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    argv = ["check", "--root", str(root), "--today", TODAY.isoformat(), "--changed-since", "main"]
    main([*argv, "--format", fmt])
    return capsys.readouterr().out


@pytest.mark.parametrize("name", list(CASES))
def test_every_pull_request_is_classified_in_every_format(
    name: str, base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files, role, sentences, duty = CASES[name]
    root = _pull_request(base, tmp_path, files)
    report = json.loads(_check(root, "json", capsys))
    assert report["review"]["role"] == role
    assert [a["sentence"] for a in report["review"]["areas"]] == sentences
    assert sorted(f for a in report["review"]["areas"] for f in a["files"]) == sorted(files)
    codes = {f["code"] for f in report["findings"]}
    assert duty is None or duty in codes, codes
    text, markdown = _check(root, "text", capsys), _check(root, "markdown", capsys)
    annotations = _check(root, "github", capsys).splitlines()
    for sentence in sentences:
        assert f"    {sentence}（" in text
        assert f"- {sentence}（" in markdown
        assert f"::notice title=审核分工::{sentence}" in annotations


def test_a_pull_request_that_changes_nothing(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _pull_request(base, tmp_path, [])
    report = json.loads(_check(root, "json", capsys))
    assert report["review"] == {"role": None, "role_name": None, "areas": []}
    assert "审核分工：本 PR 没有修改任何文件。" in _check(root, "text", capsys)


def test_a_whole_check_has_no_review(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--root", str(base), "--today", TODAY.isoformat(), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["review"] is None


# -- one table: CODEOWNERS, the guide and the checker ------------------------------------------


def _github_owner(codeowners: str, path: str) -> str:
    """GitHub's rule, read independently: the last matching line wins; `/x/` is a folder, anchored."""
    owner = ""
    for line in codeowners.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, team = line.split()
        folder = pattern.endswith("/") and ("/" + path).startswith(pattern)
        if pattern == "*" or folder or fnmatch.fnmatchcase("/" + path, pattern):
            owner = team
    return owner


def _sample_paths(program: Program) -> list[str]:
    paths = [
        "README.md",
        "program.yaml",
        "mkdocs.yml",
        "submissions/README.md",
        "records/x.yaml",
        "tests/a.py",
    ]
    paths += ["submissions/atlantis/t/declaration.yaml", "records/atlantis/x.yaml", ".github/CODEOWNERS"]
    for area in program.review.areas:
        for city in program.cities:
            stem = area.path.replace("<地市>", city.slug)
            paths.append(stem + "a/b.yaml" if stem.endswith("/") else stem)
    return sorted(set(paths) - {"*"})


def test_codeowners_gives_every_path_to_the_team_the_checker_names(program: Program) -> None:
    codeowners = render_codeowners(program)
    wrong = []
    for path in _sample_paths(program):
        (area,) = classify([path], program).areas
        if _github_owner(codeowners, path) != area.team:
            wrong.append((path, _github_owner(codeowners, path), area.team))
    assert not wrong
    assert len(_sample_paths(program)) > 2 * len(program.cities)


def test_the_committed_files_are_generated_from_the_table(program: Program) -> None:
    assert (REPO / CODEOWNERS_PATH).read_text(encoding="utf-8") == render_codeowners(program)
    guide = (REPO / REVIEW_GUIDE).read_text(encoding="utf-8")
    assert render_review_table(program) in guide
    for area in program.review.areas:
        assert area.title in render_review_table(program)


def test_a_hand_edited_codeowners_is_a_finding_in_a_whole_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_registry(tmp_path / "repo")
    (root / ".github").mkdir()
    program = load_program_file(root / "program.yaml")
    text = render_codeowners(program)
    (root / CODEOWNERS_PATH).write_text(text, encoding="utf-8")
    argv = ["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"]
    main(argv)
    assert "E-DUTY-010" not in {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}
    (root / CODEOWNERS_PATH).write_text(text.replace("@example-province/guangzhou", "@someone/else"), "utf-8")
    main(argv)
    found = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "E-DUTY-010"]
    assert [(f["file"], f["severity"]) for f in found] == [(CODEOWNERS_PATH, "error")]


def test_a_team_changed_in_program_data_without_regenerating_is_a_finding(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _pull_request(base, tmp_path, [])
    text = (root / "program.yaml").read_text(encoding="utf-8")
    (root / "program.yaml").write_text(text.replace("@example-province/maintainers", "@x/keepers"), "utf-8")
    existing(root).commit("换团队")
    found = json.loads(_check(root, "json", capsys))["findings"]
    assert [(f["code"], f["file"]) for f in found if f["code"] == "E-DUTY-010"] == [
        ("E-DUTY-010", CODEOWNERS_PATH)
    ]
    program, _ = program_from_bytes((root / "program.yaml").read_bytes())
    assert program is not None
    (root / CODEOWNERS_PATH).write_text(render_codeowners(program), encoding="utf-8")
    existing(root).commit("重新生成")
    found = json.loads(_check(root, "json", capsys))["findings"]
    assert "E-DUTY-010" not in {f["code"] for f in found}


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('    - {path: "*", title: 其他文件, role: maintainers}\n', "", "第一行须为 *"),
        (
            "{path: records/<地市>/, title: 地市主管部门的记录, role: city}",
            "{path: records/, title: 记录, role: city}",
            "须以 <地市>",
        ),
        (
            "{path: decisions/, title: 省级决定, role: province}",
            "{path: decisions/, title: 省级决定, role: maintainers}",
            "decisions/ 须由省经济和信息化委负责",
        ),
    ],
)
def test_a_table_that_breaks_the_process_is_refused(old: str, new: str, problem: str) -> None:
    text = (REPO / "program.yaml").read_text(encoding="utf-8")
    assert old in text
    program, findings = program_from_bytes(text.replace(old, new).encode())
    assert program is None
    assert [f.code for f in findings] == ["E-PROGRAM-009"]
    assert problem in findings[0].message


# -- the rendered reports, pinned ---------------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden" / "reports"


def test_pull_request_reports_golden(base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An applicant's pull request that also loosens the program: every format names both reviewers."""
    root = _pull_request(base, tmp_path, [f"{TOWN}/report.md", "program.yaml"])
    assert_golden(GOLDEN / "pull-request.txt", _check(root, "text", capsys))
    assert_golden(GOLDEN / "pull-request.md", _check(root, "markdown", capsys))
    report = Report.model_validate(json.loads(_check(root, "json", capsys)))
    comment = render_comment(report)
    section = comment[comment.index("### 审核分工") : comment.index("### 涉及的小镇")]
    assert section == (
        "### 审核分工\n\n"
        f"- 本 PR 修改了小镇的申报材料，{GZ}（{TOWN}/report.md）\n"
        f"- 本 PR 修改了政策参数，{PROVINCE}（program.yaml）\n\n"
    )
