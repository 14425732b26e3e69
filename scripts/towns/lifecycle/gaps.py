"""One mistake, one finding: what a record could not say, and the findings that follow from it.

A record (or one item of it) that cannot be used leaves a gap: the towns it named lose a
recommendation, a listing, a grade, a waiver or an application, and the replay then finds, years
later and in other files, reports of a town "not on any list", a naming "without an application",
a condition "not waived". Those findings are true of the registry as read, but they are not
further mistakes: they are the first one, seen from elsewhere. So each gap is reported once, at
its cause, with the findings it explains folded into one note there (`W-REC-005`), and none of
them is reported on its own.

A finding is folded into a gap when it is of a kind that depends on other records (`DEPENDENT`),
it concerns one of the gap's towns, and it is about something dated on or after the gap (or it
has the gap's own signature, such as "town missing from the 2016 batch"). When the gap cannot name
its town (an unreadable or unknown town id), its towns are those of the findings with its
signature, narrowed to the one whose id is closest to what was written when there is one. A gap
that is itself explained by an earlier gap hands its findings to that one, so a chain of
consequences ends at its root. See docs/guide/lifecycle.md ("一处错误只报一次").
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from towns.catalog import entry, finding_at
from towns.findings import Finding, Location
from towns.lifecycle.paths import Kind

# What a finding's signature says it lacks: the batch listing of a recommended town, a grade, a
# report, a waiver, a recommendation, an acceptance application, a naming. With the year it
# concerns (0 when none).
Tag = tuple[str, int]
UNLISTED = "unlisted"
UNGRADED = "ungraded"
UNREPORTED = "unreported"
UNWAIVED = "unwaived"
UNRECOMMENDED = "unrecommended"
UNAPPLIED = "unapplied"
UNNAMED = "unnamed"

# What a town lacks when a record of each kind (or one item of a list) is left out.
LACKS: dict[Kind | str, str] = {
    Kind.RECOMMENDATION: UNRECOMMENDED,
    Kind.ANNUAL_REPORT: UNREPORTED,
    Kind.ACCEPTANCE_APPLICATION: UNAPPLIED,
    Kind.BATCH: UNLISTED,
    Kind.EVALUATION: UNGRADED,
    Kind.NAMING: UNNAMED,
    "creation_list": UNLISTED,
    "cultivation_list": UNLISTED,
    "not_selected": UNLISTED,
    "waivers": UNWAIVED,
    "results": UNGRADED,
    "towns": UNNAMED,
}


def lacking(year: int | None, what: Kind | str) -> frozenset[Tag]:
    """What the towns lack when ``what`` (a kind of record, or one of its lists) of ``year`` (the
    year its path names, if any) is left out. A whole batch review also carries its waivers."""
    tags = {(LACKS[what], year or 0)}
    if what is Kind.BATCH:
        tags.add((UNWAIVED, year or 0))
    return frozenset(tags)


# Findings whose truth depends on what other records say (a state, a list, a waiver, a report):
# the ones a gap elsewhere can explain. A finding about a record's own content (its dates, its
# window, its fields) never depends on another record and is always reported.
DEPENDENT = frozenset(
    {
        "E-LIFE-002",
        "E-LIFE-003",
        "E-LIFE-005",
        "E-LIFE-007",
        "E-LIFE-008",
        "E-LIFE-012",
        "E-LIFE-013",
        "E-LIFE-014",
        "E-LIFE-016",
        "E-LIFE-017",
        "E-LIFE-018",
        "W-LIFE-002",
        "W-LIFE-003",
        "W-LIFE-004",
        "W-LIFE-005",
        "W-REVIEW-006",  # a review of a town the batch's lists do not hold (yet)
    }
)
_DEPENDENT_FAMILIES = frozenset({"ELIG"})
_CLOSE_ID = 0.8
_SHOWN_PLACES = 5


@dataclass(frozen=True, slots=True)
class Concern:
    """A finding with what it is about: the town, the day of the fact, the signature."""

    finding: Finding
    town: str | None = None
    day: dt.date | None = None
    tag: Tag | None = None

    @property
    def dependent(self) -> bool:
        code = self.finding.code
        return code in DEPENDENT or entry(code).family in _DEPENDENT_FAMILIES


@dataclass(frozen=True, slots=True)
class Gap:
    """What a record could not say: where the error is, whom it names, from when it matters."""

    cause: Location
    towns: frozenset[str] = frozenset()
    since: dt.date | None = None
    tags: frozenset[Tag] = frozenset()  # what the towns lack because of it
    finding: Finding | None = None  # the cause's own finding, when it is a lifecycle finding
    # An unfinished record (blanks still to fill in): what it leaves out is folded without a note,
    # since its blanks already say why it does not count yet.
    unfinished: bool = False

    def covers(self, concern: Concern, towns: frozenset[str]) -> bool:
        """Whether ``concern`` follows from this gap, whose towns are ``towns`` (resolved)."""
        if not concern.dependent or concern.town not in towns or concern.finding == self.finding:
            return False
        if concern.tag is not None and concern.tag in self.tags:
            return True
        return concern.day is not None and (self.since is None or concern.day >= self.since)


def concerns(findings: Iterable[Finding]) -> list[Concern]:
    """Findings about no town in particular: never folded, always reported."""
    return [Concern(f) for f in findings]


@dataclass(frozen=True, slots=True)
class _Routing:
    known: frozenset[str]
    concerns: Sequence[Concern]
    candidates: Mapping[Tag, set[str]]

    def resolve(self, gap: Gap) -> frozenset[str]:
        """The known towns a gap concerns: those it names, else those of its signature."""
        named = gap.towns & self.known
        if named or not gap.tags:
            return named
        signed = {c.town for c in self.concerns if c.tag in gap.tags and c.town is not None}
        towns = sorted(signed.union(*(self.candidates.get(tag, set()) for tag in gap.tags)))
        close = [t for t in towns if any(_close(written, t) for written in gap.towns)]
        return frozenset(close[:1] or towns)


def _close(written: str, town: str) -> bool:
    """A likely typo: alike (difflib ratio) or one character added, left out or changed."""
    folded = written.casefold()
    return difflib.SequenceMatcher(None, folded, town).ratio() >= _CLOSE_ID or _one_edit(folded, town)


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def closest_town(written: str, candidates: Iterable[str]) -> str | None:
    """The known town id closest to ``written`` (a likely typo of it), if one is close enough."""
    close = [t for t in sorted(candidates) if _close(written, t)]
    folded = written.casefold()
    return max(close, key=lambda t: difflib.SequenceMatcher(None, folded, t).ratio(), default=None)


def route(
    concerns: Sequence[Concern],
    gaps: Sequence[Gap],
    known: Iterable[str],
    candidates: Mapping[Tag, set[str]] | None = None,
) -> list[Finding]:
    """Every finding to report: the independent ones, and one note per gap that explains others.

    ``candidates`` are, for a signature, the towns a gap that names no known town may concern
    beyond those of the findings with that signature.
    """
    order = sorted(range(len(gaps)), key=lambda i: (gaps[i].since or dt.date.min, gaps[i].cause.file))
    routing = _Routing(frozenset(known), concerns, candidates or {})
    by_town: dict[str, list[tuple[int, frozenset[str]]]] = {}  # town → its gaps, in order
    for gi in order:
        towns = routing.resolve(gaps[gi])
        for town in towns:
            by_town.setdefault(town, []).append((gi, towns))
    owner: dict[int, int] = {}  # concern index → gap index
    for ci, concern in enumerate(concerns):
        for gi, towns in by_town.get(concern.town or "", ()):
            if gaps[gi].covers(concern, towns):
                owner[ci] = gi
                break
    root = _roots(gaps, concerns, owner)
    folded: dict[int, list[Concern]] = {}
    for ci, gi in owner.items():
        folded.setdefault(root(gi), []).append(concerns[ci])
    out = [c.finding for ci, c in enumerate(concerns) if ci not in owner]
    out += [_note(gaps[gi], items) for gi, items in sorted(folded.items()) if not gaps[gi].unfinished]
    return out


def _roots(gaps: Sequence[Gap], concerns: Sequence[Concern], owner: dict[int, int]) -> _Root:
    by_finding = {concerns[ci].finding: gi for ci, gi in owner.items()}
    parent = {gi: by_finding[g.finding] for gi, g in enumerate(gaps) if g.finding in by_finding}
    return _Root(parent)


@dataclass(frozen=True, slots=True)
class _Root:
    parent: dict[int, int]

    def __call__(self, gi: int) -> int:
        seen = {gi}
        while gi in self.parent and self.parent[gi] not in seen:
            gi = self.parent[gi]
            seen.add(gi)
        return gi


def _note(gap: Gap, items: Sequence[Concern]) -> Finding:
    findings = sorted({c.finding for c in items}, key=Finding.sort_key)
    shown = [f"{f.file} 第 {f.line} 行（{f.code}）" for f in findings[:_SHOWN_PLACES]]
    places = "、".join(shown) + ("等" if len(findings) > _SHOWN_PLACES else "")
    return finding_at("W-REC-005", gap.cause, count=len(findings), places=places)
