"""The JSON report: the stable, versioned API of `towns check` (docs/dev/report-format.md)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from towns.check import CheckResult


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def render_json(result: CheckResult) -> str:
    """Compact JSON: the C encoder is only used without indentation (several times faster)."""
    return json.dumps(result.as_json(), ensure_ascii=False, separators=(",", ":"), default=_default) + "\n"
