"""The real MkDocs build: the shipped repository builds strictly, and `mkdocs serve` follows the data."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from site_registry import MKDOCS_ENV, NAMES, build_registry, mkdocs_build

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def test_repository_builds_strictly(tmp_path: Path) -> None:
    out = tmp_path / "site"
    log = mkdocs_build(REPO, out)
    for path in (
        "index.html",
        "api/v1/towns.json",
        "api/v1/towns.csv",
        "feed.xml",
        "apply/codes/index.html",
        "schema/declaration.schema.json",
        "apply/templates/industry.yaml",
    ):
        assert (out / path).is_file(), path
    assert "WARNING" not in log


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str, needle: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                if needle in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_shows_a_changed_submission(tmp_path: Path) -> None:
    root = build_registry(tmp_path / "registry")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "custom_dir: scripts/towns/site/theme", f"custom_dir: {REPO / 'scripts/towns/site/theme'}"
    )
    text = text.replace(
        "- scripts/towns/site/mkdocs_hook.py", f"- {REPO / 'scripts/towns/site/mkdocs_hook.py'}"
    )
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=MKDOCS_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/towns/guangzhou/beta/"
        assert _fetch(url, NAMES["beta"], time.monotonic() + 60)
        declaration = root / "submissions/guangzhou/beta/declaration.yaml"
        changed = "榕溪数创新小镇（虚构）"
        declaration.write_text(
            declaration.read_text(encoding="utf-8").replace(NAMES["beta"], changed), encoding="utf-8"
        )
        assert _fetch(url, changed, time.monotonic() + 60)
    finally:
        server.terminate()
        server.wait(timeout=30)
