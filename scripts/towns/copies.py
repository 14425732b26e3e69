"""Copied declarations: the same attachment or the same company in two towns' declarations.

Two towns whose declarations share an attachment byte for byte (`W-COPY-001`), or list the same
company (`W-COPY-002`: the same unified social credit code; or, where either side gives no code,
the same full name), may have copied each other's material, or a company may be counted twice.
It is an advisory, at each town's entry, naming the other towns, so the reviewer can ask: two towns
of one city may well attach the same city policy, and a company may have a branch in each.

It stays cheap at thousands of towns. Each town's fingerprint (its attachments' paths and sizes,
its companies' codes and names, with their places) is taken in the per-town stage, while the
document is still whole. Contents are hashed only for attachments whose size another town's
attachment shares, and a content id is the git blob id (SHA-1 of ``blob <size>\\0`` and the
bytes), so the trusted pull-request run can give the ids of files it did not materialise (its
placeholders) without reading them. A town-scoped check compares its towns against the others'
attachment sizes and declaration texts (`OtherTowns`), loading another town only when its text
holds one of the codes or names.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from towns import layout
from towns.attachments import regular_size
from towns.catalog import finding_at
from towns.findings import Finding, Location
from towns.registry import Town

ContentId = Callable[[str, int], str | None]
_SHOWN_TOWNS = 5
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class AttachmentPrint:
    path: str  # repository-relative
    size: int
    line: int
    column: int
    field: str | None = None


@dataclass(frozen=True, slots=True)
class CompanyPrint:
    uscc: str | None
    name: str  # normalised: NFKC, no white space
    written: str  # as the declaration writes it
    line: int
    column: int
    field: str


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What one town's declaration could share with another's."""

    town: str
    folder: str
    file: str
    attachments: tuple[AttachmentPrint, ...] = ()
    companies: tuple[CompanyPrint, ...] = ()


def normalised_name(name: str) -> str:
    """A company name compared as written, ignoring width (（ and () and white space."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def fingerprint(root: Path, town: Town, limit: int) -> Fingerprint | None:
    """The town's fingerprint, while its document still has every position (None: no declaration)."""
    d = town.declaration
    if d is None:
        return None
    attachments = []
    for index, att in enumerate(d.attachments):
        size = regular_size(root / town.folder / att.file, limit)
        if size is not None and ".." not in att.file.split("/"):
            where = town.at("attachments", index, "file")
            path = f"{town.folder}/{att.file}"
            attachments.append(AttachmentPrint(path, size, where.line, where.column, where.field))
    companies = []
    for index, company in enumerate(d.industrial_base.companies):
        where = town.at("industrial_base", "companies", index, "uscc" if company.uscc else "name")
        item = CompanyPrint(
            company.uscc,
            normalised_name(company.name),
            company.name,
            where.line,
            where.column,
            where.field or "",
        )
        companies.append(item)
    return Fingerprint(town.id, town.folder, town.declaration_file, tuple(attachments), tuple(companies))


def blob_id(path: Path, size: int) -> str | None:
    """The git blob id of a regular file (what `git hash-object` prints), read in chunks."""
    digest = hashlib.sha1(b"blob %d\0" % size, usedforsecurity=False)
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def content_ids(root: Path, known: Mapping[str, str] | None = None) -> ContentId:
    """Content id by repository path: ``known`` ids first (files not on disk), else hashed."""
    given = dict(known or {})

    def content(rel: str, size: int) -> str | None:
        return given.get(rel) or blob_id(root / rel, size)

    return content


@dataclass(slots=True)
class OtherTowns:
    """What a town-scoped check knows of the towns it did not load: see `towns.scope`."""

    attachments: list[tuple[str, str, int]] = field(default_factory=list)  # town id, path, size
    companies: list[tuple[str, str, CompanyPrint]] = field(default_factory=list)  # id, folder, company


def copies(
    prints: Sequence[Fingerprint], content: ContentId, others: OtherTowns | None = None
) -> list[Finding]:
    """Every shared attachment and company, at each checked town's entry."""
    return [*_attachments(prints, content, others), *_companies(prints, others)]


def _attachments(
    prints: Sequence[Fingerprint], content: ContentId, others: OtherTowns | None
) -> list[Finding]:
    by_size: dict[int, list[tuple[str, str]]] = defaultdict(list)  # size → (town, path)
    for p in prints:
        for att in p.attachments:
            by_size[att.size].append((p.town, att.path))
    for town, path, size in others.attachments if others else ():
        if size in by_size:
            by_size[size].append((town, path))
    by_content: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, str] = {}
    for size, members in by_size.items():
        if len({town for town, _ in members}) < 2:
            continue
        for town, path in members:
            found = content(path, size)
            if found is not None:
                ids[path] = found
                by_content[found].add(town)
    out = []
    for p in prints:
        for att in p.attachments:
            shared = by_content.get(ids.get(att.path, ""), set()) - {p.town}
            if shared:
                at = Location(p.file, att.line, att.column, att.field)
                rel = att.path.removeprefix(p.folder + "/")
                out.append(finding_at("W-COPY-001", at, path=rel, towns=_names(shared)))
    return out


def _companies(prints: Sequence[Fingerprint], others: OtherTowns | None) -> list[Finding]:
    """The same code, or the same name where one of the two gives no code."""
    by_code: dict[str, set[str]] = defaultdict(set)
    by_name: dict[str, set[str]] = defaultdict(set)
    uncoded: dict[str, set[str]] = defaultdict(set)  # name → towns listing it without a code
    entries = [(p.town, c) for p in prints for c in p.companies]
    entries += [(town, c) for town, _, c in (others.companies if others else ())]
    for town, c in entries:
        by_name[c.name].add(town)
        if c.uscc:
            by_code[c.uscc].add(town)
        else:
            uncoded[c.name].add(town)
    out = []
    for p in prints:
        for c in p.companies:
            shared = (by_code[c.uscc] | uncoded[c.name]) if c.uscc else by_name[c.name]
            shared = shared - {p.town}
            if shared:
                code = f"（统一社会信用代码 {c.uscc}）" if c.uscc else ""
                at = Location(p.file, c.line, c.column, c.field)
                out.append(finding_at("W-COPY-002", at, name=c.written, credit=code, towns=_names(shared)))
    return out


def _names(towns: Iterable[str]) -> str:
    ordered = sorted(towns)
    shown = "、".join(f"“{t}”" for t in ordered[:_SHOWN_TOWNS])
    return shown + (f"等 {len(ordered)} 个小镇" if len(ordered) > _SHOWN_TOWNS else "")


def attachment_sizes(root: Path, folder: str) -> Iterable[tuple[str, int]]:
    """Every regular file under a town's attachments folder with its size (one `scandir` per folder)."""
    top = os.fspath(root)
    skip = len(top) + len(os.sep)
    pending = [os.fspath(root / folder / layout.ATTACHMENTS)]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:  # plain strings: pathlib costs more than the listing at this scale
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                rel = entry.path[skip:].replace(os.sep, "/")
                yield rel, entry.stat(follow_symlinks=False).st_size
