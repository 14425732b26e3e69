"""Which batch accepts declarations on a day, and what to tell someone when none does.

Every sentence about "the batch to apply to" is derived here from the program's batches: `towns
new`, the hints of a filing or a recommendation outside its window (E-TOWN-007, E-TOWN-008,
E-LIFE-011) and the site's apply page. So no message names a batch that does not exist, and when
no later batch is set the text says so and whom to ask. The program check refuses windows that
overlap (E-PROGRAM-006), so at most one batch is open on any day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from towns.models.program import Batch, Program


@dataclass(frozen=True, slots=True)
class Outlook:
    """The batches as seen on ``day``: the one open then, and the first one opening after it."""

    day: dt.date
    open: Batch | None
    next: Batch | None


def outlook(program: Program, day: dt.date) -> Outlook:
    """The batch whose window holds ``day`` (both ends included) and the next one to open."""
    current = next((b for b in program.batches if b.accepts(day)), None)
    later = sorted((b for b in program.batches if b.opens > day), key=lambda b: b.opens)
    return Outlook(day, current, later[0] if later else None)


def open_batch(program: Program, day: dt.date) -> Batch | None:
    """The batch accepting declarations on ``day``, if any."""
    return outlook(program, day).open


def window(batch: Batch) -> str:
    """“2026-10-08 至 2026-12-31”: a batch's submission window as the messages write it."""
    return f"{batch.opens.isoformat()} 至 {batch.closes.isoformat()}"


def batch_name(batch: Batch) -> str:
    """“2026 年批次（受理时间 2026-10-08 至 2026-12-31，含首尾两日）”."""
    return f"{batch.year} 年批次（受理时间 {window(batch)}，含首尾两日）"


def whom_to_ask(program: Program) -> str:
    """Where to learn of the next batch: the province's notices and the city departments."""
    authority = program.province.authority_short
    return f"请关注{authority}的申报通知，或咨询所在的{program.province.city_department}"


def advice(program: Program, day: dt.date, *, when: str | None = None) -> str:
    """One Chinese sentence on the batches as of ``day`` (``when`` names the day, default its date).

    The open batch when there is one; otherwise the next one with its window; otherwise that no
    later batch is set yet, and whom to ask.
    """
    seen = outlook(program, day)
    label = when if when is not None else f"{day.isoformat()} "
    if seen.open is not None:
        return f"{label}正在受理的是 {batch_name(seen.open)}"
    if seen.next is not None:
        return f"{label}没有正在受理的批次，下一批次是 {batch_name(seen.next)}"
    authority = program.province.authority_short
    return f"{label}没有正在受理的批次，{authority}尚未设立以后的批次：{whom_to_ask(program)}"
