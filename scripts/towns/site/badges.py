"""Statuses on the site as words on a coloured ground (`assets/towns/site.css`).

The checker's reports may use emoji (a pull-request comment renders them); the site may not: a
visitor without an emoji font sees empty boxes. The words are the eligibility renderer's.
"""

from __future__ import annotations

from towns.eligibility.render import WORDS
from towns.site.escape import html


def status_badge(status: str) -> str:
    """An eligibility status (pass, fail, warning, waived) as an inline badge with its word."""
    known = status if status in WORDS else "unknown"
    return f'<span class="towns-status towns-status--{known}">{html(WORDS.get(status, status))}</span>'
