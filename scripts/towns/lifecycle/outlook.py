"""What comes next for a town on a given day: the step, its window and its deadline.

The dates follow the same rules as `due` (they share its helpers): the annual report of year Y is
owed by a town on a list on 31 December of Y, from the reminder start of Y through the deadline of
Y+1; an acceptance application is possible in the last ``acceptance_notice_days`` of the creation
period. `due` lists only what is owed on the day; this module also says what is coming, so that a
town's page can tell its next date before the reminders start. A step with the authorities (a
recommendation, a batch review, the acceptance itself) has no deadline in the program: its status
is ``waiting``, or ``closed`` once the batch's submission window has passed without it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from towns.jsonfields import FieldsJson
from towns.lifecycle.due import acceptance_window, owed_report_years
from towns.lifecycle.machine import TownLife
from towns.lifecycle.states import State
from towns.models.program import Program
from towns.models.values import Tier
from towns.registry import Town

StepKind = Literal["recommendation", "batch_review", "annual_report", "acceptance", "acceptance_review"]
StepStatus = Literal["overdue", "due", "upcoming", "waiting", "closed"]
STEP_STATUS_NAMES: dict[str, str] = {
    "overdue": "已逾期",
    "due": "可办理",
    "upcoming": "尚未开始",
    "waiting": "等待审核",
    "closed": "已截止",
}
_URGENCY = {status: rank for rank, status in enumerate(STEP_STATUS_NAMES)}


@dataclass(frozen=True, slots=True)
class NextStep(FieldsJson):
    """One thing that is to happen next: from ``opens`` (None: already possible) through ``due``."""

    kind: StepKind
    title: str
    status: StepStatus
    opens: dt.date | None = None
    due: dt.date | None = None
    year: int | None = None

    @property
    def status_name(self) -> str:
        return STEP_STATUS_NAMES[self.status]


def next_steps(life: TownLife, town: Town, program: Program, on: dt.date) -> tuple[NextStep, ...]:
    """The town's next steps as of ``on``, the most pressing first; empty when nothing is left."""
    steps = [*_entry_steps(life, town, program, on), *_reports(life, program, on)]
    window = acceptance_window(life, program)
    if window is not None:
        opens, last = window
        status: StepStatus = "upcoming" if on < opens else "due"
        steps.append(NextStep("acceptance", "提出验收申请", status, opens, last, last.year))
    if life.state is State.ACCEPTANCE_APPLIED:
        title = f"{program.province.authority_short}组织验收"
        steps.append(NextStep("acceptance_review", title, "waiting"))
    return tuple(sorted(steps, key=lambda s: (_URGENCY[s.status], s.due or dt.date.max)))


def _entry_steps(life: TownLife, town: Town, program: Program, on: dt.date) -> list[NextStep]:
    """Before any list: the city's recommendation, then the province's batch review."""
    batch = program.batches_by_year.get(town.declaration.batch) if town.declaration else None
    if life.state is State.DECLARED:
        title = f"{program.province.city_department}审核推荐"
        if batch is None:
            return [NextStep("recommendation", title, "waiting")]
        status: StepStatus = "upcoming" if on < batch.opens else "due" if on <= batch.closes else "closed"
        return [NextStep("recommendation", title, status, batch.opens, batch.closes, batch.year)]
    if life.state is State.RECOMMENDED:
        title = f"{program.province.authority_short}分批审核"
        return [NextStep("batch_review", title, "waiting", year=batch.year if batch else None)]
    return []


def _reports(life: TownLife, program: Program, on: dt.date) -> list[NextStep]:
    """Every annual report owed now (due or overdue), else the next one that will be owed."""
    out = []
    for year in owed_report_years(life, on.year):
        opens = program.reminder_start.in_year(year)
        due = program.annual_report_deadline.in_year(year + 1)
        if on >= opens:
            out.append(NextStep("annual_report", _report_title(year), _status(on, due), opens, due, year))
        elif _stays_listed_through(life, program, year):
            out.append(NextStep("annual_report", _report_title(year), "upcoming", opens, due, year))
    return out


def _report_title(year: int) -> str:
    return f"报送 {year} 年度发展情况报告"


def _status(on: dt.date, due: dt.date) -> StepStatus:
    return "due" if on <= due else "overdue"


def _stays_listed_through(life: TownLife, program: Program, year: int) -> bool:
    """Whether the town will still be on its list on 31 December of ``year`` unless a decision moves it."""
    if life.tier is None:
        return False
    end = life.period_end(program)
    return life.tier is not Tier.CREATION or end is None or end >= dt.date(year, 12, 31)
