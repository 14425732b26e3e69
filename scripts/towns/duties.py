"""Separation of duties: who may change what in one pull request.

A pull request's role is inferred from what it touches, because a fork's author cannot be trusted
to declare it and GitHub accounts do not map one-to-one to departments. Who may change each path is
the review table of `program.yaml` (`towns.review`); the role is the lowest authority among the
paths a pull request touches inside an owned place:

- it touches any file inside a town folder (``submissions/<city>/<town>/...``): an **applicant**'s
  pull request. It must touch exactly one town folder and nothing else: no city records, no
  decisions, no program data, code, workflows or docs;
- otherwise it touches ``records/<city>/...``: a **city department**'s pull request. It must keep to
  one city's records and must not carry a provincial decision;
- otherwise (decisions, program data, code): a **province** or **maintainers** pull request, which
  CODEOWNERS routes to their teams; nothing more is checked here.

A city or province pull request that changes program data, code, workflows or documentation gets one
advisory notice naming those files: the check does not judge them, and says so.

Whatever the role, files lying loose under ``submissions/`` or ``records/`` (outside any town or
city folder) and folders of cities that `program.yaml` does not list are findings: no team owns them.
Renames count on both sides, and deletions count too: deleting a decision is as much a forgery as
writing one. Who *approves* is enforced by GitHub (CODEOWNERS plus branch protection); this module
makes sure each pull request has exactly one natural owner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from towns.catalog import finding
from towns.changes import Change
from towns.findings import Finding, sort_findings
from towns.layout import RECORDS, SUBMISSIONS, Area, Place, classify, town_folder
from towns.models.program import Program
from towns.models.values import Role
from towns.review import lowest, row_of

_TOWN_DEPTH = 4  # submissions/<city>/<town>/<file>
_RECORD_DEPTH = 3  # records/<city>/<file>
_LISTED = 5  # paths named in the notice about non-data files


@dataclass(frozen=True, slots=True)
class Touched:
    """One path a pull request writes or removes, with the place that owns it."""

    path: str
    place: Place


def place_of(path: str) -> Place:
    """Like `layout.classify`, but a file lying directly in a city folder belongs to no town."""
    place = classify(path)
    depth = len(PurePosixPath(path).parts)
    if place.area is Area.TOWN and depth < _TOWN_DEPTH:
        return Place(Area.OTHER)
    if place.area is Area.CITY_RECORD and depth < _RECORD_DEPTH:
        return Place(Area.OTHER)
    return place


def touched_paths(changes: Iterable[Change]) -> list[Touched]:
    """Every distinct path the changes touch, sorted, each with its owner."""
    paths = sorted({p for c in changes for p in c.touched()})
    return [Touched(p, place_of(p)) for p in paths]


def role_of(path: str, program: Program) -> Role | None:
    """Who may change ``path`` by the review table; None for a file that lies loose (E-DUTY-005)."""
    if place_of(path).area is Area.OTHER:
        return None
    area, _ = row_of(path, program)
    return area.role if area else None


def infer_role(touched: list[Touched], program: Program) -> Role | None:
    """The role of a pull request: the lowest authority whose area it touches (None: only loose files)."""
    return lowest(role for t in touched if (role := role_of(t.path, program)) is not None)


def _first_by(touched: list[Touched], key: str) -> dict[str, str]:
    """For each town or city, the first path of it (the place a grouped finding points at)."""
    first: dict[str, str] = {}
    for t in touched:
        value = getattr(t.place, key)
        if value is not None:
            first.setdefault(value, t.path)
    return first


def _loose(touched: list[Touched]) -> list[Finding]:
    out = []
    for t in touched:
        if t.place.area is Area.OTHER:
            top = PurePosixPath(t.path).parts[0]
            expected = "小镇文件夹（submissions/<地市>/<小镇编号>/）" if top == SUBMISSIONS else "地市文件夹"
            out.append(finding("E-DUTY-005", file=t.path, path=t.path, area=top, expected=expected))
    return out


def _unknown_cities(touched: list[Touched], program: Program) -> list[Finding]:
    out = []
    seen: set[tuple[str, str]] = set()
    for t in touched:
        city = t.place.city
        if city is None or city in program.cities_by_slug:
            continue
        top = SUBMISSIONS if t.place.area is Area.TOWN else RECORDS
        if (top, city) not in seen:
            seen.add((top, city))
            out.append(finding("E-DUTY-006", file=t.path, area=top, city=city))
    return out


def _applicant(touched: list[Touched], program: Program) -> list[Finding]:
    out = []
    towns: dict[str, str] = {}
    for t in touched:
        if t.place.area is Area.TOWN:
            towns.setdefault(f"{t.place.city}/{t.place.town}", t.path)
    if len(towns) > 1:
        names = "、".join(sorted(towns))
        for town, path in sorted(towns.items()):
            out.append(finding("E-DUTY-001", file=path, count=len(towns), towns=names, town=town))
    for t in touched:
        code = _foreign(t, role_of(t.path, program))
        if code is not None:
            out.append(finding(code, file=t.path, path=t.path))
    return out


def _foreign(t: Touched, role: Role | None) -> str | None:
    """The finding for a path an applicant's pull request may not touch: whose it is decides which."""
    if role is Role.CITY:
        return "E-DUTY-002"
    if t.place.area is Area.DECISION:
        return "E-DUTY-003"
    return "E-DUTY-004" if role in (Role.PROVINCE, Role.MAINTAINERS) else None


