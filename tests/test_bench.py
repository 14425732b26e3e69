"""Smoke test of the benchmark command: a tiny run writes its results page.

The real benchmark (thousands of towns) is run by hand with `scripts/bench.py` and its results are
committed in `docs/dev/benchmarks.md`; it never runs in the test suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_smoke(tmp_path: Path) -> None:
    output = tmp_path / "benchmarks.md"
    cmd = [
        sys.executable,
        str(ROOT / "scripts" / "bench.py"),
        "--repeat",
        "1",
        "--workdir",
        str(tmp_path / "work"),
        "--output",
        str(output),
        "--check-sizes",
        "20",
        "--pr-size",
        "20",
        "--skip",
        "site",
        "--skip",
        "form",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    page = output.read_text(encoding="utf-8")
    assert (
        "## Machine" in page
        and "`towns check` of the whole registry" in page
        and "Pull-request check" in page
    )
    results = json.loads((tmp_path / "work" / "results.json").read_text(encoding="utf-8"))
    assert results["check"][0]["summary"]["errors"] == 0
    assert results["pr"]["run"]["exit_codes"] == [0]


def test_each_section_says_when_it_was_measured() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_report import render  # noqa: PLC0415 - a script module, found on the path above

    base = {"machine": {"CPU": "x"}, "date": "2026-12-01", "repeat": 1, "load": [0.0, 0.0, 0.0]}
    run = {"seconds": 1.0, "cpu_seconds": 1.0, "peak_mb": 50.0}
    stamp = {"date": "2026-11-20T10:00", "load": [1.5, 1.0, 0.5]}
    page = render({**base, "pr": {"towns": 5, "run": run}, "measured": {"pr": stamp}})
    section = page.split("## Pull-request check", 1)[1]
    expected = "Measured 2026-11-20T10:00 (UTC), load average at start 1.50, 1.00, 0.50."
    assert section.lstrip().startswith(expected)
    assert "| 5 | 1.00 s (1.00 s CPU) | 50 MB | met |" in section
