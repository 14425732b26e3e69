"""Shared fixtures of the site tests: a small real registry with a lifecycle and a hostile town.

The browser fixtures build that registry's site once per session with the real `mkdocs build
--strict`, serve it on 127.0.0.1 and drive it in a real headless Chromium (`/usr/bin/chromium`;
without it the browser tests skip locally and fail in CI). Every page refuses any request to
another host and the test fails if one was made. One Chromium serves every browser test module
(Playwright's sync API allows one instance at a time, so two modules may not each start their own).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # registry_builder, lifecycle_builder
sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


from site_registry import CHROMIUM, CHROMIUM_ARGS, build_registry, mkdocs_build, need_chromium, site_config


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_chromium()
    root = build_registry(tmp_path_factory.mktemp("browser") / "registry")
    site_config(root)
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
def browser() -> Iterator[Any]:
    need_chromium()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when a browser exists

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
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
