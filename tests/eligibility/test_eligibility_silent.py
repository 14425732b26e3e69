"""No silent passes in the form: a company's category is never assumed where it decides a condition."""

from __future__ import annotations

from pathlib import Path

from elig_builder import application_base, industry_base, judge, shipped_program, write_town

from towns.models.declaration import ApplicationDeclaration, IndustryDeclaration
from towns.registry import load_town


def test_an_application_company_without_category_is_a_finding(tmp_path: Path) -> None:
    """Three traditional firms written without `category` once counted as 互联网企业 3 家 ✅."""
    data = application_base()
    for company in data["industrial_base"]["companies"][:3]:
        del company["category"]
    town = write_town(tmp_path, data, "meizhou")
    load_town(tmp_path, town, shipped_program())
    assert town.declaration is None
    missing = [f for f in town.findings if f.code == "E-SCHEMA-001"]
    assert len(missing) == 3
    for index, found in enumerate(missing):
        assert found.line == town.at("industrial_base", "companies", index).line


def test_an_industry_list_is_of_internet_companies(tmp_path: Path) -> None:
    """附件2 lists the industry town's internet companies: there the category may be left out."""
    data = industry_base()
    for company in data["industrial_base"]["companies"]:
        company.pop("category", None)
    result, _, _ = judge(tmp_path, data)
    assert result.by_id("industrial_base").status == "pass"


def test_the_schemas_agree_on_category() -> None:
    """The published schema requires it of application towns too, so the editor shows it."""
    app = ApplicationDeclaration.model_json_schema()
    assert "category" in app["$defs"]["ApplicationCompany"]["required"]
    ind = IndustryDeclaration.model_json_schema()
    assert "category" not in ind["$defs"]["Company"].get("required", [])
