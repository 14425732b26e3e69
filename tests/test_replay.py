"""Replaying a past day: the registry judged as it stood on D equals a registry built up to D.

For several days D, `run_check(today=D)` on the whole registry (checked on a later day) must give
the same states, histories, due items and findings as a forward replay: a copy that holds only the
records dated on or before D and the towns whose declaration was filed by then, checked on D.
The records' dates are read here with plain PyYAML, not with the checker's loader, so the test
does not take the code under test's word for what is out of view. The demonstration data and a
synthetic registry are both replayed; `towns status` and `towns due` must agree with the check.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from towns.check import CheckResult, run_check
from towns.cli import main
from towns.lifecycle.view import build_view
from towns.synth import generate

REPO = Path(__file__).resolve().parent.parent
NOW = dt.date(2026, 11, 30)  # the day the checks run: after every record of both registries
DEMO_DAYS = ("2016-05-25", "2016-06-24", "2017-03-15", "2018-01-10", "2019-01-18", "2020-08-19", "2022-01-14")
SYNTH_DAYS = ("2016-06-30", "2017-12-31", "2019-03-31")


def _written_date(path: Path) -> dt.date | None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return None
    value = data.get("filing_date", data.get("date", data.get("filed_on")))
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value if isinstance(value, dt.date) else None


def _copy_as_of(root: Path, day: dt.date, dest: Path) -> Path:
    """The registry as a forward replay builds it: nothing dated after ``day``."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(".git", ".venv", "site", "node_modules"))
    for record in sorted((*dest.glob("records/**/*.yaml"), *dest.glob("decisions/**/*.yaml"))):
        written = _written_date(record)
        if written is not None and written > day:
            record.unlink()
    for declaration in sorted(dest.glob("submissions/*/*/declaration.yaml")):
        written = _written_date(declaration)
        if written is not None and written > day:
            shutil.rmtree(declaration.parent)
    return dest


def _signature(result: CheckResult) -> dict[str, Any]:
    report = result.as_json()
    report.pop("as_of", None)
    report.pop("tool_version")
    return report


def _replayed(root: Path, day: dt.date, tmp_path: Path) -> tuple[CheckResult, CheckResult, Path]:
    forward_root = _copy_as_of(root, day, tmp_path / f"forward-{day}")
    replay = run_check(root, today=day, now=NOW)
    forward = run_check(forward_root, today=day)
    return replay, forward, forward_root


@pytest.mark.parametrize("day", DEMO_DAYS)
def test_the_demo_data_replays_as_a_forward_replay(tmp_path: Path, day: str) -> None:
    on = dt.date.fromisoformat(day)
    replay, forward, forward_root = _replayed(REPO, on, tmp_path)
    assert _signature(replay) == _signature(forward)
    assert replay.out_of_view is not None and replay.out_of_view.records > 0
    assert forward.out_of_view is None
    assert not any(f.code == "E-LIFE-009" for f in replay.findings)
    assert _view(REPO, on, NOW) == _view(forward_root, on, on)
    states = {t.id: t.life.state for t in replay.towns}
    assert {t.id: t.life.state for t in forward.towns} == states


def _view(root: Path, day: dt.date, now: dt.date) -> tuple[object, ...]:
    view = build_view(root, day, now)
    lives = sorted((town, entry.as_json()) for town, entry in view.result.towns.items())
    due = [o.as_dict() for o in view.result.obligations]
    return tuple(lives), tuple(json.dumps(d, sort_keys=True) for d in due)


def test_a_synthetic_registry_replays_as_a_forward_replay(tmp_path: Path) -> None:
    root = generate(tmp_path / "synth", 30, seed=5, as_of=dt.date(2019, 12, 31))
    for day in SYNTH_DAYS:
        on = dt.date.fromisoformat(day)
        replay, forward, _ = _replayed(root, on, tmp_path)
        assert _signature(replay) == _signature(forward), day


def test_a_replay_mentions_what_it_left_out_once(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_check(REPO, today=dt.date(2017, 3, 15), now=NOW)
    assert result.out_of_view is not None
    assert result.out_of_view.declarations == 20  # of the 24 towns, only the 2016 batch had declared
    assert result.as_json()["as_of"] == result.out_of_view.as_json()
    assert main(["check", "--root", str(REPO), "--today", "2017-03-15"]) == 0
    text = capsys.readouterr().out
    assert text.count("的日期晚于该日，未计入") == 1
    assert "E-LIFE-009" not in text
    assert main(["status", "--root", str(REPO), "--today", "2017-03-15"]) == 0
    table = capsys.readouterr().out
    assert "xiangzhou-haiyun" not in table and "的日期晚于该日，未计入" in table
    assert main(["due", "--root", str(REPO), "--on", "2017-01-05", "--format", "json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert {o["year"] for o in due["obligations"]} == {2016}


def test_a_date_after_the_day_of_the_check_is_still_an_error(tmp_path: Path) -> None:
    root = _copy_as_of(REPO, NOW, tmp_path / "repo")
    path = root / "records/guangzhou/recommendations/2016/huangpu-yungu.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("date: 2016-05-27", "date: 2028-05-27"), encoding="utf-8"
    )
    result = run_check(root, today=dt.date(2017, 3, 15), now=NOW)
    assert [f.file for f in result.findings if f.code == "E-LIFE-009"] == [path.relative_to(root).as_posix()]
