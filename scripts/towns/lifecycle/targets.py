"""A town's creation targets beside what its annual reports say (seed §4.6 "达到创建目标后…验收").

The targets are the declaration's 创建工作方案要点: the overall goal, the key projects with their
yearly investment plans, and the optional quantified targets (`CreationTargets`). The figures are
the annual reports' (`IndicatorRow`, the same rows `towns status` and the site show): investment
completed per year against the plan of that year and in total; each quantified target against the
latest report (a level at the end of creation) or the sum of the reports (`CUMULATIVE_TARGETS`).
Nothing here is stored: acceptance applications, namings, the site and the PR comment derive it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from towns.lifecycle.summary import IndicatorRow
from towns.models.declaration import CUMULATIVE_TARGETS, CreationTargets, KeyProject
from towns.registry import Declaration

Number = Decimal | int


@dataclass(frozen=True, slots=True)
class InvestmentYear:
    year: int
    planned: Decimal | None  # over all key projects, from the declaration's yearly plans
    completed: Decimal | None  # from that year's annual report


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One quantified target and the reported figure it is compared with."""

    key: str
    title: str
    target: Number
    actual: Number | None
    basis: str  # how the figure was obtained, e.g. “2020 年度报告” or “2018—2020 年度合计”

    @property
    def met(self) -> bool | None:
        return None if self.actual is None else self.actual >= self.target


@dataclass(frozen=True, slots=True)
class TargetComparison:
    goal: str
    projects: tuple[KeyProject, ...]
    investment: tuple[InvestmentYear, ...]
    targets: tuple[TargetRow, ...]
    latest_year: int | None

    @property
    def planned_total(self) -> Decimal:
        return sum((y.planned for y in self.investment if y.planned is not None), Decimal(0))

    @property
    def completed_total(self) -> Decimal:
        return sum((y.completed for y in self.investment if y.completed is not None), Decimal(0))

    @property
    def unmet(self) -> tuple[TargetRow, ...]:
        """Targets the reports show as not reached (a target without a figure is not counted)."""
        return tuple(row for row in self.targets if row.met is False)


def compare_targets(declaration: Declaration, rows: Sequence[IndicatorRow]) -> TargetComparison:
    """The declaration's creation targets beside the annual report figures ``rows``."""
    plan = declaration.creation_plan
    by_year = {row.year: row for row in rows}
    planned: dict[int, Decimal] = {}
    for project in plan.key_projects:
        for step in project.yearly_plan:
            planned[step.year] = planned.get(step.year, Decimal(0)) + step.investment_wan
    years = sorted({*planned, *by_year})
    investment = tuple(
        InvestmentYear(
            year,
            planned.get(year),
            by_year[year].indicators.investment_completed_wan if year in by_year else None,
        )
        for year in years
    )
    latest = max(by_year) if by_year else None
    return TargetComparison(
        plan.overall_goal, tuple(plan.key_projects), investment, _targets(plan.targets, rows), latest
    )


def _targets(targets: CreationTargets, rows: Sequence[IndicatorRow]) -> tuple[TargetRow, ...]:
    ordered = sorted(rows, key=lambda r: r.year)
    out = []
    for key, info in type(targets).model_fields.items():
        target = getattr(targets, key)
        if target is None:
            continue
        actual, basis = _figure(key, ordered)
        out.append(TargetRow(key, info.title or key, target, actual, basis))
    return tuple(out)


def _figure(key: str, rows: Sequence[IndicatorRow]) -> tuple[Number | None, str]:
    if not rows:
        return None, "尚无年度发展情况报告"
    if key in CUMULATIVE_TARGETS:
        total = sum(int(getattr(r.indicators, key)) for r in rows)
        span = f"{rows[0].year}—{rows[-1].year}" if len(rows) > 1 else str(rows[0].year)
        return total, f"{span} 年度合计"
    latest = rows[-1]
    return getattr(latest.indicators, key), f"{latest.year} 年度报告"
