"""The yearly tracking issue against a fake GitHub: created once, updated, closed, never duplicated."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import github3
import pytest
from pytest_httpserver import HTTPServer

from github_fakes import BOT, FakeGitHub
from towns.github.artifact import ArtifactError
from towns.github.remind import (
    LABEL,
    ReminderAction,
    cycle_year,
    load_due,
    marker,
    render_reminder,
    sync_reminder,
    validate_due,
)
from towns.github.rest import Api, open_repository
from towns.lifecycle.due import Obligation as Owed
from towns.lifecycle.due import due_json
from towns.models.program import Program
from towns.program import load_program_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program_file(ROOT / "program.yaml")


def _obligation(town: str, status: str = "due", year: int = 2026, **extra: Any) -> dict[str, Any]:
    return {
        "town": town,
        "town_name": f"{town} 小镇（虚构）",
        "city": "shantou",
        "city_name": "汕头市",
        "kind": "annual_report",
        "year": year,
        "due": f"{year + 1}-01-10",
        "status": status,
    } | extra


def _due(on: str, *obligations: dict[str, Any]) -> Any:
    return validate_due({"format_version": 1, "on": on, "obligations": list(obligations)}, "due.json")


def _repo(fake: FakeGitHub) -> Api:
    return open_repository(github3.GitHubEnterprise(fake.root_url, token="t"), fake.full_name)


@pytest.mark.parametrize(
    ("day", "cycle"),
    [("2026-11-30", 2025), ("2026-12-01", 2026), ("2027-01-10", 2026), ("2027-01-11", 2026)],
)
def test_cycle_starts_on_reminder_start(program: Program, day: str, cycle: int) -> None:
    assert cycle_year(dt.date.fromisoformat(day), program) == cycle


def test_rendered_body(program: Program) -> None:
    due = _due(
        "2026-12-01",
        _obligation("chaoshan-silk"),
        _obligation("old-town", "overdue", 2025),
        _obligation("@mallory", town_name="<b>|假</b>"),
    )
    title, body = render_reminder(due, program)
    assert title == "2026 年度报送提醒"
    assert body.startswith(marker(2026) + "\n## 2026 年度报送提醒\n")
    assert "**2027年1月10日前**" in body and "截至 2026年12月1日" in body
    assert body.index("### 已逾期（1）") < body.index("### 待报送（2）")
    assert "| 汕头市 | old-town 小镇（虚构）（old-town） | 年度发展情况报告 | 2025 | 2026-01-10 |" in body
    assert (
        "| 汕头市 | &#60;b&#62;&#124;假&#60;/b&#62;（@\u200dmallory） "
        "| 年度发展情况报告 | 2026 | 2027-01-10 |" in body
    )


def test_created_updated_closed_reopened_never_duplicated(httpserver: HTTPServer, program: Program) -> None:
    fake = FakeGitHub(httpserver, page_size=2).install()
    fake.add_label(LABEL.name)
    for n in range(1, 5):  # unrelated issues, and a forged look-alike by someone else
        fake.add_pr(n, "0" * 40)
        fake.issue_labels[n] = [LABEL.name]
    fake.issues[4] |= {"title": "2026 年度报送提醒", "body": marker(2026) + "\n伪造"}

    first = sync_reminder(_repo(fake), _due("2026-12-01", _obligation("a"), _obligation("b")), program, BOT)
    assert first.action is ReminderAction.CREATED and first.number == 5
    again = sync_reminder(_repo(fake), _due("2026-12-01", _obligation("a"), _obligation("b")), program, BOT)
    assert again.action is ReminderAction.UNCHANGED and again.number == 5
    later = sync_reminder(_repo(fake), _due("2026-12-20", _obligation("a")), program, BOT)
    assert later.action is ReminderAction.UPDATED and "截至 2026年12月20日" in fake.issues[5]["body"]
    done = sync_reminder(_repo(fake), _due("2027-01-05"), program, BOT)
    assert done.action is ReminderAction.CLOSED and fake.issues[5]["state"] == "closed"
    assert "目前没有待报送或逾期的事项" in fake.issues[5]["body"]
    quiet = sync_reminder(_repo(fake), _due("2027-01-06"), program, BOT)
    assert quiet.action is ReminderAction.UNCHANGED
    back = sync_reminder(_repo(fake), _due("2027-01-11", _obligation("a", "overdue")), program, BOT)
    assert back.action is ReminderAction.REOPENED and fake.issues[5]["state"] == "open"
    assert [c.method for c in fake.writes()] == ["POST", "PATCH", "PATCH", "PATCH"]
    assert fake.issues[4]["body"].endswith("伪造")
    assert len([i for i in fake.issues.values() if i["title"].startswith("2026 年度")]) == 2


def test_next_cycle_gets_its_own_issue(httpserver: HTTPServer, program: Program) -> None:
    fake = FakeGitHub(httpserver).install()
    assert sync_reminder(_repo(fake), _due("2026-12-01", _obligation("a")), program, BOT).number == 1
    nxt = sync_reminder(_repo(fake), _due("2027-12-01", _obligation("a", year=2027)), program, BOT)
    assert nxt.action is ReminderAction.CREATED and nxt.number == 2
    assert fake.labels[LABEL.name]["color"] == LABEL.color


def test_nothing_due_creates_nothing(httpserver: HTTPServer, program: Program) -> None:
    fake = FakeGitHub(httpserver).install()
    result = sync_reminder(_repo(fake), _due("2026-12-01"), program, BOT)
    assert result.action is ReminderAction.NOTHING_DUE and fake.writes() == []


@pytest.mark.parametrize(
    "data",
    [
        {"format_version": 2, "on": "2026-12-01", "obligations": []},
        {"format_version": 1, "on": "2026-13-01", "obligations": []},
        {"format_version": 1, "on": "2026-12-01", "obligations": [{"town": 1}]},
        {"format_version": 1, "on": "2026-12-01", "obligations": [_obligation("a", status="late")]},
    ],
)
def test_invalid_due_lists_are_refused(tmp_path: Path, data: Any) -> None:
    path = tmp_path / "due.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ArtifactError, match="不是有效的 towns due 输出"):
        load_due(path)


def test_accepts_what_towns_due_writes(program: Program) -> None:
    """Contract with the lifecycle module: its JSON is exactly what the reminder reads."""
    owed = Owed("a", "甲小镇", "shantou", "汕头市", "acceptance", 2026, dt.date(2027, 3, 1), "due")
    due = validate_due(json.loads(json.dumps(due_json([owed], dt.date(2026, 12, 1)))), "due.json")
    title, body = render_reminder(due, program)
    assert title == "2026 年度报送提醒"
    assert "| 汕头市 | 甲小镇（a） | 验收申请 | 2026 | 2027-03-01 |" in body


def test_a_reminder_whose_label_was_dropped_is_found_by_its_marker(
    httpserver: HTTPServer, program: Program
) -> None:
    """Without push access GitHub drops the labels of a new issue: the next run must not create another."""
    fake = FakeGitHub(httpserver).install()
    fake.drop_new_issue_labels = True
    fake.add_pr(1, "0" * 40, author=None)  # an issue list may hold pull requests and deleted authors
    first = sync_reminder(_repo(fake), _due("2026-12-01", _obligation("a")), program, BOT)
    assert first.action is ReminderAction.CREATED and fake.issue_labels[first.number] == []
    again = sync_reminder(_repo(fake), _due("2026-12-02", _obligation("a")), program, BOT)
    assert again.action is ReminderAction.UPDATED and again.number == first.number
    assert [c.method for c in fake.writes() if c.path.endswith("/issues")] == ["POST"]


def test_issues_by_deleted_accounts_do_not_break_the_lookup(httpserver: HTTPServer, program: Program) -> None:
    fake = FakeGitHub(httpserver).install()
    fake.add_label(LABEL.name)
    fake.add_pr(1, "0" * 40, author=None)
    fake.issues[1] |= {"title": "2026 年度报送提醒", "body": marker(2026)}
    del fake.issues[1]["pull_request"]
    fake.issue_labels[1] = [LABEL.name]
    result = sync_reminder(_repo(fake), _due("2026-12-01", _obligation("a")), program, BOT)
    assert result.action is ReminderAction.CREATED and result.number == 2
