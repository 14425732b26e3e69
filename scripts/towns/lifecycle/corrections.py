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
from collections.abc import Iterator, Sequence
from typing import Any

from towns.catalog import finding_at
from towns.findings import Location
from towns.lifecycle.amendment import Action, Amendment
from towns.lifecycle.paths import KIND_NAMES, Kind, parse_record_path
from towns.lifecycle.states import Event
from towns.lifecycle.store import Loaded, Records, ordered
from towns.lifecycle.timeline import Collector, Occurrence
from towns.models.labels import field_label
from towns.models.records import (
    AnnualReport,
    BatchCorrection,
    BatchReview,
    Correction,
    EvaluationCorrection,
    LateFiling,
    NamingCorrection,
)
from towns.models.values import BatchList, CorrectionKind

CITY_KINDS = frozenset({Kind.RECOMMENDATION, Kind.ANNUAL_REPORT, Kind.ACCEPTANCE_APPLICATION})
LISTING: dict[BatchList, Event] = {
    BatchList.CREATION: Event.LISTED_CREATION,
    BatchList.CULTIVATION: Event.LISTED_CULTIVATION,
    BatchList.NOT_SELECTED: Event.NOT_SELECTED,
}


def amend(c: Collector, records: Records) -> None:
    """Mark late records, add every correction's occurrences, and put them all in replay order."""
    late = {item.file: item.record.late_filing for item in _all(records) if item.record.late_filing}
    c.occurrences = [o for o in (_late(o, late.get(o.file)) for o in c.occurrences) if o is not None]
    for batch in ordered(records.batches):
        _batch(c, batch)
    for evaluation in ordered(records.evaluations):
        _evaluation(c, evaluation)
    for naming in ordered(records.namings):
        _naming(c, naming)
    for item in _city(records):
        _city_record(c, item)
    # A late record entered after ``today`` was not in the registry yet on that day.
    c.occurrences = sorted((o for o in c.occurrences if o.takes_effect <= c.today), key=Occurrence.sort_key)


def _all(records: Records) -> Iterator[Loaded[Any]]:
    yield from records.batches
    yield from records.evaluations
    yield from records.namings
    yield from _city(records)


def _city(records: Records) -> Iterator[Loaded[Any]]:
    yield from ordered(records.recommendations)
    yield from ordered(records.annual_reports)
    yield from ordered(records.acceptance_applications)


def late_details(late: LateFiling) -> tuple[tuple[str, Any], ...]:
    return (("late_filing", late.recorded_on.isoformat()), ("late_reason", late.reason))


def _late(occ: Occurrence, late: LateFiling | None) -> Occurrence | None:
    """The occurrence marked 补录; a city record's counts from its recording day (None: not yet)."""
    if late is None:
        return occ
    place = parse_record_path(occ.file)
    effective = None
    if place is not None and place.kind in CITY_KINDS and late.recorded_on > occ.date:
        effective = late.recorded_on
    return dataclasses.replace(occ, details=(*occ.details, *late_details(late)), effective=effective)


def _usable(c: Collector, item: Loaded[Any], index: int, previous: dt.date, empty: str | None) -> bool:
    """Whether correction ``index`` of ``item`` can be applied; its findings when not."""
    correction: Correction = item.record.corrections[index]
    at = item.at("corrections", index)
    if empty is not None:
        c.findings.append(
            finding_at("E-PUB-006", at, kind=correction.kind.label, record=_name(item), what=empty)
        )
        return False
    when = item.at("corrections", index, "date")
    if correction.date < previous:
        what = f"更正或补充的日期 {correction.date} 早于原记录或此前一条更正的日期 {previous}"
        c.findings.append(finding_at("E-LIFE-010", when, what=what))
        return False
    return c.not_future(correction.date, when)


def _name(item: Loaded[Any]) -> str:
    place = parse_record_path(item.file)
    return KIND_NAMES[place.kind] if place else ""


def _supplement_only_adds(c: Collector, item: Loaded[Any], index: int, taken: Sequence[str]) -> bool:
    """补充 must not move, change or remove anything (``taken``: the fields it filled that do)."""
    correction: Correction = item.record.corrections[index]
    if correction.kind is not CorrectionKind.SUPPLEMENT or not taken:
        return True
    record = type(item.record)
    what = "、".join(field_label(record, ("corrections", index, name)).split(" › ")[-1] for name in taken)
    where = item.document.at(("corrections", index, taken[0]), key=True)
    c.findings.append(finding_at("E-PUB-007", where, what=f"写{what}"))
    return False


