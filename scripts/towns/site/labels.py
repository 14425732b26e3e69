"""Chinese names of the form's fixed values: the same words as the eligibility verdicts."""

from __future__ import annotations

from towns.eligibility.labels import NAMES


def label(group: str, value: str) -> str:
    """The Chinese word for a fixed value of the form; the value itself when unknown."""
    return NAMES.get(group, {}).get(value, value)
