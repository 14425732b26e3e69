"""The application report (申请报告, `report.md`) must follow the official outline of its type.

The outline is program data (`report_outline`). Headings are compared after removing numbering,
spaces and punctuation, so "## （一）互联网产业发展水平（产值规模…）" satisfies "（一）互联网产业发展水平".
A heading alone does not make a section: one of the outline's sections that holds nothing but the
template's guidance (the bracketed "（地理位置、覆盖范围……）" lines `towns new` writes) or nothing at
all is reported at its heading's line (E-RPT-004), so an untouched template never passes.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from towns import layout
from towns.catalog import finding
from towns.findings import Finding
from towns.loading import read_text
from towns.models.program import Program
from towns.registry import Town
from towns.template import template_text

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*")
_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = ("```", "~~~")


def normalise(title: str) -> str:
    """Heading text without numbering, spaces or punctuation, for comparison."""
    text = unicodedata.normalize("NFKC", title).strip()
    text = _NUMBERING.sub("", text)
    return _STRIP.sub("", text)


def headings(text: str) -> list[tuple[int, str]]:
    """(line, normalised title) of every ATX heading outside fenced code."""
    out: list[tuple[int, str]] = []
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            out.append((number, normalise(match.group(2))))
    return out


def read_report(root: Path, town: Town, program: Program) -> tuple[str | None, list[Finding]]:
    rel = f"{town.folder}/{layout.REPORT}"
    path = root / rel
    if not path.exists() and not path.is_symlink():
        return None, [finding("E-RPT-001", file=rel)]
    return read_text(path, rel, program.files.report_max_bytes)


def check_outline(text: str, rel: str, required: list[str]) -> list[Finding]:
    """One finding per required heading that is missing or out of order."""
    found = headings(text)
    out: list[Finding] = []
    position = 0
    for title in required:
        key = normalise(title)
        match = next((i for i in range(position, len(found)) if found[i][1].startswith(key)), None)
        if match is None:
            anywhere = any(h.startswith(key) for _, h in found)
            out.append(finding("E-RPT-003" if anywhere else "E-RPT-002", file=rel, heading=title))
            continue
        position = match + 1
    return out


def guidance(kind: str) -> frozenset[str]:
    """The template's own lines for a town type: what a section holding only them still lacks."""
    text = _COMMENT.sub("", template_text(kind, "report-{kind}.md"))
    return frozenset(_content_key(line) for line in text.splitlines() if not _HEADING.match(line)) - {""}


def _content_key(line: str) -> str:
    return unicodedata.normalize("NFKC", line).strip()


def empty_sections(text: str, rel: str, required: list[str], template: frozenset[str]) -> list[Finding]:
    """One finding per outline section with no text of its own beyond ``template`` lines.

    A section runs from its heading to the next heading; one followed directly by a deeper
    heading is a parent (its subsections hold the text) and is judged through them.
    """
    keys = [normalise(title) for title in required]
    lines = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text).splitlines()
    marks = _heading_marks(lines)
    out: list[Finding] = []
    for index, (number, level, title) in enumerate(marks):
        wanted = next((r for r, key in zip(required, keys, strict=True) if title.startswith(key)), None)
        if wanted is None:
            continue
        following = marks[index + 1] if index + 1 < len(marks) else None
        if following is not None and following[1] > level:
            continue
        end = following[0] - 1 if following is not None else len(lines)
        body = [_content_key(line) for line in lines[number:end]]
        if not any(line and line not in template for line in body):
            out.append(finding("E-RPT-004", file=rel, line=number, heading=wanted))
    return out


def _heading_marks(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line, level, normalised title) of every ATX heading outside fenced code."""
    out: list[tuple[int, int, str]] = []
    fenced = False
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(_FENCE):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            out.append((number, len(match.group(1)), normalise(match.group(2))))
    return out
