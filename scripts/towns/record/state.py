"""The registry as the record writers see it: towns, their verdicts and their lives on a day.

A writer needs more than `towns status` (the eligibility verdicts, with the waivers already on
record) and less than `towns check` (no attachments, no report outline): this loads exactly that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from towns import eligibility, lifecycle
from towns.eligibility import Eligibility
from towns.lifecycle import LifecycleResult, Records
from towns.lifecycle.machine import TownLife
from towns.models.program import Program
from towns.program import load_program
from towns.registry import Declaration, Town, discover_towns, load_town


class RecordError(Exception):
    """A record cannot be written (unknown town, nothing to decide, file exists); Chinese message."""


@dataclass(slots=True)
class RegistryState:
    """Program, towns, records, verdicts and lives of the registry at ``root`` on ``today``."""

    root: Path
    today: dt.date
    program: Program
    towns: list[Town] = field(default_factory=list)
    records: Records = field(default_factory=Records)
    verdicts: dict[str, Eligibility] = field(default_factory=dict)
    result: LifecycleResult = field(default_factory=LifecycleResult)

    def town(self, key: str) -> Town:
        """A town by id or exact name, with a readable declaration."""
        for town in self.towns:
            if key in {town.id, town.declaration.name if town.declaration else None}:
                if town.declaration is None:
                    raise RecordError(
                        f"小镇“{key}”的申报表无法读取，请先运行 towns check {town.folder} 并修正"
                    )
                return town
        raise RecordError(f"找不到小镇“{key}”：请使用 submissions/<地市>/ 下的小镇编号或申报表中的名称")

    def declaration(self, town: Town) -> Declaration:
        assert town.declaration is not None  # noqa: S101 - writers only see towns with one
        return town.declaration

    def life(self, town: Town) -> TownLife:
        return self.result.lives[town.id]

    @property
    def readable(self) -> list[Town]:
        """The towns whose declaration could be read (the others cannot be decided on)."""
        return [t for t in self.towns if t.declaration is not None]


def load_state(root: Path, today: dt.date) -> RegistryState:
    """Read the registry at ``root`` as it stands on ``today``."""
    program, _ = load_program(root)
    if program is None:
        raise RecordError("program.yaml 有误，请先运行 towns check 并修正")
    towns = discover_towns(root)
    for town in towns:
        load_town(root, town, program)
    records = lifecycle.load_records(root, program)
    verdicts: dict[str, Eligibility] = {}
    for town in towns:
        batch = town.declaration.batch if town.declaration else None
        verdict, _ = eligibility.evaluate(town, program, records.waivers(town.id, batch))
        if verdict is not None:
            verdicts[town.id] = verdict
    result = lifecycle.evaluate(records, towns, verdicts, program, today)
    return RegistryState(root, today, program, towns, records, verdicts, result)
