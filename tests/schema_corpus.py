"""Every YAML document the test suite knows, labelled with the published schema that governs it.

The corpus of the schema-agreement test (`tests/test_schema_agreement.py`): the data-driven
declaration cases, the hostile cases that damage a declaration, the demonstration data, documents
drawn from the Unicode and fuzz generators, and a synthetic registry with its records. Each
document is the bytes of one file and the name of its schema in `schema/`.

By default the corpus is a representative subset, the same on every run (check-jsonschema's YAML
reader is pure Python, about a third of a second per declaration): every declaration case and
hostile case, the first document of each kind of the demonstration and synthetic data, a few
draws of each generator, and two edges per published field type, rotated so that every edge is
written into several types. ``TOWNS_SCHEMA_AGREEMENT=full`` selects the exhaustive corpus
(docs/dev/validation.md, "The agreement test").
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from registry_builder import REPO, base_declaration_text
from towns.lifecycle.paths import parse_record_path
from towns.lifecycle.store import MODEL_OF
from towns.loading import parse_yaml
from towns.models.declaration import ApplicationDeclaration, IndustryDeclaration
from towns.models.jsonschema import TownsJsonSchema
from towns.models.labels import field_info
from towns.synth import generate
from towns.synth.declarations import SCHEMA_LINE
from towns.synth.yamldump import dump

sys.path.insert(0, str(Path(__file__).resolve().parent / "hostile"))

import declaration_strategies as strategies
import hostile_cases
from hostile_support import TODAY

T = TypeVar("T")
DECLARATION = "declaration.schema.json"
PROGRAM = "program.schema.json"
MAX_BYTES = 1 << 20
FULL = os.environ.get("TOWNS_SCHEMA_AGREEMENT") == "full"
# Hypothesis draws per generator: enough to reach every field (exhaustive), or a sample.
DRAWS = 40
SAMPLE_DRAWS = 4
# Edges written into each published field type in the default subset.
SAMPLE_EDGES = 2


@dataclass(frozen=True)
class CorpusDocument:
    origin: str  # where it comes from, e.g. "cases/bad-mobile" or "demo/records/…"
    schema: str  # file name in schema/
    data: bytes


def corpus(tmp: Path, *, full: bool = FULL) -> list[CorpusDocument]:
    """The corpus (whole when ``full``, else the default subset); ``tmp`` is an empty folder."""
    repositories = [
        *repository_documents(REPO, "demo"),
        *repository_documents(generate(tmp / "synth", 12, seed=5, as_of=TODAY), "synth"),
    ]
    return [
        *declaration_cases(),
        *hostile_documents(tmp / "hostile"),
        *(repositories if full else first_of_each_kind(repositories)),
        *generated_documents(tmp / "generated", DRAWS if full else SAMPLE_DRAWS),
        *edge_documents(None if full else SAMPLE_EDGES),
    ]


def first_of_each_kind(documents: list[CorpusDocument]) -> list[CorpusDocument]:
    """The first document of each source and schema (of each town type for declarations)."""
    seen: set[tuple[str, str, bool]] = set()
    out = []
    for document in documents:
        key = (document.origin.split("/")[0], document.schema, b"type: application" in document.data)
        if key not in seen:
            seen.add(key)
            out.append(document)
    return out


def declaration_cases() -> Iterator[CorpusDocument]:
    cases = yaml.safe_load((REPO / "tests" / "cases" / "declarations.yaml").read_text(encoding="utf-8"))
    for case in cases:
        if "encoding" in case or "prefix_hex" in case:
            continue  # not UTF-8 text: refused before any schema applies, on both sides
        text = str(case["text"]) if "text" in case else base_declaration_text()
        for old, new in case.get("replace", []):
            text = text.replace(old, new)
        yield CorpusDocument(f"cases/{case['name']}", DECLARATION, text.encode("utf-8"))


def hostile_documents(tmp: Path) -> Iterator[CorpusDocument]:
    """The declaration as each hostile case leaves it, when the case changes it and it is a file."""
    base = generate(tmp / "base", 2, seed=11, records=False, as_of=TODAY)
    original = hostile_cases.decl(base).read_bytes()
    for number, case in enumerate(hostile_cases.CASES):
        root = tmp / f"case-{number}"
        shutil.copytree(base, root, symlinks=True)
        case.mutate(root)
        path = hostile_cases.decl(root) if _has_declaration(root) else None
        if path is None or path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            continue
        data = path.read_bytes()
        if data != original:
            yield CorpusDocument(f"hostile/{case.id}", DECLARATION, data)


def _has_declaration(root: Path) -> bool:
    try:
        hostile_cases.decl(root)
    except IndexError:
        return False
    return True


def repository_documents(root: Path, label: str) -> Iterator[CorpusDocument]:
    """program.yaml, every declaration and every record of the registry at ``root``."""
    yield CorpusDocument(f"{label}/program.yaml", PROGRAM, (root / "program.yaml").read_bytes())
    for path in sorted(root.glob("submissions/*/*/declaration.yaml")):
        yield CorpusDocument(f"{label}/{path.relative_to(root)}", DECLARATION, path.read_bytes())
    for top in ("records", "decisions"):
        for path in sorted((root / top).rglob("*.yaml")):
            rel = path.relative_to(root).as_posix()
            place = parse_record_path(rel)
            if place is not None:
                schema = place.kind.value.replace("_", "-") + ".schema.json"
                yield CorpusDocument(f"{label}/{rel}", schema, path.read_bytes())


def generated_documents(tmp: Path, draws: int) -> Iterator[CorpusDocument]:
    """Documents from the fuzz and Unicode generators of `tests/hostile`, drawn deterministically."""
    root = generate(tmp, 2, seed=11, records=False, as_of=TODAY)
    files = sorted(root.glob("submissions/*/*/declaration.yaml"))
    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files]

    def unicode(data: st.DataObject) -> Any:
        base = bases[data.draw(st.sampled_from([0, 1]))]
        return strategies.unicode_document(copy.deepcopy(base), data)[0]

    makers: dict[str, Callable[[st.DataObject], Any]] = {
        "from-schema": lambda data: data.draw(strategies.from_schema()),
        "mutated": lambda data: strategies.mutate(copy.deepcopy(bases[0]), data),
        "unicode": unicode,
    }
    for name, make in makers.items():
        for number, document in enumerate(draw(make, draws)):
            yield CorpusDocument(f"generated/{name}-{number}", DECLARATION, _yaml(document))
    for index, base in enumerate(bases):
        document = strategies.full_width_document(base)
        yield CorpusDocument(f"generated/full-width-{index}", DECLARATION, _yaml(document))


def _yaml(document: Any) -> bytes:
    text = SCHEMA_LINE + (dump(document) if isinstance(document, dict) else yaml.safe_dump(document))
    return text.encode("utf-8", errors="surrogatepass")


def draw(make: Callable[[st.DataObject], T], count: int) -> list[T]:
    """``count`` examples made by ``make`` from Hypothesis data, the same ones on every run."""
    out: list[T] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        out.append(make(data))

    collect()
    return out


# Raw YAML written into one field at a time: types, bounds, blanks, lengths, dates, numbers as
# text and text as numbers, in every form YAML 1.2 reads differently from what it looks like.
EDGES = (
    "13800138000",
    "914401060000000000",
    '"13800138000"',
    "0755",
    '"0755"',
    '"300"',
    "300",
    "-1",
    "0",
    "0.5",
    "1.0",
    "1e3",
    "2000000",
    "100000000001",
    "true",
    "null",
    '""',
    '"   "',
    '"\u3000"',
    '" x "',
    '"x\\n"',
    '"a\\nb"',
    '"' + "长" * 200 + '"',
    '"' + "长" * 200 + ' "',
    '"' + "长" * 201 + '"',
    "2018-08-20",
    "2016-02-29",
    "2018-02-29",
    '"2018-08-20T00:00:00"',
    '" 2018-08-20"',
    "established",
    "industry",
    "广州市",
    "local_policy",
    "tianhe-yunfan",
    '"91440106MA500K7Q8F "',
    "[]",
    "{}",
    "１２３",
)
_SLOT = "\x00edge\x00"


def edge_documents(per_type: int | None = None) -> Iterator[CorpusDocument]:
    """Each edge in one field of each type (fields of the same type count once), per kind of file.

    With ``per_type``, only that many edges per field type, the next ones for the next type (the
    order is fixed, so the subset is the same on every run and each edge meets several types).
    """
    seen: set[tuple[str, str]] = set()
    rotation = 0
    for schema, model, base in _edge_bases():
        for path in _one_path_per_type(model, base, schema, seen):
            chosen = range(len(EDGES)) if per_type is None else _next(rotation, per_type)
            rotation += 1
            for number in chosen:
                edge = EDGES[number]
                data = copy.deepcopy(base)
                strategies.put(data, path, _SLOT)
                text = dump(data).replace(json.dumps(_SLOT), edge)
                name = ".".join(map(str, path))
                yield CorpusDocument(f"edges/{schema}/{name}/{number}", schema, text.encode("utf-8"))


def _next(rotation: int, count: int) -> list[int]:
    return [(rotation * count + i) % len(EDGES) for i in range(count)]


# Fields whose published value set comes from the program data (`towns.schema`), not the model.
_PROGRAM_VALUES = frozenset({"city", "batch", "kind", "grade"})


def _published_type(model: type, path: tuple[str | int, ...]) -> str:
    """What the schema says of the field, less its words: fields alike in it are tested once."""
    info = field_info(model, path)
    if info is None or path[-1] in _PROGRAM_VALUES:
        return repr(path[-1:])
    node = TypeAdapter(Annotated[info.annotation, info]).json_schema(schema_generator=TownsJsonSchema)
    return json.dumps({k: v for k, v in node.items() if k not in {"title", "description", "examples"}})


def _edge_bases() -> Iterator[tuple[str, type, dict[str, Any]]]:
    """A valid document of each kind: both town types and every kind of record of the demo data."""
    industry = parse_yaml(base_declaration_text(), "x").document
    application = next(
        p
        for p in sorted(REPO.glob("submissions/*/*/declaration.yaml"))
        if "application" in p.read_text(encoding="utf-8")
    )
    yield DECLARATION, IndustryDeclaration, industry.data
    yield (
        DECLARATION,
        ApplicationDeclaration,
        parse_yaml(application.read_text(encoding="utf-8"), "x").document.data,
    )
    seen = set()
    for path in sorted([*REPO.glob("records/**/*.yaml"), *REPO.glob("decisions/**/*.yaml")]):
        place = parse_record_path(path.relative_to(REPO).as_posix())
        if place is None or place.kind in seen:
            continue
        seen.add(place.kind)
        data = parse_yaml(path.read_text(encoding="utf-8"), "x").document.data
        yield place.kind.value.replace("_", "-") + ".schema.json", MODEL_OF[place.kind], data


def _one_path_per_type(
    model: type, base: dict[str, Any], schema: str, seen: set[tuple[str, str]]
) -> list[tuple[str | int, ...]]:
    out = []
    for path in strategies.scalar_paths(base):
        key = (schema, _published_type(model, path))
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out
