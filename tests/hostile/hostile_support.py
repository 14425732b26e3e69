"""Helpers shared by the hostile-input tests (a module of its own: `conftest` names are not unique)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path

TODAY = dt.date(2026, 11, 30)


def fingerprint(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (links not followed, FIFOs never opened) with what it holds."""
    out: dict[str, str] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                out[rel] = "link:" + str(path.readlink())
            elif stat.S_ISREG(info.st_mode):
                out[rel] = f"file:{info.st_size}:{info.st_mtime_ns}:{_digest(path, info.st_size)}"
            else:
                out[rel] = f"mode:{stat.S_IFMT(info.st_mode)}"
    return out


def _digest(path: Path, size: int) -> str:
    with path.open("rb") as handle:
        head = handle.read(min(size, 1 << 20))
    return hashlib.sha256(head).hexdigest()
