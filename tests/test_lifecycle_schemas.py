"""The shipped records follow the committed JSON Schemas that editors use, and name them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from record_filling import plain
from towns.lifecycle.paths import Kind, parse_record_path
from towns.lifecycle.store import discover_record_files
from towns.loading import load_yaml_file

REPO = Path(__file__).resolve().parent.parent
SCHEMA_OF = {
    Kind.RECOMMENDATION: "recommendation",
    Kind.ANNUAL_REPORT: "annual-report",
    Kind.ACCEPTANCE_APPLICATION: "acceptance-application",
    Kind.BATCH: "batch",
    Kind.EVALUATION: "evaluation",
    Kind.NAMING: "naming",
}
FILES = [rel for rel in discover_record_files(REPO) if parse_record_path(rel) is not None]


def test_every_kind_is_shipped() -> None:
    kinds = {place.kind for rel in FILES if (place := parse_record_path(rel)) is not None}
    assert kinds == set(Kind)


@pytest.mark.parametrize("rel", FILES)
def test_record_follows_its_schema(rel: str) -> None:
    place = parse_record_path(rel)
    assert place is not None
    name = SCHEMA_OF[place.kind]
    schema_file = REPO / "schema" / f"{name}.schema.json"
    first_line = (REPO / rel).read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    target = (REPO / rel).parent / first_line.split("$schema=", 1)[1]
    assert target.resolve() == schema_file.resolve()
    document = load_yaml_file(REPO / rel, rel).document
    assert document is not None
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        plain(document.data)
    )


def test_record_schemas_are_up_to_date() -> None:
    from towns.program import load_program  # noqa: PLC0415 - only this test needs the program
    from towns.schema import all_schemas  # noqa: PLC0415

    program, findings = load_program(REPO)
    assert program is not None, findings
    generated = all_schemas(program)
    for name in SCHEMA_OF.values():
        committed = (REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert generated[f"{name}.schema.json"] == committed, (
            f"schema/{name}.schema.json is stale: run `towns schema`"
        )
