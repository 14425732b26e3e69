"""The reviewers' conclusions on the conditions no number decides (审核意见), checked and per town.

The city's recommendation (`conclusions`) and the province's batch review (`reviews`, one entry per
town) conclude 符合 or 不符合 on each judgement its town needs (`towns.eligibility.judgements`).
A batch review that puts a town on the creation or cultivation list needs a conclusion on every
one of them, and none of them 不符合; a recommendation without them is only an advisory, since the
province decides. Every conclusion is kept for the town's page and the JSON report (`ReviewEntry`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from towns.catalog import finding_at
from towns.eligibility.judgements import RequiredJudgement, required_judgements
from towns.findings import Finding, Location
from towns.jsonfields import fields_json
from towns.lifecycle.gaps import UNLISTED, Concern, concerns
from towns.lifecycle.store import Loaded, Records, ordered
from towns.models.labels import field_label
from towns.models.program import Program
from towns.models.records import BatchReview, JudgementConclusion
from towns.models.values import Conclusion
from towns.registry import Town

_LISTED = (("creation_list", "创建名单"), ("cultivation_list", "培育名单"))


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One conclusion on record: who concluded (the city or the province), on what, and where."""

    by: str  # "recommendation" | "batch"
    year: int
    judgement: str
    title: str
    conclusion: Conclusion
    reason: str
    file: str
    line: int

    @property
    def by_name(self) -> str:
        return "地市审核推荐" if self.by == "recommendation" else "省分批审核"

    def as_json(self) -> dict[str, Any]:
        return {"by": self.by, "by_name": self.by_name, **fields_json(self, omit=("by",))}


@dataclass(frozen=True, slots=True)
class _Given:
    """The conclusions a record gives one town, with where they are written."""

    item: Loaded[Any]
    base: tuple[str | int, ...]  # path of the town's conclusions list in the record
    conclusions: Sequence[JudgementConclusion]
    anchor: tuple[str | int, ...] = ("town",)  # the town's entry: where a missing conclusion is reported


def review_concerns(records: Records, towns: Mapping[str, Town], program: Program) -> list[Concern]:
    """Every problem with the conclusions of the recommendations and batch reviews.

    A batch's review of a town on none of its lists (W-REVIEW-006) is signed as that town's missing
    listing: when a list item was left out for its own mistake, the note at that mistake folds it
    (`towns.lifecycle.gaps`). The others stand alone.
    """
    out: list[Concern] = []
    for rec in ordered(records.recommendations):
        town = towns.get(rec.record.town)
        if town is not None and town.declaration is not None:
            needed = required_judgements(town.declaration, program)
            given = _Given(rec, ("conclusions",), rec.record.conclusions)
            out += concerns(_conclusions(given, town.id, needed, listed=None))
    for batch in ordered(records.batches):
        out += _batch(batch, towns, program)
    return out


def _batch(item: Loaded[BatchReview], towns: Mapping[str, Town], program: Program) -> list[Concern]:
    entries, found = _entries(item, towns)
    out = concerns(found)
    review = item.record
    placed = review.settled()
    for town_id, index in entries.items():
        if town_id not in placed:
            where = item.at("reviews", index, "town")
            unplaced = finding_at("W-REVIEW-006", where, town=town_id, year=review.year)
            out.append(Concern(unplaced, town_id, review.date, (UNLISTED, review.year)))
    for town_id, list_title, given, needed in _listed(item, entries, towns, program):
        out += concerns(_conclusions(given, town_id, needed, listed=list_title))
    return out


def _entries(item: Loaded[BatchReview], towns: Mapping[str, Town]) -> tuple[dict[str, int], list[Finding]]:
    """The first review entry of each known town (by index), and findings about the others."""
    entries: dict[str, int] = {}
    out: list[Finding] = []
    for index, entry in enumerate(item.record.reviews):
        where = item.at("reviews", index, "town")
        if entry.town not in towns:
            out.append(finding_at("E-LIFE-001", where, town=entry.town))
        elif entry.town in entries:
            first = item.at("reviews", entries[entry.town], "town").line
            out.append(finding_at("E-REVIEW-002", where, what=f"小镇“{entry.town}”的审核意见", first=first))
        else:
            entries[entry.town] = index
    return entries, out


