"""The committed JSON Schemas are generated from the models; the templates follow them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from towns.program import load_program
from towns.schema import all_schemas, stale_schemas

REPO = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_up_to_date() -> None:
    program, findings = load_program(REPO)
    assert program is not None, findings
    stale = stale_schemas(REPO, program)
    assert not stale, f"schema/{stale[0]} is stale: run `towns schema` and commit the result"


def test_every_field_has_a_chinese_title() -> None:
    program, _ = load_program(REPO)
    assert program is not None
    schema = json.loads(all_schemas(program)["declaration.schema.json"])
    for name, definition in schema["$defs"].items():
        for prop, body in definition.get("properties", {}).items():
            assert body.get("title") and not str(body["title"]).isascii(), (
                f"{name}.{prop} needs a Chinese title"
            )


def test_fixture_declaration_validates_against_the_published_schema() -> None:
    schema = json.loads((REPO / "schema" / "declaration.schema.json").read_text(encoding="utf-8"))
    text = (REPO / "tests" / "fixtures" / "base-industry" / "declaration.yaml").read_text(encoding="utf-8")
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    jsonschema.validate(data, schema)
    assert data["type"] == "industry"


def test_templates_point_editors_at_the_schema() -> None:
    for name in ("industry.yaml", "application.yaml"):
        first = (REPO / "scripts" / "towns" / "templates" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../../schema/declaration.schema.json"


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_no_published_pattern_uses_a_unicode_dependent_class() -> None:
    """`\\d`, `\\w`, `\\s`, `\\b` match every Unicode digit or letter in Python and pydantic, but only
    ASCII in the editors' ECMA-262 engines: the checker would accept `３` where the schema refuses it."""
    program, _ = load_program(REPO)
    assert program is not None
    patterns = [p for text in all_schemas(program).values() for p in _patterns(json.loads(text))]
    assert len(patterns) >= 8
    assert [p for p in patterns if re.search(r"\\[dwsb]", p)] == []


def _list_fields(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for name, definition in [("(top)", schema), *schema.get("$defs", {}).items()]:
        for prop, body in definition.get("properties", {}).items():
            if body.get("type") == "array" or "array" in json.dumps(body.get("anyOf", [])):
                out.append((f"{name}.{prop}", body))
    return out


def test_every_list_names_its_items_for_messages_and_forms() -> None:
    """`x-item` ("第 2 家企业") comes from the model, so every view labels list rows alike.

    Every schema an applicant or an authority fills in; the program data is the maintainers'.
    """
    program, _ = load_program(REPO)
    assert program is not None
    schemas = {k: v for k, v in all_schemas(program).items() if k != "program.schema.json"}
    lists = [(file, *entry) for file, text in schemas.items() for entry in _list_fields(json.loads(text))]
    assert len(lists) >= 16
    for file, name, body in lists:
        item = body.get("x-item")
        assert isinstance(item, dict) and item.get("measure") and item.get("noun"), f"{file}: {name}"
