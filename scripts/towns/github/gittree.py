"""A pull request's data files, copied out of git objects into a folder, without a checkout.

A checkout would apply the pull request's own `.gitattributes` (filters, line endings, LFS), follow
nothing but could create anything anywhere the tree says. Here every entry is read as what git
stores, and written into a fresh folder by rules of our own:

- a regular file (mode 100644 or 100755) becomes a file of the same bytes and executable bit, read
  with `git cat-file --batch` after its size is known from `git ls-tree -l`. A file larger than
  anything the checker ever reads, or one the caller marks as not needed (``placeholder``), becomes a
  sparse file of the same size: the checker judges such files by their size alone;
- a symbolic link stays a symbolic link, so the checker reports it, but points nowhere
  (`DEAD_LINK`): whatever a bug might follow, it cannot reach the runner's files;
- a submodule (gitlink) becomes an empty folder, as in a checkout that does not fetch submodules;
- a path with an empty, ``.``, ``..`` or ``.git`` part, one the file system refuses, or one whose
  parent is not a real folder is not written, and becomes a finding (`E-PR-002`).

Before anything is read, the number of entries and the bytes to read are bounded (`E-PR-001`).
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from towns.catalog import finding
from towns.findings import Finding

GIT_TIMEOUT_SECONDS = 300
DEAD_LINK = "/dev/null/towns-untrusted-link"  # /dev/null is not a folder: this can never resolve
_CHUNK = 1 << 20
_FILE_MODES = {"100644": 0o644, "100664": 0o644, "100755": 0o755}
_LINK, _GITLINK = "120000", "160000"
_SHA1_HEX = 40  # `towns.copies` hashes as SHA-1 blobs; a SHA-256 repository's ids are not comparable


class TreeError(Exception):
    """git could not list or read the commit; the message is Chinese."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One non-tree entry of `git ls-tree -r -l`: mode, object id, size (None for gitlinks), path."""

    mode: str
    oid: str
    size: int | None
    path: str  # decoded with surrogateescape: any byte sequence survives the round trip


@dataclass(frozen=True, slots=True)
class Limits:
    max_entries: int
    max_read_bytes: int
    max_file_bytes: int  # larger files are never read by the checker: sparse placeholders


def _git(repo: Path, *args: str) -> list[str]:
    return ["git", "-c", "core.quotepath=false", "-C", str(repo), *args]


