"""Terminal text: `file:line:column: 错误 CODE message`, the eligibility tables, a summary."""

from __future__ import annotations

from towns.check import CheckResult
from towns.eligibility.render import eligibility_text
from towns.findings import Finding
from towns.summaries import TownSummary

LABELS = {"error": "错误", "warning": "提醒"}
_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
_RESET = "\033[0m"


def format_finding(f: Finding, *, colour: bool = False) -> list[str]:
    label = LABELS[f.severity.value]
    if colour:
        label = f"{_COLOURS[f.severity.value]}{label}{_RESET}"
    lines = [f"{f.file}:{f.line}:{f.column}: {label} {f.code} {f.message}"]
    if f.hint:
        lines.append(f"    修改建议：{f.hint}")
    return lines


def _eligibility_lines(town: TownSummary) -> list[str]:
    if town.eligibility is None:
        return [f"{town.name or town.folder}（{town.id}）", f"申报条件：{town.eligibility_words}"]
    return [f"{town.name}（{town.id}）", *eligibility_text(town.eligibility)]


def towns_to_detail(towns: list[TownSummary], limit: int = 20) -> list[TownSummary]:
    """All towns when few are checked (a pull request); else only those not fully passing."""
    if len(towns) <= limit:
        return towns
    return [t for t in towns if _has_non_pass(t)]


def _has_non_pass(town: TownSummary) -> bool:
    if town.eligibility is None:
        return False
    return any(c.status != "pass" for c in town.eligibility.conditions)


def review_lines(result: CheckResult) -> list[str]:
    """Who must review the pull request (`towns.review`); nothing for a check of the whole registry."""
    review = result.review
    if review is None:
        return []
    if not review.areas:
        return [f"审核分工：{review.sentences()[0]}。"]
    return ["审核分工：", *(f"    {a.sentence}（{a.where()}）。" for a in review.areas)]


def render_text(result: CheckResult, *, colour: bool = False) -> str:
    lines: list[str] = []
    for f in result.findings:
        lines += format_finding(f, colour=colour)
    for town in towns_to_detail(result.towns):
        lines += _eligibility_lines(town)
    lines += review_lines(result)
    errors = sum(1 for f in result.findings if f.blocking)
    warnings = len(result.findings) - errors
    if result.out_of_view is not None:
        lines.append(result.out_of_view.sentence())
    lines.append(f"共检查 {len(result.towns)} 个小镇：{errors} 个错误，{warnings} 个提醒。")
    lines.append("检查通过。" if errors == 0 else "检查未通过：请按上面的提示修改后重新提交。")
    return "\n".join(lines) + "\n"
