"""Loading the authority records with the same loader, positions and codes as declarations.

Each file is read by `towns.loading`, validated by its model (chosen by its path, see `paths`),
and checked against its path: the town and year written inside must be those the path names, and
a city's records must sit in a city the program knows. A blank left by `towns record` (text that
begins with 「（请填写」) is reported once as left to fill in, instead of whatever the schema would
say about the same field. Whether the town belongs to that city is
checked later, in `contradictions`, once the towns are loaded. A record with any blocking finding
is left out, so that a half-read record never moves a town's state.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from towns.catalog import finding, finding_at
from towns.content import hostile_markup
from towns.eligibility import Waiver
from towns.eligibility.judgements import judgement_titles
from towns.findings import Finding, Location
from towns.layout import DECISIONS, RECORDS
from towns.lifecycle.paths import EXPECTED_PLACES, Kind, RecordPath, is_note, parse_record_path
from towns.loading import Document, load_yaml_file
from towns.models.common import PLACEHOLDER
from towns.models.labels import field_label
from towns.models.program import Program
from towns.models.records import (
    RECORD_SCHEMA_VERSION,
    AcceptanceApplication,
    AnnualReport,
    BatchReview,
    BatchWaiver,
    Evaluation,
    Naming,
    Recommendation,
    RecordModel,
)
from towns.program import program_limits
from towns.validation import validate_model, version_finding

R = TypeVar("R", bound=RecordModel)

MODEL_OF: dict[Kind, type[RecordModel]] = {
    Kind.RECOMMENDATION: Recommendation,
    Kind.ANNUAL_REPORT: AnnualReport,
    Kind.ACCEPTANCE_APPLICATION: AcceptanceApplication,
    Kind.BATCH: BatchReview,
    Kind.EVALUATION: Evaluation,
    Kind.NAMING: Naming,
}


@dataclass(frozen=True, slots=True)
class Loaded(Generic[R]):
    """One valid record with where it came from."""

    record: R
    file: str
    document: Document
    city: str | None = None

    def at(self, *path: str | int) -> Location:
        """Where a value of the record is written (`Document.at`)."""
        return self.document.at(path)


@dataclass(slots=True)
class Records:
    """Every authority record of the repository, by kind, plus the findings of reading them."""

    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Loaded[Recommendation]] = field(default_factory=list)
    annual_reports: list[Loaded[AnnualReport]] = field(default_factory=list)
    acceptance_applications: list[Loaded[AcceptanceApplication]] = field(default_factory=list)
    batches: list[Loaded[BatchReview]] = field(default_factory=list)
    evaluations: list[Loaded[Evaluation]] = field(default_factory=list)
    namings: list[Loaded[Naming]] = field(default_factory=list)

    def waivers(self, town_id: str, batch_year: int | None = None) -> list[Waiver]:
        """The province's waivers of discretionary conditions for a town, from its batch reviews.

        With ``batch_year`` (the batch the town's current declaration applies to), only that batch
        review's waivers count: a waiver granted to an earlier declaration does not carry over.
        """
        out = []
        for batch in sorted(self.batches, key=lambda b: (b.record.year, b.file)):
            if batch_year is None or batch.record.year == batch_year:
                out += [w for w in _granted(batch) if w.town == town_id]
        return out

    def add(self, kind: Kind, loaded: Loaded[Any]) -> None:
        _LISTS[kind](self).append(loaded)


def _granted(batch: Loaded[BatchReview]) -> list[Waiver]:
    """Every waiver of a batch review: the original's, then those its corrections add."""
    review = batch.record
    granted: list[tuple[str, str, tuple[str | int, ...], list[BatchWaiver]]]
    granted = [(review.document_number, "", ("waivers",), review.waivers)]
    granted += [
        (c.document_number, c.kind.label, ("corrections", i, "waivers"), c.waivers)
        for i, c in enumerate(review.corrections)
    ]
    return [
        Waiver(
            w.town,
            w.condition,
            f"{number}（{review.year} 年分批审核{kind}）",
            w.reason,
            batch.file,
            batch.at(*at, index).line,
        )
        for number, kind, at, waivers in granted
        for index, w in enumerate(waivers)
    ]


_LISTS: dict[Kind, Any] = {
    Kind.RECOMMENDATION: lambda r: r.recommendations,
    Kind.ANNUAL_REPORT: lambda r: r.annual_reports,
    Kind.ACCEPTANCE_APPLICATION: lambda r: r.acceptance_applications,
    Kind.BATCH: lambda r: r.batches,
    Kind.EVALUATION: lambda r: r.evaluations,
    Kind.NAMING: lambda r: r.namings,
}


def discover_record_files(root: Path) -> list[str]:
    """Every file under `records/` and `decisions/`, repository-relative and sorted.

    Symbolic links are listed (and refused by the loader) but never followed into.
    """
    found: list[str] = []
    for top in (RECORDS, DECISIONS):
        base = root / top
        if not base.is_dir() or base.is_symlink():
            continue
        for folder, dirs, files in os.walk(base, followlinks=False):
            rel_folder = Path(folder).relative_to(root).as_posix()
            found += [f"{rel_folder}/{name}" for name in files]
            found += [f"{rel_folder}/{name}" for name in dirs if (Path(folder) / name).is_symlink()]
    return sorted(found)


def load_records(root: Path, program: Program) -> Records:
    """Read every authority record of the repository at ``root``."""
    return records_from_files(root, program, discover_record_files(root))


def load_batch_reviews(root: Path, program: Program) -> Records:
    """Only the province's batch reviews: all that `Records.waivers` reads.

    Lets a full check judge eligibility while the other records are still being read.
    """
    folder = root / DECISIONS / "batches"
    if not folder.is_dir() or folder.is_symlink():
        return Records()
    files = sorted(f"{DECISIONS}/batches/{p.name}" for p in folder.iterdir())
    return records_from_files(root, program, files)


def records_from_files(root: Path, program: Program, rel_paths: Iterable[str]) -> Records:
    """Read the given record files in the given order (tests use other orders than sorted)."""
    records = Records()
    for rel in rel_paths:
        if is_note(rel):
            continue
        place = parse_record_path(rel)
        if place is None:
            records.findings.append(finding("E-REC-001", file=rel, expected=EXPECTED_PLACES))
            continue
        loaded, problems = _load_one(root, rel, place, program)
        records.findings += problems
        if loaded is not None:
            records.add(place.kind, loaded)
    return records


def _load_one(
    root: Path, rel: str, place: RecordPath, program: Program
) -> tuple[Loaded[Any] | None, list[Finding]]:
    if place.city is not None and place.city not in program.cities_by_slug:
        return None, [finding("E-REC-002", file=rel, city=place.city)]
    result = load_yaml_file(root / rel, rel, program_limits(program, "record"))
    findings = list(result.findings)
    doc = result.document
    if doc is None or any(f.blocking for f in findings):
        return None, findings
    if not isinstance(doc.data, dict):
        return None, [*findings, finding("E-SCHEMA-012", file=rel)]
    stale = version_finding(doc, RECORD_SCHEMA_VERSION)
    if stale is not None:
        return None, [*findings, stale]
    record, problems = _validated(doc, MODEL_OF[place.kind], program)
    findings += problems
    if record is None:
        return None, findings
    findings += _markup(doc)
    mismatches = [*_path_mismatches(record, place, doc), *_unknown_grades(record, program, doc)]
    return (None if mismatches else Loaded(record, rel, doc, place.city)), [*findings, *mismatches]


def _markup(doc: Document) -> list[Finding]:
    """Markup and invisible characters in a record's texts (E-TEXT-*): the site and comments show them.

    One scan of all the texts joined decides whether any single one needs a look: usually none does.
    """
    if not hostile_markup("\n".join(text for _, text in doc.texts)):
        return []
    return [
        finding_at(code, doc.at(path), what=what)
        for path, text in doc.texts
        for code, _, what in hostile_markup(text)
    ]


def _validated(
    doc: Document, model: type[RecordModel], program: Program
) -> tuple[RecordModel | None, list[Finding]]:
    """The record, or its findings: blanks first, then what the schema says of the other fields."""
    record, problems = validate_model(model, doc)
    blanks = blank_findings(doc, model, program)
    if not blanks:
        return record, problems
    filled_in = {b.field for b in blanks}
    return None, [*blanks, *(p for p in problems if p.field not in filled_in)]


def blank_findings(doc: Document, model: type[RecordModel], program: Program) -> list[Finding]:
    """One finding per blank still to fill in, at its line, naming its field (and what it is about)."""
    blanks = [(path, text) for path, text in doc.texts if PLACEHOLDER in text]
    titles = judgement_titles(program) if blanks else {}
    return [
        finding_at(
            "E-FILL-001",
            doc.at(path),
            label=field_label(model, path),
            about=_about(doc, path, titles),
            value=text,
        )
        for path, text in blanks
    ]


def _about(doc: Document, path: Sequence[str | int], titles: dict[str, str]) -> str:
    """“（小镇 x · 交通与公共服务）”: the town and judgement of the entry the blank sits in, if any."""
    node: Any = doc.data
    about: dict[str, str] = {}
    for part in path[:-1]:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
        if isinstance(node, dict):
            for key in ("town", "judgement"):
                if isinstance(node.get(key), str):
                    about[key] = node[key]
    parts = []
    if "town" in about:
        parts.append(f"小镇 {about['town']}")
    if "judgement" in about:
        parts.append(titles.get(about["judgement"], about["judgement"]))
    return f"（{' · '.join(parts)}）" if parts else ""


def _path_mismatches(record: RecordModel, place: RecordPath, doc: Document) -> list[Finding]:
    """The town and year written in a record must be those its path names."""
    expected: list[tuple[str, object]] = []
    if isinstance(record, Recommendation | AnnualReport | AcceptanceApplication):
        expected.append(("town", place.stem))
    if isinstance(record, Recommendation):
        expected.append(("batch", place.year))
    if isinstance(record, AnnualReport | BatchReview | Evaluation):
        expected.append(("year", place.year))
    out = [
        finding_at(
            "E-REC-003",
            doc.at((name,)),
            label=field_label(type(record), (name,)),
            given=getattr(record, name),
            expected=wanted,
        )
        for name, wanted in expected
        if getattr(record, name) != wanted
    ]
    if isinstance(record, AcceptanceApplication) and place.year not in (None, record.date.year):
        out.append(
            finding_at(
                "E-REC-003",
                doc.at(("date",)),
                label=field_label(AcceptanceApplication, ("date",)),
                given=record.date.isoformat(),
                expected=f"{place.year} 年内的日期",
            )
        )
    return out


def _unknown_grades(record: RecordModel, program: Program, doc: Document) -> list[Finding]:
    """A grade outside both of the program's scales (E-REC-005), as the published enum refuses it.

    Which scale applies depends on the town's list that year: that is the lifecycle's E-LIFE-013.
    The grade is compared as written, as the published enum compares it (no trimming).
    """
    if not isinstance(record, Evaluation):
        return []
    names = program.evaluation.grade_names
    written = [item["grade"] for item in doc.data["results"]]  # as written: the enum sees no trimming
    return [
        finding_at("E-REC-005", doc.at(("results", index, "grade")), grade=grade, allowed="、".join(names))
        for index, grade in enumerate(written)
        if grade not in names
    ]


def ordered(items: Sequence[Loaded[R]]) -> list[Loaded[R]]:
    """Records in file order: the same order whatever order the files were read in."""
    return sorted(items, key=lambda item: item.file)
