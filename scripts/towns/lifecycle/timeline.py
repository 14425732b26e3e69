"""From records to dated occurrences, one per town and decision, in a total order.

Every record becomes one occurrence per town it concerns. Occurrences that cannot be interpreted
are reported and left out: a town nobody knows, a city department writing about another city's
town, a date after the day the check runs (a decision that has not happened cannot move a state),
a town placed twice in one batch review, a second grade for the same town and year. What is left
out for a town becomes a gap (`towns.lifecycle.gaps`), so the findings it explains elsewhere are
folded into one note at it. The order of replay is total (date, same-day rank, year, file, line,
column), so the derived state never depends on the order in which files were read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from towns.catalog import finding_at
from towns.findings import Finding, Location
from towns.lifecycle.amendment import Amendment
from towns.lifecycle.gaps import (
    UNAPPLIED,
    UNGRADED,
    UNLISTED,
    UNNAMED,
    UNRECOMMENDED,
    UNREPORTED,
    Concern,
    Gap,
    Tag,
    closest_town,
)
from towns.lifecycle.states import Event
from towns.lifecycle.store import Loaded, Records, ordered
from towns.models.labels import field_label
from towns.models.records import BatchReview
from towns.registry import Town

RANK: dict[Event, int] = {event: index for index, event in enumerate(Event)}


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One town's part of one record."""

    date: dt.date
    kind: Event
    town: str
    file: str
    line: int
    column: int
    year: int | None = None
    grade: str | None = None
    details: tuple[tuple[str, Any], ...] = field(default=())
    date_at: tuple[int, int] | None = None  # where the date is written, when not on the town's line
    amendment: Amendment | None = None  # set for a correction of a published record
    effective: dt.date | None = None  # when a late city record starts to count (its recording day)

    @property
    def takes_effect(self) -> dt.date:
        """The day replay applies it: its own date, or the day a late city record was entered."""
        return self.effective or self.date

    def sort_key(self) -> tuple[dt.date, int, int, str, int, int]:
        return (self.takes_effect, RANK[self.kind], self.year or 0, self.file, self.line, self.column)

    @classmethod
    def written_at(cls, where: Location, day: dt.date, kind: Event, town: str, **more: Any) -> Occurrence:
        """The occurrence of ``town`` written at ``where`` (the town's entry in the record)."""
        return cls(day, kind, town, where.file, where.line, where.column, **more)

    @property
    def location(self) -> Location:
        """Where this town's part of the record is written, for findings about it."""
        return Location(self.file, self.line, self.column)

    @property
    def date_location(self) -> Location:
        """Where its date is written: on its own line, or (in a list) on the town's."""
        line, column = self.date_at or (self.line, self.column)
        return Location(self.file, line, column)


@dataclass(slots=True)
class Collector:
    """Builds occurrences, keeping the findings about records it cannot use and what they leave out.

    ``now`` is the day the check runs: a date after it has not happened yet.
    """

    towns: Mapping[str, Town]
    now: dt.date
    elsewhere: frozenset[str] = frozenset()  # towns of the registry that were not loaded
    occurrences: list[Occurrence] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def known(self, town: str, where: Location, lacks: Tag | None = None, day: dt.date | None = None) -> bool:
        """Whether ``town`` has a declaration; if not, the record names a town nobody knows.

        A town of the registry that was not loaded (a town-scoped check) is left out silently.
        """
        if town in self.towns:
            return True
        if town in self.elsewhere:
            return False
        closest = closest_town(town, self.towns)
        hint = f"；与之最接近的已申报小镇为“{closest}”，是否写错了？" if closest else ""
        self.reject(finding_at("E-LIFE-001", where, town=town, closest=hint), {town}, day, lacks)
        return False

    def not_future(self, day: dt.date, where: Location, towns: set[str] | None = None) -> bool:
        if day <= self.now:
            return True
        found = finding_at("E-LIFE-009", where, date=day.isoformat(), today=self.now.isoformat())
        self.reject(found, towns or set(), None, None)
        return False

    def own_city(self, item: Loaded[Any], town: str, day: dt.date) -> bool:
        """A city department writes only about towns of its own city."""
        owner = self.towns[town].city_slug
        if item.city == owner:
            return True
        found = finding_at("E-REC-004", item.at("town"), town=town, city=item.city, owner=owner)
        self.reject(found, {town}, day, None)
        return False

    def reject(self, found: Finding, towns: set[str], day: dt.date | None, lacks: Tag | None) -> None:
        """Report a record (or its part) as unusable: it leaves a gap for ``towns`` from ``day``."""
        self.concerns.append(Concern(found))
        self.gaps.append(
            Gap(
                Location(found.file, found.line, found.column),
                frozenset(towns),
                day,
                frozenset({lacks} if lacks else ()),
                found,
            )
        )


def collect(
    records: Records, towns: Mapping[str, Town], now: dt.date, elsewhere: frozenset[str] = frozenset()
) -> Collector:
    """Every usable occurrence of every record, with the findings of those left out.

    ``elsewhere`` are the ids of the registry's towns that were not loaded: records about them
    are neither used nor reported.
    """
    c = Collector(towns, now, elsewhere)
    _declarations(c)
    _city_records(c, records)
    for batch in ordered(records.batches):
        _batch(c, batch)
    for evaluation in ordered(records.evaluations):
        _evaluation(c, evaluation)
    for naming in ordered(records.namings):
        _naming(c, naming)
    c.occurrences.sort(key=Occurrence.sort_key)
    return c


