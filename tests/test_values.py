"""Every value set is spelled once, in `towns.models.values`; these tests fail when a copy diverges.

They walk what could hold a copy: the models' fields (declaration, records, program rules), the
field descriptions that list values, the JSON Schemas' enumerations, the templates' comments, the
modules' literal tables, and the PR artifact's own model of the town type.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from towns.github.artifact import ReportTown
from towns.lifecycle.store import MODEL_OF
from towns.models.declaration import MODELS
from towns.models.program import Program
from towns.models.values import (
    VALUE_SETS,
    BatchList,
    Choice,
    CompanyCategory,
    Conclusion,
    CorrectionKind,
    OperationsTeam,
    Tier,
    TownType,
)
from towns.program import load_program, load_program_file
from towns.scaffold import scaffold
from towns.schema import all_schemas
from towns.site.files import template_files
from towns.template import CHOICES, choice_lines, declaration_template, fill_choices, template_text

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "scripts" / "towns"
CODES = {choice: {m.value for m in choice} for choice in VALUE_SETS}
ALL_CODES = sorted({code for codes in CODES.values() for code in codes}, key=len, reverse=True)
# Codes spelled like identifiers: a code that is a Chinese word (the conclusion 符合) is also prose.
IDENTIFIER_CODES = [code for code in ALL_CODES if code.isascii()]


def _leaves(annotation: Any) -> Iterator[Any]:
    """The types inside an annotation: ``list[X | None]`` yields X and None."""
    if get_origin(annotation) in (list, tuple, dict, Union, types.UnionType):
        for arg in get_args(annotation):
            yield from _leaves(arg)
    else:
        yield annotation


def _fields(*roots: type[BaseModel]) -> Iterator[tuple[str, Any]]:
    """Every (Model.field, FieldInfo) reachable from ``roots``."""
    seen: set[type[BaseModel]] = set()
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            yield f"{model.__name__}.{name}", info
            todo += [t for t in _leaves(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]


ALL_FIELDS = list(_fields(*MODELS.values(), *MODEL_OF.values(), Program))


def _choice_of(info: Any) -> type[Choice] | None:
    for leaf in _leaves(info.annotation):
        if isinstance(leaf, type) and issubclass(leaf, Choice):
            return leaf
        if get_origin(leaf) is Literal and all(isinstance(a, Choice) for a in get_args(leaf)):
            return type(get_args(leaf)[0])
    return None


def test_no_model_field_spells_a_value_set_as_string_literals() -> None:
    """A field (declaration, record, rule parameter) takes its values from the value set's type."""
    copies = []
    for name, info in ALL_FIELDS:
        for leaf in _leaves(info.annotation):
            if get_origin(leaf) is not Literal:
                continue
            spelled = {a for a in get_args(leaf) if isinstance(a, str) and not isinstance(a, Choice)}
            if spelled and any(spelled <= codes for codes in CODES.values()):
                copies.append(f"{name}: Literal{sorted(spelled)}")
    assert not copies, f"use the value set from towns.models.values instead: {copies}"


def test_the_rule_parameters_are_typed_by_the_value_sets() -> None:
    typed = {name: _choice_of(info) for name, info in _fields(Program)}
    assert typed["WorkMechanismRules.operations_team_accepted"] is OperationsTeam
    assert typed["RdRules.rd_share_of"] is CompanyCategory
    # Every set of the form is a rule parameter; the town type and the tier structure program.yaml;
    # the kinds of correction, the lists of a batch and a reviewer's conclusion belong to the records.
    records_only = {TownType, Tier, CorrectionKind, BatchList, Conclusion}
    assert {choice for choice in typed.values() if choice} == set(VALUE_SETS) - records_only


def test_field_descriptions_list_the_values_as_the_value_set_names_them() -> None:
    wrong = []
    for name, info in _fields(*MODELS.values()):
        choice = _choice_of(info)
        if choice is None:
            continue
        members = [m for m in choice if m.value in (info.description or "")]
        listing = choice.listing(members)
        if not members or listing not in (info.description or ""):
            wrong.append(f"{name}: {info.description!r} does not contain {listing!r}")
    assert not wrong, wrong


