"""A town-scoped check (an applicant's pull request) reports exactly what the full check reports
about the same towns, at the cost of those towns."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from towns.check import run_check, select
from towns.scope import light_identity, town_focus
from towns.synth import generate

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = generate(tmp_path_factory.mktemp("scope") / "registry", 30, seed=4, as_of=TODAY)
    decls = sorted(root.glob("submissions/*/*/declaration.yaml"))
    # Town 0 takes town 1's name; town 2 breaks its schema; town 3 writes its name as a block scalar.
    name_1 = re.search(r'(?m)^name: (".*")$', decls[1].read_text(encoding="utf-8"))
    assert name_1 is not None
    text = decls[0].read_text(encoding="utf-8")
    decls[0].write_text(
        re.sub(r"(?m)^name: .*$", lambda _: f"name: {name_1.group(1)}", text), encoding="utf-8"
    )
    text = decls[2].read_text(encoding="utf-8")
    decls[2].write_text(text.replace("planned_area_mu:", "planned_area:"), encoding="utf-8")
    text = decls[3].read_text(encoding="utf-8")
    decls[3].write_text(
        re.sub(r'(?m)^name: "(.*)"$', lambda m: f"name: |-\n  {m.group(1)}", text), encoding="utf-8"
    )
    return root


def _folders(root: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(root).as_posix() for p in root.glob("submissions/*/*/declaration.yaml")
    )


@pytest.mark.parametrize("picks", [[0], [1], [2], [3], [0, 5], [7]])
def test_scoped_equals_full_filtered(registry: Path, picks: list[int]) -> None:
    folders = _folders(registry)
    paths = [f"{folders[i]}/declaration.yaml" for i in picks]
    full = run_check(registry, today=TODAY)
    covered = select(paths)
    expected = sorted((f.sort_key(), f) for f in full.findings if covered.covers(f.file))
    scoped = run_check(registry, paths=paths, today=TODAY)
    assert [f for _, f in expected] == scoped.findings
    expected_towns = [t for t in full.towns if covered.covers(t.folder + "/")]
    assert expected_towns == scoped.towns
    assert len(scoped.loaded) == len(picks)


def test_focus_only_for_town_paths() -> None:
    assert town_focus(["submissions/guangzhou/a/report.md", "submissions/guangzhou/b"]) == frozenset(
        {"submissions/guangzhou/a", "submissions/guangzhou/b"}
    )
    assert town_focus(["submissions/guangzhou/a/report.md", "decisions/batches/2016.yaml"]) is None
    assert town_focus(["program.yaml"]) is None
    assert town_focus(["submissions/guangzhou"]) is None
    assert town_focus(None) is None


def test_light_identity() -> None:
    assert light_identity('id: "a-1"\nname: "云智小镇" # 注释\n'.encode()) == {
        "id": "a-1",
        "name": "云智小镇",
    }
    assert light_identity(b"id: a-1\nname: plain # comment\n") == {"id": "a-1", "name": "plain"}
    assert light_identity(b"id: a-1\nname: |\n  x\n") is None
    assert light_identity(b"id: a-1\n") is None
    assert light_identity("name: 'x'\nid: \"b\"\n".encode("gbk")) == {"id": "b", "name": "x"}
    assert light_identity(b"\xff\xfe") is None
