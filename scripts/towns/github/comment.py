"""The sticky pull-request comment: rendered from a check report, posted once, then edited.

The report is the trusted run's own (`towns.github.trusted`), but its values quote the pull
request's files, so every one of them is escaped as hostile text. The comment is found again by a
hidden marker *and* by its author: only a comment written by the bot's own login counts, so a
contributor who pastes the marker into their own comment cannot make the bot edit (or be confused
by) it. Every value from the report goes through `markdown.text`; the body
stays under GitHub's 65,536-character limit, with a notice when findings had to be left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from towns.github.artifact import Report, ReportFinding, ReportTown
from towns.github.markdown import text
from towns.github.rest import Api, read, read_all
from towns.github.shapes import Comment
from towns.models.values import TownType

MARKER = "<!-- towns-report:v1 -->"
GITHUB_COMMENT_LIMIT = 65536
BODY_BUDGET = 60000  # leaves room for the footer and GitHub's own counting of characters
STATUS_NAMES = {"pass": "✅ 符合", "fail": "❌ 不符合", "warning": "⚠️ 需关注", "waived": "🟦 已豁免"}


class Verdict(StrEnum):
    """What the report means for the pull request; labels and the headline follow from it."""

    PASSED = "passed"
    NEEDS_CHANGES = "needs_changes"
    NO_TOWNS = "no_towns"


def verdict(report: Report) -> Verdict:
    """Counted from the findings and towns themselves, never from the report's own summary."""
    ineligible = any(t.eligibility is not None and not t.eligibility.eligible for t in report.towns)
    if report.errors() or ineligible:
        return Verdict.NEEDS_CHANGES
    return Verdict.PASSED if report.towns else Verdict.NO_TOWNS


def _headline(report: Report) -> str:
    errors, warnings = len(report.errors()), len(report.warnings())
    v = verdict(report)
    if v is Verdict.NEEDS_CHANGES:
        return f"❌ **需要修改**：{errors} 个必须修改的问题，{warnings} 条提醒。"
    if v is Verdict.PASSED:
        return f"✅ **资格审查通过**：没有必须修改的问题，{warnings} 条提醒。"
    return f"ℹ️ 本拉取请求没有修改申报材料：{errors} 个问题，{warnings} 条提醒。"


def _town_row(town: ReportTown) -> str:
    e = town.eligibility
    if e is None:
        result = text(town.not_evaluated or "未评估", 120)
    else:
        passed = sum(1 for c in e.conditions if c.status in {"pass", "waived"})
        result = f"{'✅ 符合' if e.eligible else '❌ 不符合'}（{passed}/{len(e.conditions)} 项）"
    city = text(town.city_name or town.city or "—", 40)
    kind = TownType.label_of(town.type) if town.type else "—"
    return f"| {_town_name(town)} | {kind} | {city} | {result} |"


def _town_name(town: ReportTown) -> str:
    if town.name:
        return f"{text(town.name, 80)}（{text(town.id, 60)}）"
    return text(town.id, 60)


def _conditions(town: ReportTown) -> list[str]:
    if town.eligibility is None or not town.eligibility.conditions:
        return []
    lines = [
        "",
        f"<details><summary>{_town_name(town)}：申报条件逐项结果</summary>",
        "",
        "| 条款 | 条件 | 结果 | 要求 | 实际 |",
        "|---|---|---|---|---|",
    ]
    for c in town.eligibility.conditions:
        lines.append(
            f"| {text(c.clause, 20)} | {text(c.title, 60)} | {STATUS_NAMES[c.status]} "
            f"| {_value(c.required)} | {_value(c.actual)} |"
        )
    return [*lines, "", "</details>"]


def _value(value: Any) -> str:
    if isinstance(value, list):
        return text("、".join(str(v) for v in value), 120)
    return text("—" if value is None else value, 120)


def _finding_row(f: ReportFinding) -> str:
    where = f"{text(f.file, 160)}:{f.line}:{f.column}"
    field = f"<br>字段：{text(f.field, 120)}" if f.field else ""
    return f"| {where}{field} | `{f.code}` | {text(f.message, 400)} | {text(f.hint, 300) or '—'} |"


