"""Organisation identity: the Unified Social Credit Code (统一社会信用代码, GB 32100-2015).

python-stdnum checks the code's own mod-31 check character. Positions 9–17 embed the older
9-character organisation code (GB 11714), whose check character python-stdnum does not verify:
weights 3,7,9,10,5,8,4,2 over the first eight characters, check = 11 − (sum mod 11), with 10 → X
and 11 → 0. A code can pass the first check and still carry a corrupted organisation code.
"""

from __future__ import annotations

from enum import Enum

from stdnum.cn import uscc as _uscc
from stdnum.exceptions import ValidationError

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class UsccProblem(Enum):
    FORMAT = "format"
    CHECKSUM = "checksum"
    ORGANISATION_CODE = "organisation_code"


def organisation_code_check(code8: str) -> str:
    """The check character of a GB 11714 organisation code body (8 characters)."""
    total = sum(_ORG_ALPHABET.index(ch) * w for ch, w in zip(code8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_problem(code: str) -> UsccProblem | None:
    """None when the code is valid, else what is wrong with it."""
    try:
        _uscc.validate(code)
    except ValidationError as exc:
        return UsccProblem.CHECKSUM if "checksum" in type(exc).__name__.lower() else UsccProblem.FORMAT
    org = code[8:17]
    if any(ch not in _ORG_ALPHABET for ch in org[:8]):
        return UsccProblem.ORGANISATION_CODE
    if organisation_code_check(org[:8]) != org[8]:
        return UsccProblem.ORGANISATION_CODE
    return None


def complete_uscc(first17: str) -> str:
    """Append the USCC check character (used by tests and the synthetic-data generator)."""
    return first17 + _uscc.calc_check_digit(first17)
