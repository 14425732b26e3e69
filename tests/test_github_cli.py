"""`towns github fetch|verdict|publish|remind` through the real command line, against a fake GitHub."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import github3
import pytest
from pytest_httpserver import HTTPServer

from github_fakes import BOT, FakeGitHub, sample_obligation, sample_report, write_artifact
from pull_requests import TODAY, PullRequestRepos, build
from towns.cli import main
from towns.github.artifact import REPORT_MAX_BYTES
from towns.github.client import connect
from towns.github.comment import MARKER
from towns.github.status import STATUS_CONTEXT


@pytest.fixture
def fake(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    monkeypatch.setenv("GITHUB_TOKEN", "fake-token")
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.delenv("GITHUB_OUTPUT", raising=False)
    return FakeGitHub(httpserver).install()


@pytest.fixture
def pr(tmp_path: Path, fake: FakeGitHub) -> tuple[PullRequestRepos, str]:
    """Pull request #7: a clean town, fetched into the runner's checkout."""
    repos = build(tmp_path / "repos")
    repos.add_held_out_town()
    repos.fork.commit("申报")
    head = repos.push_pull(7)
    fake.add_pr(7, head)
    assert main(["github", "fetch", *_conn(fake, repos), "--head-sha", head, "--pr", "7"]) == 0
    return repos, head


def _conn(fake: FakeGitHub, repos: PullRequestRepos) -> list[str]:
    return ["--repo", fake.full_name, "--api-url", fake.base, "--root", str(repos.runner.root)]


def _verdict(repos: PullRequestRepos, head: str, out: Path, *extra: str) -> int:
    args = ["--head-sha", head, "--output", str(out), "--today", TODAY.isoformat(), *extra]
    return main(["github", "verdict", "--root", str(repos.runner.root), *args])


def test_verdict_needs_no_token_and_no_network(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: FakeGitHub
) -> None:
    repos, head = pr
    monkeypatch.delenv("GITHUB_TOKEN")
    calls = len(fake.calls)
    summary = tmp_path / "summary.md"
    assert _verdict(repos, head, tmp_path / "v.json", "--pr", "7", "--summary", str(summary)) == 0
    run = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert run["number"] == 7 and run["head_sha"] == head
    assert run["base_sha"] == repos.runner.git("rev-parse", "HEAD").strip()
    assert run["crosscheck"]["outcome"] == "missing"
    assert len(fake.calls) == calls
    assert summary.read_text(encoding="utf-8").startswith("### ✅ 检查通过\n\n共检查 1 个小镇")


@pytest.mark.parametrize(
    ("write", "outcome", "detail"),
    [
        (
            lambda art: (art / "report.json").write_text("{not json", encoding="utf-8"),
            "differ",
            "不是有效的 JSON",
        ),
        (lambda art: (art / "report.json").unlink(), "missing", "没有找到"),
        (lambda art: _oversize(art / "report.json"), "differ", f"超过上限 {REPORT_MAX_BYTES} 字节"),
        (lambda art: _symlink(art / "report.json"), "differ", "不是普通文件"),
        (lambda art: (art / "pr.json").write_text('{"number": "7"}', encoding="utf-8"), "differ", "格式不符"),
    ],
)
def test_a_broken_artifact_is_only_a_failed_cross_check(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, write: Any, outcome: str, detail: str
) -> None:
    repos, head = pr
    art = write_artifact(tmp_path / "a", sample_report(), head=head)
    write(art)
    assert _verdict(repos, head, tmp_path / "v.json", "--pr", "7", "--artifact", str(art)) == 0
    run = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert run["crosscheck"]["outcome"] == outcome and detail in run["crosscheck"]["detail"]
    assert [f for f in run["report"]["findings"] if f["severity"] == "error"] == []


