"""Safe reading of YAML files with the position of every value.

Reading is decided before a file is read whole (size from `stat`, then a bounded read), decoded as
strict UTF-8, and parsed event by event with PyYAML's C parser. Values are built here, not by
PyYAML's constructor, so that:

* anchors, aliases, merge keys, explicit tags, duplicate keys and non-scalar keys are findings;
* text that libyaml accepts although it drops a character the user typed (a comment glued to a
  quoted value, a "?" glued to a flow item) is an error, not a silent loss;
* `no`/`on`/`yes` stay strings, only `true`/`false` are booleans;
* numbers with a leading zero (`0755`, `020-1234`) stay strings, decimals become `Decimal` (exact);
* dates stay strings (the models parse them);
* nesting depth, list length and text length are bounded while parsing, so no input explodes.

Composed nodes do not keep anchor names, and libyaml resolves the non-specific tag `!` away, so
anchors, aliases and tags are found in libyaml's tokens instead (`towns.yaml_tokens`): a second,
token-level pass over the text, run only when a cheap search shows the text could contain one
(most files cannot).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser

from towns.catalog import finding
from towns.findings import Finding, Location
from towns.yaml_tokens import TokenScan, scan_tokens, short_source, suspect


class _Composer(CParser):
    """libyaml's composer with a resolver that only marks nodes as untagged.

    PyYAML's resolver is Python code called for every node; we resolve plain scalars ourselves,
    so composing needs none of it. Any tag other than `_IMPLICIT` was written in the file.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return _IMPLICIT

    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_IMPLICIT = "!towns/implicit"