def _city(touched: list[Touched], program: Program) -> list[Finding]:
    out = []
    cities = _first_by([t for t in touched if t.place.area is Area.CITY_RECORD], "city")
    if len(cities) > 1:
        names = "、".join(_city_name(c, program) for c in sorted(cities))
        for city, path in sorted(cities.items()):
            name = _city_name(city, program)
            out.append(finding("E-DUTY-007", file=path, count=len(cities), cities=names, city=name))
    for t in touched:
        if t.place.area is Area.DECISION:
            out.append(finding("E-DUTY-008", file=t.path, path=t.path))
    return out


def _city_name(slug: str, program: Program) -> str:
    city = program.cities_by_slug.get(slug)
    return city.name if city else slug


def _outside_data(touched: list[Touched]) -> list[Finding]:
    """One notice naming the program, code and documentation files a non-applicant PR changes.

    No rule here forbids them (CODEOWNERS routes them to the province), but the check cannot judge
    them, and a reviewer must not read a clean check as an opinion on them.
    """
    paths = [t.path for t in touched if t.place.area is Area.PROGRAM]
    if not paths:
        return []
    shown = "、".join(paths[:_LISTED]) + ("等" if len(paths) > _LISTED else "")
    return [finding("W-DUTY-009", file=paths[0], count=len(paths), paths=shown)]


def check_duties(changes: Iterable[Change], program: Program) -> list[Finding]:
    """Separation-of-duties findings for the changes of one pull request (see the module docstring)."""
    touched = touched_paths(changes)
    findings = _loose(touched) + _unknown_cities(touched, program)
    role = infer_role(touched, program)
    if role is Role.APPLICANT:
        findings += _applicant(touched, program)
    else:
        findings += _outside_data(touched)
    if role is Role.CITY:
        findings += _city(touched, program)
    return sort_findings(findings)


def paths_to_check(changes: Iterable[Change], root: Path | None = None) -> list[str]:
    """The changed paths that still exist after the change: what `towns check` should load.

    A file removed from a town folder (deleted, or renamed away) selects its town instead: the town
    is still there, and may now lack what the file gave it (a required attachment, its report).
    With ``root``, paths missing from the working tree (deleted since) are dropped as well.
    """
    changes = list(changes)
    paths = {c.path for c in changes if c.exists_after}
    for gone in {p for c in changes for p in c.touched()} - paths:
        place = place_of(gone)
        if place.area is Area.TOWN and place.city and place.town:
            paths.add(town_folder(place.city, place.town))
    if root is None:
        return sorted(paths)
    return sorted(p for p in paths if (root / p).is_symlink() or (root / p).exists())


__all__ = ["Role", "Touched", "check_duties", "infer_role", "paths_to_check", "place_of", "role_of"]
