"""The sticky report comment: exact rendering, hostile reports, and create-then-update on a fake GitHub."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import github3
import pytest
from pytest_httpserver import HTTPServer

from github_fakes import BOT, HEAD, FakeGitHub, sample_report
from golden_files import assert_golden
from towns.github.artifact import Report
from towns.github.client import GitHubAccessError
from towns.github.comment import (
    GITHUB_COMMENT_LIMIT,
    MARKER,
    Action,
    Verdict,
    post_sticky,
    render_comment,
    verdict,
)
from towns.github.rest import Api, open_repository

GOLDEN = Path(__file__).parent / "golden" / "github"
ZWJ = "\u200d"


def _report(**overrides: Any) -> Report:
    return Report.model_validate(sample_report(**overrides))


@pytest.fixture
def fake(httpserver: HTTPServer) -> FakeGitHub:
    f = FakeGitHub(httpserver).install()
    f.add_pr(7, HEAD)
    return f


def _api(fake: FakeGitHub) -> Api:
    return open_repository(github3.GitHubEnterprise(fake.root_url, token="fake-token"), fake.full_name)


def test_sample_comment_golden() -> None:
    assert_golden(GOLDEN / "comment_sample.md", render_comment(_report(), HEAD))


def test_hostile_report_is_rendered_inert() -> None:
    hostile = sample_report()
    town = hostile["towns"][0]
    town["name"] = "恶意小镇 | 伪造 | 列 |\n\n<!-- towns-report:v1 -->\n<script>alert(1)</script>"
    town["city_name"] = "@octocat"
    finding = hostile["findings"][0]
    finding["file"] = "submissions/x/`y`/[点我](https://evil.example)"
    finding["message"] = "</details>\n\n| 伪造 | 表格 |\n|---|---|\n| ✅ | 资格审查通过 |"
    finding["hint"] = "请联系 @example-province/province-review 或访问 www.evil.example #1"
    finding["field"] = "a|b"
    body = render_comment(Report.model_validate(hostile), HEAD)
    assert_golden(GOLDEN / "comment_hostile.md", body)
    assert body.count(MARKER) == 1 and body.startswith(MARKER)
    assert "<script>" not in body and "</details>\n\n|" not in body
    assert "@octocat" not in body and f"@{ZWJ}octocat" in body
    assert (
        "| 恶意小镇 &#124; 伪造 &#124; 列 &#124; &#60;&#33;-- towns-report:v1 --&#62; "
        "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;（tianhe-cloud） | 产业型 | @\u200doctocat |"
    ) in body
    row = next(line for line in body.splitlines() if "E-SCHEMA-001" in line)
    assert row.count(" | ") == 3, "the hostile values must not add table cells"


def test_oversized_report_is_truncated_with_notice() -> None:
    one = sample_report()["findings"][0]
    many = [{**one, "message": "很长的说明" * 60, "line": i + 1} for i in range(5000)]
    body = render_comment(_report(findings=many), HEAD)
    assert len(body) <= GITHUB_COMMENT_LIMIT
    shown = body.count("E-SCHEMA-001")
    assert 50 < shown < 5000
    assert f"另有 {5000 - shown} 条结果未显示" in body
    assert body.rstrip().endswith("地市主管部门才能审核通过。")


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, Verdict.NEEDS_CHANGES),
        ({"findings": []}, Verdict.PASSED),
        ({"findings": [], "towns": []}, Verdict.NO_TOWNS),
        ({"summary": {"errors": 0, "warnings": 0, "towns": 1}}, Verdict.NEEDS_CHANGES),
    ],
)
def test_verdict_counts_findings_not_the_summary(overrides: dict[str, Any], expected: Verdict) -> None:
    assert verdict(_report(**overrides)) is expected


def test_ineligible_town_needs_changes() -> None:
    report = sample_report(findings=[])
    report["towns"][0]["eligibility"]["eligible"] = False
    assert verdict(Report.model_validate(report)) is Verdict.NEEDS_CHANGES


def test_first_run_creates_second_updates_third_is_quiet(fake: FakeGitHub) -> None:
    first = post_sticky(_api(fake), 7, render_comment(_report(), HEAD), BOT)
    assert first.action is Action.CREATED
    second = post_sticky(_api(fake), 7, render_comment(_report(findings=[]), HEAD), BOT)
    assert second.action is Action.UPDATED and second.comment_id == first.comment_id
    third = post_sticky(_api(fake), 7, render_comment(_report(findings=[]), HEAD), BOT)
    assert third.action is Action.UNCHANGED
    writes = [(c.method, c.path) for c in fake.writes()]
    repo = f"/repos/{fake.full_name}"
    assert writes == [
        ("POST", f"{repo}/issues/7/comments"),
        ("PATCH", f"{repo}/issues/comments/{first.comment_id}"),
    ]
    assert len(fake.comments[7]) == 1
    assert "资格审查通过" in fake.comments[7][0]["body"]


def test_marker_in_someone_elses_comment_is_not_touched(fake: FakeGitHub) -> None:
    forged = fake.add_comment(7, MARKER + "\n伪造的检查结果：全部通过", "mallory")
    ghost = fake.add_comment(7, MARKER + "\n作者的账号已注销", None)  # GitHub sends user: null
    quoted = fake.add_comment(7, "引用机器人：\n" + MARKER, BOT)
    posted = post_sticky(_api(fake), 7, render_comment(_report(), HEAD), BOT)
    assert posted.action is Action.CREATED
    assert forged["body"].endswith("全部通过") and quoted["body"].startswith("引用")
    assert ghost["body"].endswith("已注销")
    assert [c.method for c in fake.writes()] == ["POST"]


def test_sticky_found_on_a_later_page(httpserver: HTTPServer) -> None:
    fake = FakeGitHub(httpserver, page_size=3).install()
    fake.add_pr(7, HEAD)
    for i in range(7):
        fake.add_comment(7, f"讨论 {i}", "reviewer")
    old = fake.add_comment(7, MARKER + "\n旧结果", BOT)
    fake.add_comment(7, "再讨论", "applicant")
    posted = post_sticky(_api(fake), 7, render_comment(_report(), HEAD), BOT)
    assert posted.action is Action.UPDATED and posted.comment_id == old["id"]
    pages = [c.query.get("page", "1") for c in fake.calls if c.path.endswith("/issues/7/comments")]
    assert pages == ["1", "2", "3"]


def test_read_only_token_gets_a_clear_message(fake: FakeGitHub) -> None:
    fake.forbid_writes = True
    with pytest.raises(GitHubAccessError) as caught:
        post_sticky(_api(fake), 7, render_comment(_report(), HEAD), BOT)
    message = str(caught.value)
    assert message.startswith("GitHub 拒绝了请求（403：Resource not accessible by integration）")
    assert "pull-requests: write" in message and "workflow_run" in message


def test_notes_appear_under_the_headline() -> None:
    body = render_comment(_report(), HEAD, notes=["第一段说明", "> 第二段"])
    lines = body.splitlines()
    meta = next(i for i, line in enumerate(lines) if line.startswith("检查工具版本"))
    assert lines[meta + 1 : meta + 5] == ["", "第一段说明", "", "> 第二段"]


def _decision_report() -> Report:
    """The trusted report of a pull request that adds two of the demonstration decisions."""
    import datetime as dt  # noqa: PLC0415 - only these tests run a check

    from towns.check import run_check  # noqa: PLC0415
    from towns.github.verdict import trusted_report  # noqa: PLC0415

    repo = Path(__file__).resolve().parent.parent
    paths = [
        "decisions/batches/2017.yaml",
        "decisions/evaluations/2019.yaml",
        "decisions/namings/2021-first.yaml",
    ]
    return trusted_report(run_check(repo, paths=paths, today=dt.date(2026, 11, 30)))


def test_a_decision_pull_request_says_what_the_decisions_do() -> None:
    body = render_comment(_decision_report(), HEAD)
    assert_golden(GOLDEN / "comment_decisions.md", body)
    assert (
        "合并后：列入创建名单 3 个；由培育名单列入创建名单 1 个；列入培育名单 2 个；"
        "分批审核未入选 1 个；条件豁免 2 项。" in body
    )
    assert "年度考核 11 个（良好 3、降格 1、优秀 2、合格 5）；降格为培育小镇 1 个" in body
    assert "| ⚠️ 验收不合格 |" in body and "终止创建" in body


def test_missing_conclusions_and_unread_records_are_shown() -> None:
    data = sample_report(
        records=[
            {
                "file": "decisions/batches/2019.yaml",
                "kind": "batch",
                "kind_name": "分批审核结果",
                "effects": [],
                "waivers": [],
                "missing_conclusions": [{"town": "x", "town_name": "某小镇", "missing": ["交通与公共服务"]}],
            },
            {
                "file": "decisions/evaluations/2019.yaml",
                "kind": "evaluation",
                "kind_name": "年度考核结果",
                "read": False,
            },
        ]
    )
    body = render_comment(Report.model_validate(data), HEAD)
    assert "⚠️ 缺少审核意见的小镇 1 个" in body
    assert "| 某小镇（x） | ⚠️ 缺少审核意见 | 交通与公共服务 |" in body
    assert "修改之前不计入任何小镇的状态" in body


def test_hostile_record_effects_are_rendered_inert() -> None:
    effect = {
        "town": "x",
        "town_name": "恶意 | 小镇 @octocat",
        "date": "2021-01-01",
        "event": "acceptance_failed",
        "title": "验收不合格",
        "details": {"reason": "</details>\n| ✅ | 资格审查通过 |<script>alert(1)</script>"},
    }
    record = {
        "file": "decisions/namings/a|b.yaml",
        "kind": "naming",
        "kind_name": "验收命名",
        "effects": [effect],
    }
    body = render_comment(Report.model_validate(sample_report(records=[record])), HEAD)
    assert "<script>" not in body and "@octocat" not in body and "</details>\n|" not in body
    row = next(line for line in body.splitlines() if "验收不合格 |" in line)
    assert row.count(" | ") == 2, "the hostile values must not add table cells"
