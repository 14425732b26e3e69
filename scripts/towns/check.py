"""`towns check`: the whole pipeline from files to one result.

Order matters and is fixed here: program data → towns (declarations) → authority records (they
carry waivers) → per-town checks and eligibility → lifecycle. Every stage returns findings; none
prints or exits. The result is rendered by `towns.report`.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from towns import __version__, clock, copies, eligibility, layout, lifecycle, scope
from towns.catalog import finding
from towns.codeowners import drift_findings
from towns.findings import Finding, has_blocking, sort_findings
from towns.lifecycle import Records
from towns.lifecycle.asof import OutOfView, as_of
from towns.lifecycle.effects import RecordEffects, record_effects
from towns.models.program import Program
from towns.parallel import check_towns
from towns.program import load_program
from towns.registry import Town, discover_towns, stray_submission_paths
from towns.review import Review
from towns.summaries import TownSummary, town_summary
from towns.towncheck import cross_town_findings

REPORT_FORMAT_VERSION = 1


@dataclass(slots=True)
class CheckResult:
    """Everything one run found, plus the per-town summaries the reports and the site use."""

    findings: list[Finding]
    towns: list[TownSummary] = field(default_factory=list)
    progress: dict[str, Any] = field(default_factory=dict)
    program: Program | None = None
    loaded: list[Town] = field(default_factory=list)
    review: Review | None = None  # set for a pull request (`towns.pullrequest`), None for a whole check
    records: list[RecordEffects] = field(default_factory=list)  # the checked paths' records
    out_of_view: OutOfView | None = None  # a replay of a past day: what it left out

    @property
    def blocking(self) -> bool:
        return has_blocking(self.findings)

    def as_json(self) -> dict[str, Any]:
        """The JSON report (format_version 1); see docs/dev/report-format.md."""
        errors = sum(1 for f in self.findings if f.blocking)
        report: dict[str, Any] = {
            "format_version": REPORT_FORMAT_VERSION,
            "tool_version": __version__,
            "findings": [f.as_dict() for f in self.findings],
            "towns": [t.as_json() for t in self.towns],
            "progress": self.progress,
            "review": self.review.as_json() if self.review else None,
            "records": [r.as_json() for r in self.records],
            "summary": {
                "errors": errors,
                "warnings": len(self.findings) - errors,
                "towns": len(self.towns),
                "eligible": sum(1 for t in self.towns if t.eligible),
            },
        }
        if self.out_of_view is not None:
            report["as_of"] = self.out_of_view.as_json()
        return report


def run_check(
    root: Path,
    *,
    paths: Sequence[str] | None = None,
    today: dt.date | None = None,
    now: dt.date | None = None,
    workers: int | None = None,
    content_ids: Mapping[str, str] | None = None,
) -> CheckResult:
    """Check the repository at ``root``; with ``paths``, report only what concerns them.

    Paths are repository-relative; a path inside a town folder selects that town. Cross-file checks
    (unique ids and names, records about the selected towns) still see the whole registry.
    ``today`` is the day the registry is judged as of (default: the real day). ``now`` is the day
    the check runs (default ``today``): with ``today`` before it, the check replays the registry
    as it stood on ``today`` (`towns.lifecycle.asof`); a date after ``now`` is an error.
    ``workers`` bounds the processes of the per-town stage (default: every available core;
    small registries always run in this process). The result never depends on it.
    ``content_ids`` are the git blob ids of files whose content is not on disk (the trusted run's
    placeholders), for the comparison of attachments (`towns.copies`).
    """
    # The run allocates many small, acyclic objects and keeps them: the cyclic collector would
    # rescan them over and over (measured: it doubles the cost of loading 1,000 towns).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        day = today or clock.today()
        return _run_check(
            root, paths=paths, today=day, now=max(day, now or day), workers=workers, content_ids=content_ids
        )
    finally:
        if was_enabled:
            gc.enable()


def _run_check(
    root: Path,
    *,
    paths: Sequence[str] | None,
    today: dt.date,
    now: dt.date,
    workers: int | None,
    content_ids: Mapping[str, str] | None,
) -> CheckResult:
    program, findings = load_program(root)
    if program is None:
        return CheckResult(findings=sort_findings(findings))
    towns = discover_towns(root)
    # An applicant's pull request (only town folders selected) loads just those towns: see `scope`.
    focus = scope.town_focus(paths)
    checked = towns if focus is None else [t for t in towns if t.folder in focus]
    findings += [finding("E-TOWN-002", file=p) for p in stray_submission_paths(root)]
    outcomes, records = check_towns(
        root,
        program,
        today,
        checked,
        load_records=lambda: _records(root, program, checked, focus),
        load_waivers=lambda: lifecycle.load_batch_reviews(root, program).as_of(today, now)[0],
        workers=workers,
    )
    records, checked, out_of_view = as_of(records, [o.town for o in outcomes], today, now)
    findings += records.findings
    verdicts: dict[str, eligibility.Eligibility] = {}
    judged: dict[str, list[Finding]] = {}  # eligibility findings, which a lost waiver explains
    in_view = {t.folder for t in checked}  # workers return their own copies of the towns
    for outcome in outcomes:
        if outcome.town.folder not in in_view:
            continue
        findings += outcome.findings
        judged.setdefault(outcome.town.id, []).extend(outcome.eligibility_findings)
        if outcome.verdict is not None:
            verdicts[outcome.town.id] = outcome.verdict
    prints = [o.fingerprint for o in outcomes if o.fingerprint is not None and o.town.folder in in_view]
    content = copies.content_ids(root, content_ids)
    elsewhere: frozenset[str] = frozenset()
    if focus is None:
        findings += cross_town_findings(checked)
        findings += copies.copies(prints, content)
    else:
        index, others = scope.light_index(root, towns, focus, program, prints)
        findings += cross_town_findings(checked, index)
        findings += copies.copies(prints, content, others)
        unloaded = {t.folder_name for t in towns if t.folder not in focus} | {i["id"] for i in index.values()}
        elsewhere = frozenset(unloaded - {t.id for t in checked})
    if paths is None:
        findings += drift_findings(root, program)
    life = lifecycle.evaluate(
        records, checked, verdicts, program, today, now=now, town_findings=judged, elsewhere=elsewhere
    )
    findings += life.findings
    summaries = [town_summary(t, program, verdicts.get(t.id), life.towns[t.id]) for t in checked]
    effects: list[RecordEffects] = []
    if paths is not None:
        selected = select(paths)
        findings = [f for f in findings if selected.covers(f.file)]
        summaries = [s for s in summaries if selected.covers(s.folder + "/")]
        by_id = {t.id: t for t in checked}
        effects = record_effects(
            selected.files, records, lives=life.lives, towns=by_id, verdicts=verdicts, program=program
        )
    return CheckResult(
        findings=sort_findings(findings),
        towns=summaries,
        progress=life.progress if focus is None else {},
        program=program,
        loaded=checked,
        records=effects,
        out_of_view=out_of_view,
    )


def _records(root: Path, program: Program, checked: list[Town], focus: frozenset[str] | None) -> Records:
    if focus is None:
        return lifecycle.load_records(root, program)
    ids = {t.id for t in checked} | {t.folder_name for t in checked}
    return lifecycle.records_from_files(root, program, scope.record_files(root, ids))


@dataclass(frozen=True, slots=True)
class Selection:
    """The files and town folders a partial check reports on."""

    files: frozenset[str]
    folders: frozenset[str]

    def covers(self, rel: str) -> bool:
        if rel in self.files:
            return True
        return any(rel.startswith(folder + "/") for folder in self.folders)


def select(paths: Sequence[str]) -> Selection:
    files: set[str] = set()
    folders: set[str] = set()
    for raw in paths:
        rel = PurePosixPath(raw.replace("\\", "/")).as_posix().strip("/")
        place = layout.classify(rel)
        if place.area is layout.Area.TOWN and place.city and place.town:
            folders.add(layout.town_folder(place.city, place.town))
        else:
            files.add(rel)
            folders.add(rel)
    return Selection(frozenset(files), frozenset(folders))
