"""`towns codeowners`: write `.github/CODEOWNERS` from `program.yaml`, or check that it is fresh."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK, add_root, require_program
from towns.codeowners import CODEOWNERS_PATH, REGENERATE_COMMAND, render_codeowners


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("codeowners", help="根据 program.yaml 生成 .github/CODEOWNERS")
    add_root(parser)
    parser.add_argument("--check", action="store_true", help="只检查文件是否最新；过期时退出码为 1")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    expected = render_codeowners(require_program(root))
    target = root / CODEOWNERS_PATH
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current == expected:
            print(f"{CODEOWNERS_PATH} 是最新的。")
            return EXIT_OK
        print(
            f"{CODEOWNERS_PATH} 与 program.yaml 不一致：请运行 `{REGENERATE_COMMAND}` 并提交。",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    if current != expected:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expected, encoding="utf-8")
        print(f"已更新 {CODEOWNERS_PATH}。")
    else:
        print(f"{CODEOWNERS_PATH} 已是最新，无需修改。")
    return EXIT_OK
