"""Published records are append-only: what a pull request may do to the records on the base branch.

A record (a file in one of the record places of `towns.lifecycle.paths`) that exists in the base
revision is published. A pull request may append corrections to it (更正/补充: each with its own
date, document number and reason, `towns.models.records.Correction`) and nothing else:

- the base version's data must equal the pull request's with its new corrections removed, and the
  base's corrections must be the first entries of the pull request's (E-PUB-001, E-PUB-003: one
  finding per changed, added or removed value, at its line in the pull request's version);
- deleting or moving a published record is E-PUB-002.

A record or correction the pull request adds that is dated more than ``late_filing.days`` (program
data) before the check's ``today`` must say so in ``late_filing`` (E-LATE-001), with the day it is
entered, which is the pull request's (E-LATE-002).

Both versions are read from git objects (`changes.tree_files`, `changes.read_blobs`), never from a
working tree, with the record limits of the base revision's program data and the same safe YAML
loader as every other file: the base version is as untrusted as the pull request's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from towns import datadiff
from towns.catalog import as_written, finding, finding_at
from towns.changes import Change, ChangeKind, TreeFile, read_blobs, tree_files
from towns.content import shown
from towns.findings import Finding, Location
from towns.layout import DECISIONS, RECORDS
from towns.lifecycle.paths import KIND_NAMES, RecordPath, is_note, parse_record_path
from towns.lifecycle.store import MODEL_OF
from towns.loading import Document, decode_text, dotted, parse_yaml
from towns.models.labels import field_label
from towns.models.program import Program
from towns.models.records import LateFiling, RecordModel
from towns.program import program_limits
from towns.validation import validate_model

ROOTS = (RECORDS, DECISIONS)
CORRECTIONS = "corrections"
MAX_LISTED = 20  # differences reported one by one in a file; the rest are counted in W-PUB-004


def documents(
    repo: Path, tree: dict[str, TreeFile], paths: Iterable[str], program: Program
) -> dict[str, Document]:
    """The parsed documents of ``paths`` in ``tree`` that are small regular files holding a mapping.

    Nothing larger than the program's record limit is read; symbolic links are never followed.
    """
    limits = program_limits(program, "record")
    wanted = [p for p in paths if _readable(tree.get(p), limits.max_bytes)]
    blobs = read_blobs(repo, (tree[p].sha for p in wanted))
    out: dict[str, Document] = {}
    for path in wanted:
        text, _ = decode_text(blobs.get(tree[path].sha, b""), path)
        doc = parse_yaml(text, path, limits).document if text is not None else None
        if doc is not None and isinstance(doc.data, dict):
            out[path] = doc
    return out


def _readable(entry: TreeFile | None, max_bytes: int) -> bool:
    return entry is not None and entry.regular and entry.size is not None and entry.size <= max_bytes


def _under_roots(path: str) -> bool:
    return path.split("/", 1)[0] in ROOTS and not is_note(path)


def published_findings(
    repo: Path, base: str, head: str, changed: Sequence[Change], *, program: Program, today: dt.date
) -> list[Finding]:
    """Every finding about what ``changed`` (base..head) does to published records and new ones."""
    relevant = [c for c in changed if any(_under_roots(p) for p in c.touched())]
    if not relevant:
        return []
    published = tree_files(repo, base, ROOTS)
    gone, edited, added = _sort_changes(relevant, published)
    old = documents(repo, published, edited, program)
    new = documents(repo, tree_files(repo, head, ROOTS), [*edited, *added], program)
    findings = [_deleted(path, moved_to) for path, moved_to in gone]
    for path in edited:
        findings += _edited(path, old.get(path), new.get(path), program, today)
    for path in added:
        if path in new:
            findings += _late(new[path], path, program, today, whole=True)
    return findings


def _sort_changes(
    changed: Iterable[Change], published: dict[str, TreeFile]
) -> tuple[list[tuple[str, str | None]], list[str], list[str]]:
    """Published records removed (with where they went), published records edited, new records."""
    gone: list[tuple[str, str | None]] = []
    edited: list[str] = []
    added: list[str] = []
    for change in changed:
        old = change.old_path if change.kind is ChangeKind.RENAMED else None
        if change.kind is ChangeKind.DELETED:
            old = change.path
        if old is not None and parse_record_path(old) is not None and old in published:
            gone.append((old, change.path if change.exists_after else None))
        if not change.exists_after or parse_record_path(change.path) is None:
            continue
        (edited if change.path in published else added).append(change.path)
    return gone, edited, added


def _deleted(path: str, moved_to: str | None) -> Finding:
    place = parse_record_path(path)
    assert place is not None  # noqa: S101 - only record places are published
    where = f"改名为 {moved_to}" if moved_to else "删除"
    return finding("E-PUB-002", file=path, record=KIND_NAMES[place.kind], action=where)


def _edited(
    path: str, base: Document | None, head: Document | None, program: Program, today: dt.date
) -> list[Finding]:
    if head is None:
        return []  # the check of the file itself reports why it cannot be read
    if base is None:
        return [finding("W-PUB-005", file=path)]
    place = parse_record_path(path)
    assert place is not None  # noqa: S101 - edited paths are record places
    old_corrections = _list(base.data.get(CORRECTIONS))
    new_corrections = _list(head.data.get(CORRECTIONS))
    if old_corrections is None or new_corrections is None:
        diffs = [("E-PUB-001", d) for d in datadiff.differences(base.data, head.data)]
    else:
        kept = new_corrections[: len(old_corrections)]
        rest_old = {k: v for k, v in base.data.items() if k != CORRECTIONS}
        rest_new = {k: v for k, v in head.data.items() if k != CORRECTIONS}
        diffs = [("E-PUB-001", d) for d in datadiff.differences(rest_old, rest_new)]
        diffs += [("E-PUB-003", d) for d in datadiff.differences(old_corrections, kept, (CORRECTIONS,))]
    findings = _located(diffs, head, place)
    if old_corrections is not None and new_corrections is not None:
        findings += _late(head, path, program, today, first_new=len(old_corrections))
    return findings


def _list(value: Any) -> list[Any] | None:
    if value is None:
        return []
    return value if isinstance(value, list) else None


def _located(
    diffs: list[tuple[str, datadiff.Difference]], head: Document, place: RecordPath
) -> list[Finding]:
    model = MODEL_OF[place.kind]
    record = KIND_NAMES[place.kind]
    out = [
        finding_at(code, _where(head, d), field=_field(d), record=record, change=_describe(d, model))
        for code, d in diffs[:MAX_LISTED]
    ]
    if len(diffs) > MAX_LISTED:
        out.append(finding("W-PUB-004", file=head.file, count=len(diffs) - MAX_LISTED, record=record))
    return out


def _where(head: Document, d: datadiff.Difference) -> Location:
    if d.kind is datadiff.Kind.REMOVED and not isinstance(d.path[-1], int):
        return head.at(d.path[:-1], key=True)
    return head.at(d.path, key=d.kind is datadiff.Kind.ADDED)


def _field(d: datadiff.Difference) -> str:
    """The field as users read it: a removed list item names its list."""
    if d.kind is datadiff.Kind.REMOVED and isinstance(d.path[-1], int):
        return dotted(d.path[:-1])
    return dotted(d.path)


def _describe(d: datadiff.Difference, model: type[RecordModel]) -> str:
    """The change in words: the field by its Chinese title and path, the values before and after."""
    item = isinstance(d.path[-1], int) and d.kind is not datadiff.Kind.CHANGED
    where = d.path[:-1] if item else d.path
    name = f"“{field_label(model, where)}”"
    if d.kind is datadiff.Kind.CHANGED:
        return f"{name}原为{_short(d.old)}，现为{_short(d.new)}"
    if item:
        verb = "增加了" if d.kind is datadiff.Kind.ADDED else "删去了"
        return f"{name}中{verb}{_short(d.new if d.kind is datadiff.Kind.ADDED else d.old)}"
    if d.kind is datadiff.Kind.ADDED:
        return f"增加了{name}：{_short(d.new)}"
    return f"删去了{name}，原为{_short(d.old)}"


def _short(value: Any) -> str:
    """A value quoted as users read it: 空 for an emptied field, no JSON words like null or true."""
    if value is None or value in ([], {}):
        return "空"
    if isinstance(value, bool):
        return f"“{as_written(value)}”"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "、".join(value)
    text = shown(value if isinstance(value, str) else datadiff.canonical(value))
    text = text if len(text) <= 60 else text[:57] + "…"
    return f"“{text}”"


@dataclass(frozen=True, slots=True)
class LateLimit:
    """The pull request's day and how long before it a record may be dated without a reason."""

    today: dt.date
    days: int

    def late(self, day: dt.date) -> bool:
        return (self.today - day).days > self.days

    @property
    def earliest_entry(self) -> dt.date:
        return self.today - dt.timedelta(days=self.days)


