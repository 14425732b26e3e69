"""The built site in a real headless Chromium, served on 127.0.0.1.

The site is built once per session by the real `mkdocs build --strict` from a small registry
(see `site_registry` and the fixtures in `conftest`). Without /usr/bin/chromium these tests skip
locally and fail in CI.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from site_registry import NAMES, XSS_NAME

pytestmark = pytest.mark.browser


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
    eligibility = page.locator("h2", has_text="申报条件核对").locator("xpath=following-sibling::*[2]")
    assert "结论" in eligibility.inner_text() and "符合" in eligibility.inner_text()
    assert page.locator("svg.towns-chart").count() == 2


def _row_names(pg: Any, heading: str | None = None) -> list[str]:
    """Town names of the first table after ``heading`` (of the article without one)."""
    if heading:
        after = pg.locator("h2", has_text=heading).locator("xpath=following-sibling::*[1]")
        table = after.locator("xpath=descendant-or-self::table").first
    else:
        table = pg.locator("article table").first
    return [t.strip() for t in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]


def test_list_and_evaluation_pages_show_the_decided_towns(page: Any, base_url: str) -> None:
    page.goto(base_url + "/lists/2016/")
    assert _row_names(page, "创建名单") == [NAMES["alpha"]]
    assert _row_names(page, "培育名单") == [NAMES["beta"]]
    assert _row_names(page, "未入选") == [NAMES["gamma"]]
    page.goto(base_url + "/evaluations/2017/")
    assert _row_names(page) == [NAMES["alpha"], NAMES["beta"], XSS_NAME]
    grades = [t.strip() for t in page.locator("article table tbody tr td:last-child").all_inner_texts()]
    assert grades == ["良好", "警告", "合格"]
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
        "/apply/",
        "/apply/codes/",
    ],
)
def test_no_serious_accessibility_violations(page: Any, base_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    page.goto(base_url + path)
    results = Axe().run(page)
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert serious == []


@pytest.mark.parametrize("path", ["/", "/towns/guangzhou/alpha/", "/lists/2016/"])
def test_phone_width_has_no_horizontal_scroll(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(base_url + path)
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
