"""Records that contradict the process across files, whatever the state they find.

Dates must follow the process (seed §4.1, §4.4–4.5): a recommendation falls inside its batch's
submission window (both days included) and after the town's own filing date; a batch review is
published after its window has closed and after the recommendations it relies on; a town is listed
only when its city recommended it for that batch, and only when it meets the conditions or the
province waived the ones it fails, a discretionary shortfall only with a waiver for it; an
evaluation is published after the year it grades; an annual report is filed from the reminder
start of its year (1 December by default) and by the deadline of the next year (10 January,
included) — a later one is a warning, since the report still counts.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping, Sequence

from towns import windows
from towns.catalog import finding_at
from towns.eligibility import Eligibility
from towns.eligibility.rules import RULES
from towns.findings import Finding, Location
from towns.lifecycle.gaps import UNWAIVED, Concern, Gap, closest_town, concerns
from towns.lifecycle.paths import KIND_NAMES, Kind
from towns.lifecycle.states import Event
from towns.lifecycle.store import Records, ordered
from towns.lifecycle.timeline import Occurrence
from towns.models.program import Program
from towns.registry import Town

_LISTINGS = frozenset({Event.LISTED_CREATION, Event.LISTED_CULTIVATION, Event.NOT_SELECTED})
LIST_NAMES = {Event.LISTED_CREATION: "创建名单", Event.LISTED_CULTIVATION: "培育名单"}


CONDITION_IDS = frozenset(rule.id for rules in RULES.values() for rule in rules)  # what a waiver may name


def contradictions(
    records: Records,
    occurrences: Sequence[Occurrence],
    towns: Mapping[str, Town],
    eligibility: Mapping[str, Eligibility],
    program: Program,
    *,
    elsewhere: frozenset[str] = frozenset(),
) -> tuple[list[Concern], list[Gap]]:
    """Every cross-record contradiction that does not depend on a town's state, and the waivers
    that concern no known town (what they leave out). Waivers of ``elsewhere`` (towns of the
    registry that were not loaded) are not judged."""
    waivers, gaps = _waivers(records, towns, elsewhere)
    found = [
        *concerns(_batch_years(records, program)),
        *waivers,
        *concerns(_recommendations(occurrences, towns, program)),
        *_listings(occurrences, towns, eligibility),
        *concerns(_evaluation_dates(records)),
        *concerns(_report_dates(occurrences, program)),
    ]
    return found, gaps


def _order(where: Location, what: str) -> Finding:
    return finding_at("E-LIFE-010", where, what=what)


def _batch_years(records: Records, program: Program) -> list[Finding]:
    out = []
    for item in ordered(records.batches):
        review = item.record
        batch = program.batches_by_year.get(review.year)
        if batch is None:
            record = KIND_NAMES[Kind.BATCH]
            out.append(finding_at("E-LIFE-015", item.at("year"), year=review.year, record=record))
        elif review.date <= batch.closes:
            what = f"名单公布日期 {review.date} 不晚于该批次受理截止日 {batch.closes}"
            out.append(_order(item.at("date"), what))
    return out


def _waivers(
    records: Records, towns: Mapping[str, Town], elsewhere: frozenset[str]
) -> tuple[list[Concern], list[Gap]]:
    """A waiver concerns a known town that the same batch review puts on one of its lists."""
    out: list[Concern] = []
    gaps: list[Gap] = []
    for item in ordered(records.batches):
        review = item.record
        listed = {*review.creation_list, *review.cultivation_list}
        for correction in review.corrections:
            listed |= {p.town for p in correction.added if p.to.tier}
            listed |= {p.town for p in correction.moved if p.to.tier}
        for index, waiver in enumerate(review.waivers):
            where = item.at("waivers", index, "town")
            if waiver.town in elsewhere:
                continue
            if waiver.town not in towns:
                closest = closest_town(waiver.town, towns)
                hint = f"；与之最接近的已申报小镇为“{closest}”，是否写错了？" if closest else ""
                found = finding_at("E-LIFE-001", where, town=waiver.town, closest=hint)
                out.append(Concern(found))
                tag = (UNWAIVED, review.year)
                gaps.append(Gap(where, frozenset({waiver.town}), review.date, frozenset({tag}), found))
            elif waiver.condition not in CONDITION_IDS:
                at = item.at("waivers", index, "condition")
                found = _unknown_condition(at, waiver.town, waiver.condition)
                out.append(Concern(found))
                tag = (UNWAIVED, review.year)
                gaps.append(Gap(at, frozenset({waiver.town}), review.date, frozenset({tag}), found))
            elif waiver.town not in listed:
                state = "列为未入选" if waiver.town in review.not_selected else "未列入任何名单"
                found = finding_at("W-LIFE-003", where, town=waiver.town, year=review.year, state=state)
                out.append(Concern(found, waiver.town, review.date))
    return out, gaps


def _unknown_condition(where: Location, town: str, condition: str) -> Finding:
    close = difflib.get_close_matches(condition, sorted(CONDITION_IDS), n=1)
    closest = f"；最接近的编号为“{close[0]}”，是否写错了？" if close else ""
    known = "、".join(sorted(CONDITION_IDS))
    return finding_at("E-LIFE-019", where, town=town, condition=condition, closest=closest, known=known)


def _with_year(occurrences: Sequence[Occurrence], kind: Event) -> Iterator[tuple[Occurrence, int]]:
    """The occurrences of ``kind`` with their year (a recommendation's batch, a report's year)."""
    for occ in occurrences:
        if occ.kind is kind:
            assert occ.year is not None  # noqa: S101 - these kinds always carry their year
            yield occ, occ.year


def _recommendations(
    occurrences: Sequence[Occurrence], towns: Mapping[str, Town], program: Program
) -> list[Finding]:
    out = []
    for occ, year in _with_year(occurrences, Event.RECOMMENDED):
        batch = program.batches_by_year.get(year)
        if batch is None:
            out.append(
                finding_at(
                    "E-LIFE-015",
                    occ.location,
                    year=year,
                    record=KIND_NAMES[Kind.RECOMMENDATION],
                )
            )
        elif not batch.accepts(occ.date):
            out.append(
                finding_at(
                    "E-LIFE-011",
                    occ.location,
                    town=occ.town,
                    date=occ.date.isoformat(),
                    year=year,
                    opens=batch.opens.isoformat(),
                    closes=batch.closes.isoformat(),
                    advice=windows.advice(program, occ.date),
                )
            )
        declaration = towns[occ.town].declaration
        if declaration is not None and declaration.batch == year and occ.date < declaration.filing_date:
            out.append(
                _order(occ.location, f"推荐日期 {occ.date} 早于申报表的填报日期 {declaration.filing_date}")
            )
    return out


def _listings(
    occurrences: Sequence[Occurrence], towns: Mapping[str, Town], eligibility: Mapping[str, Eligibility]
) -> list[Concern]:
    recommended = {(o.town, o.year): o for o in occurrences if o.kind is Event.RECOMMENDED}
    out: list[Concern] = []
    for occ in occurrences:
        if occ.kind not in _LISTINGS:
            continue
        rec = recommended.get((occ.town, occ.year))
        if rec is not None and rec.date > occ.date:
            what = f"小镇 {occ.town} 的推荐日期 {rec.date} 晚于名单公布日期 {occ.date}"
            out.append(Concern(_order(occ.location, what)))
        if occ.kind is not Event.NOT_SELECTED:
            out += _eligible(occ, towns[occ.town], eligibility.get(occ.town))
    return out


def _eligible(occ: Occurrence, town: Town, verdict: Eligibility | None) -> list[Concern]:
    """A listed town must meet the conditions of the batch it applied to, or have them waived.

    A discretionary shortfall (status ``warning``) is the province's to accept, case by case: the
    batch review that lists the town must record a waiver for it, or the decision file is wrong.
    Both depend on the batch's waivers: a waiver that could not be read explains them.
    """
    if verdict is None or town.declaration is None or town.declaration.batch != occ.year:
        return []
    out = []
    if not verdict.eligible:
        failed = "、".join(c.title for c in verdict.conditions if c.status == "fail")
        out.append(finding_at("E-LIFE-003", occ.location, town=occ.town, failed=failed, year=occ.year))
    pending = verdict.pending_discretion
    if pending:
        conditions = "、".join(f"{c.clause} {c.title}" for c in pending)
        listed = LIST_NAMES[occ.kind]
        out.append(finding_at("E-LIFE-016", occ.location, town=occ.town, list=listed, conditions=conditions))
    return [Concern(f, occ.town, occ.date, (UNWAIVED, occ.year or 0)) for f in out]


def _evaluation_dates(records: Records) -> list[Finding]:
    out = []
    for item in ordered(records.evaluations):
        evaluation = item.record
        if evaluation.date <= dt.date(evaluation.year, 12, 31):
            what = f"{evaluation.year} 年度考核结果的公布日期 {evaluation.date} 不在该年度结束之后"
            out.append(_order(item.at("date"), what))
    return out


def _report_dates(occurrences: Sequence[Occurrence], program: Program) -> list[Finding]:
    out = []
    for occ, year in _with_year(occurrences, Event.REPORT_FILED):
        earliest = program.reminder_start.in_year(year)
        deadline = program.annual_report_deadline.in_year(year + 1)
        where = occ.date_location
        if occ.date < earliest:
            out.append(_order(where, f"{year} 年度报告的报送日期 {occ.date} 早于 {earliest}，该年度尚未结束"))
        elif occ.date > deadline:
            params = {"town": occ.town, "year": year, "date": occ.date.isoformat()}
            out.append(finding_at("W-LIFE-001", where, deadline=deadline.isoformat(), **params))
    return out
