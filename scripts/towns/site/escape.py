"""Escaping every value that comes from the data, for the two contexts pages are written in.

Pages are Markdown with some raw HTML blocks. In Markdown text, every ASCII punctuation character
of a value becomes a numeric character reference, so no value can open emphasis, a link, a table
cell, an HTML tag or an extension's syntax (``==``, ``~~``, ``:emoji:``), whatever extensions the
site enables later. Inside raw HTML blocks Markdown does nothing, so `html` escaping suffices there.
Personal ID and mobile numbers are masked on the way.
"""

from __future__ import annotations

import html as _html
import re
import string
from typing import Any
from urllib.parse import quote

from towns.privacy import mask, personal_numbers

_SPECIAL = frozenset(string.punctuation)
_BLANK_LINES = re.compile(r"\n\s*\n")


def mask_personal_numbers(text: str) -> str:
    """Replace ID card and mobile numbers, as written, by their masked form.

    The checker already refuses them in published fields; this is the second line, so that a
    town that slipped through never shows a person's number on the site.
    """
    for _kind, number in set(personal_numbers(text)):
        text = text.replace(number, mask(number))
    return text


def _as_text(value: Any) -> str:
    return "" if value is None else mask_personal_numbers(str(value))


def _escape_chars(text: str) -> str:
    return "".join(f"&#{ord(ch)};" if ch in _SPECIAL else ch for ch in text)


def md(value: Any) -> str:
    """A value as inert inline Markdown text on one line."""
    return _escape_chars(" ".join(_as_text(value).split()))


def cell(value: Any) -> str:
    """A value inside a Markdown table cell: one line, line breaks kept as ``<br>``."""
    lines = [" ".join(line.split()) for line in _as_text(value).splitlines()]
    return "<br>".join(_escape_chars(line) for line in lines if line) or "—"


def md_block(value: Any) -> str:
    """Multi-line text as Markdown paragraphs; no line can start a list, heading or code block."""
    paragraphs = []
    for chunk in _BLANK_LINES.split(_as_text(value).strip()):
        lines = [" ".join(line.split()) for line in chunk.splitlines()]
        text = "<br>\n".join(_escape_chars(line) for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def code(value: Any) -> str:
    """A value as an inline code span: shown literally, so it is not character-escaped like `md`.

    Markdown escapes ``<`` and ``&`` inside code itself; the fence is longer than any run of
    backticks in the value, and spaces pad a value that starts or ends with one.
    """
    text = " ".join(_as_text(value).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}" if text else ""


def html(value: Any) -> str:
    """A value inside a raw HTML block (text or a quoted attribute)."""
    return _html.escape(_as_text(value), quote=True)


def html_block(value: Any) -> str:
    """Multi-line text inside a raw HTML block, line breaks as ``<br>`` and no blank lines."""
    lines = [" ".join(line.split()) for line in _as_text(value).splitlines()]
    return "<br>".join(html(line) for line in lines if line)


def url_path(path: str) -> str:
    """A relative URL for a site path whose segments may hold Chinese or spaces."""
    return quote(path, safe="/#")
