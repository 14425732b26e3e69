"""Exact arithmetic and the Chinese wording of numbers and bounds.

Shares and ratios are `fractions.Fraction`: 3/10 is exactly 30 % and 2999/10000 is not, which
floating point cannot promise. A share with nothing to divide by is `None`, never an exception:
the rule turns it into a finding.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from towns.models.rules import Threshold

HUNDRED = Fraction(100)


def share(part: int, total: int) -> Fraction | None:
    """``part / total`` exactly; None when there is nothing to divide by."""
    return Fraction(part, total) if total > 0 else None


def ratio(numerator: Decimal, denominator: Decimal) -> Fraction | None:
    return Fraction(numerator) / Fraction(denominator) if denominator > 0 else None


def number(value: Decimal | Fraction | int) -> str:
    """A plain decimal without exponent or trailing zeros: 300, 320.5, 0.25."""
    if isinstance(value, Fraction):
        return _fraction_text(value)
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _terminates(value: Fraction) -> bool:
    den = value.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    return den == 1


def _fraction_text(value: Fraction) -> str:
    """Exact when the decimal ends within two places; otherwise rounded and marked 约."""
    if _terminates(value) and (value * 100).denominator == 1:
        return number(Decimal(value.numerator) / Decimal(value.denominator))
    rounded = Decimal(value.numerator) / Decimal(value.denominator)
    return "约 " + number(rounded.quantize(Decimal("0.01")))


def percent(value: Fraction) -> str:
    """A share as a Chinese percentage: 3/10 → 30%, 1/3 → 约 33.33%."""
    return f"{_fraction_text(value * HUNDRED)}%"


def percent_of(part: int, total: int) -> str:
    """``3/10 家（30%）``; a zero denominator is shown as such, not divided."""
    value = share(part, total)
    return f"{part}/{total}（无法计算比例）" if value is None else f"{part}/{total}（{percent(value)}）"


def at_least(threshold: Threshold, bound: Decimal, unit: str = "") -> str:
    """不少于 300 亩 (inclusive) / 超过 300 亩 (exclusive)."""
    word = "不少于" if threshold.inclusive else "超过"
    return f"{word} {number(bound)}{_spaced(unit)}"


def at_least_share(threshold: Threshold, bound: Decimal) -> str:
    """不低于 30% (inclusive) / 高于 30% (exclusive)."""
    word = "不低于" if threshold.inclusive else "高于"
    return f"{word} {number(bound)}%"


def _spaced(unit: str) -> str:
    return f" {unit}" if unit else ""


def met_share(threshold: Threshold, bound: Decimal, value: Fraction) -> bool:
    """A share (0..1) against a bound written in percent."""
    return threshold.met(value * HUNDRED, bound)
