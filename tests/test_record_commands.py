"""`towns record …` on the demonstration data: each file follows its schema, the checker lists only its
blanks, and once they are filled the file passes `towns check`; a second run never overwrites.

Each case replays the registry as it stood on a day before the real record was made (``--today``),
in a copy where that record is removed, so the command writes what the authority would have had
to write then.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from message_language import assert_readable
from record_filling import assert_follows_schema, blank_lines, fill_blanks
from towns.check import run_check
from towns.cli import main

REPO = Path(__file__).resolve().parent.parent
COPIED = ("program.yaml", "schema", "submissions", "records", "decisions")

# command, target, the day it is run, the record it writes (removed from the copy first)
CASES = {
    "recommend": (
        ["record", "recommend", "xiangzhou-haiyun"],
        "2018-08-15",
        "records/zhuhai/recommendations/2018/xiangzhou-haiyun.yaml",
    ),
    "batch": (["record", "batch", "2018"], "2018-09-10", "decisions/batches/2018.yaml"),
    "evaluation": (["record", "evaluation", "2025"], "2026-11-30", "decisions/evaluations/2025.yaml"),
    "acceptance": (
        ["record", "acceptance", "longhu-chaoxin"],
        "2021-06-01",
        "records/shantou/acceptance-applications/2021/longhu-chaoxin.yaml",
    ),
    "naming": (["record", "naming", "2021-first"], "2021-09-20", "decisions/namings/2021-first.yaml"),
}


def copy_demo(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    return root


@pytest.fixture(params=sorted(CASES))
def written(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str, dt.date, list[str]]:
    argv, day, rel = CASES[request.param]
    root = copy_demo(tmp_path / "repo")
    (root / rel).unlink()
    command = [*argv, "--root", str(root), "--today", day]
    assert main(command) == 0
    return root, rel, dt.date.fromisoformat(day), command


def test_written_record_follows_its_schema(written: tuple[Path, str, dt.date, list[str]]) -> None:
    root, rel, _, _ = written
    assert_follows_schema(root, rel, REPO)


def test_check_lists_only_the_blanks_then_passes(written: tuple[Path, str, dt.date, list[str]]) -> None:
    root, rel, today, _ = written
    fresh = run_check(root, paths=[rel], today=today)
    assert_readable(fresh.findings)
    assert {f.code for f in fresh.findings} == {"E-FILL-001"}
    assert sorted(f.line for f in fresh.findings) == blank_lines(root / rel)
    assert fill_blanks(root / rel) == len(fresh.findings)
    filled = run_check(root, paths=[rel], today=today)
    assert [(f.code, f.line, f.message) for f in filled.findings] == []


def test_a_second_run_never_overwrites(
    written: tuple[Path, str, dt.date, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, rel, _, command = written
    (root / rel).write_text("# 已经修改\n", encoding="utf-8")
    capsys.readouterr()
    assert main(command) == 2
    assert (root / rel).read_text(encoding="utf-8") == "# 已经修改\n"
    assert "已存在，未做任何修改" in capsys.readouterr().err


def test_stdout_shows_the_record_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, day, rel = CASES["batch"]
    root = copy_demo(tmp_path / "repo")
    before = (root / rel).read_bytes()
    assert main([*argv, "--root", str(root), "--today", day, "--stdout"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("# yaml-language-server: $schema=../../schema/batch.schema.json\n")
    assert (root / rel).read_bytes() == before


def test_batch_review_holds_exactly_the_recommended_towns(tmp_path: Path) -> None:
    argv, day, rel = CASES["batch"]
    root = copy_demo(tmp_path / "repo")
    published = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    (root / rel).unlink()
    assert main([*argv, "--root", str(root), "--today", day]) == 0
    written = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    lists = ("creation_list", "cultivation_list", "not_selected")
    placed = [t for key in lists for t in written[key]]
    assert sorted(placed) == sorted(t for key in lists for t in published[key])
    assert sorted(placed) == sorted(p.stem for p in (root / "records").glob("*/recommendations/2018/*.yaml"))
    assert {r["town"] for r in written["reviews"]} == set(written["creation_list"])


@pytest.mark.parametrize(
    ("argv", "day", "words"),
    [
        (["record", "recommend", "no-such-town"], "2018-08-15", "找不到小镇“no-such-town”"),
        (["record", "recommend", "huangpu-yungu"], "2026-11-30", "不需要推荐"),
        (["record", "batch", "2015"], "2026-11-30", "2015 年批次未在 program.yaml 中设立"),
        (["record", "batch", "2018"], "2018-07-02", "没有推荐参加 2018 年批次"),
        (["record", "batch", "18"], "2026-11-30", "年度“18”格式不对"),
        (["record", "evaluation", "2010"], "2026-11-30", "无需年度考核"),
        (["record", "acceptance", "huangpu-yungu"], "2026-11-30", "不能申请验收"),
        # before pengjiang-qiaoyun and chaoan-fengxi apply (2026-08-28, 2026-10-26)
        (["record", "naming", "2030"], "2026-08-01", "没有已申请验收、尚未得出验收结果的小镇"),
        (["record", "naming", "../x"], "2026-11-30", "不能用作文件名"),
    ],
)
def test_what_cannot_be_written_is_a_usage_error(
    argv: list[str], day: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_demo(tmp_path / "repo")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert main([*argv, "--root", str(root), "--today", day]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err, err
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_a_symlinked_folder_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, day, _ = CASES["evaluation"]
    root = copy_demo(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(root / "decisions" / "evaluations")
    (root / "decisions" / "evaluations").symlink_to(outside, target_is_directory=True)
    assert main([*argv, "--root", str(root), "--today", day]) == 2
    assert "符号链接" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
