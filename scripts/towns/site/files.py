"""Files copied into the site as they are: attachments, declaration templates, JSON Schemas.

Attachments come from strangers, so only what the checker would accept is published: files
referenced by the declaration, regular files inside the town's `attachments/` folder (no links, no
``..``), within the size limit, whose first bytes prove an allowed type AND whose extension belongs
to that type (a PDF named ``.html`` would otherwise be served as a web page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from towns import windows
from towns.attachments import content_type, pdf_active_content, regular_size
from towns.layout import SCHEMA_DIR
from towns.models.program import Program
from towns.models.values import TownType
from towns.scaffold import Fill, render
from towns.schema import all_schemas
from towns.site.data import SiteData, TownEntry

TEMPLATES_DIR = "apply/templates"


@dataclass(frozen=True, slots=True)
class Published:
    """One attachment that may be published, and where it goes on the site."""

    title: str
    kind: str
    type_name: str
    source: Path
    dest: str  # site path, e.g. towns/guangzhou/x/attachments/证书.pdf
    size: int


def publishable_attachments(root: Path, entry: TownEntry, program: Program) -> list[Published]:
    """The town's attachments that pass the checker's own tests, in declaration order."""
    folder = root / entry.town.folder
    types = {t.id: t for t in program.files.attachment_types}
    out: list[Published] = []
    seen: set[str] = set()
    for att in entry.declaration.attachments:
        parts = PurePosixPath(att.file).parts
        if ".." in parts or "\\" in att.file or att.file in seen or parts[:1] != ("attachments",):
            continue
        path = folder.joinpath(*parts)
        kind = _accepted_type(path, program.files.attachment_max_bytes)
        if kind is None or kind not in types or path.suffix.lower() not in types[kind].extensions:
            continue
        seen.add(att.file)
        out.append(
            Published(
                att.title, att.kind, types[kind].name, path, f"{entry.path}/{att.file}", path.lstat().st_size
            )
        )
    return out


def _accepted_type(path: Path, limit: int) -> str | None:
    if regular_size(path, limit) is None:
        return None
    kind = content_type(path)
    return None if kind == "pdf" and pdf_active_content(path) else kind


def template_files(program: Program, as_of: dt.date) -> dict[str, bytes]:
    """The declaration templates (YAML) and report outlines, rendered as `towns new` renders them.

    The batch is the one open on ``as_of`` (else the next one); the town's id, city and filing date
    are left for the applicant to fill in.
    """
    seen = windows.outlook(program, as_of)
    batch = seen.open or seen.next
    fill = Fill(batch=batch.year if batch is not None else None)
    out: dict[str, bytes] = {}
    for kind in TownType:
        declaration, report = render(kind.value, fill)
        out[f"{TEMPLATES_DIR}/{kind.value}.yaml"] = declaration.encode("utf-8")
        out[f"{TEMPLATES_DIR}/report-{kind.value}.txt"] = report.encode("utf-8")
    return out


def schema_files(program: Program) -> dict[str, bytes]:
    """The JSON Schemas at a stable address, generated from the models like `towns schema`."""
    return {f"{SCHEMA_DIR}/{name}": text.encode("utf-8") for name, text in all_schemas(program).items()}


def attachment_files(root: Path, data: SiteData) -> dict[str, list[Published]]:
    """Town page path → its publishable attachments."""
    return {entry.page: publishable_attachments(root, entry, data.program) for entry in data.towns}
