"""The shipped demonstration towns are eligible under the rules of their batches (issue 3: done when)."""

from __future__ import annotations

from elig_builder import REPO, shipped_program

from towns.eligibility import evaluate
from towns.registry import discover_towns, load_town


def test_demonstration_towns_are_eligible() -> None:
    program = shipped_program()
    towns = discover_towns(REPO)
    judged = 0
    for town in towns:
        load_town(REPO, town, program)
        if town.declaration is None:
            continue
        result, findings = evaluate(town, program)
        assert result is not None, (town.folder, [f.message for f in findings])
        failing = [c.title for c in result.conditions if c.status == "fail"]
        assert result.eligible, (town.folder, failing, [f.message for f in findings if f.blocking])
        judged += 1
    assert judged == len(towns)
