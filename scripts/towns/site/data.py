"""What the site shows, gathered once from a check result: towns, lists, evaluations, decisions.

Lists and evaluation results are read from the towns' lifecycle histories (the same events the
JSON report publishes), so every page agrees with `towns check` and `towns status` by construction.
Each town's work is constant: one pass over its own history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from towns.check import CheckResult
from towns.lifecycle.history import HistoryEntry
from towns.lifecycle.states import Event
from towns.models.program import Program
from towns.registry import Declaration, Town
from towns.summaries import TownSummary

TOWNS_DIR = "towns"
_DECISION_KINDS = {"batches": "batch", "evaluations": "evaluation", "namings": "naming"}
_BATCH_ROLES = {
    "listed_creation": "creation",
    "promoted": "creation",
    "listed_cultivation": "cultivation",
    "not_selected": "not_selected",
}


@dataclass(frozen=True, slots=True)
class TownEntry:
    """One published town: its summary from the check, its declaration and its place on the site."""

    summary: TownSummary
    town: Town
    declaration: Declaration
    path: str  # folder of the town's pages, e.g. towns/guangzhou/tianhe-yunzhi

    @property
    def id(self) -> str:
        return self.town.id

    @property
    def name(self) -> str:
        return self.declaration.name

    @property
    def page(self) -> str:
        return f"{self.path}/index.md"

    @property
    def form_page(self) -> str:
        return f"{self.path}/form.md"

    @property
    def history(self) -> tuple[HistoryEntry, ...]:
        return self.summary.life.history


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    """One town's part of a correction (更正/补充) of a decision, from the town's history."""

    town: str
    entry: HistoryEntry


# Each kind of decision: its title and the page that shows it (``{year}``: the decision's year).
_NAMING_PAGE = ("互联网+示范小镇验收命名", "named.md")
_DECISION_PAGES: dict[str, tuple[str, str]] = {
    "batch": ("{year} 年度互联网+小镇创建名单和培育名单", "lists/{year}.md"),
    "evaluation": ("{year} 年度互联网+小镇年度考核结果", "evaluations/{year}.md"),
    "naming": _NAMING_PAGE,
}


@dataclass(slots=True)
class Decision:
    """One decision document of the province (a batch review, an evaluation, a naming)."""

    kind: str  # batch | evaluation | naming
    file: str
    date: str
    document_number: str | None
    year: int | None
    entries: list[tuple[str, str]] = field(default_factory=list)  # (town id, role or grade)
    corrections: list[CorrectionRow] = field(default_factory=list)  # in date order

    @property
    def title(self) -> str:
        return _DECISION_PAGES.get(self.kind, _NAMING_PAGE)[0].format(year=self.year)

    @property
    def page(self) -> str:
        """The page that shows this decision, as a source path relative to the site root."""
        return _DECISION_PAGES.get(self.kind, _NAMING_PAGE)[1].format(year=self.year)

    def towns(self, role: str | None = None) -> list[str]:
        return [town for town, r in self.entries if role is None or r == role]

    def towns_roles(self) -> list[str]:
        return [r for _, r in self.entries]


@dataclass(slots=True)
class SiteData:
    """Everything the page functions need, derived once."""

    program: Program
    towns: list[TownEntry]
    decisions: list[Decision]
    progress: dict[str, Any]
    demo: bool = True
    by_id: dict[str, TownEntry] = field(default_factory=dict)
    by_file: dict[str, Decision] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.towns:
            self.by_id.setdefault(entry.id, entry)
        self.by_file.update((d.file, d) for d in self.decisions)

    def town(self, town_id: str) -> TownEntry | None:
        return self.by_id.get(town_id)

    def decision_in(self, file: str | None) -> Decision | None:
        """The decision written in ``file`` (a path in decisions/), if the site shows one."""
        return self.by_file.get(file) if file else None

    def of_kind(self, kind: str) -> list[Decision]:
        return [d for d in self.decisions if d.kind == kind]

    def batch_years(self) -> list[int]:
        years = {b.year for b in self.program.batches}
        years |= {d.year for d in self.of_kind("batch") if d.year is not None}
        return sorted(years)

    def evaluation_years(self) -> list[int]:
        return sorted({d.year for d in self.of_kind("evaluation") if d.year is not None})

    def named(self) -> list[tuple[TownEntry, Decision]]:
        out = []
        for decision in self.of_kind("naming"):
            out += [(t, decision) for t in map(self.town, decision.towns()) if t is not None]
        return out


def site_data(result: CheckResult, *, demo: bool = True) -> SiteData:
    """Gather the site's data from a check result; the program data must have loaded."""
    program = result.program
    if program is None:
        raise ValueError("the check result has no program data")
    summaries = {s.folder: s for s in result.towns}
    entries = [
        TownEntry(summaries[t.folder], t, t.declaration, town_path(t))
        for t in result.loaded
        if t.declaration is not None and t.folder in summaries
    ]
    entries.sort(key=lambda e: (_city_rank(program, e.town.city_slug), e.declaration.batch, e.id))
    return SiteData(program, entries, collect_decisions(entries), dict(result.progress or {}), demo)


