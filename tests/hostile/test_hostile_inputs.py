"""Every hostile input gives its finding, through the real command, without a traceback or a write.

The command runs in-process through `towns.cli.main`, exactly as the console script does, once per
report format: exit code 0 or 1 (never 2 or 3), no traceback on stderr, the expected code in the JSON
report, every finding located (line and column ≥ 1), a GitHub annotation per line, and the
registry's files byte-for-byte unchanged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hostile_cases import CASES, Case
from hostile_support import TODAY, fingerprint

from message_language import assert_readable
from towns.cli import main

FORMATS = ("json", "text", "github", "markdown")
TEXT_CODES = {"E-TEXT-001", "W-TEXT-002", "E-TEXT-003", "W-TEXT-004", "E-TEXT-005"}


def _run(root: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", fmt])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_case_ids_are_unique_and_enough() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len([c for c in CASES if c.code]) >= 60


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_hostile_input(
    case: Case, base_registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "registry"
    shutil.copytree(base_registry, root, symlinks=True)
    case.mutate(root)
    before = fingerprint(root)
    outputs: dict[str, str] = {}
    for fmt in FORMATS:
        exit_code, out, err = _run(root, fmt, capsys)
        assert exit_code in (0, 1), f"{fmt}: exit {exit_code}: {err}"
        assert "Traceback" not in err and "内部错误" not in err, err
        outputs[fmt] = out
    assert fingerprint(root) == before, "the check modified the registry"
    report = json.loads(outputs["json"])
    codes = {f["code"] for f in report["findings"]}
    assert all(f["line"] >= 1 and f["column"] >= 1 and f["file"] for f in report["findings"])
    assert_readable(report["findings"])
    assert all(line.startswith("::") for line in outputs["github"].splitlines() if line), outputs["github"]
    if case.code is None:
        assert report["summary"]["errors"] == 0, report["findings"]
        assert not codes & TEXT_CODES, codes
    else:
        assert case.code in codes, sorted(codes)
