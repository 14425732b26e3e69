"""The workflows' own shell steps, run as GitHub would run them, on a real PR branch and a fake GitHub.

The `run:` scripts are read from the workflow files themselves, so a change to a workflow is tested
as written: the PR check's steps in a temporary repository (with `origin/main` as the base), then the
poster's steps from this repository's checkout against the fake API, with the environment variables
the workflows set. Only loopback networking is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from github_fakes import BOT, FakeGitHub
from gitrepo import GitRepo
from towns.cli import main
from towns.github.comment import MARKER

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
BASH = shutil.which("bash")


def _step(workflow: str, job: str, name: str) -> str:
    data = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))
    steps: list[dict[str, Any]] = data["jobs"][job]["steps"]
    return str(next(s["run"] for s in steps if s.get("name") == name))


def _run(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Like a GitHub-hosted runner: `bash --noprofile --norc -eo pipefail` on the script."""
    if BASH is None:
        pytest.skip("bash is not installed")
    full_env = {"PATH": os.environ.get("PATH", ""), **env}
    cmd = [BASH, "--noprofile", "--norc", "-eo", "pipefail", "-c", script]
    return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True, check=False)


@pytest.fixture
def pr_branch(tmp_path: Path) -> tuple[GitRepo, str]:
    """An applicant's branch: a scaffolded town plus a forged provincial decision."""
    repo = GitRepo(tmp_path / "registry")
    shutil.copy(ROOT / "program.yaml", repo.root / "program.yaml")
    repo.commit("base")
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    repo.git("checkout", "-q", "-b", "apply")
    assert main(["new", "guangzhou", "demo-town", "--type", "industry", "--root", str(repo.root)]) == 0
    repo.write("decisions/batches/2026.yaml", "towns: [demo-town]\n")
    head = repo.commit("申报")
    (repo.root / ".venv").symlink_to(ROOT / ".venv")
    return repo, head


def test_pr_check_then_report_steps(
    tmp_path: Path, pr_branch: tuple[GitRepo, str], httpserver: HTTPServer
) -> None:
    repo, head = pr_branch
    out = tmp_path / "artifact"
    summary = tmp_path / "summary.md"
    summary.touch()
    env = {"PR_NUMBER": "7", "HEAD_SHA": head, "OUT": str(out), "BASE_REF": "main", "HOME": str(tmp_path)}
    env["GITHUB_STEP_SUMMARY"] = str(summary)

    recorded = _run(_step("pr-check.yml", "towns-check", "记录拉取请求编号和提交"), repo.root, env)
    assert recorded.returncode == 0, recorded.stderr
    checked = _run(_step("pr-check.yml", "towns-check", "检查改动"), repo.root, env)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "::error file=decisions/batches/2026.yaml,line=1,col=1,title=E-DUTY-003::" in checked.stdout
    assert "E-DUTY-003" in summary.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["pr.json", "report.json"]

    fake = FakeGitHub(httpserver).install()
    fake.add_pr(7, head)
    poster_env = {
        "HOME": str(tmp_path),
        "GITHUB_TOKEN": "fake-token",
        "GITHUB_REPOSITORY": fake.full_name,
        "GITHUB_API_URL": fake.base,
        "ARTIFACT": str(out),
        "HEAD_SHA": head,
        "PR_FROM_EVENT": "",  # empty for pull requests from forks
    }
    for name in ("发布或更新置顶评论", "设置标签"):
        posted = _run(_step("pr-report.yml", "post", name), ROOT, poster_env)
        assert posted.returncode == 0, posted.stdout + posted.stderr
    [comment] = fake.comments[7]
    assert comment["user"]["login"] == BOT and comment["body"].startswith(MARKER)
    assert "`E-DUTY-003`" in comment["body"]
    assert {"广州市", "需要修改"} <= set(fake.issue_labels[7])

    forged = _run(
        _step("pr-report.yml", "post", "发布或更新置顶评论"), ROOT, poster_env | {"PR_FROM_EVENT": "8"}
    )
    assert forged.returncode == 1 and "不一致，拒绝处理" in forged.stderr
