"""What the `towns github` steps share: where GitHub is, the token, and the mapping of known failures."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from towns.cli.common import EXIT_FINDINGS, UsageError, add_root
from towns.github.artifact import ArtifactError
from towns.github.client import PUBLIC_API, GitHubAccessError, connect
from towns.github.rest import Api, open_repository
from towns.github.trusted import TrustedRunError

DEFAULT_BOT = "github-actions[bot]"


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


def token() -> str:
    """The token from ``GITHUB_TOKEN``; never taken from the command line, where `ps` shows it."""
    value = os.environ.get("GITHUB_TOKEN", "")
    if not value:
        raise UsageError("没有 GitHub 令牌：请设置环境变量 GITHUB_TOKEN")
    return value


def connect_repo(args: argparse.Namespace) -> Api:
    """The repository ``--repo`` on ``--api-url``, with the token."""
    secret = token()
    if not args.repo:
        raise UsageError("请用 --repo 所有者/仓库名 指定仓库（或设置 GITHUB_REPOSITORY）")
    return open_repository(connect(secret, args.api_url), args.repo)


def guarded(action: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run one action; known failures become a Chinese message on stderr and exit 1."""

    def run(args: argparse.Namespace) -> int:
        try:
            return int(action(args))
        except (ArtifactError, GitHubAccessError, TrustedRunError) as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return EXIT_FINDINGS

    return run
