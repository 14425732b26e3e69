"""Building blocks shared by every model: strict base class, units, identities, text.

Every constraint here is published in the JSON Schema exactly as the checker applies it
(`towns.schema`; docs/dev/validation.md "What agreement means"):

* Constraints apply to the value **as written**, the way a JSON Schema validator sees it; text
  is trimmed of surrounding whitespace only afterwards, for storage. Patterns that should not
  mind surrounding blanks (a code pasted with a trailing space) say so themselves (`padded`), and
  "not blank" is a pattern too, so both sides test the same thing.
* Patterns spell ASCII digits as ``[0-9]``, never ``\\d``, and whitespace as the explicit class
  `BLANK`: in Python's and pydantic's regular expressions ``\\d`` and ``\\s`` are Unicode-aware,
  while editors read the schema as ECMA-262.
* Numbers, years and dates are taken only from values written as such: text (even ``"300"`` or
  full-width ``３００``) in a number field, a number in a date field, and a number in a text field
  are errors, as the schema says. A date must be a real calendar date written ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

# A blank left for a person to fill in (templates, `towns record`): text that begins with this.
# The checker reports every one as "left to fill in" (E-TOWN-013 in declarations, E-FILL-001 in
# records) before anything else about the same field.
PLACEHOLDER = "（请填写"
PLACEHOLDER_PATTERN = "^（请填写"
# The JSON Schema of a field marked so also accepts a blank, so that a freshly written record
# (whose grades and conclusions are still blanks) follows its schema; `towns.lifecycle.schemas`.
FILLABLE: dict[str, Any] = {"x-fillable": True}

# Unicode White_Space, spelled for every regular-expression engine alike (Python, Rust, ECMA-262).
_BLANK_POINTS = (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B))
_BLANK_POINTS += (0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
WHITESPACE = "".join(map(chr, _BLANK_POINTS))


def _class_body(points: tuple[int, ...]) -> str:
    """``\\uXXXX`` escapes, runs of three or more as ranges: every engine reads them alike."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and point == runs[-1][-1] + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    parts = [
        f"\\u{r[0]:04x}-\\u{r[-1]:04x}" if len(r) > 2 else "".join(f"\\u{x:04x}" for x in r) for r in runs
    ]
    return "".join(parts)


BLANK = _class_body(_BLANK_POINTS)
"""The body of a character class of `WHITESPACE`: ``[{BLANK}]`` is one blank, ``[^{BLANK}]`` none."""


def padded(body: str) -> str:
    """An anchored pattern for ``body`` that allows blanks around it (trimmed after validation)."""
    return f"^[{BLANK}]*{body}[{BLANK}]*$"


USCC_BODY = "[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}"
USCC_PATTERN = f"^{USCC_BODY}$"
TOWN_ID_BODY = "[a-z0-9]+(?:-[a-z0-9]+)*"
TOWN_ID_PATTERN = padded(TOWN_ID_BODY)
NOT_BLANK = f"[^{BLANK}]"
# One line, not blank: blanks around it, then a non-blank start and end with no line break between.
ONE_LINE = f"^[{BLANK}]*[^{BLANK}](?:[^\\r\\n]*[^{BLANK}])?[{BLANK}]*$"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
# A calendar date YYYY-MM-DD, years 0001–9999 (what `datetime.date` reads), leap days included.
DATE_PATTERN = f"^(?!0000)(?:{_LEAP_YEAR}-02-29|[0-9]{{4}}-{_MONTH_DAY})$"


def _strip(value: str) -> str:
    return value.strip(WHITESPACE)


class Model(BaseModel):
    """Strict by default: unknown fields are errors, numbers are never read as text or back.

    Constraints see the value as written (as the JSON Schema does); every text field, and every
    text in a list, is trimmed of surrounding whitespace after it is validated. (An
    ``AfterValidator`` in a type would hide the constraints after it from the JSON Schema.)
    """

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)

    @field_validator("*", mode="after")
    @classmethod
    def _trimmed(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [_strip(item) if type(item) is str else item for item in value]
        return _strip(value) if type(value) is str else value  # not an enum member: it stays one


def _written_as(expected: str, *refused: type) -> BeforeValidator:
    """Refuse input of the ``refused`` types before pydantic would convert it.

    pydantic's lax mode reads ``"300"`` (and ``Decimal`` reads full-width ``"３００"``) as a number,
    ``true`` as the integer 1 and ``0`` as the date 1970-01-01; the JSON Schema refuses all of them.
    The error's type, ``written_as``, lets `towns.validation` say what was written instead.
    """

    def check(value: Any) -> Any:
        if isinstance(value, refused):
            raise PydanticCustomError("written_as", "expected {expected}", {"expected": expected})
        return value

    return BeforeValidator(check)


_NUMBER = _written_as("数字", str, bool)
_INTEGER = _written_as("整数", str, bool)
_DATE_TEXT = re.compile(DATE_PATTERN)


def _calendar_date(value: Any) -> Any:
    """A date only from text that is a calendar date ``YYYY-MM-DD`` (`DATE_PATTERN`), as the schema says."""
    if not isinstance(value, str):
        if isinstance(value, dt.date):
            return value
        raise PydanticCustomError("written_as", "expected {expected}", {"expected": "日期"})
    if not _DATE_TEXT.fullmatch(value):
        raise PydanticCustomError("date_parsing", "not a calendar date written YYYY-MM-DD")
    return dt.date.fromisoformat(value)


# Areas in mu (亩) and money in 10,000 yuan (万元) are exact decimals: thresholds compare exactly.
# `towns.schema` publishes each bound from these very `Field`s.
Number = Annotated[Decimal, _NUMBER]
Mu = Annotated[Decimal, Field(ge=0, le=10_000_000), _NUMBER]
Wan = Annotated[Decimal, Field(ge=0, le=100_000_000_000), _NUMBER]
Percent = Annotated[Decimal, Field(ge=0, le=100), _NUMBER]
PositiveDecimal = Annotated[Decimal, Field(gt=0, le=1_000_000), _NUMBER]
Integer = Annotated[int, _INTEGER]
Count = Annotated[int, Field(ge=0, le=1_000_000), _INTEGER]
Year = Annotated[int, Field(ge=2000, le=2100), _INTEGER]
Date = Annotated[dt.date, BeforeValidator(_calendar_date), Field(json_schema_extra={"pattern": DATE_PATTERN})]
Text = Annotated[str, Field(min_length=1, max_length=20_000, pattern=NOT_BLANK)]
# One line: a name or an address never holds a line break (the form and the site show one line).
ShortText = Annotated[str, Field(min_length=1, max_length=200, pattern=ONE_LINE)]
Code = str
"""Text whose format the field gives with a `padded` pattern (phone, e-mail, path)."""
Uscc = Annotated[
    str,
    Field(
        pattern=padded(USCC_BODY),
        title="统一社会信用代码",
        description="18 位统一社会信用代码（GB 32100-2015），字母须大写，不含 I、O、S、V、Z",
        examples=["91440101MA59XXXXXX"],
    ),
]
