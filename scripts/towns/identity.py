"""Organisation identity: the Unified Social Credit Code (统一社会信用代码, GB 32100-2015).

The code's own mod-31 check character is the one python-stdnum computes (a test holds both to
agree). Positions 9–17 embed the older
9-character organisation code (GB 11714), whose check character python-stdnum does not verify:
weights 3,7,9,10,5,8,4,2 over the first eight characters, check = 11 − (sum mod 11), with 10 → X
and 11 → 0. A code can pass the first check and still carry a corrupted organisation code.

`uscc_problem` answers for any text whatever: only ASCII digits and capitals pass the format, so
the check-character arithmetic never meets a character outside its alphabet (Python's ``\\d``
would let a full-width ``４`` through to a failing lookup).
"""

from __future__ import annotations

import re
from enum import Enum

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# GB 32100-2015: registration authority, organisation type, 6-digit area code, 9-character
# organisation code, check character; letters exclude I, O, S, V and Z.
_FORMAT = re.compile(r"[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}")
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


class UsccProblem(Enum):
    FORMAT = "format"
    CHECKSUM = "checksum"
    ORGANISATION_CODE = "organisation_code"


def organisation_code_check(code8: str) -> str:
    """The check character of a GB 11714 organisation code body (8 ASCII digits or capitals).

    Raises ValueError for any other input; `uscc_problem` only calls it on checked text.
    """
    total = sum(_ORG_ALPHABET.index(ch) * w for ch, w in zip(code8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_problem(code: str) -> UsccProblem | None:
    """None when the code is valid, else what is wrong with it; never raises, whatever ``code`` holds."""
    if not _FORMAT.fullmatch(code):
        return UsccProblem.FORMAT
    if uscc_check_character(code[:17]) != code[17]:
        return UsccProblem.CHECKSUM
    org = code[8:17]
    if any(ch not in _ORG_ALPHABET for ch in org[:8]):
        return UsccProblem.ORGANISATION_CODE
    if organisation_code_check(org[:8]) != org[8]:
        return UsccProblem.ORGANISATION_CODE
    return None


def uscc_check_character(first17: str) -> str:
    """GB 32100-2015 check character: weights 3^i mod 31 over the 31-character alphabet.

    ``first17`` must be 17 characters of that alphabet (ValueError otherwise). Computed here
    rather than through python-stdnum's validate(), which normalises its input first and costs
    several times as much; `tests/test_identity.py` proves both agree.
    """
    total = sum(_USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def complete_uscc(first17: str) -> str:
    """Append the USCC check character (used by tests and the synthetic-data generator)."""
    return first17 + uscc_check_character(first17)
