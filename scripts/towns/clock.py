"""The day the registry is judged on when no date is given: today, or the day `TOWNS_TODAY` names.

States, due reports, the batch open for applications and the site's "as of" date all depend on
the day. Commands take it as an option (`--today`, `--on`); where none is given, and in the MkDocs
build (which takes no options), this is the one place that decides it. Setting `TOWNS_TODAY`
(YYYY-MM-DD) pins it, so that a site build or a test gives the same result on any later day.
"""

from __future__ import annotations

import datetime as dt
import os
import re

ENV = "TOWNS_TODAY"
_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class ClockError(ValueError):
    """`TOWNS_TODAY` is set but is not a date; the message is Chinese and shown as is."""


def parse_day(text: str) -> dt.date | None:
    """A calendar day written ``YYYY-MM-DD`` (the one form every date option takes), else None."""
    if not _ISO_DAY.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def today() -> dt.date:
    """The day named by `TOWNS_TODAY` when it is set and not empty, else the system's date."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return dt.date.today()
    day = parse_day(raw)
    if day is None:
        raise ClockError(f"环境变量 {ENV} 的值“{raw}”不是日期，应为 YYYY-MM-DD（不需要时请删除该变量）")
    return day
