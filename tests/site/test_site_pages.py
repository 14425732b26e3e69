"""The page functions on a small real registry: golden pages, safety, privacy, open data."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from site_registry import NAMES, TODAY, XSS_NAME, build_registry

from golden_files import assert_golden
from towns.check import CheckResult, run_check
from towns.cli import main
from towns.report.jsonreport import render_json
from towns.site import escape
from towns.site.data import site_data
from towns.site.nav import extend_nav
from towns.site.pages import Site, SiteOptions, build_site
from towns.site.report import render_report

GOLDEN = Path(__file__).parent / "golden"
GUIDES = (("申报表填写说明", "guide/format.md"),)
GOLDEN_PAGES = (
    "index.md",
    "lists/index.md",
    "lists/2016.md",
    "evaluations/2017.md",
    "named.md",
    "cities/guangzhou.md",
    "towns/guangzhou/alpha/index.md",
    "towns/guangzhou/alpha/form.md",
)
GOLDEN_FILES = ("api/v1/towns.csv", "api/v1/lists.json", "api/v1/evaluations.json", "feed.xml")


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_registry(tmp_path_factory.mktemp("site") / "registry")


@pytest.fixture(scope="module")
def result(registry: Path) -> CheckResult:
    return run_check(registry, today=TODAY)


@pytest.fixture(scope="module")
def site(registry: Path, result: CheckResult) -> Site:
    return build_site(result, registry, SiteOptions(demo=True, as_of=TODAY, guides=GUIDES))


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_matches_golden(site: Site, page: str) -> None:
    assert_golden(GOLDEN / page, site.pages[page])


def test_json_report_matches_golden(result: CheckResult) -> None:
    """The JSON report (format_version 1) of a registry with a whole lifecycle: keys, order, values."""
    report = json.loads(render_json(result))
    assert_golden(GOLDEN / "report.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n")


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_open_data_matches_golden(site: Site, name: str) -> None:
    content = site.files[name]
    assert isinstance(content, bytes)
    assert_golden(GOLDEN / name, content.decode("utf-8"))


TOWN_LINK = re.compile(r"\]\((?:\.\./)*towns/[^/]+/([^/]+)/index\.md\)")


def _town_ids(text: str) -> list[str]:
    return [m[1] for m in TOWN_LINK.finditer(text)]


def _list_rows(site: Site, name: str) -> list[dict[str, Any]]:
    """The rows of a list's data file, as {field: value}, with the town's id from its address."""
    content = site.files[f"assets/towns/lists/{name}.json"]
    assert isinstance(content, bytes)
    data = json.loads(content)
    rows = [dict(zip(data["fields"], row, strict=True)) for row in data["rows"]]
    for field, (source, table) in data["derived"].items():
        for row in rows:
            row[field] = table[row[source]]
    for row in rows:
        page = data["link"].format(**row) + "index.md"
        assert page in site.pages, page  # the script links every row to its town's page
    return [{**row, "id": row["folder"]} for row in rows]


def test_batch_page_lists_exactly_the_decided_towns(site: Site) -> None:
    roles: dict[str, list[str]] = {}
    for row in _list_rows(site, "batch-2016"):
        roles.setdefault(row["role"], []).append(row["id"])
    assert roles == {"creation": ["alpha"], "cultivation": ["beta"], "not_selected": ["gamma"]}
    assert _town_ids(site.pages["lists/2016.md"]) == ["alpha", "beta", "gamma"]  # the table without script
    assert "创建名单 1 个，培育名单 1 个，未入选 1 个" in site.pages["lists/2016.md"]
    assert [(r["id"], r["role"]) for r in _list_rows(site, "batch-2017")] == [("xss", "creation")]


def test_evaluation_pages_show_each_grade(site: Site) -> None:
    rows = _list_rows(site, "evaluation-2017")
    assert {r["id"]: r["grade"] for r in rows} == {"alpha": "良好", "beta": "警告", "xss": "合格"}
    table = [line for line in site.pages["evaluations/2017.md"].splitlines() if TOWN_LINK.search(line)]
    assert {_town_ids(row)[0]: row.split("|")[2].strip() for row in table} == {
        "alpha": "良好",
        "beta": "警告",
        "xss": "合格",
    }
    assert "考核等次：良好 1、合格 1、警告 1" in site.pages["evaluations/2017.md"]  # the program's order
    assert "2018" not in {p.split("/")[-1][:4] for p in site.pages if p.startswith("evaluations/")}


def test_counts_agree_with_the_rows(result: CheckResult, site: Site) -> None:
    """Every count shown above a list, in its filters and in the cities table equals its rows."""
    from towns.site.lists import city_groups, town_lists  # noqa: PLC0415

    data = site_data(result)
    for town_list in town_lists(data):
        rows = _list_rows(site, town_list.name)
        assert sum(town_list.groups().values()) == len(rows) == len(town_list.entries)
        for group, count in town_list.groups().items():
            assert count == sum(1 for r in rows if r["group"] == group.value), town_list.name
        content = site.files[town_list.data_path]
        assert isinstance(content, bytes)
        for spec in json.loads(content)["filters"]:
            assert sum(count for _, _, count in spec["options"]) == len(rows), (town_list.name, spec["field"])
        assert f"共 {len(rows)} 个小镇" in site.pages[town_list.page]
    per_city = city_groups(data)
    assert sum(sum(c.values()) for c in per_city.values()) == len(data.towns)
    assert "| **全省** | | 4 |" in site.pages["cities/index.md"]


def test_named_page_and_feed(site: Site) -> None:
    assert _town_ids(site.pages["named.md"]) == ["alpha"]
    feed = site.files["feed.xml"]
    assert isinstance(feed, bytes)
    root = ET.fromstring(feed)  # noqa: S314 - our own output, parsed to check it
    titles = [
        e.findtext("{http://www.w3.org/2005/Atom}title")
        for e in root.iter("{http://www.w3.org/2005/Atom}entry")
    ]
    assert titles[0] == "互联网+示范小镇验收命名（粤经信命〔2019〕1号）"
    assert len(titles) == 5  # two batches, two evaluation years, one naming


def test_every_data_value_is_escaped(site: Site) -> None:
    page = site.pages["towns/guangzhou/xss/index.md"]
    assert "<img" not in page.split('<div class="towns-report">')[0]
    assert "<script" not in page
    assert escape.md(XSS_NAME) in page
    assert "javascript:" not in page
    for path, text in site.pages.items():
        assert "<img src=x" not in text, path


def test_report_is_sanitised() -> None:
    html = render_report(
        '# 标题\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n'
        '[a](javascript:alert(3)) <a href="data:text/html,x">b</a> [c](https://example.org/)\n\n'
        '<p onclick="alert(4)" style="color:red">手机 13800138000</p>\n'
    )
    assert "<script" not in html and "alert(1)" not in html
    assert "<img" not in html and "onerror" not in html and "onclick" not in html and "style" not in html
    assert "javascript:" not in html and "data:" not in html
    assert 'href="https://example.org/"' in html and "nofollow" in html
    assert "13800138000" not in html and "138****8000" in html
    assert "<h3>标题</h3>" in html
    assert "\n\n" not in html


def test_contact_is_never_published(registry: Path, result: CheckResult, site: Site) -> None:
    secrets: list[str] = []
    for town in result.loaded:
        assert town.declaration is not None
        c = town.declaration.contact
        secrets += [c.name, c.mobile, c.email, *(x for x in (c.landline, c.fax) if x)]
    assert secrets
    blobs = [
        *site.pages.values(),
        *(v.decode("utf-8", "replace") for v in site.files.values() if isinstance(v, bytes)),
    ]
    for secret in secrets:
        for blob in blobs:
            assert secret not in blob and escape.md(secret) not in blob


def test_only_accepted_referenced_attachments_are_copied(tmp_path: Path) -> None:
    root = build_registry(tmp_path / "registry")
    folder = root / "submissions/guangzhou/alpha/attachments"
    (folder / "stray.pdf").write_bytes(b"%PDF-1.4 not referenced")
    (folder / "local-policy.pdf").write_bytes(b"<html><script>alert(1)</script></html>")
    result = run_check(root, today=TODAY)
    site = build_site(result, root, SiteOptions(as_of=TODAY))
    copied = sorted(p for p in site.files if p.startswith("towns/guangzhou/alpha/"))
    assert copied == ["towns/guangzhou/alpha/attachments/uscc-certificate.pdf"]
    assert "local-policy.pdf" not in site.pages["towns/guangzhou/alpha/index.md"]


def test_csv_has_bom_and_neutralises_formulas(site: Site, result: CheckResult) -> None:
    content = site.files["api/v1/towns.csv"]
    assert isinstance(content, bytes) and content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["小镇编号", "小镇名称"]
    assert {r[0] for r in rows[1:]} == {"alpha", "beta", "gamma", "xss"}
    assert escape.md is not None and all(not cell.startswith(("=", "+", "@")) for r in rows for cell in r)


def test_towns_json_is_versioned(site: Site) -> None:
    content = site.files["api/v1/towns.json"]
    assert isinstance(content, bytes)
    data: dict[str, Any] = json.loads(content)
    assert data["format_version"] == 1 and data["as_of"] == TODAY.isoformat()
    alpha = next(t for t in data["towns"] if t["id"] == "alpha")
    assert alpha["name"] == NAMES["alpha"] and alpha["state"] == "named" and "contact" not in alpha


def test_schemas_and_templates_are_published(site: Site) -> None:
    assert "schema/declaration.schema.json" in site.files
    assert {"apply/templates/industry.yaml", "apply/templates/application.yaml"} <= set(site.files)


def test_nav_grows_with_policy_data_not_towns(site: Site) -> None:
    listed = {path for items in site.nav.values() for item in items for path in item.values()}
    assert not any(p.startswith("towns/") for p in listed)
    assert not any(p.startswith("towns/guangzhou/") for p in site.in_nav)
    nav = extend_nav(["index.md", {"名单": ["lists/index.md"]}], site.nav)
    assert nav[1]["名单"] == [
        "lists/index.md",
        {"2016 年": "lists/2016.md"},
        {"2017 年": "lists/2017.md"},
        {"2018 年": "lists/2018.md"},
    ]


def test_search_dictionary_keeps_names_whole(site: Site) -> None:
    words = {line.split(" ")[0] for line in site.search_words.splitlines()}
    assert {"槎湖区", NAMES["alpha"], "槎头云织小镇", "广州市"} <= words


def test_escape_markdown_and_html() -> None:
    assert escape.md("a*b_[c](d)|<e>&") == "a&#42;b&#95;&#91;c&#93;&#40;d&#41;&#124;&#60;e&#62;&#38;"
    assert escape.cell("第一行\n\n第二行") == "第一行<br>第二行"
    assert escape.md_block("  - 列表\n# 标题\n\n段落") == "&#45; 列表<br>\n&#35; 标题\n\n段落"
    assert escape.html('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"


def test_cli_writes_the_same_pages(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["site", "--root", str(registry), "--output", str(out)]) == 0
    result = run_check(registry, today=TODAY)
    site = build_site(result, registry, SiteOptions(guides=()))
    for page in ("lists/2016.md", "towns/guangzhou/alpha/index.md"):
        assert (out / page).read_text(encoding="utf-8") == site.pages[page]
    assert (out / "towns/guangzhou/alpha/attachments/uscc-certificate.pdf").read_bytes().startswith(b"%PDF")
    assert "已生成" in capsys.readouterr().out
    shutil.rmtree(out)


def test_site_data_without_lifecycle(result: CheckResult) -> None:
    bare = CheckResult(
        findings=[],
        towns=[replace(t, life=replace(t.life, history=())) for t in result.towns],
        program=result.program,
        loaded=result.loaded,
    )
    data = site_data(bare)
    assert data.decisions == [] and len(data.towns) == 4


def test_every_finding_code_has_its_anchor(site: Site) -> None:
    from towns.catalog import catalog  # noqa: PLC0415

    page = site.pages["apply/codes.md"]
    anchors = re.findall(r"\{#([EW]-[A-Z]+-\d{3})\}", page)
    assert sorted(anchors) == sorted(catalog())
    assert "其他（" not in page  # every family has a Chinese name


def test_printable_form_leaves_contact_blank_and_is_not_searched(site: Site) -> None:
    form = site.pages["towns/guangzhou/alpha/form.md"]
    assert form.startswith("---\nsearch:\n  exclude: true\n")
    assert "填表联系人：__________" in form
    assert "（盖章）" in form


def test_feed_links_are_absolute_with_a_site_url(result: CheckResult) -> None:
    from towns.site.feed import decisions_feed  # noqa: PLC0415

    feed = decisions_feed(site_data(result), "https://towns.example/site/", TODAY.isoformat()).decode("utf-8")
    assert 'href="https://towns.example/site/lists/2016/"' in feed
    assert 'rel="self" href="https://towns.example/site/feed.xml"' in feed


def test_personal_numbers_are_masked_in_every_escaped_value() -> None:
    assert escape.md("联系 13800138000") == "联系 138&#42;&#42;&#42;&#42;8000"
    assert escape.html("13800138000") == "138****8000"
