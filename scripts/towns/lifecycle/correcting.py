"""What every correction (更正/补充) of a published record shares, whatever the record: whether it can
be applied at all, and the occurrence it becomes (see `towns.lifecycle.corrections`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from towns.catalog import finding_at
from towns.findings import Finding, Location
from towns.lifecycle.amendment import Action, Amendment
from towns.lifecycle.gaps import Concern
from towns.lifecycle.paths import KIND_NAMES, Kind, parse_record_path
from towns.lifecycle.states import Event
from towns.lifecycle.store import Loaded
from towns.lifecycle.timeline import Collector, Occurrence
from towns.models.labels import field_label
from towns.models.records import Correction, LateFiling
from towns.models.values import CorrectionKind

CITY_KINDS = frozenset({Kind.RECOMMENDATION, Kind.ANNUAL_REPORT, Kind.ACCEPTANCE_APPLICATION})


def late_details(late: LateFiling) -> tuple[tuple[str, Any], ...]:
    """The history details that mark an entry as 补录."""
    return (("late_filing", late.recorded_on.isoformat()), ("late_reason", late.reason))


def _report(c: Collector, found: Finding) -> None:
    """A finding about a correction that cannot be applied: reported as it is, folding nothing."""
    c.concerns.append(Concern(found))


def usable(c: Collector, item: Loaded[Any], index: int, previous: dt.date, empty: str | None) -> bool:
    """Whether correction ``index`` of ``item`` can be applied; its findings when not."""
    correction: Correction = item.record.corrections[index]
    at = item.at("corrections", index)
    if empty is not None:
        _report(
            c, finding_at("E-PUB-006", at, kind=correction.kind.label, record=record_name(item), what=empty)
        )
        return False
    when = item.at("corrections", index, "date")
    if correction.date < previous:
        what = f"更正或补充的日期 {correction.date} 早于原记录或此前一条更正的日期 {previous}"
        _report(c, finding_at("E-LIFE-010", when, what=what))
        return False
    return c.not_future(correction.date, when)


def record_name(item: Loaded[Any]) -> str:
    place = parse_record_path(item.file)
    return KIND_NAMES[place.kind] if place else ""


def supplement_only_adds(c: Collector, item: Loaded[Any], index: int, taken: Sequence[str]) -> bool:
    """补充 must not move, change or remove anything (``taken``: the fields it filled that do)."""
    correction: Correction = item.record.corrections[index]
    if correction.kind is not CorrectionKind.SUPPLEMENT or not taken:
        return True
    record = type(item.record)
    what = "、".join(field_label(record, ("corrections", index, name)).split(" › ")[-1] for name in taken)
    where = item.document.at(("corrections", index, taken[0]), key=True)
    _report(c, finding_at("E-PUB-007", where, what=f"写{what}"))
    return False


def occurrence(
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


def amendment_of(
    item: Loaded[Any], correction: Correction, action: Action, change: str, **more: Any
) -> Amendment:
    return Amendment(correction.kind, record_name(item), action, change, correction.reason, **more)


def misfit(c: Collector, where: Location, problem: str) -> None:
    _report(c, finding_at("E-PUB-008", where, problem=problem))