def _enums(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "enum" in node:
            yield node
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


@pytest.mark.parametrize("name", ["declaration.schema.json", "program.schema.json"])
def test_schema_enumerations_carry_the_name_of_every_value(name: str) -> None:
    program, findings = load_program(REPO)
    assert program is not None, findings
    schema = json.loads(all_schemas(program)[name])
    by_codes = {tuple(m.value for m in choice): choice for choice in VALUE_SETS}
    found = set()
    for node in _enums(schema):
        choice = by_codes.get(tuple(node["enum"]))
        if choice is None:
            assert not any(set(node["enum"]) <= codes for codes in CODES.values()), node
            continue
        found.add(choice)
        assert node["enumDescriptions"] == [m.explained for m in choice]
        assert node["x-enumNames"] == [m.label for m in choice]
    assert found, "no value set in the schema"
    codes = [
        node for node in _enums(schema) if all(str(v).isascii() and str(v).isalpha() for v in node["enum"])
    ]
    unnamed = [node["enum"] for node in codes if len(node.get("enumDescriptions", ())) != len(node["enum"])]
    assert not unnamed, f"every code needs its Chinese name in the schema: {unnamed}"


def test_a_description_per_value_is_where_editors_read_it() -> None:
    """yaml-language-server and VS Code read `enum` with `enumDescriptions` (same order)."""
    program, _ = load_program(REPO)
    assert program is not None
    schema = json.loads(all_schemas(program)["declaration.schema.json"])
    team = schema["$defs"]["OperationsTeam"]
    assert team["enum"] == ["established", "forming", "none"]
    assert team["enumDescriptions"] == ["已建立", "正在组建", "未建立"]
    category = schema["$defs"]["CompanyCategory"]
    assert category["enumDescriptions"][0] == "互联网企业（从事或应用互联网技术、产品和服务的企业）"


def _comment(line: str) -> str:
    return line.partition("#")[2]


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_template_value_comments_are_generated_not_typed(kind: str) -> None:
    raw = template_text(kind, "{kind}.yaml")
    typed = []
    for number, line in enumerate(raw.splitlines(), start=1):
        comment = _comment(line)
        for code in IDENTIFIER_CODES:
            if re.search(rf"(?<![A-Za-z_]){re.escape(code)}(?![A-Za-z_])", comment):
                typed.append(f"{kind}.yaml:{number}: {code}")
    assert not typed, f"write {CHOICES} instead of listing values by hand: {typed}"


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_every_value_field_of_a_template_lists_its_values(kind: str) -> None:
    raw = template_text(kind, "{kind}.yaml")
    lines = list(choice_lines(raw, MODELS[kind]))
    assert {line.path[-1] for line in lines} >= {"operations_team", "boundary", "partner_kind", "kind"}
    unmarked = [".".join(line.path) for line in lines if not line.marked]
    assert not unmarked, f"add {CHOICES} to the comment of {unmarked}"
    rendered = declaration_template(kind).splitlines()
    assert CHOICES not in "\n".join(rendered)
    for line in lines:
        choice = type(line.members[0])
        assert _comment(rendered[line.number - 1]).endswith(choice.choices(line.members))


def test_rendered_template_reads_as_the_applicant_sees_it() -> None:
    lines = declaration_template("industry").splitlines()
    team = next(line for line in lines if line.startswith("  operations_team:"))
    assert team.endswith("# 运营服务团队：established 已建立 / forming 正在组建 / none 未建立")
    kind = next(line for line in lines if line.startswith("type:"))
    assert kind.endswith("# 小镇类型：industry 产业型（以互联网产业集聚为特色，适用方案 4.2 的申报条件）")
    category = next(line for line in declaration_template("application").splitlines() if "category:" in line)
    assert category.endswith(
        "internet 互联网企业（从事或应用互联网技术、产品和服务的企业） / traditional 传统企业"
    )


def test_a_marker_on_a_line_without_a_value_set_is_refused() -> None:
    with pytest.raises(ValueError, match="district"):
        fill_choices(f"district: 天河区  # {CHOICES}\n", MODELS["industry"])


def test_the_site_offers_the_same_templates_as_towns_new(tmp_path: Path) -> None:
    """The downloads are `towns new`'s templates for the open batch, the applicant's own data left blank."""
    program = load_program_file(REPO / "program.yaml")
    day = dt.date(2026, 12, 1)
    files = template_files(program, day)
    for kind in MODELS:
        folder = scaffold(tmp_path, program, city_slug="guangzhou", town_id=f"t-{kind}", kind=kind, today=day)
        written = (folder / "declaration.yaml").read_text(encoding="utf-8").splitlines()
        offered = files[f"apply/templates/{kind}.yaml"].decode("utf-8").splitlines()
        differ = [(a, b) for a, b in zip(written, offered, strict=True) if a != b]
        assert [b.split("#")[0].split(":", 1)[0] for _, b in differ] == ["id", "city", "filing_date"]
        assert all("（请填写" in b for _, b in differ)
        assert "batch: 2026 " in "\n".join(offered)
        assert "__" not in files[f"apply/templates/report-{kind}.txt"].decode("utf-8")


def _tables(tree: ast.AST) -> Iterator[tuple[int, set[str]]]:
    """Dict literals mapping codes (string constants) to Chinese words."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict) or len(node.keys) < 2:
            continue
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        words = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        complete = len(keys) == len(node.keys) and len(words) == len(node.values)
        if complete and any(re.search(r"[\u4e00-\u9fff]", w) for w in words):
            yield node.lineno, set(keys)


def test_no_module_keeps_its_own_table_of_value_names() -> None:
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, keys in _tables(tree):
            if any(keys <= codes for codes in CODES.values()):
                copies.append(f"{path.relative_to(REPO)}:{line}")
    assert not copies, f"read member.label from towns.models.values instead: {copies}"


def test_the_pr_artifact_accepts_exactly_the_town_types() -> None:
    """The untrusted report keeps its own strict model; its town types are the value set's codes."""
    annotation = ReportTown.model_fields["type"].annotation
    literals = [leaf for leaf in _leaves(annotation) if leaf is not type(None)]
    assert [set(get_args(leaf)) for leaf in literals] == [CODES[TownType]]
