"""Pull-request labels against a fake GitHub: added, removed, created, and unmanaged ones left alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import github3
import pytest
from pytest_httpserver import HTTPServer

from github_fakes import HEAD, FakeGitHub, sample_report
from towns.github.artifact import Report
from towns.github.client import GitHubAccessError
from towns.github.labels import NEEDS_CHANGES, PASSED, desired_labels, managed_labels, sync_labels
from towns.models.program import Program
from towns.program import load_program_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program_file(ROOT / "program.yaml")


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGitHub:
    f = FakeGitHub(httpserver).install()
    f.add_pr(7, HEAD)
    return f


def _repo_issue(fake: FakeGitHub) -> tuple[Any, Any]:
    repo = github3.GitHubEnterprise(fake.root_url, token="t").repository(*fake.full_name.split("/"))
    return repo, repo.issue(7)


def test_desired_labels_come_from_program_not_report(program: Program) -> None:
    report = sample_report()
    report["towns"][0]["city_name"] = "免审通过"
    assert desired_labels(Report.model_validate(report), program) == {"产业型", "广州市", NEEDS_CHANGES}
    report["towns"][0]["city"] = "atlantis"
    assert desired_labels(Report.model_validate(report), program) == {"产业型", NEEDS_CHANGES}


def test_labels_added_then_switched(fake: FakeGitHub, program: Program) -> None:
    specs = managed_labels(program)
    fake.add_label("广州市", "c5def5", "已存在")
    fake.add_label("优先处理")
    fake.issue_labels[7] = ["优先处理"]
    repo, issue = _repo_issue(fake)
    first = sync_labels(repo, issue, desired_labels(Report.model_validate(sample_report()), program), specs)
    assert first.added == ("产业型", "广州市", NEEDS_CHANGES)
    assert first.created == ("产业型", NEEDS_CHANGES)
    assert first.removed == ()
    assert fake.labels["产业型"]["color"] == "1d76db"
    assert sorted(fake.issue_labels[7]) == sorted(["优先处理", "产业型", "广州市", NEEDS_CHANGES])

    fixed = sample_report(findings=[])
    fixed["towns"][0] |= {"type": "application", "city": "shantou"}
    repo, issue = _repo_issue(fake)
    second = sync_labels(repo, issue, desired_labels(Report.model_validate(fixed), program), specs)
    assert second.added == ("应用型", "汕头市", PASSED)
    assert second.removed == ("产业型", "广州市", NEEDS_CHANGES)
    assert sorted(fake.issue_labels[7]) == sorted(["优先处理", "应用型", "汕头市", PASSED])
    deletes = [c.path.rsplit("/", 1)[1] for c in fake.calls if c.method == "DELETE"]
    assert deletes == ["产业型", "广州市", NEEDS_CHANGES]

    repo, issue = _repo_issue(fake)
    third = sync_labels(repo, issue, desired_labels(Report.model_validate(fixed), program), specs)
    assert (third.added, third.removed) == ((), ())


def test_403_on_labels(fake: FakeGitHub, program: Program) -> None:
    fake.forbid_writes = True
    repo, issue = _repo_issue(fake)
    with pytest.raises(GitHubAccessError, match="403"):
        sync_labels(repo, issue, {"产业型"}, managed_labels(program))
