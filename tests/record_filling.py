"""What a reviewer does with a file `towns record` wrote: check its schema, fill in its blanks.

`fill_blanks` replaces every blank 「"（请填写……）"」 with a value fit for its key, the way a person
would: a conclusion 符合, a grade 合格 (in both tiers' scales), a document number, a sentence.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema

from towns.lifecycle.paths import parse_record_path
from towns.lifecycle.schemas import schema_name
from towns.loading import load_yaml_file
from towns.program import load_program_file, program_limits

BLANK = re.compile(r'^(?P<head>\s*(?:- )?(?P<key>[a-z_]+): )"（请填写[^"]*"(?P<tail>.*)$')
FILLED = {
    "conclusion": "符合",
    "grade": "合格",
    "document_number": "粤经信函〔2026〕1号（测试）",
}


def fill_blanks(path: Path) -> int:
    """Fill every blank of the file in place; the number of blanks filled."""
    lines = path.read_text(encoding="utf-8").splitlines()
    filled = 0
    for index, line in enumerate(lines):
        match = BLANK.match(line)
        if match is None:
            continue
        value = FILLED.get(match["key"], "经审核，情况属实。")
        lines[index] = f"{match['head']}{value}{match['tail']}"
        filled += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return filled


def blank_lines(path: Path) -> list[int]:
    """The 1-based lines holding a blank value (comments excluded)."""
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if BLANK.match(line)]


def plain(value: Any) -> Any:
    """Loaded YAML as the JSON Schema validator reads it (decimals as floats)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def assert_follows_schema(root: Path, rel: str, repo: Path) -> None:
    """The file loads with the project's loader and follows the committed JSON Schema it names."""
    place = parse_record_path(rel)
    assert place is not None, rel
    first = (root / rel).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = ((root / rel).parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (root / "schema" / f"{schema_name(place.kind)}.schema.json").resolve()
    program = load_program_file(root / "program.yaml")
    result = load_yaml_file(root / rel, rel, program_limits(program, "record"))
    assert result.document is not None and not result.findings, result.findings
    schema = json.loads(
        (repo / "schema" / f"{schema_name(place.kind)}.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        plain(result.document.data)
    )
