"""Each lifecycle and record message says what is actually wrong, and each hint what to do.

The situations are those in which a generic text would mislead: a town that applied to another
batch, an acceptance application or an evaluation that exists but comes later, a record that is
not a declaration, a town id that is one letter off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from lifecycle_builder import World
from towns.findings import Finding

TODAY = dt.date(2026, 11, 30)
BATCH16 = "decisions/batches/2016.yaml"


def _listed(w: World, *, tier: str = "creation", towns: tuple[str, ...] = ("a",)) -> None:
    for town in towns:
        w.town(town)
        w.recommend(town, 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", **{tier: list(towns)})


def _reports(w: World, town: str, years: range) -> None:
    for year in years:
        w.report(town, year, f"{year + 1}-01-05")


def promoted_without_a_recommendation(w: World) -> str:
    _listed(w, tier="cultivation")
    w.batch(2017, "2017-07-20", creation=["a"])
    _reports(w, "a", range(2016, 2026))
    return "E-LIFE-002"


def listed_in_another_batch(w: World) -> str:
    w.town("a", batch=2018, filed="2018-07-10")
    w.recommend("a", 2018, "2018-07-20")
    w.recommend("a", 2017, "2017-05-01")
    w.batch(2017, "2017-07-20", creation=["a"])
    return "E-LIFE-017"


def named_before_its_application(w: World) -> str:
    _listed(w)
    _reports(w, "a", range(2016, 2019))
    w.evaluation(2016, "2017-03-01", [("a", "良好")])
    w.naming("n", "2017-09-01", ["a"])
    w.acceptance("a", "2017-10-01")
    return "E-LIFE-007"


def named_before_its_first_grade(w: World) -> str:
    _listed(w)
    _reports(w, "a", range(2016, 2019))
    w.acceptance("a", "2016-11-01")
    w.naming("n", "2016-12-20", ["a"])
    w.evaluation(2016, "2017-03-01", [("a", "良好")])
    return "E-LIFE-008"


def reported_after_expiry(w: World) -> str:
    _listed(w)
    _reports(w, "a", range(2016, 2019))
    w.report("a", 2020, "2021-01-05")
    return "E-LIFE-005"


def graded_before_listed(w: World) -> str:
    w.town("a", batch=2017, filed="2017-04-01")
    w.recommend("a", 2017, "2017-05-01")
    w.batch(2017, "2017-07-20", creation=["a"])
    _reports(w, "a", range(2017, 2020))
    w.evaluation(2016, "2017-03-01", [("a", "良好")])
    return "E-LIFE-005"


def listed_twice(w: World) -> str:
    _listed(w)
    w.recommend("a", 2017, "2017-05-01")
    w.batch(2017, "2017-07-20", cultivation=["a"])
    _reports(w, "a", range(2016, 2019))
    return "E-LIFE-012"


def applied_after_expiry(w: World) -> str:
    _listed(w)
    _reports(w, "a", range(2016, 2019))
    w.acceptance("a", "2019-07-01")
    return "E-LIFE-014"


def waiver_for_a_town_not_selected(w: World) -> str:
    _listed(w, tier="not_selected")
    w.batch(2016, "2016-06-24", not_selected=["a"], waivers=[("a", "spatial_layout")])
    return "W-LIFE-003"


def town_id_one_letter_off(w: World) -> str:
    _listed(w, towns=("shunde-muyun",))
    w.batch(2016, "2016-06-24", creation=["shunde-muyum"])
    return "E-LIFE-001"


def record_missing_a_field(w: World) -> str:
    w.town("a")
    w.write(BATCH16, ["schema_version: 1", "year: 2016", "date: 2016-06-24"])
    return "E-SCHEMA-001"


def record_with_an_unknown_field(w: World) -> str:
    w.town("a")
    rel = w.recommend("a", 2016, "2016-05-01")
    path = w.root / rel
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    return "E-SCHEMA-002"


# What each message (and hint) must say, beyond its code.
SAYS: dict[str, tuple[Callable[[World], str], tuple[str, ...], tuple[str, ...]]] = {
    "promoted_without_a_recommendation": (
        promoted_without_a_recommendation,
        ("地市推荐它参加的是 2016 年批次", "records/guangzhou/recommendations/2016/a.yaml"),
        ("recommendations/2017/",),
    ),
    "listed_in_another_batch": (
        listed_in_another_batch,
        ("申报的是 2018 年批次", "submissions/guangzhou/a/declaration.yaml"),
        ("2018 年批次的审核结果",),
    ),
    "named_before_its_application": (
        named_before_its_application,
        ("2017-10-01 晚于命名日期", "records/guangzhou/acceptance-applications/a.yaml 第 2 行"),
        ("请核对验收申请和命名的日期",),
    ),
    "named_before_its_first_grade": (
        named_before_its_first_grade,
        ("公布于 2017-03-01，晚于命名日期", "decisions/evaluations/2016.yaml"),
        ("公布日期",),
    ),
    "reported_after_expiry": (reported_after_expiry, ("已于 2019-06-24“创建期满未申请验收”",), ()),
    "graded_before_listed": (graded_before_listed, ("2017-07-20 才列入",), ()),
    "listed_twice": (listed_twice, ("自 2016-06-24“列入创建名单”起", f"{BATCH16} 第 6 行"), ()),
    "applied_after_expiry": (applied_after_expiry, ("创建期满未验收", "创建期满未申请验收"), ()),
    "waiver_for_a_town_not_selected": (waiver_for_a_town_not_selected, ("列为未入选",), ()),
    "town_id_one_letter_off": (town_id_one_letter_off, ("shunde-muyum",), ("“shunde-muyun”",)),
    "record_missing_a_field": (
        record_missing_a_field,
        ("分批审核结果缺少必填字段“文号”",),
        ("docs/guide/lifecycle.md",),
    ),
    "record_with_an_unknown_field": (
        record_with_an_unknown_field,
        ("不是审核推荐意见中规定的字段",),
        ("lifecycle.md",),
    ),
}


@pytest.mark.parametrize("name", sorted(SAYS))
def test_the_message_states_the_cause(tmp_path: Path, name: str) -> None:
    build, message_parts, hint_parts = SAYS[name]
    w = World(tmp_path / "repo")
    code = build(w)
    found: list[Finding] = [f for f in w.evaluate(TODAY).findings if f.code == code]
    assert len(found) == 1, [f.code for f in w.evaluate(TODAY).findings]
    for part in message_parts:
        assert part in found[0].message, found[0].message
    for part in hint_parts:
        assert part in (found[0].hint or ""), found[0].hint
    assert "申报表" not in (found[0].hint or "") or code == "E-LIFE-017"
    assert "towns new" not in (found[0].hint or "")