def _listed(
    item: Loaded[BatchReview], entries: Mapping[str, int], towns: Mapping[str, Town], program: Program
) -> Iterator[tuple[str, str, _Given, list[RequiredJudgement]]]:
    """Each town the review puts on a list: the list, its conclusions and the judgements it needs."""
    review = item.record
    for list_name, list_title in _LISTED:
        for position, town_id in enumerate(getattr(review, list_name)):
            town = towns.get(town_id)
            if town is None or town.declaration is None:
                continue
            found = entries.get(town_id)
            if found is None:
                given = _Given(item, (list_name, position), (), (list_name, position))
            else:
                base = ("reviews", found, "conclusions")
                given = _Given(item, base, review.reviews[found].conclusions, ("reviews", found, "town"))
            yield town_id, list_title, given, required_judgements(town.declaration, program)


def missing_conclusions(
    item: Loaded[BatchReview], towns: Mapping[str, Town], program: Program
) -> list[tuple[str, list[str]]]:
    """The towns the review lists without a conclusion on some judgement, with those judgements."""
    entries, _ = _entries(item, towns)
    out = []
    for town_id, _, given, needed in _listed(item, entries, towns, program):
        concluded = {c.judgement for c in given.conclusions}
        missing = [j.title for j in needed if j.id not in concluded]
        if missing:
            out.append((town_id, missing))
    return out


def _conclusions(
    given: _Given, town: str, needed: Sequence[RequiredJudgement], *, listed: str | None
) -> list[Finding]:
    """Unknown and repeated judgements, missing conclusions, and 不符合 for a listed town."""
    by_id = {j.id: j for j in needed}
    seen: dict[str, int] = {}
    out: list[Finding] = []
    for index, conclusion in enumerate(given.conclusions):
        where = given.item.at(*given.base, index, "judgement")
        if conclusion.judgement not in by_id:
            allowed = "、".join(f"{j.id}（{j.title}）" for j in needed) or "无"
            out.append(
                finding_at("E-REVIEW-001", where, given=conclusion.judgement, town=town, allowed=allowed)
            )
        elif conclusion.judgement in seen:
            what = f"“{by_id[conclusion.judgement].title}”的结论"
            out.append(finding_at("E-REVIEW-002", where, what=what, first=seen[conclusion.judgement]))
        else:
            seen[conclusion.judgement] = where.line
            if listed is not None and conclusion.conclusion == Conclusion.FAILS:
                at = given.item.at(*given.base, index, "conclusion")
                title = by_id[conclusion.judgement].title
                out.append(finding_at("E-REVIEW-005", at, town=town, list=listed, title=title))
    missing = "、".join(j.title for j in needed if j.id not in seen)
    if missing:
        out.append(_missing(given, town, missing, listed))
    return out


def _missing(given: _Given, town: str, missing: str, listed: str | None) -> Finding:
    where: Location = given.item.at(*given.anchor)
    if listed is None:
        return finding_at("W-REVIEW-003", where, town=town, missing=missing)
    label = field_label(BatchReview, ("reviews",))
    return finding_at("E-REVIEW-004", where, town=town, list=listed, missing=missing, reviews=label)


@dataclass(slots=True)
class _Collected:
    """Conclusions gathered per town, with each town's judgement titles looked up once."""

    towns: Mapping[str, Town]
    program: Program
    entries: dict[str, list[ReviewEntry]]
    titles: dict[str, dict[str, str]]

    def title(self, town_id: str, judgement: str) -> str:
        if town_id not in self.titles:
            declaration = self.towns[town_id].declaration
            needed = required_judgements(declaration, self.program) if declaration else []
            self.titles[town_id] = {j.id: j.title for j in needed}
        return self.titles[town_id].get(judgement, judgement)

    def add(self, by: str, year: int, town_id: str, given: _Given) -> None:
        if town_id not in self.towns:
            return
        for index, c in enumerate(given.conclusions):
            line = given.item.at(*given.base, index, "judgement").line
            title = self.title(town_id, c.judgement)
            entry = ReviewEntry(by, year, c.judgement, title, c.conclusion, c.reason, given.item.file, line)
            self.entries[town_id].append(entry)


def reviews_by_town(
    records: Records, towns: Mapping[str, Town], program: Program
) -> dict[str, list[ReviewEntry]]:
    """Every conclusion on record, per town: the city's, then the province's, each by date."""
    c = _Collected(towns, program, defaultdict(list), {})
    for rec in sorted(records.recommendations, key=lambda r: (r.record.date, r.file)):
        c.add(
            "recommendation",
            rec.record.batch,
            rec.record.town,
            _Given(rec, ("conclusions",), rec.record.conclusions),
        )
    for batch in sorted(records.batches, key=lambda b: (b.record.date, b.file)):
        for index, entry in enumerate(batch.record.reviews):
            base = ("reviews", index, "conclusions")
            c.add("batch", batch.record.year, entry.town, _Given(batch, base, entry.conclusions))
    return dict(c.entries)
