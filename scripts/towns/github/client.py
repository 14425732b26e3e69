"""github3.py client construction and the Chinese explanation of GitHub's refusals.

The token comes from the environment (``GITHUB_TOKEN``), never from the command line, so it does not
show up in process listings or logs. The API base comes from ``GITHUB_API_URL`` (set by Actions on
github.com and on GitHub Enterprise Server alike) or ``--api-url``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import github3
from github3 import exceptions as gh_errors

PUBLIC_API = "https://api.github.com"
GHES_SUFFIX = "/api/v3"


class GitHubAccessError(Exception):
    """GitHub refused or failed a request; the message is Chinese and says what to do."""


def connect(token: str, api_url: str = PUBLIC_API) -> Any:
    """A github3 session for github.com, or for a GitHub Enterprise Server at ``api_url``.

    GitHub Enterprise Server's API lives at ``https://HOST/api/v3``; github3 wants the host part
    and appends ``/api/v3`` itself, so either form is accepted.
    """
    if not token:
        raise GitHubAccessError("没有 GitHub 令牌：请在环境变量 GITHUB_TOKEN 中提供")
    parts = urlsplit(api_url.strip())
    if parts.scheme not in {"https", "http"} or not parts.netloc:
        raise GitHubAccessError(
            f"GitHub API 地址无效：“{api_url}”（应形如 https://github.example.gov.cn/api/v3）"
        )
    if parts.netloc.lower() == "api.github.com":
        return github3.GitHub(token=token)
    base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/').removesuffix(GHES_SUFFIX)}"
    return github3.GitHubEnterprise(base, token=token)


def split_repo(full_name: str) -> tuple[str, str]:
    """``OWNER/NAME`` → (owner, name); anything else is refused before a request is made."""
    owner, sep, name = full_name.strip().partition("/")
    if not sep or not owner or not name or "/" in name:
        raise GitHubAccessError(f"仓库名称应为“所有者/仓库名”，收到“{full_name}”")
    return owner, name


def explain(exc: gh_errors.GitHubException) -> str:
    """A Chinese sentence for a github3 exception: the status, GitHub's words and the likely fix."""
    if isinstance(exc, gh_errors.ForbiddenError):
        return (
            f"GitHub 拒绝了请求（403：{_msg(exc)}）。令牌没有所需的写权限：请在工作流中为此任务授予 "
            "pull-requests: write、issues: write 和 statuses: write。来自复刻仓库的拉取请求只有只读令牌，"
            "所以评论、标签和提交状态由 workflow_run 触发的“发布检查结果”工作流完成"
        )
    if isinstance(exc, gh_errors.AuthenticationFailed):
        return f"GitHub 令牌无效或已过期（401：{_msg(exc)}）"
    if isinstance(exc, gh_errors.NotFoundError):
        return f"GitHub 上找不到所请求的仓库、拉取请求或议题（404：{_msg(exc)}），或令牌无权查看"
    if isinstance(exc, gh_errors.GitHubError):
        return f"GitHub 返回错误 {getattr(exc, 'code', '')}：{_msg(exc)}"
    return f"与 GitHub 通信失败：{type(exc).__name__}"


def _msg(exc: gh_errors.GitHubException) -> str:
    return str(getattr(exc, "msg", "") or "")[:200]
