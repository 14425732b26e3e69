"""`towns github fetch|verdict|publish|remind`: the steps of the report-poster and reminder workflows.

The pull-request steps are in `towns.cli.github_pr`. The token is read from ``GITHUB_TOKEN`` only,
and only by the steps that talk to GitHub. Exit codes: 0 done (or nothing to do); 1 a known,
explained failure (GitHub refused, a file was rejected), with a Chinese explanation on stderr;
2 usage error (no token, no repository); 3 unexpected failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from towns.cli import EXIT_FINDINGS, EXIT_OK, UsageError
from towns.cli.common import program_or_report
from towns.github.artifact import DUE_MAX_BYTES, ArtifactError, parse_json
from towns.github.client import PUBLIC_API, GitHubAccessError, connect
from towns.github.remind import DueList, load_due, sync_reminder, validate_due
from towns.github.rest import Api, open_repository
from towns.github.trusted import TrustedRunError
from towns.program import PROGRAM_FILE, Program

DEFAULT_BOT = "github-actions[bot]"


def register(subparsers: Any) -> None:
    from towns.cli import github_pr  # noqa: PLC0415 - the sibling module imports this one

    parser = subparsers.add_parser("github", help="在 GitHub 上发布检查结果、设置状态和标签、维护年度提醒")
    sub = parser.add_subparsers(dest="github_command", metavar="操作", required=True)
    github_pr.register(sub)
    remind = sub.add_parser("remind", help="创建或更新本年度的报送提醒议题")
    add_connection(remind)
    remind.add_argument("--due", required=True, help="towns due --format json 的输出文件；- 表示标准输入")
    remind.set_defaults(func=guarded(_remind))


def add_connection(parser: argparse.ArgumentParser) -> None:
    """Where GitHub is and who the bot is; the token itself comes from ``GITHUB_TOKEN``."""
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), help="所有者/仓库名")
    parser.add_argument(
        "--api-url",
        default=os.environ.get("GITHUB_API_URL") or PUBLIC_API,
        help="GitHub API 地址；GitHub Enterprise Server 为 https://主机名/api/v3",
    )
    parser.add_argument("--bot-login", default=DEFAULT_BOT, help=f"机器人账号（默认 {DEFAULT_BOT}）")
    add_root(parser)


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path(), help="仓库根目录（默认分支的检出）")


def token() -> str:
    value = os.environ.get("GITHUB_TOKEN", "")
    if not value:
        raise UsageError("没有 GitHub 令牌：请设置环境变量 GITHUB_TOKEN")
    return value


def connect_repo(args: argparse.Namespace) -> Api:
    secret = token()
    if not args.repo:
        raise UsageError("请用 --repo 所有者/仓库名 指定仓库（或设置 GITHUB_REPOSITORY）")
    return open_repository(connect(secret, args.api_url), args.repo)


def load_program_at(root: Path) -> Program:
    if not (root / PROGRAM_FILE).is_file():
        raise UsageError(f"找不到 {root / PROGRAM_FILE}：请在仓库根目录运行，或用 --root 指定")
    program = program_or_report(root)
    if program is None:
        raise UsageError(f"{PROGRAM_FILE} 有误（见上），请先运行 towns check")
    return program


def guarded(action: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run one action; known failures become a Chinese message on stderr and exit 1."""

    def run(args: argparse.Namespace) -> int:
        try:
            return int(action(args))
        except (ArtifactError, GitHubAccessError, TrustedRunError) as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return EXIT_FINDINGS

    return run


def _read_due(source: str) -> DueList:
    if source == "-":
        data = sys.stdin.buffer.read(DUE_MAX_BYTES + 1)
        return validate_due(parse_json(data, "标准输入", DUE_MAX_BYTES), "标准输入")
    return load_due(Path(source))


def _remind(args: argparse.Namespace) -> int:
    due = _read_due(args.due)
    program = load_program_at(args.root)
    result = sync_reminder(connect_repo(args), due, program, args.bot_login)
    where = f"#{result.number}" if result.number else "（无）"
    print(f"年度提醒议题 {where}：{result.action.value}，待报送和逾期事项 {len(due.obligations)} 项")
    return EXIT_OK
