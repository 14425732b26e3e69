"""The trusted verdict as a file, and the cross-check against the pull request's own check.

`towns github verdict` (no token) writes it; `towns github publish` (with the token) reads it and
posts the comment, the status and the labels from it alone. The artifact of the untrusted check job
is only compared with it: when the two disagree, the comment says that the pull request changed its
checks (or was judged against another base), and the verdict stays the trusted one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from towns.check import CheckResult
from towns.github.artifact import (
    MAX_ITEMS,
    PR_FILE,
    REPORT_FILE,
    ArtifactError,
    Report,
    load_pr_info,
    load_report,
    read_json,
)
from towns.github.markdown import text

FORMAT_VERSION = 1
VERDICT_MAX_BYTES = 64 * 1024 * 1024  # our own file: up to MAX_ITEMS findings with long messages
Outcome = Literal["agree", "differ", "missing"]


class CrossCheck(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    outcome: Outcome
    detail: str


class TrustedRun(BaseModel):
    """`verdict.json`: what the trusted run found for one commit of one pull request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: Literal[1]
    number: int | None = Field(default=None, gt=0)
    head_sha: str
    base_sha: str
    report: Report
    crosscheck: CrossCheck


def trusted_report(result: CheckResult) -> Report:
    """The check result in the report shape the comment, labels and status read.

    Errors are kept before warnings when a hostile pull request produces more findings than a report
    holds, so that the verdict never depends on which findings were left out.
    """
    data = json.loads(json.dumps(result.as_json(), ensure_ascii=False))
    findings = data["findings"]
    if len(findings) > MAX_ITEMS:
        data["findings"] = sorted(findings, key=lambda f: f["severity"] != "error")[:MAX_ITEMS]
    data["towns"] = data["towns"][:MAX_ITEMS]
    data["records"] = data["records"][:MAX_ITEMS]
    for record in data["records"]:
        for key in ("effects", "waivers", "missing_conclusions"):
            record[key] = record[key][:MAX_ITEMS]
    return Report.model_validate(data)


def _key(report: Report) -> tuple[set[tuple[str, int, int, str]], set[tuple[str, bool | None]]]:
    findings = {(f.file, f.line, f.column, f.code) for f in report.findings}
    towns = {(t.id, t.eligibility.eligible if t.eligibility else None) for t in report.towns}
    return findings, towns


def cross_check(trusted: Report, artifact: Path | None, number: int | None, head_sha: str) -> CrossCheck:
    """Compare the trusted report with the check job's artifact (folder with report.json, pr.json)."""
    if artifact is None or not (artifact / REPORT_FILE).exists():
        return CrossCheck(outcome="missing", detail="没有找到申报检查工作流上传的检查结果")
    try:
        theirs = load_report(artifact / REPORT_FILE)
        info = load_pr_info(artifact / PR_FILE) if (artifact / PR_FILE).exists() else None
    except ArtifactError as exc:
        return CrossCheck(outcome="differ", detail=f"其检查结果无法读取：{exc}")
    if info is not None and (info.head_sha != head_sha or (number is not None and info.number != number)):
        return CrossCheck(outcome="differ", detail="其检查结果对应的拉取请求或提交与本次不同")
    if _key(theirs) == _key(trusted):
        return CrossCheck(outcome="agree", detail="两者一致")
    detail = (
        f"拉取请求自带的检查报告了 {len(theirs.errors())} 个必须修改的问题、{len(theirs.warnings())} 条提醒，"
        f"可信检查报告了 {len(trusted.errors())} 个、{len(trusted.warnings())} 条"
    )
    return CrossCheck(outcome="differ", detail=detail)


TRUSTED_NOTE = (
    "🔒 本结论由本仓库默认分支上的检查程序和政策参数得出；"
    "拉取请求对检查程序、工作流或政策参数的改动不影响结论。"
)


def notes(run: TrustedRun) -> list[str]:
    """Paragraphs under the comment's headline: the verdict's source and the cross-check."""
    out = [TRUSTED_NOTE]
    detail = text(run.crosscheck.detail, 300)
    if run.crosscheck.outcome == "differ":
        out.append(
            "> ⚠️ **注意：拉取请求自带的检查结果与本结论不一致**（" + detail + "）。"
            "这说明本拉取请求修改了检查程序、工作流或政策参数，或者检查所依据的基准不同。"
            "请以本结论为准，并请省里的维护人员核实这些改动。"
        )
    elif run.crosscheck.outcome == "missing":
        out.append(f"ℹ️ 未能与拉取请求自带的检查结果核对（{detail}）；本结论不受影响。")
    return out


def write_run(path: Path, run: TrustedRun) -> None:
    path.write_text(run.model_dump_json(indent=1), encoding="utf-8")


def load_run(path: Path) -> TrustedRun:
    """Read back `verdict.json`; any damage is refused like a hostile artifact would be."""
    data: Any = read_json(path, VERDICT_MAX_BYTES)
    try:
        return TrustedRun.model_validate(data)
    except ValueError:
        raise ArtifactError(f"{path.name} 不是有效的可信检查结果") from None
