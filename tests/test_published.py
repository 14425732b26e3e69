"""Published records are append-only, and late records say so: real git repositories with a base branch.

The base branch (`main`) holds a small registry with a published batch review, evaluation and city
records; each test makes a pull request branch, commits, and judges the change with
`towns.pullrequest.check_pull_request` (what `towns check --changed-since` and the trusted run
call) or with the command itself.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from gitrepo import GitRepo, existing
from lifecycle_builder import World
from message_language import assert_readable
from towns.cli import main
from towns.findings import Finding
from towns.lifecycle.states import Event, State
from towns.pullrequest import check_pull_request

TODAY = dt.date(2026, 11, 30)
BATCH = "decisions/batches/2016.yaml"
EVALUATION = "decisions/evaluations/2016.yaml"
REPORT = "records/guangzhou/annual-reports/2016/t.yaml"
LATE = {"E-LATE-001", "E-LATE-002"}

CORRECTION = [
    "corrections:",
    "  - kind: 更正",
    "    date: 2026-11-02",
    "    document_number: 粤经信函〔2026〕9号",
    "    reason: 经复核，原审核结论有误。",
]


@pytest.fixture
def world(tmp_path: Path) -> World:
    """main: town t listed for creation, u not selected, an evaluation and t's annual report."""
    w = World(tmp_path / "repo")
    for town, day in (("t", "2016-05-01"), ("u", "2016-05-02")):
        w.town(town)
        w.recommend(town, 2016, day)
    w.batch(2016, "2016-06-24", creation=["t"], not_selected=["u"])
    w.report("t", 2016, "2017-01-05")
    w.evaluation(2016, "2017-03-01", [("t", "合格")])
    repo = GitRepo(w.root)
    repo.commit("登记库")
    repo.git("checkout", "-q", "-b", "pr")
    return w


def _commit(w: World) -> None:
    existing(w.root).commit("拉取请求")


def _judge(w: World) -> list[Finding]:
    _commit(w)
    found = check_pull_request(w.root, "main", w.program(), today=TODAY).findings
    assert_readable(found)
    return found


def _codes(found: list[Finding], *wanted: str) -> list[tuple[str, str, int]]:
    return [(f.code, f.file, f.line) for f in found if f.code in wanted or not wanted]


def _edit(w: World, rel: str, old: str, new: str) -> None:
    path = w.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _append(w: World, rel: str, lines: list[str]) -> None:
    path = w.root / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")


# -- item 1: a published record changes only by appended corrections ---------------------------


def test_moving_a_rejected_town_onto_the_creation_list_is_two_located_findings(world: World) -> None:
    _edit(world, BATCH, "creation_list:\n  - t\n", "creation_list:\n  - t\n  - u\n")
    _edit(world, BATCH, "not_selected:\n  - u\n", "not_selected: []\n")
    found = _judge(world)
    assert _codes(found, "E-PUB-001") == [
        ("E-PUB-001", BATCH, world.line(BATCH, "  - u")),
        ("E-PUB-001", BATCH, world.line(BATCH, "not_selected")),
    ]
    messages = [f.message for f in found]
    assert "已公布的分批审核结果不能修改：“创建名单”中增加了“u”" in messages
    assert "已公布的分批审核结果不能修改：“未入选”中删去了“u”" in messages


def test_adding_a_town_to_a_published_batch_is_a_finding_on_its_line(world: World) -> None:
    _edit(world, BATCH, "  - t\n", "  - t\n  - v\n")
    found = _judge(world)
    assert _codes(found, "E-PUB-001") == [("E-PUB-001", BATCH, world.line(BATCH, "  - v"))]
    assert found[0].field == "creation_list[1]"