def _occurrence(
    item: Loaded[Any],
    correction: Correction,
    where: Location,
    kind: Event,
    town: str,
    *,
    amendment: Amendment,
    **more: Any,
) -> Occurrence:
    details: tuple[tuple[str, Any], ...] = (("document_number", correction.document_number),)
    effective = None
    if correction.late_filing is not None:
        details += late_details(correction.late_filing)
        place = parse_record_path(item.file)
        if (
            place is not None
            and place.kind in CITY_KINDS
            and correction.late_filing.recorded_on > correction.date
        ):
            effective = correction.late_filing.recorded_on
    return Occurrence.written_at(
        where, correction.date, kind, town, details=details, amendment=amendment, effective=effective, **more
    )


def _amendment(
    item: Loaded[Any], correction: Correction, action: Action, change: str, **more: Any
) -> Amendment:
    return Amendment(correction.kind, _name(item), action, change, correction.reason, **more)


def _misfit(c: Collector, where: Location, problem: str) -> None:
    c.findings.append(finding_at("E-PUB-008", where, problem=problem))


def _batch(c: Collector, item: Loaded[BatchReview]) -> None:
    review = item.record
    placed: dict[str, BatchList] = {}
    for name, towns in review.lists().items():
        for town in towns:
            placed.setdefault(town, name)
    previous = review.date
    for index, correction in enumerate(review.corrections):
        empty = (
            None
            if correction.added or correction.moved or correction.removed or correction.waivers
            else "补列、改列或删除的小镇"
        )
        taken = [n for n in ("moved", "removed") if getattr(correction, n)]
        if not _supplement_only_adds(c, item, index, taken) or not _usable(c, item, index, previous, empty):
            continue
        previous = correction.date
        _batch_changes(c, item, index, correction, placed)


def _batch_changes(
    c: Collector,
    item: Loaded[BatchReview],
    index: int,
    correction: BatchCorrection,
    placed: dict[str, BatchList],
) -> None:
    year = item.record.year
    for j, added in enumerate(correction.added):
        where = item.at("corrections", index, "added", j, "town")
        if not c.known(added.town, where):
            continue
        if added.town in placed:
            _misfit(
                c,
                where,
                f"小镇“{added.town}”已在“{placed[added.town].label}”中，不能再补列；改列请写在改列的小镇中",
            )
            continue
        placed[added.town] = added.to
        change = f"补列“{added.to.label}”"
        amendment = _amendment(item, correction, Action.PLACE, change, target=added.to)
        c.occurrences.append(
            _occurrence(
                item, correction, where, LISTING[added.to], added.town, amendment=amendment, year=year
            )
        )
    for j, moved in enumerate(correction.moved):
        where = item.at("corrections", index, "moved", j, "town")
        if not c.known(moved.town, where):
            continue
        if placed.get(moved.town) is not moved.from_ or moved.from_ is moved.to:
            _misfit(c, where, _not_on(moved.town, moved.from_, placed.get(moved.town), moved.to))
            continue
        placed[moved.town] = moved.to
        change = f"由“{moved.from_.label}”改列“{moved.to.label}”"
        amendment = _amendment(item, correction, Action.PLACE, change, target=moved.to)
        c.occurrences.append(
            _occurrence(
                item, correction, where, LISTING[moved.to], moved.town, amendment=amendment, year=year
            )
        )
    for j, removed in enumerate(correction.removed):
        where = item.at("corrections", index, "removed", j, "town")
        if not c.known(removed.town, where):
            continue
        if placed.get(removed.town) is not removed.from_:
            _misfit(c, where, _not_on(removed.town, removed.from_, placed.get(removed.town)))
            continue
        del placed[removed.town]
        amendment = _amendment(item, correction, Action.UNPLACE, f"从“{removed.from_.label}”中删除")
        c.occurrences.append(
            _occurrence(
                item, correction, where, Event.CORRECTED, removed.town, amendment=amendment, year=year
            )
        )


def _not_on(town: str, wanted: BatchList, actual: BatchList | None, to: BatchList | None = None) -> str:
    if to is wanted:
        return f"小镇“{town}”改列前后都是“{wanted.label}”"
    now = f"在“{actual.label}”中" if actual else "不在本批次的任何名单中"
    return f"小镇“{town}”不在原记录的“{wanted.label}”中（它{now}）"


