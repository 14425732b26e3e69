"""`towns synth`: write a synthetic registry for benchmarks, tests and demonstrations."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from towns.cli.common import EXIT_OK, UsageError, add_date
from towns.synth import default_program_file, generate


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "synth",
        help="生成用于测试和性能评估的虚构登记库",
        description="按固定随机种子生成虚构的小镇申报材料和主管部门记录（同样的参数总是生成同样的文件）。",
    )
    parser.add_argument("--towns", type=int, required=True, help="小镇数量")
    parser.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）")
    parser.add_argument("--output", type=Path, required=True, help="输出目录（须为空或不存在）")
    parser.add_argument("--program", type=Path, help="使用的 program.yaml（默认：本仓库的 program.yaml）")
    add_date(parser, "--as-of", help="记录截至的日期（默认：今天）")
    parser.add_argument("--no-records", action="store_true", help="不生成主管部门的记录")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.towns < 0:
        raise UsageError("--towns 不能为负数")
    program = args.program or default_program_file()
    if not program.is_file():
        raise UsageError(f"找不到 program.yaml：{program}")
    if args.output.exists() and (not args.output.is_dir() or any(args.output.iterdir())):
        raise UsageError(f"输出目录须为空或不存在：{args.output}")
    root = generate(
        args.output,
        args.towns,
        args.seed,
        program_file=program,
        records=not args.no_records,
        as_of=args.day,
    )
    print(f"已生成 {args.towns} 个虚构小镇：{root}")
    return EXIT_OK