def _late(
    doc: Document, path: str, program: Program, today: dt.date, *, whole: bool = False, first_new: int = 0
) -> list[Finding]:
    """Late-filing findings for what a pull request adds: the record itself when ``whole``, and its
    corrections from index ``first_new`` on."""
    place = parse_record_path(path)
    assert place is not None  # noqa: S101 - only record places are checked
    record, _ = validate_model(MODEL_OF[place.kind], doc)
    if record is None:
        return []  # the check of the file reports its errors; a half-read record is not judged
    limit = LateLimit(today, program.late_filing.days)
    out: list[Finding] = []
    if whole:
        out += _judge(
            doc, (record.DATE_FIELD,), getattr(record, record.DATE_FIELD), record.late_filing, limit
        )
    for index, correction in enumerate(record.corrections[first_new:], start=first_new):
        out += _judge(doc, (CORRECTIONS, index, "date"), correction.date, correction.late_filing, limit)
    return out


def _judge(
    doc: Document, date_at: tuple[str | int, ...], day: dt.date, late: LateFiling | None, limit: LateLimit
) -> list[Finding]:
    """E-LATE-001 for a late entry without a reason; E-LATE-002 for an entry day that is not now."""
    params = {"date": day.isoformat(), "today": limit.today.isoformat(), "days": limit.days}
    if late is None:
        return [finding_at("E-LATE-001", doc.at(date_at), **params)] if limit.late(day) else []
    earliest = max(day, limit.earliest_entry)
    if earliest <= late.recorded_on <= limit.today:
        return []
    where = doc.at((*date_at[:-1], "late_filing", "recorded_on"))
    recorded = late.recorded_on.isoformat()
    return [finding_at("E-LATE-002", where, recorded_on=recorded, earliest=earliest.isoformat(), **params)]
