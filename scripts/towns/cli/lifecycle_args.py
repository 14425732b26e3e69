"""Arguments and loading shared by `towns status`, `towns due` and `towns progress`."""

from __future__ import annotations

import argparse
import datetime as dt

from towns.cli.common import add_date, add_format, add_root, day_of, print_findings
from towns.lifecycle.view import View, build_view


def add_common(parser: argparse.ArgumentParser, *, date_flag: str = "--today") -> None:
    add_root(parser)
    add_date(parser, date_flag, help="按指定日期推导（默认：今天）")
    add_format(parser, ("text", "json"))


def load_view(args: argparse.Namespace) -> View | None:
    """The registry's view, or None (with the reason printed) when the program data is unreadable."""
    view = build_view(args.root, day_of(args), dt.date.today())
    if view.program is None:
        print_findings(view.findings)
        return None
    return view
