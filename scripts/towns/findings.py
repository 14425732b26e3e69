"""Findings: the one record every loader, rule and check returns.

Findings are data. Nothing in the library prints or exits; the CLI and the reporters decide what a
finding becomes. Each finding is built from the code catalog (`catalog.py`), so its severity, Chinese
message and hint are never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from towns.jsonfields import fields_json


class Severity(StrEnum):
    """A blocking error stops a pull request; an advisory warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: a repository-relative file, 1-based line and column, a field path."""

    file: str
    line: int = 1
    column: int = 1
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: repository-relative file, 1-based line and column."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    field: str | None = None
    hint: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        """The finding as in the JSON report (format_version 1)."""
        return fields_json(self)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Stable order for every report: by file, position and code, then as found; duplicates dropped."""
    return sorted(dict.fromkeys(findings), key=Finding.sort_key)


def has_blocking(findings: list[Finding]) -> bool:
    return any(f.blocking for f in findings)
