"""The trusted run: a fork's pull request judged by the default branch's code, in real git repositories.

The fork rewrites `pr-check.yml` (so its own check job would upload whatever it likes) and adds a town
that fails the check. The poster's three steps run as the workflow runs them, against a fake GitHub:
the verdict reports the town's errors and the workflow change, the status `towns/资格审查` fails,
and no artifact content, no second workflow named 申报检查, turns any of it green.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from github_fakes import BOT, PR_CHECK_WORKFLOW_ID, FakeGitHub, sample_report, write_artifact
from pull_requests import PR_CHECK, TODAY, PullRequestRepos, build
from towns.cli import main
from towns.github.comment import MARKER
from towns.github.labels import NEEDS_CHANGES, PASSED
from towns.github.pulls import NotOurs
from towns.github.status import STATUS_CONTEXT
from towns.github.trusted import (
    TrustedRunError,
    fetch_pull_head,
    pull_ref,
    trusted_check,
    untouched_attachment,
)
from towns.github.verdict import trusted_report

FORGED_WORKFLOW = """name: 申报检查
on: pull_request
permissions: {}
jobs:
  towns-check:
    runs-on: ubuntu-latest
    steps:
      - run: echo '{"format_version": 1, "findings": [], "towns": []}' > report.json
"""


@pytest.fixture
def repos(tmp_path: Path) -> PullRequestRepos:
    return build(tmp_path)


@pytest.fixture
def fake(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    monkeypatch.setenv("GITHUB_TOKEN", "fake-token")
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.delenv("GITHUB_OUTPUT", raising=False)
    return FakeGitHub(httpserver).install()


def _failing_town(repos: PullRequestRepos) -> str:
    """A new town scaffolded by `towns new` and left unfilled: its placeholders are errors."""
    argv = ["new", "guangzhou", "demo-town", "--type", "industry", "--root", str(repos.fork.root)]
    assert main([*argv, "--today", str(TODAY)]) == 0
    return "submissions/guangzhou/demo-town"


def _connection(fake: FakeGitHub, repos: PullRequestRepos) -> list[str]:
    return ["--repo", fake.full_name, "--api-url", fake.base, "--root", str(repos.runner.root)]


def _poster(
    fake: FakeGitHub,
    repos: PullRequestRepos,
    head: str,
    tmp_path: Path,
    *,
    artifact: Path | None = None,
    workflow_path: str = PR_CHECK,
    workflow_id: int = PR_CHECK_WORKFLOW_ID,
) -> dict[str, Any]:
    """The poster's steps as pr-report.yml runs them; returns what each step decided."""
    output = tmp_path / "github-output"
    output.write_text("", encoding="utf-8")
    fetch = [
        "github", "fetch", *_connection(fake, repos), "--head-sha", head, "--head-owner", "applicant",
        "--head-branch", "apply", "--workflow-path", workflow_path, "--workflow-id", str(workflow_id),
    ]  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GITHUB_OUTPUT", str(output))
        assert main(fetch) == 0
    number = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    if "number" not in number:
        return {"fetched": False}
    verdict = tmp_path / "verdict.json"
    args = [
        "--head-sha",
        head,
        "--pr",
        number["number"],
        "--output",
        str(verdict),
        "--today",
        TODAY.isoformat(),
    ]
    if artifact is not None:
        args += ["--artifact", str(artifact)]
    assert main(["github", "verdict", "--root", str(repos.runner.root), *args]) == 0
    assert main(["github", "publish", *_connection(fake, repos), "--verdict", str(verdict)]) == 0
    return {"fetched": True, "verdict": json.loads(verdict.read_text(encoding="utf-8"))}


def _forged_pr(repos: PullRequestRepos, fake: FakeGitHub) -> str:
    repos.fork.write(PR_CHECK, FORGED_WORKFLOW)
    _failing_town(repos)
    repos.fork.commit("申报 demo-town")
    head = repos.push_pull(7)
    fake.add_pr(7, head)
    return head


