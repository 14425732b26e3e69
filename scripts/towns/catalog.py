"""The catalog of finding codes: one entry per code, kept as data beside the package.

Each concept owns one YAML file in `catalog/` (loading, schema, files, eligibility, lifecycle,
github, ...). An entry has a severity, a Chinese message template, a Chinese hint template and a
longer explanation that the public site renders. Codes are stable: a code is never reused for a
different meaning. Templates use `str.format` fields, e.g. ``{label}``; a parameter that is None
shows as 空 and a boolean as true/false, as the applicant would write them. A template names a
declaration field as ``{@rd_innovation.platforms}``, which becomes its Chinese title path when the
catalog is read, so the titles are written once, in the models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from towns.findings import Finding, Location, Severity
from towns.models.declaration import IndustryDeclaration
from towns.models.labels import field_info, field_label

CODE_PATTERN = re.compile(r"^(?P<sev>[EW])-(?P<family>[A-Z]+)-(?P<number>[0-9]{3})$")


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One catalog entry."""

    code: str
    severity: Severity
    title: str
    message: str
    hint: str | None
    explanation: str
    family: str

    def render(self, template: str | None, params: dict[str, Any]) -> str | None:
        if template is None:
            return None
        try:
            return template.format_map(_Params(params))
        except (ValueError, IndexError):
            return template


class _Params(dict[str, Any]):
    """Formatting parameters that leave unknown fields visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class CatalogError(Exception):
    """The shipped catalog is malformed: a bug in this package, never in user input."""


_FIELD_REFERENCE = re.compile(r"\{@([a-z_]+(?:\.[a-z_]+)*)\}")


def _with_field_names(name: str, text: str | None) -> str | None:
    """``{@a.b}`` → the Chinese title path of declaration field ``a.b``."""
    if text is None or "{@" not in text:
        return text

    def label(match: re.Match[str]) -> str:
        path = tuple(match.group(1).split("."))
        if field_info(IndustryDeclaration, path) is None:
            raise CatalogError(f"{name}: {match.group(0)} names no declaration field")
        return field_label(IndustryDeclaration, path)

    return _FIELD_REFERENCE.sub(label, text)


def _entries_from(name: str, text: str) -> dict[str, CodeEntry]:
    raw = yaml.safe_load(text) or {}
    entries: dict[str, CodeEntry] = {}
    for code, body in raw.items():
        match = CODE_PATTERN.match(code)
        if match is None:
            raise CatalogError(f"{name}: malformed code {code!r}")
        severity = Severity(body["severity"])
        if (match["sev"] == "E") != (severity is Severity.ERROR):
            raise CatalogError(f"{name}: {code} prefix disagrees with severity {severity}")
        entries[code] = CodeEntry(
            code=code,
            severity=severity,
            title=body["title"],
            message=_with_field_names(name, body["message"]) or "",
            hint=_with_field_names(name, body.get("hint")),
            explanation=_with_field_names(name, body.get("explanation", "").strip()) or "",
            family=match["family"],
        )
    return entries


@cache
def catalog() -> dict[str, CodeEntry]:
    """Every code of every catalog file, read once per process."""
    merged: dict[str, CodeEntry] = {}
    folder = resources.files("towns") / "catalog"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        for code, entry in _entries_from(item.name, item.read_text(encoding="utf-8")).items():
            if code in merged:
                raise CatalogError(f"{item.name}: duplicate code {code}")
            merged[code] = entry
    return merged


def entry(code: str) -> CodeEntry:
    try:
        return catalog()[code]
    except KeyError:
        raise CatalogError(f"unknown finding code {code}") from None


def finding(
    code: str,
    *,
    file: str,
    line: int = 1,
    column: int = 1,
    field: str | None = None,
    **params: Any,
) -> Finding:
    """Build a finding from its catalog entry; ``params`` fill the message and hint templates."""
    e = entry(code)
    values = {"field": field, **{key: as_written(value) for key, value in params.items()}}
    return Finding(
        file=file,
        line=max(1, line),
        column=max(1, column),
        code=code,
        severity=e.severity,
        message=e.render(e.message, values) or e.title,
        field=field,
        hint=e.render(e.hint, values),
    )


def as_written(value: Any) -> Any:
    """A template parameter as the applicant would write it: 空, true/false, no Python reprs."""
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "一个列表"
    if isinstance(value, dict):
        return "一组字段"
    return value


def finding_at(code: str, at: Location, **params: Any) -> Finding:
    """`finding` at a place in a file, usually from `Document.at` (or `Town.at`, `Loaded.at`).

    The field is the location's, unless ``field=`` names another (a missing key is placed at
    its parent mapping but names the key).
    """
    params.setdefault("field", at.field)
    return finding(code, file=at.file, line=at.line, column=at.column, **params)
