"""Arguments and loading shared by `towns status`, `towns due` and `towns progress`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from towns.lifecycle.view import View, build_view


def add_common(parser: Any, *, date_flag: str = "--today") -> None:
    parser.add_argument("--root", type=Path, default=Path(), help="仓库根目录（默认：当前目录）")
    parser.add_argument(
        date_flag, dest="day", type=_date, default=None, help="按指定日期推导（YYYY-MM-DD，默认：今天）"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认：text）")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


def day_of(args: argparse.Namespace) -> dt.date:
    return args.day or dt.date.today()


def load_view(args: argparse.Namespace) -> View | None:
    """The registry's view, or None (with the reason printed) when the program data is unreadable."""
    from towns.cli import UsageError  # noqa: PLC0415 - avoid an import cycle
    from towns.report.text import format_finding  # noqa: PLC0415 - keeps `towns --help` fast

    root: Path = args.root.resolve()
    if not root.is_dir():
        raise UsageError(f"仓库根目录不存在：{args.root}")
    view = build_view(root, day_of(args))
    if view.program is None:
        for f in view.findings:
            print("\n".join(format_finding(f)), file=sys.stderr)
        return None
    return view
