"""Build small but real registries in temporary folders for tests.

A registry is a copy of the shipped `program.yaml` plus town folders made from the fixtures in
`tests/fixtures/` (or given text). Tests call the library on them exactly as the CLI does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_TOWN = FIXTURES / "base-industry"
BASE_CITY = "guangzhou"
BASE_ID = "tianhe-yunfan"


def make_registry(root: Path, *, with_base_town: bool = True, program_text: str | None = None) -> Path:
    """A registry at ``root`` with the shipped program data and, by default, the base town."""
    root.mkdir(parents=True, exist_ok=True)
    if program_text is None:
        shutil.copy(REPO / "program.yaml", root / "program.yaml")
    else:
        (root / "program.yaml").write_text(program_text, encoding="utf-8")
    if with_base_town:
        add_town(root, BASE_CITY, BASE_ID)
    return root


def add_town(root: Path, city: str, town_id: str, source: Path = BASE_TOWN) -> Path:
    """Copy a fixture town into `submissions/<city>/<town_id>/`."""
    folder = root / "submissions" / city / town_id
    shutil.copytree(source, folder)
    return folder


def base_declaration_text() -> str:
    return (BASE_TOWN / "declaration.yaml").read_text(encoding="utf-8")
