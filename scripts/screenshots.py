#!/usr/bin/env python3
"""Take the screenshots of our own pages that the guide "不用 Git 提交申报" shows.

    .venv/bin/python scripts/screenshots.py      # rewrites docs/guide/img/web-*.png

Builds the site with the real `mkdocs build`, serves it on 127.0.0.1 and photographs parts of the
declaration form page in headless Chromium (Debian's `/usr/bin/chromium`), with the browser's
date inside the latest batch window of `program.yaml` so that the page shows an open batch.
GitHub's own pages are not photographed: the guide describes its buttons in words.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "guide" / "img"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SAMPLE = ROOT / "submissions" / "guangzhou" / "huangpu-yungu" / "declaration.yaml"
PIN_DATE = """(() => {
  const fixed = new Date("%sT10:00:00").getTime();
  const Real = Date;
  class Pinned extends Real {
    constructor(...args) { super(...(args.length ? args : [fixed])); }
    static now() { return fixed; }
  }
  window.Date = Pinned;
})();"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _open_day() -> dt.date:
    from towns.program import load_program_file  # noqa: PLC0415 - only after the venv is in use

    program = load_program_file(ROOT / "program.yaml")
    today = dt.date.today()
    open_now = [b for b in program.batches if b.accepts(today)]
    return today if open_now else max(program.batches, key=lambda b: b.opens).opens


def _build(into: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(into)], cwd=ROOT, env=env, check=True)


def _shoot(page: Any, selector: str, name: str, max_height: int = 700) -> None:
    """The element (its top ``max_height`` pixels), as ``name`` in the guide's image folder."""
    target = page.locator(selector).first
    target.scroll_into_view_if_needed()
    box = target.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; }"
    )
    clip = {**box, "height": min(box["height"], max_height)}
    page.screenshot(path=str(OUT / name), clip=clip, full_page=True, animations="disabled")
    print(f"已生成 {OUT.relative_to(ROOT) / name}")


def _sample_without(field: str) -> str:
    """A shipped declaration with one field left out, so that the page shows how it says so."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.strip().startswith(f"{field}:"))


def main() -> int:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - a dev dependency

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _build(site)
        with _served(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 900}, device_scale_factor=1)
            page.add_init_script(PIN_DATE % _open_day().isoformat())
            page.goto(base + "/apply/form/")
            page.wait_for_function("window.townsForm !== undefined")
            page.evaluate("window.townsForm.whenReady()")
            page.add_style_tag(content=".md-header { position: relative !important; }")
            _shoot(page, ".towns-apply-notice + .towns-apply-toolbar", "web-toolbar.png")
            _shoot(page, ".towns-apply-header", "web-header.png")
            page.evaluate(
                "async t => { window.townsForm.load(t); await window.townsForm.whenReady(); }",
                _sample_without("planned_area_mu"),
            )
            _shoot(page, ".towns-apply-summary", "web-summary.png")
            _shoot(page, '[data-schemapath="root.spatial_layout"]', "web-field.png")
            _shoot(page, ".towns-apply-report", "web-report.png", max_height=420)
            _shoot(page, ".towns-apply-handin", "web-download.png")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
