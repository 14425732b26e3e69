"""The reviewers' conclusions on the conditions that need judgement: required, located, published.

Which conditions need a conclusion is program data (the rule sets' `judgements`); the base town
needs two (示范带动作用, 交通与公共服务), and a third (其他创业创新服务平台) once it lists a platform of
kind `other`, an entry outside the examples of a clause that ends with 等.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lifecycle_builder import World, codes
from registry_builder import BASE_TOWN
from towns.eligibility.judgements import required_judgements
from towns.lifecycle.reviews import ReviewEntry

TODAY = dt.date(2016, 7, 1)  # after the batch, before any report is owed
HEAD = ["schema_version: 1", "year: 2016", "date: 2016-06-24", "document_number: 粤经信函〔2016〕1号"]


def _world(tmp_path: Path) -> World:
    w = World(tmp_path / "repo")
    w.town("t")
    w.recommend("t", 2016, "2016-05-01")
    return w


def _batch(w: World, *lines: str, listed: str = "creation_list: [t]") -> str:
    return w.write("decisions/batches/2016.yaml", [*HEAD, listed, *lines])


def _conclusion(judgement: str, verdict: str = "符合", indent: str = "      ") -> str:
    return f"{indent}- {{judgement: {judgement}, conclusion: {verdict}, reason: 经核实}}"


def test_the_base_town_needs_two_judgements_from_program_data(tmp_path: Path) -> None:
    w = _world(tmp_path)
    program = w.program()
    (town,) = w.towns(program)
    assert town.declaration is not None
    needed = required_judgements(town.declaration, program)
    assert [(j.id, j.clause, j.title) for j in needed] == [
        ("demonstration_effect", "4.2(4)", "示范带动作用"),
        ("transport_services", "4.2(7)", "交通与公共服务"),
    ]
    assert needed[1].facts[0][0] == "基础设施与基础服务 › 交通条件"


def test_an_entry_outside_the_examples_needs_its_own_judgement(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    w.town("t")
    rel = "submissions/guangzhou/t/declaration.yaml"
    text = (w.root / rel).read_text(encoding="utf-8")
    assert "kind: maker_space" in text
    (w.root / rel).write_text(text.replace("kind: maker_space", "kind: other", 1), encoding="utf-8")
    program = w.program()
    (town,) = w.towns(program)
    assert town.declaration is not None
    needed = {j.id: j for j in required_judgements(town.declaration, program)}
    assert set(needed) == {"demonstration_effect", "other_platforms", "transport_services"}
    label, name = needed["other_platforms"].facts[0]
    assert label == "研发创新 › 创业创新服务平台 › 第 1 个平台" and name


def test_a_listed_town_without_conclusions_is_a_finding_at_its_entry(tmp_path: Path) -> None:
    w = _world(tmp_path)
    rel = _batch(w)
    result = w.evaluate(TODAY)
    assert codes(result.findings) == [("E-REVIEW-004", rel, w.line(rel, "creation_list"))]
    assert "示范带动作用、交通与公共服务" in result.findings[0].message


def test_a_missing_conclusion_is_found_at_the_towns_review(tmp_path: Path) -> None:
    w = _world(tmp_path)
    rel = _batch(w, "reviews:", "  - town: t", "    conclusions:", _conclusion("demonstration_effect"))
    result = w.evaluate(TODAY)
    assert codes(result.findings) == [("E-REVIEW-004", rel, w.line(rel, "town: t"))]
    assert "交通与公共服务" in result.findings[0].message and "示范带动作用" not in result.findings[0].message


def test_a_fails_conclusion_keeps_a_town_off_the_lists(tmp_path: Path) -> None:
    w = _world(tmp_path)
    rel = _batch(
        w,
        "reviews:",
        "  - town: t",
        "    conclusions:",
        _conclusion("demonstration_effect"),
        "      - judgement: transport_services",
        "        conclusion: 不符合",
        "        reason: 距最近的高速出口 60 公里",
    )
    result = w.evaluate(TODAY)
    assert codes(result.findings) == [("E-REVIEW-005", rel, w.line(rel, "conclusion: 不符合"))]
    assert "创建名单" in result.findings[0].message


def test_unknown_and_repeated_judgements(tmp_path: Path) -> None:
    w = _world(tmp_path)
    rel = _batch(
        w,
        "reviews:",
        "  - town: t",
        "    conclusions:",
        _conclusion("demonstration_effect"),
        "      - {judgement: transport_services, conclusion: 符合, reason: 第一次}",
        "      - {judgement: transport_services, conclusion: 符合, reason: 第二次}",
        "      - {judgement: open_domains, conclusion: 符合, reason: 不需要}",
    )
    result = w.evaluate(TODAY)
    assert codes(result.findings) == [
        ("E-REVIEW-001", rel, w.line(rel, "open_domains")),
        ("E-REVIEW-002", rel, w.line(rel, "第二次")),
    ]
    unknown = next(f for f in result.findings if f.code == "E-REVIEW-001")
    assert "demonstration_effect（示范带动作用）" in unknown.message


def test_a_review_of_a_town_not_in_the_batch_is_an_advisory(tmp_path: Path) -> None:
    w = _world(tmp_path)
    w.town("u")
    w.recommend("u", 2016, "2016-05-01")
    rel = _batch(
        w,
        "reviews:",
        "  - town: t",
        "    conclusions:",
        _conclusion("demonstration_effect"),
        _conclusion("transport_services"),
        "  - town: u",
        "    conclusions:",
        _conclusion("demonstration_effect"),
        listed="creation_list: [t]\nnot_selected: []",
    )
    result = w.evaluate(TODAY)
    assert ("W-REVIEW-006", rel, w.line(rel, "town: u")) in codes(result.findings)


def test_a_not_selected_town_needs_no_conclusions(tmp_path: Path) -> None:
    w = _world(tmp_path)
    _batch(w, listed="not_selected: [t]")
    assert w.evaluate(TODAY).findings == []


def test_a_recommendation_without_conclusions_is_an_advisory(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    w.town("t")
    rel = w.recommend("t", 2016, "2016-05-01", conclusions=False)
    result = w.evaluate(TODAY)
    assert codes(result.findings) == [("W-REVIEW-003", rel, w.line(rel, "town: t"))]
    assert not result.findings[0].blocking


def test_conclusions_are_published_per_town(tmp_path: Path) -> None:
    w = _world(tmp_path)
    w.batch(2016, "2016-06-24", creation=["t"])
    entries = w.evaluate(TODAY).towns["t"].reviews
    assert [(e.by, e.judgement, e.title, e.conclusion.value) for e in entries] == [
        ("recommendation", "demonstration_effect", "示范带动作用", "符合"),
        ("recommendation", "transport_services", "交通与公共服务", "符合"),
        ("batch", "demonstration_effect", "示范带动作用", "符合"),
        ("batch", "transport_services", "交通与公共服务", "符合"),
    ]
    first: ReviewEntry = entries[2]
    assert (first.file, first.line) == (
        "decisions/batches/2016.yaml",
        w.line("decisions/batches/2016.yaml", "demonstration_effect"),
    )
    assert first.as_json()["by_name"] == "省分批审核"


def test_the_fixture_has_no_entries_outside_the_examples() -> None:
    """The cases above count on the base town listing only the platforms the clause names."""
    assert "kind: other" not in (BASE_TOWN / "declaration.yaml").read_text(encoding="utf-8")


def test_a_domain_outside_the_examples_needs_a_judgement_one_inside_does_not(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    w.town("t")
    rel = "submissions/guangzhou/t/declaration.yaml"
    text = (w.root / rel).read_text(encoding="utf-8")
    program = w.program()

    def needed(domain: str) -> set[str]:
        (w.root / rel).write_text(text.replace("domain: 制造", f"domain: {domain}", 1), encoding="utf-8")
        (town,) = w.towns(program)
        assert town.declaration is not None
        return {j.id for j in required_judgements(town.declaration, program)}

    assert "open_domains" in needed("旅游")
    assert "open_domains" not in needed("智能制造")  # a sub-field of an example is inside the list
