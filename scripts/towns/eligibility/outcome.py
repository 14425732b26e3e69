"""What a rule hands back: the requirement and the facts in words, and its individual checks.

A rule never builds findings or verdicts itself; `engine` turns failing checks into findings
(`E-` or, for discretionary thresholds, `W-`) and a condition's checks into one status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from towns.models.declaration import ApplicationDeclaration, IndustryDeclaration
from towns.models.program import Region
from towns.registry import Town

Path = tuple[str | int, ...]
Declaration = IndustryDeclaration | ApplicationDeclaration


@dataclass(frozen=True, slots=True)
class Check:
    """One requirement of a condition: met or not, where its facts are, the code if not met.

    ``code`` omits the severity prefix (``ELIG-022``): a discretionary check that fails becomes a
    warning ``W-ELIG-022``, any other failing check a blocking ``E-ELIG-022``.
    """

    ok: bool
    code: str
    where: Path
    discretionary: bool = False
    params: Mapping[str, Any] = field(default_factory=dict)
    reported: bool = False
    """The form checks already report this fact (`towns.towncheck`): it fails the condition
    without a second finding."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A rule's result: the requirement and the declared facts in Chinese, and its checks.

    ``advisories`` are always warnings (``W-`` + code) and never change the condition's status:
    they point at listed facts that were not counted, so the applicant sees why.
    """

    required: str
    actual: str
    checks: tuple[Check, ...]
    where: Path
    advisories: tuple[Check, ...] = ()

    @property
    def failing(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)


@dataclass(frozen=True, slots=True)
class Context:
    """The town being judged and the region whose thresholds apply to it (None if unknown)."""

    town: Town
    declaration: Declaration
    region: Region | None

    @property
    def region_id(self) -> str | None:
        return self.region.id if self.region else None
