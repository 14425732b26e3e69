"""Everything judged about a pull request as a change, from real git: base, head, and what lies between.

`check_pull_request` is the one function `towns check --changed-since REF` and the trusted GitHub
run call: it takes the repository, the base ref and the head commit (which need not be checked
out), and the base revision's program data (a pull request must not loosen the rules it is judged
by). It returns the changes, the review the pull request needs (`towns.review`), the findings about
the change itself (separation of duties, published records and late filing, the generated review
files) and the paths whose content `towns.check.run_check` must then look at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from towns import changes, duties, published
from towns.catalog import finding
from towns.codeowners import (
    CODEOWNERS_PATH,
    REGENERATE_COMMAND,
    REVIEW_GUIDE,
    render_codeowners,
    with_review_table,
)
from towns.findings import Finding, sort_findings
from towns.models.program import Program
from towns.program import PROGRAM_FILE, PROGRAM_LIMITS, program_from_bytes
from towns.review import Review, classify

GENERATED_MAX_BYTES = 1 << 20


@dataclass(slots=True)
class PullRequestCheck:
    """What a pull request changes and what that alone tells (its files' contents are checked apart)."""

    base: str
    head: str
    changes: list[changes.Change]
    review: Review | None  # None only when no program data could be read to classify it
    findings: list[Finding] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def check_pull_request(
    repo: Path, ref: str, program: Program, *, head: str = "HEAD", today: dt.date
) -> PullRequestCheck:
    """Judge the change from the merge base of ``ref`` and ``head`` to ``head``.

    Raises `changes.GitError` when git cannot tell (unknown ref, no common history).
    """
    root = changes.repo_root(repo)
    base = changes.merge_base(root, ref, head)
    changed = changes.changed_files(root, ref, head=head)
    touched = sorted({p for c in changed for p in c.touched()})
    findings = duties.check_duties(changed, program)
    findings += published.published_findings(root, base, head, changed, program=program, today=today)
    findings += _generated_drift(root, head, touched)
    return PullRequestCheck(
        base=base,
        head=head,
        changes=changed,
        review=classify(touched, program),
        findings=sort_findings(findings),
        paths=duties.paths_to_check(changed),
    )


def _generated_drift(root: Path, head: str, touched: list[str]) -> list[Finding]:
    """E-DUTY-010 when the head's CODEOWNERS or review guide do not follow the head's review table.

    Checked when the pull request touches any of the three: a hand edit of CODEOWNERS would hand a
    folder to another team than the one the checker names.
    """
    if not {PROGRAM_FILE, CODEOWNERS_PATH, REVIEW_GUIDE} & set(touched):
        return []
    raw = changes.blob_at(root, head, PROGRAM_FILE, PROGRAM_LIMITS.max_bytes)
    program, _ = program_from_bytes(raw) if raw is not None else (None, [])
    if program is None:
        return []  # the program file's own findings say why
    out = []
    owners = changes.blob_at(root, head, CODEOWNERS_PATH, GENERATED_MAX_BYTES)
    current = owners.decode("utf-8", "replace") if owners is not None else None
    deleted = current is None and CODEOWNERS_PATH in touched
    if deleted or (current is not None and current != render_codeowners(program)):
        out.append(finding("E-DUTY-010", file=CODEOWNERS_PATH, command=REGENERATE_COMMAND))
    guide = changes.blob_at(root, head, REVIEW_GUIDE, GENERATED_MAX_BYTES)
    text = guide.decode("utf-8", "replace") if guide is not None else None
    if text is not None and with_review_table(text, program) not in (None, text):
        out.append(finding("E-DUTY-010", file=REVIEW_GUIDE, command=REGENERATE_COMMAND))
    return out
