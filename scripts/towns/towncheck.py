"""Checks of one town beyond its schema, and checks across towns.

Folder and form must agree (id, city), the batch must exist and be open on the filing date, the
identities must be valid, the attachments safe, the report complete, and nothing personal may
appear in what will be published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from towns import clock, layout, windows
from towns.attachments import check_attachments, inventory
from towns.catalog import finding, finding_at
from towns.content import hostile_markup
from towns.findings import Finding
from towns.identity import UsccProblem, uscc_problem
from towns.models.common import PLACEHOLDER
from towns.models.program import Program
from towns.outline import check_outline, empty_sections, guidance, read_report
from towns.privacy import mask, personal_numbers
from towns.registry import Town, raw_items, town_type

_USCC_CODES = {
    UsccProblem.FORMAT: "E-ID-001",
    UsccProblem.CHECKSUM: "E-ID-002",
    UsccProblem.ORGANISATION_CODE: "E-ID-003",
}
# The contact block is never published, so personal numbers are expected there.
_PRIVATE_ROOTS = frozenset({"contact"})
USCC_SHAPE = re.compile(r"^[0-9A-Z]{18}$")
_TOWN_FILES = frozenset({layout.DECLARATION, layout.REPORT, layout.ATTACHMENTS})


def check_town(root: Path, town: Town, program: Program, today: dt.date | None = None) -> list[Finding]:
    """All single-town checks that do not need other towns or records."""
    out = _folder_contents(root, town)
    out += _report(root, town, program)
    out += _published_text(town)
    out += _placement(town, program)
    out += _district(town, program)
    out += _identities(town)
    if town.declaration is not None:
        out += _batch(town, program, today or clock.today())
        out += _plan_totals(town)
    elif not isinstance(town.document.data if town.document else None, dict) or not raw_items(
        town, "attachments"
    ):
        return out  # no list of attachments was read to compare the folder with
    found = inventory(root / town.folder)
    out += check_attachments(root, town, program, found)
    total = found.total_bytes
    if total > program.files.town_total_max_bytes:
        out.append(
            finding("E-ATT-010", file=town.folder, size=total, limit=program.files.town_total_max_bytes)
        )
    return out


def _folder_contents(root: Path, town: Town) -> list[Finding]:
    out: list[Finding] = []
    for entry in sorted((root / town.folder).iterdir()):
        if entry.name.startswith(".") or entry.name not in _TOWN_FILES:
            out.append(finding("E-TOWN-009", file=f"{town.folder}/{entry.name}", name=entry.name))
        elif entry.is_symlink():
            out.append(finding("E-FILE-006", file=f"{town.folder}/{entry.name}"))
    return out


def _placement(town: Town, program: Program) -> list[Finding]:
    """Folder and form agree on the id and the city (read as written when the form did not load)."""
    d = town.declaration
    town_id = d.id if d is not None else town.raw.get("id")
    city = d.city if d is not None else town.raw.get("city")
    out: list[Finding] = []
    if town_id is not None and town_id != town.folder_name:
        out.append(finding_at("E-TOWN-003", town.at("id"), value=town_id, folder=town.folder_name))
    folder_city = program.cities_by_slug.get(town.city_slug)
    if folder_city is None:
        out.append(
            finding(
                "E-TOWN-005",
                file=town.declaration_file,
                slug=town.city_slug,
                allowed="、".join(c.slug for c in program.cities),
            )
        )
    elif city is not None and city != folder_city.name:
        code = "E-TOWN-004" if city in program.cities_by_name else "E-TOWN-006"
        out.append(
            finding_at(code, town.at("city"), value=city, expected=folder_city.name, slug=town.city_slug)
        )
    return out


def _district(town: Town, program: Program) -> list[Finding]:
    """The district must be one of the divisions the program lists for the town's city.

    Read as written when the form did not load, if it is a valid name on its own (a value the
    schema refused is reported once, by the schema).
    """
    d = town.declaration
    city_name = d.city if d is not None else town.raw.get("city")
    district = d.district if d is not None else _plain_name(town.raw.get("district"))
    city = program.cities_by_slug.get(town.city_slug)
    if city is None or city_name != city.name or district is None:
        return []  # a wrong city is reported once, by the placement checks
    allowed = program.district_names(city.slug)
    if allowed is None or district in allowed:
        return []
    where = town.at("district")
    if any((f.file, f.line, f.column) == (where.file, where.line, where.column) for f in town.findings):
        return []  # the value already has its finding (e.g. a number YAML readers read differently)
    names = "、".join(allowed)
    return [finding_at("E-TOWN-020", where, value=district, city=city.name, allowed=names)]


def _plain_name(value: object) -> str | None:
    """A one-line name as the declaration accepts it, or None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if text and len(text) <= 200 and "\n" not in text and "\r" not in text else None


