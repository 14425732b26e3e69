"""Deterministic synthetic registries for benchmarks and tests.

`generate(output, towns=N, seed=S)` writes a complete repository: `program.yaml` (copied), N towns
of both types spread over every city of the program, each with a declaration that passes
`towns check` and meets the eligibility thresholds with a margin, a report following the official
outline of its type and small but real attachments (PDF and PNG bytes) (`declarations`). Unless
``records=False``, the authorities' records follow (`records`): recommendations, batch reviews,
three years of annual reports and evaluations, acceptance applications and namings.

The same (N, seed, as_of) always produces the same bytes. Every datum is fictional (names carry
"（虚构）"); names and codes are unique across the registry and never look like personal data.

A yearly evaluation lists every town on a list; records are bounded by
`files.record_max_list_items`, not by the declarations' smaller list limit.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from towns.program import PROGRAM_FILE
from towns.synth.declarations import write_town
from towns.synth.plan import plan_towns, stream
from towns.synth.records import write_records


def default_program_file() -> Path:
    """The repository's own `program.yaml` (this package lives in `scripts/towns/synth/`)."""
    return Path(__file__).resolve().parents[3] / PROGRAM_FILE


def generate(
    output: Path,
    towns: int,
    seed: int = 0,
    *,
    program_file: Path | None = None,
    records: bool = True,
    as_of: dt.date | None = None,
) -> Path:
    """Write a synthetic registry of ``towns`` towns into ``output`` and return its root.

    ``output`` must be empty or absent. ``records=False`` leaves out the authorities' records;
    ``as_of`` (default: today) is the day up to which records exist, so the same arguments and
    ``as_of`` always give the same bytes.
    """
    if towns < 0:
        raise ValueError("towns must not be negative")
    output.mkdir(parents=True, exist_ok=True)
    if any(output.iterdir()):
        raise FileExistsError(f"{output} is not empty")
    source = program_file or default_program_file()
    shutil.copyfile(source, output / PROGRAM_FILE)
    program = yaml.safe_load(source.read_text(encoding="utf-8"))
    plans = plan_towns(program, towns, seed)
    for plan in plans:
        write_town(output, plan, program, stream(seed, "town", plan.index))
    if records:
        write_records(output, plans, program, stream(seed, "records"), as_of or dt.date.today())
    return output
