"""The `towns` command: a thin shell over library functions.

Each subcommand lives in its own module of this package and exposes ``register(subparsers)``
(which sets ``func`` on its parser) and a ``run(args) -> int``. The exit codes, the usage error and
the options several subcommands share are in `towns.cli.common`; this module maps what a run
raises to an exit code: 0 clean, 1 blocking findings, 2 usage error, 3 unexpected failure.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import traceback
from collections.abc import Sequence

from towns import __version__
from towns.cli.common import EXIT_INTERNAL, EXIT_USAGE, UsageError
from towns.clock import ClockError

SUBCOMMANDS = (
    "check",
    "new",
    "schema",
    "codeowners",
    "github",
    "synth",
    "rules",
    "status",
    "due",
    "progress",
    "record",
    "site",
)


# argparse's own messages in Chinese; any other is shown as argparse words it.
_ARGPARSE_WORDS = (
    (re.compile(r"^argument (?P<name>[^:]+): "), "参数 {name}："),
    (
        re.compile(r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)$"),
        "取值 {value} 无效，可选：{choices}",
    ),
    (re.compile(r"invalid \w+ value: (?P<value>.+)$"), "取值 {value} 无效"),
    (re.compile(r"^the following arguments are required: (?P<names>.+)$"), "缺少必需的参数：{names}"),
    (re.compile(r"^unrecognized arguments: (?P<names>.+)$"), "无法识别的参数：{names}"),
    (re.compile(r"expected one argument$"), "需要给出一个值"),
)


def _in_chinese(message: str) -> str:
    for pattern, words in _ARGPARSE_WORDS:
        match = pattern.search(message)
        if match is not None:
            message = message[: match.start()] + words.format(**match.groupdict()) + message[match.end() :]
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"命令行参数有误：{_in_chinese(message)}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or (for speed) one that knows only the subcommand being run.

    Some subcommands import heavy libraries (the site generator, the GitHub client); a
    `towns check` in a pull request should not pay for them.
    """
    parser = _Parser(
        prog="towns",
        description="互联网+小镇申报登记库工具：检查申报材料、记录审核结果、生成公开网站。",
    )
    parser.add_argument("--version", action="version", version=f"towns {__version__}")
    parser.add_argument("--debug", action="store_true", help="出现内部错误时显示完整的调试信息")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name in (only,) if only in SUBCOMMANDS else SUBCOMMANDS:
        module = importlib.import_module(f"towns.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list or bool(os.environ.get("TOWNS_DEBUG"))
    try:
        command = next((a for a in args_list if not a.startswith("-")), None)
        parser = build_parser(command)
        args = parser.parse_args(args_list)
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_USAGE
        return int(args.func(args))
    except (UsageError, ClockError) as exc:  # a bad TOWNS_TODAY is a usage error, like a bad --today
        print(str(exc), file=sys.stderr)
        print("运行 towns --help 查看用法。", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERNAL
    except Exception as exc:
        if debug:
            traceback.print_exc()
        print(f"内部错误：{type(exc).__name__}。这不是您的材料的问题，请联系维护人员。", file=sys.stderr)
        if not debug:
            print("加上 --debug 参数可显示调试信息。", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
