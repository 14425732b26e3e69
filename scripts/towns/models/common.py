"""Building blocks shared by every model: strict base class, units, identities.

Patterns spell ASCII digits as ``[0-9]``, never ``\\d``: in Python's and pydantic's regular
expressions ``\\d`` matches every Unicode digit (full-width ``３``, Arabic-Indic ``٣``…), while the
published JSON Schema is read by editors as ECMA-262, where ``\\d`` is ASCII only. Numbers, years
and dates are taken only from values written as such: text (even ``"300"`` or full-width
``３００``) in a number field, or a number in a date field, is an error, as the schema says.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

# A blank left for a person to fill in (templates, `towns record`): text that begins with this.
# The checker reports every one as "left to fill in" (E-TOWN-013 in declarations, E-REC-005 in
# records) before anything else about the same field.
PLACEHOLDER = "（请填写"
PLACEHOLDER_PATTERN = "^（请填写"
# The JSON Schema of a field marked so also accepts a blank, so that a freshly written record
# (whose grades and conclusions are still blanks) follows its schema; `towns.lifecycle.schemas`.
FILLABLE: dict[str, Any] = {"x-fillable": True}

USCC_PATTERN = r"^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$"
TOWN_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Model(BaseModel):
    """Strict by default: unknown fields are errors, text is trimmed, numbers typed as text are kept.

    ``coerce_numbers_to_str`` lets an unquoted phone number or code (``13800138000``) be read as the
    text it is; numbers are never coerced the other way.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
        validate_default=False,
    )


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
_DATE = _written_as("日期", int, float, Decimal, bool)


def _number_schema(minimum: int, maximum: int | None = None) -> WithJsonSchema:
    schema: dict[str, object] = {"type": "number", "minimum": minimum}
    if maximum is not None:
        schema["maximum"] = maximum
    return WithJsonSchema(schema)


# Areas in mu (亩) and money in 10,000 yuan (万元) are exact decimals: thresholds compare exactly.
Mu = Annotated[Decimal, Field(ge=0, le=10_000_000), _NUMBER, _number_schema(0, 10_000_000)]
Wan = Annotated[Decimal, Field(ge=0, le=100_000_000_000), _NUMBER, _number_schema(0, 100_000_000_000)]
Percent = Annotated[Decimal, Field(ge=0, le=100), _NUMBER, _number_schema(0, 100)]
PositiveDecimal = Annotated[
    Decimal, Field(gt=0, le=1_000_000), _NUMBER, WithJsonSchema({"type": "number", "exclusiveMinimum": 0})
]
Count = Annotated[int, Field(ge=0, le=1_000_000), _INTEGER]
Year = Annotated[int, Field(ge=2000, le=2100), _INTEGER]
Date = Annotated[dt.date, _DATE]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
# One line: a name or an address never holds a line break (the form and the site show one line).
ShortText = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\r\n]*$")]
Uscc = Annotated[
    str,
    Field(
        pattern=USCC_PATTERN,
        title="统一社会信用代码",
        description="18 位统一社会信用代码（GB 32100-2015），字母须大写，不含 I、O、S、V、Z",
        examples=["91440101MA59XXXXXX"],
    ),
]
