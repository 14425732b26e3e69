"""Promises about the project itself: the README's two commands, pre-commit files, the lock file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _first_shell_block(text: str) -> list[str]:
    match = re.search(r"```sh\n(.*?)```", text, re.S)
    assert match, "README must open with a fenced shell block"
    return [line.split("#", 1)[0].strip() for line in match.group(1).strip().splitlines()]


def test_readme_opens_with_exactly_the_two_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert text.index("```sh") < text.index("\n## "), "the commands come before any section"
    assert _first_shell_block(text) == ["python3 scripts/dev.py run", "python3 scripts/dev.py test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 scripts/dev.py test" in ci
    assert "chromium" in ci and "fonts-wqy-microhei" in ci


def test_pre_commit_files_are_valid() -> None:
    for args in (
        ["validate-config", ".pre-commit-config.yaml"],
        ["validate-manifest", ".pre-commit-hooks.yaml"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "pre_commit", *args], cwd=REPO, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_every_locked_requirement_is_pinned_with_hashes() -> None:
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==[^\s]+ \\$", lock, re.M)
    assert len(pins) > 40
    assert lock.count("--hash=sha256:") >= len(pins)
    for name in ("pydantic", "jsonschema", "mkdocs-material", "github3-py", "pre-commit", "pytest"):
        assert name in {p.lower() for p in pins}, name


def test_nothing_names_a_machine_specific_path() -> None:
    forbidden = ("/" + "work/", "/" + "root/")  # split so that this file does not match itself
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    for rel in tracked.splitlines():
        path = REPO / rel
        if path.suffix not in {".py", ".md", ".yml", ".yaml", ".toml", ".json", ".txt"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not any(f in text for f in forbidden), rel


def _module_map() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("- Package layout:")
    return text[start : text.index("\n- ", start + 1)]


def test_readme_module_map_names_every_top_level_module() -> None:
    package = REPO / "scripts" / "towns"
    modules = {p.stem for p in package.glob("*.py") if not p.stem.startswith("__")}
    packages = {f"{p.parent.name}/" for p in package.glob("*/__init__.py")}
    named = set(re.findall(r"`([a-z_]+/?)`", _module_map()))
    assert modules | packages <= named, (
        f"not in the README's module map: {sorted((modules | packages) - named)}"
    )
    assert named <= modules | packages, (
        f"named but not in scripts/towns: {sorted(named - modules - packages)}"
    )
