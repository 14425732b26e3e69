"""What a pull request changed: the files between a base ref and HEAD, from real `git`.

The pull-request check and `towns check --changed-since REF` look only at what a branch changed
since it left the base branch, exactly like GitHub's "Files changed" tab: the diff runs from the
merge base of REF and HEAD (three-dot semantics), so commits that landed on the base branch
afterwards are not blamed on the pull request. Names travel NUL-separated (`-z`), so spaces,
quotes, newlines and Chinese characters in file names arrive intact.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

GIT_TIMEOUT_SECONDS = 120


class ChangeKind(StrEnum):
    """The kinds `git diff --name-status` reports that matter to a registry."""

    ADDED = "A"
    MODIFIED = "M"
    DELETED = "D"
    RENAMED = "R"
    COPIED = "C"
    TYPE_CHANGED = "T"


@dataclass(frozen=True, slots=True)
class Change:
    """One changed file; ``old_path`` is set for renames and copies only."""

    kind: ChangeKind
    path: str
    old_path: str | None = None

    @property
    def exists_after(self) -> bool:
        return self.kind is not ChangeKind.DELETED

    def touched(self) -> tuple[str, ...]:
        """Every path this change writes to or removes: a rename touches its source too."""
        if self.kind is ChangeKind.RENAMED and self.old_path is not None:
            return (self.old_path, self.path)
        return (self.path,)


class ChangesError(Exception):
    """Git could not tell what changed (not a repository, unknown ref, no common history).

    The message is Chinese and meant for the person running the command; the CLI maps this to a
    usage error (exit 2).
    """


GitError = ChangesError  # the name `towns check --changed-since` catches


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    cmd = ["git", "-c", "core.quotepath=false", "-C", str(repo), *args]
    try:
        return subprocess.run(cmd, capture_output=True, check=False, timeout=GIT_TIMEOUT_SECONDS)
    except FileNotFoundError:
        raise ChangesError("找不到 git 命令：请先安装 Git") from None
    except subprocess.TimeoutExpired:
        raise ChangesError("git 命令超时未完成") from None


def _stdout(repo: Path, *args: str) -> bytes:
    """Run git and return its output; any failure becomes a ChangesError with git's own words."""
    proc = _git(repo, *args)
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()
        raise ChangesError(f"git {' '.join(args[:2])} 失败：{detail}")
    return proc.stdout


