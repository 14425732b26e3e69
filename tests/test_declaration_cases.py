"""Every case of tests/cases/declarations.yaml: the exact findings, with lines and columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from message_language import assert_readable
from registry_builder import BASE_CITY, BASE_ID, base_declaration_text, make_registry
from towns.check import run_check

CASES_FILE = Path(__file__).parent / "cases" / "declarations.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 30)
TOWN = f"submissions/{BASE_CITY}/{BASE_ID}"


def _case_bytes(case: dict[str, Any]) -> bytes:
    if "text" in case:
        return str(case["text"]).encode("utf-8")
    text = base_declaration_text()
    for old, new in case.get("replace", []):
        assert text.count(old) == 1, f"{case['name']}: {old!r} must occur exactly once in the base"
        text = text.replace(old, new)
    data = text.encode(case.get("encoding", "utf-8"))
    return bytes.fromhex(case.get("prefix_hex", "")) + data


def _parse_expect(item: str) -> tuple[str, int, int | None]:
    code, _, where = item.partition("@")
    line, _, column = where.partition(":")
    return code, int(line), int(column) if column else None


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_declaration_case(tmp_path: Path, case: dict[str, Any]) -> None:
    root = make_registry(tmp_path / "repo")
    declaration = root / TOWN / "declaration.yaml"
    declaration.write_bytes(_case_bytes(case))
    before = declaration.read_bytes()

    result = run_check(root, today=TODAY)

    got = sorted((f.code, f.line, f.column) for f in result.findings if f.file.startswith(TOWN))
    expected = [_parse_expect(item) for item in case["expect"]]
    assert len(got) == len(expected), f"got {got}"
    for (code, line, column), (exp_code, exp_line, exp_column) in zip(
        got, sorted(expected, key=lambda e: (e[0], e[1], e[2] or 0)), strict=True
    ):
        assert (code, line) == (exp_code, exp_line), f"got {got}"
        if exp_column is not None:
            assert column == exp_column, f"got {got}"
    assert declaration.read_bytes() == before, "the checker must never modify a user's file"
    for f in result.findings:
        assert f.message and not f.message.isascii(), f"{f.code} message must be Chinese"
    assert_readable(result.findings)
