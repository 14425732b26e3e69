"""The shipped demonstration records tell the whole story: every state appears, nothing blocks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from towns.cli import main
from towns.lifecycle.view import build_view

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)


def test_every_state_appears_and_nothing_blocks() -> None:
    view = build_view(REPO, TODAY)
    assert view.program is not None
    blocking = [f"{f.file}:{f.line} {f.code}" for f in view.findings if f.blocking]
    assert blocking == []
    states = {entry.state for entry in view.result.towns.values()}
    assert {"named", "demoted", "removed", "expired", "cultivation", "not_selected"} <= states


def test_the_story_is_consistent() -> None:
    view = build_view(REPO, TODAY)
    towns = view.result.towns
    for town_id, entry in towns.items():
        dates = [item.date for item in entry.history]
        assert dates == sorted(dates), town_id
        outputs = [row.value("internet_output_wan") for row in entry.indicators]
        if entry.state == "named":
            assert outputs == sorted(outputs), f"{town_id}: a named town grew every year"
            assert entry.grades and all(g.grade in {"优秀", "良好", "合格"} for g in entry.grades)
        if entry.state == "removed":
            assert entry.history[-1].event == "removed"


def test_status_and_progress_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--root", str(REPO), "--today", TODAY.isoformat()]) == 0
    table = capsys.readouterr().out
    assert "已命名" in table and "创建期满未验收" in table
    assert main(["status", "huangpu-yungu", "--root", str(REPO), "--today", TODAY.isoformat()]) == 0
    assert "验收合格，正式命名" in capsys.readouterr().out
    assert main(["status", "no-such-town", "--root", str(REPO)]) == 2
    capsys.readouterr()
    assert main(["progress", "--root", str(REPO), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    progress = json.loads(capsys.readouterr().out)
    assert progress["towns"]["industry"]["target"] == 10
    assert {m["id"] for m in progress["metrics"]} >= {
        "innovative_smes",
        "backbone_companies",
        "leading_companies",
    }
