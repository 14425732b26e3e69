"""The application report (申请报告, `report.md`) must follow the official outline of its type.

The outline is program data (`report_outline`). Headings are compared after removing numbering,
spaces and punctuation, so "## （一）互联网产业发展水平（产值规模…）" satisfies "（一）互联网产业发展水平".
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

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*")
_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)


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
