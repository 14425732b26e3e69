"""The per-town stage gives the same result on one process or several.

Each check runs in a fresh interpreter: forking is refused while a process runs other threads,
and the test runner's process may hold some (servers of other tests).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from towns.parallel import MIN_TOWNS_PER_WORKER
from towns.synth import generate

TODAY = dt.date(2026, 11, 30)

PROBE = """
import datetime as dt, sys, threading
from pathlib import Path
from towns.check import run_check
from towns.parallel import worker_count
from towns.report.jsonreport import render_json
root, workers, towns = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
planned = worker_count(towns, workers)
stop = threading.Event()
helper = threading.Thread(target=stop.wait)
helper.start()
with_thread = worker_count(towns, workers)
stop.set()
helper.join()
report = render_json(run_check(root, today=dt.date(2026, 11, 30), workers=workers))
print(planned, with_thread)
sys.stdout.write(report)
"""


def _probe(root: Path, workers: int, towns: int) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(root), str(workers), str(towns)],
        capture_output=True,
        text=True,
        check=True,
    )
    head, _, report = done.stdout.partition("\n")
    return head, report


def test_two_workers_give_byte_identical_reports(tmp_path: Path) -> None:
    towns = 2 * MIN_TOWNS_PER_WORKER + 10
    root = generate(tmp_path / "registry", towns, seed=11, as_of=TODAY)
    decl = next(root.glob("submissions/*/*/declaration.yaml"))
    text = decl.read_text(encoding="utf-8")
    decl.write_text(text.replace("schema_version: 1", "schema_version: 1\nextra: 1"), encoding="utf-8")

    serial_plan, serial = _probe(root, 1, towns)
    parallel_plan, parallel = _probe(root, 2, towns)

    assert serial_plan == "1 1"
    assert parallel_plan == "2 1", "two workers when single-threaded, none while another thread runs"
    assert parallel == serial
    assert '"code":"E-SCHEMA-002"' in parallel
    assert parallel.count('"eligible":true') >= towns - 1


def test_small_registries_stay_in_process(tmp_path: Path) -> None:
    towns = MIN_TOWNS_PER_WORKER - 1
    root = generate(tmp_path / "registry", 5, seed=3, as_of=TODAY)
    plan, _ = _probe(root, 8, towns)
    assert plan == "1 1"
