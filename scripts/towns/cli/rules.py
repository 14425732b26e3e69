"""`towns rules`: write the applicants' rules page (申报条件说明) from the rules and `program.yaml`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from towns.cli import EXIT_FINDINGS, EXIT_OK, UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("rules", help="生成申报条件说明页（Markdown）")
    parser.add_argument("--root", type=Path, default=Path(), help="仓库根目录（默认为当前目录）")
    parser.add_argument("--output", type=Path, default=None, help="写入的文件；不指定时输出到标准输出")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from towns.cli.common import program_or_report  # noqa: PLC0415
    from towns.eligibility.docs import rules_page_markdown  # noqa: PLC0415 - keep `towns --help` fast

    root: Path = args.root
    if not root.is_dir():
        raise UsageError(f"找不到仓库根目录 {root}")
    program = program_or_report(root)
    if program is None:
        return EXIT_FINDINGS
    page = rules_page_markdown(program)
    if args.output is None:
        sys.stdout.write(page)
        return EXIT_OK
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    print(f"已写入 {output}。")
    return EXIT_OK
