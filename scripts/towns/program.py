"""Loading `program.yaml` (the province's policy parameters) and checking it as a whole.

The models are in `towns.models.program`; this module reads the file with the same safe loader
and findings as every other file, and adds the checks that span sections: a city's region, a
batch's rule set and the regions of every regional threshold must exist, and the batches' windows
must be well-ordered, one per year and never overlapping, so that at most one batch is open on any
day (`towns.windows`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from towns.catalog import finding, finding_at
from towns.findings import Finding
from towns.loading import Document, Limits, LoadResult, decode_text, load_yaml_file, parse_yaml
from towns.models.program import Program
from towns.models.rules import Threshold
from towns.models.values import Role
from towns.review import CITY, DEFAULT, row_of
from towns.validation import validate_model

PROGRAM_FILE = "program.yaml"
PROGRAM_LIMITS = Limits(max_bytes=1_048_576, max_list_items=10_000)

FieldPath = tuple[str | int, ...]


class ProgramError(ValueError):
    """A program file that cannot be used; the message lists its findings in Chinese."""


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


def load_program_file(path: Path) -> Program:
    """A program file at any path, through the same loader and checks as `towns check`.

    Raises `ProgramError` (with every finding) instead of returning findings: for tools and tests
    that need a valid program or nothing.
    """
    program, findings = program_from_bytes(path.read_bytes())
    if program is None:
        raise ProgramError("；".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in findings))
    return program


def _program_from(result: LoadResult) -> tuple[Program | None, list[Finding]]:
    if result.document is None:
        return None, result.findings
    program, problems = validate_model(Program, result.document)
    findings = [*result.findings, *problems]
    if program is not None:
        findings += consistency_findings(program, result.document)
    return (program if not any(f.blocking for f in findings) else None), findings


def consistency_findings(program: Program, doc: Document) -> list[Finding]:
    """References across sections that name nothing: regions, rule sets, regional thresholds, districts."""
    out = _threshold_findings(program, doc) + _district_findings(program, doc)
    regions = {r.id for r in program.regions}
    for index, city in enumerate(program.cities):
        if city.region not in regions:
            out.append(finding_at("E-PROGRAM-002", doc.at(("cities", index, "region")), value=city.region))
    for index, batch in enumerate(program.batches):
        if batch.rules not in program.rule_sets:
            out.append(finding_at("E-PROGRAM-003", doc.at(("batches", index, "rules")), value=batch.rules))
    return out + _window_findings(program, doc) + _review_findings(program, doc)


def _window_findings(program: Program, doc: Document) -> list[Finding]:
    """A window that closes before it opens, two batches of one year, two windows that overlap."""
    out: list[Finding] = []
    seen: dict[int, int] = {}
    for index, batch in enumerate(program.batches):
        if batch.closes < batch.opens:
            where = doc.at(("batches", index, "closes"))
            out.append(
                finding_at("E-PROGRAM-004", where, year=batch.year, opens=batch.opens, closes=batch.closes)
            )
        if batch.year in seen:
            out.append(finding_at("E-PROGRAM-005", doc.at(("batches", index, "year")), year=batch.year))
        seen.setdefault(batch.year, index)
    order = sorted(range(len(program.batches)), key=lambda i: program.batches[i].opens)
    for before, after in itertools.pairwise(order):
        first, second = program.batches[before], program.batches[after]
        if second.opens <= first.closes:
            where = doc.at(("batches", after, "opens"))
            out.append(finding_at("E-PROGRAM-006", where, year=second.year, other=first.year))
    return out


def _district_findings(program: Program, doc: Document) -> list[Finding]:
    """Each listed division belongs to a known city and carries that city's code prefix."""
    out: list[Finding] = []
    for slug, listed in program.districts.items():
        city = program.cities_by_slug.get(slug)
        if city is None:
            out.append(finding_at("E-PROGRAM-007", doc.at(("districts", slug), key=True), value=slug))
            continue
        for index, district in enumerate(listed):
            if not district.code.startswith(city.code[:4]):
                where = doc.at(("districts", slug, index, "code"))
                prefix = city.code[:4]
                out.append(
                    finding_at(
                        "E-PROGRAM-008",
                        where,
                        name=district.name,
                        value=district.code,
                        city=city.name,
                        prefix=prefix,
                    )
                )
    return out


# Where the process itself puts each role: a sample path of each, and the role that must own it.
_PROCESS_PLACES = (
    ("submissions/<地市>/<小镇编号>/declaration.yaml", Role.APPLICANT),
    ("records/<地市>/recommendations/2016/<小镇编号>.yaml", Role.CITY),
    ("decisions/batches/2016.yaml", Role.PROVINCE),
)


def _review_findings(program: Program, doc: Document) -> list[Finding]:
    """The review table must give every file an owner, city rows per city, and the process its roles."""
    areas = program.review.areas
    out: list[Finding] = []
    if areas[0].path != DEFAULT:
        out.append(_review_finding(doc, ("areas", 0, "path"), "第一行须为 *"))
    for index, area in enumerate(areas):
        segments = area.path.strip("/").split("/")
        loose = CITY in area.path and CITY not in segments
        if loose or (area.role in (Role.APPLICANT, Role.CITY) and CITY not in segments):
            problem = f"“{area.path}”须以 {CITY} 作为一级文件夹，代表各地市"
            out.append(_review_finding(doc, ("areas", index, "path"), problem))
    for sample, role in _PROCESS_PLACES:
        owner, _ = row_of(sample.replace(CITY, "guangzhou"), program)
        if owner is None or owner.role is not role:
            out.append(_review_finding(doc, ("areas",), f"{sample.split('/')[0]}/ 须由{role.label}负责"))
    return out


def _review_finding(doc: Document, path: FieldPath, problem: str) -> Finding:
    return finding_at("E-PROGRAM-009", doc.at(("review", *path)), problem=problem)


def _threshold_findings(program: Program, document: Document) -> list[Finding]:
    """Unknown region ids in `by_region`, and regions a regional threshold leaves out.

    A regional threshold keyed by a region id the program does not define (a typo such as `ewm`)
    would otherwise leave that region without a bound, and every town there would fail with
    E-ELIG-002 only when it is checked. Reporting it at the program file's own line finds it at once.
    """
    regions = [r.id for r in program.regions]
    out: list[Finding] = []
    for name, rule_set in program.rule_sets.items():
        for path, threshold in _thresholds(rule_set, ("rule_sets", name)):
            out += _region_findings(path, threshold, regions, document)
    return out


def _region_findings(
    path: FieldPath, threshold: Threshold, regions: list[str], document: Document
) -> list[Finding]:
    if not threshold.regional:
        return []
    out = [
        finding_at("E-ELIG-004", document.at((*path, "by_region", key), key=True), value=key)
        for key in threshold.by_region
        if key not in regions
    ]
    missing = [r for r in regions if r not in threshold.by_region]
    if missing:
        out.append(finding_at("E-ELIG-005", document.at((*path, "by_region")), regions="、".join(missing)))
    return out


def _thresholds(node: object, path: FieldPath) -> Iterator[tuple[FieldPath, Threshold]]:
    """Every threshold inside a rule set, with its path in the program file."""
    if isinstance(node, Threshold):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _thresholds(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _thresholds(item, (*path, index))
