"""The yearly tracking issue: annual reports due by 10 January, and anything overdue.

One issue per annual cycle. A cycle is named by the year whose development is reported: it starts on
`program.yaml`'s ``reminder_start`` (1 December) and runs until the next one, so the reports for 2026
due on 10 January 2027 are tracked by the "2026" issue all through December and January. The issue is
found again by a hidden marker naming the cycle, its exact title, and its author (the bot itself),
so it is edited rather than duplicated, even when it was closed or lost its label.

Decisions: while anything is due or overdue the issue is open and lists it (overdue first); when
nothing is left, an open issue is edited to say so and closed; when nothing was ever due, no issue is
created. A closed issue is reopened if something becomes due again in the same cycle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from towns.github.artifact import DUE_MAX_BYTES, ArtifactError, read_json
from towns.github.labels import LabelSpec, ensure_repo_labels
from towns.github.markdown import text
from towns.github.rest import Api, read, read_all
from towns.github.shapes import Issue
from towns.models.program import Program

LABEL = LabelSpec("年度提醒", "fbca04", "年度报告与验收的报送提醒（自动维护）")
KIND_NAMES = {"annual_report": "年度发展情况报告", "acceptance": "验收申请"}
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class Obligation(_Strict):
    town: str
    town_name: str
    city: str
    city_name: str
    kind: Literal["annual_report", "acceptance"]
    year: int = Field(ge=1900, le=9999)
    due: str = Field(pattern=_DATE)
    status: Literal["due", "overdue"]


class DueList(_Strict):
    """`towns due --format json`, format_version 1."""

    format_version: Literal[1]
    on: str = Field(pattern=_DATE)
    obligations: list[Obligation] = Field(max_length=20000)

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.on)


def load_due(path: Path) -> DueList:
    return validate_due(read_json(path, DUE_MAX_BYTES), path.name)


def validate_due(data: Any, name: str) -> DueList:
    """Check the shape of `towns due` output; dates must be real calendar dates."""
    try:
        due = DueList.model_validate(data)
        _ = due.day, [dt.date.fromisoformat(o.due) for o in due.obligations]
    except (ValidationError, ValueError):
        raise ArtifactError(f"{name} 不是有效的 towns due 输出（format_version 1）") from None
    return due


def cycle_year(day: dt.date, program: Program) -> int:
    """The reporting year whose cycle contains ``day``."""
    return day.year if day >= program.reminder_start.in_year(day.year) else day.year - 1


def marker(cycle: int) -> str:
    return f"<!-- towns-reminder:v1 cycle={cycle} -->"


def title(cycle: int) -> str:
    return f"{cycle} 年度报送提醒"


def _table(obligations: list[Obligation]) -> list[str]:
    rows = ["| 地市 | 小镇 | 事项 | 年度 | 截止日期 |", "|---|---|---|---|---|"]
    for o in sorted(obligations, key=lambda o: (o.due, o.city, o.town, o.kind)):
        town = f"{text(o.town_name, 60)}（{text(o.town, 60)}）"
        rows.append(f"| {text(o.city_name, 20)} | {town} | {KIND_NAMES[o.kind]} | {o.year} | {o.due} |")
    return rows


def render_reminder(due: DueList, program: Program) -> tuple[str, str]:
    """The issue's title and body for this list of obligations."""
    cycle = cycle_year(due.day, program)
    deadline = program.annual_report_deadline.in_year(cycle + 1)
    lines = [
        marker(cycle),
        f"## {title(cycle)}",
        "",
        f"按照创建工作方案（4.5），各地市主管部门应于 **{deadline:%Y年%-m月%-d日}前** 报送所辖创建小镇 "
        f"{cycle} 年度的发展情况；创建期将满的小镇由所在地市提出验收申请（4.6）。"
        f"以下为截至 {due.day:%Y年%-m月%-d日} 尚未报送的事项。",
    ]
    overdue = [o for o in due.obligations if o.status == "overdue"]
    pending = [o for o in due.obligations if o.status == "due"]
    for heading, group in (("已逾期", overdue), ("待报送", pending)):
        if group:
            lines += ["", f"### {heading}（{len(group)}）", "", *_table(group)]
    if not due.obligations:
        lines += ["", "✅ 目前没有待报送或逾期的事项。"]
    lines += [
        "",
        "---",
        "本议题由提醒工作流自动更新（12 月和 1 月每天，其余时间每周一次），请勿修改标题和正文；"
        "报送记录合并后，对应条目会自动消失，"
        "全部报送后本议题自动关闭。",
    ]
    return title(cycle), "\n".join(lines) + "\n"


class ReminderAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    REOPENED = "reopened"
    CLOSED = "closed"
    UNCHANGED = "unchanged"
    NOTHING_DUE = "nothing_due"


@dataclass(frozen=True)
class ReminderResult:
    action: ReminderAction
    number: int | None


def _is_reminder(issue: Issue, cycle: int, bot_login: str) -> bool:
    return (
        issue.pull_request is None
        and issue.author == bot_login
        and issue.title == title(cycle)
        and (issue.body or "").startswith(marker(cycle))
    )


def find_reminder(api: Api, cycle: int, program: Program, bot_login: str) -> Issue | None:
    """This cycle's tracking issue written by the bot, open or closed.

    Looked up by its label first. GitHub silently drops the labels of a new issue when the token
    may not set them, so an issue without the label is then looked for among every issue updated
    since the cycle began (the issue is created within its cycle, so it is among them).
    """
    labelled = api.pages("issues", params={"state": "all", "labels": LABEL.name})
    for issue in read_all(Issue, labelled, "议题"):
        if _is_reminder(issue, cycle, bot_login):
            return issue
    since = program.reminder_start.in_year(cycle) - dt.timedelta(days=1)
    recent = api.pages("issues", params={"state": "all", "since": f"{since.isoformat()}T00:00:00Z"})
    return next((i for i in read_all(Issue, recent, "议题") if _is_reminder(i, cycle, bot_login)), None)


def _edit(api: Api, issue: Issue, **fields: str) -> None:
    api.patch("issues", issue.number, body=fields)


def _close(api: Api, existing: Issue | None, body: str) -> ReminderResult:
    if existing is None:
        return ReminderResult(ReminderAction.NOTHING_DUE, None)
    if existing.state == "closed":
        return ReminderResult(ReminderAction.UNCHANGED, existing.number)
    _edit(api, existing, body=body, state="closed")
    return ReminderResult(ReminderAction.CLOSED, existing.number)


def sync_reminder(api: Api, due: DueList, program: Program, bot_login: str) -> ReminderResult:
    """Create, update, reopen or close this cycle's tracking issue (see the module docstring)."""
    issue_title, body = render_reminder(due, program)
    existing = find_reminder(api, cycle_year(due.day, program), program, bot_login)
    if not due.obligations:
        return _close(api, existing, body)
    if existing is None:
        ensure_repo_labels(api, {LABEL.name}, {LABEL.name: LABEL})
        new = {"title": issue_title, "body": body, "labels": [LABEL.name]}
        created = read(Issue, api.post("issues", body=new), "议题")
        return ReminderResult(ReminderAction.CREATED, created.number)
    if existing.state == "closed":
        _edit(api, existing, body=body, state="open")
        return ReminderResult(ReminderAction.REOPENED, existing.number)
    if existing.body == body:
        return ReminderResult(ReminderAction.UNCHANGED, existing.number)
    _edit(api, existing, body=body)
    return ReminderResult(ReminderAction.UPDATED, existing.number)
