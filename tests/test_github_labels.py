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
from towns.github.rest import Api, open_repository
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


def _api(fake: FakeGitHub) -> Api:
    return open_repository(github3.GitHubEnterprise(fake.root_url, token="t"), fake.full_name)


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
    api = _api(fake)
    first = sync_labels(api, 7, desired_labels(Report.model_validate(sample_report()), program), specs)
    assert first.added == ("产业型", "广州市", NEEDS_CHANGES)
    assert first.created == ("产业型", NEEDS_CHANGES)
    assert first.removed == ()
    assert fake.labels["产业型"]["color"] == "1d76db"
    assert sorted(fake.issue_labels[7]) == sorted(["优先处理", "产业型", "广州市", NEEDS_CHANGES])

    fixed = sample_report(findings=[])
    fixed["towns"][0] |= {"type": "application", "city": "shantou"}
    api = _api(fake)
    second = sync_labels(api, 7, desired_labels(Report.model_validate(fixed), program), specs)
    assert second.added == ("应用型", "汕头市", PASSED)
    assert second.removed == ("产业型", "广州市", NEEDS_CHANGES)
    assert sorted(fake.issue_labels[7]) == sorted(["优先处理", "应用型", "汕头市", PASSED])
    deletes = [c.path.rsplit("/", 1)[1] for c in fake.calls if c.method == "DELETE"]
    assert deletes == ["产业型", "广州市", NEEDS_CHANGES]

    api = _api(fake)
    third = sync_labels(api, 7, desired_labels(Report.model_validate(fixed), program), specs)
    assert (third.added, third.removed) == ((), ())


def test_403_on_labels(fake: FakeGitHub, program: Program) -> None:
    fake.forbid_writes = True
    api = _api(fake)
    with pytest.raises(GitHubAccessError, match="403"):
        sync_labels(api, 7, {"产业型"}, managed_labels(program))


def test_a_label_removed_meanwhile_is_not_a_failure(fake: FakeGitHub, program: Program) -> None:
    """GitHub answers 404 when the label is already gone (a reviewer or another run removed it)."""
    fake.add_label(NEEDS_CHANGES)
    fake.issue_labels[7] = [NEEDS_CHANGES, "广州市"]
    fake.add_label("广州市")
    fake.removed_meanwhile.add(NEEDS_CHANGES)
    changes = sync_labels(_api(fake), 7, {"广州市"}, managed_labels(program))
    assert changes.removed == (NEEDS_CHANGES,)
    assert fake.issue_labels[7] == ["广州市"]
    assert [e.status for e in fake.exchanges if e.method == "DELETE"] == [404]


def test_a_concurrently_created_label_is_not_a_failure(fake: FakeGitHub, program: Program) -> None:
    """The repository label is listed as missing, then exists when we create it: GitHub answers 422."""
    api = _api(fake)
    original = fake._post_label

    def create_twice(request: Any, body: Any) -> Any:
        original(request, body)  # another run created it a moment earlier
        return original(request, body)

    fake._post_label = create_twice  # type: ignore[method-assign]
    changes = sync_labels(api, 7, {"产业型"}, managed_labels(program))
    assert changes.created == () and changes.added == ("产业型",)
    created = [e.status for e in fake.exchanges if e.path == f"/api/v3/repos/{fake.full_name}/labels"]
    assert created == [200, 422]  # the list, then the refused creation
