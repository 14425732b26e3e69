"""Escaping untrusted values for Markdown that a bot with a write token posts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from towns.github.markdown import text

ZWJ = "\u200d"
WJ = "\u2060"


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("广州市天河区", "广州市天河区"),
        ("a | b", "a &#124; b"),
        ("x\n\n| forged | row |", "x &#124; forged &#124; row &#124;"),
        ("`code`", "&#96;code&#96;"),
        ("<!-- towns-report:v1 -->", "&#60;&#33;-- towns-report:v1 --&#62;"),
        ("<script>alert(1)</script>", "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;"),
        (
            "</details><img src=x onerror=alert(1)>",
            "&#60;/details&#62;&#60;img src=x onerror=alert&#40;1&#41;&#62;",
        ),
        (
            "@octocat 和 @example-province/province-review",
            f"@{ZWJ}octocat 和 @{ZWJ}example-province/province-review",
        ),
        ("见 #12", f"见 &#35;{ZWJ}12"),
        ("[点此](https://evil.example/x)", f"&#91;点此&#93;&#40;https:{WJ}//evil.example/x&#41;"),
        ("www.evil.example", f"www{WJ}.evil.example"),
        (
            "**粗体** _斜体_ ~~删除~~ $x$",
            "&#42;&#42;粗体&#42;&#42; &#95;斜体&#95; &#126;&#126;删除&#126;&#126; &#36;x&#36;",
        ),
        ("a\\|b", "a&#92;&#124;b"),
        ("a&#124;b", f"a&#38;&#35;{ZWJ}124;b"),
        ("右到左\u202e覆盖\u0000控制\u0007", "右到左覆盖控制"),
        (None, ""),
        (42, "42"),
    ],
)
def test_exact_escaping(raw: object, escaped: str) -> None:
    assert text(raw) == escaped


def test_length_limit_cuts_before_escaping() -> None:
    assert text("甲" * 10, limit=5) == "甲甲甲甲…"
    assert text("|" * 10, limit=3) == "&#124;&#124;…"


@given(st.text(max_size=400))
def test_no_value_can_escape_its_cell(raw: str) -> None:
    out = text(raw, limit=200)
    assert not set(out) & set("|<>`\n\r[]()*_~$\\")
    decoded = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), out)
    assert "&" not in re.sub(r"&#\d+;", "", out), "every & starts a numeric reference"
    assert not re.search(r"@[A-Za-z0-9]", decoded), "mentions must be broken"
    assert not re.search(r"#\d", decoded) and "://" not in decoded
