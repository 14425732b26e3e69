"""The built site in a real headless Chromium, served on 127.0.0.1.

The site is built once per session by the real `mkdocs build --strict` from a small registry
(see `site_registry`). Without /usr/bin/chromium these tests skip locally and fail in CI.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_registry import NAMES, XSS_NAME, build_registry, mkdocs_build

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail("CI 环境缺少 /usr/bin/chromium：请 apt-get install -y chromium fonts-wqy-microhei")
    pytest.skip("本机没有 /usr/bin/chromium")


def _site_config(root: Path) -> None:
    """The repository's mkdocs.yml and docs/, pointed at the test registry."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "custom_dir: scripts/towns/site/theme", f"custom_dir: {REPO / 'scripts/towns/site/theme'}"
    )
    text = text.replace(
        "- scripts/towns/site/mkdocs_hook.py", f"- {REPO / 'scripts/towns/site/mkdocs_hook.py'}"
    )
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_chromium()
    root = build_registry(tmp_path_factory.mktemp("browser") / "registry")
    _site_config(root)
    out = root / "site"
    mkdocs_build(root, out, timeout=300)
    return out


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when a browser exists

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context()
    # Only loopback: any other request would be an external dependency of the site.
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
    assert outside == [], f"external requests: {outside}"


def _h1(pg: Any) -> str:
    """The page title without the permalink sign."""
    return str(pg.inner_text("h1")).removesuffix("¶").strip()


def _errors(pg: Any) -> list[str]:
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_home_loads_without_console_errors(page: Any, base_url: str) -> None:
    errors = _errors(page)
    page.goto(base_url + "/")
    assert "互联网+小镇创建工作" in _h1(page)
    assert "演示数据" in page.inner_text("body")  # the banner and the notice
    assert page.locator(".towns-demo").is_visible()
    assert "创建进展" in page.inner_text("body") and page.locator("progress").count() > 0
    page.wait_for_load_state("networkidle")
    assert errors == []


@pytest.mark.parametrize("query", ["槎湖区", "槎头云织小镇"])
def test_search_finds_a_town_by_chinese_name(page: Any, base_url: str, query: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=50)
    # Chinese arrives as inserted text (as from an input method); Material searches on the next
    # key event, which an input method also sends when it commits.
    page.keyboard.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    links = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
    assert any("towns/guangzhou/alpha/" in (href or "") for href in links), links


def test_town_page_shows_timeline_and_eligibility(page: Any, base_url: str) -> None:
    page.goto(base_url + "/towns/guangzhou/alpha/")
    assert _h1(page) == NAMES["alpha"]
    timeline = page.locator(".towns-timeline table")
    assert timeline.is_visible()
    assert "验收合格，正式命名" in timeline.inner_text()
    verdict = page.locator("h2", has_text="申报条件核对").locator("xpath=following-sibling::*[1]")
    assert "结论" in verdict.inner_text() and "符合" in verdict.inner_text()
    assert "符合" in page.locator("[aria-label^='申报条件核对']").inner_text()
    assert page.locator("svg.towns-chart").count() == 2


def _row_names(pg: Any) -> list[str]:
    """Town names (the key column) of the list the page's script rendered, or of its first table."""
    table = pg.locator("table.towns-list-table, article table").first
    table.locator("tbody tr").first.wait_for()
    return [t.strip() for t in table.locator("tbody tr > :first-child").all_inner_texts()]


def _choose(pg: Any, field: str, value: str) -> None:
    pg.select_option(f"#towns-filter-{field}", value)


def test_list_and_evaluation_pages_show_the_decided_towns(page: Any, base_url: str) -> None:
    page.goto(base_url + "/lists/2016/")
    assert _row_names(page) == [NAMES["alpha"], NAMES["beta"], NAMES["gamma"]]
    for role, name in (("creation", "alpha"), ("cultivation", "beta"), ("not_selected", "gamma")):
        _choose(page, "role", role)
        assert _row_names(page) == [NAMES[name]]
    page.goto(base_url + "/evaluations/2017/")
    assert _row_names(page) == [NAMES["alpha"], XSS_NAME, NAMES["beta"]]  # the program's grade order
    grades = page.locator("table.towns-list-table tbody tr td:nth-child(2)").all_inner_texts()
    assert [g.strip() for g in grades] == ["良好", "合格", "警告"]
    page.goto(base_url + "/named/")
    assert _row_names(page) == [NAMES["alpha"]]


