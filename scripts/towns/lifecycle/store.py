"""Loading the authority records with the same loader, positions and codes as declarations.

Each file is read by `towns.loading`, validated by its model (chosen by its path, see `paths`),
and checked against its path: the town and year written inside must be those the path names, and
a city's records must sit in a city the program knows. Whether the town belongs to that city is
checked later, in `timeline`, once the towns are loaded. A blank left by `towns record` (text that
begins with 「（请填写」) is reported once as left to fill in, instead of whatever the schema would
say about the same field, and the record is not used until it is filled in.

A record that does not fully validate keeps what can be kept (`salvage`: an unknown key, a bad
optional value or one bad item of a list is left out, anything else invalidates the record), so
one mistake never takes the rest of the record with it. What is left out becomes a `Gap`: the
findings it explains elsewhere are folded into one note at the mistake (`gaps`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic_core import ErrorDetails

from towns.catalog import finding, finding_at
from towns.content import hostile_markup
from towns.eligibility import Waiver
from towns.eligibility.judgements import judgement_titles
from towns.findings import Finding, Location
from towns.layout import DECISIONS, RECORDS
from towns.lifecycle.gaps import LACKS, Gap, lacking
from towns.lifecycle.paths import EXPECTED_PLACES, Kind, RecordPath, is_note, parse_record_path
from towns.lifecycle.salvage import Salvaged, salvage
from towns.loading import Document, dotted, load_yaml_file, value_at
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
from towns.validation import error_findings, format_guide, misspellings, model_errors, version_finding

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
    kept: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # list → original indices

    def at(self, *path: str | int) -> Location:
        """Where a value of the record is written (`Document.at`).

        An index into a list counts the items kept: when a bad item was left out, the later ones
        are found where they are written.
        """
        if len(path) > 1 and isinstance(path[0], str) and isinstance(path[1], int) and path[0] in self.kept:
            written = self.kept[path[0]]
            if 0 <= path[1] < len(written):
                path = (path[0], written[path[1]], *path[2:])
        return self.document.at(path)


@dataclass(slots=True)
class Records:
    """Every authority record of the repository, by kind, plus the findings of reading them."""

    findings: list[Finding] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    dates: dict[str, dt.date] = field(default_factory=dict)  # each record file's date, when legible
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

    def as_of(self, day: dt.date, now: dt.date) -> tuple[Records, int]:
        """The records as they stood on ``day``, and how many record files are dated after it.

        A record dated after ``day`` but not after ``now`` (the day the check runs) had not been
        made yet on ``day``: it is out of view, with its findings. One dated after ``now`` stays,
        so that its impossible date is reported (`E-LIFE-009`); one whose date cannot be read
        stays, so that its errors are.
        """

        def visible(file: str) -> bool:
            written = self.dates.get(file)
            return written is None or written <= day or written > now

        out = Records(
            findings=[f for f in self.findings if visible(f.file)],
            gaps=[g for g in self.gaps if visible(g.cause.file)],
            dates=self.dates,
        )
        for items in _LISTS.values():
            items(out).extend(item for item in items(self) if visible(item.file))
        return out, sum(1 for written in self.dates.values() if day < written <= now)


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
        read = _load_one(root, rel, place, program)
        records.findings += read.findings
        records.gaps += read.gaps
        if read.date is not None:
            records.dates[rel] = read.date
        if read.loaded is not None:
            records.add(place.kind, read.loaded)
    return records


@dataclass(slots=True)
class _Read:
    """One record file as read: the usable record (if any), its findings, what it left out."""

    loaded: Loaded[Any] | None
    findings: list[Finding]
    gaps: list[Gap] = field(default_factory=list)
    date: dt.date | None = None


def _load_one(root: Path, rel: str, place: RecordPath, program: Program) -> _Read:
    if place.city is not None and place.city not in program.cities_by_slug:
        return _Read(None, [finding("E-REC-002", file=rel, city=place.city)])
    result = load_yaml_file(root / rel, rel, program_limits(program, "record"))
    findings = list(result.findings)
    doc = result.document
    model = MODEL_OF[place.kind]
    if doc is not None and not any(f.blocking for f in findings):
        if not isinstance(doc.data, dict):
            findings.append(finding("E-SCHEMA-012", file=rel, guide=format_guide(model)))
        elif (stale := version_finding(doc, RECORD_SCHEMA_VERSION)) is not None:
            findings.append(stale)
        else:
            return _validated(model, doc, place, findings, program)
    return _unusable(place, doc, findings, rel)


def _validated(
    model: type[RecordModel], doc: Document, place: RecordPath, findings: list[Finding], program: Program
) -> _Read:
    """The record as far as it validates (see `salvage`), checked against its path.

    A record with blanks still to fill in is reported by its blanks (and what the schema says of
    its other fields) and not used.
    """
    record, errors = model_errors(model, doc.data)
    blanks = blank_findings(doc, model, program)
    filled_in = {b.field for b in blanks}
    findings += blanks
    findings += [f for f in error_findings(model, doc, errors) if f.field not in filled_in]
    if blanks:
        read = _unusable(place, doc, findings, doc.file)
        return replace(read, gaps=[replace(g, unfinished=True) for g in read.gaps])
    unknown = _unknown_grades(model, program, doc)
    if unknown:
        findings += [found for found, _ in unknown]
        errors = [*errors, *(error for _, error in unknown)]
        record = None
    kept = salvage(model, doc.data, errors) if record is None else None
    if record is not None:
        loaded: Loaded[Any] = Loaded(record, doc.file, doc, place.city)
    elif kept is not None:
        loaded = Loaded(kept.record, doc.file, doc, place.city, kept.kept)
    else:
        return _unusable(place, doc, findings, doc.file)
    findings += _markup(doc)
    mismatches = _path_mismatches(loaded.record, place, doc)
    if mismatches:
        return _unusable(place, doc, [*findings, *mismatches], doc.file)
    gaps = (
        []
        if kept is None
        else _salvage_gaps(loaded, place, kept, findings, misspellings(model, doc.data, errors))
    )
    return _Read(loaded, findings, gaps, _record_date(loaded.record))


def _salvage_gaps(
    loaded: Loaded[Any],
    place: RecordPath,
    kept: Salvaged[Any],
    findings: list[Finding],
    misspelt: Mapping[tuple[str | int, ...], tuple[str, str, Any]],
) -> list[Gap]:
    """What the kept record no longer says: each item left out, each key left out that named towns."""
    gaps = [
        _item_gap(loaded, place, name, index, findings) for name, bad in kept.dropped.items() for index in bad
    ]
    for path in kept.removed:
        value = value_at(loaded.document.data, path)
        towns = frozenset(_towns_in(value)) if isinstance(value, list) else frozenset()
        if not towns:
            continue  # a remark or a document number: nothing else depends on it
        intended = misspelt[path][1] if path in misspelt else str(path[0])
        tags = lacking(place.year, intended if intended in LACKS else place.kind)
        gaps.append(Gap(loaded.document.at(path, key=True), towns, _record_date(loaded.record), tags))
    return gaps


def _unusable(place: RecordPath, doc: Document | None, findings: list[Finding], rel: str) -> _Read:
    """A record that cannot be used at all: its first error is the cause of what it leaves out."""
    blocking = sorted((f for f in findings if f.blocking), key=Finding.sort_key)
    cause = Location(rel, blocking[0].line, blocking[0].column) if blocking else Location(rel)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    towns = set(_named_towns(data))
    if place.kind in _CITY_KINDS:
        towns.add(place.stem)
    day = _raw_date(data)
    gap = Gap(cause, frozenset(towns), day, lacking(place.year, place.kind))
    return _Read(None, findings, [gap], day)


_CITY_KINDS = frozenset({Kind.RECOMMENDATION, Kind.ANNUAL_REPORT, Kind.ACCEPTANCE_APPLICATION})


def _item_gap(loaded: Loaded[Any], place: RecordPath, name: str, index: int, findings: list[Finding]) -> Gap:
    """One item left out of a list: its first error is the cause, its town (if legible) whom it concerns."""
    prefix = dotted((name, index))
    own = sorted(
        (f for f in findings if f.blocking and f.field is not None and f.field.startswith(prefix)),
        key=Finding.sort_key,
    )
    where = loaded.document.at((name, index))
    cause = Location(loaded.file, own[0].line, own[0].column) if own else where
    item = loaded.document.data[name][index]
    written = item.get("town") if isinstance(item, dict) else item
    towns = frozenset({written}) if isinstance(written, str) else frozenset()
    return Gap(cause, towns, _record_date(loaded.record), lacking(place.year, name))


def _named_towns(data: Mapping[str, Any]) -> list[str]:
    """Every town id legible in a record's raw data, whatever else is wrong with it."""
    out = [data["town"]] if isinstance(data.get("town"), str) else []
    for value in data.values():
        if isinstance(value, list):
            out += _towns_in(value)
    return out


