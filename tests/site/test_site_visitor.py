"""The built site as a visitor meets it, in a real headless Chromium on 127.0.0.1.

Search (no index on opening a page, a query's bytes, ranking, paste and input-method text, the
keyboard), provenance (footer, sources, dates, share tags), Chinese everywhere (a crawl of every
built page) and accessibility (axe-core on every page kind at desktop and phone widths).

The site is built once by the real `mkdocs build --strict` from the small test registry, with a
repository URL set (the town pages link their folders) and one town placed in a 镇.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_registry import NAMES, XSS_NAME, build_registry, mkdocs_build, need_chromium

from towns.site.searchterms import query_terms

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
REPO_URL = "https://example.invalid/province/towns"
TOWN_IN_A_TOWNSHIP = ("gamma", "青峦镇")
PAGE_BUDGET = 400 * 1024
QUERY_BUDGET = 150 * 1024
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def _configure(root: Path) -> None:
    """The repository's mkdocs.yml and docs/, pointed at this checkout's hook and theme."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for rel in ("scripts/towns/site/theme", "scripts/towns/site/mkdocs_hook.py"):
        text = text.replace(f" {rel}", f" {(REPO / rel).as_posix()}")
    text = re.sub(r"(?m)^repo_url: .*$", f"repo_url: {REPO_URL}", text)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    town, district = TOWN_IN_A_TOWNSHIP
    declaration = root / "submissions/guangzhou" / town / "declaration.yaml"
    declaration.write_text(
        declaration.read_text(encoding="utf-8").replace("district: 天河区", f"district: {district}"),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_chromium()
    root = build_registry(tmp_path_factory.mktemp("visitor") / "registry")
    _configure(root)
    mkdocs_build(root, root / "site", timeout=300)
    return root / "site"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host: files as they are, the site's own 404 page for anything missing."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(str(self.directory)) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base_url(built: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(built))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Visit:
    """A browser tab that records every response's size and refuses any other host."""

    def __init__(self, browser: Any, base_url: str, viewport: dict[str, int]) -> None:
        self.base = base_url
        self.context = browser.new_context(viewport=viewport, is_mobile=viewport["width"] < 600)
        self.outside: list[str] = []
        self.loaded: list[tuple[str, int]] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.on("requestfinished", self._finished)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _finished(self, request: Any) -> None:
        self.loaded.append((request.url, request.sizes()["responseBodySize"]))

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def settle(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(200)
        self.page.wait_for_load_state("networkidle")

    def take(self) -> list[tuple[str, int]]:
        out, self.loaded = self.loaded, []
        return out


@pytest.fixture
def visit(browser: Any, base_url: str) -> Iterator[Visit]:
    v = Visit(browser, base_url, DESKTOP)
    yield v
    v.context.close()
    assert v.outside == [], f"requests to other hosts: {v.outside}"


def _search(v: Visit, query: str) -> list[tuple[str, str]]:
    """Type ``query`` as an input method commits it (text inserted, no key events); the results."""
    page = v.page
    box = page.locator("#towns-search-input")
    box.focus()
    box.fill("")
    page.keyboard.insert_text(query)
    return _results(v, query)


def _results(v: Visit, query: str) -> list[tuple[str, str]]:
    page = v.page
    page.wait_for_function(
        "q => document.getElementById('towns-search-results').dataset.query === q", arg=query.strip()
    )
    links = page.locator(".towns-search__link")
    return [
        (links.nth(i).get_attribute("href") or "", links.nth(i).inner_text()) for i in range(links.count())
    ]


# ---- search ----


@pytest.mark.parametrize("path", ["/", "/towns/guangzhou/alpha/", "/lists/2016/"])
def test_opening_a_page_downloads_no_index(visit: Visit, path: str) -> None:
    visit.open(path)
    loaded = visit.take()
    assert not [u for u, _ in loaded if "/pagefind/" in u or "search_index" in u]
    total = sum(size for _, size in loaded)
    assert 0 < total <= PAGE_BUDGET, f"{path}: {total} bytes"


def test_a_query_stays_within_its_budget(visit: Visit) -> None:
    page = visit.open("/")
    visit.take()
    page.locator("#towns-search-input").focus()
    page.wait_for_selector(".towns-search[data-ready]", state="attached")
    visit.settle()
    engine = visit.take()
    assert any(u.endswith("/pagefind/pagefind.js") for u, _ in engine)
    for query in ("槎湖区", NAMES["beta"], "如何申报"):
        results = _search(visit, query)
        visit.settle()
        loaded = visit.take()
        assert results, query
        assert all("/pagefind/" in u for u, _ in loaded), loaded
        # Index chunks and fragments; the engine's files, however late they arrive, are not the query's.
        index = [(u, size) for u, size in loaded if u.split("?")[0].endswith((".pf_index", ".pf_fragment"))]
        assert sum(size for _, size in index) <= QUERY_BUDGET, (query, loaded)


RANKING = [
    (NAMES["alpha"], "/towns/guangzhou/alpha/"),  # the whole name
    ("槎头云织小镇", "/towns/guangzhou/alpha/"),  # the name without its bracket
    ("云织", "/towns/guangzhou/alpha/"),  # two characters of it
    ("榕溪", "/towns/guangzhou/beta/"),
    ("槎湖区", "/towns/guangzhou/alpha/"),  # its district
    ("青峦镇", "/towns/guangzhou/gamma/"),  # a town (镇) as the place
    ("alpha", "/towns/guangzhou/alpha/"),  # its id
    ("广州市", "/cities/guangzhou/"),  # a city: its page first
    ("如何申报", "/apply/"),
    ("检查结果代码", "/apply/codes/"),
]


@pytest.mark.parametrize(("query", "first"), RANKING)
def test_the_page_looked_for_comes_first(visit: Visit, query: str, first: str) -> None:
    visit.open("/")
    results = _search(visit, query)
    assert results, query
    assert results[0][0] == first, results[:3]
    panel = visit.page.inner_text("#towns-search-results")
    assert "缺少" not in panel and "Missing" not in panel


def test_a_district_finds_all_its_towns(visit: Visit) -> None:
    visit.open("/")
    found = [href for href, _ in _search(visit, "天河区")]
    assert {"/towns/guangzhou/beta/", "/towns/guangzhou/xss/"} <= set(found[:3])
    assert all(href.startswith("/towns/") for href in found[:4]), found  # towns before guides


def test_result_text_is_never_markup(visit: Visit) -> None:
    visit.open("/")
    results = _search(visit, "测试小镇")
    assert results[0][1].startswith(XSS_NAME)
    assert visit.page.evaluate("typeof window.__xss") == "undefined"
    assert visit.page.locator(".towns-search__list script, .towns-search__list img").count() == 0


def test_a_pasted_query_searches_at_once(browser: Any, base_url: str) -> None:
    v = Visit(browser, base_url, DESKTOP)
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = v.open("/")
    page.evaluate("text => navigator.clipboard.writeText(text)", "榕溪数创")
    page.locator("#towns-search-input").focus()
    page.keyboard.press("Control+V")
    assert _results(v, "榕溪数创")[0][0] == "/towns/guangzhou/beta/"
    assert v.errors == []
    v.context.close()
    assert v.outside == []


def test_search_by_keyboard_alone(visit: Visit) -> None:
    page = visit.open("/lists/2016/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "towns-search-input"
    page.keyboard.insert_text("榕溪")
    _results(visit, "榕溪")
    page.keyboard.press("ArrowDown")
    assert "榕溪" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url("**/towns/guangzhou/beta/")
    page.keyboard.press("/")
    page.keyboard.insert_text("槎头")
    _results(visit, "槎头")
    page.keyboard.press("Enter")  # the first result
    page.wait_for_url("**/towns/guangzhou/alpha/")
    assert visit.errors == []


def test_search_opens_from_a_button_on_a_phone(browser: Any, base_url: str) -> None:
    v = Visit(browser, base_url, PHONE)
    page = v.open("/towns/guangzhou/alpha/")
    assert not page.locator("#towns-search-input").is_visible()
    opener = page.get_by_role("button", name="搜索")
    opener.click()
    assert page.locator("#towns-search-input").is_visible()
    assert _search(v, "榕溪")[0][0] == "/towns/guangzhou/beta/"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="关闭搜索").click()
    assert not page.locator("#towns-search-input").is_visible()
    v.context.close()
    assert v.outside == []


QUERY_SAMPLES = [
    "槎头云织小镇（虚构）",
    "赤坎荔乐智慧旅游小镇（虚构） alpha",
    "云",
    "大朗镇",
    "广州 天河区 alpha",
    "𠀀𠀁𠀂",
    "E-SCHEMA-003",
    "  榕溪　数创 ",
    "互联网+小镇",
    "abc中文def",
]


def test_search_box_makes_the_terms_the_index_makes(visit: Visit) -> None:
    page = visit.open("/")
    got = page.evaluate(
        "async (samples) => { const m = await import('./assets/towns/search.js');"
        " return samples.map((s) => m.queryTerms(s)); }",
        QUERY_SAMPLES,
    )
    assert got == [query_terms(s) for s in QUERY_SAMPLES]


# ---- provenance ----


def test_town_page_tells_its_sources(visit: Visit) -> None:
    page = visit.open("/towns/guangzhou/alpha/")
    footer = page.inner_text("footer")
    assert "发布单位：广东省经济和信息化委员会" in footer
    assert "towns@example.cn" in footer and "数据截至" in footer and "本页更新于 2018-12-20" in footer
    source = page.locator(".towns-source")
    folder = source.get_by_role("link", name=re.compile("申报材料文件夹"))
    assert folder.get_attribute("href") == f"{REPO_URL}/tree/main/submissions/guangzhou/alpha"
    record = source.get_by_role("link", name=re.compile("开放数据"))
    response = page.request.get(
        page.evaluate("href => new URL(href, location.href).href", record.get_attribute("href"))
    )
    assert response.status == 200
    assert json.loads(response.body())["town"]["name"] == NAMES["alpha"]
    description = "广州市槎湖区 · 产业型 · 已命名 · 2016 年申报"
    assert page.locator('meta[name="description"]').get_attribute("content") == description
    assert page.locator('meta[property="og:description"]').get_attribute("content") == description
    assert page.locator('meta[property="og:title"]').get_attribute("content") == NAMES["alpha"]


def test_share_tags_of_a_hostile_name_stay_text(visit: Visit) -> None:
    page = visit.open("/towns/guangzhou/xss/")
    assert page.locator('meta[property="og:title"]').get_attribute("content") == XSS_NAME
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("head script:not([src]):not([type])").count() <= 1  # Material's own


@pytest.mark.parametrize("path", ["/", "/apply/", "/lists/2016/", "/no-such-page/"])
def test_every_page_has_the_footer(visit: Visit, path: str) -> None:
    footer = visit.open(path).inner_text("footer")
    assert "发布单位" in footer and "数据截至" in footer


# ---- Chinese everywhere ----


def _theme_english() -> list[str]:
    """The theme's English interface strings, from Material's own English language file."""
    import material  # noqa: PLC0415

    source = Path(material.__file__).parent / "templates/partials/languages/en.html"
    pairs = re.findall(r'"([a-z.]+)": "([^"]+)"', source.read_text(encoding="utf-8"))
    skip = {"language", "direction", "blog.categories.in"}
    words = [v for k, v in pairs if k not in skip and not k.startswith("search.config.")]
    return [*words, "Not found", "Permanent link", "Made with", "Material for MkDocs"]


ENGLISH = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(re.escape(w).replace("\\#", r"\d+") for w in sorted(_theme_english(), key=len, reverse=True))
    + r")(?![A-Za-z])"
)
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
# Visible text and the attributes read out or shown, except code, other products' names in bold
# (a guide's "**Settings → Pages**") and the English developer notes' own article with its table of
# contents (the article's headings again).
PAGE_TEXT = """() => {
  const skipArticle = location.pathname.includes('/dev/');
  const keep = (el) => !el.closest('code, pre, kbd, script, style, noscript, article strong') &&
    !(skipArticle && el.closest('article, .md-nav--secondary'));
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && keep(n.parentElement) && n.textContent.trim()) out.push(n.textContent.trim());
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    if (!keep(el)) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
  }
  const nav = Array.from(document.querySelectorAll('.md-nav--primary a.md-nav__link[href]:not([href^="#"])'),
    (a) => new URL(a.getAttribute('href'), location.href).pathname);
  return {text: out, nav};
}"""


def test_every_page_is_chinese_whole_and_listed_once(built: Path, browser: Any, base_url: str) -> None:
    v = Visit(browser, base_url, DESKTOP)
    problems: list[str] = []
    pages = sorted(built.rglob("*.html"))
    pages = [p for p in pages if "pagefind" not in p.parts]
    for file in pages:
        rel = file.relative_to(built).as_posix()
        path = "/" + rel.removesuffix("index.html")
        v.page.goto(base_url + path)
        found = v.page.evaluate(PAGE_TEXT)
        for text in found["text"]:
            if ENGLISH.search(text):
                problems.append(f"{path}: English interface text {text!r}")
            if ENTITY.search(text):
                problems.append(f"{path}: raw entity shown {text!r}")
        nav = found["nav"]
        doubles = sorted({p for p in nav if nav.count(p) > 1})
        if doubles:
            problems.append(f"{path}: listed twice in the nav {doubles}")
    v.context.close()
    assert len(pages) > 40
    assert problems == [], "\n".join(problems[:40])


def test_statuses_are_words_not_emoji(built: Path) -> None:
    emoji = re.compile("[\u2600-\u27bf\U0001f300-\U0001faff\u2b1b\u2b1c\u2b50]")
    found = []
    for file in built.rglob("*.html"):
        if "dev" in file.relative_to(built).parts:
            continue  # the developer notes quote the pull-request comment, which may use emoji
        # A code block quotes another medium (the pull-request comment on GitHub), not the site's statuses.
        page = re.sub(r"<pre\b.*?</pre>", " ", file.read_text(encoding="utf-8"), flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", page))
        if emoji.search(text):
            found.append(file.relative_to(built).as_posix())
    assert found == []
    town = (built / "towns/guangzhou/alpha/index.html").read_text(encoding="utf-8")
    assert '<span class="towns-status towns-status--pass">符合</span>' in town


# ---- accessibility ----

PAGE_KINDS = [
    "/",
    "/towns/",
    "/towns/guangzhou/alpha/",
    "/towns/guangzhou/alpha/form/",
    "/cities/",
    "/cities/guangzhou/",
    "/lists/2016/",
    "/evaluations/2017/",
    "/named/",
    "/apply/",
    "/apply/conditions/",
    "/apply/codes/",
    "/data/",
    "/guide/submit/",
    "/no-such-page/",
    "search",
]


# WCAG 2.2 AA as well, for the size of touch targets (axe's target-size rule).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violation(
    browser: Any, base_url: str, kind: str, viewport: dict[str, int]
) -> None:
    v = Visit(browser, base_url, viewport)
    if kind == "search":
        v.open("/")
        if viewport is PHONE:
            v.page.get_by_role("button", name="搜索").click()
        assert _search(v, "小镇")
    else:
        v.open(kind)
    v.page.wait_for_timeout(300)  # the scroll regions are marked after layout
    serious = _serious(v.page)
    v.context.close()
    assert serious == [], f"{kind} at {viewport['width']}px"