def _declarations(c: Collector) -> None:
    for town in c.towns.values():
        d = town.declaration
        if d is None:
            continue
        where = town.at("filing_date")
        if c.not_future(d.filing_date, where, {town.id}):
            c.occurrences.append(
                Occurrence.written_at(where, d.filing_date, Event.DECLARED, town.id, year=d.batch)
            )


def _city_records(c: Collector, records: Records) -> None:
    for rec in ordered(records.recommendations):
        r = rec.record
        details = (("department", r.department), ("document_number", r.document_number))
        _city_record(c, rec, Event.RECOMMENDED, (UNRECOMMENDED, r.batch), year=r.batch, details=details)
    for rep in ordered(records.annual_reports):
        indicators = (("indicators", rep.record.indicators),)
        lacks = (UNREPORTED, rep.record.year)
        _city_record(
            c, rep, Event.REPORT_FILED, lacks, year=rep.record.year, details=indicators, date_field="filed_on"
        )
    for app in ordered(records.acceptance_applications):
        numbered = (("document_number", app.record.document_number),)
        _city_record(c, app, Event.ACCEPTANCE_APPLIED, (UNAPPLIED, 0), details=numbered)


def _city_record(
    c: Collector,
    item: Loaded[Any],
    kind: Event,
    lacks: Tag,
    *,
    year: int | None = None,
    details: tuple[tuple[str, Any], ...] = (),
    date_field: str = "date",
) -> None:
    """A city record's occurrence, if its town is known, of the city, and its date not in the future."""
    town: str = item.record.town
    day: dt.date = getattr(item.record, date_field)
    when = item.at(date_field)
    usable = (
        c.known(town, item.at("town"), lacks, day)
        and c.own_city(item, town, day)
        and c.not_future(day, when, {town})
    )
    if usable:
        c.occurrences.append(
            Occurrence.written_at(
                item.at("town"), day, kind, town, year=year, details=details, date_at=(when.line, when.column)
            )
        )


_LISTS: tuple[tuple[str, Event], ...] = (
    ("creation_list", Event.LISTED_CREATION),
    ("cultivation_list", Event.LISTED_CULTIVATION),
    ("not_selected", Event.NOT_SELECTED),
)


def _batch(c: Collector, item: Loaded[Any]) -> None:
    review = item.record
    named = {*review.creation_list, *review.cultivation_list, *review.not_selected}
    if not c.not_future(review.date, item.at("date"), named):
        return
    first: dict[str, str] = {}
    details = (("document_number", review.document_number),)
    for list_name, kind in _LISTS:
        for index, town in enumerate(getattr(review, list_name)):
            where = item.at(list_name, index)
            if not c.known(town, where, (UNLISTED, review.year), review.date):
                continue
            label = field_label(BatchReview, (list_name, index))
            if town in first:
                found = finding_at("E-LIFE-004", where, town=town, first=first[town], second=label)
                c.concerns.append(Concern(found))
                continue
            first[town] = label
            c.occurrences.append(
                Occurrence.written_at(where, review.date, kind, town, year=review.year, details=details)
            )


def _evaluation(c: Collector, item: Loaded[Any]) -> None:
    evaluation = item.record
    if not c.not_future(evaluation.date, item.at("date"), {r.town for r in evaluation.results}):
        return
    first: dict[str, int] = {}
    for index, result in enumerate(evaluation.results):
        where = item.at("results", index, "town")
        if not c.known(result.town, where, (UNGRADED, evaluation.year), evaluation.date):
            continue
        if result.town in first:
            params = {"town": result.town, "year": evaluation.year, "first_line": first[result.town]}
            c.concerns.append(Concern(finding_at("E-LIFE-006", where, **params)))
            continue
        first[result.town] = where.line
        c.occurrences.append(
            Occurrence.written_at(
                where,
                evaluation.date,
                Event.EVALUATED,
                result.town,
                year=evaluation.year,
                grade=result.grade,
                details=(("document_number", evaluation.document_number), ("remark", result.remark)),
            )
        )


def _naming(c: Collector, item: Loaded[Any]) -> None:
    """Each town named, and each town whose acceptance failed (with the reason, at its entry)."""
    naming = item.record
    if not c.not_future(naming.date, item.at("date"), set(naming.towns)):
        return
    details = (("document_number", naming.document_number),)
    for index, town in enumerate(naming.towns):
        where = item.at("towns", index)
        if c.known(town, where, (UNNAMED, 0), naming.date):
            c.occurrences.append(
                Occurrence.written_at(where, naming.date, Event.NAMED, town, details=details)
            )
    for index, failed in enumerate(naming.failed):
        where = item.at("failed", index, "town")
        if c.known(failed.town, where):
            more = (*details, ("reason", failed.reason))
            c.occurrences.append(
                Occurrence.written_at(where, naming.date, Event.ACCEPTANCE_FAILED, failed.town, details=more)
            )