def list_tree(repo: Path, commit: str, roots: Sequence[str], max_entries: int) -> list[Entry] | None:
    """Every file, link and gitlink under ``roots`` in ``commit``; None when there are too many."""
    cmd = _git(repo, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", *roots)
    try:
        proc = subprocess.run(cmd, capture_output=True, check=False, timeout=GIT_TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TreeError(f"无法列出提交 {commit[:12]} 的文件：{type(exc).__name__}") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()[:300]
        raise TreeError(f"无法列出提交 {commit[:12]} 的文件：{detail}")
    records = [r for r in proc.stdout.split(b"\0") if r]
    if len(records) > max_entries:
        return None
    return [_entry(r) for r in records]


def _entry(record: bytes) -> Entry:
    meta, _, raw_path = record.partition(b"\t")
    mode, _kind, oid, size = meta.decode("ascii").split(maxsplit=3)
    path = raw_path.decode("utf-8", "surrogateescape")
    return Entry(mode, oid, None if size.strip() == "-" else int(size), path)


class BlobReader:
    """One `git cat-file --batch` process: blobs are requested one at a time and streamed to files."""

    def __init__(self, repo: Path) -> None:
        self._proc = subprocess.Popen(
            _git(repo, "cat-file", "--batch"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        assert self._proc.stdin is not None  # noqa: S101 - created with pipes
        self._proc.stdin.close()
        try:
            self._proc.wait(timeout=GIT_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def copy(self, oid: str, size: int, dest: Path) -> None:
        """Write blob ``oid`` (of the ``size`` ls-tree announced) to a new file ``dest``.

        The file is created before the blob is asked for, so a name the file system refuses never
        leaves an unread answer in the pipe.
        """
        with dest.open("xb") as handle:
            self._stream(oid, size, handle)

    def _stream(self, oid: str, size: int, handle: BinaryIO) -> None:
        stdin, stdout = self._proc.stdin, self._proc.stdout
        assert stdin is not None and stdout is not None  # noqa: S101 - created with pipes
        stdin.write(oid.encode("ascii") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob" or int(header[2]) != size:
            raise TreeError(f"读取对象 {oid[:12]} 失败：{b' '.join(header).decode('ascii', 'replace')}")
        remaining = size
        while remaining:
            chunk = stdout.read(min(remaining, _CHUNK))
            if not chunk:
                raise TreeError(f"读取对象 {oid[:12]} 时 git 提前结束")
            handle.write(chunk)
            remaining -= len(chunk)
        stdout.read(1)  # the newline after each object


def unsafe_part(path: str) -> str | None:
    """The part of a tree path that must not be written below a folder, if any."""
    for part in path.split("/"):
        if part in {"", ".", ".."} or part.lower() == ".git":
            return part or "（空）"
    return None


@dataclass
class Plan:
    """What to write: entries to read in full, entries to stand in for by their size, problems."""

    read: list[Entry]
    sized: list[Entry]
    others: list[Entry]

    @property
    def read_bytes(self) -> int:
        return sum(e.size or 0 for e in self.read)


def plan(entries: list[Entry], limits: Limits, placeholder: Callable[[str], bool]) -> Plan:
    read: list[Entry] = []
    sized: list[Entry] = []
    others: list[Entry] = []
    for e in entries:
        if e.mode not in _FILE_MODES:
            others.append(e)
        elif (e.size or 0) > limits.max_file_bytes or placeholder(e.path):
            sized.append(e)
        else:
            read.append(e)
    return Plan(read, sized, others)


def materialise(
    repo: Path,
    commit: str,
    dest: Path,
    *,
    roots: Sequence[str],
    limits: Limits,
    placeholder: Callable[[str], bool] = lambda path: False,
    stand_ins: dict[str, str] | None = None,
) -> list[Finding]:
    """Write the entries under ``roots`` of ``commit`` into ``dest`` (see the module docstring).

    ``stand_ins``, when given, receives the git blob id of each file written as a placeholder (by
    path), so that the checker can still compare its content (`towns.copies`) without reading it.
    """
    entries = list_tree(repo, commit, roots, limits.max_entries)
    if entries is None:
        what = f"的文件超过 {limits.max_entries} 个"
        return [finding("E-PR-001", file=roots[0], what=what, limit=f"{limits.max_entries} 个文件")]
    todo = plan(entries, limits, placeholder)
    if todo.read_bytes > limits.max_read_bytes:
        what = f"需要读取的文件共 {todo.read_bytes} 字节"
        return [finding("E-PR-001", file=roots[0], what=what, limit=f"{limits.max_read_bytes} 字节")]
    if stand_ins is not None:
        stand_ins.update((e.path, e.oid) for e in todo.sized if len(e.oid) == _SHA1_HEX)
    work = [(e, True) for e in todo.read] + [(e, False) for e in todo.sized + todo.others]
    with BlobReader(repo) as reader:
        writer = _Writer(dest, reader)
        found = [writer.write(entry, full=full) for entry, full in work]
    return [f for f in found if f is not None]


class _Writer:
    """Writes entries below ``dest``, remembering the folders it made (nothing else writes there)."""

    def __init__(self, dest: Path, reader: BlobReader) -> None:
        self.dest = dest
        self.reader = reader
        self.folders: set[tuple[str, ...]] = {()}

    def write(self, entry: Entry, *, full: bool) -> Finding | None:
        shown = entry.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        reason = self._refusal(entry, full=full)
        return None if reason is None else finding("E-PR-002", file=shown, path=shown, reason=reason)

    def _refusal(self, entry: Entry, *, full: bool) -> str | None:
        """Write one entry; the reason (Chinese) it could not be written as it is, if any."""
        bad = unsafe_part(entry.path)
        if bad is not None:
            return f"含有“{bad}”"
        if entry.mode not in {_LINK, _GITLINK, *_FILE_MODES}:
            return f"未知的文件类型 {entry.mode}"
        parts = entry.path.split("/")
        try:
            parent = self._parent(parts[:-1])
            if parent is None:
                return "上级路径不是文件夹"
            _create(parent / parts[-1], entry, self.reader, full=full)
        except FileExistsError:
            return "与其他文件重名"
        except (OSError, UnicodeError) as exc:
            errno = getattr(exc, "errno", None)
            return os.strerror(errno) if errno else "名称无效"
        return None

    def _parent(self, parts: list[str]) -> Path | None:
        """The folder ``parts`` below ``dest``, made as needed; None if a part is not a real folder."""
        for depth in range(1, len(parts) + 1):
            key = tuple(parts[:depth])
            if key in self.folders:
                continue
            folder = self.dest.joinpath(*key)
            try:
                info = folder.lstat()
            except FileNotFoundError:
                folder.mkdir()
                self.folders.add(key)
                continue
            if not stat.S_ISDIR(info.st_mode):
                return None
            self.folders.add(key)
        return self.dest.joinpath(*parts)


def _create(target: Path, entry: Entry, reader: BlobReader, *, full: bool) -> None:
    if entry.mode == _LINK:
        target.symlink_to(DEAD_LINK)
    elif entry.mode == _GITLINK:
        target.mkdir()
    else:
        if full:
            reader.copy(entry.oid, entry.size or 0, target)
        else:
            with target.open("xb") as handle:
                handle.truncate(entry.size or 0)
        target.chmod(_FILE_MODES[entry.mode])
