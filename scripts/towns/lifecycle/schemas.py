"""JSON Schemas of the authority records, for editors' completion and Chinese help.

One schema per kind of record (`schema/<kind>.schema.json`), generated from the pydantic models in
`towns.models.records`; a record file opts in with a first line such as
``# yaml-language-server: $schema=../../../../schema/recommendation.schema.json``.
`record_schemas()` gives the builders that `towns.schema.all_schemas` adds to the declaration's.

A field marked fillable (`towns.models.common.FILLABLE`: a grade, a conclusion) also accepts a
blank 「（请填写……）」, so that a record freshly written by `towns record` follows its schema while
`towns check` lists its blanks (E-FILL-001).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from towns.layout import SCHEMA_BASE_URL
from towns.lifecycle.paths import PLACES, Kind
from towns.lifecycle.store import MODEL_OF
from towns.models.common import PLACEHOLDER_PATTERN
from towns.models.jsonschema import model_schema
from towns.models.program import Program
from towns.models.records import Evaluation, RecordModel


def _builder(name: str, model: type[RecordModel], place: str) -> Callable[[Program], dict[str, Any]]:
    def build(program: Program) -> dict[str, Any]:
        schema = model_schema(model)
        if model is Evaluation:
            # The same set the checker refuses outside of when it reads the record (E-REC-005).
            grade = schema["$defs"]["GradeResult"]["properties"]["grade"]
            grade["enum"] = list(program.evaluation.grade_names)
        _accept_blanks(schema)
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SCHEMA_BASE_URL}/{name}.schema.json",
            "description": f"{place} 的格式。由 towns schema 生成，请勿手工修改。",
            **schema,
        }

    return build


_BLANK = {
    "type": "string",
    "pattern": PLACEHOLDER_PATTERN,
    "description": "尚未填写的空白：以“（请填写”开头，提交前须换成实际内容",
}
_OUTER = ("title", "description")


def _accept_blanks(node: Any) -> None:
    """Every fillable property becomes “its own schema, or a blank”, titles kept outside."""
    if isinstance(node, list):
        for item in node:
            _accept_blanks(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _accept_blanks(value)
    if node.pop("x-fillable", False):
        inner = {k: v for k, v in node.items() if k not in _OUTER}
        for key in inner:
            del node[key]
        node["anyOf"] = [inner, dict(_BLANK)]


def record_schemas() -> dict[str, Callable[[Program], dict[str, Any]]]:
    """File name → schema builder, for every kind of authority record."""
    return {
        f"{schema_name(kind)}.schema.json": _builder(schema_name(kind), MODEL_OF[kind], PLACES[kind])
        for kind in Kind
    }


def schema_name(kind: Kind) -> str:
    """A schema's file name: the kind, hyphenated like the record folders."""
    return kind.value.replace("_", "-")
