"""Where a town stands, said first: its state as a coloured badge with words, its list, its
creation-period year, its next step and its eligibility, each as a sentence.

Every fact comes from the town's summary (`towns.lifecycle`: state, history, creation period, next
steps); nothing here recomputes a date. A history entry that a decision made links to the page of
that decision (a batch's list page, an evaluation year, the named towns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from towns.lifecycle.history import HistoryEntry
from towns.lifecycle.outlook import NextStep
from towns.lifecycle.states import GROUP_NAMES, STATE_NAMES, Event, State, StateGroup, group_of
from towns.site.data import SiteData, TownEntry, rel
from towns.site.escape import html, md

_LISTING = frozenset({Event.LISTED_CREATION, Event.LISTED_CULTIVATION, Event.PROMOTED, Event.NOT_SELECTED})
_AFTER = frozenset(
    {Event.DEMOTED, Event.NAMED, Event.REMOVED, Event.EXPIRED, Event.ACCEPTANCE_APPLIED, Event.EVALUATED}
)
_NOTHING_LEFT: dict[StateGroup, str] = {
    StateGroup.NAMED: "创建工作已完成，没有待办事项。",
    StateGroup.EXPIRED: "创建期已满且未申请验收，没有待办事项。",
    StateGroup.REMOVED: "已不在名单中，没有待办事项。",
    StateGroup.NOT_SELECTED: "未列入名单，没有待办事项。",
}


def state_badge(state: State) -> str:
    """The state in words, coloured by its group (the colour is never the only sign)."""
    return f'<span class="towns-state towns-state--{group_of(state).value}">{html(STATE_NAMES[state])}</span>'


def group_badge(group: StateGroup) -> str:
    return f'<span class="towns-state towns-state--{group.value}">{html(GROUP_NAMES[group])}</span>'


def standing_block(data: SiteData, entry: TownEntry) -> str:
    """The block at the top of a town's page (Markdown inside an HTML block)."""
    life, d = entry.summary.life, entry.declaration
    place = f"{md(d.city)}{md(d.district)}"
    region = f" · {md(entry.summary.region_name)}" if entry.summary.region_name else ""
    head = f"{state_badge(life.state)} {d.type.label} · {place}{region} · {d.batch} 年批次申报"
    items = [("名单", list_sentence(data, entry))]
    period = life.creation_period
    if period is not None:
        year = f"第 {period.year} 年，" if period.year else ""
        items.append(("创建期", f"{year}{period.start.isoformat()} 至 {period.end.isoformat()}。"))
    items.append(("下一步", next_sentence(life.next_steps, group_of(life.state))))
    items.append(("申报条件", eligibility_sentence(entry)))
    lines = [f"- **{label}：**{text}" for label, text in items]
    return "\n".join(['<div class="towns-standing" markdown>', "", head, "", *lines, "", "</div>"])


def list_sentence(data: SiteData, entry: TownEntry) -> str:
    """The list the town is or was on, and what happened to it since, from its history."""
    history = entry.history
    listing = _last(history, _LISTING)
    after = [e for e in history if e.event in _AFTER and (listing is None or e.date >= listing.date)]
    change = next((e for e in reversed(after) if e.event is not Event.EVALUATED), None)
    if listing is None:
        return _before_lists(data, entry)
    listed = phrase(data, entry.page, listing)
    if change is None:
        return f"{listed}。"
    return f"{phrase(data, entry.page, change)}；此前{listed}。"


def _before_lists(data: SiteData, entry: TownEntry) -> str:
    d, state = entry.declaration, entry.summary.life.state
    recommended = _last(entry.history, frozenset({Event.RECOMMENDED}))
    if state is State.RECOMMENDED and recommended is not None:
        return f"{recommended.date.isoformat()} 经地市推荐参加 {d.batch} 年度分批审核，尚未公布结果。"
    return f"{d.filing_date.isoformat()} 提交 {d.batch} 年批次申报材料，尚未列入名单。"


def phrase(data: SiteData, from_page: str, event: HistoryEntry) -> str:
    """One history entry as a phrase, with a link to the decision that made it."""
    link = decision_link(data, from_page, event)
    words = _PHRASES.get(event.event)
    return words(event, link) if words else f"{event.date.isoformat()} {md(event.title)}"


def _listed(list_name: str) -> Callable[[HistoryEntry, str | None], str]:
    def words(e: HistoryEntry, link: str | None) -> str:
        return f"列入{_linked(f'{e.batch} 年度{list_name}', link)}（{e.date.isoformat()} 公布）"

    return words


