"""Arbitrary record content never crashes the lifecycle: every problem is a finding."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifecycle_builder import World

TODAY = dt.date(2026, 11, 30)
PLACES = (
    "records/guangzhou/recommendations/2016/a.yaml",
    "records/guangzhou/annual-reports/2016/a.yaml",
    "records/guangzhou/acceptance-applications/a.yaml",
    "decisions/batches/2016.yaml",
    "decisions/evaluations/2016.yaml",
    "decisions/namings/n.yaml",
)
KEYS = (
    "schema_version",
    "town",
    "year",
    "batch",
    "date",
    "filed_on",
    "department",
    "document_number",
    "creation_list",
    "cultivation_list",
    "not_selected",
    "results",
    "towns",
    "grade",
    "indicators",
    "opinion",
    "summary",
    "waivers",
    "condition",
    "reason",
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.sampled_from(["a", "b", "良好", "淘汰", "2016-06-24", "2027-01-01", "2016-02-30", ""]),
    st.dates(dt.date(2014, 1, 1), dt.date(2028, 1, 1)).map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    max_leaves=20,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=8).map(
    lambda d: {"schema_version": 1, **d} if d.get("schema_version") is None else d
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(st.sampled_from(PLACES), documents), min_size=1, max_size=6))
def test_arbitrary_records_give_findings_not_crashes(
    tmp_path_factory: Any, files: list[tuple[str, Any]]
) -> None:
    root = Path(str(tmp_path_factory.mktemp("repo")))
    w = World(root / "repo")
    w.town("a")
    w.town("b")
    for rel, data in files:
        path = w.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = w.evaluate(TODAY)
    assert set(result.towns) == {"a", "b"}
    for f in result.findings:
        assert f.line >= 1 and f.code


towns = st.sampled_from(["a", "b", "ghost"])
days = st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31))
grades = st.sampled_from(["优秀", "合格", "警告", "降格", "淘汰", "不存在"])


@st.composite
def valid_records(draw: st.DrawFn) -> list[tuple[str, list[str]]]:
    """Well-formed records with random towns, dates and grades: the process logic under stress."""
    out: list[tuple[str, list[str]]] = []
    for year in draw(st.lists(st.sampled_from([2016, 2017, 2018, 2015]), unique=True, max_size=3)):
        lists = {k: draw(st.lists(towns, max_size=2)) for k in ("creation_list", "cultivation_list")}
        lines = ["schema_version: 1", f"year: {year}", f"date: {draw(days)}", "document_number: 文号"]
        lines += [f"{k}: [{', '.join(v)}]" for k, v in lists.items()]
        out.append((f"decisions/batches/{year}.yaml", lines))
    for town in draw(st.lists(st.sampled_from(["a", "b"]), unique=True)):
        batch = draw(st.sampled_from([2016, 2017, 2018]))
        out.append(
            (
                f"records/guangzhou/recommendations/{batch}/{town}.yaml",
                [
                    "schema_version: 1",
                    f"town: {town}",
                    f"batch: {batch}",
                    "department: 部门",
                    f"date: {draw(days)}",
                    "opinion: 同意",
                ],
            )
        )
    for year in draw(st.lists(st.integers(2015, 2026), unique=True, max_size=4)):
        results = draw(st.lists(st.tuples(towns, grades), min_size=1, max_size=3))
        out.append(
            (
                f"decisions/evaluations/{year}.yaml",
                [
                    "schema_version: 1",
                    f"year: {year}",
                    f"date: {draw(days)}",
                    "document_number: 文号",
                    "results:",
                    *[f"  - {{town: {t}, grade: {g}}}" for t, g in results],
                ],
            )
        )
    for town in draw(st.lists(st.sampled_from(["a", "b"]), unique=True)):
        out.append(
            (
                f"records/guangzhou/acceptance-applications/{town}.yaml",
                [
                    "schema_version: 1",
                    f"town: {town}",
                    "department: 部门",
                    f"date: {draw(days)}",
                    "summary: 完成",
                ],
            )
        )
    if draw(st.booleans()):
        out.append(
            (
                "decisions/namings/n.yaml",
                [
                    "schema_version: 1",
                    f"date: {draw(days)}",
                    "document_number: 文号",
                    f"towns: [{', '.join(draw(st.lists(towns, min_size=1, max_size=2)))}]",
                ],
            )
        )
    return out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=valid_records(), today=st.dates(dt.date(2016, 1, 1), dt.date(2030, 1, 1)))
def test_arbitrary_processes_never_crash(
    tmp_path_factory: Any, files: list[tuple[str, list[str]]], today: dt.date
) -> None:
    root = Path(str(tmp_path_factory.mktemp("repo")))
    w = World(root / "repo")
    w.town("a")
    w.town("b", batch=2017, filed="2017-05-01")
    for rel, lines in files:
        w.write(rel, lines)
    result = w.evaluate(today)
    for entry in result.towns.values():
        dates = [item.date for item in entry.history]
        assert dates == sorted(dates)
    for o in result.obligations:
        assert o.status in {"due", "overdue"}
