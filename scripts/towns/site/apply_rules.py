"""The requirement texts the declaration form shows beside its sections and fields.

Nothing here words a rule: a section's text is its rule's own `requirement` (the sentence the
checker prints in every verdict and the rules page shows), and a field's text is the ``required``
wording of the one check the rule makes on that field (``不少于 300 亩``), with ``（可酌情增减）``
when the policy leaves the threshold to discretion. The checks are read by judging a blank
declaration of each type (every number 1), whose values do not matter: only the thresholds shape
these words.
"""

from __future__ import annotations

import datetime as dt
import types
from collections import abc, defaultdict
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

from towns.eligibility.outcome import Context
from towns.eligibility.rules import rules_for
from towns.loading import dotted
from towns.models.declaration import MODELS
from towns.models.program import Program, Region
from towns.registry import Town

DISCRETION = "（可酌情增减）"
M = TypeVar("M", bound=BaseModel)
# Numbers are 1, not 0: a rule reports a zero area as "nothing to adjust", without the bound's words.
_SCALARS: dict[Any, Any] = {bool: False, int: 1, Decimal: Decimal(1), str: "", dt.date: dt.date(2000, 1, 1)}


def form_requirements(program: Program) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """rule set → town type → region id → {"sections": {id: {...}}, "fields": {path: text}}."""
    return {
        name: {
            kind: {region.id: _for_region(program, name, kind, region) for region in program.regions}
            for kind in MODELS
        }
        for name in program.rule_sets
    }


def _for_region(program: Program, rule_set: str, kind: str, region: Region) -> dict[str, Any]:
    params_of = program.rule_sets[rule_set]
    ctx = Context(town=Town("", "", ""), declaration=blank(MODELS[kind]), region=region)
    sections: dict[str, dict[str, str]] = {}
    fields: dict[str, list[str]] = defaultdict(list)
    for rule in rules_for(kind):
        params: Any = rule.select(params_of, kind)
        sections[rule.id] = {
            "title": params.title,
            "clause": params.clause,
            "text": rule.requirement(params, region),
        }
        for check in rule.evaluate(ctx, params).checks:
            if "required" in check.params and len(check.where) > 1:
                text = str(check.params["required"]) + (DISCRETION if check.discretionary else "")
                fields[dotted(check.where)].append(text)
    # A field that several checks concern (the company list) is explained by its section's text.
    return {"sections": sections, "fields": {p: t[0] for p, t in fields.items() if len(t) == 1}}


def blank(model: type[M]) -> M:
    """An instance of ``model`` with the simplest value of every field, built without validation."""
    return model.model_construct(**{name: _blank(f.annotation) for name, f in model.model_fields.items()})


def _blank(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin is Literal:
        return get_args(annotation)[0]
    if origin in (Union, types.UnionType):
        return None if type(None) in get_args(annotation) else _blank(get_args(annotation)[0])
    if isinstance(origin, type) and issubclass(origin, abc.Sequence) and origin is not str:
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return blank(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation))
    return _SCALARS.get(annotation)
