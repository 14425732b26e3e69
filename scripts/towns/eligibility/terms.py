"""Is a declared field or kind inside a clause's list (`TermList`)? One answer for every 等 list.

A free-text entry (a project's 应用领域) is compared after NFKC normalisation, without spaces, a
leading “互联网+” and a trailing “领域”:

- it is an example (“制造”, “互联网+制造”, “互联网＋ 制造领域”) → inside, counted as that example;
- it contains an example (“智能制造” is a 制造 project, “智慧养老” an 养老 one) → inside;
- it is or contains an umbrella word (“民生”, “民生服务” in §4.3(4)'s “等民生领域”) → inside;
- anything else (“旅游”) is outside: counted when the list is open, with an advisory for the
  reviewer naming the entry (``W-ELIG-006``), not counted when it is closed (``W-ELIG-007``).

A fixed kind (a platform's 平台类型) is inside when it is one of the examples; ``other`` and any
other kind are outside, with the same two outcomes. An entry that is empty once normalised
(“互联网+”) is never counted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from towns.eligibility.outcome import Check, Path
from towns.models.rules import TermList
from towns.models.values import Choice

OUTSIDE_OPEN = "ELIG-006"
OUTSIDE_CLOSED = "ELIG-007"
_PREFIX = re.compile(r"^互联网\+")
_SUFFIX = re.compile(r"领域$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Match:
    """Where an entry stands: ``inside`` (as the example or umbrella word ``as_term``) and ``counts``."""

    inside: bool
    counts: bool
    as_term: str | None = None

    @property
    def needs_review(self) -> bool:
        """Counted only because the list is open: a reviewer judges whether it belongs."""
        return self.counts and not self.inside


def normalise(text: str) -> str:
    """The comparable form of a free-text field: NFKC, no spaces, no “互联网+” prefix or “领域” suffix."""
    compact = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    return _SUFFIX.sub("", _PREFIX.sub("", compact))


def match_text(terms: TermList[str], entry: str) -> Match:
    """Where a free-text entry stands in ``terms`` (see the module docstring for the cases)."""
    word = normalise(entry)
    if not word:
        return Match(inside=False, counts=False)
    for term in (*terms.examples, *terms.umbrella):
        key = normalise(term)
        if key and key in word:
            return Match(inside=True, counts=True, as_term=term)
    return Match(inside=False, counts=terms.open)


def match_choice(terms: TermList[Any], entry: Choice) -> Match:
    """Where a fixed kind stands: an example is inside; anything else counts only if the list is open."""
    if entry in terms.examples or entry in terms.umbrella:
        return Match(inside=True, counts=True, as_term=entry.value)
    return Match(inside=False, counts=terms.open)


def advisory(
    terms: TermList[Any],
    match: Match,
    where: Path,
    *,
    entry: str,
    what: str,
    name: Callable[[Any], str] = str,
) -> Check | None:
    """The advisory for an entry outside the list (counted or not); None for one inside it."""
    if match.inside:
        return None
    return Check(
        ok=False,
        code=OUTSIDE_OPEN if match.counts else OUTSIDE_CLOSED,
        where=where,
        params={
            "entry": entry,
            "what": what,
            "examples": terms.wording(name),
            "clause": terms.source.clause or terms.source.text,
        },
    )


def advisories(
    terms: TermList[Any],
    entries: Iterable[tuple[Match, Path, str]],
    *,
    what: str,
    name: Callable[[Any], str] = str,
) -> list[Check]:
    """The advisories of the ``entries`` (match, where, entry in words) outside the list, in order."""
    found = (
        advisory(terms, match, where, entry=entry, what=what, name=name) for match, where, entry in entries
    )
    return [a for a in found if a is not None]
