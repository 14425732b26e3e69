"""Discover and load the registry: program data and every town's declaration.

The registry is read once per run. Each town is loaded independently (a broken town never stops
the others), and everything that goes wrong is a finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from towns import layout
from towns.catalog import finding
from towns.findings import Finding
from towns.loading import Document, Limits, LoadResult, decode_text, load_yaml_file, parse_yaml
from towns.models.declaration import MODELS, SCHEMA_VERSION, ApplicationDeclaration, IndustryDeclaration
from towns.program import PROGRAM_FILE, City, Program
from towns.validation import validate_model

Declaration = IndustryDeclaration | ApplicationDeclaration


@dataclass(slots=True)
class Town:
    """One town folder and what could be read of it."""

    city_slug: str
    folder_name: str
    folder: str  # repository-relative, e.g. submissions/guangzhou/tianhe-yunzhi
    declaration: Declaration | None = None
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.declaration.id if self.declaration else self.folder_name

    @property
    def declaration_file(self) -> str:
        return f"{self.folder}/{layout.DECLARATION}"

    def locate(self, *path: str | int, key: bool = False) -> tuple[int, int]:
        """Line and column of a field of the declaration (1, 1 when unknown); ``key`` prefers the key."""
        return self.document.locate(path, key=key) if self.document else (1, 1)


def program_limits(program: Program | None, kind: str = "declaration") -> Limits:
    """File limits from the program data; conservative defaults before it is loaded."""
    if program is None:
        return Limits()
    files = program.files
    record = kind == "record"
    # A year's decision lists every town in the program, so records get their own, larger bounds.
    return Limits(
        max_bytes=files.record_max_bytes if record else files.declaration_max_bytes,
        max_depth=files.max_yaml_depth,
        max_list_items=files.record_max_list_items if record else files.max_list_items,
        max_scalar_chars=files.max_scalar_chars,
    )


PROGRAM_LIMITS = Limits(max_bytes=1_048_576, max_list_items=10_000)


def load_program(root: Path) -> tuple[Program | None, list[Finding]]:
    """Load `program.yaml` with the same loader and findings as every other file."""
    path = root / PROGRAM_FILE
    if not path.exists():
        return None, [finding("E-PROGRAM-001", file=PROGRAM_FILE)]
    return _program_from(load_yaml_file(path, PROGRAM_FILE, PROGRAM_LIMITS))


def program_from_bytes(raw: bytes) -> tuple[Program | None, list[Finding]]:
    """Program data from bytes read elsewhere (e.g. the base revision of a pull request)."""
    text, findings = decode_text(raw, PROGRAM_FILE)
    if text is None:
        return None, findings
    program, problems = _program_from(parse_yaml(text, PROGRAM_FILE, PROGRAM_LIMITS))
    return program, [*findings, *problems]


def _program_from(result: LoadResult) -> tuple[Program | None, list[Finding]]:
    if result.document is None:
        return None, result.findings
    program, problems = validate_model(Program, result.document)
    findings = [*result.findings, *problems]
    if program is not None:
        findings += _program_consistency(program, result.document)
    return (program if not any(f.blocking for f in findings) else None), findings


def _program_consistency(program: Program, doc: Document) -> list[Finding]:
    # Imported here: the eligibility package imports this module for `Town`.
    from towns.eligibility.consistency import program_findings  # noqa: PLC0415

    out: list[Finding] = program_findings(program, doc)
    regions = {r.id for r in program.regions}
    for index, city in enumerate(program.cities):
        if city.region not in regions:
            line, column = doc.locate(("cities", index, "region"))
            out.append(
                finding(
                    "E-PROGRAM-002",
                    file=PROGRAM_FILE,
                    line=line,
                    column=column,
                    field=f"cities[{index}].region",
                    value=city.region,
                )
            )
    out += _district_consistency(program, doc)
    for index, batch in enumerate(program.batches):
        if batch.rules not in program.rule_sets:
            line, column = doc.locate(("batches", index, "rules"))
            out.append(
                finding(
                    "E-PROGRAM-003",
                    file=PROGRAM_FILE,
                    line=line,
                    column=column,
                    field=f"batches[{index}].rules",
                    value=batch.rules,
                )
            )
    return out


def _district_consistency(program: Program, doc: Document) -> list[Finding]:
    """Each listed division belongs to a known city and carries that city's code prefix."""
    if program.districts is None:
        return []
    out: list[Finding] = []
    for slug, listed in program.districts.cities.items():
        city = program.cities_by_slug.get(slug)
        if city is None:
            line, column = doc.locate(("districts", "cities", slug), key=True)
            out.append(
                finding(
                    "E-PROGRAM-004",
                    file=PROGRAM_FILE,
                    line=line,
                    column=column,
                    field=f"districts.cities.{slug}",
                    value=slug,
                )
            )
            continue
        for index, district in enumerate(listed):
            if not district.code.startswith(city.code[:4]):
                line, column = doc.locate(("districts", "cities", slug, index, "code"))
                out.append(
                    finding(
                        "E-PROGRAM-005",
                        file=PROGRAM_FILE,
                        line=line,
                        column=column,
                        field=f"districts.cities.{slug}[{index}].code",
                        name=district.name,
                        value=district.code,
                        city=city.name,
                        prefix=city.code[:4],
                    )
                )
    return out


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
        town.findings.append(finding("E-SCHEMA-012", file=rel))
        return
    model = _model_for(data, result.document, town)
    if model is None:
        return
    declaration, problems = validate_model(model, result.document)
    town.findings += problems
    town.declaration = declaration


def _model_for(data: dict[str, Any], doc: Document, town: Town) -> type[Declaration] | None:
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        line, column = doc.locate(("schema_version",))
        town.findings.append(
            finding(
                "E-SCHEMA-013",
                file=doc.file,
                line=line,
                column=column,
                field="schema_version",
                given=version,
                supported=SCHEMA_VERSION,
            )
        )
        return None
    kind = data.get("type")
    model = MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        line, column = doc.locate(("type",))
        town.findings.append(
            finding("E-SCHEMA-011", file=doc.file, line=line, column=column, field="type", given=kind)
        )
    return model


def city_of(program: Program, town: Town) -> City | None:
    return program.cities_by_slug.get(town.city_slug)
