"""Reading the PR check's artifact: untrusted data produced by a stranger's pull request.

The PR check runs the pull request's own code, so its artifact (`report.json`, `pr.json`) may say
anything; it is never the verdict, only compared with the trusted one (`towns.github.verdict`).
Before the privileged job reads it: the file must be a regular file under a size cap (decided before
reading), valid UTF-8 JSON, and of the documented shape with strict types (pydantic, strict mode;
unknown keys ignored for forward compatibility). `Report` is also the shape of the trusted run's own
report, which the comment, the labels and the status are rendered from.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

REPORT_FILE = "report.json"
PR_FILE = "pr.json"
REPORT_MAX_BYTES = 8 * 1024 * 1024
PR_MAX_BYTES = 4096
DUE_MAX_BYTES = 4 * 1024 * 1024
MAX_ITEMS = 20000
CODE_PATTERN = r"^[EW]-[A-Z]{2,12}-[0-9]{3}$"

M = TypeVar("M", bound="_Untrusted")


class ArtifactError(Exception):
    """The artifact is missing, too large or malformed; the message is Chinese."""


class _Untrusted(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class ReportFinding(_Untrusted):
    file: str
    line: int = Field(ge=0)
    column: int = Field(ge=0)
    code: str = Field(pattern=CODE_PATTERN)
    severity: Literal["error", "warning"]
    message: str
    field: str | None = None
    hint: str | None = None


class Condition(_Untrusted):
    id: str
    clause: str | None = None
    title: str
    status: Literal["pass", "fail", "warning", "waived"]
    required: Any = None
    actual: Any = None


class Eligibility(_Untrusted):
    eligible: bool
    conditions: list[Condition] = Field(default_factory=list, max_length=100)


class ReportTown(_Untrusted):
    """A town as reported; an invalid declaration may lack its name, type or city."""

    id: str
    name: str | None = None
    type: Literal["industry", "application"] | None = None
    city: str | None = None
    city_name: str | None = None
    region: str | None = None
    folder: str | None = None
    eligibility: Eligibility | None = None
    not_evaluated: str | None = Field(default=None, max_length=200)


class Report(_Untrusted):
    """`towns check --format json`, format_version 1."""

    format_version: Literal[1]
    tool_version: str | None = None
    findings: list[ReportFinding] = Field(max_length=MAX_ITEMS)
    towns: list[ReportTown] = Field(default_factory=list, max_length=MAX_ITEMS)

    def errors(self) -> list[ReportFinding]:
        return [f for f in self.findings if f.severity == "error"]

    def warnings(self) -> list[ReportFinding]:
        return [f for f in self.findings if f.severity == "warning"]


class PullRequestInfo(_Untrusted):
    """`pr.json`: which pull request and commit the report belongs to."""

    number: int = Field(gt=0, lt=2**31)
    head_sha: str = Field(pattern=r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")


def read_json(path: Path, max_bytes: int) -> Any:
    """Parse a JSON file that a stranger may have crafted: size first, then UTF-8, then JSON."""
    try:
        info = path.lstat()
    except OSError:
        raise ArtifactError(f"找不到文件 {path.name}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ArtifactError(f"{path.name} 不是普通文件（可能是符号链接），拒绝读取")
    if info.st_size > max_bytes:
        raise ArtifactError(f"{path.name} 大小为 {info.st_size} 字节，超过上限 {max_bytes} 字节，拒绝读取")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    return parse_json(data, path.name, max_bytes)


def parse_json(data: bytes, name: str, max_bytes: int) -> Any:
    """Parse bytes already read (at most ``max_bytes + 1`` of them, so oversize is detectable)."""
    if len(data) > max_bytes:
        raise ArtifactError(f"{name} 超过上限 {max_bytes} 字节，拒绝读取")
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ArtifactError(f"{name} 不是 UTF-8 编码") from None
    except (ValueError, RecursionError):
        raise ArtifactError(f"{name} 不是有效的 JSON") from None


def _validate(model: type[M], data: Any, name: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "（顶层）"
        raise ArtifactError(
            f"{name} 格式不符（{exc.error_count()} 处），第一处在 {where}：{first['type']}"
        ) from None


def load_report(path: Path) -> Report:
    return _validate(Report, read_json(path, REPORT_MAX_BYTES), path.name)


def load_pr_info(path: Path) -> PullRequestInfo:
    return _validate(PullRequestInfo, read_json(path, PR_MAX_BYTES), path.name)
