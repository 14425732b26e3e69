"""The commit status `towns/资格审查`: its state and description follow the trusted report only."""

from __future__ import annotations

from typing import Any

import pytest

from github_fakes import sample_report
from towns.github.artifact import Report
from towns.github.status import DESCRIPTION_LIMIT, status_for


def _ineligible() -> dict[str, Any]:
    report = sample_report(findings=[])
    report["towns"][0]["eligibility"]["eligible"] = False
    return report


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (sample_report(), ("failure", "需要修改：1 个必须修改的问题")),
        (_ineligible(), ("failure", "需要修改：0 个必须修改的问题，1 个小镇不符合申报条件")),
        (sample_report(findings=[]), ("success", "资格审查通过：没有必须修改的问题（仍需人工审核）")),
        (
            sample_report(findings=[], towns=[]),
            ("success", "本次改动不涉及需要检查的申报材料，没有必须修改的问题"),
        ),
    ],
)
def test_state_and_description(report: dict[str, Any], expected: tuple[str, str]) -> None:
    state, description = status_for(Report.model_validate(report))
    assert (state, description) == expected
    assert len(description) <= DESCRIPTION_LIMIT


def test_the_reports_own_summary_cannot_turn_it_green() -> None:
    forged = sample_report(summary={"errors": 0, "warnings": 0, "towns": 1})
    assert status_for(Report.model_validate(forged))[0] == "failure"
