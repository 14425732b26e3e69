"""The loader against the public yaml-test-suite: every case answers, and answers rightly.

The suite (data release 2022-01-17, MIT) lives beside the repository, in
`../shared/peers/yaml-test-suite/` (override with ``TOWNS_YAML_TEST_SUITE``); without it these
tests skip. Each case is one input with its verdict (``error`` present: the input is not YAML) and,
for valid input, the expected data (``in.json``). Our loader must:

* answer every case (a document or findings) without an exception or a time-out;
* refuse every invalid case, except the libyaml leniencies below, each of which loses nothing;
* load every valid case inside the registry's subset (no anchors, tags, complex keys, several
  documents) to the data of ``in.json``, up to the deliberate differences of `towns.loading`.

The tally is pinned in `docs/dev/loading.md`; this module fails when the two disagree.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from towns.loading import LoadResult, load_yaml_file

REPO = Path(__file__).resolve().parent.parent
SUITE = Path(os.environ.get("TOWNS_YAML_TEST_SUITE", REPO.parent / "shared" / "peers" / "yaml-test-suite"))
CASES = SUITE / "cases"
DOC = REPO / "docs" / "dev" / "loading.md"
TIME_OUT_SECONDS = 5.0  # a hang guard, not a speed test (speed: scripts/bench.py)

# Invalid YAML that libyaml reads anyway. Each reads as the author evidently meant and drops no
# character: refusing them would only make the checker stricter than the editors people use.
LENIENCIES: dict[str, str] = {
    "9C9N": "flow sequence continued on lines indented less than its key; values intact",
    "DK95/01": "a tab at the start of a quoted scalar's continuation line is read as the folding space",
    "G5U8": "a plain '-' inside a flow sequence is kept as the text '-'",
    "QB6E": "a double-quoted scalar continued on less indented lines; folded as usual",
    "S98Z": "a less indented line starting with ' #' after a block scalar is read as a comment, as it looks",
    "Y79Y/003": "a tab as separation space inside a flow sequence",
    "YJV2": "'[-]': a plain '-' inside a flow sequence is kept as the text '-'",
}
# Valid YAML that libyaml reads differently from the specification. Only trailing whitespace of
# a keep-chomped block scalar at the very end of the file differs; the models strip it anyway.
DIFFERENCES: dict[str, str] = {
    "JEF9/02": "'|+' ending in a line of spaces without a line break: libyaml drops that line's break",
    "L24T/01": "'|' ending in a line of spaces without a line break: libyaml drops that line's break",
}
# Codes that mean "valid YAML, but outside the subset a declaration may use".
OUTSIDE_SUBSET = frozenset(
    {"E-YAML-002", "E-YAML-003", "E-YAML-005", "E-YAML-007", "E-YAML-008", "E-YAML-009"}
)
# Codes that refuse valid YAML which libyaml would read with a character lost (E-YAML-013: "?x").
LOSSY = frozenset({"E-YAML-012", "E-YAML-013"})


@dataclass(frozen=True)
class Case:
    id: str
    folder: Path

    @property
    def invalid(self) -> bool:
        return (self.folder / "error").exists()

    @property
    def expected(self) -> Any:
        """The data of ``in.json`` (its first document), or `NO_JSON`."""
        path = self.folder / "in.json"
        if not path.exists():
            return NO_JSON
        text = path.read_text(encoding="utf-8").strip()
        return json.JSONDecoder().raw_decode(text)[0] if text else None


NO_JSON = object()


@cache
def cases() -> tuple[Case, ...]:
    if not CASES.is_dir():
        return ()
    folders = sorted(path.parent for path in CASES.rglob("in.yaml"))
    return tuple(Case(folder.relative_to(CASES).as_posix(), folder) for folder in folders)


def _params() -> list[Any]:
    if not cases():
        reason = f"the yaml-test-suite is not at {SUITE} (set TOWNS_YAML_TEST_SUITE to its folder)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="suite-absent")]
    return [pytest.param(case, id=case.id) for case in cases()]


def load(case: Case) -> tuple[LoadResult, float]:
    start = time.perf_counter()
    result = load_yaml_file(case.folder / "in.yaml", "in.yaml")
    return result, time.perf_counter() - start


def refused(result: LoadResult) -> bool:
    return result.document is None or any(f.blocking for f in result.findings)


_KEPT_AS_TEXT = re.compile(r"[-+]?0[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_SPECIAL = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}


def _core_number(text: str) -> int | float | None:
    """The core schema's number for a plain scalar our loader deliberately keeps as text."""
    if _KEPT_AS_TEXT.fullmatch(text):
        return int(text, 0) if text[:2] in {"0o", "0x"} else int(text)
    return _CORE_SPECIAL.get(text.lower())


