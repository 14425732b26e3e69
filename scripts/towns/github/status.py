"""The commit status ``towns/资格审查``: the verdict as branch protection sees it.

The status is set by the privileged poster on the pull request's head commit, from the trusted
run's report only. A pull request cannot set it: a fork's workflows get a read-only token, and
rewriting `pr-check.yml` changes only the untrusted check job, whose result is a cross-check. The
deploy guide tells the province to require this status, not the ``towns-check`` job.
"""

from __future__ import annotations

from towns.github.artifact import Report
from towns.github.comment import Verdict, verdict
from towns.github.rest import Api, read
from towns.github.shapes import Status

STATUS_CONTEXT = "towns/资格审查"
DESCRIPTION_LIMIT = 140  # GitHub truncates longer descriptions


def status_for(report: Report) -> tuple[str, str]:
    """The status state and its short Chinese description for a trusted report."""
    errors = len(report.errors())
    v = verdict(report)
    if v is Verdict.NEEDS_CHANGES:
        ineligible = sum(1 for t in report.towns if t.eligibility is not None and not t.eligibility.eligible)
        extra = f"，{ineligible} 个小镇不符合申报条件" if ineligible else ""
        return "failure", f"需要修改：{errors} 个必须修改的问题{extra}"
    if v is Verdict.PASSED:
        return "success", "资格审查通过：没有必须修改的问题（仍需人工审核）"
    return "success", "本次改动不涉及需要检查的申报材料，没有必须修改的问题"


def set_status(api: Api, sha: str, report: Report, target_url: str | None = None) -> Status:
    """Set ``towns/资格审查`` on commit ``sha``."""
    state, description = status_for(report)
    body: dict[str, str] = {"state": state, "context": STATUS_CONTEXT, "description": description}
    if target_url:
        body["target_url"] = target_url
    body["description"] = body["description"][:DESCRIPTION_LIMIT]
    return read(Status, api.post("statuses", sha, body=body), "提交状态")