def town_path(town: Town) -> str:
    """Pages live per folder, which is unique even when two declarations claim one id."""
    return f"{TOWNS_DIR}/{town.city_slug}/{town.folder_name}"


def _city_rank(program: Program, slug: str) -> int:
    slugs = [c.slug for c in program.cities]
    return slugs.index(slug) if slug in slugs else len(slugs)


def collect_decisions(entries: Iterable[TownEntry]) -> list[Decision]:
    """Group the province's decisions found in the towns' histories by their file."""
    found: dict[str, Decision] = {}
    corrected: list[tuple[str, HistoryEntry]] = []
    for entry in entries:
        for event in entry.history:
            if event.event is Event.CORRECTED:
                corrected.append((entry.id, event))
            else:
                _add_event(found, entry.id, event)
    for town, event in sorted(corrected, key=lambda item: (item[1].date, item[1].line or 0, item[0])):
        decision = found.get(event.file or "")
        if decision is not None:  # a decision every town of which a correction removed is not shown
            decision.corrections.append(CorrectionRow(town, event))
    return sorted(found.values(), key=lambda d: (d.date, d.file), reverse=True)


def _add_event(found: dict[str, Decision], town: str, event: HistoryEntry) -> None:
    file = event.file or ""
    parts = file.split("/")
    if len(parts) < 3 or parts[0] != "decisions" or parts[1] not in _DECISION_KINDS:
        return
    kind = _DECISION_KINDS[parts[1]]
    role = _role(kind, event)
    if role is None:
        return
    decision = found.get(file)
    if decision is None:
        year = event.batch if kind == "batch" else event.year
        decision = Decision(kind, file, event.date.isoformat(), event.document_number, _year(year, parts[-1]))
        found[file] = decision
    decision.entries.append((town, role))


def _role(kind: str, event: HistoryEntry) -> str | None:
    if kind == "batch":
        return _BATCH_ROLES.get(event.event)
    if kind == "evaluation" and event.event is Event.EVALUATED:
        return event.grade or ""
    if kind == "naming" and event.event is Event.NAMED:
        return "named"
    return None


def _year(value: int | None, filename: str) -> int | None:
    if value is not None:
        return value
    stem = filename.split(".", maxsplit=1)[0]
    return int(stem) if stem.isdigit() else None


def rel(from_page: str, to_path: str) -> str:
    """The relative link from one page's source path to another file's source path.

    Both are clean site paths ("a/b.md", no "." or ".." parts), so this is plain string work:
    `posixpath.relpath` asks the operating system for the working directory on every call, which
    made it the slowest step of a town's page.
    """
    base, target = from_page.split("/")[:-1], to_path.split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


def parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
