"""`towns new`: scaffold a town folder from the commented Chinese template."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from towns.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, program_or_report
from towns.models.values import TownType
from towns.scaffold import ScaffoldError, scaffold


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "new",
        help="生成新小镇的申报材料模板",
        description="在 submissions/<地市>/<小镇编号>/ 下生成申报表和申请报告模板。",
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
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = args.root
    program = program_or_report(root)
    if program is None:
        return EXIT_FINDINGS
    try:
        folder = scaffold(
            root, program, city_slug=args.city, town_id=args.town, kind=args.kind, today=dt.date.today()
        )
    except ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    rel = folder.relative_to(root).as_posix()
    print(f"已生成 {rel}/declaration.yaml 和 {rel}/report.md。")
    print("请填写全部“（请填写……）”内容，把附件放入 attachments/，然后运行 towns check " + rel)
    return EXIT_OK
