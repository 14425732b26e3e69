"""`towns schema`: regenerate (or, with --check, verify) the JSON Schemas in `schema/`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK, add_root, needs_program
from towns.models.program import Program
from towns.schema import stale_schemas, write_schemas


def register(sub: Any) -> None:
    parser = sub.add_parser("schema", help="重新生成 schema/ 下的 JSON Schema")
    add_root(parser)
    parser.add_argument("--check", action="store_true", help="只检查是否需要重新生成，不写文件")
    parser.set_defaults(func=run)


@needs_program
def run(args: argparse.Namespace, program: Program) -> int:
    root = args.root
    if args.check:
        stale = stale_schemas(root, program)
        for name in stale:
            print(f"schema/{name} 已过期，请运行 towns schema 重新生成。", file=sys.stderr)
        return EXIT_FINDINGS if stale else EXIT_OK
    for name in write_schemas(root, program):
        print(f"已生成 schema/{name}")
    return EXIT_OK
