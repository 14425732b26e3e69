"""The published JSON Schemas agree with the checker on every document of the corpus.

Agreement (docs/dev/validation.md, "What agreement means"): for every document the checker reads,
check-jsonschema reads the same data, and the document is valid against its published schema if
and only if the checker reports no schema-level finding on it. check-jsonschema runs as the
command line does (its own YAML parser, format checks and ECMA-262 regular expressions); the
checker runs as `towns check` does, on a registry holding the whole corpus.

The default corpus is a representative subset; ``TOWNS_SCHEMA_AGREEMENT=full`` runs the exhaustive
one (`schema_corpus`).
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
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
from schema_corpus import EDGES, FULL, PROGRAM, CorpusDocument, corpus
from towns.check import run_check
from towns.findings import Finding
from towns.loading import parse_yaml
from towns.program import load_program

TODAY = dt.date(2026, 11, 30)
CITY = "guangzhou"


@dataclass(frozen=True)
class Placed:
    document: CorpusDocument
    rel: str  # where it sits in the checked registry


_YEARS = 300  # batch and evaluation files are named by a year from 1900 to 2199


def _place(slot: int, document: CorpusDocument) -> str:
    stem = f"doc-{slot:04d}"
    return {
        "declaration.schema.json": f"submissions/{CITY}/{stem}/declaration.yaml",
        "recommendation.schema.json": f"records/{CITY}/recommendations/2018/{stem}.yaml",
        "annual-report.schema.json": f"records/{CITY}/annual-reports/2018/{stem}.yaml",
        "acceptance-application.schema.json": f"records/{CITY}/acceptance-applications/{stem}.yaml",
        "batch.schema.json": f"decisions/batches/{1900 + slot}.yaml",
        "evaluation.schema.json": f"decisions/evaluations/{1900 + slot}.yaml",
        "naming.schema.json": f"decisions/namings/{stem}.yaml",
    }[document.schema]


def checker_answers(tmp: Path, documents: list[CorpusDocument]) -> dict[int, list[Finding]]:
    """The checker's findings on each document, by its index in ``documents``.

    The documents are placed in registries as `towns check` finds them (a year-named file at most
    once per year, so several registries), and each registry is checked whole.
    """
    answers: dict[int, list[Finding]] = {}
    registries: list[dict[str, int]] = []
    per_kind: dict[str, int] = {}
    for number, document in enumerate(documents):
        if document.schema == PROGRAM:
            answers[number] = _program_findings(tmp / f"program-{number}", document.data)
            continue
        slot = per_kind.get(document.schema, 0)
        per_kind[document.schema] = slot + 1
        index, slot = divmod(slot, _YEARS)
        while len(registries) <= index:
            registries.append({})
        registries[index][_place(slot, document)] = number
        answers[number] = []
    for index, placed in enumerate(registries):
        root = tmp / f"registry-{index}"
        root.mkdir(parents=True)
        shutil.copy(REPO / "program.yaml", root / "program.yaml")
        for rel, number in placed.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(documents[number].data)
        for f in run_check(root, today=TODAY).findings:
            if f.file in placed:
                answers[placed[f.file]].append(f)
    return answers


def _program_findings(root: Path, data: bytes) -> list[Finding]:
    root.mkdir(parents=True)
    (root / "program.yaml").write_bytes(data)
    return load_program(root)[1]


def refused_while_reading(findings: list[Finding]) -> bool:
    return any(f.blocking and f.code.startswith(READING) for f in findings)


def schema_answers(tmp: Path, documents: list[CorpusDocument], chosen: list[int]) -> dict[int, SchemaAnswer]:
    """check-jsonschema's answer on each chosen document, two processes at a time (its parser is slow)."""
    jobs = []
    for number in chosen:
        path = tmp / f"{number:05d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(documents[number].data)
        jobs.append((str(REPO / "schema" / documents[number].schema), str(path)))
    chunks = [jobs[i::2] for i in range(2)]
    answers: dict[int, SchemaAnswer] = {}
    with ProcessPoolExecutor(max_workers=2) as pool:
        for result in pool.map(_check_jsonschema, chunks):
            for name, answer in result.items():
                answers[int(Path(name).stem)] = answer
    return answers


@dataclass(frozen=True)
class SchemaAnswer:
    data: Any  # as check-jsonschema parsed it; None when it could not
    errors: list[str]  # empty: valid
    parsed: bool = True


def _check_jsonschema(jobs: list[tuple[str, str]]) -> dict[str, SchemaAnswer]:
    """check-jsonschema's own loaders, parsers, format checks and regular expressions."""
    regex = RegexImplementation(RegexVariantName.default)
    formats = FormatOptions(regex_impl=regex)
    loaders: dict[str, SchemaLoader] = {}
    out = {}
    for schema, name in jobs:
        loader = loaders.setdefault(schema, SchemaLoader(schema))
        try:
            ((_, data),) = InstanceLoader([Path(name).open("rb")]).iter_files()  # noqa: SIM115 - it closes the file
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


def same_reading(ours: Any, theirs: Any) -> bool:
    """The checker's loader and check-jsonschema's parser read the same data (decimals as floats)."""
    if isinstance(ours, dict):
        return (
            isinstance(theirs, dict)
            and ours.keys() == theirs.keys()
            and all(same_reading(v, theirs[k]) for k, v in ours.items())
        )
    if isinstance(ours, list):
        return isinstance(theirs, list) and len(ours) == len(theirs) and all(map(same_reading, ours, theirs))
    if isinstance(ours, Decimal):
        return isinstance(theirs, float | int) and not isinstance(theirs, bool) and float(ours) == theirs
    return type(ours) is type(theirs) and ours == theirs


READING = ("E-FILE-", "E-YAML-")


SCHEMA_LEVEL = ("E-SCHEMA-", "E-TOWN-006", "E-TOWN-007", "E-ATT-008", "E-REC-005")


def schema_level(codes: Iterable[str]) -> list[str]:
    return [c for c in codes if c.startswith(SCHEMA_LEVEL)]


def test_the_schemas_agree_with_the_checker(tmp_path: Path) -> None:
    documents = corpus(tmp_path / "corpus")
    _assert_representative(documents)
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
        loaded = parse_yaml(document.data.decode("utf-8"), "x").document
        if (
            loaded is not None
            and schema[number].parsed
            and not same_reading(loaded.data, schema[number].data)
        ):
            problems.append(f"{document.origin} ({document.schema}): read differently by check-jsonschema")
        if bool(ours) != bool(theirs):
            problems.append(
                f"{document.origin} ({document.schema}):\n  checker: {ours or 'no schema-level finding'}\n"
                f"  check-jsonschema: {theirs or 'valid'}"
            )
    print("full corpus" if FULL else "default subset", counts)
    assert not problems, f"{len(problems)} disagreements:\n" + "\n".join(problems)


def _assert_representative(documents: list[CorpusDocument]) -> None:
    """Even the default subset holds documents of every published schema and every edge value."""
    published = {p.name for p in (REPO / "schema").glob("*.schema.json")}
    assert {d.schema for d in documents} == published
    edges = {int(d.origin.rsplit("/", 1)[1]) for d in documents if d.origin.startswith("edges/")}
    assert edges == set(range(len(EDGES))), sorted(set(range(len(EDGES))) - edges)
    assert {d.origin.split("/")[0] for d in documents} == {
        "cases",
        "hostile",
        "demo",
        "generated",
        "synth",
        "edges",
    }, "a source of the corpus is missing"
    assert FULL or len(documents) < 600, "the default subset grew: keep the normal suite fast"