def repo_root(path: Path) -> Path:
    """The top folder of the git work tree containing ``path``."""
    proc = _git(path, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
        raise ChangesError(f"{path} 不是 Git 仓库（或其子文件夹），无法比较改动")
    return Path(proc.stdout.decode("utf-8").strip())


def merge_base(repo: Path, ref: str, head: str = "HEAD") -> str:
    """The commit where ``head`` left ``ref``; raise with a Chinese explanation when there is none."""
    if ref.startswith("-") or not ref.strip():
        raise ChangesError(f"无效的比较基准“{ref}”")
    if head.startswith("-") or not head.strip():
        raise ChangesError(f"无效的提交“{head}”")
    if _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise ChangesError(
            f"找不到比较基准“{ref}”：请确认分支或提交存在；"
            "在 GitHub Actions 中请为 actions/checkout 设置 fetch-depth: 0"
        )
    proc = _git(repo, "merge-base", ref, head)
    if proc.returncode != 0:
        raise ChangesError(
            f"“{ref}”与当前提交没有共同的历史：仓库可能是浅克隆（请设置 fetch-depth: 0）或分支无关"
        )
    return proc.stdout.decode("ascii").strip()


def file_at(repo: Path, ref: str, rel: str, max_bytes: int, head: str = "HEAD") -> bytes | None:
    """A file's content in the merge base of ``ref`` and ``head``; None when absent or too large.

    Used to judge a pull request by the base branch's own program data, never by the copy the pull
    request may have changed, and to compare a published record with what the pull request made of it.
    """
    return blob_at(repo, merge_base(repo, ref, head), rel, max_bytes)


def blob_at(repo: Path, commit: str, rel: str, max_bytes: int) -> bytes | None:
    """A file's content in ``commit``; None when absent or larger than ``max_bytes`` (never read)."""
    spec = f"{commit}:{rel}"
    size = _git(repo, "cat-file", "-s", spec)
    if size.returncode != 0 or int(size.stdout.strip() or 0) > max_bytes:
        return None
    return _stdout(repo, "cat-file", "blob", spec)


@dataclass(frozen=True, slots=True)
class TreeFile:
    """One entry of a commit's tree: a regular file, a symbolic link (mode 120000) or a submodule."""

    path: str
    mode: str
    sha: str
    size: int | None  # None for what is not a blob

    @property
    def regular(self) -> bool:
        return self.mode in ("100644", "100755")


def tree_files(repo: Path, commit: str, roots: Sequence[str]) -> dict[str, TreeFile]:
    """Every entry under ``roots`` in ``commit``, by path: one `git ls-tree`, nothing read yet."""
    raw = _stdout(repo, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *roots)
    out: dict[str, TreeFile] = {}
    for entry in raw.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, _kind, sha, size = meta.split(maxsplit=3)
        out[path] = TreeFile(path, mode, sha, int(size) if size.strip().isdigit() else None)
    return out


def read_blobs(repo: Path, shas: Iterable[str]) -> dict[str, bytes]:
    """The contents of the given blobs, by sha, through one `git cat-file --batch`.

    Callers ask only for blobs whose size they have checked (`TreeFile.size`): nothing here bounds
    what is read.
    """
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    cmd = ["git", "-C", str(repo), "cat-file", "--batch"]
    try:
        proc = subprocess.run(
            cmd,
            input="\n".join(wanted).encode() + b"\n",
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
        )
    except (FileNotFoundError, subprocess.TimeoutExpired):
        raise ChangesError("git cat-file 无法完成") from None
    return _parse_batch(proc.stdout)


def _parse_batch(raw: bytes) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    at = 0
    while at < len(raw):
        end = raw.index(b"\n", at)
        header = raw[at:end].decode("ascii", "replace").split()
        at = end + 1
        if len(header) != 3:  # "<sha> missing"
            continue
        size = int(header[2])
        out[header[0]] = raw[at : at + size]
        at += size + 1
    return out


def parse_name_status(raw: bytes) -> list[Change]:
    """Parse `git diff --name-status -z` output: status NUL path [NUL new-path] NUL ..."""
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    changes: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        kind = ChangeKind(status[0]) if status[0] in "AMDRCT" else ChangeKind.MODIFIED
        if kind in (ChangeKind.RENAMED, ChangeKind.COPIED):
            changes.append(Change(kind, fields[i + 2], old_path=fields[i + 1]))
            i += 3
        else:
            changes.append(Change(kind, fields[i + 1]))
            i += 2
    return changes


def _untracked(repo: Path) -> list[Change]:
    raw = _stdout(repo, "ls-files", "--others", "--exclude-standard", "-z")
    return [Change(ChangeKind.ADDED, p) for p in raw.decode("utf-8", "surrogateescape").split("\0") if p]


def changed_files(
    repo: Path, ref: str, *, include_worktree: bool = False, head: str = "HEAD"
) -> list[Change]:
    """Files changed on ``head``'s branch since it left ``ref``, sorted by path.

    ``head`` need not be checked out: the trusted run diffs a pull request's fetched commit. With
    ``include_worktree`` the comparison runs against the working tree instead of ``head``, and
    untracked (not ignored) files count as added: what a pre-commit hook or a local run needs.
    """
    root = repo_root(repo)
    base = merge_base(root, ref, head)
    diff = ["diff", "--name-status", "-z", "--find-renames", "--no-ext-diff", "--no-color"]
    target = [base] if include_worktree else [base, head]
    changes = parse_name_status(_stdout(root, *diff, *target, "--"))
    if include_worktree:
        known = {c.path for c in changes}
        changes += [c for c in _untracked(root) if c.path not in known]
    return sorted(changes, key=lambda c: (c.path, c.old_path or ""))
