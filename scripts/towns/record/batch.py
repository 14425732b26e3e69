"""`towns record batch <year>`: the province's batch review (seed §4.4) of every town recommended.

The towns are those the cities recommended for the batch (the lifecycle's own recommendation
events, so a recommendation the checker cannot use is not offered). Each is placed where its
automatic verdict points: a town that fails a condition no one may waive under 未入选, every
other on the creation list, for the reviewer to move; a discretionary shortfall gets a waiver
entry to keep (with a reason) or delete; a town on a list gets a conclusion entry per judgement.
"""

from __future__ import annotations

from dataclasses import dataclass

from towns.eligibility import Eligibility
from towns.eligibility.judgements import RequiredJudgement, required_judgements
from towns.lifecycle.paths import Kind, batch_path
from towns.lifecycle.states import Event
from towns.record.facts import conclusion_block, eligibility_lines, judgement_legend, town_line
from towns.record.state import RecordError, RegistryState
from towns.record.text import blank, comments, generated_by, record_head, with_note
from towns.registry import Town


@dataclass(frozen=True, slots=True)
class Candidate:
    town: Town
    verdict: Eligibility | None

    @property
    def listable(self) -> bool:
        return self.verdict is not None and self.verdict.eligible


def candidates(state: RegistryState, year: int) -> list[Candidate]:
    """The towns recommended for batch ``year``, in the order of their folders."""
    out = []
    for town in state.readable:
        life = state.life(town)
        if any(e.event is Event.RECOMMENDED and e.batch == year for e in life.history):
            out.append(Candidate(town, state.verdicts.get(town.id)))
    return out


def batch_review(state: RegistryState, year: int) -> tuple[str, list[str]]:
    """The path and lines of the batch review of ``year``."""
    batch = state.program.batches_by_year.get(year)
    if batch is None:
        known = "、".join(str(b.year) for b in state.program.batches)
        raise RecordError(f"{year} 年批次未在 program.yaml 中设立（已设立：{known}）")
    found = candidates(state, year)
    if not found:
        raise RecordError(f"没有推荐参加 {year} 年批次、尚未审核的小镇：请先由地市提交推荐意见")
    rel = batch_path(year)
    listed = [c for c in found if c.listable]
    rejected = [c for c in found if not c.listable]
    lines = [
        *record_head(
            rel,
            Kind.BATCH,
            [
                f"{year} 年分批审核结果（方案 4.4），由省经济和信息化委公布",
                generated_by(f"batch {year}", state.today) + f"：共 {len(found)} 个经地市推荐的小镇。",
                "每个小镇已按自动核对结果预先放入名单：符合条件的在创建名单，不符合不可豁免条件的在未入选。",
                "请按审核结论把小镇移到培育名单或未入选（整行移动）；所有“（请填写……）”都要换成实际内容。",
                *_legend(state, listed),
            ],
        ),
        f"year: {year}",
        with_note(
            f"date: {state.today.isoformat()}",
            f"公布日期：须晚于受理截止日 {batch.closes.isoformat()}，请核对",
        ),
        f"document_number: {blank('公布名单的文件文号')}",
        *_list(state, "creation_list", "创建名单", listed),
        with_note("cultivation_list: []", "培育名单：把列入培育名单的小镇从创建名单移到这里（- 小镇编号）"),
        *_list(state, "not_selected", "未入选", rejected),
        *_waivers(state, listed),
        *_reviews(state, listed),
    ]
    return rel, lines


def _legend(state: RegistryState, listed: list[Candidate]) -> list[str]:
    """The judgements the towns need, each explained once (审核意见 below gives only the facts)."""
    seen: dict[str, RequiredJudgement] = {}
    for c in listed:
        for j in required_judgements(state.declaration(c.town), state.program):
            seen.setdefault(f"{j.clause}:{j.id}", j)
    if not seen:
        return []
    return [
        "",
        "审核意见中需要判断的条件（每个小镇逐项填写结论和理由）：",
        *judgement_legend(list(seen.values())),
    ]


def _list(state: RegistryState, key: str, title: str, items: list[Candidate]) -> list[str]:
    if not items:
        return [with_note(f"{key}: []", title)]
    lines = [with_note(f"{key}:", title)]
    for c in items:
        verdict = c.verdict.verdict if c.verdict else "未能自动核对"
        note = f"{town_line(state.program, c.town)}：{verdict}"
        lines.append(with_note(f"  - {c.town.id}", note))
    return lines


def _waivers(state: RegistryState, listed: list[Candidate]) -> list[str]:
    """A waiver entry for each discretionary shortfall of a town on a list."""
    entries: list[str] = []
    for c in listed:
        assert c.verdict is not None  # noqa: S101 - a listable candidate has a verdict
        for condition in c.verdict.conditions:
            if condition.status != "warning":
                continue
            entries += [
                with_note(f"  - town: {c.town.id}", f"{state.declaration(c.town).name}：{condition.title}"),
                with_note(
                    f"    condition: {condition.id}", f"要求{condition.required}；申报{condition.actual}"
                ),
                f"    reason: {blank('豁免理由；不豁免时删去这一条，并把该小镇移到未入选')}",
            ]
    if not entries:
        return [with_note("waivers: []", "对“可酌情增减”条件的豁免：本批次没有需要豁免的小镇")]
    note = "对“可酌情增减”条件的豁免：保留的写明理由；删去豁免的小镇不能列入名单"
    return [with_note("waivers:", note), *entries]


def _reviews(state: RegistryState, listed: list[Candidate]) -> list[str]:
    """For each town on a list: its automatic verdict, then a conclusion per judgement it needs."""
    lines = [with_note("reviews:", "审核意见：列入名单的小镇对以下没有数量标准的条件逐项给出结论")]
    entries = 0
    for c in listed:
        needed = required_judgements(state.declaration(c.town), state.program)
        if not needed:
            continue
        entries += 1
        lines += comments(eligibility_lines(c.verdict, compact=True), "  ")
        lines += [
            f"  - town: {c.town.id}",
            "    conclusions:",
            *conclusion_block(needed, "      ", explain=False),
        ]
    return lines if entries else [with_note("reviews: []", "审核意见：本批次没有需要人工判断的条件")]