def _towns_in(value: Any) -> list[str]:
    """The town ids legible in a value: a list of ids, or of mappings with a ``town``."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        written = item.get("town") if isinstance(item, dict) else item
        if isinstance(written, str):
            out.append(written)
    return out


def _raw_date(data: Mapping[str, Any]) -> dt.date | None:
    for name in ("date", "filed_on"):
        value = data.get(name)
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
    return None


def _record_date(record: RecordModel) -> dt.date:
    return record.filed_on if isinstance(record, AnnualReport) else record.date


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


def _unknown_grades(
    model: type[RecordModel], program: Program, doc: Document
) -> list[tuple[Finding, ErrorDetails]]:
    """Each grade outside both of the program's scales (E-REC-005), as the published enum refuses it,
    with an error at its item, so that only that result is left out (`salvage`).

    Which scale applies depends on the town's list that year: that is the lifecycle's E-LIFE-013.
    The grade is compared as written, as the published enum compares it (no trimming).
    """
    if model is not Evaluation or not isinstance(doc.data, dict):
        return []
    names = program.evaluation.grade_names
    results = doc.data.get("results")
    written = [  # as written: the enum sees no trimming; other slips have their own findings
        (index, item.get("grade"))
        for index, item in enumerate(results if isinstance(results, list) else [])
        if isinstance(item, dict)
    ]
    return [
        (
            finding_at(
                "E-REC-005", doc.at(("results", index, "grade")), grade=grade, allowed="、".join(names)
            ),
            ErrorDetails(type="enum", loc=("results", index, "grade"), msg="unknown grade", input=grade),
        )
        for index, grade in written
        if isinstance(grade, str) and grade not in names
    ]


def ordered(items: Sequence[Loaded[R]]) -> list[Loaded[R]]:
    """Records in file order: the same order whatever order the files were read in."""
    return sorted(items, key=lambda item: item.file)
