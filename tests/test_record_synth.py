"""`towns record …` on a synthetic registry of 1,000 towns (`towns synth`).

Two days are replayed, each in its own copy of the registry: on the synthetic registry's last day
the province writes the 2018 batch review, the 2019 evaluation and a naming (their real files
removed first); on 2018-08-01 a city writes a recommendation and an acceptance application. Each
file follows its schema, the checker lists only its blanks, and filled in, the files pass.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from record_filling import assert_follows_schema, blank_lines, fill_blanks
from towns import record
from towns.check import run_check
from towns.lifecycle import records_from_files
from towns.program import load_program_file
from towns.record import RecordError, RegistryState
from towns.synth import generate
from towns.synth.plan import plan_towns

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 30)
EARLY = dt.date(2018, 8, 1)
TOWNS = 1000
SEED = 5

pytestmark = pytest.mark.slow

Writer = Callable[[RegistryState], tuple[str, list[str]]]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = generate(tmp_path_factory.mktemp("synth") / "reg", TOWNS, seed=SEED, as_of=AS_OF)
    shutil.copytree(REPO / "schema", root / "schema")
    return root


def _copy(synthetic: Path, tmp_path: Path, removed: list[str]) -> Path:
    root = tmp_path / "reg"
    shutil.copytree(synthetic, root)
    for rel in removed:
        (root / rel).unlink()
    return root


def _write_all(root: Path, today: dt.date, writers: list[Writer]) -> list[str]:
    """Run the commands one after another, each on the registry as the ones before left it."""
    written = []
    for writer in writers:
        rel, lines = writer(record.load_state(root, today))
        record.write_new(root, rel, lines)
        written.append(rel)
    return written


def _blanks_then_clean(root: Path, written: list[str], today: dt.date) -> None:
    """Blanks only while fresh (the records stage, which reports them), then a clean full check.

    The full check of a fresh file is the demonstration data's test (`test_record_commands`); here
    one full check of 1,000 towns, after filling, is enough.
    """
    program = load_program_file(root / "program.yaml")
    for rel in written:
        assert_follows_schema(root, rel, REPO)
    fresh = records_from_files(root, program, written).findings
    assert {f.code for f in fresh} == {"E-FILL-001"}
    for rel in written:
        assert sorted(f.line for f in fresh if f.file == rel) == blank_lines(root / rel)
        fill_blanks(root / rel)
    filled = run_check(root, paths=written, today=today)
    assert [(f.file, f.line, f.code, f.message) for f in filled.findings] == []


def test_the_province_writes_its_decisions(synthetic: Path, tmp_path: Path) -> None:
    # The 2019 evaluation, before the 2020 naming it would otherwise have to anticipate: rewritten
    # while the naming is still a draft, a later year would grade the towns that naming names.
    removed = [
        "decisions/batches/2018.yaml",
        "decisions/evaluations/2019.yaml",
        "decisions/namings/2020.yaml",
    ]
    root = _copy(synthetic, tmp_path, removed)
    recommended = sorted(p.stem for p in root.glob("records/*/recommendations/2018/*.yaml"))
    applied = sorted(p.stem for p in root.glob("records/*/acceptance-applications/2020/*.yaml"))
    writers: list[Writer] = [
        lambda s: record.batch_review(s, 2018),
        lambda s: record.evaluation(s, 2019),
        lambda s: record.naming(s, "2020"),
    ]
    written = _write_all(root, AS_OF, writers)
    assert written == removed
    batch = yaml.safe_load((root / written[0]).read_text(encoding="utf-8"))
    placed = [t for key in ("creation_list", "cultivation_list", "not_selected") for t in batch[key]]
    assert sorted(placed) == recommended and len(placed) > 100  # a sixth of the towns: six batches
    naming = yaml.safe_load((root / written[2]).read_text(encoding="utf-8"))
    assert sorted(naming["towns"]) == applied and applied
    _blanks_then_clean(root, written, AS_OF)
    with pytest.raises(RecordError, match="已存在"):
        _write_all(root, AS_OF, writers[:1])


def test_the_cities_write_their_records(synthetic: Path, tmp_path: Path) -> None:
    program = yaml.safe_load((synthetic / "program.yaml").read_text(encoding="utf-8"))
    plans = plan_towns(program, TOWNS, SEED, AS_OF)
    declared = next(p for p in plans if p.batch["year"] == 2018 and p.filed <= EARLY)
    batch_2017 = yaml.safe_load((synthetic / "decisions/batches/2017.yaml").read_text(encoding="utf-8"))
    creating = batch_2017["creation_list"][0]
    city = next(p.city_slug for p in plans if p.id == creating)
    removed = f"records/{declared.city_slug}/recommendations/2018/{declared.id}.yaml"
    root = _copy(synthetic, tmp_path, [removed])
    writers: list[Writer] = [
        lambda s: record.recommendation(s, declared.id),
        lambda s: record.acceptance_application(s, creating),
    ]
    written = _write_all(root, EARLY, writers)
    assert written == [removed, f"records/{city}/acceptance-applications/2018/{creating}.yaml"]
    _blanks_then_clean(root, written, EARLY)
