"""`towns status [TOWN]`: one town's timeline, or a summary table of all towns."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError
from towns.cli.lifecycle_args import add_common, load_view
from towns.lifecycle import LifeSummary
from towns.lifecycle.render import status_table, timeline
from towns.lifecycle.view import View


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "status",
        help="查看小镇的创建状态和历程",
        description="不带参数时列出全部小镇的状态；给出小镇编号或名称时显示该小镇的历程和年度指标。",
    )
    parser.add_argument("town", nargs="?", help="小镇编号或名称（默认：全部小镇）")
    add_common(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    view = load_view(args)
    if view is None or view.program is None:
        return EXIT_FINDINGS
    entries = view.result.towns
    if args.town is None:
        if args.format == "json":
            data = [{"id": t.id, **_json(entries.get(t.id))} for t in view.towns]
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(status_table(view.towns, entries, view.program))
            _out_of_view(view)
        return EXIT_OK
    town = view.town(args.town)
    if town is None:
        raise UsageError(f"找不到小镇“{args.town}”：请使用 submissions/<地市>/ 下的小镇编号或申报表中的名称")
    entry = entries[town.id]
    if args.format == "json":
        sys.stdout.write(json.dumps({"id": town.id, **entry.as_json()}, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(timeline(town, entry, view.program))
        _out_of_view(view)
    return EXIT_OK


def _out_of_view(view: View) -> None:
    if view.out_of_view is not None:
        sys.stdout.write(view.out_of_view.sentence() + "\n")


def _json(entry: LifeSummary | None) -> dict[str, Any]:
    return entry.as_json() if entry else {}
