"""Fuzzing schema-shaped declarations: `run_check` never raises and always locates its findings.

Two sources of documents, both derived from the published model rather than from arbitrary YAML:

* documents generated from the declaration's JSON Schema (every property, type, enum and bound of
  `schema/declaration.schema.json`, with random values inside and at the edges);
* a valid synthetic declaration, mutated: keys dropped or added, values swapped for other types,
  control, bidirectional and astral characters injected into text, lists emptied or flooded.

Each document is written as YAML into a one-town registry and checked whole. Example counts are
modest so the run fits in CI.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile_support import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from message_language import assert_readable
from towns.catalog import catalog
from towns.check import run_check
from towns.models.declaration import AnyDeclaration
from towns.synth import generate
from towns.synth.declarations import SCHEMA_LINE
from towns.synth.yamldump import dump

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
NASTY = "\x00\x07\x1b\u202e\u2066\u200b\ufeff\U0001f600𠀀<>&\"'`|\\:#-{}[]!*&%@\n\t"
SCHEMA = TypeAdapter(AnyDeclaration).json_schema()


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A one-town registry and its valid declaration as data (the file is overwritten per example)."""
    root = generate(tmp_path_factory.mktemp("fuzz") / "registry", 1, seed=21, records=False, as_of=TODAY)
    return root, yaml.safe_load(_declaration(root).read_text(encoding="utf-8"))


def _declaration(root: Path) -> Path:
    return next(root.glob("submissions/*/*/declaration.yaml"))


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


def _from_schema(node: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:  # noqa: PLR0911 - one branch per schema keyword
    if "$ref" in node:
        return st.deferred(lambda: _from_schema(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]], depth + 1))
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([_from_schema(n, depth) for n in node[key]])
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return _object(node, depth)
    if kind == "array":
        items = _from_schema(node.get("items", {}), depth + 1) if depth < 6 else st.none()
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
            _from_schema(sub, depth + 1)
            if name in required
            else st.one_of(st.none(), _from_schema(sub, depth + 1))
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


def _mutate(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
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


def _check(root: Path, document: Any) -> None:
    text = SCHEMA_LINE + (dump(document) if isinstance(document, dict) else yaml.safe_dump(document))
    _declaration(root).write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run_check(root, today=TODAY)
    known = catalog()
    for f in result.findings:
        assert f.file
        assert f.line >= 1 and f.column >= 1, f
        assert f.code in known, f.code
    assert_readable(result.findings, _strings(document))


def _strings(value: Any) -> list[str]:
    """Every text in ``value`` (keys too): a message may echo what was written, whatever it is."""
    if isinstance(value, dict):
        return [*map(str, value), *(s for item in value.values() for s in _strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


@SETTINGS
@given(document=_from_schema(SCHEMA))
def test_schema_generated_documents_never_crash(registry: tuple[Path, dict[str, Any]], document: Any) -> None:
    _check(registry[0], document)


@SETTINGS
@given(data=st.data())
def test_mutated_valid_documents_never_crash(
    registry: tuple[Path, dict[str, Any]], data: st.DataObject
) -> None:
    root, base = registry
    _check(root, _mutate(copy.deepcopy(base), data))


def test_unmutated_base_is_clean(registry: tuple[Path, dict[str, Any]]) -> None:
    """The mutations start from a document that passes: every finding above is caused by them."""
    root, base = registry
    _declaration(root).write_text(SCHEMA_LINE + dump(base), encoding="utf-8")
    assert [f.code for f in run_check(root, today=TODAY).findings if f.blocking] == []
