"""Which pull request a finished check run belongs to, read from GitHub itself.

The report poster runs on ``workflow_run``: GitHub tells it the run's workflow file, its workflow id,
the commit it checked (``head_sha``) and, for pull requests from the same repository only, their
numbers (for forks ``pull_requests`` is empty). Everything else is asked of the API:

- the run must come from this repository's own `.github/workflows/pr-check.yml`. ``workflow_run``
  triggers match workflows by *name*, and a pull request can add a workflow of the same name; its
  runs carry another path and another workflow id, and are ignored;
- the pull request is the event's number or, for a fork, the open pull request whose head is the
  fork's branch (``GET /pulls?head=OWNER:BRANCH``); either way it must be open, not merged, and
  its head must still be the checked commit. A closed or merged pull request, or one pushed to
  since, is left alone: a newer run, if any, will speak for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from towns.github.rest import Api, read, read_all
from towns.github.shapes import PullRequest, Workflow

PR_CHECK_WORKFLOW = ".github/workflows/pr-check.yml"


class NotOurs(Exception):
    """The run or pull request is not one the poster should act on; the message says why (Chinese)."""


@dataclass(frozen=True)
class RunInfo:
    """What the ``workflow_run`` event says about the finished check run."""

    head_sha: str
    workflow_path: str | None = None
    workflow_id: int | None = None
    number: int | None = None
    head_owner: str | None = None
    head_branch: str | None = None


def is_pr_check_path(path: str) -> bool:
    """``path`` names our workflow file: exactly, or with the ``@ref`` suffix the API may add."""
    return path == PR_CHECK_WORKFLOW or path.startswith(PR_CHECK_WORKFLOW + "@")


def check_workflow(api: Api, run: RunInfo) -> None:
    """Refuse runs of any workflow but ours: by its path, and by its id as GitHub registered it.

    The path test alone cannot tell ``pr-check.yml@x.yml`` (a file a pull request could add) from
    ``pr-check.yml@<ref>``; the id, looked up by our file name, can.
    """
    if run.workflow_path is not None and not is_pr_check_path(run.workflow_path):
        raise NotOurs(f"触发本次运行的工作流是 {run.workflow_path[:120]}，不是 {PR_CHECK_WORKFLOW}，不予处理")
    if run.workflow_id is not None:
        name = PurePosixPath(PR_CHECK_WORKFLOW).name
        ours = read(Workflow, api.get("actions", "workflows", name), "工作流")
        if ours.id != run.workflow_id:
            raise NotOurs(
                f"触发本次运行的工作流（编号 {run.workflow_id}）不是本仓库的 {PR_CHECK_WORKFLOW}"
                f"（编号 {ours.id}），不予处理"
            )


def get_pull(api: Api, number: int) -> PullRequest:
    return read(PullRequest, api.get("pulls", number), "拉取请求")


def current_pull(api: Api, number: int, head_sha: str) -> PullRequest:
    """Pull request ``number``, if it is open and its head is still ``head_sha``."""
    pull = get_pull(api, number)
    if not pull.is_open:
        raise NotOurs(f"拉取请求 #{number} 已关闭或已合并，不再发布检查结果")
    if pull.head.sha != head_sha:
        raise NotOurs(
            f"拉取请求 #{number} 的最新提交是 {pull.head.sha[:12]}，不是本次检查的 {head_sha[:12]}："
            "结果已过期，以新提交的检查为准"
        )
    return pull


def resolve_pull(api: Api, run: RunInfo) -> PullRequest:
    """The one open pull request the run checked (see the module docstring)."""
    if run.number is not None:
        return current_pull(api, run.number, run.head_sha)
    if not run.head_owner or not run.head_branch:
        raise NotOurs("事件中既没有拉取请求编号，也没有来源分支，无法确定拉取请求")
    params = {"state": "open", "head": f"{run.head_owner}:{run.head_branch}"}
    pulls = read_all(PullRequest, api.pages("pulls", params=params), "拉取请求")
    matching = [p for p in pulls if p.is_open and p.head.sha == run.head_sha]
    if not matching:
        raise NotOurs(f"没有以提交 {run.head_sha[:12]} 为最新提交的未关闭拉取请求（可能已关闭或已有新提交）")
    if len(matching) > 1:
        numbers = "、".join(f"#{p.number}" for p in matching)
        raise NotOurs(f"提交 {run.head_sha[:12]} 同时是多个拉取请求（{numbers}）的最新提交，请分别推送")
    return matching[0]
