"""Copying a pull request's data out of git objects: every kind of entry, hostile names and the bounds.

Trees are built with `git mktree`, which (unlike `git add`) writes any entry a hostile client could
push: ``..`` and ``.git`` names, a file and a folder of the same name, names that are not UTF-8.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from gitrepo import GitRepo
from towns.github.gittree import DEAD_LINK, Limits, list_tree, materialise

ROOTS = ("submissions", "records", "decisions")
LIMITS = Limits(max_entries=100, max_read_bytes=10_000_000, max_file_bytes=1_000_000)
Spec = dict[bytes, tuple[str, str]]


def _blob(repo: GitRepo, data: bytes) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo.root), "hash-object", "-w", "--stdin"],
        input=data,
        capture_output=True,
        check=True,
    )
    return proc.stdout.decode().strip()


def _tree(repo: GitRepo, entries: Spec) -> str:
    """A tree from ``{b"a/b/c": (mode, oid)}``; folders are made from the paths, names taken as bytes."""
    here: list[bytes] = []
    folders: dict[bytes, Spec] = {}
    for path, (mode, oid) in entries.items():
        head, sep, rest = path.partition(b"/")
        if sep:
            folders.setdefault(head, {})[rest] = (mode, oid)
        else:
            kind = {"160000": "commit", "040000": "tree"}.get(mode, "blob")
            here.append(f"{mode} {kind} {oid}\t".encode() + head)
    for name, inner in folders.items():
        here.append(f"040000 tree {_tree(repo, inner)}\t".encode() + name)
    proc = subprocess.run(
        ["git", "-C", str(repo.root), "mktree", "-z"],
        input=b"\0".join(here) + b"\0",
        capture_output=True,
        check=True,
    )
    return proc.stdout.decode().strip()


def _commit(repo: GitRepo, entries: Spec) -> str:
    tree = _tree(repo, entries)
    return repo.git("commit-tree", tree, "-m", "拉取请求").strip()


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def test_each_kind_of_entry_is_written_as_what_it_is(repo: GitRepo, tmp_path: Path) -> None:
    town = b"submissions/guangzhou/town"
    text = _blob(repo, "申报表\n".encode())
    commit = _commit(
        repo,
        {
            town + b"/declaration.yaml": ("100644", text),
            town + b"/run.sh": ("100755", _blob(repo, b"#!/bin/sh\n")),
            town + b"/attachments/a.pdf": ("120000", _blob(repo, b"/etc/passwd")),
            town + b"/attachments/sub": ("160000", "1" * 40),
            b"records/guangzhou/\xff\xfe.yaml": ("100644", text),
            b"program.yaml": ("100644", _blob(repo, b"not copied\n")),
            b"scripts/evil.py": ("100644", _blob(repo, b"import os\n")),
        },
    )
    out = tmp_path / "out"
    out.mkdir()
    assert materialise(repo.root, commit, out, roots=ROOTS, limits=LIMITS) == []
    folder = out / "submissions/guangzhou/town"
    assert (folder / "declaration.yaml").read_text(encoding="utf-8") == "申报表\n"
    assert stat.S_IMODE((folder / "declaration.yaml").stat().st_mode) == 0o644
    assert stat.S_IMODE((folder / "run.sh").stat().st_mode) == 0o755
    link = folder / "attachments/a.pdf"
    assert link.is_symlink() and str(link.readlink()) == DEAD_LINK and not link.exists()
    assert (folder / "attachments/sub").is_dir() and not any((folder / "attachments/sub").iterdir())
    assert (out / os.fsdecode(b"records/guangzhou/\xff\xfe.yaml")).read_bytes() == "申报表\n".encode()
    assert sorted(p.name for p in out.iterdir()) == ["records", "submissions"]


def test_large_and_unneeded_files_are_stood_in_for_by_their_size(repo: GitRepo, tmp_path: Path) -> None:
    big = _blob(repo, b"%PDF-" + b"x" * 1_200_000)
    small = _blob(repo, b"%PDF-1.4\n")
    commit = _commit(
        repo,
        {
            b"submissions/guangzhou/a/attachments/big.pdf": ("100644", big),
            b"submissions/guangzhou/b/attachments/small.pdf": ("100644", small),
            b"submissions/guangzhou/a/attachments/small.pdf": ("100644", small),
        },
    )
    out = tmp_path / "out"
    out.mkdir()
    problems = materialise(
        repo.root, commit, out, roots=ROOTS, limits=LIMITS, placeholder=lambda p: "/b/" in p
    )
    assert problems == []
    placed = out / "submissions/guangzhou/a/attachments/big.pdf"
    assert placed.stat().st_size == 1_200_005
    assert placed.stat().st_blocks * 512 < 100_000, "a sparse file, not a copy"
    assert placed.read_bytes()[:5] == b"\0" * 5
    assert (out / "submissions/guangzhou/b/attachments/small.pdf").read_bytes() == b"\0" * 9
    assert (out / "submissions/guangzhou/a/attachments/small.pdf").read_bytes() == b"%PDF-1.4\n"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (b"submissions/guangzhou/../../../escape.yaml", "含有“..”"),
        (b"submissions/.git/hooks/post-checkout", "含有“.git”"),
        (b"submissions/guangzhou/town/.GIT/config", "含有“.GIT”"),
        (b"records/" + b"x" * 300 + b".yaml", "File name too long"),
    ],
)
def test_unsafe_paths_become_findings(repo: GitRepo, tmp_path: Path, path: bytes, reason: str) -> None:
    commit = _commit(repo, {path: ("100644", _blob(repo, b"x\n"))})
    out = tmp_path / "out"
    out.mkdir()
    [problem] = materialise(repo.root, commit, out, roots=ROOTS, limits=LIMITS)
    assert problem.code == "E-PR-002" and reason in problem.message
    assert not (tmp_path / "escape.yaml").exists()
    assert not any(p.is_file() for p in out.rglob("*"))


def test_a_file_and_a_folder_of_the_same_name(repo: GitRepo, tmp_path: Path) -> None:
    blob = _blob(repo, b"x\n")
    inner = _tree(repo, {b"b.yaml": ("100644", blob)})
    records = (
        subprocess.run(
            ["git", "-C", str(repo.root), "mktree"],
            input=f"100644 blob {blob}\ta\n040000 tree {inner}\ta\n".encode(),
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )
    commit = _commit(repo, {b"records": ("040000", records)})
    out = tmp_path / "out"
    out.mkdir()
    problems = materialise(repo.root, commit, out, roots=ROOTS, limits=LIMITS)
    assert [p.code for p in problems] == ["E-PR-002"]
    assert "上级路径不是文件夹" in problems[0].message or "重名" in problems[0].message


def test_bounds_are_checked_before_anything_is_read(repo: GitRepo, tmp_path: Path) -> None:
    blob = _blob(repo, b"y" * 600_000)
    entries = {f"decisions/{i}.yaml".encode(): ("100644", blob) for i in range(3)}
    commit = _commit(repo, entries)
    out = tmp_path / "out"
    out.mkdir()
    few = Limits(max_entries=2, max_read_bytes=10_000_000, max_file_bytes=1_000_000)
    [problem] = materialise(repo.root, commit, out, roots=ROOTS, limits=few)
    assert problem.code == "E-PR-001" and "超过 2 个" in problem.message
    small = Limits(max_entries=100, max_read_bytes=1_000_000, max_file_bytes=1_000_000)
    [problem] = materialise(repo.root, commit, out, roots=ROOTS, limits=small)
    assert problem.code == "E-PR-001" and "1800000 字节" in problem.message
    assert list(out.iterdir()) == []


def test_list_tree_sees_only_the_data_roots(repo: GitRepo) -> None:
    blob = _blob(repo, b"x\n")
    commit = _commit(
        repo, {b"submissions/a/b/c.yaml": ("100644", blob), b".github/workflows/x.yml": ("100644", blob)}
    )
    entries = list_tree(repo.root, commit, ROOTS, 10)
    assert entries is not None and [e.path for e in entries] == ["submissions/a/b/c.yaml"]
