"""The declaration form page's weight and how soon it takes input on a throttled phone profile.

Part of `scripts/bench.py` (stage ``form``). The repository's own site is built with the real
`mkdocs build`, served on 127.0.0.1 compressed as a static host would (`local_site`), and opened
in headless Chromium with Chrome DevTools Protocol throttling: the CPU slowed 4× and, in the
network runs, Lighthouse's mobile network (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up).
Measured from the start of navigation: the page takes a first choice (the city), the editor
takes a typed character, and the page's own marks (form data parsed, editor built, first check
done). Cold runs start with an empty cache; warm runs are the second visit.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from local_site import CHROMIUM, CHROMIUM_ARGS, ROOT, build, served

FORM = "/apply/form/"
PHONE = {"cpu": 4, "latency": 150, "download": 1_600_000 / 8, "upload": 750_000 / 8}
FIELD = '[name="root[name]"]'
FIRST = "#towns-apply-city"  # the first choice a person makes; the page builds it before the editor


def _throttle(page: Any, network: bool) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu"]})
    if network:
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": PHONE["latency"],
                "downloadThroughput": PHONE["download"],
                "uploadThroughput": PHONE["upload"],
            },
        )


def _first_input(page: Any, url: str) -> dict[str, float]:
    """Seconds from navigation until the page takes a choice, and a typed character in the editor.

    Besides the wall-clock times (which include the test driver's round trips), the page's own
    marks: the form data parsed, the editor built, the validator compiled.
    """
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.select_option(FIRST, value="广州市", timeout=60_000)
    first = time.perf_counter() - started
    page.locator(FIELD).press_sequentially("云", timeout=60_000)
    typed = time.perf_counter() - started
    page.evaluate("window.townsForm.whenReady()")
    marks = page.evaluate(
        "names => Object.fromEntries(names.map(n =>"
        " [n, performance.getEntriesByName(n)[0]?.startTime ?? null]))",
        [f"towns-form-{name}" for name in ("data", "interactive", "editor", "checker")],
    )
    if not page.locator(FIELD).input_value().endswith("云"):
        raise RuntimeError("the form did not take the typed character")
    out = {"first_choice": first, "typed": typed}
    out.update({name.removeprefix("towns-form-"): (ms or 0) / 1000 for name, ms in marks.items()})
    return out


def _weights(page: Any) -> dict[str, dict[str, int]]:
    """Bytes the page loaded, decoded and as transferred, for the form's own files and the rest."""
    entries = page.evaluate(
        "() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]"
        ".map(e => ({name: e.name, decoded: e.decodedBodySize, encoded: e.encodedBodySize}))"
    )
    out: dict[str, dict[str, int]] = {}
    for entry in entries:
        group = "form" if "/apply/form/" in entry["name"] and not entry["name"].endswith("/") else "site"
        if entry["name"].endswith(FORM):
            group = "page"
        bucket = out.setdefault(group, {"decoded": 0, "encoded": 0, "files": 0})
        bucket["decoded"] += int(entry["decoded"])
        bucket["encoded"] += int(entry["encoded"])
        bucket["files"] += 1
    return out


def bench_form(repeat: int = 3) -> dict[str, Any]:
    """Weight and first-input times of the form page (cold and warm, phone profile and CPU only)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only for this stage

    assets = ROOT / "scripts" / "towns" / "site" / "assets"
    result: dict[str, Any] = {
        "assets": {p.name: p.stat().st_size for p in sorted(assets.glob("*")) if p.is_file()},
        "assets_gzip": {
            p.name: len(gzip.compress(p.read_bytes(), 6)) for p in sorted(assets.glob("*")) if p.is_file()
        },
        "profile": PHONE,
    }
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        result["form_data_bytes"] = (site / "apply" / "form" / "form-data.json").stat().st_size
        with served(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for network in (True, False):
                runs: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
                for _ in range(repeat):
                    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                    page = context.new_page()
                    _throttle(page, network)
                    runs["cold"].append(_first_input(page, base + FORM))
                    if network:
                        result["weights"] = _weights(page)
                    runs["warm"].append(_first_input(page, base + FORM))
                    context.close()
                result["network" if network else "cpu_only"] = {
                    k: {m: min(r[m] for r in v) for m in v[0]} for k, v in runs.items()
                }
            browser.close()
    return result


def main() -> int:
    import json  # noqa: PLC0415

    print(json.dumps(bench_form(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
