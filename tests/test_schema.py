"""The committed JSON Schemas are generated from the models; the templates follow them."""

from __future__ import annotations

import json
from pathlib import Path

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
