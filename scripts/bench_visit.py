"""What a visitor downloads from a built site, measured in a real headless Chromium (for bench.py).

Serves the built site on 127.0.0.1 and counts the bytes of every response (as sent: this server
does not compress, so the numbers are uncompressed except Pagefind's files, which are stored
gzipped): opening the home page and a town page, focusing the search box (the search engine),
and then each query, each in a fresh browser with only the engine loaded (no index chunk of an
earlier query in its cache). Queries are taken from the registry itself: towns' full names, two
characters of their names, a district, a city, a page title; for each, the rank of the page that
should come first.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import statistics
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SAMPLE = 6


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _town(declaration: Path) -> dict[str, str]:
    text = declaration.read_text(encoding="utf-8")
    fields = {k: re.search(rf'(?m)^{k}: "?([^"\n]*)"?$', text) for k in ("name", "district", "city")}
    town = {k: m.group(1) for k, m in fields.items() if m}
    rest = town["name"]
    for prefix in (town["district"], town["district"][:-1]):
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
            break
    town["fragment"] = rest[:2]
    town["url"] = f"/towns/{declaration.parent.parent.name}/{declaration.parent.name}/"
    return town


def queries(registry: Path) -> list[dict[str, str]]:
    """Queries with the page each should find first (a district or city: its towns, or its page)."""
    declarations = sorted(registry.glob("submissions/*/*/declaration.yaml"))
    step = max(1, len(declarations) // SAMPLE)
    towns = [_town(p) for p in declarations[::step][:SAMPLE]]
    out = [{"kind": "name", "query": t["name"], "first": t["url"]} for t in towns]
    out += [{"kind": "two characters", "query": t["fragment"], "first": t["url"]} for t in towns]
    out.append({"kind": "district", "query": towns[0]["district"], "first": "place"})
    township = next((_town(p) for p in declarations if _town(p)["district"].endswith("镇")), None)
    if township:
        out.append({"kind": "town (镇)", "query": township["district"], "first": "place"})
    out.append({"kind": "city", "query": towns[-1]["city"], "first": "/cities/"})
    out.append({"kind": "page title", "query": "如何申报", "first": "/apply/"})
    return out


INDEX_FILES = (".pf_index", ".pf_fragment", ".pf_filter")


def _bytes(loaded: list[tuple[str, int]]) -> int:
    return sum(size for _, size in loaded)


def is_index(url: str) -> bool:
    """An index chunk or a result's fragment: what a query fetches (the rest is the engine)."""
    return url.split("?", maxsplit=1)[0].endswith(INDEX_FILES)


def _gzip_estimate(site: Path, base: str, loaded: list[tuple[str, int]]) -> int:
    """What a host that compresses text would send: Pagefind's own files are gzipped already."""
    total = 0
    for url, size in loaded:
        path = site / url.removeprefix(base).split("?")[0].lstrip("/")
        if path.suffix in (".js", ".json", ".css", ".html", "") and path.is_file():
            total += len(gzip.compress(path.read_bytes()))
        else:
            total += size
    return total


def measure(site: Path, registry: Path) -> dict[str, Any]:
    """Bytes of pages, of the search engine and of each query, with each query's ranking."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only the benchmark needs it

    wanted = queries(registry)
    town_url = wanted[0]["first"]
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        town = _open(browser, base + town_url)[1]
        home = _open(browser, base + "/")[1]  # a fresh browser cache for each page
        engine = _engine_bytes(browser, base)
        results = [_query(*_engine(browser, base), q) for q in wanted]  # each query from cold
        browser.close()
    sizes = [r["bytes"] for r in results]
    return {
        "home_bytes": _bytes(home),
        "town_bytes": _bytes(town),
        "index_on_open": sum(1 for url, _ in home + town if "/pagefind/" in url or "search_index" in url),
        "engine_bytes": _bytes(engine),
        "engine_gzip_bytes": _gzip_estimate(site, base, engine),
        "query_max_bytes": max(sizes),
        "query_median_bytes": int(statistics.median(sizes)),
        "queries": results,
        "bundle_bytes": sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()),
        "index_chunks": len(list((site / "pagefind" / "index").glob("*"))),
    }


def _open(browser: Any, url: str) -> tuple[Any, list[tuple[str, int]], Callable[[], list[tuple[str, int]]]]:
    """A page opened in a new context (empty cache), the bytes it loaded, and a counter for more."""
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    loaded: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: loaded.append((r.url, r.sizes()["responseBodySize"])))

    def take() -> list[tuple[str, int]]:
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        page.wait_for_load_state("networkidle")
        out = list(loaded)
        loaded.clear()
        return out

    page.goto(url)
    return page, take(), take


def _engine(
    browser: Any, base: str
) -> tuple[Any, list[tuple[str, int]], Callable[[], list[tuple[str, int]]]]:
    """The home page in a new context with the search engine loaded; the engine's bytes."""
    page, _, take = _open(browser, base + "/")
    page.locator("#towns-search-input").focus()
    page.wait_for_selector(".towns-search[data-ready]", state="attached")
    return page, take(), take


def _engine_bytes(browser: Any, base: str) -> list[tuple[str, int]]:
    """Everything but index chunks and fragments that a visit's first search loads."""
    page, loaded, take = _engine(browser, base)
    page.keyboard.insert_text("小镇")
    page.wait_for_function("() => document.getElementById('towns-search-results').dataset.query")
    loaded = [item for item in loaded + take() if not is_index(item[0])]
    page.context.close()
    return loaded


def _query(page: Any, _engine_bytes: object, take: Any, wanted: dict[str, str]) -> dict[str, Any]:
    page.locator("#towns-search-input").focus()
    page.keyboard.insert_text(wanted["query"])
    page.wait_for_function(
        "q => document.getElementById('towns-search-results').dataset.query === q", arg=wanted["query"]
    )
    # The engine's WebAssembly and page list may arrive after the box says it is ready (Pagefind's
    # worker fetches them): whenever they arrive they are the engine's bytes, never a query's.
    loaded = [item for item in take() if is_index(item[0])]
    shown = page.eval_on_selector_all(
        ".towns-search__link", "els => els.map(e => [e.getAttribute('href'), e.innerText])"
    )
    hrefs = [href for href, _ in shown]
    rank = hrefs.index(wanted["first"]) + 1 if wanted["first"] in hrefs else None
    if wanted["first"] == "place":  # a district or 镇: the first results are towns there
        ok = bool(shown) and all(wanted["query"] in text for _, text in shown[:5])
    elif wanted["first"].count("/") > 2:  # one page
        ok = rank == 1
    else:  # a city: its page first
        ok = bool(hrefs) and hrefs[0].startswith(wanted["first"])
    page.context.close()
    return {**wanted, "bytes": _bytes(loaded), "found_first": ok, "rank": rank, "top": hrefs[:3]}
