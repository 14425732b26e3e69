"""The registry as the lifecycle commands see it: program, towns and their derived lives on a day.

`towns status`, `towns due` and `towns progress` need the towns and their lives but not the whole
check (attachments, eligibility), so they load just what the lifecycle needs. Findings are kept so
the commands can say when the registry could not be read at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from towns.findings import Finding
from towns.lifecycle import LifecycleResult, evaluate, load_records
from towns.lifecycle.asof import OutOfView, as_of
from towns.models.program import Program
from towns.program import load_program
from towns.registry import Town, discover_towns, load_town


@dataclass(slots=True)
class View:
    program: Program | None
    towns: list[Town] = field(default_factory=list)
    result: LifecycleResult = field(default_factory=LifecycleResult)
    findings: list[Finding] = field(default_factory=list)
    out_of_view: OutOfView | None = None

    def town(self, key: str) -> Town | None:
        """A town by id or by exact name."""
        for town in self.towns:
            if key in {town.id, town.declaration.name if town.declaration else None}:
                return town
        return None


def build_view(root: Path, today: dt.date, now: dt.date | None = None) -> View:
    """The registry as it stood on ``today`` (see `towns.lifecycle.asof`), checked on ``now``."""
    now = max(today, now or today)
    program, findings = load_program(root)
    if program is None:
        return View(None, findings=findings)
    towns = discover_towns(root)
    for town in towns:
        load_town(root, town, program)
    records, towns, out_of_view = as_of(load_records(root, program), towns, today, now)
    result = evaluate(records, towns, {}, program, today, now=now)
    return View(program, towns, result, [*findings, *records.findings, *result.findings], out_of_view)
