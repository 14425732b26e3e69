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
from pathlib import Path
from typing import Any

import pytest
import yaml
from declaration_strategies import from_schema, mutate
from hostile_support import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from message_language import assert_readable
from towns.catalog import catalog
from towns.check import run_check
from towns.synth import generate
from towns.synth.declarations import SCHEMA_LINE
from towns.synth.yamldump import dump

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A one-town registry and its valid declaration as data (the file is overwritten per example)."""
    root = generate(tmp_path_factory.mktemp("fuzz") / "registry", 1, seed=21, records=False, as_of=TODAY)
    return root, yaml.safe_load(_declaration(root).read_text(encoding="utf-8"))


def _declaration(root: Path) -> Path:
    return next(root.glob("submissions/*/*/declaration.yaml"))


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
@given(document=from_schema())
def test_schema_generated_documents_never_crash(registry: tuple[Path, dict[str, Any]], document: Any) -> None:
    _check(registry[0], document)


@SETTINGS
@given(data=st.data())
def test_mutated_valid_documents_never_crash(
    registry: tuple[Path, dict[str, Any]], data: st.DataObject
) -> None:
    root, base = registry
    _check(root, mutate(copy.deepcopy(base), data))


def test_unmutated_base_is_clean(registry: tuple[Path, dict[str, Any]]) -> None:
    """The mutations start from a document that passes: every finding above is caused by them."""
    root, base = registry
    _declaration(root).write_text(SCHEMA_LINE + dump(base), encoding="utf-8")
    assert [f.code for f in run_check(root, today=TODAY).findings if f.blocking] == []
