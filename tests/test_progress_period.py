"""Targets count within their period (seed §1.3 “3 年内”): the period's figure and the figure to date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lifecycle_builder import World
from towns.cli import main

TODAY = dt.date(2026, 6, 1)


def _four_years(tmp_path: Path) -> World:
    """One creation town listed in 2016 that reports 100 new SMEs a year, through its creation period
    and the year after the targets' period (2016–2019)."""
    w = World(tmp_path / "repo")
    w.town("a")
    w.recommend("a", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", creation=["a"])
    for year in range(2016, 2020):
        w.report("a", year, f"{year + 1}-01-05", smes=100, backbone=3 + year - 2016)
    return w


def test_the_period_counts_only_its_years(tmp_path: Path) -> None:
    w = _four_years(tmp_path)
    progress = w.evaluate(TODAY).progress
    assert progress["period"] == {
        "start": "2016-01-01",
        "end": "2018-12-31",
        "years": [2016, 2017, 2018],
        "ended": True,
        "source": progress["period"]["source"],
    }
    assert progress["period"]["source"].startswith("方案 1.3；本省设定")
    smes = next(m for m in progress["metrics"] if m["id"] == "innovative_smes")
    # Only the period's three years count against the target; the fourth is in the figure to date.
    assert (smes["actual"], smes["to_date"], smes["target"], smes["met"]) == (300, 400, 1000, False)
    backbone = next(m for m in progress["metrics"] if m["id"] == "backbone_companies")
    assert (backbone["actual"], backbone["to_date"]) == (5, 6)  # the latest report in, and after, the period


def test_a_period_under_way_counts_to_today(tmp_path: Path) -> None:
    w = _four_years(tmp_path)
    progress = w.evaluate(dt.date(2018, 6, 1)).progress
    assert progress["period"]["ended"] is False
    smes = next(m for m in progress["metrics"] if m["id"] == "innovative_smes")
    assert smes["actual"] == smes["to_date"]


def test_the_command_shows_both_figures_with_the_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = _four_years(tmp_path)
    assert main(["progress", "--root", str(w.root), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "目标期：2016-01-01 至 2018-12-31（已结束" in out
    row = next(line for line in out.splitlines() if line.startswith("创新型互联网中小企业 "))
    assert row.split() == ["创新型互联网中小企业", "1000", "300", "未达到", "400"]
    assert main(["progress", "--root", str(w.root), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["period"]["end"] == "2018-12-31"


def test_the_demonstration_data_misses_the_sme_target_within_the_period(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ten years of demonstration reports reach 1000 SMEs; the period's three years do not."""
    repo = Path(__file__).resolve().parents[1]
    assert main(["progress", "--root", str(repo), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    smes = next(m for m in json.loads(capsys.readouterr().out)["metrics"] if m["id"] == "innovative_smes")
    assert smes["to_date"] >= smes["target"] > smes["actual"]
    assert smes["met"] is False
