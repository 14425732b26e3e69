"""A town's creation targets beside its annual reports, as the province compares them at acceptance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from towns.lifecycle.targets import compare_targets
from towns.lifecycle.view import build_view
from towns.models.declaration import CUMULATIVE_TARGETS, CreationTargets
from towns.models.records import Indicators

REPO = Path(__file__).resolve().parent.parent


def test_every_target_is_an_annual_report_indicator_of_the_same_name() -> None:
    """One source: a target is compared with the indicator of its own name and title."""
    for key, info in CreationTargets.model_fields.items():
        assert key in Indicators.model_fields, key
        assert info.title == Indicators.model_fields[key].title, key
    assert set(CreationTargets.model_fields) >= CUMULATIVE_TARGETS


def test_the_demonstration_town_that_failed_acceptance_misses_two_targets() -> None:
    view = build_view(REPO, dt.date(2026, 11, 30))
    town = view.town("longhu-chaoxin")
    assert town is not None and town.declaration is not None
    compared = compare_targets(town.declaration, view.result.towns[town.id].indicators)
    assert [(y.year, y.planned, y.completed) for y in compared.investment] == [
        (2018, Decimal(5500), Decimal(5060)),
        (2019, Decimal(8500), Decimal(8415)),
        (2020, Decimal(6000), Decimal(5580)),
    ]
    assert (compared.planned_total, compared.completed_total) == (Decimal(20000), Decimal(19055))
    rows = {row.key: row for row in compared.targets}
    assert [row.title for row in compared.unmet] == ["互联网产业产值（万元）", "骨干企业数量"]
    assert (rows["internet_output_wan"].actual, rows["internet_output_wan"].basis) == (
        159117,
        "2020 年度报告",
    )
    assert (rows["new_innovative_smes"].actual, rows["new_innovative_smes"].basis) == (
        57,
        "2018—2020 年度合计",
    )
    assert rows["new_innovative_smes"].met is True


def test_a_town_without_reports_has_no_figures() -> None:
    view = build_view(REPO, dt.date(2018, 8, 30))
    town = view.town("longhu-chaoxin")
    assert town is not None and town.declaration is not None
    compared = compare_targets(town.declaration, ())
    assert compared.latest_year is None
    assert all(row.actual is None and row.met is None for row in compared.targets)
    assert compared.unmet == ()
