"""Eligibility conditions of seed §4.2 (industry type) and §4.3 (application type).

Interface used by `towns.check` (stable): `Waiver`, `ConditionVerdict`, `Eligibility`, `evaluate`.
The verdicts are defined in `towns.eligibility.verdict`, the rules in `towns.eligibility.rules` (one
module per condition family), their thresholds in the `rule_sets` section of `program.yaml` (typed
by `towns.models.rules`).
"""

from __future__ import annotations

from towns.eligibility.engine import evaluate
from towns.eligibility.verdict import ConditionVerdict, Eligibility, Waiver

__all__ = ["ConditionVerdict", "Eligibility", "Waiver", "evaluate"]