def _batch(town: Town, program: Program, today: dt.date) -> list[Finding]:
    d = town.declaration
    assert d is not None  # noqa: S101 - callers check
    batch = program.batches_by_year.get(d.batch)
    # The advice is about the form's own filing date, so the message is the same on any later day.
    advice = windows.advice(program, d.filing_date)
    if batch is None:
        years = "、".join(str(b.year) for b in program.batches)
        return [finding_at("E-TOWN-007", town.at("batch"), value=d.batch, allowed=years, advice=advice)]
    # A date in the future is reported once, by the lifecycle (E-LIFE-009).
    if d.filing_date > today or batch.accepts(d.filing_date):
        return []
    where = town.at("filing_date")
    filed = d.filing_date.isoformat()
    return [
        finding_at(
            "E-TOWN-008", where, date=filed, batch=batch.year, window=windows.window(batch), advice=advice
        )
    ]


def _identities(town: Town) -> list[Finding]:
    out: list[Finding] = []
    for path, code in _usccs(town):
        problem = uscc_problem(code)
        if problem is not None:
            out.append(finding_at(_USCC_CODES[problem], town.at(*path), value=code))
    return out


def _usccs(town: Town) -> list[tuple[tuple[str | int, ...], str]]:
    """Every USCC of the declaration with its path; as written when the form did not load.

    A code that is not 18 characters is a schema finding already; the check digits are ours.
    """
    d = town.declaration
    if d is not None:
        codes: list[tuple[tuple[str | int, ...], str]] = [(("applicant", "uscc"), d.applicant.uscc)]
        companies = d.industrial_base.companies
        return codes + [
            (("industrial_base", "companies", i, "uscc"), c.uscc) for i, c in enumerate(companies) if c.uscc
        ]
    data = town.document.data if town.document is not None else None
    if not isinstance(data, dict):
        return []
    found: list[tuple[tuple[str | int, ...], object]] = [
        (("applicant", "uscc"), _get(data, "applicant", "uscc"))
    ]
    raw_companies = _get(data, "industrial_base", "companies")
    for i, company in enumerate(raw_companies if isinstance(raw_companies, list) else []):
        found.append((("industrial_base", "companies", i, "uscc"), _get(company, "uscc")))
    return [(path, code) for path, code in found if isinstance(code, str) and USCC_SHAPE.match(code)]


def _get(data: object, *keys: str) -> object:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _plan_totals(town: Town) -> list[Finding]:
    d = town.declaration
    assert d is not None  # noqa: S101 - callers check
    out: list[Finding] = []
    area = d.spatial_layout
    if area.core_area_mu > area.planned_area_mu:
        where = town.at("spatial_layout", "core_area_mu")
        out.append(finding_at("E-AREA-001", where, core=area.core_area_mu, planned=area.planned_area_mu))
    for index, project in enumerate(d.creation_plan.key_projects):
        total = sum((y.investment_wan for y in project.yearly_plan), start=type(project.investment_wan)(0))
        if total != project.investment_wan:
            where = town.at("creation_plan", "key_projects", index, "investment_wan")
            out.append(
                finding_at(
                    "E-PLAN-001", where, name=project.name, total=total, investment=project.investment_wan
                )
            )
    return out


