"""`towns github fetch|verdict|publish`: the three steps of the privileged report poster.

Each step holds only what it needs (see docs/dev/github.md):

- ``fetch`` (token): checks that the finished run is our own `pr-check.yml`, finds its open pull
  request, and fetches the pull request's head as git objects; it writes ``number=N`` to
  ``$GITHUB_OUTPUT`` when there is something to judge;
- ``verdict`` (no token, no network): judges that commit with this checkout's code and program data
  (`towns.github.trusted`), cross-checks the check job's artifact, and writes ``verdict.json``;
- ``publish`` (token): posts the comment, sets the ``towns/资格审查`` status and the labels from
  ``verdict.json`` alone, after checking that the pull request is still open at that commit.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from towns.cli.common import EXIT_OK, UsageError, add_date, add_root, require_program
from towns.cli.github_shared import add_connection, connect_repo, guarded, token
from towns.github.comment import post_sticky, render_comment
from towns.github.labels import desired_labels, managed_labels, sync_labels
from towns.github.pulls import NotOurs, RunInfo, check_workflow, current_pull, resolve_pull
from towns.github.status import STATUS_CONTEXT, set_status, status_for
from towns.github.trusted import SHA, fetch_pull_head, trusted_check
from towns.github.verdict import (
    FORMAT_VERSION,
    TrustedRun,
    cross_check,
    load_run,
    notes,
    trusted_report,
    write_run,
)


def register(sub: Any) -> None:
    fetch = sub.add_parser("fetch", help="确认检查运行来自本仓库的工作流，并取得拉取请求的提交（不检出）")
    add_connection(fetch)
    _head(fetch)
    fetch.add_argument("--head-owner", help="来源仓库的所有者（workflow_run.head_repository.owner.login）")
    fetch.add_argument("--head-branch", help="来源分支（workflow_run.head_branch）")
    fetch.add_argument("--workflow-path", help="触发运行的工作流文件（workflow_run.path）")
    fetch.add_argument("--workflow-id", type=int, help="触发运行的工作流编号（workflow_run.workflow_id）")
    fetch.add_argument("--remote", default="origin", help="取提交的远程仓库（默认 origin）")
    fetch.set_defaults(func=guarded(_fetch))
    verdict = sub.add_parser("verdict", help="用默认分支的检查程序检查拉取请求的提交（不访问网络）")
    add_root(verdict)
    _head(verdict)
    verdict.add_argument("--base", default="HEAD", help="默认分支的提交（默认 HEAD，即当前检出）")
    verdict.add_argument("--artifact", type=Path, help="申报检查工作流的产物文件夹，仅用于交叉核对")
    verdict.add_argument("--output", type=Path, required=True, help="写出可信检查结果（verdict.json）")
    verdict.add_argument("--summary", type=Path, help="把完整报告（Markdown）追加到此文件，如任务摘要")
    add_date(verdict, "--today", help="按指定日期检查，用于测试和回溯（默认：今天）")
    verdict.set_defaults(func=guarded(_verdict))
    publish = sub.add_parser("publish", help="按可信检查结果发布评论、设置提交状态和标签")
    add_connection(publish)
    publish.add_argument("--verdict", type=Path, required=True, help="towns github verdict 写出的文件")
    publish.add_argument("--target-url", help="提交状态链接到的地址（如本次工作流运行）")
    publish.add_argument("--dry-run", action="store_true", help="只输出评论内容，不访问 GitHub")
    publish.set_defaults(func=guarded(_publish))


def _head(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--head-sha", required=True, help="被检查的提交（workflow_run.head_sha）")
    parser.add_argument("--pr", type=int, help="拉取请求编号（来自同一仓库的拉取请求由事件给出）")


def _sha(args: argparse.Namespace) -> str:
    if not SHA.match(args.head_sha or ""):
        raise UsageError(f"--head-sha 应为 40 或 64 位十六进制提交编号，收到“{args.head_sha[:80]}”")
    if args.pr is not None and args.pr <= 0:
        raise UsageError(f"--pr 应为正整数，收到 {args.pr}")
    return str(args.head_sha)


def _skip(reason: NotOurs) -> int:
    print(f"跳过：{reason}")
    return EXIT_OK


def _fetch(args: argparse.Namespace) -> int:
    run = RunInfo(
        head_sha=_sha(args),
        workflow_path=args.workflow_path or None,  # an event without the path sends ''
        workflow_id=args.workflow_id,
        number=args.pr,
        head_owner=args.head_owner,
        head_branch=args.head_branch,
    )
    api = connect_repo(args)
    try:
        check_workflow(api, run)
        pull = resolve_pull(api, run)
        ref = fetch_pull_head(args.root, pull.number, run.head_sha, remote=args.remote, token=token())
    except NotOurs as reason:
        return _skip(reason)
    _output("number", str(pull.number))
    print(f"拉取请求 #{pull.number} 的提交 {run.head_sha[:12]} 已取得（{ref}），未检出")
    return EXIT_OK


def _output(name: str, value: str) -> None:
    """A step output for the next steps of the workflow (``$GITHUB_OUTPUT``), when there is one."""
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with Path(target).open("a", encoding="utf-8") as handle:
            handle.write(f"{name}={value}\n")


def _verdict(args: argparse.Namespace) -> int:
    head = _sha(args)
    checked = trusted_check(args.root, head, base=args.base, today=args.day)
    report = trusted_report(checked.result)
    run = TrustedRun(
        format_version=FORMAT_VERSION,
        number=args.pr,
        head_sha=checked.head_sha,
        base_sha=checked.base_sha,
        report=report,
        crosscheck=cross_check(report, args.artifact, args.pr, checked.head_sha),
    )
    write_run(args.output, run)
    if args.summary is not None:
        _summary(args.summary, checked.result)
    state, description = status_for(report)
    print(f"可信检查：{STATUS_CONTEXT} = {state}（{description}）；交叉核对：{run.crosscheck.detail}")
    return EXIT_OK


def _summary(path: Path, result: Any) -> None:
    from towns.report import RENDERERS  # noqa: PLC0415 - only this step renders the full report

    with path.open("a", encoding="utf-8") as handle:
        handle.write(RENDERERS["markdown"](result))


def _publish(args: argparse.Namespace) -> int:
    run = load_run(args.verdict)
    body = render_comment(run.report, run.head_sha, notes=notes(run))
    if args.dry_run:
        sys.stdout.write(body)
        return EXIT_OK
    if run.number is None:
        raise UsageError(f"{args.verdict} 中没有拉取请求编号：请给 towns github verdict 加上 --pr")
    program = require_program(args.root)
    api = connect_repo(args)
    try:
        current_pull(api, run.number, run.head_sha)
    except NotOurs as reason:
        return _skip(reason)
    posted = post_sticky(api, run.number, body, args.bot_login)
    status = set_status(api, run.head_sha, run.report, args.target_url)
    labels = sync_labels(api, run.number, desired_labels(run.report, program), managed_labels(program))
    verbs = {"created": "已发布", "updated": "已更新", "unchanged": "无变化，未修改"}
    print(f"拉取请求 #{run.number} 的检查结果评论{verbs[posted.action.value]}：{posted.url}")
    print(f"提交 {run.head_sha[:12]} 的状态 {STATUS_CONTEXT}：{status.state}")
    added = "、".join(labels.added) or "无"
    removed = "、".join(labels.removed) or "无"
    print(f"标签：添加 {added}；移除 {removed}")
    return EXIT_OK
