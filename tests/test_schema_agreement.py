"""The published JSON Schemas agree with the checker on every document of the corpus.

Agreement (docs/dev/validation.md, "What agreement means"): for every document the checker reads,
check-jsonschema reads the same data, and the document is valid against its published schema if
and only if the checker reports no schema-level finding on it. check-jsonschema runs as the
command line does (its own YAML parser, format checks and ECMA-262 regular expressions); the
checker runs as `towns check` does, on a registry holding the whole corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from check_jsonschema.formats import FormatOptions
from check_jsonschema.instance_loader import InstanceLoader
from check_jsonschema.parsers import ParseError
from check_jsonschema.regex_variants import RegexImplementation, RegexVariantName
from check_jsonschema.schema_loader import SchemaLoader

from registry_builder import REPO
from schema_corpus import PROGRAM, CorpusDocument, corpus
from towns.check import run_check
from towns.findings import Finding
from towns.program import load_program

TODAY = dt.date(2026, 11, 30)
CITY = "guangzhou"


@dataclass(frozen=True)
class Placed:
    document: CorpusDocument
    rel: str  # where it sits in the checked registry


def _place(number: int, document: CorpusDocument) -> str:
    stem = f"doc-{number:04d}"
    return {
        "declaration.schema.json": f"submissions/{CITY}/{stem}/declaration.yaml",
        "recommendation.schema.json": f"records/{CITY}/recommendations/2018/{stem}.yaml",
        "annual-report.schema.json": f"records/{CITY}/annual-reports/2018/{stem}.yaml",
        "acceptance-application.schema.json": f"records/{CITY}/acceptance-applications/{stem}.yaml",
        "batch.schema.json": f"decisions/batches/{1900 + number}.yaml",
        "evaluation.schema.json": f"decisions/evaluations/{1900 + number}.yaml",
        "naming.schema.json": f"decisions/namings/{stem}.yaml",
        PROGRAM: "program.yaml",
    }[document.schema]


def checker_answers(tmp: Path, documents: list[CorpusDocument]) -> dict[int, list[Finding]]:
    """The checker's findings on each document, by its index in ``documents``."""
    root = tmp / "registry"
    root.mkdir(parents=True)
    shutil.copy(REPO / "program.yaml", root / "program.yaml")
    placed: dict[str, int] = {}
    answers: dict[int, list[Finding]] = {}
    for number, document in enumerate(documents):
        if document.schema == PROGRAM:
            answers[number] = _program_findings(tmp / f"program-{number}", document.data)
            continue
        rel = _place(number, document)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(document.data)
        placed[rel] = number
        answers[number] = []
    for f in run_check(root, today=TODAY).findings:
        if f.file in placed:
            answers[placed[f.file]].append(f)
    return answers


def _program_findings(root: Path, data: bytes) -> list[Finding]:
    root.mkdir()
    (root / "program.yaml").write_bytes(data)
    return load_program(root)[1]


def refused_while_reading(findings: list[Finding]) -> bool:
    return any(f.blocking and f.code.startswith(READING) for f in findings)


def schema_answers(tmp: Path, documents: list[CorpusDocument], numbers: list[int]) -> dict[int, SchemaAnswer]:
    """check-jsonschema's errors on each document (empty: valid), as its command line computes them."""
    answers: dict[int, SchemaAnswer] = {}
    by_schema: dict[str, list[int]] = {}
    for number in numbers:
        by_schema.setdefault(documents[number].schema, []).append(number)
    for schema, numbers in sorted(by_schema.items()):
        folder = tmp / "instances" / schema
        folder.mkdir(parents=True)
        files = {str(folder / f"{n:04d}.yaml"): n for n in numbers}
        for name, n in files.items():
            Path(name).write_bytes(documents[n].data)
        for name, answer in _check_jsonschema(REPO / "schema" / schema, list(files)).items():
            answers[files[name]] = answer
    return answers


@dataclass(frozen=True)
class SchemaAnswer:
    data: Any  # as check-jsonschema parsed it; None when it could not
    errors: list[str]  # empty: valid
    parsed: bool = True


def _check_jsonschema(schema: Path, files: list[str]) -> dict[str, SchemaAnswer]:
    """check-jsonschema's own loaders, parsers, format checks and regular expressions."""
    regex = RegexImplementation(RegexVariantName.default)
    formats = FormatOptions(regex_impl=regex)
    loader = SchemaLoader(str(schema))
    out = {}
    for name in files:
        try:
            ((_, data),) = InstanceLoader([open(name, "rb")]).iter_files()  # noqa: SIM115 - the loader closes it
        except RecursionError as exc:  # its parser recurses once per nesting level
            data = exc
        if isinstance(data, ParseError | RecursionError):
            out[name] = SchemaAnswer(None, [f"(not parsed) {type(data).__name__}"], parsed=False)
            continue
        validator = loader.get_validator(name, data, formats, regex, False)
        errors = [
            f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in validator.iter_errors(data)
        ]
        out[name] = SchemaAnswer(data, errors)
    return out


def _json(value: Any) -> Any:
    """Data as check-jsonschema holds it: numbers as Python numbers, keys as text."""
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b if not isinstance(a, dict | list) else _json_equal(a, b)


def _json_equal(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


READING = ("E-FILE-", "E-YAML-")


SCHEMA_LEVEL = ("E-SCHEMA-", "E-TOWN-006", "E-TOWN-007", "E-ATT-008")


def schema_level(codes: Iterable[str]) -> list[str]:
    return [c for c in codes if c.startswith(SCHEMA_LEVEL)]


def test_the_schemas_agree_with_the_checker(tmp_path: Path) -> None:
    documents = corpus(tmp_path / "corpus")
    checker = checker_answers(tmp_path / "checker", documents)
    read = [n for n, findings in checker.items() if not refused_while_reading(findings)]
    schema = schema_answers(tmp_path / "schema", documents, read)
    problems = []
    counts = {"documents": len(documents), "read": 0, "refused while reading": 0}
    for number, document in enumerate(documents):
        findings = checker[number]
        codes = sorted({f.code for f in findings if f.blocking})
        if number not in schema:
            counts["refused while reading"] += 1
            continue
        counts["read"] += 1
        ours = schema_level(codes)
        theirs = schema[number].errors
        if bool(ours) != bool(theirs):
            problems.append(
                f"{document.origin} ({document.schema}):\n  checker: {ours or 'no schema-level finding'}\n"
                f"  check-jsonschema: {theirs or 'valid'}"
            )
    print(counts)
    assert not problems, f"{len(problems)} disagreements:\n" + "\n".join(problems)
