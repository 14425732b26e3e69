"""The shape every condition rule shares.

A rule is a class whose Chinese docstring states the condition in the policy's own terms (the
rules page for applicants prints it), with three methods: the requirement in words for a region,
the evaluation of a declaration, and worked examples built from the same thresholds.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar, Generic, TypeVar, cast

from towns.eligibility import measures
from towns.eligibility.outcome import Check, Context, Outcome, Path
from towns.models.program import Region
from towns.models.rules import RuleSet, Threshold
from towns.models.values import Choice

P = TypeVar("P")

REGION_MISSING = "ELIG-002"
NOTHING_TO_ADJUST = "ELIG-008"


class Rule(ABC, Generic[P]):
    """One condition family of one town type."""

    id: ClassVar[str]
    code_prefix: ClassVar[str]
    """Its finding codes share this prefix after the severity (``ELIG-02`` → E-ELIG-021, W-ELIG-022 …)."""

    def select(self, rule_set: RuleSet, town_type: str) -> P:
        """This rule's parameters in ``rule_set`` (the section named like the rule's id)."""
        return cast(P, getattr(rule_set.for_type(town_type), self.id))

    @property
    def doc(self) -> str:
        return inspect.cleandoc(type(self).__doc__ or "")

    @abstractmethod
    def requirement(self, params: P, region: Region | None) -> str:
        """What the condition asks of a town in ``region``, in Chinese."""

    @abstractmethod
    def evaluate(self, ctx: Context, params: P) -> Outcome:
        """The outcome for one declaration."""

    def examples(self, params: P, region: Region | None) -> list[str]:
        """Worked examples for the rules page; by default none."""
        return []

    def outcome(
        self,
        ctx: Context,
        params: P,
        actual: str,
        checks: Sequence[Check],
        where: Path,
        *,
        advisories: Sequence[Check] = (),
    ) -> Outcome:
        """The outcome of ``checks`` for ``ctx``, stating this rule's requirement for the town's region."""
        return Outcome(
            required=self.requirement(params, ctx.region),
            actual=actual,
            checks=tuple(checks),
            where=where,
            advisories=tuple(advisories),
        )


def region_note(thresholds: Sequence[Threshold], region: Region | None) -> str:
    """``（珠三角）`` when any threshold differs by region, so the reader knows which applies."""
    if not any(t.regional for t in thresholds):
        return ""
    return f"（{region.name}）" if region else "（地区未知）"


def bound_text(threshold: Threshold, region: Region | None, unit: str) -> str:
    bound = threshold.value_for(region.id if region else None)
    return measures.at_least(threshold, bound, unit) if bound is not None else "（未定义本地区门槛）"


def share_text(threshold: Threshold, region: Region | None) -> str:
    bound = threshold.value_for(region.id if region else None)
    return measures.at_least_share(threshold, bound) if bound is not None else "（未定义本地区门槛）"


def count_check(
    ctx: Context,
    threshold: Threshold,
    value: Decimal | int,
    *,
    code: str,
    where: Path,
    unit: str,
    what: str = "该项",
) -> Check:
    """A number against a (possibly regional) bound; a bound missing for the region is its own check.

    Discretion (“可酌情增减”) lets the province adjust a bound, not drop the condition: a value of
    zero is not a shortfall it could accept, so it fails blocking (``ELIG-008``) whatever the data
    says about discretion.
    """
    bound = threshold.value_for(ctx.region_id)
    if bound is None:
        return Check(ok=False, code=REGION_MISSING, where=where, params={"region": _region_name(ctx)})
    if threshold.discretionary and value <= 0 < bound:
        return Check(ok=False, code=NOTHING_TO_ADJUST, where=where, params={"what": what, "unit": unit})
    return Check(
        ok=threshold.met(value, bound),
        code=code,
        where=where,
        discretionary=threshold.discretionary,
        params={
            "value": f"{measures.number(value)} {unit}",
            "required": measures.at_least(threshold, bound, unit),
        },
    )


def field_count_check(
    ctx: Context, params: object, section: str, name: str, *, code: str, unit: str, what: str = "该项"
) -> Check:
    """`count_check` of the declared number ``section.name`` against the rule parameter ``name``.

    The value checked and the place a finding points at come from the one field name, so they
    cannot disagree.
    """
    value = getattr(getattr(ctx.declaration, section), name)
    return count_check(
        ctx, getattr(params, name), value, code=code, where=(section, name), unit=unit, what=what
    )


def share_check(
    ctx: Context, threshold: Threshold, part: int, total: int, *, code: str, where: Path, what: str
) -> Check:
    """A share ``part/total`` against a percent bound; nothing to divide by is a failing check."""
    value = measures.share(part, total)
    bound = threshold.value_for(ctx.region_id)
    if value is None:
        return Check(ok=False, code="ELIG-009", where=where, params={"what": what})
    if bound is None:
        return Check(ok=False, code=REGION_MISSING, where=where, params={"region": _region_name(ctx)})
    return Check(
        ok=measures.met_share(threshold, bound, value),
        code=code,
        where=where,
        discretionary=threshold.discretionary,
        params={
            "value": measures.percent_of(part, total),
            "required": measures.at_least_share(threshold, bound),
        },
    )


def choice_check(
    value: Choice, accepted: Sequence[Choice], code: str, where: Path, /, **params: Any
) -> Check:
    """The declared value is one of those the rule set accepts; a finding names it in Chinese."""
    return Check(ok=value in accepted, code=code, where=where, params={"value": value.label, **params})


def _region_name(ctx: Context) -> str:
    return ctx.region.name if ctx.region else "未知地区"


def inclusivity_example(threshold: Threshold, region: Region | None, label: str, unit: str) -> str | None:
    """“恰好 300 亩：符合（含本数）” — the boundary case every applicant asks about."""
    bound = threshold.value_for(region.id if region else None)
    if bound is None:
        return None
    amount = f"{measures.number(bound)}{' ' + unit if unit else ''}"
    if threshold.inclusive:
        return f"{label}恰好 {amount}：符合（“不少于”含本数）。"
    return f"{label}恰好 {amount}：不符合（须超过 {amount}）。"