def _evaluation(c: Collector, item: Loaded[Any]) -> None:
    evaluation = item.record
    graded: dict[str, str] = {}
    for result in evaluation.results:
        graded.setdefault(result.town, result.grade)
    previous = evaluation.date
    for index, correction in enumerate(evaluation.corrections):
        empty = (
            None
            if correction.changed or correction.added or correction.removed
            else "更正、补充或撤销的考核结果"
        )
        taken = [n for n in ("changed", "removed") if getattr(correction, n)]
        if not _supplement_only_adds(c, item, index, taken) or not _usable(c, item, index, previous, empty):
            continue
        previous = correction.date
        _evaluation_changes(c, item, index, correction, graded)


def _evaluation_changes(
    c: Collector, item: Loaded[Any], index: int, correction: EvaluationCorrection, graded: dict[str, str]
) -> None:
    year = item.record.year
    for field, entries in (("changed", correction.changed), ("added", correction.added)):
        for j, result in enumerate(entries):
            where = item.at("corrections", index, field, j, "town")
            if not c.known(result.town, where):
                continue
            old = graded.get(result.town)
            if (old is None) is (field == "changed"):
                problem = (
                    "不在原考核结果中；补充请写在补充的考核结果中"
                    if old is None
                    else "已有考核结果；改正请写在更正的等次中"
                )
                _misfit(c, where, f"小镇“{result.town}”{problem}")
                continue
            graded[result.town] = result.grade
            action = Action.REGRADE if old is not None else Action.ADD_GRADE
            change = (
                f"{year} 年度考核等次由“{old}”改为“{result.grade}”"
                if old
                else f"补充 {year} 年度考核等次“{result.grade}”"
            )
            amendment = _amendment(item, correction, action, change)
            occ = _occurrence(
                item,
                correction,
                where,
                Event.EVALUATED,
                result.town,
                amendment=amendment,
                year=year,
                grade=result.grade,
            )
            c.occurrences.append(occ)
    for j, town in enumerate(correction.removed):
        where = item.at("corrections", index, "removed", j)
        if not c.known(town, where):
            continue
        if town not in graded:
            _misfit(c, where, f"小镇“{town}”不在原考核结果中，无从撤销")
            continue
        amendment = _amendment(
            item, correction, Action.UNGRADE, f"撤销 {year} 年度考核等次“{graded.pop(town)}”"
        )
        c.occurrences.append(
            _occurrence(item, correction, where, Event.CORRECTED, town, amendment=amendment, year=year)
        )


def _naming(c: Collector, item: Loaded[Any]) -> None:
    naming = item.record
    named = set(naming.towns)
    previous = naming.date
    for index, correction in enumerate(naming.corrections):
        empty = None if correction.added or correction.removed else "补充或撤销命名的小镇"
        taken = ["removed"] if correction.removed else []
        if not _supplement_only_adds(c, item, index, taken) or not _usable(c, item, index, previous, empty):
            continue
        previous = correction.date
        _naming_changes(c, item, index, correction, named)


def _naming_changes(
    c: Collector, item: Loaded[Any], index: int, correction: NamingCorrection, named: set[str]
) -> None:
    for field, towns, action in (
        ("added", correction.added, Action.NAME),
        ("removed", correction.removed, Action.UNNAME),
    ):
        for j, town in enumerate(towns):
            where = item.at("corrections", index, field, j)
            if not c.known(town, where):
                continue
            if (town in named) is (action is Action.NAME):
                _misfit(c, where, f"小镇“{town}”{'已在' if town in named else '不在'}原命名文件中")
                continue
            if action is Action.NAME:
                named.add(town)
            else:
                named.discard(town)
            change = "补充命名" if action is Action.NAME else "撤销命名"
            kind = Event.NAMED if action is Action.NAME else Event.CORRECTED
            c.occurrences.append(
                _occurrence(
                    item,
                    correction,
                    where,
                    kind,
                    town,
                    amendment=_amendment(item, correction, action, change),
                )
            )


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
        if not _usable(c, item, index, previous, None if changes else "更正的内容"):
            continue
        previous = correction.date
        change = _apply(current, changes, type(correction))
        indicators = None
        if isinstance(record, AnnualReport):
            indicators = type(record.indicators).model_validate(current["indicators"])
        amendment = _amendment(item, correction, Action.NOTE, change, indicators=indicators)
        where = item.at("corrections", index)
        year = getattr(record, "year", None)
        c.occurrences.append(
            _occurrence(item, correction, where, Event.CORRECTED, record.town, amendment=amendment, year=year)
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
