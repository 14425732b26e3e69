"""What the subcommands share: exit codes, the usage error, the common options, the program data.

Exit codes are decided in the CLI and nowhere else: 0 clean, 1 blocking findings (or a stale
generated file), 2 usage error, 3 unexpected failure. Each option that several subcommands take
(`--root`, the date options, `--format`) is defined here once with its check, so a value that
cannot be used gets the same Chinese answer and exit code 2 whatever the subcommand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from towns import clock
from towns.findings import Finding
from towns.models.program import Program
from towns.program import PROGRAM_FILE, load_program
from towns.report.text import format_finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class UsageError(Exception):
    """A problem with the command line itself; its message is Chinese and shown as is."""


def add_root(parser: argparse.ArgumentParser) -> None:
    """``--root``: the repository's root folder, which must exist (default: the current folder)."""
    parser.add_argument("--root", type=_root, default=".", help="仓库根目录（默认：当前目录）")


def _root(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"仓库根目录不存在：{text}")
    return path.resolve()


def add_date(parser: argparse.ArgumentParser, flag: str, *, help: str) -> None:
    """A day given as ``YYYY-MM-DD``, stored as ``args.day`` (None when not given)."""
    parser.add_argument(flag, dest="day", type=_date, default=None, metavar="YYYY-MM-DD", help=help)


def _date(text: str) -> dt.date:
    day = clock.parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD")
    return day


def day_of(args: argparse.Namespace) -> dt.date:
    """The day given on the command line, or today (`towns.clock`: `TOWNS_TODAY` pins it)."""
    day: dt.date | None = args.day
    return day or clock.today()


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    """``--format``: how the output is written (default: text)."""
    parser.add_argument("--format", choices=choices, default="text", help="输出格式（默认：text）")


def print_findings(findings: Iterable[Finding]) -> None:
    """Findings on stderr, as in the text report (for a subcommand that cannot go on)."""
    for f in findings:
        print("\n".join(format_finding(f)), file=sys.stderr)


def program_or_report(root: Path) -> Program | None:
    """The repository's program data, or None after printing why it cannot be used."""
    program, findings = load_program(root)
    if program is None:
        print_findings(findings)
    return program


def needs_program(run: Callable[[argparse.Namespace, Program], int]) -> Callable[[argparse.Namespace], int]:
    """A subcommand's ``run`` given the program data; exit 1 after its findings when it cannot be used."""

    @functools.wraps(run)
    def with_program(args: argparse.Namespace) -> int:
        program = program_or_report(args.root)
        return EXIT_FINDINGS if program is None else run(args, program)

    return with_program


def require_program(root: Path) -> Program:
    """The program data, for commands that cannot run without it: its absence is a usage error."""
    if not (root / PROGRAM_FILE).is_file():
        raise UsageError(f"找不到 {root / PROGRAM_FILE}：请在仓库根目录运行，或用 --root 指定")
    program = program_or_report(root)
    if program is None:
        raise UsageError(f"{PROGRAM_FILE} 有误（见上），请先运行 towns check 并修正")
    return program
