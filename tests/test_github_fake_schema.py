"""The fake GitHub answers as GitHub's own REST description says, and the workflow reads real fields.

Every route of the fake is exercised through the loop's own functions (plus the error answers), and
every request and answer exchanged is validated against `@octokit/openapi` for github.com and the
newest GitHub Enterprise Server release it describes. The ``workflow_run`` fields the poster's
workflow reads are looked up in `@octokit/webhooks-examples`. Both packages come from
`tools/node/package-lock.json` (`python3 scripts/dev.py setup`); the tests skip without them locally
and fail in CI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import github3
import jsonschema
import pytest
from pytest_httpserver import HTTPServer

import openapi_spec
from github_fakes import BOT, HEAD, FakeGitHub, error_json, issue_json, sample_obligation, user_json
from towns.github.comment import post_sticky
from towns.github.labels import managed_labels, sync_labels
from towns.github.pulls import PR_CHECK_WORKFLOW, RunInfo, check_workflow, is_pr_check_path, resolve_pull
from towns.github.remind import sync_reminder, validate_due
from towns.github.rest import Api, GitHubRefused, open_repository
from towns.github.status import set_status
from towns.models.program import Program
from towns.program import load_program_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def _spec_installed() -> None:
    if not openapi_spec.available():
        if os.environ.get("CI"):
            pytest.fail("@octokit/openapi is required in CI (run `python3 scripts/dev.py setup`)")
        pytest.skip("@octokit/openapi is not installed (npm ci --prefix tools/node)")


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program_file(ROOT / "program.yaml")


def _api(fake: FakeGitHub) -> Api:
    return open_repository(github3.GitHubEnterprise(fake.root_url, token="t"), fake.full_name)


def _exercise(fake: FakeGitHub, program: Program, sample: Any) -> None:
    """Drive every route of the fake, successes and the error answers the loop meets."""
    fake.add_pr(7, HEAD)
    fake.add_pr(8, "f" * 40, author=None, state="closed", merged=True)
    fake.add_comment(7, "作者已注销", None)
    fake.add_label("广州市")
    api = _api(fake)
    check_workflow(api, RunInfo(HEAD, PR_CHECK_WORKFLOW, fake.workflows["pr-check.yml"]))
    resolve_pull(api, RunInfo(HEAD, head_owner="applicant", head_branch="apply"))
    resolve_pull(api, RunInfo(HEAD, number=7))
    post_sticky(api, 7, "<!-- towns-report:v1 -->\n第一次", BOT)
    post_sticky(api, 7, "<!-- towns-report:v1 -->\n第二次", BOT)
    specs = managed_labels(program)
    sync_labels(api, 7, {"产业型", "广州市"}, specs)
    fake.removed_meanwhile.add("产业型")  # a reviewer removes it meanwhile: the DELETE answers 404
    sync_labels(api, 7, set(), specs)
    set_status(api, HEAD, sample)
    due = validate_due(
        {"format_version": 1, "on": "2026-12-01", "obligations": [sample_obligation()]}, "due.json"
    )
    sync_reminder(api, due, program, BOT)
    sync_reminder(api, validate_due({**due.model_dump(), "obligations": []}, "due.json"), program, BOT)
    for parts in (("actions", "workflows", "missing.yml"), ("pulls", 99), ("issues", 99)):
        with pytest.raises(GitHubRefused):
            api.get(*parts)
    api.get("issues", 7)
    with pytest.raises(GitHubRefused):
        api.post("labels", body={"name": "广州市", "color": "c5def5"})
    fake.forbid_writes = True
    with pytest.raises(GitHubRefused):
        api.post("issues", 7, "comments", body={"body": "x"})


@pytest.fixture
def exercised(httpserver: HTTPServer, program: Program) -> FakeGitHub:
    from github_fakes import sample_report  # noqa: PLC0415
    from towns.github.artifact import Report  # noqa: PLC0415

    fake = FakeGitHub(httpserver).install()
    _exercise(fake, program, Report.model_validate(sample_report()))
    return fake


def test_every_route_of_the_fake_is_exercised(exercised: FakeGitHub) -> None:
    seen = {(e.method, e.path.removeprefix("/api/v3")) for e in exercised.exchanges}
    for method, pattern, _ in exercised._routes():
        assert any(m == method and re.fullmatch(pattern, p) for m, p in seen), f"{method} {pattern}"
    statuses = {e.status for e in exercised.exchanges}
    assert {200, 201, 403, 404, 422} <= statuses


@pytest.mark.parametrize("host", openapi_spec.hosts() if openapi_spec.available() else ["api.github.com"])
def test_every_exchange_fits_the_rest_description(exercised: FakeGitHub, host: str) -> None:
    spec = openapi_spec.spec(host)
    for e in exercised.exchanges:
        where = f"{host} {e.method} {e.path} → {e.status}"
        try:
            spec.validate(e.method, e.path, e.status, e.response)
            if e.status < 400:
                spec.validate_request(e.method, e.path, e.request)
        except jsonschema.ValidationError as exc:
            pytest.fail(f"{where}: {exc.message} at {list(exc.absolute_path)}")


def test_the_validator_rejects_what_the_old_fake_sent() -> None:
    """Guards the validator itself: the answers the fake used to give are refused."""
    spec = openapi_spec.spec("api.github.com")
    base = "https://github.example.invalid/api/v3"
    issue = issue_json(base, "o/r", 1, title="t", body="", user=user_json(base, "u", 1), labels=[])
    spec.validate("GET", "/api/v3/repos/o/r/issues/1", 200, issue)
    issue["reactions"] = {"url": "x", "total_count": 0}
    with pytest.raises(jsonschema.ValidationError, match="'\\+1' is a required property"):
        spec.validate("GET", "/api/v3/repos/o/r/issues/1", 200, issue)
    with pytest.raises(jsonschema.ValidationError, match="documentation_url"):
        spec.validate("POST", "/api/v3/repos/o/r/labels", 422, {"message": "Validation Failed"})
    spec.validate("POST", "/api/v3/repos/o/r/labels", 422, error_json("Validation Failed", 422))
    with pytest.raises(jsonschema.ValidationError):
        spec.validate_request("POST", "/api/v3/repos/o/r/statuses/abc", {"state": "green"})


def test_null_users_are_what_the_description_allows() -> None:
    spec = openapi_spec.spec("api.github.com")
    base = "https://github.example.invalid/api/v3"
    issue = issue_json(base, "o/r", 1, title="t", body="", user=None, labels=[])
    spec.validate("GET", "/api/v3/repos/o/r/issues/1", 200, issue)


# ----- workflow_run: the fields pr-report.yml reads exist in GitHub's example payloads -----

_EXPRESSION = re.compile(r"github\.event\.([A-Za-z0-9_.\[\]]+)")


def _event_fields() -> set[str]:
    text = (ROOT / ".github" / "workflows" / "pr-report.yml").read_text(encoding="utf-8")
    return set(_EXPRESSION.findall(text))


def _lookup(payload: Any, dotted: str) -> Any:
    value = payload
    for part in re.split(r"\.|\[(\d+)\]", dotted):
        if part in (None, ""):
            continue
        value = value[int(part)] if part.isdigit() else value[part]
    return value


def test_workflow_run_fields_used_by_the_poster_exist_in_examples() -> None:
    examples = [e for e in openapi_spec.webhook_examples("workflow_run") if e["action"] == "completed"]
    assert examples
    fields = _event_fields()
    assert {"workflow_run.path", "workflow_run.workflow_id", "workflow_run.head_sha"} <= fields
    for dotted in sorted(fields):
        found = []
        for example in examples:
            try:
                found.append(_lookup(example, dotted))
            except (KeyError, IndexError, TypeError):
                continue
        assert found, f"github.event.{dotted} is in no completed workflow_run example"


def test_workflow_run_examples_have_the_types_the_tool_expects() -> None:
    for example in openapi_spec.webhook_examples("workflow_run"):
        run = example["workflow_run"]
        assert isinstance(run["workflow_id"], int) and isinstance(run["head_sha"], str)
        assert re.fullmatch(r"[0-9a-f]{40}", run["head_sha"])
        assert isinstance(run["pull_requests"], list)
        assert all(isinstance(p["number"], int) for p in run["pull_requests"])
        assert isinstance(run["head_repository"]["owner"]["login"], str)
        if run.get("path") is not None:
            assert not is_pr_check_path(run["path"]), "an example of another workflow must not pass"
