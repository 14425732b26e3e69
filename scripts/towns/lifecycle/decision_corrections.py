"""Corrections of the province's decisions: batch reviews, evaluation results and namings.

Each correction is checked against the decision as it stood before it (the published lists, grades
or towns, with the earlier corrections applied) and becomes occurrences on its own date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from towns.findings import Location
from towns.lifecycle.amendment import Action
from towns.lifecycle.correcting import amendment_of, misfit, occurrence, supplement_only_adds, usable
from towns.lifecycle.states import Event
from towns.lifecycle.store import Loaded
from towns.lifecycle.timeline import Collector
from towns.models.records import BatchCorrection, BatchReview, EvaluationCorrection, NamingCorrection
from towns.models.values import BatchList

LISTING: dict[BatchList, Event] = {
    BatchList.CREATION: Event.LISTED_CREATION,
    BatchList.CULTIVATION: Event.LISTED_CULTIVATION,
    BatchList.NOT_SELECTED: Event.NOT_SELECTED,
}


def batch(c: Collector, item: Loaded[BatchReview]) -> None:
    """The occurrences of a batch review's corrections: towns added to, moved between, removed from lists."""
    review = item.record
    placed: dict[str, BatchList] = {}
    for name, towns in review.lists().items():
        for town in towns:
            placed.setdefault(town, name)
    changes = ("added", "moved", "removed", "waivers")
    for index, correction in _usable(c, item, changes, ("moved", "removed"), "补列、改列或删除的小镇"):
        _batch_changes(c, item, index, correction, placed)


def _usable(
    c: Collector, item: Loaded[Any], changes: tuple[str, ...], replacing: tuple[str, ...], nothing: str
) -> Iterator[tuple[int, Any]]:
    """The decision's usable corrections with their index, in order; each is dated against the one before.

    A correction must fill one of its ``changes`` (else it lacks ``nothing``), and a supplement (补充)
    none of those ``replacing`` what the decision says.
    """
    previous = item.record.date
    for index, correction in enumerate(item.record.corrections):
        empty = None if any(getattr(correction, n) for n in changes) else nothing
        taken = [n for n in replacing if getattr(correction, n)]
        if not supplement_only_adds(c, item, index, taken) or not usable(c, item, index, previous, empty):
            continue
        previous = correction.date
        yield index, correction


Placement = tuple[str, int, str, BatchList | None, BatchList | None]  # field, index, town, from, to


def _placements(correction: BatchCorrection) -> list[Placement]:
    """Every town a batch correction places, as (field, index, town, from, to): None where it has no side."""
    out: list[Placement] = [("added", j, e.town, None, e.to) for j, e in enumerate(correction.added)]
    out += [("moved", j, e.town, e.from_, e.to) for j, e in enumerate(correction.moved)]
    out += [("removed", j, e.town, e.from_, None) for j, e in enumerate(correction.removed)]
    return out


def _batch_changes(
    c: Collector,
    item: Loaded[BatchReview],
    index: int,
    correction: BatchCorrection,
    placed: dict[str, BatchList],
) -> None:
    for field, j, town, source, target in _placements(correction):
        where = item.at("corrections", index, field, j, "town")
        if not c.known(town, where):
            continue
        problem = _does_not_fit(town, placed.get(town), source, target)
        if problem is not None:
            misfit(c, where, problem)
            continue
        if target is None:
            del placed[town]
        else:
            placed[town] = target
        action = Action.UNPLACE if target is None else Action.PLACE
        amendment = amendment_of(item, correction, action, _placement_change(source, target), target=target)
        kind = Event.CORRECTED if target is None else LISTING[target]
        c.occurrences.append(
            occurrence(item, correction, where, kind, town, amendment=amendment, year=item.record.year)
        )


def _placement_change(source: BatchList | None, target: BatchList | None) -> str:
    if source is None and target is not None:
        return f"补列“{target.label}”"
    if source is not None and target is not None:
        return f"由“{source.label}”改列“{target.label}”"
    assert source is not None  # noqa: S101 - a placement has a side
    return f"从“{source.label}”中删除"


