"""`towns new`: scaffold a town folder from the commented Chinese template.

The template is for the batch open on the day (`--today`, default today). Exit codes: 0 written;
1 nothing written because no batch is open (the program data stops it, not the command line; the
message says when the next window opens or whom to ask); 2 a usage error (unknown city, bad town
id, existing folder).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError, add_date, add_root, day_of, needs_program
from towns.models.program import Program
from towns.models.values import TownType
from towns.scaffold import NoOpenBatch, ScaffoldError, scaffold
from towns.windows import batch_name, open_batch


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "new",
        help="生成新小镇的申报材料模板",
        description="在 submissions/<地市>/<小镇编号>/ 下生成正在受理的批次的申报表和申请报告模板。",
    )
    parser.add_argument("city", help="地市文件夹名，如 guangzhou")
    parser.add_argument("town", help="小镇编号，如 tianhe-yunzhi（小写字母、数字、连字符）")
    parser.add_argument(
        "--type",
        dest="kind",
        choices=[t.value for t in TownType],
        required=True,
        help="小镇类型：" + "，".join(f"{t.value} {t.label}" for t in TownType),
    )
    add_root(parser)
    add_date(parser, "--today", help="按指定日期选择正在受理的批次，并作为填报日期（默认：今天）")
    parser.set_defaults(func=run)


@needs_program
def run(args: argparse.Namespace, program: Program) -> int:
    root = args.root
    today = day_of(args)
    try:
        folder = scaffold(root, program, city_slug=args.city, town_id=args.town, kind=args.kind, today=today)
    except NoOpenBatch as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FINDINGS
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    rel = folder.relative_to(root).as_posix()
    print(f"已生成 {rel}/declaration.yaml 和 {rel}/report.md。")
    batch = open_batch(program, today)
    if batch is not None:
        print(f"申报批次为 {batch_name(batch)}，填报日期为 {today.isoformat()}。")
    print("请填写全部“（请填写……）”内容，把附件放入 attachments/，然后运行 towns check " + rel)
    return EXIT_OK
