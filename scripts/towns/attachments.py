"""Attachments of a declaration: where they are, what they really are, how big they are.

A stranger's pull request may contain anything, so every referenced file must be a regular file
inside its own town's `attachments/` folder (no symbolic links, no `..`), its type is decided by
its first bytes (never by its name), and sizes are read from `lstat` without opening the file.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from towns import layout
from towns.catalog import finding, finding_at
from towns.findings import Finding, Location
from towns.models.declaration import Attachment
from towns.models.program import Program
from towns.registry import Town, raw_items

# First bytes of each allowed type; the program data says which types are allowed.
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "ofd": (b"PK\x03\x04",),
}
_KNOWN_BAD: dict[bytes, str] = {
    b"MZ": "Windows 可执行程序",
    b"\x7fELF": "Linux 可执行程序",
    b"#!": "脚本程序",
    b"<": "网页或 XML 文件",
    b"PK\x03\x04": "压缩包或 Office 文档",
}


def sniff(head: bytes) -> str | None:
    """The attachment type id that the leading bytes prove, if any."""
    for kind, signatures in _MAGIC.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


# PDF name tokens that make a document act on opening or carry other files.
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|OpenAction|AA|Launch|EmbeddedFile|RichMedia|XFA)\b")


def is_ofd(path: Path) -> bool:
    """An OFD (GB/T 33190) is a zip whose root holds `OFD.xml`; any other zip is not one."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "OFD.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def pdf_active_content(path: Path) -> str | None:
    """The first active-content name in a PDF (scripts, launch actions, embedded files), if any.

    Names inside compressed object streams are not seen: this is a screen for the common cases,
    and the site only ever offers attachments for download, never renders them.
    """
    found = _PDF_ACTIVE.search(path.read_bytes())
    return found.group(0).decode("ascii") if found else None


def content_type(path: Path) -> str | None:
    """The allowed type a file's content proves: leading bytes, then the container's structure."""
    with path.open("rb") as handle:
        kind = sniff(handle.read(16))
    if kind == "ofd" and not is_ofd(path):
        return None
    return kind


def describe_unknown(head: bytes) -> str:
    for prefix, label in _KNOWN_BAD.items():
        if head.lstrip()[: len(prefix)] == prefix:
            return label
    return "无法识别的文件"


def _inside(folder: Path, rel: str) -> Path | None:
    parts = PurePosixPath(rel).parts
    if ".." in parts or PurePosixPath(rel).is_absolute() or "\\" in rel:
        return None
    return folder.joinpath(*parts)


def listed_attachments(town: Town) -> list[tuple[int, Attachment]]:
    """The declaration's attachments with their list index.

    From the validated declaration, or, when it failed validation elsewhere, from every item of
    the raw ``attachments`` list that is itself valid (the others are already schema findings), so
    a deleted attachment is reported in the same run as a format error.
    """
    if town.declaration is not None:
        return list(enumerate(town.declaration.attachments))
    out = []
    for index, item in enumerate(raw_items(town, "attachments")):
        try:
            out.append((index, Attachment.model_validate(item)))
        except ValidationError:
            continue
    return out


def check_attachments(root: Path, town: Town, program: Program, found: Inventory) -> list[Finding]:
    """Every referenced attachment exists, is safe, allowed by content and within the limits."""
    folder = root / town.folder
    out: list[Finding] = []
    kinds = {k.id: k for k in program.files.attachment_kinds}
    # Items that failed validation still name their kind and file: never report those as absent.
    written = (
        [i for i in raw_items(town, "attachments") if isinstance(i, dict)] if town.declaration is None else []
    )
    seen_kinds: set[str] = {i["kind"] for i in written if isinstance(i.get("kind"), str)}
    referenced: set[str] = {i["file"] for i in written if isinstance(i.get("file"), str)}
    for index, att in listed_attachments(town):
        where = town.at("attachments", index, "file")
        if att.kind not in kinds:
            allowed = "、".join(f"{k.id}（{k.name}）" for k in kinds.values())
            out.append(
                finding_at("E-ATT-008", town.at("attachments", index, "kind"), kind=att.kind, allowed=allowed)
            )
        seen_kinds.add(att.kind)
        path = _inside(folder, att.file)
        if path is None:
            out.append(finding_at("E-ATT-003", where, path=att.file))
            continue
        referenced.add(att.file)
        out += _check_file(path, att.file, program, where)
    out += _missing_kinds(town, program, seen_kinds)
    out += _unreferenced(town, found, referenced)
    return out