def test_xss_payloads_stay_text(page: Any, base_url: str) -> None:
    errors = _errors(page)
    page.goto(base_url + "/towns/guangzhou/xss/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert _h1(page) == XSS_NAME
    assert page.title().startswith(XSS_NAME)  # the <title> holds the name as text
    body = page.inner_text("article")
    assert "<script>window.__xss=2</script>[点我](javascript:window.__xss=3)" in body
    assert page.locator("article script, article img").count() == 0
    hrefs = page.eval_on_selector_all("article a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data):", h, re.IGNORECASE)]
    assert "138****8000" in body and "13800138000" not in body
    page.goto(base_url + "/evaluations/2017/")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/towns/guangzhou/alpha/",
        "/towns/guangzhou/alpha/form/",
        "/lists/2016/",
        "/evaluations/2017/",
        "/towns/",
        "/cities/",
        "/cities/guangzhou/",
        "/apply/",
        "/apply/codes/",
    ],
)
def test_no_serious_accessibility_violations(page: Any, base_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")  # the lists' script has rendered its controls
    results = Axe().run(page)
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert serious == []


@pytest.mark.parametrize(
    "path", ["/", "/towns/guangzhou/alpha/", "/lists/2016/", "/evaluations/2017/", "/towns/", "/cities/"]
)
def test_phone_width_has_no_horizontal_scroll(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(base_url + path)
    pg.wait_for_load_state("networkidle")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide"
    pg.locator("label.md-header__button[for='__drawer']").click()  # the menu opens
    assert pg.locator(".md-nav--primary").first.is_visible()
    context.close()


def test_printable_form_is_a4(page: Any, base_url: str) -> None:
    page.goto(base_url + "/towns/guangzhou/alpha/form/")
    assert page.locator("table.towns-form-table th").first.inner_text() == "小镇名称"
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")


def test_downloads_are_served(page: Any, base_url: str) -> None:
    for path in (
        "/api/v1/towns.json",
        "/api/v1/towns.csv",
        "/feed.xml",
        "/schema/declaration.schema.json",
        "/apply/templates/industry.yaml",
        "/towns/guangzhou/alpha/attachments/uscc-certificate.pdf",
    ):
        response = page.request.get(base_url + path)
        assert response.status == 200, path


# ---- Where a town stands, tables that fit, lists for thousands of towns, the map (issue 13) ----

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize(("town", "state"), [("beta", "培育中"), ("alpha", "已命名"), ("gamma", "未入选")])
def test_state_and_next_step_are_on_the_first_phone_screen(
    browser: Any, base_url: str, town: str, state: str
) -> None:
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    pg.goto(f"{base_url}/towns/guangzhou/{town}/")
    block = pg.locator(".towns-standing")
    badge = block.locator(".towns-state").first
    assert badge.inner_text().strip() == state
    next_step = block.locator("li", has_text="下一步")
    assert next_step.inner_text().strip() != "下一步："
    for element in (badge, next_step):
        box = element.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, (town, box)
    # The block comes first: nothing but the title stands between the header and it.
    assert (
        pg.evaluate("document.querySelector('article h1').nextElementSibling.className") == "towns-standing"
    )
    context.close()


def test_history_links_to_the_decisions_and_names_the_files(page: Any, base_url: str) -> None:
    page.goto(base_url + "/towns/guangzhou/alpha/")
    rows = page.locator(".towns-timeline tbody tr")
    named = rows.filter(has_text="验收合格，正式命名")
    assert "decisions/namings/" in named.inner_text()
    named.get_by_role("link").click()
    assert _h1(page) == "广东省互联网+示范小镇"
    page.go_back()
    page.locator(".towns-standing").get_by_role("link", name="2016 年度创建名单").click()
    assert _h1(page) == "2016 年度创建名单和培育名单"


@pytest.mark.parametrize("path", ["/evaluations/2017/", "/towns/guangzhou/alpha/", "/cities/"])
def test_print_shows_every_column(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 700, "height": 1000})
    pg = context.new_page()
    pg.goto(base_url + path)
    pg.wait_for_load_state("networkidle")
    pg.emulate_media(media="print")
    regions = pg.locator(".towns-table")
    assert regions.count() > 0
    for i in range(regions.count()):
        region = regions.nth(i)
        clipped = region.evaluate("r => r.scrollWidth - r.clientWidth")
        assert clipped <= 1, f"{path}: table {i} is cut by {clipped}px when printed"
        headers = region.locator("th").all_inner_texts()
        assert all(h.strip() for h in headers)
    if path == "/evaluations/2017/":
        assert "考核等次" in pg.locator(".towns-table").first.inner_text()
        assert not pg.locator(".towns-filters-box").is_visible()
    context.close()


def test_key_column_stays_in_view_on_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    pg.goto(base_url + "/evaluations/2017/")
    region = pg.locator(".towns-table--list")
    region.locator("tbody tr").first.wait_for()
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert "表格" in (region.get_attribute("aria-label") or "")
    region.focus()
    for _ in range(8):
        pg.keyboard.press("ArrowRight")  # a keyboard scrolls the focused region sideways
    pg.wait_for_function("document.querySelector('.towns-table--list').scrollLeft > 0")
    key = region.locator("tbody tr > :first-child").first.bounding_box()
    assert key is not None and key["x"] >= 0  # still on screen, beside the scrolled columns
    context.close()


def _status(pg: Any) -> str:
    return str(pg.locator(".towns-list-status").inner_text())


def test_filters_and_sorting_work_by_keyboard(page: Any, base_url: str) -> None:
    page.goto(base_url + "/towns/")
    page.locator("table.towns-list-table tbody tr").first.wait_for()
    assert "符合条件的小镇 4 个（共 4 个）" in _status(page)
    grade = page.locator("#towns-filter-group")
    grade.focus()
    page.keyboard.press("ArrowDown")  # the first state group, chosen from the keyboard
    chosen = grade.evaluate("s => s.options[s.selectedIndex].text")
    count = int(re.search(r"（(\d+)）", chosen)[1])  # type: ignore[index]
    assert f"符合条件的小镇 {count} 个" in _status(page)
    assert page.locator("table.towns-list-table tbody tr").count() == count
    page.get_by_role("button", name="清除筛选").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('.towns-list-status').textContent.includes('4 个（共 4 个）')"
    )
    sort = page.locator("th[data-field=name] button")
    sort.focus()
    page.keyboard.press("Enter")
    assert page.locator("th[data-field=name]").get_attribute("aria-sort") == "ascending"
    names = _row_names(page)
    collated = "ns => [...ns].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))"
    assert len(names) == 4 and names == page.evaluate(collated, names)
    page.keyboard.press("Enter")
    assert page.locator("th[data-field=name]").get_attribute("aria-sort") == "descending"
    assert _row_names(page) == names[::-1]


