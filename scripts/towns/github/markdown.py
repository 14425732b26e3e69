"""Escaping untrusted text for GitHub-flavoured Markdown written by a bot with a write token.

Every value from an artifact ends up in a comment or an issue through `text()`. The result is a
single line of inert inline text:

- control characters, line breaks and bidirectional overrides are removed or flattened, so a value
  cannot start a new block, close a table row or visually reorder what reviewers read;
- Markdown and HTML punctuation becomes numeric character references (``|`` → ``&#124;``), so a
  value cannot close a table cell, open a code span, inject HTML (``<script>``, ``<details>``) or
  fake the hidden sticky marker ``<!-- ... -->``;
- ``@name`` mentions, ``#123`` references and bare ``https://`` / ``www.`` links are broken with an
  invisible joiner: GitHub recognises them *after* decoding references, so escaping alone is not
  enough, and a bot must not notify strangers or link anywhere on an applicant's behalf;
- the value is cut to a length limit, with an ellipsis.
"""

from __future__ import annotations

import re
import unicodedata

ZWJ = "\u200d"
WORD_JOINER = "\u2060"
ELLIPSIS = "…"

_SPECIAL = "&<>\"'`|\\*_[]()~!#$"
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SPACE = re.compile(r"\s+")
_MENTION = re.compile(r"@(?=[A-Za-z0-9_-])")
_REFERENCE = re.compile(r"#(?=\d)")
_SCHEME = re.compile(r":(?=//)")
_WWW = re.compile(r"(?i)\bwww\.")


def _visible(value: str) -> str:
    """Drop control and format characters that could hide or reorder text; flatten whitespace."""
    value = _BIDI.sub("", value)
    value = "".join(" " if ch.isspace() else ch for ch in value if _keep(ch))
    return _SPACE.sub(" ", value).strip()


def _keep(ch: str) -> bool:
    if ch.isspace():
        return True
    return unicodedata.category(ch) not in {"Cc", "Cs", "Co", "Cn"}


def _defuse(value: str) -> str:
    value = _MENTION.sub("@" + ZWJ, value)
    value = _REFERENCE.sub("#" + ZWJ, value)
    value = _SCHEME.sub(":" + WORD_JOINER, value)
    return _WWW.sub(lambda m: m.group(0)[:-1] + WORD_JOINER + ".", value)


def text(value: object, limit: int = 300) -> str:
    """``value`` as inert one-line Markdown, at most ``limit`` visible characters before escaping."""
    raw = _visible("" if value is None else str(value))
    if len(raw) > limit:
        raw = raw[: max(0, limit - 1)].rstrip() + ELLIPSIS
    return _defuse(raw).translate(_ENTITIES)
