"""Validate positioned YAML data against a pydantic model; every error becomes a located finding.

pydantic reports errors by location tuple; `Document.at` turns that into file, line and column, and
the field's Chinese title (from the model) makes the message readable for a non-programmer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from towns.catalog import finding_at
from towns.findings import Finding
from towns.loading import Document, dotted

M = TypeVar("M", bound=BaseModel)

# pydantic error type → (catalog code, how to describe what is expected)
_BY_TYPE: dict[str, str] = {
    "missing": "E-SCHEMA-001",
    "extra_forbidden": "E-SCHEMA-002",
    "string_type": "E-SCHEMA-003",
    "int_type": "E-SCHEMA-003",
    "int_parsing": "E-SCHEMA-003",
    "int_from_float": "E-SCHEMA-003",
    "decimal_type": "E-SCHEMA-003",
    "decimal_parsing": "E-SCHEMA-003",
    "float_type": "E-SCHEMA-003",
    "bool_type": "E-SCHEMA-003",
    "bool_parsing": "E-SCHEMA-003",
    "list_type": "E-SCHEMA-003",
    "dict_type": "E-SCHEMA-003",
    "model_type": "E-SCHEMA-003",
    "model_attributes_type": "E-SCHEMA-003",
    "greater_than": "E-SCHEMA-004",
    "greater_than_equal": "E-SCHEMA-004",
    "less_than": "E-SCHEMA-004",
    "less_than_equal": "E-SCHEMA-004",
    "decimal_max_digits": "E-SCHEMA-004",
    "decimal_max_places": "E-SCHEMA-004",
    "string_pattern_mismatch": "E-SCHEMA-005",
    "literal_error": "E-SCHEMA-006",
    "enum": "E-SCHEMA-006",
    "date_type": "E-SCHEMA-007",
    "date_parsing": "E-SCHEMA-007",
    "date_from_datetime_parsing": "E-SCHEMA-007",
    "date_from_datetime_inexact": "E-SCHEMA-007",
    "string_too_short": "E-SCHEMA-008",
    "too_short": "E-SCHEMA-008",
    "string_too_long": "E-SCHEMA-009",
    "too_long": "E-SCHEMA-009",
}

_EXPECTED: dict[str, str] = {
    "string_type": "文字",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数（不能带小数）",
    "decimal_type": "数字",
    "decimal_parsing": "数字",
    "float_type": "数字",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
    "list_type": "列表（每项以“- ”开头）",
    "dict_type": "带下级字段的一组内容",
    "model_type": "带下级字段的一组内容",
    "model_attributes_type": "带下级字段的一组内容",
}

_BOUND: dict[str, str] = {
    "greater_than": "大于 {gt}",
    "greater_than_equal": "不小于 {ge}",
    "less_than": "小于 {lt}",
    "less_than_equal": "不大于 {le}",
    "decimal_max_digits": "不超过 {max_digits} 位数字",
    "decimal_max_places": "小数不超过 {decimal_places} 位",
}


def field_title(model: type[BaseModel], loc: Sequence[str | int]) -> str | None:
    """The Chinese title of the field at ``loc``, following nested models and lists."""
    current: Any = model
    title: str | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return title
        info = fields[part]
        title = info.title
        current = _inner_model(info.annotation)
    return title


def _inner_model(annotation: Any) -> Any:
    """The model inside ``X``, ``list[X]`` or ``X | None``, if any."""
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in getattr(candidate, "__args__", ()):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _describe(error: ErrorDetails) -> dict[str, Any]:
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    given = error.get("input")
    shown = given if isinstance(given, str | int | float | bool) or given is None else type(given).__name__
    params: dict[str, Any] = {"given": _short(shown)}
    if kind in _EXPECTED:
        params["expected"] = _EXPECTED[kind]
    if kind in _BOUND:
        params["bound"] = _BOUND[kind].format(**{k: str(v) for k, v in ctx.items()})
    if kind == "literal_error":
        params["allowed"] = str(ctx.get("expected", "")).replace("'", "")
    if kind == "string_pattern_mismatch":
        params["pattern"] = str(ctx.get("pattern", ""))
    if kind in {"string_too_short", "too_short"}:
        params["min"] = ctx.get("min_length", 1)
    if kind in {"string_too_long", "too_long"}:
        params["max"] = ctx.get("max_length", "")
    params["detail"] = error.get("msg", "")
    return params


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def validate_model(model: type[M], document: Document, *, data: Any = None) -> tuple[M | None, list[Finding]]:
    """Validate ``document.data`` (or ``data``) against ``model``; return the instance or findings."""
    payload = document.data if data is None else data
    try:
        return model.model_validate(payload), []
    except ValidationError as exc:
        return None, [error_finding(model, document, error) for error in exc.errors(include_url=False)]


def error_finding(model: type[BaseModel], document: Document, error: ErrorDetails) -> Finding:
    """One pydantic error as a finding at the right line and column."""
    loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
    kind = error["type"]
    code = _BY_TYPE.get(kind, "E-SCHEMA-010")
    # A missing key has no position of its own: place it at its parent mapping, name the key.
    if kind == "missing":
        where = document.at(loc[:-1], key=True)
    else:
        where = document.at(loc, key=kind == "extra_forbidden")
    title = field_title(model, loc) or (str(loc[-1]) if loc else "")
    return finding_at(code, where, field=dotted(loc) or None, title=title, **_describe(error))


def version_finding(document: Document, supported: int) -> Finding | None:
    """E-SCHEMA-013 when a mapping's `schema_version` is not the one this tool reads, else None."""
    given = document.data.get("schema_version") if isinstance(document.data, dict) else None
    if given == supported:
        return None
    return finding_at("E-SCHEMA-013", document.at(("schema_version",)), given=given, supported=supported)
