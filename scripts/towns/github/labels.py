"""Pull-request labels: town type, city, and the verdict (资格审查通过 / 需要修改).

Reviewers filter the pull-request list by these labels (e.g. every 应用型 submission from 汕头市 that
needs changes). This tool manages a closed set of labels: the two type labels, the two verdict labels
and one label per city in `program.yaml`; it adds the ones a report calls for, removes managed labels
that no longer apply, and never touches any other label a reviewer has set. City labels take the
city's name from the trusted program data (by slug), never from a value in the report (which quotes
the pull request's files), so no submission can make the bot create arbitrary labels. The report
itself is the trusted run's: no content of the pull request can add the verdict label 资格审查通过.
"""

from __future__ import annotations

from dataclasses import dataclass

from towns.github.artifact import Report
from towns.github.comment import Verdict, verdict
from towns.github.rest import Api, GitHubRefused, read_all
from towns.github.shapes import LabelRef
from towns.models.program import Program
from towns.models.values import TownType

PASSED = "资格审查通过"
NEEDS_CHANGES = "需要修改"


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str
    color: str
    description: str


TYPE_COLOURS: dict[TownType, str] = {TownType.INDUSTRY: "1d76db", TownType.APPLICATION: "5319e7"}
VERDICT_LABELS: dict[Verdict, LabelSpec] = {
    Verdict.PASSED: LabelSpec(PASSED, "0e8a16", "自动检查未发现必须修改的问题，申报条件符合（仍需人工审核）"),
    Verdict.NEEDS_CHANGES: LabelSpec(NEEDS_CHANGES, "d93f0b", "自动检查发现必须修改的问题或不符合申报条件"),
}


def managed_labels(program: Program) -> dict[str, LabelSpec]:
    """Every label this tool may add or remove, with the colour and description it creates it with."""
    specs = [LabelSpec(t.label, colour, f"{t.label}互联网+小镇申报") for t, colour in TYPE_COLOURS.items()]
    specs += VERDICT_LABELS.values()
    specs += [
        LabelSpec(c.name, "c5def5" if c.region == "prd" else "fef2c0", f"{c.name}（{c.code}）的申报或记录")
        for c in program.cities
    ]
    return {s.name: s for s in specs}


def desired_labels(report: Report, program: Program) -> set[str]:
    """The managed labels this report calls for."""
    wanted = {TownType.label_of(t.type) for t in report.towns if t.type}
    wanted |= {program.cities_by_slug[t.city].name for t in report.towns if t.city in program.cities_by_slug}
    label = VERDICT_LABELS.get(verdict(report))
    if label is not None:
        wanted.add(label.name)
    return wanted


@dataclass(frozen=True)
class LabelChanges:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    created: tuple[str, ...]


def ensure_repo_labels(api: Api, names: set[str], specs: dict[str, LabelSpec]) -> tuple[str, ...]:
    """Create the missing labels in the repository with our colours; returns those created."""
    existing = {label.name for label in read_all(LabelRef, api.pages("labels"), "标签")}
    created = []
    for name in sorted(names - existing):
        spec = specs[name]
        body = {"name": spec.name, "color": spec.color, "description": spec.description}
        try:
            api.post("labels", body=body)
        except GitHubRefused as exc:
            if exc.status == 422 and exc.has_code("already_exists"):
                continue  # created meanwhile by a concurrent run
            raise
        created.append(name)
    return tuple(created)


def sync_labels(api: Api, number: int, desired: set[str], specs: dict[str, LabelSpec]) -> LabelChanges:
    """Make the managed labels on ``number`` exactly ``desired``; leave unmanaged labels alone.

    A label that is already gone when we remove it (a reviewer or a concurrent run removed it;
    GitHub answers 404) is what we wanted, not a failure.
    """
    desired = desired & specs.keys()
    current = {label.name for label in read_all(LabelRef, api.pages("issues", number, "labels"), "标签")}
    to_add = sorted(desired - current)
    to_remove = sorted((current & specs.keys()) - desired)
    created = ensure_repo_labels(api, set(to_add), specs) if to_add else ()
    if to_add:
        api.post("issues", number, "labels", body={"labels": to_add})
    for name in to_remove:
        api.delete("issues", number, "labels", name, missing_ok=True)
    return LabelChanges(tuple(to_add), tuple(to_remove), created)
