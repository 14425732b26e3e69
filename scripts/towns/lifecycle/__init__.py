"""What the authorities decide after a declaration (seed §4.1, §4.4–4.6), and each town's state.

Interface used by `towns.check` (stable): `Records`, `load_records`, `LifecycleResult`, `evaluate`.

The pipeline: `store` reads the records (`paths` says which file is which), `timeline` turns them
into dated occurrences per town, `contradictions` checks them across files, `machine` replays each
town's occurrences into its state, `due` lists what is owed on a day, `outlook` what comes next
for a town, `progress` sums the annual reports against the program's targets and `summary` shapes
a town's entry of the JSON report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from towns.catalog import finding
from towns.eligibility import Eligibility
from towns.findings import Finding
from towns.lifecycle.contradictions import contradictions
from towns.lifecycle.due import Obligation, obligations
from towns.lifecycle.machine import TownLife, replay
from towns.lifecycle.paths import annual_report_path
from towns.lifecycle.progress import progress
from towns.lifecycle.store import Records, load_batch_reviews, load_records, records_from_files
from towns.lifecycle.summary import LifeSummary, town_entry
from towns.lifecycle.timeline import Occurrence, collect
from towns.models.program import Program
from towns.registry import Town


@dataclass(slots=True)
class LifecycleResult:
    findings: list[Finding] = field(default_factory=list)
    towns: dict[str, LifeSummary] = field(default_factory=dict)
    progress: dict[str, Any] = field(default_factory=dict)
    lives: dict[str, TownLife] = field(default_factory=dict)
    obligations: list[Obligation] = field(default_factory=list)


def derive(
    records: Records, towns: Sequence[Town], program: Program, today: dt.date
) -> tuple[dict[str, TownLife], list[Occurrence], list[Finding]]:
    """Each known town's life as of ``today``, the occurrences used and the findings of replay."""
    by_id = {t.id: t for t in towns}
    collector = collect(records, by_id, today)
    per_town: dict[str, list[Occurrence]] = {t: [] for t in by_id}
    for occ in collector.occurrences:
        per_town[occ.town].append(occ)
    lives = {town: replay(town, occs, program, today) for town, occs in per_town.items()}
    findings = collector.findings + [f for life in lives.values() for f in life.findings]
    return lives, collector.occurrences, findings


def evaluate(
    records: Records,
    towns: Sequence[Town],
    eligibility: Mapping[str, Eligibility],
    program: Program,
    today: dt.date,
) -> LifecycleResult:
    """States, history, contradictions, overdue reports and progress of every town as of ``today``."""
    lives, occurrences, findings = derive(records, towns, program, today)
    by_id = {t.id: t for t in towns}
    findings += contradictions(records, occurrences, by_id, eligibility, program)
    owed = obligations(lives, towns, program, today)
    findings += [_missing_report(o) for o in owed if o.kind == "annual_report" and o.status == "overdue"]
    return LifecycleResult(
        findings=findings,
        towns={t.id: town_entry(lives[t.id], t, program, today) for t in towns},
        progress=progress(lives, towns, program, today),
        lives=lives,
        obligations=owed,
    )


def _missing_report(o: Obligation) -> Finding:
    return finding(
        "W-LIFE-002",
        file=annual_report_path(o.city, o.year, o.town),
        town=o.town,
        year=o.year,
        deadline=o.due.isoformat(),
    )


__all__ = [
    "LifeSummary",
    "LifecycleResult",
    "Records",
    "derive",
    "evaluate",
    "load_batch_reviews",
    "load_records",
    "records_from_files",
]
