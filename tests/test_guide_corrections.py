"""The lifecycle guide's correction examples pass the checker on the shipped demonstration records.

Each example in docs/guide/lifecycle.md that starts with ``# <file> 的末尾（原有内容不动）`` is
appended to that file of a copy of the registry in a real git repository, as a pull request on
top of main, and judged by `towns check --changed-since main` on the correction's own date: a
guide that drifts from the record shapes or from the demonstration data fails here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from gitrepo import GitRepo
from towns.cli import main

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "guide" / "lifecycle.md"
REGISTRY = ("program.yaml", "decisions", "records", "submissions")
_BLOCK = re.compile(r"```yaml\n# (\S+) 的末尾（原有内容不动）\n(.*?)```", re.DOTALL)


def _examples() -> list[tuple[str, str]]:
    return _BLOCK.findall(GUIDE.read_text(encoding="utf-8"))


def test_the_guide_shows_a_decision_and_a_city_record_corrected() -> None:
    files = [rel for rel, _ in _examples()]
    assert any(rel.startswith("decisions/") for rel in files), files
    assert any(rel.startswith("records/") for rel in files), files


@pytest.mark.parametrize(("rel", "block"), _examples(), ids=lambda value: str(value).split("\n")[0])
def test_a_guide_example_passes_and_shows_in_the_history(
    rel: str, block: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "registry"
    root.mkdir()
    for name in REGISTRY:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    repo = GitRepo(root)
    repo.commit("登记库")
    repo.git("checkout", "-q", "-b", "pr")
    path = root / rel
    assert path.is_file(), f"the guide corrects {rel}, which the demonstration data does not have"
    path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
    repo.commit("更正")
    day = re.search(r"^    date: (\d{4}-\d{2}-\d{2})$", block, re.MULTILINE)
    town = re.search(r"town: ([a-z0-9-]+)", block) or re.search(
        r"^town: (\S+)$", path.read_text("utf-8"), re.M
    )
    assert day is not None and town is not None
    argv = ["--root", str(root), "--today", day.group(1)]
    assert main(["check", *argv, "--changed-since", "main"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main(["status", town.group(1), *argv]) == 0
    history = capsys.readouterr().out
    assert f"{day.group(1)}  更正" in history, history
