"""The trusted run: a pull request judged by the default branch's code and program data.

For ``pull_request`` events GitHub runs the workflow file of the pull request itself, so the check
job's result (and its artifact) is whatever the pull request wants it to be. The verdict that the
comment, the labels and the commit status show is therefore computed here, in the privileged job,
by the code checked out from the default branch:

1. the pull request's head commit is fetched as objects (`fetch_pull_head`: the ``refs/pull/N/head``
   ref GitHub keeps, verified to be the commit the event names), never checked out;
2. the change is judged from git objects by `towns.pullrequest.check_pull_request`, the same
   function `towns check --changed-since` calls: the real diff from the merge base of the default
   branch and that commit, so the duties check sees every file the pull request touches
   (`.github/`, `scripts/`, `program.yaml`), whatever its own workflow does; published records are
   compared with their base versions (append-only corrections, late filing); and the review the
   pull request needs is classified by the review table, for the comment;
3. the data the checker reads (`submissions/`, `records/`, `decisions/`) is copied out of the
   objects into a temporary folder beside the default branch's `program.yaml` (`gittree`);
4. `towns check` runs on that folder with the same limits as any hostile input, for the paths the
   pull request changed, exactly as `towns check --changed-since` does in the check job.

Attachments of towns the pull request does not touch are stood in for by files of their size: the
checker reads them only when it checks those towns, whose findings a pull-request check leaves out.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from towns import changes, duties, layout
from towns.catalog import finding
from towns.changes import Change
from towns.check import CheckResult, run_check
from towns.findings import Finding, sort_findings
from towns.github import gittree
from towns.github.pulls import NotOurs
from towns.models.program import Program
from towns.program import PROGRAM_FILE, PROGRAM_LIMITS, program_from_bytes
from towns.pullrequest import check_pull_request

DATA_ROOTS = (layout.SUBMISSIONS, layout.RECORDS, layout.DECISIONS)
MAX_ENTRIES = 200_000
MAX_READ_BYTES = 1 << 30  # 1 GiB of files read in full (attachments of the touched towns, all YAML)
WHOLE_PULL_REQUEST = "."  # where a finding about the pull request as a whole points
SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
FETCH_TIMEOUT_SECONDS = 600


class TrustedRunError(Exception):
    """The trusted run could not start (no such commit, git failed); the message is Chinese."""


@dataclass
class TrustedCheck:
    """The trusted run's result, and what it compared."""

    result: CheckResult
    head_sha: str
    base_sha: str
    changes: list[Change] = field(default_factory=list)


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    cmd = ["git", "-c", "core.quotepath=false", "-C", str(repo), *args]
    try:
        return subprocess.run(cmd, capture_output=True, check=False, timeout=FETCH_TIMEOUT_SECONDS, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TrustedRunError(f"git {args[0]} 无法完成：{type(exc).__name__}") from None


def _commit(repo: Path, rev: str) -> str | None:
    proc = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return proc.stdout.decode("ascii").strip() if proc.returncode == 0 else None


def _auth_env(token: str | None) -> dict[str, str]:
    """git configuration through the environment: never on the command line, where `ps` shows it."""
    settings = [("transfer.fsckObjects", "true")]
    if token:
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode("ascii")
        settings.append(("http.extraHeader", f"AUTHORIZATION: basic {basic}"))
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_COUNT": str(len(settings))}
    for i, (key, value) in enumerate(settings):
        env[f"GIT_CONFIG_KEY_{i}"], env[f"GIT_CONFIG_VALUE_{i}"] = key, value
    return env


def pull_ref(number: int) -> str:
    """Where the fetched head of pull request ``number`` is kept locally."""
    return f"refs/towns/pull/{number}/head"


def fetch_pull_head(
    repo: Path, number: int, head_sha: str, *, remote: str = "origin", token: str | None = None
) -> str:
    """Fetch ``refs/pull/N/head`` as objects only and check it is ``head_sha``; returns the local ref.

    Objects are checked as they arrive (``transfer.fsckObjects``): malformed trees, ``..`` or
    ``.git`` paths and hostile ``.gitmodules`` are refused by git itself. A head that moved since
    the run means the run is stale (`NotOurs`).
    """
    if not SHA.match(head_sha):
        raise TrustedRunError(f"提交编号无效：{head_sha[:80]}")
    local = pull_ref(number)
    spec = f"+refs/pull/{number}/head:{local}"
    args = ["fetch", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head", "--quiet"]
    proc = _git(repo, *args, "--", remote, spec, env=_auth_env(token))
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()[-300:]
        raise TrustedRunError(f"无法取得拉取请求 #{number} 的提交：{detail}")
    fetched = _commit(repo, local)
    if fetched != head_sha:
        raise NotOurs(
            f"拉取请求 #{number} 现在的提交是 {(fetched or '?')[:12]}，不是本次检查的 {head_sha[:12]}："
            "结果已过期，以新提交的检查为准"
        )
    return local


def _blob(repo: Path, spec: str, max_bytes: int) -> bytes | None:
    size = _git(repo, "cat-file", "-s", spec)
    if size.returncode != 0 or int(size.stdout.strip() or 0) > max_bytes:
        return None
    proc = _git(repo, "cat-file", "blob", spec)
    return proc.stdout if proc.returncode == 0 else None


def _base_program(repo: Path, base: str) -> tuple[bytes | None, Program | None, list[Finding]]:
    raw = _blob(repo, f"{base}:{PROGRAM_FILE}", PROGRAM_LIMITS.max_bytes)
    if raw is None:
        return None, None, [finding("E-PROGRAM-001", file=PROGRAM_FILE)]
    program, problems = program_from_bytes(raw)
    return raw, program, problems


def _head_program(repo: Path, head: str) -> list[Finding]:
    """Findings about the pull request's own `program.yaml`, when it changes that file."""
    size = _git(repo, "cat-file", "-s", f"{head}:{PROGRAM_FILE}")
    if size.returncode != 0:
        return [finding("E-PROGRAM-001", file=PROGRAM_FILE)]
    count = int(size.stdout.strip() or 0)
    if count > PROGRAM_LIMITS.max_bytes:
        return [finding("E-FILE-001", file=PROGRAM_FILE, size=count, limit=PROGRAM_LIMITS.max_bytes)]
    raw = _blob(repo, f"{head}:{PROGRAM_FILE}", PROGRAM_LIMITS.max_bytes) or b""
    return program_from_bytes(raw)[1]


def _limits(program: Program) -> gittree.Limits:
    files = program.files
    read = (files.declaration_max_bytes, files.record_max_bytes, files.report_max_bytes)
    largest = max(*read, files.attachment_max_bytes)
    return gittree.Limits(max_entries=MAX_ENTRIES, max_read_bytes=MAX_READ_BYTES, max_file_bytes=largest)


def _touched_towns(changed: list[Change]) -> frozenset[str]:
    return frozenset(
        layout.town_folder(t.place.city, t.place.town)
        for t in duties.touched_paths(changed)
        if t.place.area is layout.Area.TOWN and t.place.city and t.place.town
    )


def untouched_attachment(touched: frozenset[str]) -> Callable[[str], bool]:
    """Whether a path is an attachment of a town outside ``touched`` (a placeholder will do)."""

    def check(path: str) -> bool:
        parts = path.split("/")
        if len(parts) < 5 or parts[0] != layout.SUBMISSIONS or parts[3] != layout.ATTACHMENTS:
            return False
        return layout.town_folder(parts[1], parts[2]) not in touched

    return check


def trusted_check(
    repo: Path,
    head_sha: str,
    *,
    base: str = "HEAD",
    today: dt.date | None = None,
    workers: int | None = None,
) -> TrustedCheck:
    """Judge commit ``head_sha`` by the code running this function and ``base``'s program data.

    ``repo`` is a clone holding both commits (the default branch's checkout after
    `fetch_pull_head`); nothing of ``head_sha`` is checked out, run or imported.
    """
    head = _commit(repo, head_sha) if SHA.match(head_sha) else None
    base_sha = _commit(repo, base)
    if head is None or base_sha is None:
        missing = head_sha if head is None else base
        raise TrustedRunError(f"仓库中没有提交 {missing[:40]}：请先取得拉取请求的提交（towns github fetch）")
    raw, program, problems = _base_program(repo, base_sha)
    if raw is None or program is None:
        return TrustedCheck(CheckResult(findings=sort_findings(problems)), head, base_sha)
    try:
        pull = check_pull_request(repo, base_sha, program, head=head, today=today or dt.date.today())
    except changes.ChangesError as exc:
        problem = finding("E-PR-003", file=WHOLE_PULL_REQUEST, reason=str(exc))
        return TrustedCheck(CheckResult(findings=[problem], program=program), head, base_sha)
    changed, extra, paths = pull.changes, list(pull.findings), pull.paths
    if any(PROGRAM_FILE in c.touched() for c in changed):
        extra += _head_program(repo, head)
    if not any(p.split("/", 1)[0] in DATA_ROOTS for p in paths):
        result = CheckResult(findings=sort_findings(extra), program=program, review=pull.review)
        return TrustedCheck(result, head, base_sha, changed)
    placeholder = untouched_attachment(_touched_towns(changed))
    stand_ins: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="towns-trusted-") as folder:
        root = Path(folder)
        (root / PROGRAM_FILE).write_bytes(raw)
        problems = gittree.materialise(
            repo,
            head,
            root,
            roots=DATA_ROOTS,
            limits=_limits(program),
            placeholder=placeholder,
            stand_ins=stand_ins,
        )
        result = _check_data(
            root, program, problems, paths, today=today, workers=workers, stand_ins=stand_ins
        )
    result.findings = sort_findings([*result.findings, *extra])
    result.review = pull.review
    return TrustedCheck(result, head, base_sha, changed)


def _check_data(
    root: Path,
    program: Program,
    problems: list[Finding],
    paths: list[str],
    *,
    today: dt.date | None,
    workers: int | None,
    stand_ins: dict[str, str],
) -> CheckResult:
    """Check ``paths`` of the materialised folder, unless its data was refused as too large."""
    if any(p.code == "E-PR-001" for p in problems):
        return CheckResult(findings=problems, program=program)
    result = run_check(root, paths=paths, today=today, workers=workers, content_ids=stand_ins)
    result.findings = [*result.findings, *problems]
    return result