PathKey = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
# Exponents are capped at three digits so that no scalar can expand into a gigantic number.
_DECIMAL = re.compile(
    r"[-+]?(?:0|[1-9][0-9]*)?(?:\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]{1,3}"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one file; the registry takes them from `program.yaml`."""

    max_bytes: int = 262_144
    max_depth: int = 20
    max_list_items: int = 2_000
    max_scalar_chars: int = 20_000


@dataclass(slots=True)
class Document:
    """A parsed YAML document: plain data plus 1-based positions of its values and keys."""

    file: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    texts: list[tuple[PathKey, str]] = field(default_factory=list)  # every text value, in file order

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest existing ancestor.

        With ``key=True`` the position of the mapping key is preferred (useful for "unknown field").
        """
        parts = tuple(path)
        while True:
            if key and parts in self.key_positions:
                return self.key_positions[parts]
            if parts in self.positions:
                return self.positions[parts]
            if not parts:
                return (1, 1)
            parts = parts[:-1]

    def at(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """Where a finding about ``path`` points: `locate`'s position, the dotted path as its field."""
        line, column = self.locate(path, key=key)
        return Location(self.file, line, column, dotted(path) or None)


@dataclass(slots=True)
class LoadResult:
    """A document (None when the file could not be parsed) and the findings of loading it."""

    document: Document | None
    findings: list[Finding]


def _position(byte_text: bytes, offset: int) -> tuple[int, int]:
    line = byte_text.count(b"\n", 0, offset) + 1
    start = byte_text.rfind(b"\n", 0, offset) + 1
    column = len(byte_text[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def read_text(path: Path, rel: str, max_bytes: int) -> tuple[str | None, list[Finding]]:
    """Read a text file safely: regular file, size limit before reading, strict UTF-8, no NUL."""
    try:
        info = path.lstat()
    except OSError:
        return None, [finding("E-FILE-005", file=rel)]
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        return None, [finding("E-FILE-006", file=rel)]
    if info.st_size > max_bytes:
        return None, [finding("E-FILE-001", file=rel, size=info.st_size, limit=max_bytes)]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError:
        return None, [finding("E-FILE-005", file=rel)]
    if len(raw) > max_bytes:
        return None, [finding("E-FILE-001", file=rel, size=len(raw), limit=max_bytes)]
    return decode_text(raw, rel)


def decode_text(raw: bytes, rel: str) -> tuple[str | None, list[Finding]]:
    """Strict UTF-8 decoding with a Chinese explanation of what went wrong and where."""
    findings: list[Finding] = []
    if raw.startswith(_UTF16_BOMS):
        return None, [finding("E-FILE-002", file=rel, encoding="UTF-16")]
    if raw.startswith(_UTF8_BOM):
        findings.append(finding("W-FILE-004", file=rel))
        raw = raw[len(_UTF8_BOM) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _position(raw, nul)
        return None, [*findings, finding("E-FILE-003", file=rel, line=line, column=column)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        guess = "GBK/GB18030" if _looks_like_gb(raw) else "未知"
        return None, [*findings, finding("E-FILE-002", file=rel, line=line, column=column, encoding=guess)]
    return text, findings


def _looks_like_gb(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(_NULLS, None),
    **dict.fromkeys(_TRUE, True),
    **dict.fromkeys(_FALSE, False),
}


def resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted) scalar under this project's restricted YAML typing."""
    if value in _CONSTANTS:
        return _CONSTANTS[value]
    if _INT.fullmatch(value):
        return int(value)
    if _DECIMAL.fullmatch(value):
        return Decimal(value)
    return value


# What YAML 1.2 (and check-jsonschema's reader, which also takes `_` and `0b`) reads as a number.
_NUMERAL = re.compile(
    r"[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF)|)|\.(?:nan|NaN|NAN)"
)
_FLOAT_DIGITS = 15  # significant digits every reader keeps exactly


def other_reading(text: str, value: Any) -> tuple[str, str] | None:
    """How other YAML readers read a plain scalar when it is not what this loader reads, else None.

    Editors and check-jsonschema follow YAML 1.2: ``0755`` is the number 755, ``0x1F`` is 31,
    ``.nan`` is not a number JSON knows, ``1e999`` is infinite, ``1.0000000000000001`` is 1.0.
    Returns (what they read, an example of an unambiguous number) for the finding E-YAML-014.
    """
    if isinstance(value, str):
        special = value.lower().lstrip("+-") in {".inf", ".nan"}
        numeral = bool(_NUMERAL.fullmatch(value)) and any(c.isdigit() for c in value)
        return ("有的读作数字，有的读作文字", _example(value)) if special or numeral else None
    if isinstance(value, Decimal):
        digits = value.as_tuple().digits
        number = float(value)
        if (
            len(digits) > _FLOAT_DIGITS
            or number in (float("inf"), float("-inf"))
            or (number == 0 and value != 0)
        ):
            return (f"有的读作 {value}，有的读作 {number!r}", _example(text))
    return None


def _example(text: str) -> str:
    plain = text.replace("_", "").lstrip("+")
    if re.fullmatch(r"-?0[0-9]+", plain):
        return str(int(plain))
    return "755"


class _Walker:
    """Turn a composed node graph into plain data, refusing what a declaration must not use.

    The graph is composed by the C parser; an alias shows up as the same node reached twice,
    so an alias bomb is refused at its first reuse, before anything is expanded. Recursion is
    bounded by ``max_depth`` (and libyaml bounds composition depth itself).
    """

    def __init__(self, rel: str, limits: Limits) -> None:
        self.rel = rel
        self.limits = limits
        self.findings: list[Finding] = []
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.key_positions: dict[PathKey, tuple[int, int]] = {}
        self.texts: list[tuple[PathKey, str]] = []
        self.seen: set[int] = set()
        self.fatal = False

    def fail(self, code: str, node: Any, **params: Any) -> None:
        mark = node.start_mark
        self.findings.append(
            finding(code, file=self.rel, line=mark.line + 1, column=mark.column + 1, **params)
        )

    def stop(self, code: str, node: Any, **params: Any) -> None:
        self.fail(code, node, **params)
        self.fatal = True

    def value(self, node: Any, path: PathKey, depth: int) -> Any:
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if id(node) in self.seen:  # an alias the token pass missed: never expand it
            self.stop("E-YAML-002", node, written="*")
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            value = self.scalar(node)
            if isinstance(value, str):
                self.texts.append((path, value))
            return value
        if depth >= self.limits.max_depth:
            self.stop("E-YAML-006", node, limit=self.limits.max_depth)
            return None
        if node.tag != _IMPLICIT:
            self.stop("E-YAML-005", node, tag=node.tag)
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        return self.sequence(node, path, depth)

    def scalar(self, node: Any) -> Any:
        if node.tag != _IMPLICIT:
            self.stop("E-YAML-005", node, tag=node.tag)
            return None
        text: str = node.value
        if len(text) > self.limits.max_scalar_chars:
            self.fail("E-YAML-011", node, length=len(text), limit=self.limits.max_scalar_chars)
            return text[: self.limits.max_scalar_chars]
        if node.style:
            return text
        value = resolve_plain(text)
        reading = other_reading(text, value)
        if reading is not None:
            self.fail("E-YAML-014", node, written=text, reading=reading[0], example=reading[1])
        return value

    def mapping(self, node: Any, path: PathKey, depth: int) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.stop("E-YAML-008", key_node)
                return None
            if key_node.value == "<<" and not key_node.style:
                self.stop("E-YAML-003", key_node)
                return None
            key: str = key_node.value
            key_path = (*path, key)
            mark = key_node.start_mark
            if key in first_lines:
                self.fail(
                    "E-YAML-004", key_node, key=key, first_line=first_lines[key], field=dotted(key_path)
                )
                continue
            first_lines[key] = mark.line + 1
            self.key_positions[key_path] = (mark.line + 1, mark.column + 1)
            out[key] = self.value(value_node, key_path, depth + 1)
            if self.fatal:
                return None
        return out

    def sequence(self, node: Any, path: PathKey, depth: int) -> list[Any] | None:
        if len(node.value) > self.limits.max_list_items:
            self.stop("E-YAML-010", node, limit=self.limits.max_list_items)
            return None
        out: list[Any] = []
        for index, item in enumerate(node.value):
            out.append(self.value(item, (*path, index), depth + 1))
            if self.fatal:
                return None
        return out


_ALIAS = re.compile(r"\*[^\s,\[\]{}]+")


def value_at(data: Any, path: Sequence[str | int]) -> Any:
    """The value at ``path`` in loaded YAML data, or None where the path does not lead."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def dotted(path: Sequence[str | int]) -> str:
    """``("companies", 2, "name")`` → ``companies[2].name``: a finding's field (the JSON report's API)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_yaml(text: str, rel: str, limits: Limits | None = None) -> LoadResult:
    """Parse YAML text into a positioned document; every problem is a finding."""
    walker = _Walker(rel, limits or Limits())
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return LoadResult(None, [_syntax_finding(exc, text, rel, walker.limits)])
    except yaml.YAMLError as exc:
        return LoadResult(None, [finding("E-YAML-001", file=rel, problem=str(exc))])
    finally:
        loader.dispose()
    if node is None:
        return LoadResult(None, [finding("E-YAML-009", file=rel)])
    scan = scan_tokens(text, rel) if suspect(text) else TokenScan()
    if scan.refused:
        return LoadResult(None, scan.findings)
    data = walker.value(node, (), 0)
    if walker.fatal:
        return LoadResult(None, [*scan.findings, *walker.findings])
    document = Document(
        file=rel,
        data=data,
        positions=walker.positions,
        key_positions=walker.key_positions,
        texts=walker.texts,
    )
    return LoadResult(document, [*scan.findings, *walker.findings])


def _syntax_finding(exc: yaml.MarkedYAMLError, text: str, rel: str, limits: Limits) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(exc.problem or "")
    if "nesting depth" in problem:  # libyaml's own guard, below ours for flow collections
        return finding("E-YAML-006", file=rel, line=line, column=column, limit=limits.max_depth)
    if str(exc.context or "").startswith("expected a single document"):
        return finding("E-YAML-007", file=rel, line=line, column=column)
    if problem.startswith("found undefined alias"):
        alias = _ALIAS.match(text, mark.index) if mark is not None else None
        written = short_source(alias.group(0)) if alias else "*"
        return finding("E-YAML-002", file=rel, line=line, column=column, written=written)
    return finding("E-YAML-001", file=rel, line=line, column=column, problem=_problem(exc))


# libyaml's problem texts (prefixes) → what a non-programmer can act on.
_PROBLEMS = (
    ("mapping values are not allowed", "此处不能出现“键: 值”，可能是缩进不对或冒号后缺少空格"),
    ("could not find expected ':'", "缺少英文冒号“:”，或者上一行的引号没有闭合"),
    ("found unexpected end of stream", "文件意外结束，可能有未闭合的引号或括号"),
    ("did not find expected key", "缩进不一致，未找到预期的字段名"),
    ("did not find expected '-' indicator", "列表项缺少“-”或缩进不一致"),
    ("expected <block end>", "缩进不一致，这一行与上文的层级对不上"),
    ("did not find expected node content", "此处缺少内容，可能是方括号、花括号或引号没有闭合"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合，或列表项之间缺少英文逗号"),
    ("did not find expected ',' or '}'", "花括号没有闭合，或各项之间缺少英文逗号"),
    ("found unknown escape character", "双引号内有无法识别的转义字符“\\”"),
    ("found a tab character", "使用了 Tab 缩进，请改用空格"),
    (
        "found character that cannot start any token",
        "出现了不能放在开头的字符（如 Tab、@ 或 `），文字请加引号",
    ),
)


def _problem(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "").strip()
    for prefix, chinese in _PROBLEMS:
        if problem.startswith(prefix):
            return chinese
    return f"语法错误（{problem}）" if problem else "语法错误"


def load_yaml_file(path: Path, rel: str, limits: Limits | None = None) -> LoadResult:
    """Read and parse one YAML file; never raises for bad input."""
    limits = limits or Limits()
    text, findings = read_text(path, rel, limits.max_bytes)
    if text is None:
        return LoadResult(None, findings)
    result = parse_yaml(text, rel, limits)
    return LoadResult(result.document, [*findings, *result.findings])
