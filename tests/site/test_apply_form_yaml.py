"""The form's YAML reading and writing (tools/form/src/yamlio.js) against the checker's own loader.

The form must read a declaration exactly as `towns check` does and write text the checker reads
back as the same values. These cases run the form's module under Node (no browser needed) and
hold every answer against `towns.loading`: the typing of unquoted scalars, Python's text of a
decimal typed where text belongs, text that must be quoted, and what is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from towns.loading import parse_yaml, resolve_plain

FORM = Path(__file__).resolve().parents[2] / "tools" / "form"

# Text that other code could take for something else: YAML 1.1 and 1.2 numbers, booleans, nulls,
# dates, indicators, quotes, line breaks, and Chinese punctuation.
TRICKY_TEXT = [
    *["0755", "00", "01", "0", "-0", "+1", "1_000", "1e3", "1E3", "1.5e3", ".5", "5.", "1.0", "0.0", "-0.0"],
    *["0x1F", "0o17", "0b101", ".inf", "-.inf", ".nan", "1:20", "190:20:30.15", "9" * 30, "1e400"],
    *["yes", "no", "on", "off", "y", "n", "Yes", "NO", "true", "True", "FALSE", "~", "null", "Null", ""],
    *["2018-08-20", "2018-8-2", "2018-08-20T10:00:00Z", "2018-08-20 10:00:00 +8", "=", "<<"],
    *[" ", " a", "a ", "- a", "-", "--", "---", "...", "a: b", "a:b", "#x", "a #b", "?", "? x", "[x", "{x"],
    *["x]", "'q'", '"q"', "\\", "a\nb", "a\n", "\n", "\t", "a\tb", "@x", "`x", "!x", "&x", "*x", "%x"],
    *[
        "|x",
        ">x",
        "中文：冒号",
        "“引号”",
        "（括号）",
        "\u00a0",
        "\u200b",
        "\ufeffx",
        "a\u2028b",
        "a\u2029b\nc",
        "a\u0085b",
    ],
]
PLAIN = [*TRICKY_TEXT, "123", "-7", "1.50", "12345678901234567890", "0.1e-7", "3E+2", "1.e3", "1e1234"]
DECIMALS = ["1.5e3", ".5", "-0.0", "0.000001", "0.0000001", "1E+2", "1.50", "123456789.123456789", "-.5e-9"]
DECIMALS += ["0e0", "0.00", "100e-2", "9.99999999999999999999", "1e-7", "+2.5", "12e3"]
PARSE = {
    "ok": "a: 1\nb: 0755\nc: '1'\nd: |\n  x\n  y\ne:\nf: [1, -0, 2.50]\n",
    "alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "merge": "<<: {a: 1}\nb: 2\n",
    "duplicate": "a: 1\na: 2\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "empty": "# only a comment\n",
    "syntax": "a: [1, 2\nb: 3\n",
    "line-separator": "a: 1\nb: x\u2028y\n",
}


def _run(cases: dict[str, Any]) -> dict[str, Any]:
    if shutil.which("node") is None or not (FORM / "node_modules").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI 环境缺少 Node.js 或 tools/form/node_modules：请运行 python3 scripts/dev.py setup")
        pytest.skip("本机没有 Node.js 或尚未运行 python3 scripts/dev.py setup")
    proc = subprocess.run(
        ["node", "test/yamlio-cases.mjs"],
        cwd=FORM,
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    return "decimal" if isinstance(value, Decimal) else "str"


def test_unquoted_scalars_are_typed_as_the_checker_types_them() -> None:
    kinds = _run({"plain": PLAIN})["plain"]
    assert kinds == [_kind(resolve_plain(text)) for text in PLAIN]


def test_a_decimal_where_text_belongs_reads_as_python_writes_it() -> None:
    texts = _run({"decimal": DECIMALS})["decimal"]
    assert texts == [str(Decimal(text)) for text in DECIMALS]


def test_written_text_reads_back_as_the_same_text() -> None:
    dumped = _run({"dump": TRICKY_TEXT})["dump"]
    for text, yaml_text in zip(TRICKY_TEXT, dumped, strict=True):
        loaded = parse_yaml(yaml_text, "x.yaml")
        assert loaded.document is not None and not loaded.findings, (text, yaml_text)
        assert loaded.document.data == {"value": text}, (text, yaml_text)


def test_text_any_reader_could_mistake_is_quoted() -> None:
    for text, yaml_text in zip(TRICKY_TEXT, _run({"dump": TRICKY_TEXT})["dump"], strict=True):
        if text in {"0755", "yes", "1_000", "0x1F", "2018-08-20", "~", "true", ""}:
            assert yaml_text.startswith('value: "'), (text, yaml_text)


def test_numbers_and_booleans_are_written_plain() -> None:
    dumped = _run({"dump": [300, 180.5, 0, True, False, None, 1e-7, 99999999999.99]})["dump"]
    values = [parse_yaml(t, "x.yaml").document.data["value"] for t in dumped]  # type: ignore[union-attr]
    assert values == [300, Decimal("180.5"), 0, True, False, None, Decimal("1e-7"), Decimal("99999999999.99")]


def test_what_the_checker_refuses_the_form_refuses() -> None:
    answers = dict(zip(PARSE, _run({"parse": list(PARSE.values())})["parse"], strict=True))
    assert answers.pop("ok") == {
        "ok": {
            "a": {"number": "1"},
            "b": "0755",
            "c": "1",
            "d": "x\ny\n",
            "e": None,
            "f": [{"number": "1"}, {"number": "-0"}, {"number": "2.50"}],
        }
    }
    for name, answer in answers.items():
        assert "refused" in answer, name
        assert not answer["refused"].isascii(), (name, answer)
    assert "第 2 行" in answers["duplicate"]["refused"]
    assert answers["line-separator"]["refused"].startswith("第 2 行")
    for name, text in PARSE.items():
        if name not in {"ok", "line-separator"}:  # libyaml reads U+2028 as a line break
            result = parse_yaml(text, "x.yaml")
            assert result.document is None or any(f.blocking for f in result.findings), name
