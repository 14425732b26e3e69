"""What a message or hint shown to an applicant must never contain.

A civil servant reads the report: field paths written as code (``industrial_base.companies[1]``),
Python values (``None``, ``True``, ``Decimal('3')``, ``dict``) and 0-based list positions mean
nothing to them. The corpus runners (declaration cases, hostile cases, lifecycle records, the fuzz
run, the demonstration data) pass every finding they see through `assert_readable`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel

from towns.findings import Finding
from towns.models import declaration, records

_PYTHON = re.compile(
    r"(?<![A-Za-z_])(?:None|True|False|NoneType|Decimal|datetime)(?![A-Za-z_])|<class "
    r"|“(?:dict|list|tuple)”"  # a Python type name shown as the value
)
_INDEXED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\[\d+\]")
_ZERO_ORDINAL = re.compile(r"第\s*0\s*(?![0-9.])")
_DOTTED = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+")


@cache
def field_names() -> frozenset[str]:
    """Every field name of the declaration and record models (the parts of a dotted path)."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo: list[Any] = [
        getattr(module, name)
        for module in (declaration, records)
        for name in dir(module)
        if isinstance(getattr(module, name), type)
    ]
    while todo:
        item = todo.pop()
        if not (isinstance(item, type) and issubclass(item, BaseModel)) or item in seen:
            continue
        seen.add(item)
        for name, info in item.model_fields.items():
            names.add(name)
            todo += _types_in(info.annotation)
    return frozenset(names)


def _types_in(annotation: Any) -> list[Any]:
    out = [annotation]
    for inner in getattr(annotation, "__args__", ()):
        out += _types_in(inner)
    return out


def unreadable(text: str) -> list[str]:
    """The parts of ``text`` that are code, not Chinese prose."""
    bad = [
        m.group(0) for m in (*_PYTHON.finditer(text), *_INDEXED.finditer(text), *_ZERO_ORDINAL.finditer(text))
    ]
    names = field_names()
    for match in _DOTTED.finditer(text):
        parts = match.group(0).split(".")
        if sum(part in names for part in parts) >= 2:
            bad.append(match.group(0))
    return bad


def assert_readable(findings: Iterable[Finding | dict[str, Any]], written: Iterable[str] = ()) -> None:
    """Fail, naming the finding, when a message or hint contains code instead of prose.

    Takes findings or their JSON-report form (`Finding.as_dict`). ``written`` are texts the test
    itself put into the files: a message may echo them (a value as written), whatever they hold.
    """
    echoes = sorted(
        {w for text in written for w in (text.strip(), text.strip()[:37]) if w}, key=len, reverse=True
    )
    problems = []
    for item in findings:
        f = item.as_dict() if isinstance(item, Finding) else item
        for text in (f["message"], f["hint"] or ""):
            prose = _without(text, echoes)
            problems += [
                f"{f['code']} {f['file']}:{f['line']}: {part!r} in {text!r}" for part in unreadable(prose)
            ]
    assert not problems, "\n".join(problems)


def _without(text: str, echoes: Sequence[str]) -> str:
    for echo in echoes:
        text = text.replace(echo, "…")
    return text