def _does_not_fit(
    town: str, now: BatchList | None, source: BatchList | None, target: BatchList | None
) -> str | None:
    """Why a placement does not fit the lists as they stand (None when it does)."""
    if source is None:
        if now is None:
            return None
        return f"小镇“{town}”已在“{now.label}”中，不能再补列；改列请写在改列的小镇中"
    if source is target:
        return f"小镇“{town}”改列前后都是“{source.label}”"
    if now is not source:
        where = f"在“{now.label}”中" if now else "不在本批次的任何名单中"
        return f"小镇“{town}”不在原记录的“{source.label}”中（它{where}）"
    return None


def evaluation(c: Collector, item: Loaded[Any]) -> None:
    """The occurrences of an evaluation's corrections: grades changed, added, withdrawn."""
    evaluation = item.record
    graded: dict[str, str] = {}
    for result in evaluation.results:
        graded.setdefault(result.town, result.grade)
    changes = ("changed", "added", "removed")
    for index, correction in _usable(c, item, changes, ("changed", "removed"), "更正、补充或撤销的考核结果"):
        _evaluation_changes(c, item, index, correction, graded)


def _evaluation_changes(
    c: Collector, item: Loaded[Any], index: int, correction: EvaluationCorrection, graded: dict[str, str]
) -> None:
    for field, entries in (("changed", correction.changed), ("added", correction.added)):
        for j, result in enumerate(entries):
            where = item.at("corrections", index, field, j, "town")
            if c.known(result.town, where):
                _grade(
                    c,
                    item,
                    correction,
                    where,
                    (result.town, result.grade),
                    graded=graded,
                    changing=field == "changed",
                )
    for j, town in enumerate(correction.removed):
        where = item.at("corrections", index, "removed", j)
        if not c.known(town, where):
            continue
        if town not in graded:
            misfit(c, where, f"小镇“{town}”不在原考核结果中，无从撤销")
            continue
        change = f"撤销 {item.record.year} 年度考核等次“{graded.pop(town)}”"
        amendment = amendment_of(item, correction, Action.UNGRADE, change)
        c.occurrences.append(
            occurrence(
                item, correction, where, Event.CORRECTED, town, amendment=amendment, year=item.record.year
            )
        )


def _grade(
    c: Collector,
    item: Loaded[Any],
    correction: EvaluationCorrection,
    where: Location,
    result: tuple[str, str],
    *,
    graded: dict[str, str],
    changing: bool,
) -> None:
    """A grade changed (``changing``) or added: it must exist before, or must not."""
    town, grade = result
    old = graded.get(town)
    if (old is None) is changing:
        problem = (
            "不在原考核结果中；补充请写在补充的考核结果中"
            if old is None
            else "已有考核结果；改正请写在更正的等次中"
        )
        misfit(c, where, f"小镇“{town}”{problem}")
        return
    graded[town] = grade
    year = item.record.year
    action = Action.REGRADE if old is not None else Action.ADD_GRADE
    change = f"{year} 年度考核等次由“{old}”改为“{grade}”" if old else f"补充 {year} 年度考核等次“{grade}”"
    amendment = amendment_of(item, correction, action, change)
    c.occurrences.append(
        occurrence(
            item, correction, where, Event.EVALUATED, town, amendment=amendment, year=year, grade=grade
        )
    )


def naming(c: Collector, item: Loaded[Any]) -> None:
    """The occurrences of a naming's corrections: towns named that it left out, namings withdrawn."""
    naming = item.record
    named = set(naming.towns)
    for index, correction in _usable(c, item, ("added", "removed"), ("removed",), "补充或撤销命名的小镇"):
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
                misfit(c, where, f"小镇“{town}”{'已在' if town in named else '不在'}原命名文件中")
                continue
            if action is Action.NAME:
                named.add(town)
            else:
                named.discard(town)
            change = "补充命名" if action is Action.NAME else "撤销命名"
            kind = Event.NAMED if action is Action.NAME else Event.CORRECTED
            c.occurrences.append(
                occurrence(
                    item,
                    correction,
                    where,
                    kind,
                    town,
                    amendment=amendment_of(item, correction, action, change),
                )
            )
