"""Building blocks shared by every model: strict base class, units, identities."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

USCC_PATTERN = r"^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$"
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


def _number_schema(minimum: int, maximum: int | None = None) -> WithJsonSchema:
    schema: dict[str, object] = {"type": "number", "minimum": minimum}
    if maximum is not None:
        schema["maximum"] = maximum
    return WithJsonSchema(schema)


# Areas in mu (亩) and money in 10,000 yuan (万元) are exact decimals: thresholds compare exactly.
Mu = Annotated[Decimal, Field(ge=0, le=10_000_000), _number_schema(0, 10_000_000)]
Wan = Annotated[Decimal, Field(ge=0, le=100_000_000_000), _number_schema(0, 100_000_000_000)]
Percent = Annotated[Decimal, Field(ge=0, le=100), _number_schema(0, 100)]
PositiveDecimal = Annotated[
    Decimal, Field(gt=0, le=1_000_000), WithJsonSchema({"type": "number", "exclusiveMinimum": 0})
]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
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
