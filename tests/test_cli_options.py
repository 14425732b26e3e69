"""The options several subcommands share answer a bad value the same way everywhere.

A root that does not exist and a date that is not a date are usage errors: exit code 2, a Chinese
message on stderr, no traceback, whatever the subcommand. The cases are checked against the parser
itself, so a new subcommand that takes `--root` or a date cannot be left out.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from towns.cli import build_parser, main

REPO = Path(__file__).resolve().parent.parent
DATE_FLAGS = ("--today", "--on", "--as-of")

# Each subcommand with the other arguments it requires; `{out}` is a fresh folder under tmp_path.
WITH_ROOT: dict[str, list[str]] = {
    "check": ["check"],
    "new": ["new", "guangzhou", "demo-town", "--type", "industry"],
    "schema": ["schema"],
    "codeowners": ["codeowners", "--check"],
    "rules": ["rules"],
    "site": ["site", "--output", "{out}"],
    "status": ["status"],
    "due": ["due"],
    "progress": ["progress"],
    "github fetch": ["github", "fetch", "--head-sha", "a" * 40, "--pr", "1"],
    "github verdict": ["github", "verdict", "--head-sha", "a" * 40, "--output", "{out}/verdict.json"],
    "github publish": ["github", "publish", "--verdict", "{out}/verdict.json", "--dry-run"],
    "github remind": ["github", "remind", "--due", "{out}/due.json"],
}
WITH_DATE: dict[str, list[str]] = {
    "check": ["check", "--root", str(REPO), "--today"],
    "status": ["status", "--root", str(REPO), "--today"],
    "due": ["due", "--root", str(REPO), "--on"],
    "progress": ["progress", "--root", str(REPO), "--today"],
    "site": ["site", "--root", str(REPO), "--output", "{out}/site", "--today"],
    "synth": ["synth", "--towns", "1", "--output", "{out}/synth", "--as-of"],
    "github verdict": [
        "github",
        "verdict",
        "--root",
        str(REPO),
        "--head-sha",
        "a" * 40,
        "--output",
        "{out}/v.json",
        "--today",
    ],
}


Command = tuple[str, argparse.ArgumentParser]


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[Command]:
    """Every (sub)command of the parser that runs something, by its name on the command line."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield prefix, parser
    for action in subs:
        for name, sub in action.choices.items():
            yield from _commands(sub, f"{prefix} {name}".strip())


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for action in parser._actions for flag in action.option_strings}


def _fill(argv: list[str], tmp_path: Path) -> list[str]:
    return [a.replace("{out}", str(tmp_path)) for a in argv]


def _assert_usage_error(capsys: pytest.CaptureFixture[str], *words: str) -> None:
    err = capsys.readouterr().err
    assert all(w in err for w in words), err
    assert "命令行参数有误" in err
    assert "Traceback" not in err and "argument" not in err and "invalid" not in err, err


def test_every_shared_option_is_covered() -> None:
    commands = dict(_commands(build_parser()))
    assert {n for n, p in commands.items() if "--root" in _options(p)} == set(WITH_ROOT)
    assert {n for n, p in commands.items() if _options(p) & set(DATE_FLAGS)} == set(WITH_DATE)


@pytest.mark.parametrize("command", sorted(WITH_ROOT))
def test_missing_root_is_a_usage_error(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder"
    argv = [*_fill(WITH_ROOT[command], tmp_path), "--root", str(missing)]
    assert main(argv) == 2
    _assert_usage_error(capsys, "参数 --root", "仓库根目录不存在", str(missing))
    assert not missing.exists()


@pytest.mark.parametrize("command", sorted(WITH_DATE))
@pytest.mark.parametrize("day", ["2017-13-01", "tomorrow", ""])
def test_bad_date_is_a_usage_error(
    command: str, day: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*_fill(WITH_DATE[command], tmp_path), day]
    assert main(argv) == 2
    _assert_usage_error(capsys, f"日期“{day}”格式不对", "YYYY-MM-DD")
    assert not (tmp_path / "synth").exists()


def test_argparse_messages_are_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "nonsense"]) == 2
    _assert_usage_error(capsys, "参数 --format：取值 'nonsense' 无效，可选：")
    assert main(["new", "guangzhou"]) == 2
    _assert_usage_error(capsys, "缺少必需的参数：")
    assert main(["check", "--no-such-option"]) == 2
    _assert_usage_error(capsys, "无法识别的参数：--no-such-option")
    assert main(["synth", "--towns", "many", "--output", "x"]) == 2
    _assert_usage_error(capsys, "参数 --towns：取值 'many' 无效")
    assert main(["due", "--on"]) == 2
    _assert_usage_error(capsys, "参数 --on：需要给出一个值")
