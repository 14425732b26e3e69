"""Change detection against real git repositories built in temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import GitRepo
from towns.changes import Change, ChangeKind, ChangesError, changed_files, parse_name_status

ODD_NAME = 'submissions/guangzhou/demo-town/attachments/政策 文件 "第1号".pdf'


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """main has four files; branch `pr` adds, modifies, renames and deletes one each."""
    r = GitRepo(tmp_path / "repo")
    r.write("program.yaml", "schema_version: 1\n")
    r.write("submissions/guangzhou/demo-town/declaration.yaml", "id: demo-town\nname: 示例\n" * 20)
    r.write("submissions/guangzhou/demo-town/report.md", "# 报告\n" + "正文内容，足够长以识别改名。\n" * 20)
    r.write("submissions/guangzhou/demo-town/old.txt", "将被删除\n")
    r.commit("base")
    r.git("checkout", "-q", "-b", "pr")
    r.write("submissions/guangzhou/demo-town/declaration.yaml", "id: demo-town\nname: 改名\n" * 20)
    r.git("mv", "submissions/guangzhou/demo-town/report.md", "submissions/guangzhou/demo-town/申请报告.md")
    (r.root / "submissions/guangzhou/demo-town/old.txt").unlink()
    r.write(ODD_NAME, "%PDF-1.4\n")
    r.commit("pr")
    return r


def test_added_modified_renamed_deleted_with_odd_names(repo: GitRepo) -> None:
    changes = changed_files(repo.root, "main")
    assert changes == [
        Change(ChangeKind.ADDED, ODD_NAME),
        Change(ChangeKind.MODIFIED, "submissions/guangzhou/demo-town/declaration.yaml"),
        Change(ChangeKind.DELETED, "submissions/guangzhou/demo-town/old.txt"),
        Change(
            ChangeKind.RENAMED,
            "submissions/guangzhou/demo-town/申请报告.md",
            old_path="submissions/guangzhou/demo-town/report.md",
        ),
    ]


def test_merge_base_semantics_ignore_later_base_commits(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "main")
    repo.write("decisions/2026.yaml", "year: 2026\n")
    repo.commit("a decision lands on main after the PR branched")
    repo.git("checkout", "-q", "pr")
    paths = [c.path for c in changed_files(repo.root, "main")]
    assert "decisions/2026.yaml" not in paths
    assert len(paths) == 4


def test_worktree_includes_unstaged_and_untracked(repo: GitRepo) -> None:
    repo.write("program.yaml", "schema_version: 2\n")
    repo.write("submissions/guangzhou/demo-town/attachments/新 附件.png", "png")
    repo.write(".gitignore", "ignored.txt\n")
    repo.write("ignored.txt", "x")
    changes = {c.path: c.kind for c in changed_files(repo.root, "main", include_worktree=True)}
    assert changes["program.yaml"] is ChangeKind.MODIFIED
    assert changes["submissions/guangzhou/demo-town/attachments/新 附件.png"] is ChangeKind.ADDED
    assert changes[".gitignore"] is ChangeKind.ADDED
    assert "ignored.txt" not in changes
    assert "program.yaml" not in {c.path for c in changed_files(repo.root, "main")}


def test_subfolder_paths_are_repository_relative(repo: GitRepo) -> None:
    inner = repo.root / "submissions" / "guangzhou"
    assert next(c.path for c in changed_files(inner, "main")) == ODD_NAME


def test_rename_touches_both_paths() -> None:
    change = Change(ChangeKind.RENAMED, "b/new.md", old_path="a/old.md")
    assert change.touched() == ("a/old.md", "b/new.md")
    assert Change(ChangeKind.DELETED, "x").exists_after is False


def test_parse_name_status_handles_newlines_in_names() -> None:
    raw = b"M\0a\nb.txt\0R087\0old name\0new\tname\0D\0gone\0"
    assert parse_name_status(raw) == [
        Change(ChangeKind.MODIFIED, "a\nb.txt"),
        Change(ChangeKind.RENAMED, "new\tname", old_path="old name"),
        Change(ChangeKind.DELETED, "gone"),
    ]


def test_unknown_ref_is_a_chinese_error(repo: GitRepo) -> None:
    with pytest.raises(ChangesError, match="找不到比较基准“origin/nope”"):
        changed_files(repo.root, "origin/nope")


def test_option_like_ref_is_refused(repo: GitRepo) -> None:
    with pytest.raises(ChangesError, match="无效的比较基准"):
        changed_files(repo.root, "--output=/tmp/x")


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(ChangesError, match="不是 Git 仓库"):
        changed_files(tmp_path, "main")


def test_unrelated_history(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "--orphan", "lonely")
    repo.commit("unrelated root")
    with pytest.raises(ChangesError, match="没有共同的历史"):
        changed_files(repo.root, "main")
