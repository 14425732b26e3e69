"""Hypothesis strategies for declarations, shared by the fuzz, Unicode and schema-agreement tests.

Documents are derived from the published model rather than from arbitrary YAML: drawn from the
declaration's JSON Schema (every property, type, enum and bound, with values inside and at the
edges), or a valid declaration mutated (keys dropped or added, values of other types, control,
bidirectional and astral characters in text, lists emptied or flooded), or with arbitrary
Unicode, or typed in full-width, in its scalar fields.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from typing import Any

from hypothesis import strategies as st
from pydantic import TypeAdapter

from towns.models.declaration import AnyDeclaration

Path_ = tuple[str | int, ...]

NASTY = "\x00\x07\x1b\u202e\u2066\u200b\ufeff\U0001f600𠀀<>&\"'`|\\:#-{}[]!*&%@\n\t"
SCHEMA = TypeAdapter(AnyDeclaration).json_schema()


def _texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=30),
        st.text(alphabet=st.sampled_from(NASTY), max_size=12),
        st.sampled_from(["", " ", "null", "yes", "no", "0755", "1e999", ".inf", "2018-02-30", "~", "--- x"]),
    )


def _scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        _texts(),
    )


def _any_value() -> st.SearchStrategy[Any]:
    return st.recursive(
        _scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.text(alphabet="abcxyz_", min_size=1, max_size=8), inner, max_size=4),
        ),
        max_leaves=12,
    )


@cache
def _definition(name: str, depth: int) -> st.SearchStrategy[Any]:
    """One strategy per definition and depth: building them anew for every draw is slow."""
    return st.deferred(lambda: schema_value(SCHEMA["$defs"][name], depth))


def schema_value(node: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:  # noqa: PLR0911 - one branch per schema keyword
    if "$ref" in node:
        return _definition(node["$ref"].rsplit("/", 1)[-1], depth + 1)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([schema_value(n, depth) for n in node[key]])
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return _object(node, depth)
    if kind == "array":
        items = schema_value(node.get("items", {}), depth + 1) if depth < 6 else st.none()
        return st.lists(items, min_size=0, max_size=3)
    if kind == "integer":
        return st.integers(min_value=node.get("minimum", -5), max_value=node.get("maximum", 10**7))
    if kind == "number":
        low = node.get("minimum", node.get("exclusiveMinimum", -5))
        return st.integers(min_value=int(low) - 1, max_value=10**9)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "string":
        return st.one_of(_texts(), st.dates().map(dt.date.isoformat))
    return _scalars()


def _object(node: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    if depth > 6:
        return st.just({})
    fields = {
        name: (
            schema_value(sub, depth + 1)
            if name in required
            else st.one_of(st.none(), schema_value(sub, depth + 1))
        )
        for name, sub in properties.items()
    }
    return st.fixed_dictionaries(fields).map(
        lambda d: {k: v for k, v in d.items() if v is not None or k in required}
    )


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def mutate(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(document)
        path = data.draw(st.sampled_from(paths))
        parent: Any = document
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        action = data.draw(st.sampled_from(["drop", "replace", "inject", "flood", "add"]))
        if action == "drop":
            del parent[key]
        elif action == "replace":
            parent[key] = data.draw(_any_value())
        elif action == "inject" and isinstance(parent[key], str):
            text = parent[key]
            at = data.draw(st.integers(min_value=0, max_value=len(text)))
            parent[key] = (
                text[:at] + data.draw(st.text(alphabet=st.sampled_from(NASTY), min_size=1)) + text[at:]
            )
        elif action == "flood" and isinstance(parent[key], list):
            parent[key] = parent[key] * data.draw(st.integers(min_value=0, max_value=60))
        elif action == "add" and isinstance(parent[key], dict):
            parent[key][data.draw(st.text(alphabet="abcxyz_", min_size=1, max_size=8))] = data.draw(
                _any_value()
            )
    return document


def from_schema() -> st.SearchStrategy[Any]:
    """Whole documents drawn from the declaration's JSON Schema."""
    return schema_value(SCHEMA)


# Read before the model is chosen, so the Unicode tests check them one at a time.
DISPATCH = frozenset({"schema_version", "type"})
_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}  # "!"…"~" → "！"…"～"
_ODD_DIGITS = "0123456789０１２３４５６７８９٠١٢٣٤٥६७८९𝟎𝟏𝟗¹²³½①⑳ⅫＡＺａｚ－．＠　"


def scalar_paths(value: Any, prefix: Path_ = ()) -> list[Path_]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in scalar_paths(item, (*prefix, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in scalar_paths(item, (*prefix, index))]
    return [prefix]


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def put(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def full_width(value: Any) -> str:
    """The text a full-width input method produces for ``value`` as written in YAML."""
    written = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return written.translate(_FULL_WIDTH)


def full_width_changes(base: dict[str, Any]) -> dict[Path_, Any]:
    """Every scalar of ``base`` that full-width typing changes (dispatch fields and nulls left out)."""
    return {
        path: get(base, path)
        for path in scalar_paths(base)
        if path[0] not in DISPATCH
        and get(base, path) is not None
        and full_width(get(base, path)) != str(get(base, path))
    }


def full_width_document(base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with every field of `full_width_changes` typed in full-width."""
    data = copy.deepcopy(base)
    for path, value in full_width_changes(base).items():
        put(data, path, full_width(value))
    return data


def unicode_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=24),
        st.text(alphabet=_ODD_DIGITS, min_size=1, max_size=18),
    )


def unicode_document(document: dict[str, Any], data: st.DataObject) -> tuple[dict[str, Any], list[str]]:
    """``document`` with arbitrary Unicode in up to six scalar fields; also the texts written."""
    written = []
    for path in data.draw(
        st.lists(st.sampled_from(scalar_paths(document)), min_size=1, max_size=6, unique=True)
    ):
        written.append(data.draw(unicode_text()))
        put(document, path, written[-1])
    return document, written
