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
import sys
import tempfile
from pathlib import Path
from typing import Any

from local_site import CHROMIUM, CHROMIUM_ARGS, PIN_DATE, ROOT, build, served

OUT = ROOT / "docs" / "guide" / "img"
SAMPLE = ROOT / "submissions" / "guangzhou" / "huangpu-yungu" / "declaration.yaml"


def _open_day() -> dt.date:
    from towns.program import load_program_file  # noqa: PLC0415 - only after the venv is in use

    program = load_program_file(ROOT / "program.yaml")
    today = dt.date.today()
    open_now = [b for b in program.batches if b.accepts(today)]
    return today if open_now else max(program.batches, key=lambda b: b.opens).opens


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
        build(site)
        with served(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
