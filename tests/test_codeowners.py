"""CODEOWNERS is generated from program.yaml; the committed file must match it."""

from __future__ import annotations

import argparse
import fnmatch
import shutil
from pathlib import Path

import pytest

from towns.cli import codeowners as cli
from towns.cli import main
from towns.cli.common import UsageError
from towns.codeowners import CODEOWNERS_PATH, REGENERATE_COMMAND, render_codeowners
from towns.models.program import Program
from towns.program import load_program_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program_file(ROOT / "program.yaml")


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["codeowners", *argv])
    return int(args.func(args))


def _owner(text: str, path: str) -> str:
    """GitHub's rule: the last matching line wins (enough of the syntax for our anchored patterns)."""
    owner = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, team = line.split()
        if (
            pattern == "*"
            or (pattern.endswith("/") and ("/" + path).startswith(pattern))
            or fnmatch.fnmatchcase("/" + path, pattern)
        ):
            owner = team
    return owner


def test_committed_codeowners_is_fresh(program: Program) -> None:
    committed = (ROOT / CODEOWNERS_PATH).read_text(encoding="utf-8")
    assert committed == render_codeowners(program), (
        f"{CODEOWNERS_PATH} is stale: run `{REGENERATE_COMMAND}` and commit the result"
    )


@pytest.mark.parametrize(
    ("path", "owner"),
    [
        ("submissions/guangzhou/tianhe-cloud/declaration.yaml", "@example-province/guangzhou"),
        ("records/shantou/2026-recommendation.yaml", "@example-province/shantou"),
        ("decisions/2026-batch.yaml", "@example-province/province-review"),
        ("program.yaml", "@example-province/province-review"),
        (".github/CODEOWNERS", "@example-province/maintainers"),
        ("scripts/towns/check.py", "@example-province/maintainers"),
        ("README.md", "@example-province/maintainers"),
        ("submissions/README.md", "@example-province/maintainers"),
        ("submissions/atlantis/lost-town/declaration.yaml", "@example-province/maintainers"),
    ],
)
def test_ownership(program: Program, path: str, owner: str) -> None:
    assert _owner(render_codeowners(program), path) == owner


def test_every_city_owns_its_folders(program: Program) -> None:
    text = render_codeowners(program)
    for city in program.cities:
        assert _owner(text, f"submissions/{city.slug}/x/declaration.yaml") == city.github_team
        assert _owner(text, f"records/{city.slug}/x.yaml") == city.github_team


def test_command_writes_then_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "program.yaml", tmp_path / "program.yaml")
    assert _run("--root", str(tmp_path), "--check") == 1
    assert _run("--root", str(tmp_path)) == 0
    assert _run("--root", str(tmp_path), "--check") == 0
    text = (tmp_path / "program.yaml").read_text(encoding="utf-8")
    (tmp_path / "program.yaml").write_text(text.replace("@example-province/yunfu", "@other/yunfu"), "utf-8")
    assert _run("--root", str(tmp_path), "--check") == 1
    assert _run("--root", str(tmp_path)) == 0
    assert "/submissions/yunfu/" in (tmp_path / CODEOWNERS_PATH).read_text(encoding="utf-8")
    assert "@other/yunfu" in (tmp_path / CODEOWNERS_PATH).read_text(encoding="utf-8")


def test_missing_program_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="找不到"):
        _run("--root", str(tmp_path))


def test_console_command_checks_the_committed_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--check", "--root", str(ROOT)]) == 0
    assert ".github/CODEOWNERS、docs/guide/review.md 是最新的" in capsys.readouterr().out
