"""`towns record acceptance <town>` and `towns record naming <name>` (seed §4.6).

The city's written application and the province's acceptance decision both show the town's
creation targets beside its latest reported figures (`towns.lifecycle.targets`). The decision
places each town with a pending application: named when its reports show no unmet target,
otherwise under 验收不合格 with the unmet targets beside the reason to write.
"""

from __future__ import annotations

from towns.lifecycle.paths import Kind, acceptance_application_path, naming_path, parse_record_path
from towns.lifecycle.states import MAY_APPLY, STATE_NAMES, State
from towns.lifecycle.targets import TargetComparison, compare_targets
from towns.record.facts import comparison_lines, town_line
from towns.record.state import RecordError, RegistryState
from towns.record.text import blank, comments, filing, generated_by, record_head, with_note
from towns.registry import Town


def comparison(state: RegistryState, town: Town) -> TargetComparison:
    return compare_targets(state.declaration(town), state.result.towns[town.id].indicators)


def _period(state: RegistryState, town: Town) -> str:
    period = state.result.towns[town.id].creation_period
    if period is None:
        return "不在创建期内"
    return f"创建期 {period.start.isoformat()} 至 {period.end.isoformat()}"


def _department(state: RegistryState, town: Town) -> str:
    """The city department, as it signed the town's latest recommendation (else the declaration's)."""
    mine = [r for r in state.records.recommendations if r.record.town == town.id]
    if mine:
        return max(mine, key=lambda r: (r.record.date, r.file)).record.department
    return state.declaration(town).recommender.name


def acceptance_application(state: RegistryState, key: str) -> tuple[str, list[str]]:
    """The path and lines of the city's written acceptance application for town ``key``."""
    town = state.town(key)
    d = state.declaration(town)
    life = state.life(town)
    if life.state not in MAY_APPLY:
        raise RecordError(
            f"小镇“{d.name}”当前状态为“{STATE_NAMES[life.state]}”，不能申请验收："
            "只有创建名单中、创建期未满的小镇可以申请"
        )
    rel = acceptance_application_path(town.city_slug, state.today.year, town.id)
    attempt = life.applications + 1
    lines = [
        *record_head(
            rel,
            Kind.ACCEPTANCE_APPLICATION,
            [
                "验收书面申请（方案 4.6），由所在地市经济和信息化部门提出：" + town_line(state.program, town),
                generated_by("acceptance", state.today) + f"；{_period(state, town)}；第 {attempt} 次申请。",
                "所有“（请填写……）”都要换成实际内容；其余内容请核对。",
                "",
                "创建目标与年度发展情况报告对照（由申报表的创建工作方案要点和各年度报告生成，供填写时参考）：",
                *comparison_lines(comparison(state, town)),
            ],
        ),
        f"town: {town.id}",
        *filing(
            _department(state, town),
            "申请单位（请核对全称）",
            state.today,
            "申请日期：须在创建期内，请核对",
            "申请函文号",
        ),
        f"summary: {blank('创建目标完成情况：对照上面的目标逐项说明')}",
    ]
    return rel, lines


def naming(state: RegistryState, name: str) -> tuple[str, list[str]]:
    """The path and lines of the province's acceptance decision ``decisions/namings/<name>.yaml``."""
    rel = naming_path(name)
    if "/" in name or parse_record_path(rel) is None:
        raise RecordError(f"名称“{name}”不能用作文件名：请用年度或字母、数字、连字符，如 2027 或 2027-first")
    pending = [t for t in state.readable if state.life(t).state is State.ACCEPTANCE_APPLIED]
    if not pending:
        raise RecordError("没有已申请验收、尚未得出验收结果的小镇")
    compared = [(t, comparison(state, t)) for t in pending]
    passed = [(t, c) for t, c in compared if not c.unmet]
    failed = [(t, c) for t, c in compared if c.unmet]
    lines = [
        *record_head(
            rel,
            Kind.NAMING,
            [
                f"验收命名（方案 4.6）：验收合格的正式命名为“{state.program.province.demonstration_title}”，"
                "不合格的写明原因",
                generated_by(f"naming {name}", state.today) + f"：已申请验收的小镇共 {len(pending)} 个。",
                "年度报告显示全部创建目标已达到的小镇预先放在“命名的小镇”中，有未达到目标的放在“验收不合格”中；"
                "请按验收结论整条移动，所有“（请填写……）”都要换成实际内容。",
                _after_failure(state),
            ],
        ),
        with_note(f"date: {state.today.isoformat()}", "命名文件的日期，请核对"),
        f"document_number: {blank('命名文件文号')}",
        *_named(state, passed),
        *_failed(state, failed),
    ]
    return rel, lines


def _after_failure(state: RegistryState) -> str:
    """“验收不合格之后：继续创建，创建期内可再次提出验收申请（最多申请 2 次）”, from program data."""
    rules = state.program.process
    limit = rules.max_acceptance_applications
    most = f"（创建期内最多申请 {limit} 次）" if limit else ""
    outcome = rules.on_failed_acceptance
    return f"验收不合格之后：{outcome.label}，{outcome.description}{most}"


def _town_notes(state: RegistryState, town: Town, compared: TargetComparison, indent: str) -> list[str]:
    head = f"{town_line(state.program, town)}；{_period(state, town)}"
    return comments(["", head, *comparison_lines(compared)], indent)


def _named(state: RegistryState, passed: list[tuple[Town, TargetComparison]]) -> list[str]:
    if not passed:
        return [with_note("towns: []", "命名的小镇：验收合格的小镇从“验收不合格”移到这里（- 小镇编号）")]
    lines = [with_note("towns:", "命名的小镇（验收合格）")]
    for town, compared in passed:
        lines += [*_town_notes(state, town, compared, "  "), f"  - {town.id}"]
    return lines


def _failed(state: RegistryState, failed: list[tuple[Town, TargetComparison]]) -> list[str]:
    if not failed:
        note = "验收不合格：不合格的小镇移到这里，写成 - {town: 小镇编号, reason: 原因}"
        return [with_note("failed: []", note)]
    lines = [with_note("failed:", "验收不合格的小镇及原因")]
    for town, compared in failed:
        unmet = "、".join(row.title for row in compared.unmet)
        lines += [
            *_town_notes(state, town, compared, "  "),
            f"  - town: {town.id}",
            f"    reason: {blank('验收不合格的原因；年度报告显示未达到：' + unmet)}",
        ]
    return lines
