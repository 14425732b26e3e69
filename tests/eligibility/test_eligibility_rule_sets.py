"""Rule sets by batch: a declaration is judged by the rules of the batch it applied to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from elig_builder import (
    REPO,
    application_base,
    codes,
    industry_base,
    judge,
    load,
    program_data,
    program_from,
    shipped_program,
)
from pydantic import ValidationError

from towns.eligibility import evaluate
from towns.loading import Document, load_yaml_file
from towns.models.program import Program
from towns.models.rules import resolve_extends
from towns.program import consistency_findings


def _batch(data: dict[str, Any], year: int, kind: str | None) -> dict[str, Any]:
    data["batch"] = year
    if kind is not None:
        data["applicant"]["kind"] = kind
    return data


@pytest.mark.parametrize(
    ("year", "kind", "status", "code"),
    [
        (2016, None, "pass", None),
        (2016, "park_management", "pass", None),
        (2017, "town_government", "pass", None),
        (2018, "county_government", "pass", None),
        (2018, "park_management", "fail", "E-ELIG-081"),
        (2018, "town_government", "fail", "E-ELIG-081"),
        (2018, None, "warning", "W-ELIG-082"),
    ],
)
def test_who_may_apply_changes_in_2018(
    tmp_path: Path, year: int, kind: str | None, status: str, code: str | None
) -> None:
    result, findings, _ = judge(tmp_path, _batch(industry_base(), year, kind))
    assert result.rule_set == ("2018" if year == 2018 else "2016")
    assert result.by_id("applicant").status == status
    assert codes(findings) == ([code] if code else [])


def test_an_accepted_2016_declaration_stays_green_when_2018_tightens(tmp_path: Path) -> None:
    """2018 raises the bar (gigabit fibre, core area not discretionary): a 2016 town is unaffected."""
    data = program_data()
    data["rule_sets"]["2018"]["application"] = {
        "infrastructure": {"fibre_mbps": {"min": 1000, "inclusive": True, "discretionary": False}},
        "spatial_layout": {
            "core_area_mu": {"by_region": {"prd": 200, "ewn": 150}, "inclusive": True, "discretionary": False}
        },
    }
    program = program_from(data)
    old = application_base()
    old["infrastructure"]["fibre_mbps"] = 500
    old["applicant"]["kind"] = "county_government"
    result, findings, _ = judge(tmp_path / "old", old, program=program)
    assert result.rule_set == "2016"
    assert result.eligible and findings == []

    new = _batch(application_base(), 2018, "county_government")
    new["infrastructure"]["fibre_mbps"] = 500
    result, findings, _ = judge(tmp_path / "new", new, program=program)
    assert result.rule_set == "2018"
    assert not result.eligible
    assert {"E-ELIG-072", "E-ELIG-023"} <= set(codes(findings))
    # what was not overridden is inherited from 2016
    assert program.rule_sets["2018"].application.infrastructure.service_platforms.min == 3
    assert program.rule_sets["2018"].application.spatial_layout.planned_area_mu.by_region == {
        "prd": 300,
        "ewn": 200,
    }


def test_unknown_batch_is_a_finding_not_a_verdict(tmp_path: Path) -> None:
    data = industry_base()
    data["batch"] = 2019
    program = shipped_program()
    town = load(tmp_path, data, city="guangzhou", program=program)
    result, findings = evaluate(town, program)
    assert result is None
    assert codes(findings) == ["E-ELIG-001"]
    assert findings[0].line == town.at("batch").line


def test_unloaded_town_is_skipped(tmp_path: Path) -> None:
    from towns.registry import Town  # noqa: PLC0415

    town = Town(city_slug="guangzhou", folder_name="x", folder="submissions/guangzhou/x")
    assert evaluate(town, shipped_program()) == (None, [])


def test_extends_merges_mappings_and_replaces_lists() -> None:
    raw = {
        "a": {"title": "A", "x": {"keep": 1, "change": 2}, "items": [1, 2]},
        "b": {"extends": "a", "title": "B", "x": {"change": 3}, "items": [9]},
        "c": {"extends": "b", "title": "C"},
    }
    resolved = resolve_extends(raw)
    assert resolved["b"] == {"title": "B", "x": {"keep": 1, "change": 3}, "items": [9], "extends": "a"}
    assert resolved["c"]["x"] == {"keep": 1, "change": 3}
    assert resolved["c"]["extends"] == "b"


@pytest.mark.parametrize(
    ("extends", "message"),
    [("nowhere", "不存在"), ("2018", "循环")],
)
def test_bad_extends_is_a_validation_error(extends: str, message: str) -> None:
    data = program_data()
    data["rule_sets"]["2016"]["extends"] = extends if extends != "2018" else "2018"
    if extends == "nowhere":
        data["rule_sets"]["2018"]["extends"] = "nowhere"
        del data["rule_sets"]["2016"]["extends"]
    with pytest.raises(ValidationError, match=message):
        program_from(data)


def test_threshold_needs_exactly_one_source() -> None:
    data = program_data()
    data["rule_sets"]["2016"]["industry"]["infrastructure"]["fibre_mbps"] = {
        "inclusive": True,
        "discretionary": False,
    }
    with pytest.raises(ValidationError, match="min 或 by_region"):
        program_from(data)
    data["rule_sets"]["2016"]["industry"]["infrastructure"]["fibre_mbps"] = {
        "min": 100,
        "discretionary": False,
    }
    with pytest.raises(ValidationError, match="inclusive"):
        program_from(data)


def test_region_without_a_threshold_is_a_finding(tmp_path: Path) -> None:
    data = program_data()
    del data["rule_sets"]["2016"]["application"]["spatial_layout"]["planned_area_mu"]["by_region"]["ewn"]
    result, findings, _ = judge(tmp_path, application_base(), program=program_from(data))
    assert result.by_id("spatial_layout").status == "fail"
    found = next(f for f in findings if f.code == "E-ELIG-002")
    assert "粤东西北" in found.message


def _program_document(folder: Path, text: str) -> tuple[Program, Document]:
    folder.mkdir()
    (folder / "program.yaml").write_text(text, encoding="utf-8")
    document = load_yaml_file(folder / "program.yaml", "program.yaml").document
    assert document is not None
    return Program.model_validate(document.data), document


def test_program_region_keys_are_checked(tmp_path: Path) -> None:
    """A typo in a region id is reported at the program file's line, not only when a town fails."""
    shipped = (REPO / "program.yaml").read_text(encoding="utf-8")
    assert consistency_findings(*_program_document(tmp_path / "ok", shipped)) == []

    broken = shipped.replace("by_region: {prd: 300, ewn: 200}", "by_region: {prd: 300, ewm: 200}")
    findings = consistency_findings(*_program_document(tmp_path / "typo", broken))
    typo_line = next(
        n for n, line in enumerate(broken.splitlines(), 1) if "planned_area_mu: {by_region" in line
    )
    in_2016 = [f for f in findings if f.field and f.field.startswith("rule_sets.2016")]
    assert sorted(f.code for f in in_2016) == ["E-ELIG-004", "E-ELIG-005"]
    assert {f.line for f in in_2016} == {typo_line}
    assert "ewm" in next(f.message for f in in_2016 if f.code == "E-ELIG-004")
    assert "ewn" in next(f.message for f in in_2016 if f.code == "E-ELIG-005")