def test_the_command_no_longer_passes_a_rewritten_decision(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    """Today's report on that pull request said “✅ 检查通过，共检查 0 个小镇”."""
    _edit(world, BATCH, "creation_list:\n  - t\n", "creation_list:\n  - t\n  - u\n")
    _edit(world, BATCH, "not_selected:\n  - u\n", "not_selected: []\n")
    _commit(world)
    argv = ["check", "--root", str(world.root), "--today", TODAY.isoformat(), "--changed-since", "main"]
    assert main([*argv, "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("### ❌ 检查未通过")
    assert f"{BATCH}:{world.line(BATCH, '  - u')}:5" in out
    assert "本 PR 修改了省级决定，须由省经济和信息化委审核" in out


def test_an_emptied_list_reads_as_empty_not_as_null(world: World) -> None:
    _edit(world, BATCH, "not_selected:\n  - u\n", "not_selected:\n")
    found = _judge(world)
    assert "已公布的分批审核结果不能修改：“未入选”原为“u”，现为空" in [f.message for f in found]
    assert not [f.message for f in found if "null" in f.message]


def test_deleting_or_moving_a_published_record_is_a_finding(world: World) -> None:
    (world.root / EVALUATION).unlink()
    (world.root / REPORT).rename(world.root / "records/guangzhou/annual-reports/2016/t-2.yaml")
    found = _judge(world)
    assert _codes(found, "E-PUB-002") == [("E-PUB-002", EVALUATION, 1), ("E-PUB-002", REPORT, 1)]
    assert [f.message for f in found if f.code == "E-PUB-002"] == [
        "已公布的年度考核结果不能删除",
        "已公布的年度发展情况报告不能改名为 records/guangzhou/annual-reports/2016/t-2.yaml",
    ]


def test_editing_a_published_city_record_names_the_field(world: World) -> None:
    _edit(world, REPORT, "internet_companies: 40", "internet_companies: 41")
    found = _judge(world)
    assert _codes(found) == [("E-PUB-001", REPORT, world.line(REPORT, "internet_companies"))]
    assert (
        found[0].message == "已公布的年度发展情况报告不能修改：“主要指标 › 互联网企业数量”原为“40”，现为“41”"
    )


def test_comments_quoting_and_key_order_are_not_changes(world: World) -> None:
    text = (world.root / BATCH).read_text(encoding="utf-8")
    text = text.replace("date: 2016-06-24\n", "").replace("year: 2016\n", "year: 2016\ndate: '2016-06-24'\n")
    (world.root / BATCH).write_text("# 2016 年批次\n" + text.replace("  - t", '  - "t"  # 小镇 t'), "utf-8")
    assert _judge(world) == []


def test_a_correction_appended_to_a_published_decision_passes_and_moves_the_town(world: World) -> None:
    _append(
        world, BATCH, [*CORRECTION, "    moved:", "      - {town: u, from: not_selected, to: creation_list}"]
    )
    assert _judge(world) == []
    result = world.evaluate(TODAY)
    assert result.lives["u"].state is State.CREATION
    entry = result.lives["u"].history[-1]
    assert (entry.event, entry.title, entry.date) == (
        Event.CORRECTED,
        "更正分批审核结果",
        dt.date(2026, 11, 2),
    )
    assert entry.details["change"] == "由“未入选”改列“创建名单”"
    assert entry.details["document_number"] == "粤经信函〔2026〕9号"


def test_a_correction_and_an_edit_in_one_pull_request(world: World) -> None:
    _append(world, BATCH, [*CORRECTION, "    added:", "      - {town: u, to: cultivation_list}"])
    _edit(world, BATCH, "document_number: 粤经信函〔2016〕1号", "document_number: 粤经信函〔2016〕2号")
    found = _judge(world)
    assert _codes(found) == [("E-PUB-001", BATCH, world.line(BATCH, "〔2016〕2号"))]


def test_earlier_corrections_are_published_too(world: World) -> None:
    _append(
        world, BATCH, [*CORRECTION, "    moved:", "      - {town: u, from: not_selected, to: creation_list}"]
    )
    _commit(world)
    repo = existing(world.root)
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "pr")
    repo.git("checkout", "-q", "-b", "pr-2")
    _edit(world, BATCH, "to: creation_list}", "to: cultivation_list}")
    found = _judge(world)
    assert _codes(found) == [("E-PUB-003", BATCH, world.line(BATCH, "to: cultivation_list"))]
    assert "已公布的分批审核结果中的更正和补充不能修改或删除" in found[0].message
    _edit(world, BATCH, "to: cultivation_list}", "to: creation_list}")
    text = (world.root / BATCH).read_text(encoding="utf-8")
    (world.root / BATCH).write_text(text[: text.index("corrections:")], encoding="utf-8")
    assert [f.code for f in _judge(world)] == ["E-PUB-003"]


def test_correcting_a_published_city_record(world: World) -> None:
    _append(
        world,
        REPORT,
        [*CORRECTION, "    changes:", "      indicators: {internet_companies: 44, platforms: 5}"],
    )
    assert _judge(world) == []
    result = world.evaluate(TODAY)
    life = result.lives["t"]
    corrected = dict(life.reports[2016].details)["indicators"]
    assert (corrected.internet_companies, corrected.platforms, corrected.rd_institutions) == (44, 5, 12)
    entry = next(e for e in life.history if e.event is Event.CORRECTED)
    assert entry.title == "更正年度发展情况报告"
    assert entry.details["change"] == "互联网企业数量由“40”改为“44”；创业创新服务平台数量由“4”改为“5”"


def test_a_record_added_and_edited_in_the_same_pull_request_is_not_yet_published(world: World) -> None:
    world.acceptance("t", "2026-11-20")
    _commit(world)
    _edit(world, "records/guangzhou/acceptance-applications/t.yaml", "已达到", "已全面达到")
    assert _judge(world) == []


def test_many_changes_are_listed_up_to_a_bound(world: World) -> None:
    towns = [f"x{n}" for n in range(25)]
    _edit(
        world,
        BATCH,
        "creation_list:\n  - t\n",
        "creation_list:\n  - t\n" + "".join(f"  - {t}\n" for t in towns),
    )
    found = _judge(world)
    assert [f.code for f in found].count("E-PUB-001") == 20
    assert [f.message for f in found if f.code == "W-PUB-004"] == ["此分批审核结果另有 5 处改动未逐一列出"]


def test_an_unreadable_base_version_is_said_not_passed_silently(world: World) -> None:
    repo = existing(world.root)
    repo.git("checkout", "-q", "main")
    (world.root / EVALUATION).write_text("year: [2016\n", encoding="utf-8")
    repo.commit("main breaks a record")
    repo.git("checkout", "-q", "-b", "fix")
    world.evaluation(2016, "2017-03-01", [("t", "优秀")])
    assert _codes(_judge(world)) == [("W-PUB-005", EVALUATION, 1)]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_a_published_record_replaced_by_a_link_is_refused_by_the_check(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    (world.root / REPORT).unlink()
    (world.root / REPORT).symlink_to("/etc/passwd")
    _commit(world)
    argv = ["check", "--root", str(world.root), "--today", TODAY.isoformat(), "--changed-since", "main"]
    assert main([*argv, "--format", "json"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert any(f["file"] == REPORT and f["severity"] == "error" for f in json.loads(out.out)["findings"])


@pytest.mark.parametrize("changed_since", [False, True])
def test_markup_and_invisible_characters_in_a_record_are_findings(
    world: World, capsys: pytest.CaptureFixture[str], changed_since: bool
) -> None:
    """A correction's texts are published on the site and in comments, like a declaration's."""
    summary = '      summary: "改正\u202e后的<script>摘要"'
    _append(world, REPORT, [*CORRECTION, "    changes:", summary])
    _commit(world)
    argv = ["check", "--root", str(world.root), "--today", TODAY.isoformat(), "--format", "json"]
    assert main([*argv, *(["--changed-since", "main"] if changed_since else [])]) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    line = world.line(REPORT, "      summary:")
    assert [(f["code"], f["line"]) for f in found if f["code"].startswith("E-TEXT")] == [
        ("E-TEXT-001", line),
        ("E-TEXT-005", line),
    ]
    assert all("\u202e" not in f["message"] for f in found)


def test_an_invisible_character_slipped_into_a_published_field_is_named(world: World) -> None:
    _edit(world, BATCH, "document_number: ", 'document_number: "')
    text = (world.root / BATCH).read_text(encoding="utf-8").splitlines()
    row = world.line(BATCH, "document_number") - 1
    text[row] += '\u200b"'
    (world.root / BATCH).write_text("\n".join(text) + "\n", encoding="utf-8")
    [edit] = [f for f in _judge(world) if f.code == "E-PUB-001"]
    assert edit.message.endswith("号⟨U+200B ZERO WIDTH SPACE⟩”"), edit.message
    assert "\u200b" not in edit.message


# -- item 2: no silent backdating ---------------------------------------------------------------


def _late_acceptance(w: World, day: str, late: list[str] | None = None) -> str:
    rel = w.acceptance("t", day)
    if late is not None:
        _append(w, rel, ["late_filing:", *late])
    return rel


def test_a_backdated_record_without_a_reason_is_a_finding_at_its_date(world: World) -> None:
    rel = _late_acceptance(world, "2018-10-12")
    found = _judge(world)
    assert _codes(found) == [("E-LATE-001", rel, world.line(rel, "date:"))]
    assert (
        found[0].message
        == "记录日期 2018-10-12 早于检查日期 2026-11-30 超过 90 天，属于补录，但没有写明补录日期和理由"
    )


def test_a_backdated_record_with_its_reason_passes(world: World) -> None:
    _late_acceptance(world, "2018-10-12", ["  recorded_on: 2026-11-28", "  reason: 纸质申请归档时遗漏登记。"])
    assert _judge(world) == []


@pytest.mark.parametrize(("day", "late"), [("2026-09-01", False), ("2026-08-31", True)])
def test_the_limit_is_program_data_and_counts_whole_days(world: World, day: str, late: bool) -> None:
    """90 days before 2026-11-30 is 2026-09-01: on the limit is not late, one day more is."""
    _late_acceptance(world, day)
    assert bool(_codes(_judge(world), "E-LATE-001")) is late


@pytest.mark.parametrize("recorded", ["2018-10-01", "2026-08-01", "2026-12-01"])
def test_the_recording_day_must_be_the_pull_requests(world: World, recorded: str) -> None:
    rel = _late_acceptance(world, "2018-10-12", [f"  recorded_on: {recorded}", "  reason: 遗漏。"])
    assert _codes(_judge(world)) == [("E-LATE-002", rel, world.line(rel, "recorded_on"))]


def test_a_late_correction_needs_its_reason_too(world: World) -> None:
    lines = [line.replace("2026-11-02", "2019-02-01") for line in CORRECTION]
    _append(world, BATCH, [*lines, "    added:", "      - {town: u, to: cultivation_list}"])
    assert _codes(_judge(world)) == [("E-LATE-001", BATCH, world.line(BATCH, "2019-02-01"))]


def test_a_late_application_does_not_revive_an_expired_town(world: World) -> None:
    """t entered creation on 2016-06-24 and its period ended on 2019-06-24: an application dated
    before that but entered in 2026 must not turn 创建期满未验收 into 已申请验收."""
    rel = _late_acceptance(world, "2019-05-10", ["  recorded_on: 2026-11-28", "  reason: 遗漏登记。"])
    assert _judge(world) == []
    result = world.evaluate(TODAY)
    assert result.lives["t"].state is State.EXPIRED
    assert _codes(result.findings, "E-LATE-003") == [("E-LATE-003", rel, world.line(rel, "town:"))]
    assert "当时的状态为“创建期满未验收”" in next(
        f.message for f in result.findings if f.code == "E-LATE-003"
    )


def test_a_late_application_counts_from_the_day_it_was_entered_and_is_shown_at_its_date(world: World) -> None:
    """Entered on 2019-04-30, within the period: from then on the town has applied; the history
    shows the application at its own date, marked 补录."""
    rel = _late_acceptance(world, "2018-10-12", ["  recorded_on: 2019-04-30", "  reason: 遗漏登记。"])
    for day, state in (
        (dt.date(2019, 4, 29), State.CREATION),
        (dt.date(2019, 5, 1), State.ACCEPTANCE_APPLIED),
    ):
        result = world.evaluate(day)
        assert result.lives["t"].state is state, day
        assert not _codes(result.findings, "E-LATE-003")
    history = result.towns["t"].history
    applied = next(e for e in history if e.file == rel)
    assert (applied.date, applied.late_filing, applied.late_reason) == (
        dt.date(2018, 10, 12),
        "2019-04-30",
        "遗漏登记。",
    )
    assert [e.date for e in history] == sorted(e.date for e in history)
