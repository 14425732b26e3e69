"""The synthetic-registry generator: deterministic, complete and clean under `towns check`."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from towns.check import run_check
from towns.cli import main
from towns.synth import generate

TODAY = dt.date(2026, 11, 30)


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_generated_registry_passes_check(tmp_path: Path) -> None:
    root = generate(tmp_path / "reg", 24, seed=3, as_of=TODAY)
    result = run_check(root, today=TODAY)
    assert [f.code for f in result.findings if f.blocking] == []
    types = {t.type for t in result.towns}
    cities = {t.city for t in result.towns}
    assert types == {"industry", "application"}
    assert len(cities) == 21
    assert all(t.valid for t in result.towns)
    assert all(t.eligible for t in result.towns)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 6, seed=7, as_of=TODAY)
    second = generate(tmp_path / "b", 6, seed=7, as_of=TODAY)
    other = generate(tmp_path / "c", 6, seed=8, as_of=TODAY)
    assert _digest(first) == _digest(second)
    assert _digest(first) != _digest(other)


def test_cli_writes_registry(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    assert main(["synth", "--towns", "3", "--seed", "1", "--output", str(out)]) == 0
    assert len(list(out.glob("submissions/*/*/declaration.yaml"))) == 3
    assert main(["synth", "--towns", "3", "--output", str(out)]) == 2
