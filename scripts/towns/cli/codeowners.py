"""`towns codeowners`: write `.github/CODEOWNERS` and the review guide's table from `program.yaml`.

With ``--check`` nothing is written: the exit code is 1 when either is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, require_program
from towns.codeowners import (
    CODEOWNERS_PATH,
    REGENERATE_COMMAND,
    REVIEW_GUIDE,
    TABLE_END,
    TABLE_START,
    render_codeowners,
    with_review_table,
)
from towns.models.program import Program


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "codeowners", help="根据 program.yaml 生成 .github/CODEOWNERS 和审核指南中的“谁审核什么”表"
    )
    add_root(parser)
    parser.add_argument("--check", action="store_true", help="只检查文件是否最新；过期时退出码为 1")
    parser.set_defaults(func=run)


def _expected(root: Path, program: Program) -> dict[str, str]:
    """Each generated file's expected text (the guide only when it exists: it is written by hand)."""
    out = {CODEOWNERS_PATH: render_codeowners(program)}
    guide = root / REVIEW_GUIDE
    if guide.is_file():
        text = with_review_table(guide.read_text(encoding="utf-8"), program)
        if text is None:
            raise UsageError(f"{REVIEW_GUIDE} 中没有找到表格的起止标记：{TABLE_START} … {TABLE_END}")
        out[REVIEW_GUIDE] = text
    return out


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    expected = _expected(root, require_program(root))
    stale = [rel for rel, text in expected.items() if _current(root / rel) != text]
    if args.check:
        if not stale:
            print(f"{'、'.join(expected)} 是最新的。")
            return EXIT_OK
        message = f"{'、'.join(stale)} 与 program.yaml 不一致：请运行 `{REGENERATE_COMMAND}` 并提交。"
        print(message, file=sys.stderr)
        return EXIT_FINDINGS
    for rel in stale:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expected[rel], encoding="utf-8")
        print(f"已更新 {rel}。")
    if not stale:
        print(f"{'、'.join(expected)} 已是最新，无需修改。")
    return EXIT_OK


def _current(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None
