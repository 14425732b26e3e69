"""Through `towns check`: each town's JSON entry carries its eligibility, failing conditions block."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from elig_builder import REPO
from hypothesis import given
from hypothesis import strategies as st

from towns.check import run_check
from towns.cli import main
from towns.eligibility import measures
from towns.models.rules import Threshold
from towns.registry import discover_towns

TODAY = dt.date(2026, 11, 30)


def _registry(root: Path) -> list[str]:
    """The shipped program and one demonstration town of each type, without authority records."""
    shutil.copy(REPO / "program.yaml", root / "program.yaml")
    chosen: dict[str, str] = {}
    for town in discover_towns(REPO):
        text = (REPO / town.declaration_file).read_text(encoding="utf-8")
        kind = "industry" if "\ntype: industry" in text else "application"
        chosen.setdefault(kind, town.folder)
    for folder in chosen.values():
        shutil.copytree(REPO / folder, root / folder)
    return sorted(chosen.values())


def test_check_report_carries_eligibility(tmp_path: Path) -> None:
    folders = _registry(tmp_path)
    result = run_check(tmp_path, today=TODAY)
    assert [t.folder for t in sorted(result.towns, key=lambda t: t.folder)] == folders
    for town in result.towns:
        elig = town.as_json()["eligibility"]
        assert elig["eligible"] is True
        assert len(elig["conditions"]) == 8
        assert {"id", "clause", "title", "status", "required", "actual"} <= set(elig["conditions"][0])
    assert not [f for f in result.findings if f.code.startswith(("E-ELIG", "E-SUM"))]


def test_failing_condition_blocks_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folders = _registry(tmp_path)
    declaration = tmp_path / folders[0] / "declaration.yaml"
    text = declaration.read_text(encoding="utf-8")
    start = text.index("fibre_mbps:")
    end = text.index("\n", start)
    declaration.write_text(text[:start] + "fibre_mbps: 50" + text[end:], encoding="utf-8")
    assert main(["check", "--root", str(tmp_path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report["findings"] if f["code"] == "E-ELIG-072"]
    assert len(found) == 1
    assert found[0]["line"] == text[:start].count("\n") + 1
    town = next(t for t in report["towns"] if t["folder"] == folders[0])
    assert town["eligibility"]["eligible"] is False
    assert (
        next(c for c in town["eligibility"]["conditions"] if c["id"] == "infrastructure")["status"] == "fail"
    )


@given(
    part=st.integers(min_value=0, max_value=10_000),
    extra=st.integers(min_value=0, max_value=10_000),
    bound=st.integers(min_value=0, max_value=100),
    inclusive=st.booleans(),
)
def test_share_decision_equals_integer_arithmetic(part: int, extra: int, bound: int, inclusive: bool) -> None:
    """part/total against bound % decides exactly as the integer comparison 100·part vs bound·total."""
    total = part + extra
    threshold = Threshold(min=bound, inclusive=inclusive, discretionary=False)
    value = measures.share(part, total)
    if total == 0:
        assert value is None
        return
    assert value is not None
    expected = 100 * part >= bound * total if inclusive else 100 * part > bound * total
    assert measures.met_share(threshold, Decimal(bound), value) is expected
    assert value == Fraction(part, total)
