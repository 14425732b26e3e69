"""End to end through the same commands the workflows run: a real PR branch, `towns check`, the poster."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import github3
import pytest
from pytest_httpserver import HTTPServer

from github_fakes import BOT, HEAD, FakeGitHub, sample_report, write_artifact
from gitrepo import GitRepo
from towns.cli import main
from towns.github.artifact import REPORT_MAX_BYTES
from towns.github.client import connect
from towns.github.comment import MARKER

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fake(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    monkeypatch.setenv("GITHUB_TOKEN", "fake-token")
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    f = FakeGitHub(httpserver).install()
    f.add_pr(7, HEAD)
    return f


def _gh(fake: FakeGitHub, command: str, *args: str) -> list[str]:
    return ["github", command, "--repo", fake.full_name, "--api-url", fake.base, "--root", str(ROOT), *args]


def test_pull_request_branch_end_to_end(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    """An applicant scaffolds a town and also slips in a forged decision."""
    repo = GitRepo(tmp_path / "registry")
    shutil.copy(ROOT / "program.yaml", repo.root / "program.yaml")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "apply")
    assert main(["new", "guangzhou", "demo-town", "--type", "industry", "--root", str(repo.root)]) == 0
    repo.write("decisions/batches/2026.yaml", "towns: [demo-town]\n")
    repo.commit("申报 demo-town")
    capsys.readouterr()

    root = ["--root", str(repo.root), "--changed-since", "main"]
    assert main(["check", *root, "--format", "github"]) == 1
    annotations = capsys.readouterr().out
    assert "::error file=decisions/batches/2026.yaml,line=1,col=1,title=E-DUTY-003::" in annotations
    art = tmp_path / "artifact"
    art.mkdir()
    assert main(["check", *root, "--format", "json", "--output", str(art / "report.json")]) == 1
    (art / "pr.json").write_text(json.dumps({"number": 7, "head_sha": HEAD}), encoding="utf-8")

    args = ["--artifact", str(art), "--pr", "7", "--head-sha", HEAD]
    assert main(_gh(fake, "comment", *args)) == 0
    assert main(_gh(fake, "labels", *args)) == 0
    assert main(_gh(fake, "comment", *args)) == 0
    out = capsys.readouterr().out
    assert "检查结果评论已发布" in out and "无变化" in out
    [comment] = fake.comments[7]
    assert comment["user"]["login"] == BOT and comment["body"].startswith(MARKER)
    assert "`E-DUTY-003`" in comment["body"] and "申报拉取请求不能修改省级决定" in comment["body"]
    assert "❌ **需要修改**" in comment["body"]
    assert {"广州市", "需要修改"} <= set(fake.issue_labels[7])
    assert "资格审查通过" not in fake.issue_labels[7]


@pytest.mark.parametrize(
    ("pr_json", "message"),
    [
        ({"number": 8, "head_sha": HEAD}, "pr.json 中的拉取请求编号 8 与触发本工作流的拉取请求 7 不一致"),
        ({"number": "7", "head_sha": HEAD}, "pr.json 格式不符"),
        ({"number": True, "head_sha": HEAD}, "pr.json 格式不符"),
        ({"number": -7, "head_sha": HEAD}, "pr.json 格式不符"),
        ({"number": 7, "head_sha": "0" * 40}, "与触发工作流的提交不一致"),
        ({"number": 7, "head_sha": "main; rm -rf /"}, "pr.json 格式不符"),
    ],
)
def test_forged_pr_json_is_refused_before_any_request(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str], pr_json: Any, message: str
) -> None:
    art = write_artifact(tmp_path / "a", sample_report())
    (art / "pr.json").write_text(json.dumps(pr_json), encoding="utf-8")
    assert main(_gh(fake, "comment", "--artifact", str(art), "--pr", "7", "--head-sha", HEAD)) == 1
    assert message in capsys.readouterr().err
    assert fake.calls == []


def test_oversized_report_is_refused_unread(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    art = write_artifact(tmp_path / "a", sample_report())
    with (art / "report.json").open("r+b") as handle:
        handle.truncate(REPORT_MAX_BYTES + 1)
    assert main(_gh(fake, "comment", "--artifact", str(art), "--pr", "7")) == 1
    assert f"超过上限 {REPORT_MAX_BYTES} 字节，拒绝读取" in capsys.readouterr().err
    assert fake.calls == []


def test_symlinked_report_is_refused(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    art = write_artifact(tmp_path / "a", sample_report())
    secret = tmp_path / "secret.json"
    secret.write_text("{}", encoding="utf-8")
    (art / "report.json").unlink()
    (art / "report.json").symlink_to(secret)
    assert main(_gh(fake, "comment", "--artifact", str(art), "--pr", "7")) == 1
    assert "不是普通文件" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("report", "message"),
    [
        ("{not json", "report.json 不是有效的 JSON"),
        (json.dumps(sample_report(format_version=2)), "report.json 格式不符"),
        (json.dumps(sample_report(findings=[{"code": "E-X-1"}])), "report.json 格式不符"),
        ("[" * 100000 + "]" * 100000, "report.json 不是有效的 JSON"),
    ],
)
def test_malformed_reports(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str], report: str, message: str
) -> None:
    art = write_artifact(tmp_path / "a", sample_report())
    (art / "report.json").write_text(report, encoding="utf-8")
    assert main(_gh(fake, "comment", "--artifact", str(art), "--pr", "7")) == 1
    assert message in capsys.readouterr().err


def test_stale_head_is_not_posted(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.pr_heads[7] = "f" * 40
    art = write_artifact(tmp_path / "a", sample_report())
    assert main(_gh(fake, "comment", "--artifact", str(art), "--pr", "7", "--head-sha", HEAD)) == 1
    assert "报告已过期或编号不符" in capsys.readouterr().err
    assert fake.writes() == []


def test_plain_issue_number_is_refused(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.add_pr(9, HEAD)
    del fake.issues[9]["pull_request"]
    art = write_artifact(tmp_path / "a", sample_report(), number=9)
    assert main(_gh(fake, "comment", "--artifact", str(art), "--pr", "9")) == 1
    assert "#9 不是本仓库的拉取请求" in capsys.readouterr().err


def test_read_only_token_exits_1_with_explanation(
    tmp_path: Path, fake: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.forbid_writes = True
    art = write_artifact(tmp_path / "a", sample_report())
    assert main(_gh(fake, "comment", "--artifact", str(art), "--pr", "7")) == 1
    err = capsys.readouterr().err
    assert "错误：GitHub 拒绝了请求（403" in err and "pull-requests: write" in err
    assert "Traceback" not in err


def test_missing_token_is_a_usage_error(
    tmp_path: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")
    art = write_artifact(tmp_path / "a", sample_report())
    assert main(_gh(fake, "comment", "--artifact", str(art), "--pr", "7")) == 2
    assert "GITHUB_TOKEN" in capsys.readouterr().err


def test_dry_run_prints_without_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(sample_report()), encoding="utf-8")
    assert main(["github", "comment", "--report", str(report), "--pr", "3", "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith(MARKER + "\n## 互联网+小镇申报检查结果")


def test_remind_from_stdin(
    fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    due = {
        "format_version": 1,
        "on": "2026-12-01",
        "obligations": [
            {
                "town": "chaoshan-silk",
                "town_name": "潮汕丝路小镇（虚构）",
                "city": "shantou",
                "city_name": "汕头市",
                "kind": "annual_report",
                "year": 2026,
                "due": "2027-01-10",
                "status": "due",
            }
        ],
    }
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(due).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(_gh(fake, "remind", "--due", "-")) == 0
    assert "年度提醒议题 #8：created" in capsys.readouterr().out
    assert fake.issues[8]["title"] == "2026 年度报送提醒"


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
