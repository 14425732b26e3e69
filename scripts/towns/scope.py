"""Checking an applicant's pull request at the cost of the towns it touches.

A full check loads every declaration and every authority record: tens of seconds for thousands of
towns. When every selected path lies inside a town folder (an applicant's pull request, see
`towns.duties`), the result only ever reports on those towns, so only they are loaded and checked
in full. What the cross-file checks need from the rest is small:

* unique ids and names: a light index read from each other declaration's top-level ``id:`` and
  ``name:`` lines (a town whose lines cannot be read that way is loaded in full instead);
* copied material (`towns.copies`): the sizes of the other towns' attachments (one directory
  listing each), and their companies only where a declaration's text holds one of the selected
  towns' company codes or names (that town is then loaded in full);
* the lifecycle of the selected towns: the province's decisions and the selected towns' own city
  records (their file name is the town id).

The other towns were checked when they were merged; findings about them, and the program-wide
progress, are not part of a town-scoped result.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

import yaml

from towns import layout
from towns.copies import CompanyPrint, Fingerprint, OtherTowns, attachment_sizes, normalised_name
from towns.models.program import Program
from towns.registry import Town, load_town

_TOP_LEVEL = {key: re.compile(rf"(?m)^{key}:[ \t]*(.*?)[ \t]*\r?$") for key in ("id", "name")}
_UNSURE = tuple("|>&*!{[")
_IDEOGRAPHS = re.compile("[\u4e00-\u9fff]{2,}")  # CJK unified ideographs: NFKC leaves them as they are


def town_focus(paths: Sequence[str] | None) -> frozenset[str] | None:
    """The town folders named by ``paths`` when every path lies inside one; otherwise None."""
    if not paths:
        return None
    folders: set[str] = set()
    for raw in paths:
        rel = PurePosixPath(raw.replace("\\", "/")).as_posix().strip("/")
        place = layout.classify(rel)
        if place.area is not layout.Area.TOWN or not place.city or not place.town:
            return None
        folders.add(layout.town_folder(place.city, place.town))
    return frozenset(folders)


def record_files(root: Path, town_ids: Iterable[str]) -> list[str]:
    """Every decision file, and the city records whose file name is one of ``town_ids``.

    Only the folders where such records can live are listed (`towns.lifecycle.paths`), so the cost
    does not grow with the number of other towns' records.
    """
    names = {f"{town}.yaml" for town in town_ids}
    found: list[str] = []
    decisions = root / layout.DECISIONS
    if decisions.is_dir() and not decisions.is_symlink():
        for folder, _, files in os.walk(decisions, followlinks=False):
            rel = Path(folder).relative_to(root).as_posix()
            found += [f"{rel}/{name}" for name in files]
    for city in _subdirs(root / layout.RECORDS):
        for kind in _subdirs(city):
            folders = [kind, *_subdirs(kind)]
            found += [
                (folder / name).relative_to(root).as_posix()
                for folder in folders
                for name in names
                if (folder / name).exists() or (folder / name).is_symlink()
            ]
    return sorted(found)


def _subdirs(folder: Path) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())


def light_identity(path_bytes: bytes) -> dict[str, str] | None:
    """``{"id": ..., "name": ...}`` from the top-level lines of a declaration, or None if unsure."""
    try:
        text = path_bytes.decode("utf-8")
    except UnicodeDecodeError:
        return None
    out: dict[str, str] = {}
    for key, pattern in _TOP_LEVEL.items():
        found = pattern.search(text)
        if found is None:
            return None
        value = _scalar(found.group(1))
        if value is None:
            return None
        out[key] = value
    return out


def _scalar(raw: str) -> str | None:
    if not raw or raw.startswith(_UNSURE):
        return None
    if raw[0] in "\"'":
        try:
            value = yaml.load(raw, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            return None
        return value if isinstance(value, str) else None
    return raw.split(" #", 1)[0].strip() or None


def declaration_bytes(path: Path, limit: int) -> bytes | None:
    """A declaration's bytes, if it is a regular file within the size limit."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        return path.read_bytes()
    except OSError:
        return None