def _oversize(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(REPORT_MAX_BYTES + 1)


def _symlink(path: Path) -> None:
    path.unlink()
    path.symlink_to("/etc/passwd")


def test_publish_posts_comment_status_and_labels_once(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    repos, head = pr
    verdict = tmp_path / "v.json"
    assert _verdict(repos, head, verdict, "--pr", "7") == 0
    publish = ["github", "publish", *_conn(fake, repos), "--verdict", str(verdict)]
    assert main([*publish, "--target-url", "https://github.example.invalid/run/1"]) == 0
    assert main(publish) == 0
    out = capsys.readouterr().out
    assert "检查结果评论已发布" in out and "无变化，未修改" in out
    [comment] = fake.comments[7]
    assert comment["user"]["login"] == BOT and comment["body"].startswith(MARKER)
    first, second = fake.statuses[head]
    assert first["context"] == STATUS_CONTEXT and first["state"] == "success"
    assert first["target_url"] == "https://github.example.invalid/run/1" and second["target_url"] is None
    assert "资格审查通过" in fake.issue_labels[7]


def test_publish_needs_the_pull_request_number(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    repos, head = pr
    assert _verdict(repos, head, tmp_path / "v.json") == 0
    assert main(["github", "publish", *_conn(fake, repos), "--verdict", str(tmp_path / "v.json")]) == 2
    assert "没有拉取请求编号" in capsys.readouterr().err


def test_publish_skips_a_stale_head(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    repos, head = pr
    assert _verdict(repos, head, tmp_path / "v.json", "--pr", "7") == 0
    fake.pulls[7].head_sha = "f" * 40
    writes = len(fake.writes())
    assert main(["github", "publish", *_conn(fake, repos), "--verdict", str(tmp_path / "v.json")]) == 0
    assert "结果已过期" in capsys.readouterr().out
    assert len(fake.writes()) == writes


def test_a_damaged_verdict_file_is_refused(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    repos, _ = pr
    (tmp_path / "v.json").write_text('{"format_version": 1}', encoding="utf-8")
    assert main(["github", "publish", *_conn(fake, repos), "--verdict", str(tmp_path / "v.json")]) == 1
    assert "不是有效的可信检查结果" in capsys.readouterr().err
    assert fake.writes() == []


def test_read_only_token_exits_1_with_explanation(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    repos, head = pr
    assert _verdict(repos, head, tmp_path / "v.json", "--pr", "7") == 0
    fake.forbid_writes = True
    assert main(["github", "publish", *_conn(fake, repos), "--verdict", str(tmp_path / "v.json")]) == 1
    err = capsys.readouterr().err
    assert "错误：GitHub 拒绝了请求（403" in err and "statuses: write" in err
    assert "Traceback" not in err


def test_missing_token_is_a_usage_error(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos, head = pr
    monkeypatch.delenv("GITHUB_TOKEN")
    assert main(["github", "fetch", *_conn(fake, repos), "--head-sha", head, "--pr", "7"]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--head-sha", "main; rm -rf /"], "--head-sha 应为 40 或 64 位十六进制"),
        (["--head-sha", "a" * 40, "--pr", "-7"], "--pr 应为正整数"),
    ],
)
def test_bad_arguments_are_refused_before_any_request(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    conn = ["--repo", fake.full_name, "--api-url", fake.base]
    assert main(["github", "fetch", *conn, *args]) == 2
    assert message in capsys.readouterr().err
    assert fake.calls == []


def test_dry_run_prints_without_network(
    pr: tuple[PullRequestRepos, str], tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    repos, head = pr
    assert _verdict(repos, head, tmp_path / "v.json") == 0
    calls = len(fake.calls)
    capsys.readouterr()
    assert main(["github", "publish", "--verdict", str(tmp_path / "v.json"), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith(MARKER + "\n## 互联网+小镇申报检查结果")
    assert len(fake.calls) == calls


def test_remind_from_stdin(
    fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    due = {
        "format_version": 1,
        "on": "2026-12-01",
        "obligations": [sample_obligation()],
    }
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(due).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    root = Path(__file__).resolve().parent.parent
    args = ["--repo", fake.full_name, "--api-url", fake.base, "--root", str(root)]
    assert main(["github", "remind", *args, "--due", "-"]) == 0
    assert "年度提醒议题 #1：created" in capsys.readouterr().out
    assert fake.issues[1]["title"] == "2026 年度报送提醒"


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("https://api.github.com", "https://api.github.com"),
        ("https://github.example.gov.cn/api/v3", "https://github.example.gov.cn/api/v3"),
        ("https://github.example.gov.cn/api/v3/", "https://github.example.gov.cn/api/v3"),
        ("https://github.example.gov.cn", "https://github.example.gov.cn/api/v3"),
    ],
)
def test_api_url_for_github_and_enterprise_server(url: str, base: str) -> None:
    gh = connect("token", url)
    assert gh.session.base_url == base
    assert isinstance(gh, github3.GitHubEnterprise) == ("api.github.com" not in url)


@pytest.mark.parametrize("merged", [False, True], ids=["closed", "merged"])
def test_closed_or_merged_pull_requests_are_left_alone(
    pr: tuple[PullRequestRepos, str],
    tmp_path: Path,
    fake: FakeGitHub,
    capsys: pytest.CaptureFixture[str],
    merged: bool,
) -> None:
    """`pull_request_head` used to read only head.sha: a merged PR still got comments and labels."""
    repos, head = pr
    assert _verdict(repos, head, tmp_path / "v.json", "--pr", "7") == 0
    fake.pulls[7].state, fake.pulls[7].merged = "closed", merged
    writes = len(fake.writes())
    assert main(["github", "publish", *_conn(fake, repos), "--verdict", str(tmp_path / "v.json")]) == 0
    assert main(["github", "fetch", *_conn(fake, repos), "--head-sha", head, "--pr", "7"]) == 0
    fork = ["--head-owner", "applicant", "--head-branch", "apply"]
    assert main(["github", "fetch", *_conn(fake, repos), "--head-sha", head, *fork]) == 0
    out = capsys.readouterr().out
    assert out.count("跳过：") == 3 and "已关闭或已合并" in out
    assert len(fake.writes()) == writes


def test_a_pull_request_by_a_deleted_account_is_still_served(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub sends ``user: null`` for issues and comments of deleted accounts (github3 raised TypeError)."""
    repos = build(tmp_path / "repos")
    repos.add_held_out_town()
    repos.fork.commit("申报")
    head = repos.push_pull(7)
    fake.add_pr(7, head, author=None, head_owner="applicant")
    fake.add_comment(7, MARKER + "\n旧的评论，作者已注销", None)
    fork = ["--head-owner", "applicant", "--head-branch", "apply"]
    assert main(["github", "fetch", *_conn(fake, repos), "--head-sha", head, *fork]) == 0
    assert _verdict(repos, head, tmp_path / "v.json", "--pr", "7") == 0
    assert main(["github", "publish", *_conn(fake, repos), "--verdict", str(tmp_path / "v.json")]) == 0
    assert len(fake.comments[7]) == 2 and fake.comments[7][1]["user"]["login"] == BOT
    assert fake.status_of(head, STATUS_CONTEXT)["state"] == "success"
