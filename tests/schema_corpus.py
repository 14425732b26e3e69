"""Every YAML document the test suite knows, labelled with the published schema that governs it.

The corpus of the schema-agreement test (`tests/test_schema_agreement.py`): the data-driven
declaration cases, the hostile cases that damage a declaration, the demonstration data, documents
drawn from the Unicode and fuzz generators, and a synthetic registry with its records. Each
document is the bytes of one file and the name of its schema in `schema/`.
"""

from __future__ import annotations

import copy
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from registry_builder import REPO, base_declaration_text
from towns.lifecycle.paths import parse_record_path
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
# Hypothesis draws per generator: enough to reach every field, few enough to stay fast.
DRAWS = 80


@dataclass(frozen=True)
class CorpusDocument:
    origin: str  # where it comes from, e.g. "cases/bad-mobile" or "demo/records/…"
    schema: str  # file name in schema/
    data: bytes


def corpus(tmp: Path) -> list[CorpusDocument]:
    """The whole corpus; ``tmp`` is an empty folder for the registries it generates."""
    return [
        *declaration_cases(),
        *hostile_documents(tmp / "hostile"),
        *repository_documents(REPO, "demo"),
        *generated_documents(tmp / "generated"),
        *repository_documents(generate(tmp / "synth", 12, seed=5, as_of=TODAY), "synth"),
    ]


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


def generated_documents(tmp: Path) -> Iterator[CorpusDocument]:
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
        for number, document in enumerate(draw(make, DRAWS)):
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
