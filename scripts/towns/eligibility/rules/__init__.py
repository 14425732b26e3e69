"""The condition rules, in the order of the policy text, for each town type.

The applicant rule (§4.1(1)) comes first: it is what the 2018 guide changed. The seven families of
§4.2 / §4.3 follow in the policy's order; every one is always judged and always reported.
"""

from __future__ import annotations

from typing import Any

from towns.eligibility.rules.applicant import Applicant
from towns.eligibility.rules.application_projects import ApplicationProjects
from towns.eligibility.rules.base import Rule
from towns.eligibility.rules.industrial_base import ApplicationBase, IndustryBase
from towns.eligibility.rules.infrastructure import Infrastructure
from towns.eligibility.rules.policy_support import PolicySupport
from towns.eligibility.rules.rd_innovation import RdInnovation
from towns.eligibility.rules.spatial_layout import SpatialLayout
from towns.eligibility.rules.work_mechanism import WorkMechanism

AnyRule = Rule[Any]

RULES: dict[str, tuple[AnyRule, ...]] = {
    "industry": (
        Applicant(),
        WorkMechanism(),
        SpatialLayout(),
        IndustryBase(),
        ApplicationProjects(),
        RdInnovation(),
        PolicySupport(),
        Infrastructure(),
    ),
    "application": (
        Applicant(),
        WorkMechanism(),
        SpatialLayout(),
        ApplicationBase(),
        ApplicationProjects(),
        RdInnovation(),
        PolicySupport(),
        Infrastructure(),
    ),
}


def rules_for(town_type: str) -> tuple[AnyRule, ...]:
    return RULES[town_type]
