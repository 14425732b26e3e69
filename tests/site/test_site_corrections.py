"""The site shows a correction beside the original decision, and a late record as 补录, in real pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lifecycle_builder import World
from towns.check import run_check
from towns.cli import main
from towns.site.pages import Site, SiteOptions, build_site

TODAY = dt.date(2026, 11, 30)
BATCH = "decisions/batches/2016.yaml"


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    w = World(tmp_path_factory.mktemp("corrections") / "repo")
    for town, day in (("t", "2016-05-01"), ("u", "2016-05-02")):
        w.town(town)
        w.recommend(town, 2016, day)
    w.batch(2016, "2016-06-24", creation=["t"], not_selected=["u"])
    path = w.root / BATCH
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n".join(
            [
                "corrections:",
                "  - kind: 更正",
                "    date: 2019-02-01",
                "    document_number: 粤经信函〔2019〕5号",
                "    reason: 经复核，原审核结论有误。",
                "    late_filing: {recorded_on: 2026-11-28, reason: 更正文件归档时遗漏登记。}",
                "    moved:",
                "      - {town: u, from: not_selected, to: cultivation_list}",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return w.root


@pytest.fixture(scope="module")
def site(registry: Path) -> Site:
    return build_site(run_check(registry, today=TODAY), registry, SiteOptions(demo=True, as_of=TODAY))


def test_the_batch_page_shows_the_list_as_published_then_its_corrections(site: Site) -> None:
    page = site.pages["lists/2016.md"]
    published = page[: page.index("## 更正和补充")]
    row = next(line for line in published.splitlines() if line.startswith("| [u 小镇（虚构）]"))
    assert "| 未入选 |" in row  # still on the list it was published on
    assert "培育中" in row  # with the state the correction gave it
    section = page[page.index("## 更正和补充") :]
    assert [line for line in section.splitlines() if line.startswith("|")][:3] == [
        "| 日期 | 种类 | 文号 | 小镇 | 内容 | 理由 |",
        "| --- | --- | --- | --- | --- | --- |",
        "| 2019-02-01 | 更正（补录） | 粤经信函〔2019〕5号 | [u 小镇（虚构）](../towns/guangzhou/u/index.md) "
        "| 由“未入选”改列“培育名单” | 经复核，原审核结论有误。 |",
    ]


def test_the_town_history_shows_the_correction_as_its_own_entry_marked_late(site: Site) -> None:
    page = site.pages["towns/guangzhou/u/index.md"]
    rows = [line for line in page.splitlines() if line.startswith("| 2019&#45;02&#45;01")]
    assert len(rows) == 1
    assert "| 更正分批审核结果（补录） |" in rows[0]
    assert "内容：由“未入选”改列“培育名单”" in rows[0]
    assert "补录理由：更正文件归档时遗漏登记。" in rows[0]


def test_a_page_without_corrections_has_no_such_section(site: Site) -> None:
    assert "更正和补充" not in site.pages["lists/2017.md"]
    assert "更正和补充" not in site.pages["named.md"]


def test_the_status_command_marks_the_late_entry(registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`towns status` prints the same history: the correction, what it changes, and 补录."""
    assert main(["status", "u", "--root", str(registry), "--today", TODAY.isoformat()]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "2019-02-01" in x)
    lines = (registry / BATCH).read_text(encoding="utf-8").splitlines()
    at = lines.index("      - {town: u, from: not_selected, to: cultivation_list}") + 1  # the move's line
    assert line == (
        "  2019-02-01  更正分批审核结果（粤经信函〔2019〕5号，由“未入选”改列“培育名单”，"
        f"补录，2026-11-28 登记）  {BATCH}:{at}"
    )
