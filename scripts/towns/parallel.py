"""The per-town stage of a check, on every core the machine gives us.

Loading a declaration, its single-town checks and its eligibility do not depend on other towns,
so a full check splits the towns over worker processes. Workers are forked after the program data
and the authority records are loaded, so they share them without copying or pickling; each returns
its towns with a slim document (only the positions later stages still locate) and its findings.
The serial path does exactly the same per town, so results never depend on the number of workers.
Small registries (most tests, every pull request) and platforms without `fork` stay serial.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from towns import eligibility
from towns.copies import Fingerprint, fingerprint
from towns.findings import Finding
from towns.lifecycle import Records
from towns.loading import Document, PathKey
from towns.models.program import Program
from towns.registry import Town, load_town
from towns.towncheck import check_town

# Below this many towns, starting processes costs more than it saves (measured: ~0.1 s per worker).
MIN_TOWNS_PER_WORKER = 200
# Positions still needed after the per-town stage: uniqueness findings and the lifecycle's timeline.
KEPT_POSITIONS: tuple[PathKey, ...] = (("id",), ("name",), ("filing_date",))


@dataclass(slots=True)
class TownOutcome:
    town: Town
    findings: list[Finding]
    verdict: eligibility.Eligibility | None
    eligibility_findings: list[Finding] = field(default_factory=list)  # apart: a lost waiver explains them
    fingerprint: Fingerprint | None = None  # what `towns.copies` compares across towns


@dataclass(frozen=True, slots=True)
class _Job:
    root: Path
    program: Program
    records: Records
    today: dt.date
    towns: Sequence[Town]


_JOB: _Job | None = None  # set in the parent just before forking; read by the workers


def check_one(job: _Job, town: Town) -> TownOutcome:
    """Everything about one town that needs no other town."""
    load_town(job.root, town, job.program)
    findings = [*town.findings, *check_town(job.root, town, job.program, job.today)]
    verdict = None
    problems: list[Finding] = []
    declaration = town.declaration
    # A declaration for an unknown batch has no rules to be judged by; towncheck reports it.
    if declaration is not None and declaration.batch in job.program.batches_by_year:
        waivers = job.records.waivers(town.id, declaration.batch)
        verdict, problems = eligibility.evaluate(town, job.program, waivers)
    prints = fingerprint(job.root, town, job.program.files.attachment_max_bytes)
    town.findings = []
    town.document = _slim(town.document)
    return TownOutcome(town, findings, verdict, problems, prints)


def _slim(document: Document | None) -> Document | None:
    if document is None:
        return None
    kept = {path: document.positions[path] for path in KEPT_POSITIONS if path in document.positions}
    return Document(file=document.file, data=None, positions=kept)


def _run_chunk(bounds: tuple[int, int]) -> list[TownOutcome]:
    assert _JOB is not None  # noqa: S101 - set before the pool forks
    return [check_one(_JOB, town) for town in _JOB.towns[bounds[0] : bounds[1]]]


def available_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def worker_count(towns: int, workers: int | None = None) -> int:
    """How many processes the per-town stage uses; 1 means it runs in this process.

    Forking is only safe while this process runs a single thread (a lock held by another thread
    would stay locked in the child), so a host with threads, such as `mkdocs serve`, stays serial.
    """
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return max(1, min(workers or available_workers(), towns // MIN_TOWNS_PER_WORKER))


def check_towns(
    root: Path,
    program: Program,
    today: dt.date,
    towns: Sequence[Town],
    *,
    load_records: Callable[[], Records],
    load_waivers: Callable[[], Records],
    workers: int | None = None,
) -> tuple[list[TownOutcome], Records]:
    """The per-town stage for ``towns``, in order, and the authority records.

    Serially, the records are read first and give the waivers. In parallel, the workers start with
    only the batch reviews (``load_waivers``: all that eligibility needs) and this process reads
    the records meanwhile, so the two largest pieces of work overlap.
    """
    global _JOB  # noqa: PLW0603 - the fork start method hands state to workers through the module
    count = worker_count(len(towns), workers)
    if count < 2:
        records = load_records()
        job = _Job(root, program, records, today, towns)
        return [check_one(job, town) for town in towns], records
    step = -(-len(towns) // (count * 4))  # a few chunks per worker evens out slow towns
    bounds = [(start, min(start + step, len(towns))) for start in range(0, len(towns), step)]
    _JOB = _Job(root, program, load_waivers(), today, towns)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            pending = pool.map_async(_run_chunk, bounds, chunksize=1)
            records = load_records()
            chunks = pending.get()
    finally:
        _JOB = None
    return [outcome for chunk in chunks for outcome in chunk], records
