"""The safe YAML loader: typing rules, positions, and hostile input answered with findings."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from towns.loading import Limits, load_yaml_file, parse_yaml


def codes(text: str, limits: Limits | None = None) -> list[str]:
    return [f.code for f in parse_yaml(text, "x.yaml", limits).findings]


def test_scalars_keep_their_written_meaning() -> None:
    doc = parse_yaml(
        "a: 0755\nb: no\nc: on\nd: 1.50\ne: 13800138000\nf: 2018-08-20\ng: true\nh: ~\ni: '12'\nj: 0x1F\n",
        "x.yaml",
    ).document
    assert doc is not None
    assert doc.data == {
        "a": "0755",
        "b": "no",
        "c": "on",
        "d": Decimal("1.50"),
        "e": 13800138000,
        "f": "2018-08-20",
        "g": True,
        "h": None,
        "i": "12",
        "j": "0x1F",
    }


def test_positions_inside_nested_lists() -> None:
    doc = parse_yaml("top:\n  items:\n    - name: a\n    - name: b\n      extra: 1\n", "x.yaml").document
    assert doc is not None
    assert doc.positions[("top", "items", 1, "name")] == (4, 13)
    assert doc.key_positions[("top", "items", 1, "extra")] == (5, 7)
    assert doc.locate(("top", "items", 1, "missing")) == (4, 7)


def test_alias_bomb_is_refused_fast() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    start = time.perf_counter()
    found = codes("\n".join(lines))
    assert found == ["E-YAML-002"]
    assert time.perf_counter() - start < 1.0


def test_deep_nesting_stops_at_the_limit_without_recursion() -> None:
    assert codes("a: " + "[" * 100_000) == ["E-YAML-006"]


def test_limits_on_lists_and_text() -> None:
    small = Limits(max_list_items=3, max_scalar_chars=5)
    assert codes("a: [1, 2, 3, 4]", small) == ["E-YAML-010"]
    assert codes("a: abcdefgh", small) == ["E-YAML-011"]


def test_duplicate_keeps_the_first_value_and_reports_both_lines() -> None:
    result = parse_yaml("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert [f.code for f in result.findings] == ["E-YAML-004"]
    assert "第 1 行" in result.findings[0].message
    assert result.findings[0].line == 3


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: 50 MB without using the disk
        handle.truncate(50 * 1024 * 1024)
    result = load_yaml_file(big, "big.yaml", Limits(max_bytes=262_144))
    assert [f.code for f in result.findings] == ["E-FILE-001"]
    assert result.document is None


def test_symlink_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "secret.yaml"
    target.write_text("a: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert [f.code for f in load_yaml_file(link, "link.yaml").findings] == ["E-FILE-006"]


def test_gbk_file_gets_a_save_as_utf8_message(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("名称: 云帆小镇\n".encode("gbk"))
    result = load_yaml_file(path, "gbk.yaml")
    assert [f.code for f in result.findings] == ["E-FILE-002"]
    assert "GBK" in result.findings[0].message
    assert "UTF-8" in (result.findings[0].hint or "")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = parse_yaml(text, "fuzz.yaml", Limits(max_depth=8, max_list_items=50, max_scalar_chars=100))
    for f in result.findings:
        assert f.line >= 1 and f.column >= 1
        assert f.message


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system x",
        "a: !!binary eA==",
        "a: !custom x",
        "a: !!set {x}",
        "a: !!str x",
        "a: !!map {}",
    ],
)
def test_every_explicit_tag_is_refused(text: str) -> None:
    assert codes(text + "\n") == ["E-YAML-005"]


@pytest.mark.parametrize(
    "text",
    [
        "a: [",
        "a: [1 2",
        "a: {x: 1",
        'a: "unclosed',
        "a: 1\n b: 2",
        "a:\n\tb: 1",
        "- a\nb: 1",
        'a: "\\q"',
        "a: b: c",
        "a: @x",
        "key\nother: 1",
    ],
)
def test_common_syntax_errors_are_explained_in_chinese(text: str) -> None:
    (found,) = parse_yaml(text, "x.yaml").findings
    assert found.code == "E-YAML-001"
    assert "语法错误（" not in found.message, f"untranslated parser text: {found.message}"
