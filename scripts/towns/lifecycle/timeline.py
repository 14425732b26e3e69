"""From records to dated occurrences, one per town and decision, in a total order.

Every record becomes one occurrence per town it concerns. Occurrences that cannot be interpreted
are reported and left out: a town nobody knows, a city department writing about another city's
town, a date after today (a decision that has not happened cannot move a state), a town placed
twice in one batch review, a second grade for the same town and year. The order of replay is total
(date, same-day rank, year, file, line, column), so the derived state never depends on the order
in which files were read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from towns.catalog import finding
from towns.findings import Finding, Location
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

    def sort_key(self) -> tuple[dt.date, int, int, str, int, int]:
        return (self.date, RANK[self.kind], self.year or 0, self.file, self.line, self.column)

    @property
    def location(self) -> Location:
        """Where this town's part of the record is written, for findings about it."""
        return Location(self.file, self.line, self.column)


@dataclass(slots=True)
class Collector:
    """Builds occurrences, keeping the findings about records it cannot use."""

    towns: Mapping[str, Town]
    today: dt.date
    occurrences: list[Occurrence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def known(self, town: str, file: str, where: tuple[int, int], field_path: str) -> bool:
        if town in self.towns:
            return True
        self.findings.append(
            finding("E-LIFE-001", file=file, line=where[0], column=where[1], field=field_path, town=town)
        )
        return False

    def not_future(self, day: dt.date, file: str, where: tuple[int, int], field_path: str) -> bool:
        if day <= self.today:
            return True
        self.findings.append(
            finding(
                "E-LIFE-009",
                file=file,
                line=where[0],
                column=where[1],
                field=field_path,
                date=day.isoformat(),
                today=self.today.isoformat(),
            )
        )
        return False

    def own_city(self, item: Loaded[Any], town: str) -> bool:
        """A city department writes only about towns of its own city."""
        owner = self.towns[town].city_slug
        if item.city == owner:
            return True
        line, column = item.at("town")
        self.findings.append(
            finding(
                "E-REC-004",
                file=item.file,
                line=line,
                column=column,
                field="town",
                town=town,
                city=item.city,
                owner=owner,
            )
        )
        return False


def collect(records: Records, towns: Mapping[str, Town], today: dt.date) -> Collector:
    """Every usable occurrence of every record, with the findings of those left out."""
    c = Collector(towns, today)
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
        line, column = town.locate("filing_date")
        if c.not_future(d.filing_date, town.declaration_file, (line, column), "filing_date"):
            c.occurrences.append(
                Occurrence(
                    d.filing_date, Event.DECLARED, town.id, town.declaration_file, line, column, year=d.batch
                )
            )


def _city_records(c: Collector, records: Records) -> None:
    for rec in ordered(records.recommendations):
        if _usable(c, rec, rec.record.town, rec.record.date, "date"):
            _add(
                c,
                rec,
                Event.RECOMMENDED,
                rec.record.town,
                rec.record.date,
                year=rec.record.batch,
                details=(
                    ("department", rec.record.department),
                    ("document_number", rec.record.document_number),
                ),
            )
    for rep in ordered(records.annual_reports):
        if _usable(c, rep, rep.record.town, rep.record.filed_on, "filed_on"):
            _add(
                c,
                rep,
                Event.REPORT_FILED,
                rep.record.town,
                rep.record.filed_on,
                year=rep.record.year,
                details=(("indicators", rep.record.indicators),),
                date_field="filed_on",
            )
    for app in ordered(records.acceptance_applications):
        if _usable(c, app, app.record.town, app.record.date, "date"):
            _add(
                c,
                app,
                Event.ACCEPTANCE_APPLIED,
                app.record.town,
                app.record.date,
                details=(("document_number", app.record.document_number),),
            )


def _usable(c: Collector, item: Loaded[Any], town: str, day: dt.date, date_field: str) -> bool:
    return (
        c.known(town, item.file, item.at("town"), "town")
        and c.own_city(item, town)
        and c.not_future(day, item.file, item.at(date_field), date_field)
    )


def _add(
    c: Collector,
    item: Loaded[Any],
    kind: Event,
    town: str,
    day: dt.date,
    *,
    year: int | None = None,
    details: tuple[tuple[str, Any], ...] = (),
    date_field: str = "date",
) -> None:
    line, column = item.at("town")
    c.occurrences.append(
        Occurrence(
            day, kind, town, item.file, line, column, year=year, details=details, date_at=item.at(date_field)
        )
    )


_LISTS: tuple[tuple[str, Event], ...] = (
    ("creation_list", Event.LISTED_CREATION),
    ("cultivation_list", Event.LISTED_CULTIVATION),
    ("not_selected", Event.NOT_SELECTED),
)


def _batch(c: Collector, item: Loaded[Any]) -> None:
    review = item.record
    if not c.not_future(review.date, item.file, item.at("date"), "date"):
        return
    first: dict[str, str] = {}
    for list_name, kind in _LISTS:
        for index, town in enumerate(getattr(review, list_name)):
            path = f"{list_name}[{index}]"
            label = field_label(BatchReview, (list_name, index))
            line, column = item.at(list_name, index)
            if not c.known(town, item.file, (line, column), path):
                continue
            if town in first:
                c.findings.append(
                    finding(
                        "E-LIFE-004",
                        file=item.file,
                        line=line,
                        column=column,
                        field=path,
                        town=town,
                        first=first[town],
                        second=label,
                    )
                )
                continue
            first[town] = label
            c.occurrences.append(
                Occurrence(
                    review.date,
                    kind,
                    town,
                    item.file,
                    line,
                    column,
                    year=review.year,
                    details=(("document_number", review.document_number),),
                )
            )


def _evaluation(c: Collector, item: Loaded[Any]) -> None:
    evaluation = item.record
    if not c.not_future(evaluation.date, item.file, item.at("date"), "date"):
        return
    first: dict[str, int] = {}
    for index, result in enumerate(evaluation.results):
        line, column = item.at("results", index, "town")
        path = f"results[{index}].town"
        if not c.known(result.town, item.file, (line, column), path):
            continue
        if result.town in first:
            c.findings.append(
                finding(
                    "E-LIFE-006",
                    file=item.file,
                    line=line,
                    column=column,
                    field=path,
                    town=result.town,
                    year=evaluation.year,
                    first_line=first[result.town],
                )
            )
            continue
        first[result.town] = line
        c.occurrences.append(
            Occurrence(
                evaluation.date,
                Event.EVALUATED,
                result.town,
                item.file,
                line,
                column,
                year=evaluation.year,
                grade=result.grade,
                details=(("document_number", evaluation.document_number), ("remark", result.remark)),
            )
        )


def _naming(c: Collector, item: Loaded[Any]) -> None:
    naming = item.record
    if not c.not_future(naming.date, item.file, item.at("date"), "date"):
        return
    for index, town in enumerate(naming.towns):
        line, column = item.at("towns", index)
        if c.known(town, item.file, (line, column), f"towns[{index}]"):
            c.occurrences.append(
                Occurrence(
                    naming.date,
                    Event.NAMED,
                    town,
                    item.file,
                    line,
                    column,
                    details=(("document_number", naming.document_number),),
                )
            )
