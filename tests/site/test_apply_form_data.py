"""What the declaration form page is built from: one schema, the program data, the rules' own words."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_registry import MKDOCS_ENV, build_registry, site_config

from towns.eligibility.rules.spatial_layout import SpatialLayout
from towns.models.program import Program
from towns.program import load_program_file
from towns.schema_help import with_editor_help
from towns.site.apply_data import form_data, form_data_bytes
from towns.site.apply_form import ASSETS_ENV, BUILD_COMMAND, FormBundleMissing, apply_form_page, form_files

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program_file(REPO / "program.yaml")


def test_the_form_uses_the_published_schema(program: Program) -> None:
    published = json.loads((REPO / "schema" / "declaration.schema.json").read_text(encoding="utf-8"))
    data = json.loads(form_data_bytes(program))
    # The published file is the form's schema plus the editors' help (annotations only, no rule).
    assert with_editor_help(copy.deepcopy(data["schema"])) == published
    # …in the models' field order, so that the form's sections follow the official form.
    branch = data["schema"]["$defs"]["IndustryDeclaration"]["properties"]
    assert list(branch)[:7] == ["schema_version", "id", "batch", "name", "city", "district", "address"]


def test_cities_come_with_their_regions_and_districts(program: Program) -> None:
    cities = {c["slug"]: c for c in form_data(program)["cities"]}
    assert len(cities) == len(program.cities)
    assert {"code": "440106", "name": "天河区"} in cities["guangzhou"]["districts"]
    assert cities["meizhou"]["region"] == "ewn"
    assert form_data(program)["district_source"]


def test_requirements_are_the_rules_own_words(program: Program) -> None:
    texts = form_data(program)["requirements"]["2018"]
    ewn, prd = program.regions_by_id["ewn"], program.regions_by_id["prd"]
    params = program.rule_sets["2018"].application.spatial_layout
    section = texts["application"]["ewn"]["sections"]["spatial_layout"]
    assert section["text"] == SpatialLayout().requirement(params, ewn)
    assert section["clause"] == "4.3(2)"
    fields = texts["application"]["ewn"]["fields"]
    assert fields["spatial_layout.planned_area_mu"] == "不少于 200 亩（可酌情增减）"
    assert (
        texts["application"]["prd"]["fields"]["spatial_layout.planned_area_mu"]
        == "不少于 300 亩（可酌情增减）"
    )
    assert texts["industry"][prd.id]["fields"]["infrastructure.fibre_mbps"] == "不少于 100 Mbps"
    # The company list serves several conditions: its section explains it, no single line does.
    assert "industrial_base.companies" not in texts["industry"]["prd"]["fields"]


def test_requirements_follow_the_program_data() -> None:
    data: dict[str, Any] = yaml.safe_load((REPO / "program.yaml").read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    changed["rule_sets"]["2016"]["industry"]["infrastructure"]["fibre_mbps"] = {
        "min": 1000,
        "inclusive": False,
        "discretionary": True,
    }
    texts = form_data(Program.model_validate(changed))["requirements"]["2018"]
    assert texts["industry"]["prd"]["fields"]["infrastructure.fibre_mbps"] == "超过 1000 Mbps（可酌情增减）"


def test_the_report_outline_is_the_programs_with_the_templates_guidance(program: Program) -> None:
    for kind in ("industry", "application"):
        outline = form_data(program)["outline"][kind]
        assert [h["text"] for h in outline["headings"]] == program.report_outline[kind]
        assert outline["title"] == "{name}申请报告"
        levels = {h["text"]: h["level"] for h in outline["headings"]}
        assert levels["一、小镇基本情况"] == 2 and levels["（一）小镇建设总体目标及发展规划"] == 3
        first = outline["headings"][0]["guidance"]
        assert first.startswith("地理位置") and not first.startswith("（")


def test_the_page_loads_only_its_own_folder(program: Program) -> None:
    page = apply_form_page(program)
    assert page.startswith("---\ntowns_form: true\n")
    assert 'id="towns-apply"' in page and "<noscript>" in page
    assert "http" not in page  # nothing from another host


def test_the_built_script_carries_the_licences_of_what_it_bundles() -> None:
    from towns.site.apply_form import assets_dir  # noqa: PLC0415

    notice = assets_dir() / "THIRD-PARTY-LICENSES.txt"
    if not notice.exists():
        if os.environ.get("CI"):
            pytest.fail("CI 环境中网上申报表尚未构建：请运行 python3 scripts/dev.py setup")
        pytest.skip("the form is not built here (python3 scripts/dev.py setup)")
    text = notice.read_text(encoding="utf-8")
    package = json.loads((REPO / "tools" / "form" / "package.json").read_text(encoding="utf-8"))
    for name in package["dependencies"]:
        assert f"{name} " in text, name
    assert "Permission is hereby granted" in text  # the licence texts themselves, not just names


def test_without_the_built_script_the_site_says_how_to_build_it(
    program: Program, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ASSETS_ENV, str(tmp_path))
    with pytest.raises(FormBundleMissing) as caught:
        form_files(program)
    assert BUILD_COMMAND in str(caught.value) and "尚未构建" in str(caught.value)


@pytest.mark.slow
def test_the_site_build_fails_without_the_built_script(tmp_path: Path) -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    root = build_registry(tmp_path / "registry")
    site_config(root)
    env = {**MKDOCS_ENV, ASSETS_ENV: str(tmp_path / "empty")}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode != 0
    assert f"请先运行 {BUILD_COMMAND}" in proc.stderr
