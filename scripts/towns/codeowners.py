"""`.github/CODEOWNERS` and the review guide's "谁审核什么" table, both from `program.yaml`'s review table.

Both are renderings of `towns.review.rules`, the rows of `review.areas` with ``<地市>`` expanded for
every city, so the owners GitHub enforces, the table reviewers read and the sentence the checker
prints for a pull request never differ. GitHub applies the *last* matching line, as the table does,
so the default row comes first. With branch protection's "Require review from Code Owners", an
applicant's pull request then needs the approval of its own city's department, a change to program
data the province's, a change to the code the maintainers'.

`towns codeowners` writes both files; `towns codeowners --check` and `towns check` report drift.
"""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

from towns.catalog import finding
from towns.findings import Finding
from towns.models.program import Program, ReviewArea
from towns.review import CITY, DEFAULT, Rule, rules

CODEOWNERS_PATH = ".github/CODEOWNERS"
REVIEW_GUIDE = "docs/guide/review.md"
REGENERATE_COMMAND = "towns codeowners"
TABLE_START = "<!-- 谁审核什么：下表由 towns codeowners 根据 program.yaml 的 review 生成，请勿手工修改 -->"
TABLE_END = "<!-- 表格结束 -->"
MAX_BYTES = 1 << 20  # both files are a few kilobytes; a larger one is not ours
_TABLE = re.compile(re.escape(TABLE_START) + r".*?" + re.escape(TABLE_END), re.DOTALL)

_HEADER = f"""\
# 代码负责人（CODEOWNERS）：由 program.yaml 的 review 自动生成，请勿手工修改。
# 修改 program.yaml 中的 review 或 github_team 后，运行 `{REGENERATE_COMMAND}` 重新生成并提交本文件。
# GitHub 以最后一条匹配的规则为准：第一行是默认负责人，其后各行是更具体的位置。
"""


def _line(pattern: str, owner: str) -> str:
    return f"{pattern:<32} {owner}"


def _section(area: ReviewArea) -> str:
    where = "" if area.path == DEFAULT else f"（{area.path}）"
    return f"# {area.title}{where}：由{area.role.label}修改"


def render_codeowners(program: Program) -> str:
    """The full text of `.github/CODEOWNERS` for ``program``."""
    lines = [_HEADER.rstrip("\n")]
    for _, group in groupby(rules(program), key=lambda rule: id(rule.area)):
        block = list(group)
        lines += ["", _section(block[0].area)]
        lines += [_line(rule.codeowners_pattern, rule.team) for rule in block]
    return "\n".join(lines) + "\n"


def _who_reviews(block: list[Rule], program: Program) -> str:
    area = block[0].area
    if CITY in area.path:
        return "该地市的经济和信息化主管部门（各地市的团队见 program.yaml 的 cities）"
    return f"{block[0].reviewer}（`{block[0].team}`）"


def _where(area: ReviewArea) -> str:
    return "其他所有文件" if area.path == DEFAULT else f"`{area.path}`"


def render_review_table(program: Program) -> str:
    """The "谁审核什么" table of the review guide, with the markers that delimit it."""
    blocks = [list(g) for _, g in groupby(rules(program), key=lambda rule: id(rule.area))]
    blocks.sort(key=lambda block: block[0].area.path == DEFAULT)  # the default reads best last
    rows = [
        f"| {_where(b[0].area)} | {b[0].area.title} | {b[0].area.role.label} | {_who_reviews(b, program)} |"
        for b in blocks
    ]
    head = ["| 位置 | 内容 | 由谁修改 | 由谁审核 |", "|---|---|---|---|"]
    return "\n".join([TABLE_START, *head, *rows, TABLE_END])


def with_review_table(guide: str, program: Program) -> str | None:
    """``guide`` with its generated table replaced by the current one; None when it has no markers."""
    if not _TABLE.search(guide):
        return None
    return _TABLE.sub(lambda _: render_review_table(program), guide, count=1)


def drift_findings(root: Path, program: Program) -> list[Finding]:
    """CODEOWNERS or the review guide's table that no longer match the review table (when present).

    A repository without them (a test registry, a deployment elsewhere than GitHub) has nothing to
    drift; one that has them must keep them generated, or a hand edit would give a folder to
    another team than the one the checker names.
    """
    out = []
    codeowners = _read(root, CODEOWNERS_PATH)
    if codeowners is not None and codeowners != render_codeowners(program):
        out.append(finding("E-DUTY-010", file=CODEOWNERS_PATH, command=REGENERATE_COMMAND))
    guide = _read(root, REVIEW_GUIDE)
    if guide is not None and with_review_table(guide, program) not in (None, guide):
        out.append(finding("E-DUTY-010", file=REVIEW_GUIDE, command=REGENERATE_COMMAND))
    return out


def _read(root: Path, rel: str) -> str | None:
    """The file's text; None when absent; a placeholder that matches nothing when not a small file."""
    path = root / rel
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
        return "\0"
    return path.read_text(encoding="utf-8", errors="replace")


__all__ = [
    "CODEOWNERS_PATH",
    "REGENERATE_COMMAND",
    "REVIEW_GUIDE",
    "drift_findings",
    "render_codeowners",
    "render_review_table",
    "with_review_table",
]
