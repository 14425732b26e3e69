"""Discover and load the registry's towns: every town folder and its declaration.

The program data they are checked against is loaded by `towns.program`. The registry is read once
per run. Each town is loaded independently (a broken town never stops
the others), and everything that goes wrong is a finding.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from towns import layout
from towns.catalog import finding, finding_at
from towns.findings import Finding, Location
from towns.loading import Document, dotted, load_yaml_file
from towns.models.declaration import MODELS, SCHEMA_VERSION, ApplicationDeclaration, IndustryDeclaration
from towns.models.program import City, Program
from towns.program import program_limits
from towns.validation import format_guide, validate_model, version_finding

Declaration = IndustryDeclaration | ApplicationDeclaration
RAW_FIELDS = ("id", "name", "city", "type")


@dataclass(slots=True)
class Town:
    """One town folder and what could be read of it."""

    city_slug: str
    folder_name: str
    folder: str  # repository-relative, e.g. submissions/guangzhou/tianhe-yunzhi
    declaration: Declaration | None = None
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    """What later stages can still use of a declaration that failed validation: its top-level
    text fields (``id``, ``name``, ``city``, ``type``), as written. Empty when it validated."""

    @property
    def id(self) -> str:
        return self.declaration.id if self.declaration else self.folder_name

    @property
    def declaration_file(self) -> str:
        return f"{self.folder}/{layout.DECLARATION}"

    def at(self, *path: str | int, key: bool = False) -> Location:
        """Where a field of the declaration is written (`Document.at`; line 1 when it was not read)."""
        if self.document is None:
            return Location(self.declaration_file, field=dotted(path) or None)
        return self.document.at(path, key=key)


def discover_towns(root: Path) -> list[Town]:
    """Every `submissions/<city>/<town>/` folder, sorted; stray files are reported by `check`."""
    base = root / layout.SUBMISSIONS
    towns: list[Town] = []
    if not base.is_dir():
        return towns
    for city_dir in sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink()):
        for town_dir in sorted(p for p in city_dir.iterdir() if p.is_dir() and not p.is_symlink()):
            towns.append(
                Town(
                    city_slug=city_dir.name,
                    folder_name=town_dir.name,
                    folder=layout.town_folder(city_dir.name, town_dir.name),
                )
            )
    return towns


def stray_submission_paths(root: Path) -> Iterable[str]:
    """Files or links directly under `submissions/` or a city folder, which belong to no town."""
    base = root / layout.SUBMISSIONS
    if not base.is_dir():
        return
    for entry in sorted(base.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir() or entry.is_symlink():
            yield f"{layout.SUBMISSIONS}/{entry.name}"
            continue
        for inner in sorted(entry.iterdir()):
            if not inner.name.startswith(".") and (not inner.is_dir() or inner.is_symlink()):
                yield f"{layout.SUBMISSIONS}/{entry.name}/{inner.name}"


def load_town(root: Path, town: Town, program: Program) -> None:
    """Read and validate the town's declaration; findings go onto the town."""
    rel = town.declaration_file
    path = root / rel
    if not path.exists() and not path.is_symlink():
        town.findings.append(finding("E-TOWN-001", file=f"{town.folder}/{layout.DECLARATION}"))
        return
    result = load_yaml_file(path, rel, program_limits(program))
    town.findings += result.findings
    town.document = result.document
    if result.document is None:
        return
    data = result.document.data
    if not isinstance(data, dict):
        town.findings.append(finding("E-SCHEMA-012", file=rel, guide=format_guide(IndustryDeclaration)))
        return
    model = _model_for(data, result.document, town)
    if model is None:
        town.raw = _raw_fields(data)
        return
    declaration, problems = validate_model(model, result.document)
    town.findings += problems
    town.declaration = declaration
    if declaration is None:
        town.raw = _raw_fields(data)


def _raw_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The identity fields of a declaration that failed validation, each only if it is itself valid.

    A value its own field refuses is already a schema finding; comparing it again (with the folder,
    with other towns) would report the same mistake twice.
    """
    out: dict[str, Any] = {}
    for key in RAW_FIELDS:
        value = data.get(key)
        if key == "type":
            if isinstance(value, str) and value in MODELS:
                out[key] = value
            continue
        try:
            out[key] = _field_adapter(key).validate_python(value)
        except ValidationError:
            continue
    return out


@functools.cache
def _field_adapter(key: str) -> TypeAdapter[Any]:
    info = IndustryDeclaration.model_fields[key]
    shape: Any = Annotated[info.annotation, info]  # the field's own type with its constraints
    return TypeAdapter(shape)


def _model_for(data: dict[str, Any], doc: Document, town: Town) -> type[Declaration] | None:
    stale = version_finding(doc, SCHEMA_VERSION)
    if stale is not None:
        town.findings.append(stale)
        return None
    kind = data.get("type")
    model = MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        town.findings.append(finding_at("E-SCHEMA-011", doc.at(("type",)), given=kind))
    return model


def city_of(program: Program, town: Town) -> City | None:
    return program.cities_by_slug.get(town.city_slug)


def town_type(town: Town) -> str | None:
    """The town's type: from its declaration, or as written in one that failed validation."""
    if town.declaration is not None:
        return town.declaration.type
    kind = town.raw.get("type")
    return kind if kind in MODELS else None


def raw_items(town: Town, key: str) -> list[Any]:
    """The items of a top-level list of the declaration as written (none when not a list)."""
    data = town.document.data if town.document is not None else None
    items = data.get(key) if isinstance(data, dict) else None
    return items if isinstance(items, list) else []
