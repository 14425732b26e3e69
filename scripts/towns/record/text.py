"""Writing a record's YAML by hand, line by line, so that every value can carry its Chinese comment.

Values copied from the registry (a department's name, a town's name) were written by strangers:
`quoted` makes any text one double-quoted YAML scalar (escaping what YAML would read as a line break
or drop), and `comment` makes any text one comment line, so no value can open a key, a list item or
a document of its own. Blanks are written with `blank`, the placeholder the checker recognises.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import unicodedata
from collections.abc import Iterable, Sequence

from towns.layout import SCHEMA_DIR
from towns.lifecycle.paths import Kind
from towns.lifecycle.schemas import schema_name
from towns.models.common import PLACEHOLDER

_ESCAPES = {'"': '\\"', "\\": "\\\\"}
_PLAIN_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def blank(what: str) -> str:
    """「（请填写……）」: a blank for ``what``, as a quoted scalar."""
    return quoted(f"{PLACEHOLDER}{what}）")


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}:
        code = ord(ch)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return ch


def quoted(text: str) -> str:
    """``text`` as one double-quoted YAML scalar that reads back exactly as ``text``."""
    return '"' + "".join(_escape(ch) for ch in text) + '"'


def plain(text: str) -> str:
    """An identifier (a town id, a year) as is; anything else quoted."""
    safe = text and set(text) <= _PLAIN_SAFE and text[0].isalpha() and text not in _RESERVED
    return text if safe else quoted(text)


def comment(text: str) -> str:
    """``text`` fit for one comment line: every control or line-breaking character becomes a space."""
    return "".join(" " if unicodedata.category(ch)[0] in {"C", "Z"} else ch for ch in text).rstrip()


def modeline(rel: str, kind: Kind) -> str:
    """The first line of a record: its JSON Schema, relative to the record's own folder."""
    target = posixpath.relpath(f"{SCHEMA_DIR}/{schema_name(kind)}.schema.json", posixpath.dirname(rel))
    return f"# yaml-language-server: $schema={target}"


def record_head(rel: str, kind: Kind, notes: Iterable[str]) -> list[str]:
    """A record's first lines: its schema modeline, the comment block ``notes``, its schema version."""
    return [modeline(rel, kind), *comments(notes), "schema_version: 1"]


def generated_by(command: str, today: dt.date) -> str:
    """“由 towns record batch 2018 于 2018-09-01 按登记库现状生成”: whence a record's first draft came."""
    return f"由 towns record {command} 于 {today.isoformat()} 按登记库现状生成"


def filing(department: str, department_note: str, today: dt.date, date_note: str, document: str) -> list[str]:
    """Who files a city record, on which day and under which document number (optional), to be checked."""
    return [
        with_note(f"department: {quoted(department)}", department_note),
        with_note(f"date: {today.isoformat()}", date_note),
        with_note(f"document_number: {blank(document)}", "选填：没有文号时删去本行"),
    ]


def comments(lines: Iterable[str], indent: str = "") -> list[str]:
    """Each line as a comment at ``indent`` (an empty line as a bare ``#``)."""
    return [f"{indent}# {comment(line)}".rstrip() for line in lines]


def with_note(line: str, note: str, column: int = 40) -> str:
    """``line`` with ``# note`` beside it, aligned at ``column`` when the line is shorter."""
    pad = max(1, column - _width(line))
    return f"{line}{' ' * pad}# {comment(note)}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1 for ch in text)


def document(lines: Sequence[str]) -> str:
    """The file's text: the lines, each ending with a newline."""
    return "\n".join(lines) + "\n"
