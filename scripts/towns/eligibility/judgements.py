"""The conditions a reviewer must judge for one town: program data per clause, facts per declaration.

Which requirements need a person's conclusion is in the rule sets (`judgements` of each condition,
`towns.models.rules.Judgement`). A judgement marked ``outside_examples`` applies only to a town that
lists entries outside the examples of a clause that ends its list with 等; which entries those are
is decided here, per condition, by the same matching the automatic checks use
(`towns.eligibility.terms`): an entry counted only because the list is open needs a reviewer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from towns.eligibility.engine import rule_set_name
from towns.eligibility.terms import match_choice, match_text
from towns.models.declaration import ApplicationDeclaration, IndustryDeclaration
from towns.models.labels import field_label
from towns.models.program import Program
from towns.models.rules import Judgement
from towns.models.values import JudgementWhen

Declaration = IndustryDeclaration | ApplicationDeclaration


@dataclass(frozen=True, slots=True)
class RequiredJudgement:
    """A judgement one town needs: the program's entry, its condition, and what the reviewer reads."""

    judgement: Judgement
    condition_id: str
    condition_title: str
    clause: str
    facts: tuple[tuple[str, str], ...]  # (Chinese field name, what the declaration says)

    @property
    def id(self) -> str:
        return self.judgement.id

    @property
    def title(self) -> str:
        return self.judgement.title


def _domains(declaration: Declaration, params: Any) -> list[tuple[str, str]]:
    return [
        (_label(declaration, ("application_projects", index)), f"{project.name}（{project.domain}）")
        for index, project in enumerate(declaration.application_projects)
        if match_text(params.domains, project.domain).needs_review
    ]


def _platforms(declaration: Declaration, params: Any) -> list[tuple[str, str]]:
    return [
        (_label(declaration, ("rd_innovation", "platforms", index)), platform.name)
        for index, platform in enumerate(declaration.rd_innovation.platforms)
        if match_choice(params.platform_kinds, platform.kind).needs_review
    ]


def _service_platforms(declaration: Declaration, params: Any) -> list[tuple[str, str]]:
    return [
        (_label(declaration, ("infrastructure", "service_platforms", index)), platform.name)
        for index, platform in enumerate(declaration.infrastructure.service_platforms)
        if match_choice(params.service_platform_kinds, platform.kind).needs_review
    ]


# Per condition: the declared entries outside the examples its clause lists before 等.
OUTSIDE_EXAMPLES: dict[str, Callable[[Declaration, Any], list[tuple[str, str]]]] = {
    "application_projects": _domains,
    "rd_innovation": _platforms,
    "infrastructure": _service_platforms,
}


def _label(declaration: Declaration, path: tuple[str | int, ...]) -> str:
    return field_label(type(declaration), path)


def required_judgements(declaration: Declaration, program: Program) -> list[RequiredJudgement]:
    """Every judgement the declaration's town needs, in policy order (none for an unknown batch)."""
    name = rule_set_name(program, declaration.batch)
    if name is None:
        return []
    rules = program.rule_sets[name].for_type(declaration.type)
    out = []
    for condition_id in type(rules).model_fields:
        params = getattr(rules, condition_id)
        for judgement in getattr(params, "judgements", ()):
            facts = _facts(declaration, judgement, condition_id, params)
            if facts is not None:
                out.append(RequiredJudgement(judgement, condition_id, params.title, params.clause, facts))
    return out


def _facts(
    declaration: Declaration, judgement: Judgement, condition_id: str, params: Any
) -> tuple[tuple[str, str], ...] | None:
    """What the reviewer reads for ``judgement``; None when the town does not need it."""
    if judgement.when == JudgementWhen.OUTSIDE_EXAMPLES:
        finder = OUTSIDE_EXAMPLES.get(condition_id)
        entries = finder(declaration, params) if finder else []
        return tuple(entries) or None
    return tuple(_fact(declaration, path) for path in judgement.facts)


def _fact(declaration: Declaration, dotted_path: str) -> tuple[str, str]:
    path = tuple(dotted_path.split("."))
    value: Any = declaration
    for part in path:
        value = getattr(value, part, None)
    label = _label(declaration, path)
    if isinstance(value, list):
        names = [getattr(item, "name", str(item)) for item in value]
        return label, "、".join(names) if names else "（未填写）"
    return label, "（未填写）" if value is None else str(value)


def judgement_titles(program: Program) -> dict[str, str]:
    """Every judgement id of every rule set and type with its title (for messages and pages)."""
    out: dict[str, str] = {}
    for rule_set in program.rule_sets.values():
        for rules in (rule_set.industry, rule_set.application):
            for judgement in rules.judgement_list():
                out.setdefault(judgement.id, judgement.title)
    return out
