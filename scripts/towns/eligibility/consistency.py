"""Checks of the `rule_sets` section against the rest of `program.yaml`.

A regional threshold keyed by a region id the program does not define (a typo such as `ewm`)
would otherwise leave that region without a bound, and every town there would fail with E-ELIG-002
only when it is checked. Reporting it at the program file's own line finds it at once.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from towns.catalog import finding
from towns.findings import Finding
from towns.loading import Document, dotted
from towns.models.rules import Threshold
from towns.program import PROGRAM_FILE, Program

Path = tuple[str | int, ...]


def program_findings(program: Program, document: Document) -> list[Finding]:
    """Unknown region ids in `by_region`, and regions a regional threshold leaves out."""
    regions = [r.id for r in program.regions]
    out: list[Finding] = []
    for name, rule_set in program.rule_sets.items():
        for path, threshold in _thresholds(rule_set, ("rule_sets", name)):
            out += _region_findings(path, threshold, regions, document)
    return out


def _region_findings(
    path: Path, threshold: Threshold, regions: list[str], document: Document
) -> list[Finding]:
    if not threshold.regional:
        return []
    out = []
    for key in threshold.by_region:
        if key not in regions:
            where = (*path, "by_region", key)
            line, column = document.locate(where, key=True)
            out.append(
                finding(
                    "E-ELIG-004", file=PROGRAM_FILE, line=line, column=column, field=dotted(where), value=key
                )
            )
    missing = [r for r in regions if r not in threshold.by_region]
    if missing:
        where = (*path, "by_region")
        line, column = document.locate(where)
        out.append(
            finding(
                "E-ELIG-005",
                file=PROGRAM_FILE,
                line=line,
                column=column,
                field=dotted(where),
                regions="、".join(missing),
            )
        )
    return out


def _thresholds(node: object, path: Path) -> Iterator[tuple[Path, Threshold]]:
    """Every threshold inside a rule set, with its path in the program file."""
    if isinstance(node, Threshold):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _thresholds(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _thresholds(item, (*path, index))
