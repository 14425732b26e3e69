"""The derived state never depends on the order in which record files are read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifecycle_builder import World
from towns.lifecycle.store import discover_record_files

TODAY = dt.date(2026, 11, 30)


def _story(w: World) -> None:
    """Several towns, contradictions included, so that order could matter if the code let it.

    e fails acceptance twice (its creation ends); f fails once and lets its period run out, with a
    failure and a second application on the same day as other records, so same-day ranks matter.
    """
    for town in ("a", "b", "c", "d", "e", "f"):
        w.town(town)
        w.recommend(town, 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", creation=["a", "b", "e", "f"], cultivation=["c"], not_selected=["d"])
    w.recommend("c", 2017, "2017-05-01")
    w.batch(2017, "2017-07-20", creation=["c"], cultivation=["a"])
    for year, grades in (
        (2016, [("a", "良好"), ("b", "警告"), ("c", "合格")]),
        (2017, [("a", "优秀"), ("b", "降格"), ("c", "良好")]),
        (2018, [("b", "警告"), ("c", "合格"), ("d", "优秀")]),
    ):
        for town in ("a", "b", "c"):
            w.report(town, year, f"{year + 1}-01-0{year - 2015}")
        w.evaluation(year, f"{year + 1}-03-01", grades)
    w.acceptance("a", "2018-05-01")
    w.naming("2018-first", "2018-09-01", ["a", "b"], failed=["f"])
    w.acceptance("e", "2017-04-01", year_folder=True)
    w.acceptance("f", "2018-03-01", year_folder=True)
    w.naming("2017-failed", "2017-06-01", [], failed=["e"])
    w.acceptance("e", "2018-09-01", year_folder=True)
    w.naming("2018-second", "2018-09-01", [], failed=["e", "a"])


def _signature(w: World, order: list[str]) -> tuple[object, ...]:
    lives, findings = w.lives(TODAY, order)
    states = tuple(
        (t, life.state, life.tier, tuple(map(str, life.history))) for t, life in sorted(lives.items())
    )
    return states, tuple(sorted((f.code, f.file, f.line, f.message) for f in findings))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_state_is_independent_of_file_order(tmp_path_factory: object, data: st.DataObject) -> None:
    root = Path(str(tmp_path_factory.mktemp("repo")))  # type: ignore[attr-defined]
    w = World(root / "repo")
    _story(w)
    files = discover_record_files(w.root)
    reference = _signature(w, files)
    shuffled = data.draw(st.permutations(files))
    assert _signature(w, list(shuffled)) == reference
    assert _signature(w, list(reversed(files))) == reference


def test_the_story_reaches_several_states(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _story(w)
    lives, findings = w.lives(TODAY)
    assert {t: life.state.value for t, life in lives.items()} == {
        "a": "named",
        "b": "removed",
        "c": "expired",
        "d": "not_selected",
        "e": "creation_ended",
        "f": "expired",
    }
    assert [e.event.value for e in lives["f"].history[-2:]] == ["acceptance_failed", "expired"]
    codes = sorted(f.code for f in findings)
    assert "E-LIFE-012" in codes and "E-LIFE-005" in codes and "E-LIFE-007" in codes
    assert "E-LIFE-030" in codes  # a, already named, cannot fail acceptance
