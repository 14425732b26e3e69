"""`towns rules`: write the applicants' rules page (申报条件说明) from the rules and `program.yaml`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from towns.cli.common import EXIT_OK, add_root, needs_program
from towns.eligibility.docs import rules_page_markdown
from towns.models.program import Program


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("rules", help="生成申报条件说明页（Markdown）")
    add_root(parser)
    parser.add_argument("--output", type=Path, default=None, help="写入的文件；不指定时输出到标准输出")
    parser.set_defaults(func=run)


@needs_program
def run(args: argparse.Namespace, program: Program) -> int:
    page = rules_page_markdown(program)
    if args.output is None:
        sys.stdout.write(page)
        return EXIT_OK
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    print(f"已写入 {output}。")
    return EXIT_OK
