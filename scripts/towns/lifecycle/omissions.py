"""What a record leaves out silently: towns a decision forgot, grades given without their report.

* A batch review settles every recommendation of its batch (seed §4.4): each town its city
  recommended for that batch, inside the batch's window, is on the creation list, the cultivation
  list or the not-selected list. One that is on none is left waiting for a decision that was
  published without it (`E-LIFE-018`, an error: the record has a place for it, ``not_selected``).
* A year's evaluation grades every town on a list at the end of that year (seed §4.5: 每年进行考核)
  and not named before the evaluation was published (a named town has left the program). One it
  omits has no grade for that year (`W-LIFE-004`, a warning: whether a town listed late in
  the year is graded for it is the province's practice, and a record cannot say "not evaluated").
* A grade rests on that year's development report (seed §4.5: the city reports, the province
  evaluates). A grade for a year with no report is flagged at the grade (`W-LIFE-005`, a warning:
  the report may exist on paper); it replaces the overdue-report reminder for the same year, which
  would say the same thing at the file that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from towns.catalog import finding_at
from towns.lifecycle.gaps import UNGRADED, UNLISTED, UNREPORTED, Concern
from towns.lifecycle.machine import TownLife
from towns.lifecycle.paths import annual_report_path
from towns.lifecycle.states import Event
from towns.lifecycle.store import Records, ordered
from towns.lifecycle.timeline import Occurrence
from towns.models.labels import field_label
from towns.models.program import Program
from towns.models.records import BatchReview
from towns.models.values import BatchList
from towns.registry import Town


def listed_in(records: Records) -> dict[int, set[str]]:
    """Every town id written on any list of each year's batch review (legible or not), including
    the towns its corrections add to or move between lists (a correction settles a town too)."""
    out: dict[int, set[str]] = {}
    for item in records.batches:
        out.setdefault(item.record.year, set()).update(item.record.settled())
    return out


def unsettled(
    records: Records, occurrences: Sequence[Occurrence], program: Program, now: dt.date
) -> list[Concern]:
    """Towns recommended for a published batch that its review neither lists nor rejects."""
    reviews = {item.record.year: item for item in records.batches if item.record.date <= now}
    listed = listed_in(records)
    lists = "、".join(f"“{field_label(BatchReview, (name.value,))}”" for name in BatchList)
    out = []
    for occ in occurrences:
        item = reviews.get(occ.year or 0)
        if occ.kind is not Event.RECOMMENDED or item is None or occ.town in listed.get(occ.year or 0, set()):
            continue
        batch = program.batches_by_year.get(item.record.year)
        if batch is None or not batch.accepts(occ.date) or occ.date > item.record.date:
            continue  # a recommendation outside the window has its own finding and no place in the list
        where = item.document.at(
            ("not_selected",) if "not_selected" in item.document.data else ("date",), key=True
        )
        found = finding_at(
            "E-LIFE-018", where, town=occ.town, year=item.record.year, recommendation=occ.file, lists=lists
        )
        out.append(Concern(found, occ.town, item.record.date, (UNLISTED, item.record.year)))
    return out


def ungraded(records: Records, lives: Mapping[str, TownLife], now: dt.date) -> list[Concern]:
    """Towns on a list at the end of a year that the year's published evaluation omits."""
    out = []
    for item in ordered(records.evaluations):
        evaluation = item.record
        if evaluation.date > now:
            continue
        graded = {r.town for r in evaluation.results}
        graded |= {r.town for c in evaluation.corrections for r in (*c.added, *c.changed)}  # supplements too
        year_end = dt.date(evaluation.year, 12, 31)
        for town, life in sorted(lives.items()):
            stay = next((m for m in life.memberships if m.covers_day(year_end)), None)
            if stay is None or town in graded or _named_by(life, evaluation.date):
                continue
            params = {"town": town, "year": evaluation.year, "tier": stay.tier.label, "start": stay.start}
            found = finding_at("W-LIFE-004", item.document.at(("results",), key=True), **params)
            out.append(Concern(found, town, evaluation.date, (UNGRADED, evaluation.year)))
    return out


def _named_by(life: TownLife, day: dt.date) -> bool:
    """A town named before the evaluation was published has left the program: no grade is due."""
    return any(e.event is Event.NAMED and e.date <= day for e in life.history)


def unreported(lives: Mapping[str, TownLife], towns: Iterable[Town], program: Program) -> list[Concern]:
    """Grades given for a year whose development report was never filed."""
    out = []
    for town in towns:
        life = lives.get(town.id)
        if life is None:
            continue
        for year, occ in sorted(life.graded.items()):
            if year in life.reports:
                continue
            deadline = program.annual_report_deadline.in_year(year + 1)
            path = annual_report_path(town.city_slug, year, town.id)
            params = {"town": town.id, "year": year, "grade": occ.grade, "deadline": deadline, "path": path}
            found = finding_at("W-LIFE-005", occ.location, **params)
            out.append(Concern(found, town.id, occ.date, (UNREPORTED, year)))
    return out
