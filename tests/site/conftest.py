"""Shared fixtures of the site tests: a small real registry with a lifecycle and a hostile town,
and the one headless Chromium every browser test uses (Playwright's sync API allows one instance
at a time, so two modules may not each start their own)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # registry_builder, lifecycle_builder
sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from site_registry import CHROMIUM, CHROMIUM_ARGS, need_chromium  # noqa: PLC0415 - after sys.path

    need_chromium()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when a browser exists

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
