"""`towns github comment|labels|remind`: the steps of the report-poster and reminder workflows.

The token is read from ``GITHUB_TOKEN`` only. Exit codes: 0 done (or nothing to do); 1 the artifact
was rejected or GitHub refused (e.g. 403 for a token without write permission), with a Chinese
explanation on stderr; 2 usage error (no token, no repository); 3 unexpected failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, require_program
from towns.github.artifact import (
    DUE_MAX_BYTES,
    PR_FILE,
    REPORT_FILE,
    ArtifactError,
    PullRequestInfo,
    Report,
    check_pr_number,
    load_pr_info,
    load_report,
    parse_json,
)
from towns.github.client import (
    PUBLIC_API,
    GitHubAccessError,
    connect,
    pull_request_head,
    pull_request_issue,
    repository,
)
from towns.github.comment import post_sticky, render_comment
from towns.github.labels import desired_labels, managed_labels, sync_labels
from towns.github.remind import DueList, load_due, sync_reminder, validate_due

DEFAULT_BOT = "github-actions[bot]"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("github", help="在 GitHub 上发布检查结果、设置标签、维护年度提醒")
    sub = parser.add_subparsers(dest="github_command", metavar="操作", required=True)
    comment = sub.add_parser("comment", help="在拉取请求上发布或更新检查结果评论")
    _common(comment)
    _artifact_args(comment)
    comment.add_argument("--dry-run", action="store_true", help="只输出评论内容，不访问 GitHub")
    comment.set_defaults(func=run_comment)
    labels = sub.add_parser("labels", help="按检查结果设置拉取请求的标签")
    _common(labels)
    _artifact_args(labels)
    labels.set_defaults(func=run_labels)
    remind = sub.add_parser("remind", help="创建或更新本年度的报送提醒议题")
    _common(remind)
    remind.add_argument("--due", required=True, help="towns due --format json 的输出文件；- 表示标准输入")
    remind.set_defaults(func=run_remind)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), help="所有者/仓库名")
    parser.add_argument(
        "--api-url",
        default=os.environ.get("GITHUB_API_URL") or PUBLIC_API,
        help="GitHub API 地址；GitHub Enterprise Server 为 https://主机名/api/v3",
    )
    parser.add_argument("--bot-login", default=DEFAULT_BOT, help=f"机器人账号（默认 {DEFAULT_BOT}）")
    add_root(parser)


def _artifact_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--artifact", type=Path, help=f"检查工作流的产物文件夹（含 {REPORT_FILE} 和 {PR_FILE}）"
    )
    parser.add_argument("--report", type=Path, help="检查报告 JSON（不用 --artifact 时；需同时给出 --pr）")
    parser.add_argument("--pr", type=int, help="拉取请求编号（与产物中的编号必须一致）")
    parser.add_argument(
        "--head-sha", help="触发检查的提交（workflow_run.head_sha）；必须是拉取请求的最新提交"
    )


def _inputs(args: argparse.Namespace) -> tuple[Report, int, str | None]:
    """The validated report, the pull request number and the commit it belongs to."""
    if (args.artifact is None) == (args.report is None):
        raise UsageError("请提供 --artifact 或 --report 之一")
    info: PullRequestInfo | None = None
    if args.artifact is not None:
        report = load_report(args.artifact / REPORT_FILE)
        info = load_pr_info(args.artifact / PR_FILE)
    else:
        report = load_report(args.report)
    number = check_pr_number(info, args.pr)
    head = args.head_sha
    if info is not None and head is not None and info.head_sha != head:
        raise ArtifactError(f"{PR_FILE} 中的提交 {info.head_sha[:12]} 与触发工作流的提交不一致，拒绝处理")
    return report, number, head or (info.head_sha if info else None)


def _connect_repo(args: argparse.Namespace) -> Any:
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise UsageError("没有 GitHub 令牌：请设置环境变量 GITHUB_TOKEN")
    if not args.repo:
        raise UsageError("请用 --repo 所有者/仓库名 指定仓库（或设置 GITHUB_REPOSITORY）")
    return repository(connect(token, args.api_url), args.repo)


def _pull_request(args: argparse.Namespace, number: int) -> tuple[Any, Any]:
    repo = _connect_repo(args)
    issue = pull_request_issue(repo, number)
    if args.head_sha and pull_request_head(repo, number) != args.head_sha:
        raise GitHubAccessError(
            f"拉取请求 #{number} 的最新提交不是本报告检查的提交：报告已过期或编号不符，不予发布"
        )
    return repo, issue


def _guarded(action: Any, args: argparse.Namespace) -> int:
    """Run one action; known failures become a Chinese message and exit 1."""
    try:
        return int(action(args))
    except (ArtifactError, GitHubAccessError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FINDINGS


def run_comment(args: argparse.Namespace) -> int:
    return _guarded(_comment, args)


def _comment(args: argparse.Namespace) -> int:
    report, number, head = _inputs(args)
    body = render_comment(report, head)
    if args.dry_run:
        print(body, end="")
        return EXIT_OK
    _, issue = _pull_request(args, number)
    posted = post_sticky(issue, body, args.bot_login)
    verbs = {"created": "已发布", "updated": "已更新", "unchanged": "无变化，未修改"}
    print(f"拉取请求 #{number} 的检查结果评论{verbs[posted.action.value]}：{posted.url}")
    return EXIT_OK


def run_labels(args: argparse.Namespace) -> int:
    return _guarded(_labels, args)


def _labels(args: argparse.Namespace) -> int:
    report, number, _ = _inputs(args)
    program = require_program(args.root)
    repo, issue = _pull_request(args, number)
    changes = sync_labels(repo, issue, desired_labels(report, program), managed_labels(program))
    added = "、".join(changes.added) or "无"
    removed = "、".join(changes.removed) or "无"
    print(f"拉取请求 #{number} 的标签：添加 {added}；移除 {removed}")
    return EXIT_OK


def run_remind(args: argparse.Namespace) -> int:
    return _guarded(_remind, args)


def _read_due(source: str) -> DueList:
    if source == "-":
        data = sys.stdin.buffer.read(DUE_MAX_BYTES + 1)
        return validate_due(parse_json(data, "标准输入", DUE_MAX_BYTES), "标准输入")
    return load_due(Path(source))


def _remind(args: argparse.Namespace) -> int:
    due = _read_due(args.due)
    program = require_program(args.root)
    result = sync_reminder(_connect_repo(args), due, program, args.bot_login)
    where = f"#{result.number}" if result.number else "（无）"
    print(f"年度提醒议题 {where}：{result.action.value}，待报送和逾期事项 {len(due.obligations)} 项")
    return EXIT_OK
