"""Words the Chinese search must keep whole: town, district, city and company names.

jieba splits rare place names wrongly (张槎 → 张/槎), so the search plugin loads this user
dictionary (one ``word frequency tag`` per line) before it segments the pages.
"""

from __future__ import annotations

import re

from towns.site.data import SiteData

FREQUENCY = 100
_SUFFIXES = ("互联网+小镇", "小镇")
_STRIP = re.compile(r"^(.{2,}?(?:省|市|区|县|镇|街道))")
_BRACKETED = re.compile(r"\s*[（(][^）)]*[）)]\s*$")


def _words_of(data: SiteData) -> dict[str, str]:
    words: dict[str, str] = {}
    for city in data.program.cities:
        words[city.name] = "ns"
    for entry in data.towns:
        d = entry.declaration
        words[d.district] = "ns"
        words[d.name] = "nz"
        for company in d.industrial_base.companies:
            words[company.name] = "nt"
            words.setdefault(_BRACKETED.sub("", company.name), "nt")
        words[d.applicant.name] = "nt"
        for part in _parts(d.name, d.city, d.district):
            words.setdefault(part, "nz")
    return words


def _parts(name: str, city: str, district: str) -> list[str]:
    """Shorter forms people type: the name without its city or district prefix."""
    out = []
    plain = _BRACKETED.sub("", name)
    if plain != name and len(plain) >= 2:
        out.append(plain)
    rest = plain
    for prefix in (city, district, city.removesuffix("市"), district.removesuffix("区").removesuffix("县")):
        if prefix and rest.startswith(prefix):
            rest = rest[len(prefix) :]
    if rest != plain and len(rest) >= 2:
        out.append(rest)
    match = _STRIP.match(rest)
    if match and match.group(1) != rest:
        out.append(match.group(1))
    return out


def jieba_user_dict(data: SiteData) -> str:
    """The dictionary file's text: one word per line, no whitespace inside a word."""
    lines = [
        f"{word} {FREQUENCY} {tag}"
        for word, tag in sorted(_words_of(data).items())
        if word and not any(ch.isspace() for ch in word)
    ]
    return "\n".join(lines) + "\n"
