"""Reading authority records: places, owners, schema findings with lines, and bad files never crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lifecycle_builder import World
from towns.layout import Area, classify
from towns.lifecycle.paths import Kind, parse_record_path

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("path", "kind", "city", "year", "stem"),
    [
        (
            "records/foshan/recommendations/2017/nanhai-x.yaml",
            Kind.RECOMMENDATION,
            "foshan",
            2017,
            "nanhai-x",
        ),
        ("records/foshan/annual-reports/2018/nanhai-x.yaml", Kind.ANNUAL_REPORT, "foshan", 2018, "nanhai-x"),
        (
            "records/foshan/acceptance-applications/nanhai-x.yaml",
            Kind.ACCEPTANCE_APPLICATION,
            "foshan",
            None,
            "nanhai-x",
        ),
        (
            "records/foshan/acceptance-applications/2019/nanhai-x.yaml",
            Kind.ACCEPTANCE_APPLICATION,
            "foshan",
            2019,
            "nanhai-x",
        ),
        ("decisions/batches/2016.yaml", Kind.BATCH, None, 2016, "2016"),
        ("decisions/evaluations/2017.yaml", Kind.EVALUATION, None, 2017, "2017"),
        ("decisions/namings/2019-first.yaml", Kind.NAMING, None, None, "2019-first"),
    ],
)
def test_record_places(path: str, kind: Kind, city: str | None, year: int | None, stem: str) -> None:
    place = parse_record_path(path)
    assert place is not None
    assert (place.kind, place.city, place.year, place.stem) == (kind, city, year, stem)
    owner = classify(path)
    assert owner.area is (Area.CITY_RECORD if city else Area.DECISION)
    assert owner.city == city


@pytest.mark.parametrize(
    "path",
    [
        "records/foshan/recommendations/nanhai-x.yaml",
        "records/foshan/annual-reports/18/nanhai-x.yaml",
        "records/foshan/acceptance-applications/19/nanhai-x.yaml",
        "records/foshan/acceptance-applications/2019/a/nanhai-x.yaml",
        "records/foshan/recommendations/2017/Nanhai_X.yaml",
        "records/foshan/annual-reports/2018/nanhai-x.yml",
        "records/recommendations.yaml",
        "decisions/batches/first.yaml",
        "decisions/evaluations/2017/a.yaml",
        "decisions/other/2017.yaml",
    ],
)
def test_paths_that_are_no_record(path: str) -> None:
    assert parse_record_path(path) is None


def _repo(tmp_path: Path) -> World:
    w = World(tmp_path / "repo")
    w.town("a")
    return w


def _findings(w: World) -> list[tuple[str, str, int]]:
    _, findings = w.lives(TODAY)
    return sorted((f.code, f.file, f.line) for f in findings)


def test_stray_file_and_unknown_city(tmp_path: Path) -> None:
    w = _repo(tmp_path)
    w.write("records/guangzhou/notes.yaml", ["a: 1"])
    w.write("records/guangzhou/README.md", ["说明"])
    w.write("records/atlantis/recommendations/2016/a.yaml", ["schema_version: 1"])
    assert _findings(w) == [
        ("E-REC-001", "records/guangzhou/notes.yaml", 1),
        ("E-REC-002", "records/atlantis/recommendations/2016/a.yaml", 1),
    ]


def test_content_must_match_its_path(tmp_path: Path) -> None:
    w = _repo(tmp_path)
    rel = w.recommend("a", 2016, "2016-05-01")
    (w.root / "records/guangzhou/recommendations/2017").mkdir()
    moved = "records/guangzhou/recommendations/2017/b.yaml"
    (w.root / rel).rename(w.root / moved)
    assert _findings(w) == [("E-REC-003", moved, 2), ("E-REC-003", moved, 3)]
    assert w.lives(TODAY)[0]["a"].history[-1].event == "declared"


def test_a_city_records_only_its_own_towns(tmp_path: Path) -> None:
    w = _repo(tmp_path)
    rel = w.recommend("a", 2016, "2016-05-01", city="shenzhen")
    assert _findings(w) == [("E-REC-004", rel, 2)]


def test_schema_findings_are_located(tmp_path: Path) -> None:
    w = _repo(tmp_path)
    rel = w.write(
        "decisions/evaluations/2016.yaml",
        [
            "schema_version: 1",
            "year: 2016",
            "date: 2017-02-30",
            "document_number: 文号",
            "results:",
            "  - {town: a, grade: 良好, colour: red}",
        ],
    )
    assert _findings(w) == [("E-SCHEMA-002", rel, 6), ("E-SCHEMA-007", rel, 3)]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"schema_version: 1\nyear: &y 2016\ndate: *y\n", "E-YAML-002"),
        (b"schema_version: 2\nyear: 2016\n", "E-SCHEMA-013"),
        (b"- 1\n- 2\n", "E-SCHEMA-012"),
        ("schema_version: 1\nyear: 2016\n".encode("gbk") + "名单: 甲\n".encode("gbk"), "E-FILE-002"),
        (b"schema_version: 1\nyear: 2016\nyear: 2017\n", "E-YAML-004"),
    ],
)
def test_hostile_records_give_findings(tmp_path: Path, content: bytes, code: str) -> None:
    w = _repo(tmp_path)
    (w.root / "decisions/batches").mkdir(parents=True)
    (w.root / "decisions/batches/2016.yaml").write_bytes(content)
    assert code in [c for c, _, _ in _findings(w)]


def test_symlinked_record_is_refused(tmp_path: Path) -> None:
    w = _repo(tmp_path)
    rel = w.recommend("a", 2016, "2016-05-01")
    (w.root / "decisions/batches").mkdir(parents=True)
    (w.root / "decisions/batches/2016.yaml").symlink_to(w.root / rel)
    assert ("E-FILE-006", "decisions/batches/2016.yaml", 1) in _findings(w)