def regular_size(path: Path, limit: int) -> int | None:
    """The size of a regular file (not a link) of at most ``limit`` bytes, from `lstat`; else None."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        return None
    return info.st_size


def _check_file(path: Path, rel: str, program: Program, where: Location) -> list[Finding]:
    problem = _placement_problem(path, rel, program, where)
    return [problem] if problem is not None else _content_problems(path, rel, program, where)


def _placement_problem(path: Path, rel: str, program: Program, where: Location) -> Finding | None:
    """Missing, not a regular file, or too big: decided from `lstat` without opening the file."""
    try:
        info = path.lstat()
    except OSError:
        return finding_at("E-ATT-001", where, path=rel)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        return finding_at("E-ATT-002", where, path=rel)
    limit = program.files.attachment_max_bytes
    if info.st_size > limit:
        return finding_at("E-ATT-006", where, path=rel, size=info.st_size, limit=limit)
    return None


def _content_problems(path: Path, rel: str, program: Program, where: Location) -> list[Finding]:
    """What the content really is: an allowed type, without active content, with a fitting name."""
    allowed = {t.id: t for t in program.files.attachment_types}
    kind = content_type(path)
    if kind is None or kind not in allowed:
        with path.open("rb") as handle:
            head = handle.read(16)
        names = "、".join(t.name for t in allowed.values())
        return [finding_at("E-ATT-004", where, path=rel, actual=describe_unknown(head), allowed=names)]
    active = pdf_active_content(path) if kind == "pdf" else None
    if active is not None:
        return [finding_at("E-ATT-011", where, path=rel, token=active)]
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix not in allowed[kind].extensions:
        return [
            finding_at("W-ATT-005", where, path=rel, actual=allowed[kind].name, suffix=suffix or "（无）")
        ]
    return []


def _missing_kinds(town: Town, program: Program, seen: set[str]) -> list[Finding]:
    where = town.at("attachments", key=True)
    return [
        finding_at("E-ATT-007", where, kind=k.id, name=k.name)
        for k in program.files.attachment_kinds
        if k.required and k.id not in seen
    ]


@dataclass(frozen=True, slots=True)
class Inventory:
    """Every entry under a town folder, read once: regular files with sizes, and links."""

    files: dict[str, int]  # path relative to the town folder → size in bytes
    links: frozenset[str]

    @property
    def total_bytes(self) -> int:
        return sum(self.files.values())


def inventory(folder: Path) -> Inventory:
    """Walk a folder without following links (os.scandir: one system call per entry)."""
    files: dict[str, int] = {}
    links: set[str] = set()
    pending = [(folder, "")]
    while pending:
        current, prefix = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_symlink():
                    links.add(rel)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), rel + "/"))
                elif entry.is_file(follow_symlinks=False):
                    files[rel] = entry.stat(follow_symlinks=False).st_size
    return Inventory(files, frozenset(links))


def _unreferenced(town: Town, found: Inventory, referenced: set[str]) -> list[Finding]:
    prefix = layout.ATTACHMENTS + "/"
    out: list[Finding] = []
    for rel in sorted(found.links):
        if rel.startswith(prefix):
            out.append(finding("E-ATT-002", file=f"{town.folder}/{rel}", path=rel))
    for rel in sorted(found.files):
        hidden = any(part.startswith(".") for part in rel.split("/"))
        if rel.startswith(prefix) and not hidden and rel not in referenced:
            out.append(finding("W-ATT-009", file=f"{town.folder}/{rel}", path=rel))
    return out
