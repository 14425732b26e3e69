"""Pull-request labels: town type, city, and the verdict (资格审查通过 / 需要修改).

Reviewers filter the pull-request list by these labels (e.g. every 应用型 submission from 汕头市 that
needs changes). This tool manages a closed set of labels: the two type labels, the two verdict labels
and one label per city in `program.yaml`; it adds the ones a report calls for, removes managed labels
that no longer apply, and never touches any other label a reviewer has set. City labels take the
city's name from the trusted program data (by slug), never from the untrusted report, so a forged
report cannot make the bot create arbitrary labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from github3 import exceptions as gh_errors

from towns.github.artifact import Report
from towns.github.client import GitHubAccessError, call, collect, explain
from towns.github.comment import TYPE_NAMES, Verdict, verdict
from towns.models.program import Program

PASSED = "资格审查通过"
NEEDS_CHANGES = "需要修改"


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str
    color: str
    description: str


def managed_labels(program: Program) -> dict[str, LabelSpec]:
    """Every label this tool may add or remove, with the colour and description it creates it with."""
    specs = [
        LabelSpec(TYPE_NAMES["industry"], "1d76db", "产业型互联网+小镇申报"),
        LabelSpec(TYPE_NAMES["application"], "5319e7", "应用型互联网+小镇申报"),
        LabelSpec(PASSED, "0e8a16", "自动检查未发现必须修改的问题，申报条件符合（仍需人工审核）"),
        LabelSpec(NEEDS_CHANGES, "d93f0b", "自动检查发现必须修改的问题或不符合申报条件"),
    ]
    specs += [
        LabelSpec(c.name, "c5def5" if c.region == "prd" else "fef2c0", f"{c.name}（{c.code}）的申报或记录")
        for c in program.cities
    ]
    return {s.name: s for s in specs}


def desired_labels(report: Report, program: Program) -> set[str]:
    """The managed labels this report calls for."""
    wanted = {TYPE_NAMES[t.type] for t in report.towns if t.type}
    wanted |= {program.cities_by_slug[t.city].name for t in report.towns if t.city in program.cities_by_slug}
    v = verdict(report)
    if v is Verdict.PASSED:
        wanted.add(PASSED)
    elif v is Verdict.NEEDS_CHANGES:
        wanted.add(NEEDS_CHANGES)
    return wanted


@dataclass(frozen=True)
class LabelChanges:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    created: tuple[str, ...]


def ensure_repo_labels(repo: Any, names: set[str], specs: dict[str, LabelSpec]) -> tuple[str, ...]:
    """Create the missing labels in the repository with our colours; returns those created."""
    existing = {label.name for label in collect(repo.labels())}
    created = []
    for name in sorted(names - existing):
        spec = specs[name]
        try:
            repo.create_label(spec.name, spec.color, spec.description)
        except gh_errors.UnprocessableEntity:
            continue  # created meanwhile by a concurrent run
        except gh_errors.GitHubException as exc:
            raise GitHubAccessError(explain(exc)) from exc
        created.append(name)
    return tuple(created)


def sync_labels(repo: Any, issue: Any, desired: set[str], specs: dict[str, LabelSpec]) -> LabelChanges:
    """Make the managed labels on ``issue`` exactly ``desired``; leave unmanaged labels alone."""
    desired = desired & specs.keys()
    current = {label.name for label in collect(issue.labels())}
    to_add = sorted(desired - current)
    to_remove = sorted((current & specs.keys()) - desired)
    created = ensure_repo_labels(repo, set(to_add), specs) if to_add else ()
    if to_add:
        call(issue.add_labels, *to_add)
    for name in to_remove:
        call(issue.remove_label, name)
    return LabelChanges(tuple(to_add), tuple(to_remove), created)
