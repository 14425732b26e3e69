"""Every code the rules can emit is in the catalog, with both severities where data decides it."""

from __future__ import annotations

import re
from pathlib import Path

from elig_builder import REPO, application_base, industry_base, judge, program_data, program_from

from towns.catalog import catalog

SOURCES = REPO / "scripts" / "towns" / "eligibility"
THRESHOLD_CALL = re.compile(
    r"(?:count_check|share_check)\((?:[^()]|\([^()]*\))*?code=\"(ELIG-\d{3})\"", re.DOTALL
)
ANY_CODE = re.compile(r"\"(?:[EW]-)?((?:ELIG|SUM)-\d{3})\"")


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SOURCES.rglob("*.py")))


def test_every_code_in_the_sources_is_catalogued() -> None:
    known = catalog()
    for code in set(ANY_CODE.findall(_source())):
        assert f"E-{code}" in known or f"W-{code}" in known, code


def test_threshold_codes_exist_as_error_and_warning() -> None:
    """`discretionary` is data: any threshold check may be either a blocking error or a warning."""
    known = catalog()
    found = set(THRESHOLD_CALL.findall(_source()))
    assert len(found) >= 10
    for code in found:
        assert f"E-{code}" in known and f"W-{code}" in known, code


def test_catalog_entries_are_complete() -> None:
    for code, entry in catalog().items():
        if entry.family in {"ELIG", "SUM"}:
            assert entry.title and entry.message and entry.hint and entry.explanation, code


def test_all_discretionary_everything_fails_softly(tmp_path: Path) -> None:
    """Mark every threshold discretionary: shortfalls become warnings and the town stays eligible."""
    data = program_data()

    def soften(node: object) -> None:
        if isinstance(node, dict):
            if "inclusive" in node and "discretionary" in node:
                node["discretionary"] = True
            for value in node.values():
                soften(value)
        elif isinstance(node, list):
            for value in node:
                soften(value)

    soften(data["rule_sets"])
    program = program_from(data)
    assert program.rule_sets["2016"].industry.infrastructure.fibre_mbps.discretionary
    town = industry_base()
    town["industrial_base"]["companies"] = town["industrial_base"]["companies"][:2]
    town["infrastructure"]["fibre_mbps"] = 50
    town["rd_innovation"]["platforms"] = town["rd_innovation"]["platforms"][:1]
    town["summary_counts"] = {}
    result, findings, _ = judge(tmp_path, town, program=program)
    assert result.eligible
    assert {f.code for f in findings} >= {"W-ELIG-031", "W-ELIG-052", "W-ELIG-053", "W-ELIG-072"}
    assert all(not f.blocking for f in findings)
    # Discretion adjusts a bound; it never accepts nothing at all.
    town["rd_innovation"]["platforms"] = []
    result, findings, _ = judge(tmp_path / "none", town, program=program)
    assert not result.eligible
    assert [f.code for f in findings if f.blocking] == ["E-ELIG-008"]


def test_everything_wrong_is_reported_in_one_run(tmp_path: Path) -> None:
    """One submission with many problems: every one is reported, each message fully filled in."""
    for base in (industry_base, application_base):
        data = base()
        data["batch"] = 2018
        data["applicant"]["kind"] = "park_management"
        data["work_mechanism"].update(coordination_mechanism=False, operations_team="none")
        data["spatial_layout"].update(boundary="none", planned_area_mu=10, core_area_mu=5)
        data["industrial_base"]["companies"] = []
        data["application_projects"] = [
            {"name": "其他", "domain": "互联网+", "status": "completed", "description": "x"}
        ]
        data["rd_innovation"]["platforms"] = []
        data["policy_support"].update(
            creation_plan_status="none", matching_funds={"local": 1, "provincial": 2}
        )
        data["infrastructure"].update(service_platforms=[], fibre_mbps=10, mobile_4g_full_coverage=False)
        result, findings, _ = judge(tmp_path / base.__name__, data)
        assert [c.status for c in result.conditions] == ["fail"] * 8
        assert len({f.code for f in findings}) >= 15
        for f in findings:
            assert "{" not in f.message and "{" not in (f.hint or ""), (f.code, f.message)


def test_every_rule_owns_codes() -> None:
    """The rules page lists each condition's codes by the rule's prefix; no prefix may be empty or shared."""
    from towns.eligibility.rules import RULES  # noqa: PLC0415

    known = catalog()
    prefixes = {rule.id: rule.code_prefix for rules in RULES.values() for rule in rules}
    assert len(set(prefixes.values())) == len(prefixes)
    for condition, prefix in prefixes.items():
        assert any(code[2:].startswith(prefix) for code in known), condition
