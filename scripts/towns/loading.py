"""Safe reading of YAML files with the position of every value.

Reading is decided before a file is read whole (size from `stat`, then a bounded read), decoded as
strict UTF-8, and parsed event by event with PyYAML's C parser. Values are built here, not by
PyYAML's constructor, so that:

* anchors, aliases, merge keys, explicit tags, duplicate keys and non-scalar keys are findings;
* `no`/`on`/`yes` stay strings, only `true`/`false` are booleans;
* numbers with a leading zero (`0755`, `020-1234`) stay strings, decimals become `Decimal` (exact);
* dates stay strings (the models parse them);
* nesting depth, list length and text length are bounded while parsing, so no input explodes.

Building is iterative (an explicit stack), never recursive, so deep input cannot exhaust the stack.
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

from towns.catalog import finding
from towns.findings import Finding

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - every supported platform ships the C parser
    _Loader = yaml.SafeLoader

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
_STRUCTURAL = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent)


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


class _Frame:
    """A mapping or sequence under construction."""

    __slots__ = ("container", "discard", "path", "pending_key", "seen")

    def __init__(self, container: dict[str, Any] | list[Any], path: PathKey) -> None:
        self.container = container
        self.path = path
        self.pending_key: str | None = None
        self.discard = False
        self.seen: dict[str, tuple[int, int]] = {}


class _Builder:
    def __init__(self, rel: str, limits: Limits) -> None:
        self.rel = rel
        self.limits = limits
        self.findings: list[Finding] = []
        self.doc = Document(file=rel, data=None)
        self.stack: list[_Frame] = []
        self.documents = 0
        self.fatal = False

    def fail(self, code: str, mark: Any, **params: Any) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.findings.append(finding(code, file=self.rel, line=line, column=column, **params))

    def stop(self, code: str, mark: Any, **params: Any) -> None:
        self.fail(code, mark, **params)
        self.fatal = True

    def _child_path(self, mark: Any) -> PathKey | None:
        """Path of the next value; registers a mapping key instead when one is expected."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            if len(top.container) >= self.limits.max_list_items:
                self.stop("E-YAML-010", mark, limit=self.limits.max_list_items)
                return None
            return (*top.path, len(top.container))
        assert top.pending_key is not None  # noqa: S101 - guarded by the caller's key handling
        return (*top.path, top.pending_key)

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.doc.data = value
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        else:
            key = top.pending_key
            top.pending_key = None
            if key is not None and not top.discard:
                top.container[key] = value
            top.discard = False

    def _expecting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].pending_key is None)
        )

    def event(self, ev: Any) -> None:
        """Consume one parser event; structural events first, then node events."""
        if isinstance(ev, _STRUCTURAL):
            self._structural(ev)
        elif self._refused(ev):
            return
        elif isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = self.stack.pop()
            self._attach(frame.container)
        elif self._expecting_key():
            self._key(ev)
        else:
            self._node(ev)

    def _structural(self, ev: Any) -> None:
        if isinstance(ev, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.stop("E-YAML-007", ev.start_mark)

    def _refused(self, ev: Any) -> bool:
        """Aliases, anchors and explicit tags stop parsing with a finding."""
        if isinstance(ev, yaml.AliasEvent):
            self.stop("E-YAML-002", ev.start_mark, name=ev.anchor)
            return True
        anchor = getattr(ev, "anchor", None)
        if anchor is not None:
            self.stop("E-YAML-002", ev.start_mark, name=anchor)
            return True
        tag = getattr(ev, "tag", None)
        if tag is None or tag == "!":
            return False
        implicit = any(ev.implicit) if isinstance(ev, yaml.ScalarEvent) else getattr(ev, "implicit", True)
        if implicit:
            return False
        self.stop("E-YAML-005", ev.start_mark, tag=tag)
        return True

    def _node(self, ev: Any) -> None:
        path = self._child_path(ev.start_mark)
        if path is None:
            return
        self.doc.positions[path] = (ev.start_mark.line + 1, ev.start_mark.column + 1)
        if isinstance(ev, yaml.ScalarEvent):
            self._scalar(ev)
            return
        if len(self.stack) >= self.limits.max_depth:
            self.stop("E-YAML-006", ev.start_mark, limit=self.limits.max_depth)
            return
        container: dict[str, Any] | list[Any] = {} if isinstance(ev, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(container, path))

    def _scalar(self, ev: Any) -> None:
        if len(ev.value) > self.limits.max_scalar_chars:
            self.fail("E-YAML-011", ev.start_mark, length=len(ev.value), limit=self.limits.max_scalar_chars)
            self._attach(ev.value[: self.limits.max_scalar_chars])
            return
        plain = ev.style is None or ev.style == ""
        self._attach(resolve_plain(ev.value) if plain else ev.value)

    def _key(self, ev: Any) -> None:
        top = self.stack[-1]
        if not isinstance(ev, yaml.ScalarEvent):
            self.stop("E-YAML-008", ev.start_mark)
            return
        key = ev.value
        plain = ev.style is None or ev.style == ""
        if plain and key == "<<":
            self.stop("E-YAML-003", ev.start_mark)
            return
        mark = ev.start_mark
        position = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if key in top.seen:
            first = top.seen[key]
            self.fail(
                "E-YAML-004", ev.start_mark, key=key, first_line=first[0], field=_dotted((*top.path, key))
            )
            top.pending_key = key
            top.discard = True
            return
        top.seen[key] = position
        top.pending_key = key
        self.doc.key_positions[(*top.path, key)] = position


def _dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def dotted(path: Sequence[str | int]) -> str:
    """``("companies", 2, "name")`` → ``companies[2].name``: the field path shown to users."""
    return _dotted(path)


def parse_yaml(text: str, rel: str, limits: Limits | None = None) -> LoadResult:
    """Parse YAML text into a positioned document; every problem is a finding."""
    builder = _Builder(rel, limits or Limits())
    try:
        for ev in yaml.parse(text, Loader=_Loader):
            builder.event(ev)
            if builder.fatal:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "nesting depth" in str(exc.problem):  # libyaml's own guard, below ours for flow collections
            builder.fail("E-YAML-006", mark, limit=builder.limits.max_depth)
        else:
            builder.fail("E-YAML-001", mark, problem=_problem(exc))
        return LoadResult(None, builder.findings)
    except yaml.YAMLError as exc:
        builder.fail("E-YAML-001", None, problem=str(exc))
        return LoadResult(None, builder.findings)
    if builder.fatal or any(f.code == "E-YAML-004" for f in builder.findings):
        return LoadResult(None if builder.fatal else builder.doc, builder.findings)
    if builder.doc.data is None:
        builder.fail("E-YAML-009", None)
        return LoadResult(None, builder.findings)
    return LoadResult(builder.doc, builder.findings)


# libyaml's problem texts (prefixes) → what a non-programmer can act on.
_PROBLEMS = (
    ("mapping values are not allowed", "此处不能出现“键: 值”，可能是缩进不对或冒号后缺少空格"),
    ("could not find expected ':'", "缺少英文冒号“:”，或者上一行的引号没有闭合"),
    ("found unexpected end of stream", "文件意外结束，可能有未闭合的引号或括号"),
    ("did not find expected key", "缩进不一致，未找到预期的字段名"),
    ("did not find expected '-' indicator", "列表项缺少“-”或缩进不一致"),
    ("expected <block end>", "缩进不一致，这一行与上文的层级对不上"),
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
