"""Separation of duties: each case is a set of changes and the exact findings it deserves."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import GitRepo
from towns.changes import Change, ChangeKind, changed_files
from towns.duties import Role, check_duties, infer_role, paths_to_check, touched_paths
from towns.models.program import Program
from towns.program import load_program_file

ROOT = Path(__file__).resolve().parent.parent
GZ = "submissions/guangzhou/tianhe-cloud"
ST = "submissions/shantou/chaoshan-silk"


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program_file(ROOT / "program.yaml")


def _m(*paths: str) -> list[Change]:
    return [Change(ChangeKind.MODIFIED, p) for p in paths]


CASES: dict[str, tuple[list[Change], list[tuple[str, str]]]] = {
    "one town, several files": (
        _m(f"{GZ}/declaration.yaml", f"{GZ}/report.md", f"{GZ}/attachments/a.pdf"),
        [],
    ),
    "two towns": (
        _m(f"{GZ}/declaration.yaml", f"{GZ}/report.md", f"{ST}/declaration.yaml"),
        [("E-DUTY-001", f"{GZ}/declaration.yaml"), ("E-DUTY-001", f"{ST}/declaration.yaml")],
    ),
    "rename moves a file into another town": (
        [Change(ChangeKind.RENAMED, f"{ST}/report.md", old_path=f"{GZ}/report.md")],
        [("E-DUTY-001", f"{GZ}/report.md"), ("E-DUTY-001", f"{ST}/report.md")],
    ),
    "applicant writes its own recommendation": (
        _m(f"{GZ}/declaration.yaml", "records/guangzhou/2026-recommendation.yaml"),
        [("E-DUTY-002", "records/guangzhou/2026-recommendation.yaml")],
    ),
    "applicant forges a decision": (
        _m(f"{GZ}/declaration.yaml", "decisions/2026-batch.yaml"),
        [("E-DUTY-003", "decisions/2026-batch.yaml")],
    ),
    "applicant deletes a decision": (
        [*_m(f"{GZ}/report.md"), Change(ChangeKind.DELETED, "decisions/2025-evaluation.yaml")],
        [("E-DUTY-003", "decisions/2025-evaluation.yaml")],
    ),
    "applicant changes program data and workflows": (
        _m(f"{GZ}/report.md", "program.yaml", ".github/workflows/pr-check.yml"),
        [("E-DUTY-004", ".github/workflows/pr-check.yml"), ("E-DUTY-004", "program.yaml")],
    ),
    "loose files under submissions": (
        _m("submissions/readme.md", "submissions/guangzhou/notes.txt"),
        [("E-DUTY-005", "submissions/guangzhou/notes.txt"), ("E-DUTY-005", "submissions/readme.md")],
    ),
    "loose file under records": (_m("records/notes.txt"), [("E-DUTY-005", "records/notes.txt")]),
    "unknown city folder": (
        _m("submissions/atlantis/sunken-town/declaration.yaml", "submissions/atlantis/sunken-town/report.md"),
        [("E-DUTY-006", "submissions/atlantis/sunken-town/declaration.yaml")],
    ),
    "city department, one city": (_m("records/guangzhou/a.yaml", "records/guangzhou/b.yaml"), []),
    "city department, two cities": (
        _m("records/guangzhou/a.yaml", "records/shantou/b.yaml"),
        [("E-DUTY-007", "records/guangzhou/a.yaml"), ("E-DUTY-007", "records/shantou/b.yaml")],
    ),
    "city record with a decision": (
        _m("records/guangzhou/a.yaml", "decisions/2026.yaml"),
        [("E-DUTY-008", "decisions/2026.yaml")],
    ),
    "province decisions with program data": (
        _m("decisions/2026.yaml", "program.yaml", "docs/x.md"),
        [("W-DUTY-009", "docs/x.md")],
    ),
    "city records with a workflow": (
        _m("records/guangzhou/a.yaml", ".github/workflows/pr-check.yml"),
        [("W-DUTY-009", ".github/workflows/pr-check.yml")],
    ),
    "maintenance of code only": (_m("scripts/towns/check.py"), [("W-DUTY-009", "scripts/towns/check.py")]),
    "nothing changed": ([], []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_duty_cases(name: str, program: Program) -> None:
    changes, expected = CASES[name]
    found = check_duties(changes, program)
    assert [(f.code, f.file) for f in found] == expected
    for f in found:
        assert (f.line, f.column) == (1, 1)
        assert f.message and f.hint
        assert "{" not in f.message + f.hint, "every template field must be filled"


def test_messages_name_the_towns_and_cities(program: Program) -> None:
    two_towns = check_duties(CASES["two towns"][0], program)
    assert two_towns[0].message == (
        "本拉取请求同时修改了 2 个小镇文件夹（guangzhou/tianhe-cloud、shantou/chaoshan-silk），"
        "此文件属于小镇“guangzhou/tianhe-cloud”"
    )
    two_cities = check_duties(CASES["city department, two cities"][0], program)
    assert "广州市、汕头市" in two_cities[0].message
    many = check_duties(_m(*(f"scripts/m{i}.py" for i in range(7))), program)
    assert [f.message for f in many] == [
        "本拉取请求修改了 7 个申报数据以外的文件（scripts/m0.py、scripts/m1.py、scripts/m2.py、"
        "scripts/m3.py、scripts/m4.py等），自动检查不评估这些改动"
    ]


@pytest.mark.parametrize(
    ("paths", "role"),
    [
        ([f"{GZ}/report.md", "program.yaml"], Role.APPLICANT),
        (["records/guangzhou/a.yaml", "decisions/x.yaml"], Role.CITY),
        (["decisions/x.yaml"], Role.PROVINCE),
        (["program.yaml", "scripts/x.py"], Role.PROVINCE),
        (["README.md"], Role.MAINTAINERS),
        (["submissions/readme.md"], None),
    ],
)
def test_role_is_the_lowest_authority_touched(paths: list[str], role: Role | None, program: Program) -> None:
    assert infer_role(touched_paths(_m(*paths)), program) is role


def test_paths_to_check_drops_deleted_and_missing(tmp_path: Path) -> None:
    (tmp_path / "kept.yaml").write_text("x")
    changes = [
        Change(ChangeKind.MODIFIED, "kept.yaml"),
        Change(ChangeKind.DELETED, "gone.yaml"),
        Change(ChangeKind.RENAMED, "moved-away.yaml", old_path="old.yaml"),
    ]
    assert paths_to_check(changes) == ["kept.yaml", "moved-away.yaml"]
    assert paths_to_check(changes, tmp_path) == ["kept.yaml"]


def test_a_file_removed_from_a_town_selects_the_town() -> None:
    """Deleting a required attachment must be checked: the town is still there, now without it."""
    changes = [
        Change(ChangeKind.DELETED, f"{GZ}/attachments/local-policy.pdf"),
        Change(ChangeKind.RENAMED, "decisions/x.yaml", old_path=f"{ST}/report.md"),
    ]
    assert paths_to_check(changes) == ["decisions/x.yaml", GZ, ST]


def test_real_pull_request_branch(tmp_path: Path, program: Program) -> None:
    """An applicant's branch that also slips in a decision and edits another town."""
    repo = GitRepo(tmp_path / "registry")
    repo.write(f"{GZ}/declaration.yaml", "id: tianhe-cloud\n")
    repo.write(f"{ST}/declaration.yaml", "id: chaoshan-silk\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "applicant")
    repo.write(f"{GZ}/attachments/营业 执照.pdf", "%PDF")
    repo.write("decisions/2026 创建名单.yaml", "towns: [tianhe-cloud]\n")
    (repo.root / ST / "declaration.yaml").unlink()
    repo.commit("pr")
    changes = changed_files(repo.root, "main")
    found = [(f.code, f.file) for f in check_duties(changes, program)]
    assert found == [
        ("E-DUTY-003", "decisions/2026 创建名单.yaml"),
        ("E-DUTY-001", f"{GZ}/attachments/营业 执照.pdf"),
        ("E-DUTY-001", f"{ST}/declaration.yaml"),
    ]
    assert paths_to_check(changes, repo.root) == [
        "decisions/2026 创建名单.yaml",
        f"{GZ}/attachments/营业 执照.pdf",
        ST,  # emptied but still a folder in the working tree: the check reports its missing form
    ]
