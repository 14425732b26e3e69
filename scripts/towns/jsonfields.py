"""A record's JSON form built from its declared fields, so no ``as_json`` lists them a second time.

The reports' JSON shapes (findings, verdicts, due items, lifecycle summaries) are the records'
dataclass fields in declaration order, with the few conversions JSON needs: an enum as its value,
a date as ISO 8601, a tuple as a list. A record whose JSON differs (a derived name, a field left
out) says only that difference.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from enum import Enum
from typing import Any


def json_value(value: object) -> object:
    """``value`` as JSON has it: an enum's value, a date's ISO text, a tuple as a list."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [json_value(item) for item in value]
    return value


def fields_json(record: Any, *, omit: tuple[str, ...] = ()) -> dict[str, Any]:
    """The dataclass ``record``'s fields but ``omit``, in declaration order, as JSON values."""
    return {f.name: json_value(getattr(record, f.name)) for f in fields(record) if f.name not in omit}


class FieldsJson:
    """Base of a dataclass whose ``as_json`` is its fields as they are (`fields_json`)."""

    __slots__ = ()

    def as_json(self) -> dict[str, Any]:
        """The record in the JSON report: its fields in declaration order."""
        return fields_json(self)