def _not_selected(e: HistoryEntry, link: str | None) -> str:
    return f"{_linked(f'{e.batch} 年度分批审核', link)}未入选（{e.date.isoformat()} 公布）"


def _demoted(e: HistoryEntry, link: str | None) -> str:
    return f"{_linked(f'{e.year} 年度考核', link)}降格，{e.date.isoformat()} 起列入培育名单"


def _removed(e: HistoryEntry, link: str | None) -> str:
    rule = e.details.get("rule")
    why = f"：{md(rule)}" if rule else ""
    return f"{e.date.isoformat()} 淘汰出名单（{_linked(f'{e.year} 年度考核', link)}{why}）"


def _named(e: HistoryEntry, link: str | None) -> str:
    number = f"，{md(e.document_number)}" if e.document_number else ""
    title = md(e.details.get("title", ""))
    return f"已于 {e.date.isoformat()} 命名为“{title}”（{_linked('验收命名', link)}{number}）"


_PHRASES: dict[Event, Callable[[HistoryEntry, str | None], str]] = {
    Event.LISTED_CREATION: _listed("创建名单"),
    Event.PROMOTED: _listed("创建名单"),
    Event.LISTED_CULTIVATION: _listed("培育名单"),
    Event.NOT_SELECTED: _not_selected,
    Event.DEMOTED: _demoted,
    Event.REMOVED: _removed,
    Event.NAMED: _named,
    Event.EXPIRED: lambda e, _: f"创建期于 {e.date.isoformat()} 届满，未申请验收",
    Event.ACCEPTANCE_APPLIED: lambda e, _: f"{e.date.isoformat()} 提出验收申请",
}


def decision_link(data: SiteData, from_page: str, event: HistoryEntry) -> str | None:
    """The relative link to the page of the decision that made ``event``; None for other records."""
    decision = data.decision_in(event.file)
    return rel(from_page, decision.page) if decision is not None else None


def _linked(text: str, link: str | None) -> str:
    return f"[{md(text)}]({link})" if link else md(text)


def next_sentence(steps: Sequence[NextStep], group: StateGroup) -> str:
    """What is to happen next, with its window and deadline; what is known when nothing is left."""
    if not steps:
        return _NOTHING_LEFT.get(group, "暂无待办事项。")
    late = [s for s in steps if s.kind == "annual_report" and s.status == "overdue"]
    phrases = [step_phrase(s) for s in steps if len(late) < 2 or s not in late]
    if len(late) > 1:
        phrases.insert(0, _late_reports(late))
    return "；".join(phrases) + "。"


def _late_reports(late: Sequence[NextStep]) -> str:
    """Several overdue annual reports as one phrase, not one line each."""
    years = "、".join(str(s.year) for s in late)
    first = min(s.due for s in late if s.due)
    badge = f'<span class="towns-step towns-step--overdue">{html(late[0].status_name)}</span>'
    return f"{years} 年度发展情况报告共 {len(late)} 份未报送，最早一份截止 {first.isoformat()} {badge}"


def step_phrase(step: NextStep) -> str:
    title = md(step.title)
    if step.status == "waiting":
        return f"{title}（等待审核结果）"
    if step.status == "closed" and step.due:
        return f"{title}：本批次受理已于 {step.due.isoformat()} 截止，尚无推荐记录"
    window = ""
    if step.opens and step.due:
        window = f"{step.opens.isoformat()} 至 {step.due.isoformat()}"
    elif step.due:
        window = f"截止 {step.due.isoformat()}"
    status = f'<span class="towns-step towns-step--{step.status}">{html(step.status_name)}</span>'
    return f"{title}，{window} {status}"


def eligibility_sentence(entry: TownEntry) -> str:
    verdict = entry.summary.eligibility
    if verdict is None or not verdict.conditions:
        return f"{md(entry.summary.eligibility_words)}。"
    failed = sum(1 for c in verdict.conditions if c.status == "fail")
    waived = sum(1 for c in verdict.conditions if c.status == "waived")
    notes = [f"{failed} 项不符合" if failed else "", f"{waived} 项经省里豁免" if waived else ""]
    note = "，".join(n for n in notes if n)
    detail = f"（{note}）" if note else f"（{len(verdict.conditions)} 项条件均已核对）"
    return f"[{md(verdict.verdict)}](#申报条件核对){detail}。"


def _last(history: Sequence[HistoryEntry], events: frozenset[Event]) -> HistoryEntry | None:
    return next((e for e in reversed(history) if e.event in events), None)
