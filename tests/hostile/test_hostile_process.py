"""Process attacks in a real git repository: an applicant's pull request that forges a decision,
touches another town or carries someone else's records gets the duties module's finding.

Each case starts from a committed synthetic registry with authority records on `main`, makes its
changes on a branch and runs `towns check --changed-since main` through the real command.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import TODAY, fingerprint

from gitrepo import GitRepo
from towns.cli import main
from towns.synth import generate

Change = Callable[[GitRepo, list[str]], None]


def _own(repo: GitRepo, towns: list[str]) -> None:
    """The applicant's legitimate part of the pull request: its own town's report."""
    path = repo.root / towns[0] / "report.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")


def _with_own(extra: Change) -> Change:
    def change(repo: GitRepo, towns: list[str]) -> None:
        _own(repo, towns)
        extra(repo, towns)

    return change


def _write(rel: str, text: str = "schema_version: 1\n") -> Change:
    return lambda repo, towns: repo.write(rel, text) and None


def _append(rel: str, text: str) -> Change:
    def change(repo: GitRepo, towns: list[str]) -> None:
        path = repo.root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return change


def _delete(rel: str) -> Change:
    return lambda repo, towns: (repo.root / rel).unlink()


def _edit_other_town(repo: GitRepo, towns: list[str]) -> None:
    path = repo.root / towns[1] / "declaration.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("管理委员会", "管委会"), encoding="utf-8")


def _rename_into_other_town(repo: GitRepo, towns: list[str]) -> None:
    source = repo.root / towns[0] / "attachments" / "site-plan.png"
    source.rename(repo.root / towns[1] / "attachments" / "site-plan-2.png")


def _edit_evaluation(repo: GitRepo, towns: list[str]) -> None:
    path = sorted((repo.root / "decisions" / "evaluations").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"合格"', '"优秀"').replace('"良好"', '"优秀"'), encoding="utf-8")


def _two_cities(repo: GitRepo, towns: list[str]) -> None:
    for city in ("guangzhou", "shenzhen"):
        path = next((repo.root / "records" / city).rglob("*.yaml"))
        path.write_text(path.read_text(encoding="utf-8") + "# 补充\n", encoding="utf-8")


def _city_and_decision(repo: GitRepo, towns: list[str]) -> None:
    path = next((repo.root / "records" / "guangzhou").rglob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8") + "# 补充\n", encoding="utf-8")
    _edit_evaluation(repo, towns)


FORGED_NAMING = 'schema_version: 1\ndate: "2020-05-20"\ndocument_number: "伪造〔2020〕1号"\ntowns:\n  - x\n'
CASES: dict[str, tuple[str, Change]] = {
    "forge-naming": ("E-DUTY-003", _with_own(_write("decisions/namings/forged.yaml", FORGED_NAMING))),
    "delete-batch-decision": ("E-DUTY-003", _with_own(_delete("decisions/batches/2016.yaml"))),
    "upgrade-own-grade": ("E-DUTY-003", _with_own(_edit_evaluation)),
    "touch-other-town": ("E-DUTY-001", _with_own(_edit_other_town)),
    "rename-into-other-town": ("E-DUTY-001", _rename_into_other_town),
    "carry-city-record": (
        "E-DUTY-002",
        _with_own(_write("records/guangzhou/recommendations/2016/forged.yaml")),
    ),
    "change-program": ("E-DUTY-004", _with_own(_append("program.yaml", "# 放宽条件\n"))),
    "add-workflow": (
        "E-DUTY-004",
        _with_own(_write(".github/workflows/evil.yml", "on: pull_request_target\n")),
    ),
    "change-code": ("E-DUTY-004", _with_own(_write("scripts/towns/evil.py", "import os\n"))),
    "loose-file-in-submissions": ("E-DUTY-005", _write("submissions/evil.txt", "x\n")),
    "unknown-city-folder": ("E-DUTY-006", _write("submissions/atlantis/lost-town/declaration.yaml")),
    "city-records-of-two-cities": ("E-DUTY-007", _two_cities),
    "city-record-with-decision": ("E-DUTY-008", _city_and_decision),
}


@pytest.fixture(scope="module")
def base_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = generate(tmp_path_factory.mktemp("process") / "repo", 3, seed=5, as_of=TODAY)
    repo = GitRepo(root)
    repo.commit("登记库")
    return root


# The duties are judged with the base revision's program.yaml, so a pull request that breaks or
# loosens its own copy is still judged by the rules it is meant to follow.
CASES["break-program"] = ("E-DUTY-004", _with_own(_write("program.yaml", "schema_version: 1\n")))


def _invent_city(repo: GitRepo, towns: list[str]) -> None:
    """A new city added to the pull request's own program data, with a town filed under it."""
    path = repo.root / "program.yaml"
    extra = '  - {slug: atlantis, code: "449900", name: 亚特兰蒂斯市, region: prd, github_team: "@x/y"}\n'
    path.write_text(
        path.read_text(encoding="utf-8").replace("\ncities:\n", "\ncities:\n" + extra), encoding="utf-8"
    )
    repo.write("submissions/atlantis/lost-town/declaration.yaml", "schema_version: 1\n")


CASES["invent-a-city"] = ("E-DUTY-006", _invent_city)


# The province's own pull requests are held to the published record too: a published decision
# changes only by an appended correction, and a record entered years after its date says so.
def _rewrite_batch(repo: GitRepo, towns: list[str]) -> None:
    path = repo.root / "decisions" / "batches" / "2016.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("cultivation_list: []", 'cultivation_list:\n  - "lelin-2"')
    path.write_text(text, encoding="utf-8")


def _backdate(repo: GitRepo, towns: list[str]) -> None:
    path = next((repo.root / "records" / "zhuhai" / "annual-reports").rglob("*.yaml"))
    target = path.parent.parent / "2021" / path.name
    text = path.read_text(encoding="utf-8").replace(path.parent.name, "2021", 1)
    repo.write(target.relative_to(repo.root).as_posix(), text)


CASES["province-rewrites-a-published-list"] = ("E-PUB-001", _rewrite_batch)
CASES["province-deletes-a-published-evaluation"] = ("E-PUB-002", _delete("decisions/evaluations/2016.yaml"))
CASES["city-backdates-a-report"] = ("E-LATE-001", _backdate)


@pytest.mark.parametrize(
    "name",
    sorted(CASES),
)
def test_pull_request_attack(
    name: str, base_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected, change = CASES[name]
    root = tmp_path / "repo"
    shutil.copytree(base_repo, root, symlinks=True)
    repo = GitRepo.__new__(GitRepo)
    repo.root = root
    repo.git("checkout", "-q", "-b", "pr")
    towns = sorted(
        p.parent.relative_to(root).as_posix() for p in root.glob("submissions/*/*/declaration.yaml")
    )
    change(repo, towns)
    repo.commit("拉取请求")
    before = {k: v for k, v in fingerprint(root).items() if not k.startswith(".git/") and k != ".git"}
    exit_code = main(
        [
            "check",
            "--root",
            str(root),
            "--today",
            TODAY.isoformat(),
            "--changed-since",
            "main",
            "--format",
            "json",
        ]
    )
    captured = capsys.readouterr()
    assert exit_code == 1, captured.err + captured.out[:3000]
    assert "Traceback" not in captured.err
    codes = {f["code"] for f in json.loads(captured.out)["findings"]}
    assert expected in codes, sorted(codes)
    after = {k: v for k, v in fingerprint(root).items() if not k.startswith(".git/") and k != ".git"}
    assert after == before
