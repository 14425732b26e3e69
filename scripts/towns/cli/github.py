"""`towns github fetch|verdict|publish|remind`: the steps of the report-poster and reminder workflows.

The pull-request steps are in `towns.cli.github_pr`, what all steps share in
`towns.cli.github_shared`. The token is read from ``GITHUB_TOKEN`` only, and only by the steps that
talk to GitHub. Exit codes: 0 done (or nothing to do); 1 a known, explained failure (GitHub refused,
a file was rejected), with a Chinese explanation on stderr; 2 usage error (no token, no repository);
3 unexpected failure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from towns.cli import github_pr
from towns.cli.common import EXIT_OK, require_program
from towns.cli.github_shared import add_connection, connect_repo, guarded
from towns.github.artifact import DUE_MAX_BYTES, parse_json
from towns.github.remind import DueList, load_due, sync_reminder, validate_due


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("github", help="在 GitHub 上发布检查结果、设置状态和标签、维护年度提醒")
    sub = parser.add_subparsers(dest="github_command", metavar="操作", required=True)
    github_pr.register(sub)
    remind = sub.add_parser("remind", help="创建或更新本年度的报送提醒议题")
    add_connection(remind)
    remind.add_argument("--due", required=True, help="towns due --format json 的输出文件；- 表示标准输入")
    remind.set_defaults(func=guarded(_remind))


def _read_due(source: str) -> DueList:
    if source == "-":
        data = sys.stdin.buffer.read(DUE_MAX_BYTES + 1)
        return validate_due(parse_json(data, "标准输入", DUE_MAX_BYTES), "标准输入")
    return load_due(Path(source))


def _remind(args: argparse.Namespace) -> int:
    due = _read_due(args.due)
    program = require_program(args.root)
    result = sync_reminder(connect_repo(args), due, program, args.bot_login)
    where = f"#{result.number}" if result.number else "（无）"
    print(f"年度提醒议题 {where}：{result.action.value}，待报送和逾期事项 {len(due.obligations)} 项")
    return EXIT_OK
