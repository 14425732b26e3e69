"""What an authority record does: the events it causes, the waivers it grants, what it lacks.

A reviewer of a pull request that adds or changes a record wants to know what merging it decides
(towns entering lists, grades, demotions and removals it triggers, namings and failed
acceptances), not only what is wrong with it. Every effect is an entry of some town's derived
history whose source is that file, so the summary is exactly what replay made of the record; the
waivers and the missing conclusions are read from the batch review itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from towns.eligibility import Eligibility
from towns.jsonfields import FieldsJson
from towns.lifecycle.history import HistoryEntry
from towns.lifecycle.machine import TownLife
from towns.lifecycle.paths import KIND_NAMES, Kind, parse_record_path
from towns.lifecycle.reviews import missing_conclusions
from towns.lifecycle.store import Records
from towns.models.program import Program
from towns.models.records import BatchWaiver
from towns.registry import Town


@dataclass(frozen=True, slots=True)
class Effect:
    """One town's event caused by the record."""

    town: str
    town_name: str
    entry: HistoryEntry

    def as_json(self) -> dict[str, Any]:
        return {"town": self.town, "town_name": self.town_name, **self.entry.as_json()}


@dataclass(frozen=True, slots=True)
class GrantedWaiver(FieldsJson):
    town: str
    town_name: str
    condition: str
    title: str
    reason: str


@dataclass(frozen=True, slots=True)
class MissingConclusions(FieldsJson):
    town: str
    town_name: str
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecordEffects:
    """An authority record among the checked paths and what it does (`as_json`: report ``records``)."""

    file: str
    kind: Kind
    effects: tuple[Effect, ...] = ()
    waivers: tuple[GrantedWaiver, ...] = ()
    missing_conclusions: tuple[MissingConclusions, ...] = ()
    read: bool = True  # False when the record could not be used (its findings say why)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind.value,
            "kind_name": self.kind_name,
            "read": self.read,
            "effects": [e.as_json() for e in self.effects],
            "waivers": [w.as_json() for w in self.waivers],
            "missing_conclusions": [m.as_json() for m in self.missing_conclusions],
        }


@dataclass(slots=True)
class _Context:
    records: Records
    lives: Mapping[str, TownLife]
    towns: Mapping[str, Town]
    verdicts: Mapping[str, Eligibility]
    program: Program

    def name(self, town: str) -> str:
        found = self.towns.get(town)
        return found.declaration.name if found is not None and found.declaration else town


def record_effects(
    files: Iterable[str],
    records: Records,
    *,
    lives: Mapping[str, TownLife],
    towns: Mapping[str, Town],
    verdicts: Mapping[str, Eligibility],
    program: Program,
) -> list[RecordEffects]:
    """What each authority record among ``files`` does, in the order of the files."""
    ctx = _Context(records, lives, towns, verdicts, program)
    out = []
    for rel in sorted(set(files)):
        place = parse_record_path(rel)
        if place is not None:
            out.append(_effects_of(ctx, rel, place.kind))
    return out


def _effects_of(ctx: _Context, rel: str, kind: Kind) -> RecordEffects:
    loaded = {item.file for item in _all(ctx.records)}
    if rel not in loaded:
        return RecordEffects(rel, kind, read=False)
    effects = [
        Effect(town, ctx.name(town), entry)
        for town, life in sorted(ctx.lives.items())
        for entry in life.history
        if entry.file == rel
    ]
    effects.sort(key=lambda e: (e.entry.line or 0, e.town))
    batch = next((b for b in ctx.records.batches if b.file == rel), None)
    if batch is None:
        return RecordEffects(rel, kind, tuple(effects))
    waivers = tuple(
        GrantedWaiver(w.town, ctx.name(w.town), w.condition, _condition_title(ctx, w), w.reason)
        for w in batch.record.waivers
    )
    missing = tuple(
        MissingConclusions(town, ctx.name(town), tuple(titles))
        for town, titles in missing_conclusions(batch, ctx.towns, ctx.program)
    )
    return RecordEffects(rel, kind, tuple(effects), waivers, missing)


def _all(records: Records) -> Iterable[Any]:
    yield from records.recommendations
    yield from records.annual_reports
    yield from records.acceptance_applications
    yield from records.batches
    yield from records.evaluations
    yield from records.namings


def _condition_title(ctx: _Context, waiver: BatchWaiver) -> str:
    verdict = ctx.verdicts.get(waiver.town)
    found = [c.title for c in verdict.conditions if c.id == waiver.condition] if verdict else []
    return found[0] if found else waiver.condition
