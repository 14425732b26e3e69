"""The search terms of Chinese text: character bigrams, written as plain ASCII words.

The site's search engine (Pagefind) cuts Chinese into words twice: at build time with its own
segmenter and in the browser with the browser's, and the two disagree on rare place names (a
5,000-town registry measured: "大朗镇" found nothing, "围下" ranked other towns first; see
docs/dev/performance.md). So the index never sees Chinese: every run of Han characters becomes its
overlapping character pairs (the classic CJK bigram index), each pair written as one ASCII word,
and the search box (`theme/assets/towns/search.js`, `queryTerms`) turns a query into pairs the
same way. No segmenter decides anything, so a name, any two adjacent characters of it ("云谷") or a
place name ("大朗镇") is found whenever it is written in the page.

The encoding: each character is its code point in base 36, four digits; a pair is ``h`` followed
by both characters' digits, and the last character of a run also stands alone (``h`` and its four
digits), so that a one-character query, which the engine matches as a prefix, finds it too.
"""

from __future__ import annotations

import re
from itertools import pairwise

PREFIX = "h"
WIDTH = 4
# A query uses its first terms only: each term costs one index chunk (10–25 KB at 5,000 towns),
# and beyond four pairs a name is already unique (its place name comes first).
MAX_TERMS = 4
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
# Unified ideographs (basic, extension A, compatibility, extensions B and beyond).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def char_code(ch: str) -> str:
    """One character as ``WIDTH`` base-36 digits."""
    n = ord(ch)
    digits = ""
    for _ in range(WIDTH):
        n, rest = divmod(n, 36)
        digits = _DIGITS[rest] + digits
    return digits


def _run_terms(run: str) -> list[str]:
    pairs = [PREFIX + char_code(a) + char_code(b) for a, b in pairwise(run)]
    return [*pairs, PREFIX + char_code(run[-1])]


def index_terms(text: str) -> str:
    """``text`` with every Han run replaced by its terms; other text is left to the engine."""
    return HAN.sub(lambda m: " " + " ".join(_run_terms(m.group(0))) + " ", text)


def query_terms(text: str) -> str:
    """What the search box sends for ``text`` (the Python twin of `queryTerms` in search.js).

    A run of two or more characters becomes non-overlapping pairs (and the last two characters
    when the length is odd): every pair of a contiguous match is among the index terms. A single
    character stays single and matches as a prefix of the pairs it starts. Only the first
    ``MAX_TERMS`` terms are kept: a long full name would otherwise fetch a chunk per pair.
    """

    def run(m: re.Match[str]) -> str:
        s = m.group(0)
        if len(s) == 1:
            return f" {PREFIX}{char_code(s)} "
        pairs = [s[i : i + 2] for i in range(0, len(s) - 1, 2)]
        if len(s) % 2:
            pairs.append(s[-2:])
        return " " + " ".join(PREFIX + char_code(p[0]) + char_code(p[1]) for p in pairs) + " "

    return " ".join(HAN.sub(run, text).split()[:MAX_TERMS])
