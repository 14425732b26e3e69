"""Golden files: rendered text pinned byte for byte, for every test that compares with one.

After a deliberate change of the output, run the tests with ``UPDATE_GOLDEN=1`` to rewrite the
files, then review the diff before committing it. Files are compared as bytes (decoded as UTF-8),
so line endings count too (the CSV export ends its lines with CR LF).
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def assert_golden(path: Path, actual: str) -> None:
    """``actual`` must equal the golden file at ``path`` (rewritten first under UPDATE_GOLDEN=1)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"missing golden file {path}: run the test with UPDATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{path.name} differs from its golden file; if intended: UPDATE_GOLDEN=1"
