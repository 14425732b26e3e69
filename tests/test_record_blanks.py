"""Blanks left in an authority record: listed once each, by line and Chinese field name, and the
record is not used until they are filled; other mistakes in the same file are still reported.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema

from lifecycle_builder import World, codes
from registry_builder import REPO
from towns.lifecycle.states import State

TODAY = dt.date(2017, 4, 1)


def _evaluation(w: World, *results: str) -> str:
    head = ["schema_version: 1", "year: 2016", "date: 2017-03-01", 'document_number: "（请填写文号）"']
    return w.write("decisions/evaluations/2016.yaml", [*head, "results:", *results])


def _listed(w: World) -> None:
    w.town("t")
    w.recommend("t", 2016, "2016-05-01")
    w.batch(2016, "2016-06-24", creation=["t"])
    w.report("t", 2016, "2017-01-05")


def test_each_blank_is_one_finding_at_its_line(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _listed(w)
    rel = _evaluation(w, '  - {town: t, grade: "（请填写考核等次）"}')
    result = w.evaluate(TODAY)
    assert codes(result.findings) == [
        ("E-FILL-001", rel, w.line(rel, "document_number")),
        ("E-FILL-001", rel, w.line(rel, "grade")),
    ]
    grade = result.findings[1]
    assert grade.message == "“考核结果 › 第 1 条考核结果 › 考核等次”（小镇 t）尚未填写：（请填写考核等次）"
    assert result.lives["t"].grades == []  # the record is not used until it is filled in


def test_a_blank_in_a_value_set_field_is_only_a_blank(tmp_path: Path) -> None:
    """A conclusion must be 符合 or 不符合: its blank is reported as a blank, not as a wrong value."""
    w = World(tmp_path / "repo")
    w.town("t")
    rel = w.write(
        "records/guangzhou/recommendations/2016/t.yaml",
        [
            "schema_version: 1",
            "town: t",
            "batch: 2016",
            "department: 部门",
            "date: 2016-05-01",
            "opinion: 同意推荐。",
            "conclusions:",
            '  - {judgement: transport_services, conclusion: "（请填写：符合或不符合）", reason: 交通便利}',
        ],
    )
    result = w.evaluate(TODAY)
    assert codes(result.findings) == [("E-FILL-001", rel, 8)]
    assert result.lives["t"].state is State.DECLARED


def test_other_mistakes_in_a_file_with_blanks_are_reported_too(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    _listed(w)
    rel = _evaluation(w, '  - {town: t, grade: "（请填写考核等次）", remak: 拼错的键}')
    found = {(f.code, f.line) for f in w.evaluate(TODAY).findings}
    assert ("E-FILL-001", w.line(rel, "grade")) in found
    assert any(code.startswith("E-SCHEMA") for code, _ in found)


def test_the_schema_accepts_blanks_where_a_value_set_is_expected() -> None:
    schema = json.loads((REPO / "schema" / "evaluation.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    record = {"schema_version": 1, "year": 2016, "date": "2017-03-01", "document_number": "（请填写文号）"}
    validator.validate({**record, "results": [{"town": "t", "grade": "（请填写考核等次）"}]})
    validator.validate({**record, "results": [{"town": "t", "grade": "优秀"}]})
    errors = list(validator.iter_errors({**record, "results": [{"town": "t", "grade": "很好"}]}))
    assert errors  # anything else than a grade or a blank is refused
