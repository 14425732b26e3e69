"""What the authorities decide after a declaration (seed §4.1, §4.4–4.6), and each town's state.

Interface used by `towns.check` (stable): `Records`, `load_records`, `LifecycleResult`, `evaluate`.

The pipeline: `store` reads the records (`paths` says which file is which), `timeline` turns them
into dated occurrences per town, `contradictions` checks them across files, `machine` replays each
town's occurrences into its state, `due` lists what is owed on a day, `outlook` what comes next
for a town, `progress` sums the annual reports against the program's targets, `reviews` checks
the reviewers' conclusions on the conditions that need judgement and `summary` shapes a town's
entry of the JSON report.
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
from towns.lifecycle.corrections import amend
from towns.lifecycle.due import Obligation, obligations
from towns.lifecycle.gaps import UNGRADED, UNLISTED, UNNAMED, UNREPORTED, UNWAIVED, Concern, Gap, Tag, route
from towns.lifecycle.machine import TownLife, replay
from towns.lifecycle.omissions import listed_in, ungraded, unreported, unsettled
from towns.lifecycle.paths import annual_report_path
from towns.lifecycle.progress import progress
from towns.lifecycle.reviews import review_concerns, reviews_by_town
from towns.lifecycle.states import Event, State
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


@dataclass(slots=True)
class _Derived:
    lives: dict[str, TownLife]
    occurrences: list[Occurrence]
    concerns: list[Concern]
    gaps: list[Gap]


def _derive(
    records: Records,
    towns: Sequence[Town],
    program: Program,
    today: dt.date,
    now: dt.date,
    *,
    elsewhere: frozenset[str] = frozenset(),
) -> _Derived:
    by_id = {t.id: t for t in towns}
    collector = collect(records, by_id, now, elsewhere)
    amend(collector, records, today)
    per_town: dict[str, list[Occurrence]] = {t: [] for t in by_id}
    for occ in collector.occurrences:
        per_town[occ.town].append(occ)
    lives = {town: replay(town, occs, program, today) for town, occs in per_town.items()}
    concerns = collector.concerns + [c for life in lives.values() for c in life.concerns]
    gaps = [*records.gaps, *collector.gaps, *(g for life in lives.values() for g in life.gaps)]
    return _Derived(lives, collector.occurrences, concerns, gaps)


def derive(
    records: Records, towns: Sequence[Town], program: Program, today: dt.date
) -> tuple[dict[str, TownLife], list[Occurrence], list[Finding]]:
    """Each known town's life as of ``today``, the occurrences used and the findings of replay."""
    d = _derive(records, towns, program, today, today)
    return d.lives, d.occurrences, route(d.concerns, d.gaps, d.lives)


def evaluate(
    records: Records,
    towns: Sequence[Town],
    eligibility: Mapping[str, Eligibility],
    program: Program,
    today: dt.date,
    *,
    now: dt.date | None = None,
    town_findings: Mapping[str, Sequence[Finding]] | None = None,
    elsewhere: frozenset[str] = frozenset(),
) -> LifecycleResult:
    """States, history, contradictions, omissions, overdue reports and progress as of ``today``.

    ``now`` is the day the check runs (default ``today``): a record dated after it is an error.
    ``town_findings`` are the eligibility findings of each town's declaration: a waiver that could
    not be read explains them, so they are reported through the same folding (`gaps`).
    ``elsewhere`` are the registry's towns that were not loaded (a town-scoped check): records
    about them are neither used nor reported.
    """
    now = now or today
    d = _derive(records, towns, program, today, now, elsewhere=elsewhere)
    by_id = {t.id: t for t in towns}
    found, gaps = contradictions(records, d.occurrences, by_id, eligibility, program, elsewhere=elsewhere)
    concerns = [*d.concerns, *found]
    concerns += unsettled(records, d.occurrences, program, now)
    concerns += ungraded(records, d.lives, now)
    grounded = unreported(d.lives, towns, program)
    concerns += grounded
    owed = obligations(d.lives, towns, program, today)
    without = {(c.town, c.tag) for c in grounded}
    concerns += [
        _missing_report(o)
        for o in owed
        if _overdue_report(o) and (o.town, (UNREPORTED, o.year)) not in without
    ]
    concerns += _eligibility(town_findings or {}, by_id)
    concerns += review_concerns(records, by_id, program)
    findings = route(concerns, [*d.gaps, *gaps], by_id, _candidates(records, d, today))
    reviews = reviews_by_town(records, by_id, program)
    return LifecycleResult(
        findings=findings,
        towns={t.id: town_entry(d.lives[t.id], t, program, today, reviews.get(t.id, ())) for t in towns},
        progress=progress(d.lives, towns, program, today),
        lives=d.lives,
        obligations=owed,
    )


def _overdue_report(o: Obligation) -> bool:
    return o.kind == "annual_report" and o.status == "overdue"


def _missing_report(o: Obligation) -> Concern:
    found = finding(
        "W-LIFE-002",
        file=annual_report_path(o.city, o.year, o.town),
        town=o.town,
        year=o.year,
        deadline=o.due.isoformat(),
    )
    return Concern(found, o.town, o.due, (UNREPORTED, o.year))


def _eligibility(found: Mapping[str, Sequence[Finding]], towns: Mapping[str, Town]) -> list[Concern]:
    """Each town's eligibility findings, signed with the batch whose waivers could explain them."""
    out = []
    for town_id, items in found.items():
        declaration = towns[town_id].declaration if town_id in towns else None
        tag = (UNWAIVED, declaration.batch) if declaration is not None else None
        out += [Concern(f, town_id, None, tag) for f in items]
    return out


def _candidates(records: Records, d: _Derived, today: dt.date) -> dict[Tag, set[str]]:
    """Towns a gap may concern when it cannot name them: recommended but on no list of the batch,
    on a list at a year's end but without a grade for it, waiting to be named."""
    out: dict[Tag, set[str]] = {}
    listed = listed_in(records)
    for occ in d.occurrences:
        if occ.kind is Event.RECOMMENDED and occ.town not in listed.get(occ.year or 0, set()):
            out.setdefault((UNLISTED, occ.year or 0), set()).add(occ.town)
    for town, life in d.lives.items():
        if life.state is State.ACCEPTANCE_APPLIED:
            out.setdefault((UNNAMED, 0), set()).add(town)
        for stay in life.memberships:
            for year in range(
                stay.start.year, (stay.end or dt.date.max).year if stay.end else stay.start.year + 50
            ):
                if stay.covers_day(dt.date(year, 12, 31)) and year not in life.graded:
                    out.setdefault((UNGRADED, year), set()).add(town)
    return out


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
