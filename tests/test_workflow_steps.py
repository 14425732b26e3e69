"""The workflows' own shell steps, run as GitHub would run them, on a real PR branch and a fake GitHub.

The `run:` scripts are read from the workflow files themselves, so a change to a workflow is tested
as written: the PR check's steps in the fork's clone (with `origin/main` as the base), then the
poster's steps in the runner's checkout of the default branch, against the fake API, with the
environment variables the workflows set. Only loopback networking is used.
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

from github_fakes import BOT, PR_CHECK_WORKFLOW_ID, FakeGitHub
from pull_requests import PR_CHECK, PullRequestRepos, build
from towns.cli import main
from towns.github.comment import MARKER
from towns.github.status import STATUS_CONTEXT

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
def pr_branch(tmp_path: Path) -> tuple[PullRequestRepos, str]:
    """A fork's branch: a scaffolded town plus a forged provincial decision."""
    repos = build(tmp_path / "repos")
    fork = repos.fork
    assert main(["new", "guangzhou", "demo-town", "--type", "industry", "--root", str(fork.root)]) == 0
    fork.write("decisions/batches/2026.yaml", "towns: [demo-town]\n")
    fork.commit("申报")
    head = repos.push_pull(7)
    for clone in (fork.root, repos.runner.root):
        (clone / ".venv").symlink_to(ROOT / ".venv")
    (fork.root / ".git" / "info" / "exclude").write_text(".venv\n", encoding="utf-8")
    return repos, head


def test_pr_check_then_trusted_report_steps(
    tmp_path: Path, pr_branch: tuple[PullRequestRepos, str], httpserver: HTTPServer
) -> None:
    repos, head = pr_branch
    temp = tmp_path / "runner-temp"
    (temp / "towns-report").mkdir(parents=True)
    summary = tmp_path / "summary.md"
    summary.touch()
    env = {"HOME": str(tmp_path), "GITHUB_STEP_SUMMARY": str(summary)}
    check_env = env | {
        "PR_NUMBER": "7",
        "HEAD_SHA": head,
        "OUT": str(temp / "towns-report"),
        "BASE_REF": "main",
    }

    recorded = _run(
        _step("pr-check.yml", "towns-check", "记录拉取请求编号和提交"), repos.fork.root, check_env
    )
    assert recorded.returncode == 0, recorded.stderr
    checked = _run(_step("pr-check.yml", "towns-check", "检查改动"), repos.fork.root, check_env)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "::error file=decisions/batches/2026.yaml,line=1,col=1,title=E-DUTY-003::" in checked.stdout
    assert sorted(p.name for p in (temp / "towns-report").iterdir()) == ["pr.json", "report.json"]

    fake = FakeGitHub(httpserver).install()
    fake.add_pr(7, head)
    output = tmp_path / "github-output"
    output.touch()
    poster = env | {
        "GITHUB_TOKEN": "fake-token",
        "GITHUB_REPOSITORY": fake.full_name,
        "GITHUB_API_URL": fake.base,
        "GITHUB_OUTPUT": str(output),
        "RUNNER_TEMP": str(temp),
        "HEAD_SHA": head,
        "PR_FROM_EVENT": "",  # empty for pull requests from forks
        "HEAD_OWNER": "applicant",
        "HEAD_BRANCH": "apply",
        "RUN_PATH": PR_CHECK,
        "RUN_WORKFLOW_ID": str(PR_CHECK_WORKFLOW_ID),
    }
    fetched = _run(
        _step("pr-report.yml", "post", "取得拉取请求的提交（只取 git 对象，不检出、不运行）"),
        repos.runner.root,
        poster,
    )
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    assert output.read_text(encoding="utf-8") == "number=7\n"
    verdict_env = {k: v for k, v in poster.items() if k != "GITHUB_TOKEN"} | {"PR_NUMBER": "7"}
    judged = _run(
        _step("pr-report.yml", "post", "用默认分支的检查程序检查（不持有令牌）"),
        repos.runner.root,
        verdict_env,
    )
    assert judged.returncode == 0, judged.stdout + judged.stderr
    assert "towns/资格审查 = failure" in judged.stdout and "两者一致" in judged.stdout
    published = _run(
        _step("pr-report.yml", "post", "发布评论、提交状态和标签"),
        repos.runner.root,
        poster | {"RUN_URL": "https://github.example.invalid/run/9"},
    )
    assert published.returncode == 0, published.stdout + published.stderr

    [comment] = fake.comments[7]
    assert comment["user"]["login"] == BOT and comment["body"].startswith(MARKER)
    assert "`E-DUTY-003`" in comment["body"] and "不一致" not in comment["body"]
    assert {"广州市", "需要修改"} <= set(fake.issue_labels[7])
    status = fake.status_of(head, STATUS_CONTEXT)
    assert status is not None and status["state"] == "failure"
    assert status["target_url"] == "https://github.example.invalid/run/9"
    assert repos.runner.git("status", "--porcelain", "--ignored=no") in ("", "?? .venv\n")


def test_fetch_step_skips_a_run_of_another_workflow(
    tmp_path: Path, pr_branch: tuple[PullRequestRepos, str], httpserver: HTTPServer
) -> None:
    repos, head = pr_branch
    fake = FakeGitHub(httpserver).install()
    fake.add_pr(7, head)
    output = tmp_path / "github-output"
    output.touch()
    env = {
        "HOME": str(tmp_path),
        "GITHUB_TOKEN": "fake-token",
        "GITHUB_REPOSITORY": fake.full_name,
        "GITHUB_API_URL": fake.base,
        "GITHUB_OUTPUT": str(output),
        "HEAD_SHA": head,
        "PR_FROM_EVENT": "7",
        "HEAD_OWNER": "applicant",
        "HEAD_BRANCH": "apply",
        "RUN_PATH": ".github/workflows/copy.yml",
        "RUN_WORKFLOW_ID": "4711",
    }
    skipped = _run(
        _step("pr-report.yml", "post", "取得拉取请求的提交（只取 git 对象，不检出、不运行）"),
        repos.runner.root,
        env,
    )
    assert skipped.returncode == 0 and "跳过" in skipped.stdout
    assert output.read_text(encoding="utf-8") == ""
    assert fake.writes() == []
