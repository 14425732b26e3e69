"""Checking an applicant's pull request at the cost of the towns it touches.

A full check loads every declaration and every authority record: tens of seconds for thousands of
towns. When every selected path lies inside a town folder (an applicant's pull request, see
`towns.duties`), the result only ever reports on those towns, so only they are loaded and checked
in full. What the cross-file checks need from the rest is small:

* unique ids and names: a light index read from each other declaration's top-level ``id:`` and
  ``name:`` lines (a town whose lines cannot be read that way is loaded in full instead);
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

_TOP_LEVEL = {key: re.compile(rf"(?m)^{key}:[ \t]*(.*?)[ \t]*\r?$") for key in ("id", "name")}
_UNSURE = tuple("|>&*!{[")


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
