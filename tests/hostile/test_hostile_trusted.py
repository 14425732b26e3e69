"""The trusted run finds what the check job finds, for every hostile pull request git can carry.

The check job runs `towns check --changed-since` on a checkout of the pull request; the trusted run
reads the same commit out of git objects (links pointing nowhere, attachments of untouched towns
stood in for by their size). For each hostile input and each process attack, committed on a branch
of a real repository, both must report the same findings at the same places; where the pull request
changes `program.yaml`, the trusted run judges by the base's copy, and must still find the attack.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hostile_cases import CASES as INPUT_CASES
from hostile_cases import FILE_CASES, Case
from hostile_support import TODAY
from test_hostile_process import CASES as PROCESS_CASES

from gitrepo import GitRepo, existing
from towns.cli import main
from towns.github.trusted import trusted_check
from towns.synth import generate

Key = tuple[str, int, int, str]
# Inputs git cannot carry (FIFOs, empty folders), and the sparse giants a checkout would write out.
_NOT_IN_GIT = {"fs-attachment-is-fifo", "fs-declaration-is-fifo", "fs-attachment-is-directory"}
_SLOW = {"fs-town-total-over-100mb-sparse", "size-declaration-50mb-sparse"}
# What git makes of an input: an empty folder is no file at all; a linked town folder is one link
# lying loose in the city folder, which the duties check reports on a pull request.
_AS_COMMITTED = {"fs-declaration-is-directory": "E-TOWN-001", "fs-symlinked-town-folder": "E-DUTY-005"}
# Every file-system case (what the copy out of git objects must get right), and a sample of the
# parser and content cases (the same bytes either way; one in five keeps the suite quick).
_FILES = {c.id for c in FILE_CASES}
_SAMPLE = [c for c in INPUT_CASES if c.id not in _FILES][::5]
SELECTED = [c for c in [*FILE_CASES, *_SAMPLE] if c.code and c.id not in _NOT_IN_GIT | _SLOW and not c.xfail]


def _checkout_findings(repo: Path, head: str, tmp: Path, capsys: pytest.CaptureFixture[str]) -> set[Key]:
    """What the check job reports: `towns check --changed-since main` on a checkout of ``head``."""
    tree = tmp / "checkout"
    subprocess.run(["git", "-C", str(repo), "worktree", "add", "-q", "--detach", str(tree), head], check=True)
    capsys.readouterr()
    args = ["--root", str(tree), "--today", TODAY.isoformat(), "--changed-since", "main", "--format", "json"]
    assert main(["check", *args]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    return {(f["file"], f["line"], f["column"], f["code"]) for f in report["findings"]}


def _trusted_findings(repo: Path, head: str) -> set[Key]:
    result = trusted_check(repo, head, base="main", today=TODAY).result
    return {(f.file, f.line, f.column, f.code) for f in result.findings}


@pytest.fixture(scope="module")
def input_base(tmp_path_factory: pytest.TempPathFactory, base_registry: Path) -> Path:
    root = tmp_path_factory.mktemp("trusted-inputs") / "repo"
    shutil.copytree(base_registry, root, symlinks=True)
    GitRepo(root).commit("登记库")
    return root


def _branch(base: Path, tmp: Path) -> GitRepo:
    root = tmp / "repo"
    shutil.copytree(base, root, symlinks=True)
    repo = existing(root)
    repo.git("checkout", "-q", "-b", "pr")
    return repo


@pytest.mark.parametrize("case", [c.param() for c in SELECTED])
def test_hostile_input_same_findings(
    case: Case, input_base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _branch(input_base, tmp_path)
    case.mutate(repo.root)
    head = repo.commit("拉取请求")
    trusted = _trusted_findings(repo.root, head)
    assert trusted == _checkout_findings(repo.root, head, tmp_path, capsys)
    assert _AS_COMMITTED.get(case.id, case.code) in {k[3] for k in trusted}


@pytest.fixture(scope="module")
def process_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = generate(tmp_path_factory.mktemp("trusted-process") / "repo", 3, seed=5, as_of=TODAY)
    GitRepo(root).commit("登记库")
    return root


@pytest.mark.parametrize("name", sorted(PROCESS_CASES))
def test_process_attack_same_findings(
    name: str, process_base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected, change = PROCESS_CASES[name]
    repo = _branch(process_base, tmp_path)
    towns = sorted(
        p.parent.relative_to(repo.root).as_posix() for p in repo.root.glob("submissions/*/*/declaration.yaml")
    )
    change(repo, towns)
    head = repo.commit("拉取请求")
    trusted = _trusted_findings(repo.root, head)
    assert expected in {k[3] for k in trusted}
    program_changed = "program.yaml" in repo.git("diff", "--name-only", "main", head).split()
    if not program_changed:
        assert trusted == _checkout_findings(repo.root, head, tmp_path, capsys)
