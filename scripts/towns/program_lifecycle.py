"""The `evaluation:` and `targets:` sections of `program.yaml`.

The seed names no grades (§4.5 only says the province evaluates every year and ties the results
to its support), so the scale and its consequences are data: the default in `program.yaml` follows
Zhejiang's practice (creation tier 优秀/良好/合格/警告/降格, cultivation tier …/淘汰) with
Guangdong's "two consecutive failing grades → removed" rule. The targets are those of seed §1.3,
§2.1 and §3.1, used by the progress dashboard.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from towns.models.values import Consequence, Tier


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Grade(_Frozen):
    """One grade of a tier's scale, identified in evaluation records by its Chinese name."""

    name: str = Field(min_length=1)
    failing: bool = False
    consequence: Consequence = Consequence.NONE


class TierScale(_Frozen):
    name: str
    grades: list[Grade] = Field(min_length=1)

    @cached_property
    def by_name(self) -> dict[str, Grade]:
        return {g.name: g for g in self.grades}


class EvaluationRules(_Frozen):
    """Grades per tier and their consequences; `None` disables the consecutive-failure rule."""

    creation: TierScale
    cultivation: TierScale
    removal_after_consecutive_failures: int | None = Field(default=None, gt=0)
    acceptance_notice_days: int = Field(default=180, ge=0)

    def scale(self, tier: Tier) -> TierScale:
        return self.creation if tier == Tier.CREATION else self.cultivation


class ClusterTarget(_Frozen):
    """At least ``count`` industry-type towns whose internet output reaches ``min_output_wan``."""

    name: str
    min_output_wan: Decimal = Field(gt=0)
    count: int = Field(gt=0)


class RangeTarget(_Frozen):
    name: str
    min: int = Field(ge=0)
    max: int | None = None


class CountTarget(_Frozen):
    name: str
    count: int = Field(ge=0)


class Targets(_Frozen):
    """Program targets within `years` years of the launch (seed §1.3, §2.1, §3.1)."""

    years: int = Field(gt=0)
    industry_towns: CountTarget
    application_towns: CountTarget
    innovative_smes: CountTarget
    industry_clusters: list[ClusterTarget]
    leading_companies: RangeTarget
    backbone_companies: CountTarget
    industry_smes: CountTarget
    application_smes: CountTarget
    integrated_traditional_companies: CountTarget
