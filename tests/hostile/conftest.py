"""Shared set-up of the hostile-input suite: the import path and a small valid registry."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # gitrepo
sys.path.insert(0, str(Path(__file__).resolve().parent))  # hostile_cases, hostile_support

from hostile_support import TODAY

from towns.synth import generate


@pytest.fixture(scope="session")
def base_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two valid towns (industry in Guangzhou, application in Shenzhen), no authority records."""
    return generate(
        tmp_path_factory.mktemp("hostile-base") / "registry", 2, seed=11, records=False, as_of=TODAY
    )
