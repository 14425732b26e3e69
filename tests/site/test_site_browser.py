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