def test_counts_above_a_list_equal_its_filtered_rows(page: Any, base_url: str) -> None:
    for path in ("/towns/", "/lists/2016/", "/evaluations/2017/", "/cities/guangzhou/"):
        page.goto(base_url + path)
        page.locator("table.towns-list-table tbody tr").first.wait_for()
        line = page.locator(".towns-list > p").first.inner_text()
        counts = dict(re.findall(r"(\S+?) (\d+) 个", line.split("：", 1)[1]))
        assert counts, line
        options = page.locator("#towns-filter-group option")
        labels = {o.split("（")[0]: o for o in options.all_inner_texts()[1:]}
        assert set(labels) == set(counts), (path, labels, counts)
        for name, count in counts.items():
            page.select_option("#towns-filter-group", label=labels[name])
            assert f"符合条件的小镇 {count} 个" in _status(page), (path, name)
            assert page.locator("table.towns-list-table tbody tr").count() == int(count)


def test_lists_render_names_as_text(page: Any, base_url: str) -> None:
    errors = _errors(page)
    page.goto(base_url + "/towns/")
    page.locator("table.towns-list-table tbody tr").first.wait_for()
    assert XSS_NAME in _row_names(page)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("article table img, article table script").count() == 0
    assert errors == []


def test_city_map_and_its_table_agree(page: Any, base_url: str) -> None:
    page.goto(base_url + "/cities/")
    svg = page.locator("figure.towns-map svg")
    assert svg.get_attribute("role") == "img" and "示意图" in (svg.get_attribute("aria-label") or "")
    viewbox = svg.get_attribute("viewBox") or ""
    assert len(viewbox.split()) == 4
    titles = svg.locator("g.towns-map-city > title").evaluate_all("ts => ts.map(t => t.textContent)")
    tiles = dict(re.match(r"(.+?)：(\d+) 个小镇", t).groups() for t in titles)  # type: ignore[union-attr]
    assert len(tiles) == 21 and tiles["广州市"] == "4"
    table = page.locator("[aria-label^='各地市小镇数量'] tbody tr")
    rows = {r.split("\t")[0].strip(): r.split("\t")[2].strip() for r in table.all_inner_texts()}
    assert {city: rows[city] for city in tiles} == tiles
    assert rows["全省"] == "4"
