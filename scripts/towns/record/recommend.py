"""`towns record recommend <town>`: the city department's recommendation (seed §4.1)."""

from __future__ import annotations

from towns.eligibility.judgements import required_judgements
from towns.lifecycle.paths import Kind, recommendation_path
from towns.lifecycle.states import STATE_NAMES, State
from towns.record.facts import conclusion_block, eligibility_lines, town_line
from towns.record.state import RecordError, RegistryState
from towns.record.text import blank, filing, generated_by, record_head, with_note

# A declared town is recommended for the batch it declared for; a town in the cultivation tier may
# be recommended again, for a later batch, to enter the creation list (promotion, seed §4.4).
PROMOTABLE = frozenset({State.CULTIVATION, State.DEMOTED})


def recommendation(state: RegistryState, key: str, batch: int | None = None) -> tuple[str, list[str]]:
    """The path and lines of a recommendation of town ``key`` (for ``batch``, or the one it needs)."""
    town = state.town(key)
    d = state.declaration(town)
    year = batch or _batch(state, d.batch, state.life(town).state, d.name)
    if year not in state.program.batches_by_year:
        known = "、".join(str(b.year) for b in state.program.batches)
        raise RecordError(f"{year} 年批次未在 program.yaml 中设立（已设立：{known}）")
    rel = recommendation_path(town.city_slug, year, town.id)
    needed = required_judgements(d, state.program)
    lines = [
        *record_head(
            rel,
            Kind.RECOMMENDATION,
            [
                "审核推荐意见（方案 4.1），由所在地市经济和信息化主管部门报送："
                + town_line(state.program, town),
                generated_by("recommend", state.today) + "。",
                "所有“（请填写……）”都要换成实际内容；其余内容请核对。填写完成后运行 towns check 检查。",
                "",
                *eligibility_lines(state.verdicts.get(town.id)),
            ],
        ),
        f"town: {town.id}",
        with_note(f"batch: {year}", "推荐参加的批次"),
        *filing(
            d.recommender.name,
            "推荐单位（申报表中的推荐单位，请核对全称）",
            state.today,
            "推荐日期：须在该批次受理期内，请核对",
            "推荐函文号",
        ),
        f"opinion: {blank('审核推荐意见：申报材料是否真实、完整，推荐理由')}",
    ]
    if needed:
        lines.append(with_note("conclusions:", "审核意见：以下条件没有数量标准，须逐项判断"))
        lines += conclusion_block(needed, "  ")
    return rel, lines


def _batch(state: RegistryState, declared: int, current: State, name: str) -> int:
    if current is State.DECLARED:
        return declared
    if current in PROMOTABLE:
        open_now = [b.year for b in state.program.batches if b.accepts(state.today)]
        if open_now:
            return open_now[0]
        raise RecordError(
            f"小镇“{name}”在培育名单中；今天没有正在受理的批次，请用 --batch 指定推荐参加的批次"
        )
    raise RecordError(f"小镇“{name}”当前状态为“{STATE_NAMES[current]}”，不需要推荐")
