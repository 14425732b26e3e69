"""Generate the JSON Schemas in `schema/` from the pydantic models (the one source of truth).

City names are injected from the program data so that editors complete them; the generated files
are committed and `tests/test_schema.py` fails, naming `towns schema`, when they are stale.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from towns.layout import SCHEMA_BASE_URL
from towns.lifecycle.schemas import record_schemas
from towns.models.declaration import AnyDeclaration
from towns.models.jsonschema import model_schema
from towns.models.program import Program
from towns.schema_help import with_editor_help


def declaration_schema(program: Program) -> dict[str, Any]:
    schema = model_schema(AnyDeclaration)
    names = [c.name for c in program.cities]
    for definition in schema.get("$defs", {}).values():
        city = definition.get("properties", {}).get("city")
        if city is not None:
            city["enum"] = names
        batch = definition.get("properties", {}).get("batch")
        if batch is not None and definition.get("title", "").endswith("申报表"):
            batch["enum"] = [b.year for b in program.batches]
    kinds = [(k.id, k.name) for k in program.files.attachment_kinds]
    _name_values(schema["$defs"]["Attachment"]["properties"]["kind"], kinds)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}/declaration.schema.json",
        "title": "互联网+小镇申报表",
        "description": "互联网+小镇（产业型、应用型）申报表 declaration.yaml 的格式。"
        "由 towns schema 生成，请勿手工修改。",
        **schema,
    }


def _name_values(prop: dict[str, Any], values: list[tuple[str, str]]) -> None:
    """A value set kept in the program data, named per value like the sets of `models.values`."""
    prop["enum"] = [code for code, _ in values]
    prop["enumDescriptions"] = prop["x-enumNames"] = [name for _, name in values]
    prop["description"] = "；".join(f"{code}：{name}" for code, name in values)


def program_schema(program: Program) -> dict[str, Any]:
    schema = model_schema(Program)
    _rule_sets_may_extend(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}/program.schema.json",
        **schema,
    }


def _rule_sets_may_extend(schema: dict[str, Any]) -> None:
    """A rule set with `extends` lists only what differs (`models.rules.resolve_extends`).

    Such a rule set is published as a deep-partial copy of `RuleSet`: every mapping's fields
    optional, lists (replaced whole by the merge) as they are. That the merged result is complete
    is a check across rule sets, which a JSON Schema cannot make.
    """
    definitions = schema["$defs"]
    partial = _partial("RuleSet", definitions)
    schema["properties"]["rule_sets"]["additionalProperties"] = {
        "if": {"required": ["extends"], "properties": {"extends": {"type": "string"}}},
        "then": {"$ref": f"#/$defs/{partial}"},
        "else": {"$ref": "#/$defs/RuleSet"},
    }


def _partial(name: str, definitions: dict[str, Any]) -> str:
    """``name`` with no required field at any depth of mappings; returns the copy's name."""
    copy_name = f"{name}Extension"
    if copy_name in definitions:
        return copy_name
    body = json.loads(json.dumps(definitions[name]))
    body.pop("required", None)
    definitions[copy_name] = body
    for prop in body.get("properties", {}).values():
        ref = prop.get("$ref", "")
        if ref.startswith("#/$defs/") and "properties" in definitions[ref.rsplit("/", 1)[-1]]:
            prop["$ref"] = f"#/$defs/{_partial(ref.rsplit('/', 1)[-1], definitions)}"
    return copy_name


def all_schemas(program: Program) -> dict[str, str]:
    """File name → serialised schema, deterministic byte for byte."""
    builders: dict[str, Callable[[Program], dict[str, Any]]] = {
        "declaration.schema.json": declaration_schema,
        "program.schema.json": program_schema,
        **record_schemas(),
    }
    return {
        name: json.dumps(with_editor_help(build(program)), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
        for name, build in sorted(builders.items())
    }


def stale_schemas(root: Path, program: Program) -> list[str]:
    """Names of schema files whose committed content differs from what the models generate."""
    out = []
    for name, text in all_schemas(program).items():
        path = root / "schema" / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            out.append(name)
    return out


def write_schemas(root: Path, program: Program) -> list[str]:
    folder = root / "schema"
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in all_schemas(program).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(name)
    return written
