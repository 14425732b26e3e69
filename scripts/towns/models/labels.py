"""Chinese names of fields and list items, derived from the models themselves.

A message names a field the way the form does: by the Chinese titles along its path, and a list
item by its ordinal and measure word, e.g. ``产业基础 › 企业名单 › 第 2 家企业 › 年产值（万元）``.
How a list counts its items belongs to the list field (`items`, kept in ``json_schema_extra`` and
so published in the JSON Schema as ``x-item``), so any other view of the form (a browser form, the
site) can label its rows the same way. The dotted path (`towns.loading.dotted`) stays the
machine-readable name, e.g. in the JSON report's ``field``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

ITEM_KEY = "x-item"
SEPARATOR = " › "
_DEFAULT_ITEM = {"measure": "项", "noun": ""}


def items(measure: str, noun: str) -> dict[str, Any]:
    """``json_schema_extra`` of a list field whose items are "第 N {measure}{noun}" (第 2 家企业)."""
    return {ITEM_KEY: {"measure": measure, "noun": noun}}


def optional_list(title: str, description: str, measure: str, noun: str) -> Any:
    """A list field that may be left out (empty by default), its items named as `items` says."""
    return Field(
        default_factory=list, title=title, description=description, json_schema_extra=items(measure, noun)
    )


def required_list(title: str, description: str, measure: str, noun: str) -> Any:
    """A list field with at least one item, its items named as `items` says."""
    return Field(min_length=1, title=title, description=description, json_schema_extra=items(measure, noun))


def ordinal(index: int, info: FieldInfo | None) -> str:
    """The 1-based name of item ``index`` (0-based) of the list field ``info``."""
    extra = info.json_schema_extra if info is not None else None
    item = extra.get(ITEM_KEY, _DEFAULT_ITEM) if isinstance(extra, dict) else _DEFAULT_ITEM
    assert isinstance(item, dict)  # noqa: S101 - written by `items`
    return f"第 {index + 1} {item['measure']}{item['noun']}"


def _fields_along(model: type[BaseModel], loc: Sequence[str | int]) -> tuple[list[FieldInfo], bool]:
    """The fields ``loc`` passes through (list positions skipped), and whether it stays in the model."""
    current: Any = model
    found: list[FieldInfo] = []
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return found, False
        found.append(fields[part])
        current = inner_model(fields[part].annotation)
    return found, True


def field_info(model: type[BaseModel], loc: Sequence[str | int]) -> FieldInfo | None:
    """The field at ``loc`` (list positions skipped), or None when the path leaves the model."""
    found, inside = _fields_along(model, loc)
    return found[-1] if inside and found else None


def field_title(model: type[BaseModel], loc: Sequence[str | int]) -> str | None:
    """The Chinese title of the innermost field at ``loc`` that has one."""
    found, _ = _fields_along(model, loc)
    return found[-1].title if found else None


def field_label(model: type[BaseModel], loc: Sequence[str | int]) -> str:
    """The field at ``loc`` as the form names it, from the titles and item labels of the models.

    ``("industrial_base", "companies", 1, "annual_output_wan")`` →
    ``产业基础 › 企业名单 › 第 2 家企业 › 年产值（万元）``.
    A key the model does not know (a misspelt field) is shown as written, and so is everything
    below it.
    """
    parts: list[str] = []
    current: Any = model
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            parts.append(ordinal(part, info))
            continue
        fields = getattr(current, "model_fields", None) if current is not None else None
        info = fields.get(part) if fields else None
        parts.append((info.title or part) if info is not None else part)
        current = inner_model(info.annotation) if info is not None else None
    return SEPARATOR.join(parts)


def inner_model(annotation: Any) -> Any:
    """The model inside ``X``, ``list[X]`` or ``X | None``, if any."""
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in getattr(candidate, "__args__", ()):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None
