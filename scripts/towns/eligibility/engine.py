"""Judge one town: pick its batch's rule set and region, run each rule, apply waivers.

The status of a condition follows from its checks: any failing check that the policy does not
leave to discretion makes it `fail`; only discretionary shortfalls make it `warning`, which a
matching waiver from the province turns into `waived` (and then no finding is reported).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from towns.catalog import finding, finding_at
from towns.eligibility.outcome import Check, Context, Outcome
from towns.eligibility.rules import AnyRule, rules_for
from towns.eligibility.summary import summary_findings
from towns.eligibility.verdict import ConditionVerdict, Eligibility, Status, Waiver
from towns.findings import Finding
from towns.models.program import Program
from towns.models.rules import RuleSet
from towns.registry import Town, city_of


def evaluate(
    town: Town, program: Program, waivers: Sequence[Waiver] = ()
) -> tuple[Eligibility | None, list[Finding]]:
    """Judge a loaded town against the conditions of the batch it applied to.

    Returns None (and findings saying why) when the town could not be loaded or its batch has no
    rule set; otherwise every condition of the town's type, in policy order, plus the findings of
    failing conditions, summary counts that disagree with the lists, and inapplicable waivers.
    """
    declaration = town.declaration
    if declaration is None:
        return None, []
    name = rule_set_name(program, declaration.batch)
    if name is None:
        return None, [finding_at("E-ELIG-001", town.at("batch"), batch=declaration.batch)]
    city = city_of(program, town)
    ctx = Context(town=town, declaration=declaration, region=program.region_of(city) if city else None)
    return judge(ctx, program.rule_sets[name], name, waivers)


def rule_set_name(program: Program, batch_year: int) -> str | None:
    """The rule set the batch was judged by; None for a batch the program does not know."""
    batch = program.batches_by_year.get(batch_year)
    if batch is None or batch.rules not in program.rule_sets:
        return None
    return batch.rules


def judge(
    ctx: Context, rule_set: RuleSet, name: str, waivers: Sequence[Waiver] = ()
) -> tuple[Eligibility, list[Finding]]:
    """Every condition of the town's type under ``rule_set``, with findings."""
    mine = [w for w in waivers if w.town == ctx.town.id]
    verdicts: list[ConditionVerdict] = []
    findings: list[Finding] = []
    for rule in rules_for(ctx.declaration.type):
        verdict, problems = _condition(ctx, rule, rule_set, mine)
        verdicts.append(verdict)
        findings += problems
    findings += summary_findings(ctx, rule_set)
    eligibility = Eligibility(rule_set=name, conditions=tuple(verdicts), region=ctx.region_id)
    return eligibility, findings


def _condition(
    ctx: Context, rule: AnyRule, rule_set: RuleSet, waivers: Sequence[Waiver]
) -> tuple[ConditionVerdict, list[Finding]]:
    params: Any = rule.select(rule_set, ctx.declaration.type)
    outcome: Outcome = rule.evaluate(ctx, params)
    waiver = next((w for w in waivers if w.condition_id == rule.id), None)
    status, problems = _apply_waiver(ctx, outcome, waiver, params.title)
    where = ctx.town.at(*(outcome.failing[0].where if outcome.failing else outcome.where))
    verdict = ConditionVerdict(
        id=rule.id,
        clause=params.clause,
        title=params.title,
        status=status,
        required=outcome.required,
        actual=outcome.actual,
        file=where.file,
        line=where.line,
        column=where.column,
        waiver=waiver if status == "waived" else None,
    )
    return verdict, problems


def _apply_waiver(
    ctx: Context, outcome: Outcome, waiver: Waiver | None, title: str
) -> tuple[Status, list[Finding]]:
    """A waiver lifts only discretionary shortfalls; offered for anything else, it is reported."""
    status = _status(outcome)
    advisories = [_finding(ctx, c, advisory=True) for c in outcome.advisories]
    if waiver is not None and status == "warning":
        return "waived", advisories
    problems = [_finding(ctx, c) for c in outcome.failing if not c.reported] + advisories
    if waiver is not None and status == "fail":
        problems.append(
            finding("W-ELIG-003", file=waiver.file, line=waiver.line, reference=waiver.reference, title=title)
        )
    return status, problems


def _status(outcome: Outcome) -> Status:
    failing = outcome.failing
    if any(not c.discretionary for c in failing):
        return "fail"
    return "warning" if failing else "pass"


def _finding(ctx: Context, check: Check, *, advisory: bool = False) -> Finding:
    prefix = "W" if advisory or check.discretionary else "E"
    return finding_at(f"{prefix}-{check.code}", ctx.town.at(*check.where), **check.params)
