"""`towns check`: validate the registry (or some paths) and print a report."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from towns import changes, clock
from towns.check import run_check
from towns.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError, add_date, add_format, add_root
from towns.duties import paths_to_check
from towns.models.program import Program
from towns.program import PROGRAM_FILE, PROGRAM_LIMITS, load_program, program_from_bytes
from towns.pullrequest import PullRequestCheck, check_pull_request
from towns.report import RENDERERS
from towns.report.text import render_text


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "check", help="检查申报材料和记录", description="检查整个仓库，或只检查给出的文件和小镇文件夹。"
    )
    parser.add_argument("paths", nargs="*", help="要检查的文件或小镇文件夹（默认：整个仓库）")
    add_format(parser, tuple(RENDERERS))
    parser.add_argument("--output", type=Path, help="把报告写入文件（默认：标准输出）")
    add_root(parser)
    add_date(parser, "--today", help="按指定日期检查，用于测试和回溯（默认：今天）")
    parser.add_argument(
        "--changed-since", metavar="REF", help="只检查相对于 REF（如 origin/main）有改动的内容"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    paths = [_relative(root, p) for p in args.paths] if args.paths else None
    pull: PullRequestCheck | None = None
    if args.changed_since:
        pull = _changed(root, args.changed_since, args.day)
        paths = [*(paths or []), *pull.paths]
    result = run_check(root, paths=paths, today=args.day, now=clock.today())
    if pull is not None:
        result.findings = sorted({*result.findings, *pull.findings}, key=lambda f: f.sort_key())
        result.review = pull.review
    if args.format == "text":
        colour = args.output is None and sys.stdout.isatty()
        output = render_text(result, colour=colour)
    else:
        output = RENDERERS[args.format](result)
    if args.output:
        args.output.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return EXIT_FINDINGS if result.blocking else EXIT_OK


def _relative(root: Path, raw: str) -> str:
    path = Path(raw)
    absolute = path if path.is_absolute() else (Path.cwd() / path)
    try:
        return absolute.resolve().relative_to(root).as_posix()
    except ValueError:
        raise UsageError(f"路径不在仓库内：{raw}") from None


def _changed(root: Path, ref: str, today: dt.date) -> PullRequestCheck:
    """The change since ``ref``, judged by the base revision's program data (`towns.pullrequest`)."""
    try:
        program = _trusted_program(root, ref)
        if program is None:  # the check itself reports the program's findings
            changed = changes.changed_files(root, ref)
            return PullRequestCheck("", "HEAD", changed, review=None, paths=paths_to_check(changed))
        return check_pull_request(root, ref, program, today=today)
    except changes.GitError as exc:
        raise UsageError(str(exc)) from None


def _trusted_program(root: Path, ref: str) -> Program | None:
    """The base revision's program data: a pull request must not loosen the rules it is judged by.

    Falls back to the working tree's copy when the base has none (a brand-new repository).
    """
    raw = changes.file_at(root, ref, PROGRAM_FILE, PROGRAM_LIMITS.max_bytes)
    program, _ = program_from_bytes(raw) if raw is not None else load_program(root)
    return program
