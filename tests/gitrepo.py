"""A real git repository in a temporary folder, for tests of change detection and duties."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_ENV = {
    "GIT_AUTHOR_NAME": "测试者",
    "GIT_AUTHOR_EMAIL": "tester@example.invalid",
    "GIT_COMMITTER_NAME": "测试者",
    "GIT_COMMITTER_EMAIL": "tester@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


class GitRepo:
    """A throw-away repository with just enough verbs to build a base and a PR branch."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {**os.environ, **_ENV}
        proc = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, check=True, env=env)
        return proc.stdout.decode("utf-8")

    def write(self, rel: str, text: str = "内容\n") -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str = "改动") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


def clone(source: Path | str, dest: Path, *, bare: bool = False) -> Path:
    """`git clone` with the test identity and no user configuration; returns ``dest``."""
    env = {**os.environ, **_ENV}
    cmd = ["git", "clone", "-q", *(["--bare"] if bare else []), str(source), str(dest)]
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    return dest


def existing(root: Path) -> GitRepo:
    """A `GitRepo` for a repository that already exists (a clone)."""
    repo = GitRepo.__new__(GitRepo)
    repo.root = root
    return repo