def equivalent(ours: Any, theirs: Any) -> bool:
    """Equal data, allowing the loader's deliberate differences from the core schema.

    Decimals stand for floats; leading-zero, octal, hexadecimal and special numbers stay text.
    (Dates and yes/no/on/off are text in the core schema too, so they need no exception.)
    """
    if isinstance(theirs, dict):
        return (
            isinstance(ours, dict)
            and ours.keys() == theirs.keys()
            and all(equivalent(ours[k], theirs[k]) for k in ours)
        )
    if isinstance(theirs, list):
        return (
            isinstance(ours, list)
            and len(ours) == len(theirs)
            and all(equivalent(a, b) for a, b in zip(ours, theirs, strict=True))
        )
    if isinstance(theirs, bool) or theirs is None:
        return ours is theirs
    if isinstance(theirs, int | float):
        if isinstance(ours, str):
            return _core_number(ours) == theirs
        exact = Decimal(theirs) if isinstance(theirs, int) else Decimal(repr(theirs))  # as written in in.json
        return isinstance(ours, int | Decimal) and not isinstance(ours, bool) and Decimal(ours) == exact
    return bool(ours == theirs)


def outcome(case: Case) -> str:
    """The case's category in the tally; asserts everything a category promises."""
    result, seconds = load(case)
    assert seconds < TIME_OUT_SECONDS, f"{case.id} took {seconds:.1f} s"
    assert all(f.line >= 1 and f.column >= 1 and f.message for f in result.findings)
    if case.invalid:
        return _invalid(case, result)
    return _valid_refused(case, result) if refused(result) else _valid_loaded(case, result)


def _invalid(case: Case, result: LoadResult) -> str:
    if refused(result):
        assert case.id not in LENIENCIES, f"{case.id} is refused now: remove it from LENIENCIES"
        return "invalid, refused"
    data = result.document.data if result.document else None
    assert case.id in LENIENCIES, f"invalid {case.id} was accepted as {data!r}"
    return "invalid, accepted (leniency that loses nothing)"


def _valid_refused(case: Case, result: LoadResult) -> str:
    codes = {f.code for f in result.findings if f.blocking}
    if codes & LOSSY:
        return "valid, refused: libyaml would drop a character"
    if codes & OUTSIDE_SUBSET:
        return "valid, outside the subset (anchors, tags, complex keys, several documents, empty)"
    assert codes == {"E-YAML-001"}, f"{case.id}: {codes}"
    return "valid, refused: libyaml cannot parse it (E-YAML-001)"


def _valid_loaded(case: Case, result: LoadResult) -> str:
    assert result.document is not None
    expected = case.expected
    if expected is NO_JSON:
        return "valid, loaded, no in.json to compare (e.g. an empty key)"
    if equivalent(result.document.data, expected):
        assert case.id not in DIFFERENCES, f"{case.id} loads equal now: remove it from DIFFERENCES"
        return "valid, loaded equal to in.json"
    assert case.id in DIFFERENCES, f"{case.id}: {result.document.data!r} != {expected!r}"
    return "valid, loaded with a known libyaml difference"


@pytest.mark.parametrize("case", _params())
def test_case(case: Case) -> None:
    outcome(case)


def tally_table(counts: Counter[str], total: int) -> str:
    rows = [f"| all cases, each answered without an exception or a time-out | {total} |"]
    rows += [f"| {name} | {count} |" for name, count in sorted(counts.items())]
    return "\n".join(["| outcome | cases |", "|---|---|", *rows])


def test_the_tally_in_the_developer_notes_is_current() -> None:
    if not cases():
        pytest.skip(f"the yaml-test-suite is not at {SUITE}")
    counts = Counter(outcome(case) for case in cases())
    table = tally_table(counts, len(cases()))
    assert table in DOC.read_text(encoding="utf-8"), f"update the tally in {DOC.relative_to(REPO)}:\n{table}"


def test_every_listed_exception_is_in_the_developer_notes() -> None:
    text = DOC.read_text(encoding="utf-8")
    for case_id in (*LENIENCIES, *DIFFERENCES):
        assert f"`{case_id}`" in text, f"{case_id} must be listed with its reason in {DOC.relative_to(REPO)}"


@pytest.mark.parametrize(
    ("ours", "theirs", "same"),
    [
        ({"a": Decimal("1.50")}, {"a": 1.5}, True),
        ("0755", 755, True),
        ("0x1F", 31, True),
        (".inf", math.inf, True),
        ("12", 12, False),
        (True, 1, False),
        (1, True, False),
        ("2018-08-20", "2018-08-20", True),
        ({"a": 1}, {"a": 1, "b": 2}, False),
        (["a"], ["a", "b"], False),
        (None, "", False),
    ],
)
def test_equivalence_allows_only_the_deliberate_differences(ours: Any, theirs: Any, same: bool) -> None:
    assert equivalent(ours, theirs) is same