def _published_text(town: Town) -> list[Finding]:
    """Personal numbers, template placeholders and markup in every text that will be published."""
    if town.document is None:
        return []
    texts = town.document.texts
    # One scan of all the texts joined decides whether any single one can hold a placeholder or
    # markup (no pattern matches across the joining line break): usually none does.
    everything = "\n".join(t for _, t in texts)
    scan = PLACEHOLDER in everything or bool(hostile_markup(everything))
    out: list[Finding] = []
    for path, text in texts:
        if scan:
            if PLACEHOLDER in text:
                out.append(finding_at("E-TOWN-013", town.at(*path), value=text))
            out += [finding_at(code, town.at(*path), what=what) for code, _, what in hostile_markup(text)]
        if path and path[0] in _PRIVATE_ROOTS:
            continue
        for kind, number in personal_numbers(text):
            code = "E-PRIV-001" if kind == "id" else "E-PRIV-002"
            out.append(finding_at(code, town.at(*path), value=mask(number)))
    return out


def _report(root: Path, town: Town, program: Program) -> list[Finding]:
    text, out = read_report(root, town, program)
    if text is None:
        return out
    rel = f"{town.folder}/{layout.REPORT}"
    kind = town_type(town)
    if kind is not None:
        required = program.report_outline.get(kind, [])
        out += check_outline(text, rel, required)
        out += empty_sections(text, rel, required, guidance(kind))
        if PLACEHOLDER in text:
            number = text[: text.index(PLACEHOLDER)].count("\n") + 1
            out.append(finding("E-TOWN-013", file=rel, line=number, value=PLACEHOLDER))
    if not hostile_markup(text, markdown=True) and next(personal_numbers(text), None) is None:
        return out  # one scan of the whole report instead of two per line
    for number, line in enumerate(text.splitlines(), start=1):
        for code, offset, what in hostile_markup(line, markdown=True):
            out.append(finding(code, file=rel, line=number, column=offset + 1, what=what))
        for what, value in personal_numbers(line):
            out.append(
                finding(
                    "E-PRIV-001" if what == "id" else "E-PRIV-002",
                    file=rel,
                    line=number,
                    column=line.index(value) + 1,
                    value=mask(value),
                )
            )
    return out


def cross_town_findings(
    towns: Sequence[Town], others: Mapping[str, Mapping[str, str]] | None = None
) -> list[Finding]:
    """Town ids and names must be unique across the whole registry.

    ``others`` (folder → its ``id`` and ``name``) stands for towns that were not loaded, as in a
    town-scoped check (`towns.scope`): they count as duplicates but get no findings of their own.
    """
    out: list[Finding] = []
    for attribute, code in (("id", "E-TOWN-010"), ("name", "E-TOWN-011")):
        groups: dict[str, list[str]] = defaultdict(list)
        for folder, identity in (others or {}).items():
            groups[identity[attribute]].append(folder)
        values = {t.folder: _identity(t, attribute) for t in towns}
        for town in towns:
            if values[town.folder] is not None:
                groups[str(values[town.folder])].append(town.folder)
        for town in towns:
            value = values[town.folder]
            if value is None:
                continue
            members = sorted(groups[value])
            if len(members) > 1:
                out.append(finding_at(code, town.at(attribute), value=value, folders="、".join(members)))
    return out


def _identity(town: Town, attribute: str) -> str | None:
    """The town's id or name: from its declaration, or as written in one that did not load."""
    if town.declaration is not None:
        return str(getattr(town.declaration, attribute))
    value = town.raw.get(attribute)
    return value if isinstance(value, str) else None
