"""Corrections (更正/补充) and late filing (补录) in the timeline.

A published record never changes (`towns.published`); its corrections are appended to it, each with
its own date, document number and reason. Here each correction becomes occurrences on its own date,
with an `Amendment` saying what it does to the town, after checking that it fits the record as it
stood before it: a town added must not be there yet, a town moved or removed must be on the list
it is moved from, a grade changed must exist (E-PUB-008); 补充 only adds (E-PUB-007); a correction
says what it changes (E-PUB-006); corrections follow the record and each other in time (E-LIFE-010)
and are not in the future (E-LIFE-009). A correction that does not fit is reported and not applied.

Records and corrections entered late carry ``late_filing`` (recorded_on, reason): their occurrences
are marked 补录 in the history. A late city record (recommendation, annual report, acceptance
application) counts for the town's state only from the day it was entered: it fills in the history
but cannot undo what the registry showed before it (docs/guide/lifecycle.md). The province's late
decisions count from their own date: they are the province's decisions, numbered and reviewed as such.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from towns.lifecycle.amendment import Action
from towns.lifecycle.correcting import CITY_KINDS, amendment_of, late_details, occurrence, usable
from towns.lifecycle.decision_corrections import batch, evaluation, naming
from towns.lifecycle.paths import parse_record_path
from towns.lifecycle.states import Event
from towns.lifecycle.store import Loaded, Records, ordered
from towns.lifecycle.timeline import Collector, Occurrence
from towns.models.labels import field_label
from towns.models.records import AnnualReport, Correction, LateFiling

# Each kind of province decision, with what applies its corrections, in the order they are applied.
_Decisions = Callable[[Records], Sequence[Loaded[Any]]]
_DECISIONS: tuple[tuple[_Decisions, Callable[[Collector, Loaded[Any]], None]], ...] = (
    (lambda records: records.batches, batch),
    (lambda records: records.evaluations, evaluation),
    (lambda records: records.namings, naming),
)


def amend(c: Collector, records: Records, today: dt.date) -> None:
    """Mark late records, add every correction's occurrences, and put them all in replay order."""
    late = {item.file: item.record.late_filing for item in _all(records) if item.record.late_filing}
    c.occurrences = [o for o in (_late(o, late.get(o.file)) for o in c.occurrences) if o is not None]
    for decisions, apply in _DECISIONS:
        for decision in ordered(decisions(records)):
            apply(c, decision)
    for item in _city(records):
        _city_record(c, item)
    # A late record entered after ``today`` (the day judged) was not in the registry yet on that day.
    c.occurrences = sorted((o for o in c.occurrences if o.takes_effect <= today), key=Occurrence.sort_key)


def _all(records: Records) -> Iterator[Loaded[Any]]:
    for decisions, _ in _DECISIONS:
        yield from decisions(records)
    yield from _city(records)


def _city(records: Records) -> Iterator[Loaded[Any]]:
    yield from ordered(records.recommendations)
    yield from ordered(records.annual_reports)
    yield from ordered(records.acceptance_applications)


def _late(occ: Occurrence, late: LateFiling | None) -> Occurrence | None:
    """The occurrence marked 补录; a city record's counts from its recording day (None: not yet)."""
    if late is None:
        return occ
    place = parse_record_path(occ.file)
    effective = None
    if place is not None and place.kind in CITY_KINDS and late.recorded_on > occ.date:
        effective = late.recorded_on
    return dataclasses.replace(occ, details=(*occ.details, *late_details(late)), effective=effective)


def _city_record(c: Collector, item: Loaded[Any]) -> None:
    """A city record's corrections: what they change, in the history; an annual report's numbers."""
    record = item.record
    town = c.towns.get(record.town)
    if town is None or town.city_slug != item.city:
        return  # the record itself is reported (E-LIFE-001, E-REC-004) and left out
    current = record.model_dump()
    previous = getattr(record, record.DATE_FIELD)
    for index, correction in enumerate(record.corrections):
        changes = correction.changes.model_dump(exclude_none=True)
        if not usable(c, item, index, previous, None if changes else "更正的内容"):
            continue
        previous = correction.date
        change = _apply(current, changes, type(correction))
        indicators = None
        if isinstance(record, AnnualReport):
            indicators = type(record.indicators).model_validate(current["indicators"])
        amendment = amendment_of(item, correction, Action.NOTE, change, indicators=indicators)
        where = item.at("corrections", index)
        year = getattr(record, "year", None)
        c.occurrences.append(
            occurrence(item, correction, where, Event.CORRECTED, record.town, amendment=amendment, year=year)
        )


def _apply(current: dict[str, Any], changes: dict[str, Any], model: type[Correction]) -> str:
    """Apply ``changes`` to ``current`` (one level of nesting); “完成投资（万元）由“52000”改为“54000”；…”."""
    parts = []
    for name, value in changes.items():
        pairs = value.items() if isinstance(value, dict) else [(None, value)]
        for sub, new in pairs:
            holder, key = (current, name) if sub is None else (current[name], sub)
            title = field_label(model, ("changes", name) if sub is None else ("changes", name, sub))
            parts.append(f"{title.split(' › ')[-1]}由“{_short(holder[key])}”改为“{_short(new)}”")
            holder[key] = new
    return "；".join(parts)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"
