"""`towns record recommend|batch|evaluation|acceptance|naming`: write an authority's record.

A thin shell over `towns.record`: load the registry's state on the day given (default today), let
the writer build the file, write it only where nothing exists (or, with ``--stdout``, show it).
Exit codes: 0 written; 2 when it cannot be written (unknown town or batch, nothing to decide, the
file already exists), with the reason in Chinese.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from towns import record
from towns.cli.common import EXIT_OK, UsageError, add_date, add_root, day_of, require_program
from towns.models.common import PLACEHOLDER
from towns.record import RecordError, RegistryState
from towns.record.text import document

Writer = Callable[[RegistryState, argparse.Namespace], tuple[str, list[str]]]

_WRITERS: dict[str, tuple[str, str, str, Writer]] = {
    "recommend": (
        "town",
        "小镇编号或名称",
        "生成地市的审核推荐意见（方案 4.1），附小镇的申报条件核对结果和需要人工判断的条件",
        lambda s, a: record.recommendation(s, a.target, a.batch),
    ),
    "batch": (
        "year",
        "批次年度，如 2018",
        "生成省里的分批审核结果（方案 4.4），列出该批次经推荐的全部小镇、可酌情豁免的条件和审核意见",
        lambda s, a: record.batch_review(s, _year(a.target)),
    ),
    "evaluation": (
        "year",
        "考核年度，如 2026",
        "生成年度考核结果（方案 4.5），列出该年底在名单中的全部小镇及其年度报告数字",
        lambda s, a: record.evaluation(s, _year(a.target)),
    ),
    "acceptance": (
        "town",
        "小镇编号或名称",
        "生成地市的验收书面申请（方案 4.6），附创建目标与年度报告的对照",
        lambda s, a: record.acceptance_application(s, a.target),
    ),
    "naming": (
        "name",
        "文件名称（年度或名称），如 2027 或 2027-first",
        "生成省里的验收命名（方案 4.6），列出全部已申请验收的小镇及其创建目标完成情况",
        lambda s, a: record.naming(s, a.target),
    ),
}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "record",
        help="按登记库现状生成推荐意见、分批审核、年度考核、验收申请和验收命名的记录文件",
        description="生成主管部门的记录文件：需要填写的地方写作“（请填写……）”，已有的文件不会被覆盖。",
    )
    kinds = parser.add_subparsers(dest="record_kind", metavar="记录", required=True)
    for name, (metavar, what, help_text, _) in _WRITERS.items():
        command = kinds.add_parser(name, help=help_text, description=help_text + "。")
        command.add_argument("target", metavar=metavar, help=what)
        if name == "recommend":
            command.add_argument("--batch", type=int, help="推荐参加的批次（默认：申报表中的批次）")
        command.add_argument("--stdout", action="store_true", help="只显示生成的内容，不写入文件")
        add_root(command)
        add_date(command, "--today", help="按指定日期的登记库状态生成，记录日期也取这一天（默认：今天）")
        command.set_defaults(func=run)


def _year(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) != 4:
        raise RecordError(f"年度“{text}”格式不对，应为四位数字，如 2018")
    return int(text)


def run(args: argparse.Namespace) -> int:
    require_program(args.root)
    writer = _WRITERS[args.record_kind][3]
    try:
        state = record.load_state(args.root, day_of(args))
        rel, lines = writer(state, args)
        if args.stdout:
            sys.stdout.write(document(lines))
            return EXIT_OK
        record.write_new(args.root, rel, lines)
    except RecordError as exc:
        raise UsageError(str(exc)) from None
    blanks = sum(line.count(PLACEHOLDER) for line in lines if not line.lstrip().startswith("#"))
    print(f"已生成 {rel}，其中 {blanks} 处“（请填写……）”需要填写。")
    print(f"填写完成后运行 towns check {rel} 检查。")
    return EXIT_OK
