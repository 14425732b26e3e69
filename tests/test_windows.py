"""Applying today: the batch open on a day, what to do when none is, and no text naming a batch that
does not exist (`towns.windows`, `towns new`, the hints of E-TOWN-007/008 and E-LIFE-011)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from lifecycle_builder import World
from registry_builder import REPO, make_registry
from towns.catalog import catalog
from towns.check import run_check
from towns.cli import main
from towns.models.program import Program
from towns.program import load_program, load_program_file
from towns.windows import advice, outlook

DEMO_DAY = dt.date(2026, 12, 1)
BATCH_YEARS = re.compile(r"((?:20\d\d、)*20\d\d) 年(?:的)?批次")


def _program() -> Program:
    return load_program_file(REPO / "program.yaml")


def _program_text(keep: set[int]) -> str:
    """The shipped program data with only the batches of ``keep``."""
    data = yaml.safe_load((REPO / "program.yaml").read_text(encoding="utf-8"))
    data["batches"] = [b for b in data["batches"] if b["year"] in keep]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _named_years(text: str) -> set[int]:
    return {int(y) for match in BATCH_YEARS.finditer(text) for y in match.group(1).split("、")}


@pytest.mark.parametrize(
    ("day", "open_year", "next_year"),
    [
        ("2024-02-19", 2024, 2025),  # the first day of a window is in it
        ("2024-04-30", 2024, 2025),  # and so is the last
        ("2024-05-01", None, 2025),
        ("2025-06-05", None, 2026),
        ("2026-12-01", 2026, None),
        ("2027-01-01", None, None),
        ("2015-12-31", None, 2016),
    ],
)
def test_the_open_batch_and_the_next_one(day: str, open_year: int | None, next_year: int | None) -> None:
    seen = outlook(_program(), dt.date.fromisoformat(day))
    assert (seen.open.year if seen.open else None, seen.next.year if seen.next else None) == (
        open_year,
        next_year,
    )


def test_the_advice_names_only_batches_that_exist() -> None:
    program = _program()
    years = {b.year for b in program.batches}
    day, seen = dt.date(2015, 1, 1), set()
    while day < dt.date(2030, 1, 1):
        text = advice(program, day)
        assert _named_years(text) <= years, text
        seen.add(text.split("，")[0].removeprefix(f"{day.isoformat()} "))
        day += dt.timedelta(days=9)
    assert {"正在受理的是 2026 年批次（受理时间 2026-10-09 至 2026-12-31", "没有正在受理的批次"} <= seen
    later = advice(program, dt.date(2027, 3, 1))
    assert "尚未设立以后的批次" in later and "咨询所在的地级以上市经济和信息化主管部门" in later


def test_towns_new_writes_the_batch_open_that_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_registry(tmp_path / "repo", with_base_town=False)
    argv = ["new", "guangzhou", "tianhe-yunfan", "--type", "industry", "--root", str(root)]
    assert main([*argv, "--today", "2026-12-01"]) == 0
    assert (
        "申报批次为 2026 年批次（受理时间 2026-10-09 至 2026-12-31，含首尾两日）" in capsys.readouterr().out
    )
    text = (root / "submissions/guangzhou/tianhe-yunfan/declaration.yaml").read_text(encoding="utf-8")
    assert re.search(r"^batch: 2026 +# 申报批次年度$", text, re.MULTILINE)
    assert re.search(r"^filing_date: 2026-12-01 +# 填报日期", text, re.MULTILINE)
    assert "- {year: 2027, investment_wan: 0}" in text


@pytest.mark.parametrize(
    ("keep", "day", "said"),
    [
        (
            {2016, 2017, 2018, 2024, 2025, 2026},
            "2025-06-05",
            "下一批次是 2026 年批次（受理时间 2026-10-09 至 2026-12-31，含首尾两日）",
        ),
        (
            {2016, 2017, 2018, 2024, 2025, 2026},
            "2027-01-05",
            "尚未设立以后的批次：请关注省经济和信息化委的申报通知",
        ),
        ({2016, 2017, 2018}, "2026-12-01", "尚未设立以后的批次"),
    ],
)
def test_without_an_open_batch_towns_new_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keep: set[int], day: str, said: str
) -> None:
    root = make_registry(tmp_path / "repo", with_base_town=False, program_text=_program_text(keep))
    argv = ["new", "meizhou", "meixian-test", "--type", "application", "--root", str(root), "--today", day]
    assert main(argv) == 1  # not a usage error: the program data, not the command line, stops it
    err = capsys.readouterr().err
    assert f"未生成模板：今天（{day}）没有正在受理的批次" in err and said in err, err
    assert _named_years(err) <= keep
    assert "Traceback" not in err and "towns --help" not in err
    assert not (root / "submissions").exists()


def test_a_newcomer_following_the_guide_today_gets_a_passing_check(tmp_path: Path) -> None:
    """submit.md: `towns new` on the day, fill in every answer, `towns check` passes."""
    root = make_registry(tmp_path / "repo", with_base_town=False)
    assert (
        main(
            [
                "new",
                "yunfu",
                "yuncheng-shiyun",
                "--type",
                "application",
                "--root",
                str(root),
                "--today",
                str(DEMO_DAY),
            ]
        )
        == 0
    )
    folder = root / "submissions/yunfu/yuncheng-shiyun"
    template = (folder / "declaration.yaml").read_text(encoding="utf-8")
    unfilled = run_check(root, today=DEMO_DAY)
    codes = {f.code for f in unfilled.findings}
    assert "E-TOWN-013" in codes  # what is left to fill in, and nothing about the batch or the date
    assert not codes & {"E-TOWN-007", "E-TOWN-008", "E-LIFE-009", "E-ELIG-001"}
    # The answers of a fictional town of the same type, with the batch and the date the template chose.
    answers = REPO / "submissions/yunfu/xinxing-chanxiang"
    text = (answers / "declaration.yaml").read_text(encoding="utf-8")
    text = text.replace("id: xinxing-chanxiang", "id: yuncheng-shiyun").replace("禅乡温泉康养", "石韵康养")
    for key in ("batch", "filing_date"):
        chosen = re.search(rf"^{key}: .*$", template, re.MULTILINE)
        assert chosen is not None
        text = re.sub(rf"^{key}: .*$", chosen.group(0), text, flags=re.MULTILINE)
    (folder / "declaration.yaml").write_text(text, encoding="utf-8")
    shutil.copy(answers / "report.md", folder / "report.md")
    shutil.copytree(answers / "attachments", folder / "attachments", dirs_exist_ok=True)
    filled = run_check(root, today=DEMO_DAY)
    assert [f.code for f in filled.findings if f.blocking] == []
    (town,) = filled.towns
    assert (town.batch, town.eligible, town.life.state) == (2026, True, "declared")


def _filed(tmp_path: Path, batch: int, filed: str, program_text: str | None = None) -> str:
    w = World(tmp_path / "repo", program_text=program_text)
    w.town("a", batch=batch, filed=filed)
    (hint,) = [
        f.hint for f in run_check(w.root, today=DEMO_DAY).findings if f.code in {"E-TOWN-007", "E-TOWN-008"}
    ]
    assert hint is not None
    return hint


def test_a_filing_outside_its_window_is_told_the_batch_of_its_day(tmp_path: Path) -> None:
    hint = _filed(tmp_path / "a", 2018, "2026-11-20")
    window = "（受理时间 2026-10-09 至 2026-12-31，含首尾两日）"
    assert hint == f"请核对填报日期和申报批次：2026-11-20 正在受理的是 2026 年批次{window}"
    hint = _filed(tmp_path / "b", 2018, "2019-03-01")
    assert "2019-03-01 没有正在受理的批次，下一批次是 2024 年批次（受理时间 2024-02-19 至 2024-04-30" in hint
    hint = _filed(tmp_path / "c", 2018, "2019-03-01", _program_text({2016, 2017, 2018}))
    assert "尚未设立以后的批次" in hint and _named_years(hint) == set()


def test_an_unknown_batch_lists_the_batches_and_the_open_one(tmp_path: Path) -> None:
    hint = _filed(tmp_path, 2019, "2026-11-20")
    assert hint.startswith(
        "可选的批次：2016、2017、2018、2024、2025、2026。2026-11-20 正在受理的是 2026 年批次"
    )


def test_a_recommendation_outside_its_window_is_told_the_batch_of_its_day(tmp_path: Path) -> None:
    w = World(tmp_path / "repo")
    w.town("a", batch=2018, filed="2018-08-20")
    w.recommend("a", 2018, "2018-09-03")
    (hint,) = [f.hint for f in run_check(w.root, today=DEMO_DAY).findings if f.code == "E-LIFE-011"]
    later = "下一批次是 2024 年批次（受理时间 2024-02-19 至 2024-04-30，含首尾两日）"
    assert hint == f"请核对推荐日期和批次：2018-09-03 没有正在受理的批次，{later}"


def test_no_catalog_text_promises_a_next_batch_of_its_own() -> None:
    """“请申报下一批次” named a batch that need not exist: the batch is now a parameter from the program."""
    for entry in catalog().values():
        for text in (entry.message, entry.hint or ""):
            assert "下一批次" not in text and "下一个批次" not in text, entry.code


def test_the_guides_name_only_batches_the_program_has() -> None:
    years = {b.year for b in _program().batches}
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").rglob("*.md"))]
    texts.append((REPO / "README.md").read_text(encoding="utf-8"))
    for text in texts:
        named = _named_years(text) | {
            int(y) for y in re.findall(r"^\s*batch: (20\d\d)\b", text, re.MULTILINE)
        }
        assert named <= years, named - years


@pytest.mark.parametrize(
    ("edit", "code", "line_of"),
    [
        (lambda b: b[0].update(closes=dt.date(2016, 2, 1)), "E-PROGRAM-004", "closes: 2016-02-01"),
        (lambda b: b[1].update(year=2016), "E-PROGRAM-005", "year: 2016"),
        (lambda b: b[4].update(opens=dt.date(2024, 4, 1)), "E-PROGRAM-006", "opens: 2024-04-01"),
    ],
)
def test_the_program_refuses_windows_that_make_the_open_batch_ambiguous(
    tmp_path: Path, edit: object, code: str, line_of: str
) -> None:
    data = yaml.safe_load((REPO / "program.yaml").read_text(encoding="utf-8"))
    edit(data["batches"])  # type: ignore[operator]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    root = make_registry(tmp_path / "repo", with_base_town=False, program_text=text)
    program, findings = load_program(root)
    assert program is None
    lines = [
        n for n, line in enumerate(text.splitlines(), start=1) if line.strip().removeprefix("- ") == line_of
    ]
    assert [(f.code, f.line) for f in findings if f.code.startswith("E-PROGRAM")] == [(code, lines[-1])]


def test_towns_today_pins_the_default_day(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TOWNS_TODAY", "2016-06-30")
    assert main(["status", "--root", str(REPO), "--format", "json"]) == 0
    states = {t["id"]: t["state"] for t in json.loads(capsys.readouterr().out)}
    assert states["huangpu-yungu"] == "creation"  # listed on 2016-06-24, named only in 2019
    monkeypatch.setenv("TOWNS_TODAY", "2026-13-01")
    assert main(["due", "--root", str(REPO)]) == 2
    err = capsys.readouterr().err
    assert "环境变量 TOWNS_TODAY 的值“2026-13-01”不是日期，应为 YYYY-MM-DD" in err and "Traceback" not in err