def test_fork_that_rewrites_its_check_is_judged_by_the_default_branch(
    repos: PullRequestRepos, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = _forged_pr(repos, fake)
    artifact = write_artifact(tmp_path / "artifact", sample_report(findings=[], towns=[]), head=head)
    done = _poster(fake, repos, head, tmp_path, artifact=artifact)
    codes = {(f["code"], f["file"]) for f in done["verdict"]["report"]["findings"]}
    assert ("E-DUTY-004", PR_CHECK) in codes
    assert ("E-TOWN-013", "submissions/guangzhou/demo-town/declaration.yaml") in codes
    assert fake.status_of(head, STATUS_CONTEXT)["state"] == "failure"
    assert NEEDS_CHANGES in fake.issue_labels[7] and PASSED not in fake.issue_labels[7]
    [comment] = fake.comments[7]
    assert comment["user"]["login"] == BOT and comment["body"].startswith(MARKER)
    assert "❌ **需要修改**" in comment["body"] and "`E-DUTY-004`" in comment["body"]
    assert "拉取请求自带的检查结果与本结论不一致" in comment["body"]
    assert done["verdict"]["crosscheck"]["outcome"] == "differ"
    # the runner's checkout is untouched: nothing of the pull request was checked out
    assert repos.runner.git("status", "--porcelain") == ""
    assert not (repos.runner.root / "submissions/guangzhou/demo-town").exists()
    assert (repos.runner.root / PR_CHECK).read_text(encoding="utf-8") != FORGED_WORKFLOW


@pytest.mark.parametrize(
    "artifact",
    [
        pytest.param(
            lambda folder, head: write_artifact(folder, sample_report(findings=[]), head=head), id="clean"
        ),
        pytest.param(lambda folder, head: None, id="missing"),
        pytest.param(
            lambda folder, head: write_artifact(folder, sample_report(findings=[]), 8, head), id="other-pr"
        ),
        pytest.param(
            lambda folder, head: (
                (write_artifact(folder, sample_report(), head=head) / "report.json").write_text(
                    "{", encoding="utf-8"
                )
                and folder
            ),
            id="malformed",
        ),
    ],
)
def test_no_artifact_turns_the_verdict_green(
    repos: PullRequestRepos, fake: FakeGitHub, tmp_path: Path, artifact: Any
) -> None:
    head = _forged_pr(repos, fake)
    folder = artifact(tmp_path / "artifact", head)
    done = _poster(fake, repos, head, tmp_path, artifact=folder)
    assert done["verdict"]["crosscheck"]["outcome"] in {"differ", "missing"}
    assert fake.status_of(head, STATUS_CONTEXT)["state"] == "failure"
    assert PASSED not in fake.issue_labels[7]
    assert "✅ **资格审查通过**" not in fake.comments[7][0]["body"]


def test_a_second_workflow_named_like_ours_is_ignored(
    repos: PullRequestRepos, fake: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repos.fork.write(".github/workflows/evil.yml", FORGED_WORKFLOW)
    _failing_town(repos)
    repos.fork.commit("申报")
    head = repos.push_pull(7)
    fake.add_pr(7, head)
    for path, wid in ((".github/workflows/evil.yml", 999), (PR_CHECK, 999), (PR_CHECK + "@evil.yml", 999)):
        assert _poster(fake, repos, head, tmp_path, workflow_path=path, workflow_id=wid) == {"fetched": False}
        assert "跳过：" in capsys.readouterr().out
    assert fake.writes() == [] and fake.statuses == {}
    # the run of our own pr-check.yml for the same commit is judged, and reports the new workflow
    done = _poster(
        fake,
        repos,
        head,
        tmp_path,
        artifact=write_artifact(tmp_path / "a", sample_report(findings=[]), head=head),
    )
    assert ("E-DUTY-004", ".github/workflows/evil.yml") in {
        (f["code"], f["file"]) for f in done["verdict"]["report"]["findings"]
    }
    assert fake.status_of(head, STATUS_CONTEXT)["state"] == "failure"


def test_a_clean_pull_request_passes(repos: PullRequestRepos, fake: FakeGitHub, tmp_path: Path) -> None:
    """The verdict can be green: a valid, eligible town and nothing else."""
    repos.add_held_out_town()
    repos.fork.commit("申报")
    head = repos.push_pull(7)
    fake.add_pr(7, head)
    artifact = tmp_path / "artifact"
    done = _poster(fake, repos, head, tmp_path, artifact=artifact)
    assert [f for f in done["verdict"]["report"]["findings"] if f["severity"] == "error"] == []
    assert fake.status_of(head, STATUS_CONTEXT)["state"] == "success"
    assert PASSED in fake.issue_labels[7]
    assert "✅ **资格审查通过**" in fake.comments[7][0]["body"]


def test_the_pull_requests_own_program_data_does_not_judge_it(repos: PullRequestRepos) -> None:
    """Loosening the thresholds in its own `program.yaml` does not make a town eligible."""
    town = repos.add_held_out_town()
    program = repos.fork.root / "program.yaml"
    program.write_text(program.read_text(encoding="utf-8") + "\nbroken: [\n", encoding="utf-8")
    repos.fork.commit("申报")
    head = repos.push_pull(7)
    fetch_pull_head(repos.runner.root, 7, head)
    checked = trusted_check(repos.runner.root, head, today=TODAY)
    codes = {(f.code, f.file) for f in checked.result.findings}
    assert ("E-DUTY-004", "program.yaml") in codes
    assert any(f.file == "program.yaml" and f.code.startswith("E-YAML") for f in checked.result.findings)
    assert [t.folder for t in checked.result.towns] == [town]


def test_fetch_refuses_a_moved_head(repos: PullRequestRepos) -> None:
    repos.fork.write("submissions/guangzhou/x/report.md")
    old = repos.fork.commit("一")
    repos.push_pull(7)
    repos.fork.write("submissions/guangzhou/x/report.md", "改\n")
    repos.fork.commit("二")
    repos.push_pull(7)
    with pytest.raises(NotOurs, match="结果已过期"):
        fetch_pull_head(repos.runner.root, 7, old)


def test_unrelated_history_is_a_finding_not_a_crash(repos: PullRequestRepos) -> None:
    repos.fork.git("checkout", "-q", "--orphan", "lonely")
    repos.fork.write("submissions/guangzhou/x/report.md")
    repos.fork.commit("无关的历史")
    head = repos.push_pull(7)
    fetch_pull_head(repos.runner.root, 7, head)
    checked = trusted_check(repos.runner.root, head, today=TODAY)
    assert [f.code for f in checked.result.findings] == ["E-PR-003"]
    assert trusted_report(checked.result).errors()


def test_unknown_commit_is_explained(repos: PullRequestRepos) -> None:
    with pytest.raises(TrustedRunError, match="towns github fetch"):
        trusted_check(repos.runner.root, "a" * 40)


def test_fetched_head_is_kept_under_our_own_ref(repos: PullRequestRepos) -> None:
    repos.add_held_out_town()
    repos.fork.commit("申报")
    head = repos.push_pull(12)
    assert fetch_pull_head(repos.runner.root, 12, head) == pull_ref(12)
    assert repos.runner.git("rev-parse", pull_ref(12)).strip() == head
    assert repos.runner.git("rev-parse", "HEAD").strip() != head


def test_an_event_without_a_workflow_path_is_decided_by_the_workflow_id(
    repos: PullRequestRepos, fake: FakeGitHub, tmp_path: Path
) -> None:
    """GitHub Enterprise Server's examples of the event carry no path: the id alone then decides."""
    head = _forged_pr(repos, fake)
    assert _poster(fake, repos, head, tmp_path, workflow_path="", workflow_id=999) == {"fetched": False}
    done = _poster(fake, repos, head, tmp_path, workflow_path="")
    assert done["fetched"] and fake.status_of(head, STATUS_CONTEXT)["state"] == "failure"


def test_only_attachments_of_untouched_towns_are_placeholders() -> None:
    placeholder = untouched_attachment(frozenset({"submissions/guangzhou/a"}))
    assert placeholder("submissions/shenzhen/b/attachments/scan.pdf")
    assert placeholder("submissions/shenzhen/b/attachments/sub/scan.pdf")
    assert not placeholder("submissions/guangzhou/a/attachments/scan.pdf")
    assert not placeholder("submissions/shenzhen/b/declaration.yaml")
    assert not placeholder("submissions/shenzhen/b/report.md")
    assert not placeholder("records/shenzhen/attachments/x/y.yaml")


PUBLISHED_BATCH = """schema_version: 1
year: 2016
date: 2016-07-10
document_number: 粤经信创新函〔2016〕88号
creation_list:
  - jiaoguang-1
not_selected: []
"""


def test_the_trusted_run_holds_published_records_and_names_the_reviewers(repos: PullRequestRepos) -> None:
    """The same `check_pull_request` as `--changed-since`: a rewritten published decision is refused."""
    batch = "decisions/batches/2016.yaml"
    repos.runner.write(batch, PUBLISHED_BATCH)
    repos.runner.commit("公布名单")
    repos.runner.git("push", "-q", "origin", "HEAD:main")
    repos.fork.git("pull", "-q", "--rebase", "origin", "main")
    repos.fork.write(batch, PUBLISHED_BATCH.replace("not_selected: []", "not_selected:\n  - lelin-2"))
    repos.fork.commit("改名单")
    head = repos.push_pull(7)
    fetch_pull_head(repos.runner.root, 7, head)
    checked = trusted_check(repos.runner.root, head, today=TODAY)
    assert [(f.code, f.line) for f in checked.result.findings if f.code.startswith("E-PUB")] == [
        ("E-PUB-001", 8)
    ]
    report = trusted_report(checked.result)
    assert report.review is not None and report.review.role == "province"
    assert [a.sentence for a in report.review.areas] == ["本 PR 修改了省级决定，须由省经济和信息化委审核"]
