"""`towns progress`: the program's progress against the targets of seed §1.3, §2.1 and §3.1."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK
from towns.cli.lifecycle_args import add_common, load_view
from towns.lifecycle.render import progress_text


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "progress",
        help="查看全省创建进展与三年目标的对照",
        description="根据各小镇的名单、年度报告和命名记录，统计与方案三年目标的对照情况。",
    )
    add_common(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    view = load_view(args)
    if view is None:
        return EXIT_FINDINGS
    progress = view.result.progress
    if args.format == "json":
        sys.stdout.write(json.dumps(progress, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(progress_text(progress))
    return EXIT_OK
