"""The safe YAML loader: typing rules, positions, and hostile input answered with findings."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from towns import yaml_tokens
from towns.loading import Limits, load_yaml_file, parse_yaml

REPO = Path(__file__).resolve().parent.parent


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
    assert set(found) == {"E-YAML-002"}
    assert len(found) <= 50, "a bomb's thousands of aliases must not flood the report"
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


def located(text: str) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in parse_yaml(text, "x.yaml").findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an anchor on a mapping key, reused as a value: libyaml's nodes keep no anchor names
        ("&k district: 天河区\ncoordination_lead: *k\n", [("E-YAML-002", 1, 1), ("E-YAML-002", 2, 20)]),
        # an alias used as a key
        ("a: &k x\n*k : y\n", [("E-YAML-002", 1, 4), ("E-YAML-002", 2, 1)]),
        # an anchor nobody refers to
        ("name: &unused 云帆小镇\n", [("E-YAML-002", 1, 7)]),
        ("list:\n  - &item {a: 1}\n", [("E-YAML-002", 2, 5)]),
        # the non-specific tag, which libyaml resolves away (`! 12` would become the number 12)
        ("fibre_mbps: ! 12\n", [("E-YAML-005", 1, 13)]),
        ("a: !<tag:yaml.org,2002:str> x\n", [("E-YAML-005", 1, 4)]),
        ("! a: 1\n", [("E-YAML-005", 1, 1)]),
    ],
)
def test_anchors_aliases_and_tags_are_refused_wherever_they_stand(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    result = parse_yaml(text, "x.yaml")
    assert result.document is None
    assert located(text) == expected


def test_refusals_show_what_was_written() -> None:
    text = "&k a: 1\nb: *k\nc: !!python/name:os.system\n"
    messages = [f.message for f in parse_yaml(text, "x.yaml").findings]
    assert messages == [
        "不允许使用 YAML 锚点或别名（&k）",
        "不允许使用 YAML 锚点或别名（*k）",
        "不允许使用 YAML 类型标记（!!python/name:os.system）",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "R&D: 研发 & 创新，5*3 = 15，好！\n",
        'note: "a & b * c ! d"\n',
        "url: https://example.com/a?b=1&c=2#top\n",
        "lang: C#\n",
        "# 文字中含有冒号、#、引号等符号时\na: 1 # 注释\n",
        "a: |\n  text\n# comment\nb: 1\n",
        'a: "#1 楼"\n',
        "? complex\n: no\n",
    ],
)
def test_text_that_only_looks_suspect_loads_cleanly(text: str) -> None:
    result = parse_yaml(text, "x.yaml")
    assert result.document is not None
    assert [f.code for f in result.findings] == []


@pytest.mark.parametrize(
    ("text", "data", "where"),
    [
        ('key: "value"# note\n', {"key": "value"}, (1, 13)),
        ("key: 'value'#note\n", {"key": "value"}, (1, 13)),
        ("a: [b, c]#note\n", {"a": ["b", "c"]}, (1, 10)),
        ("a: [b, c,#note\n  ]\n", {"a": ["b", "c"]}, (1, 10)),
        ("a: {b: 1}#note\n", {"a": {"b": 1}}, (1, 10)),
        ("a: >#note\n  text\n", {"a": "text\n"}, (1, 5)),
        ("a: |+2#note\n   text\n", {"a": " text\n"}, (1, 7)),
        ("%YAML 1.1#note\n---\na: 1\n", {"a": 1}, (1, 10)),
    ],
)
def test_a_comment_glued_to_a_value_is_an_error_not_a_silent_loss(
    text: str, data: object, where: tuple[int, int]
) -> None:
    result = parse_yaml(text, "x.yaml")
    assert result.document is not None and result.document.data == data  # what libyaml keeps
    assert located(text) == [("E-YAML-012", *where)]


@pytest.mark.parametrize(
    ("text", "where"),
    [("a: [?x]\n", (1, 5)), ("a: { ?foo: bar }\n", (1, 6)), ("a: [b,\n  ?c]\n", (2, 3))],
)
def test_a_question_mark_glued_to_a_flow_item_is_an_error(text: str, where: tuple[int, int]) -> None:
    assert located(text) == [("E-YAML-013", *where)]


def test_the_token_pass_costs_nothing_on_plain_files() -> None:
    """Speed is a benchmark's business; this pins the mechanism: typical text never triggers it."""
    typical = (REPO / "tests/fixtures/base-industry/declaration.yaml").read_text(encoding="utf-8")
    assert not yaml_tokens.suspect(typical)


_YAMLISH = st.text(alphabet=st.sampled_from([*"ab1 \t\n:-?,[]{}&*!#|>+\"'%", "\u3000", "值"]), max_size=40)


@settings(max_examples=2_000, deadline=None)
@given(_YAMLISH)
def test_the_cheap_search_never_misses_what_the_token_pass_would_find(text: str) -> None:
    """The token pass runs only when `suspect` says so (and libyaml composed the text)."""
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return  # a syntax error is reported before any token pass
    if yaml_tokens.scan_tokens(text, "x.yaml").findings:
        assert yaml_tokens.suspect(text)
