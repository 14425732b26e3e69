"""The code catalog: every code used by the package is defined, every entry is complete Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from towns.catalog import catalog

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "towns"
CODE_IN_SOURCE = re.compile(r"""["']([EW]-[A-Z]+-\d{3})["']""")


def used_codes() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        found |= set(CODE_IN_SOURCE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_code_used_in_the_package_is_in_the_catalog() -> None:
    missing = used_codes() - set(catalog())
    assert not missing, f"codes used but not defined in scripts/towns/catalog/: {sorted(missing)}"


def test_every_entry_is_complete_and_chinese() -> None:
    for code, entry in catalog().items():
        assert entry.title and not entry.title.isascii(), code
        assert entry.message and not entry.message.isascii(), code
        assert entry.explanation, f"{code} needs an explanation for the site's catalog page"
        assert entry.hint is None or not entry.hint.isascii(), code
