"""Personal data that must never be published: ID card numbers and mobile phone numbers.

The contact person's phone lives in `contact`, which the site never publishes; anywhere else
(every published text field and the report) such numbers are findings. ID numbers are recognised
by their GB 11643 check character, so an ordinary 18-digit figure is not mistaken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ID18 = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx])(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)")
# Cheap pre-filter: both kinds of number contain a run of at least four digits.
_DIGIT_RUN = re.compile(r"\d{4}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def is_id_number(candidate: str) -> bool:
    """GB 11643 check character of an 18-character resident ID number."""
    body, check = candidate[:17], candidate[17].upper()
    total = sum(int(ch) * w for ch, w in zip(body, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == check


def personal_numbers(text: str) -> Iterator[tuple[str, str]]:
    """('id' | 'mobile', the number as written) for each personal number in ``text``."""
    if _DIGIT_RUN.search(text) is None:
        return
    for match in _ID18.finditer(text):
        if is_id_number(match.group(1)):
            yield "id", match.group(1)
    for match in _MOBILE.finditer(text):
        yield "mobile", match.group(1)


def mask(number: str) -> str:
    """Show only enough of a number for the applicant to find it."""
    return number[:3] + "*" * max(0, len(number) - 7) + number[-4:]