def light_index(
    root: Path, towns: Sequence[Town], focus: frozenset[str], program: Program, prints: Sequence[Fingerprint]
) -> tuple[dict[str, dict[str, str]], OtherTowns]:
    """Ids and names of the towns outside ``focus``, and what `towns.copies` compares them by.

    A town whose lines cannot be read lightly, or whose text holds a company code or name of a
    selected town, is loaded in full (rare: the text search rules nearly all of them out).
    """
    index: dict[str, dict[str, str]] = {}
    others = OtherTowns()
    sizes = {att.size for p in prints for att in p.attachments}
    needles = _needles(prints)
    for town in towns:
        if town.folder in focus:
            continue
        raw = declaration_bytes(root / town.declaration_file, program.files.declaration_max_bytes)
        identity = light_identity(raw) if raw is not None else None
        if identity is None:
            _load_companies(root, town, program, others)
            if town.declaration is not None:
                identity = {"id": town.declaration.id, "name": town.declaration.name}
        elif raw is not None and any(n[0] in raw for n in needles) and _holds_one(raw, needles):
            found = light_companies(raw)
            if found is None:
                _load_companies(root, town, program, others)
            else:
                others.companies += [(identity["id"], town.folder, c) for c in found]
        if identity is not None:
            index[town.folder] = identity
        if sizes:
            town_id = identity["id"] if identity else town.folder_name
            others.attachments += [
                (town_id, rel, size) for rel, size in attachment_sizes(root, town.folder) if size in sizes
            ]
    return index, others


def light_companies(raw: bytes) -> list[CompanyPrint] | None:
    """The companies of a declaration read with the plain YAML parser; None if it cannot say.

    Only for comparison (`towns.copies`): a name that is not text is skipped, a code that is not
    text counts as no code. The declaration's own check is done where it is selected.
    """
    try:
        value = yaml.load(raw, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    base = value.get("industrial_base") if isinstance(value, dict) else None
    listed = base.get("companies") if isinstance(base, dict) else None
    if not isinstance(listed, list):
        return []
    out = []
    for item in listed:
        name = item.get("name") if isinstance(item, dict) else None
        if isinstance(name, str):
            code = item.get("uscc")
            uscc = code if isinstance(code, str) and code else None
            out.append(CompanyPrint(uscc, normalised_name(name), name, 1, 1, ""))
    return out


def _needles(prints: Sequence[Fingerprint]) -> frozenset[tuple[bytes, ...]]:
    """What another declaration's text must hold to possibly list a selected town's company.

    A code as it is written; a name by its runs of CJK ideographs (which have no width or
    compatibility variants), all of which must occur, since the comparison ignores width and
    white space; a name without such a run as it is written and as it is compared.
    """
    out: set[tuple[bytes, ...]] = set()
    for p in prints:
        for c in p.companies:
            if c.uscc:
                out.add((c.uscc.encode("utf-8"),))
            runs = tuple(r.encode("utf-8") for r in _IDEOGRAPHS.findall(c.name))
            if runs:
                out.add(runs)
            else:
                out |= {(c.written.encode("utf-8"),), (c.name.encode("utf-8"),)}
    return frozenset(n for n in out if all(n))


def _holds_one(raw: bytes, needles: frozenset[tuple[bytes, ...]]) -> bool:
    return any(all(part in raw for part in n) for n in needles)


def _load_companies(root: Path, town: Town, program: Program, others: OtherTowns) -> None:
    load_town(root, town, program)
    d = town.declaration
    if d is None:
        return
    for c in d.industrial_base.companies:
        item = CompanyPrint(c.uscc, normalised_name(c.name), c.name, 1, 1, "")
        others.companies.append((d.id, town.folder, item))
