"""Markup and invisible characters that have no place in a declaration or report.

Everything an applicant writes is published on the site and echoed into pull-request comments.
The site and the bot escape it (`towns.site.escape`, `towns.github.markdown`); these findings tell
the applicant early, and make an attempt visible to the reviewers instead of silently defused:

* E-TEXT-001: script, frames, event-handler attributes, ``javascript:``/``vbscript:``/``data:`` links;
* W-TEXT-002: any other HTML tag in a form field (the site shows it as plain text);
* E-TEXT-003: the hidden marker the bot uses to find its own pull-request comment;
* W-TEXT-004: ``@name`` mentions, which would notify strangers when echoed into a comment;
* E-TEXT-005: bidirectional overrides and other invisible format characters, which make a name
  read differently from what it is ("Trojan Source").

Messages never repeat the offending text; they name the tag or the character instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_SCRIPT_TAGS = frozenset(
    {"script", "iframe", "frame", "object", "embed", "applet", "base", "meta", "link", "svg", "math", "form"}
)
_SCRIPT = re.compile(
    r"<\s*(" + "|".join(sorted(_SCRIPT_TAGS)) + r")\b"
    r"|<[^<>]*?\s(on[a-z]+)\s*="
    r"|\b(javascript|vbscript|livescript)\s*:"
    r"|\b(data)\s*:\s*(?:text/html|image/svg|application/(?:x-)?javascript)",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*>")
_MARKER = re.compile(r"<!--\s*towns-", re.IGNORECASE)
_MENTION = re.compile(r"(?<![A-Za-z0-9._%+\-/=@])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9_.-]+)?)")
_INVISIBLE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)
_TRIGGERS = re.compile(
    "<|(?<![A-Za-z0-9._%+\\-/=@])@|(?i:script|data)\\s*:"
    "|[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)


def hostile_markup(text: str, *, markdown: bool = False) -> list[tuple[str, int, str]]:
    """(code, offset, what): the first problem of each kind in ``text``.

    ``markdown`` is for report lines: ordinary HTML tags are tolerated there, since the site's
    sanitiser removes them; in a form field any tag is reported. The common case (no ``<``, no
    mention, no ``…script:``/``data:`` and no invisible character) costs one regular-expression scan.
    """
    if _TRIGGERS.search(text) is None:
        return []
    first: dict[str, tuple[str, int, str]] = {}
    for code, offset, what in _problems(text, markdown=markdown):
        first.setdefault(code, (code, offset, what))
    if "E-TEXT-001" in first:
        first.pop("W-TEXT-002", None)
    return sorted(first.values(), key=lambda item: item[1])


def _problems(text: str, *, markdown: bool) -> Iterator[tuple[str, int, str]]:
    for match in _SCRIPT.finditer(text):
        what = next(g for g in match.groups() if g)
        yield "E-TEXT-001", match.start(), what.lower()
    for match in _MARKER.finditer(text):
        yield "E-TEXT-003", match.start(), "<!-- towns-"
    if not markdown:
        for match in _TAG.finditer(text):
            if match.group(1).lower() not in _SCRIPT_TAGS:
                yield "W-TEXT-002", match.start(), match.group(1).lower()
    for match in _MENTION.finditer(text):
        yield "W-TEXT-004", match.start(), "@" + match.group(1)
    for match in _INVISIBLE.finditer(text):
        yield "E-TEXT-005", match.start(), describe(match.group())


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character named without printing it."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'CONTROL CHARACTER')}"


def shown(text: str) -> str:
    """``text`` for a message: each invisible character replaced by its name, ⟨U+200B ZERO WIDTH SPACE⟩."""
    return _INVISIBLE.sub(lambda match: f"⟨{describe(match.group())}⟩", text)
