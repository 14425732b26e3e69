"""`towns due [--on DATE]`: annual reports and acceptance applications due or overdue on a day.

The JSON form (format_version 1) is what the reminder workflow reads; see `towns.lifecycle.due`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK, day_of
from towns.cli.lifecycle_args import add_common, load_view
from towns.lifecycle.due import due_json
from towns.lifecycle.render import due_text


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "due",
        help="列出到期或逾期的年度报告和验收申请",
        description="列出指定日期（默认今天）待报送或已逾期的年度发展情况报告和验收申请，供提醒流程使用。",
    )
    add_common(parser, date_flag="--on")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    view = load_view(args)
    if view is None:
        return EXIT_FINDINGS
    on = day_of(args)
    items = view.result.obligations
    if args.format == "json":
        sys.stdout.write(json.dumps(due_json(items, on), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(due_text(items, on.isoformat()))
        if view.out_of_view is not None:
            sys.stdout.write(view.out_of_view.sentence() + "\n")
    return EXIT_OK