@dataclass
class _Budget:
    """Adds blocks of lines while they fit; counts the entries (towns, findings) left out."""

    lines: list[str]
    limit: int
    used: int = 0
    omitted: int = 0

    def add(self, *block: str) -> bool:
        size = sum(len(line) + 1 for line in block)
        if self.omitted or self.used + size > self.limit:
            return False
        self.lines.extend(block)
        self.used += size
        return True

    def add_entries(self, header: list[str], rows: list[str]) -> None:
        """A table: its header only if at least its first row fits too."""
        if not rows:
            return
        if not self.add(*header, rows[0]):
            self.omitted += len(rows)
            return
        for i, row in enumerate(rows[1:], start=1):
            if not self.add(row):
                self.omitted += len(rows) - i
                return


def _finding_table(budget: _Budget, title: str, findings: list[ReportFinding]) -> None:
    header = [
        "",
        f"### {title}（{len(findings)}）",
        "",
        "| 位置 | 代码 | 说明 | 修改建议 |",
        "|---|---|---|---|",
    ]
    budget.add_entries(header, [_finding_row(f) for f in findings])


def render_comment(report: Report, head_sha: str | None = None, *, notes: Sequence[str] = ()) -> str:
    """The comment body (Chinese Markdown) for a validated report.

    ``notes`` are paragraphs written by the caller (never taken from the report), shown under the
    headline: where the verdict comes from, and whether the pull request's own check agreed.
    """
    lines = [MARKER, "## 互联网+小镇申报检查结果", "", _headline(report), ""]
    meta = f"检查工具版本 {text(report.tool_version, 40)}" if report.tool_version else "检查结果"
    if head_sha:
        meta += f"，对应提交 `{head_sha[:12]}`"
    lines.append(meta + "。")
    for note in notes:
        lines += ["", note]
    budget = _Budget(lines, BODY_BUDGET)
    header = ["", "### 涉及的小镇", "", "| 小镇 | 类型 | 地市 | 申报条件 |", "|---|---|---|---|"]
    budget.add_entries(header, [_town_row(t) for t in report.towns])
    _finding_table(budget, "必须修改的问题", report.errors())
    for town in report.towns:
        budget.add(*_conditions(town))
    _finding_table(budget, "提醒（不影响审核，建议修改）", report.warnings())
    return _finish(budget)


def _finish(budget: _Budget) -> str:
    lines = budget.lines
    if budget.omitted:
        lines += [
            "",
            f"> ⚠️ 评论长度有限，另有 {budget.omitted} 条结果未显示。"
            "完整结果请查看“发布检查结果”工作流运行的摘要（Summary）。",
        ]
    lines += [
        "",
        "---",
        "本评论由检查机器人根据每次推送自动更新。修改材料后推送到同一分支即可重新检查；"
        "“必须修改的问题”全部解决后，地市主管部门才能审核通过。",
    ]
    body = "\n".join(lines) + "\n"
    if len(body) > GITHUB_COMMENT_LIMIT:  # pragma: no cover - the budget above keeps well below
        raise ValueError("comment body over GitHub's limit")
    return body


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Posted:
    action: Action
    comment_id: int
    url: str


def find_sticky(comments: Iterable[Comment], bot_login: str) -> Comment | None:
    """The bot's own comment carrying the marker: the first line must be the marker itself.

    A comment whose author was deleted has no user (``user: null``) and is never ours.
    """
    for c in comments:
        if c.user is not None and c.user.login == bot_login and (c.body or "").startswith(MARKER):
            return c
    return None


def post_sticky(api: Api, number: int, body: str, bot_login: str) -> Posted:
    """Create the sticky comment on pull request ``number``, or edit the existing one in place."""
    if not body.startswith(MARKER):
        raise ValueError("sticky comment body must start with the marker")
    comments = read_all(Comment, api.pages("issues", number, "comments"), "评论")
    existing = find_sticky(comments, bot_login)
    if existing is None:
        created = read(Comment, api.post("issues", number, "comments", body={"body": body}), "评论")
        return Posted(Action.CREATED, created.id, created.html_url)
    if existing.body == body:
        return Posted(Action.UNCHANGED, existing.id, existing.html_url)
    read(Comment, api.patch("issues", "comments", existing.id, body={"body": body}), "评论")
    return Posted(Action.UPDATED, existing.id, existing.html_url)
