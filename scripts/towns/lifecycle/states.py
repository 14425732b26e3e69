"""The states of a town's life and the events that move it (see docs/guide/lifecycle.md).

A state is never written by anyone: it is the result of replaying the authorities' records in date
order (`machine`). The names below are part of the JSON report's API.

    declared ──推荐──▶ recommended ──分批审核──▶ creation | cultivation | not_selected
    creation ──降格──▶ demoted (cultivation tier)
    creation ──验收申请──▶ acceptance_applied ──命名──▶ named
    creation ──创建期满──▶ expired                     creation | cultivation | demoted ──淘汰──▶ removed
    cultivation | demoted ──列入后批创建名单──▶ creation (promoted)
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    DECLARED = "declared"
    RECOMMENDED = "recommended"
    NOT_SELECTED = "not_selected"
    CREATION = "creation"
    CULTIVATION = "cultivation"
    DEMOTED = "demoted"
    ACCEPTANCE_APPLIED = "acceptance_applied"
    NAMED = "named"
    REMOVED = "removed"
    EXPIRED = "expired"


STATE_NAMES: dict[State, str] = {
    State.DECLARED: "已申报，待推荐",
    State.RECOMMENDED: "已推荐，待审核",
    State.NOT_SELECTED: "未入选",
    State.CREATION: "创建中",
    State.CULTIVATION: "培育中",
    State.DEMOTED: "已降格（培育中）",
    State.ACCEPTANCE_APPLIED: "已申请验收",
    State.NAMED: "已命名",
    State.REMOVED: "已淘汰",
    State.EXPIRED: "创建期满未验收",
}

# States in which a town is on a list and is evaluated every year.
ACTIVE = frozenset({State.CREATION, State.CULTIVATION, State.DEMOTED, State.ACCEPTANCE_APPLIED})


class StateGroup(StrEnum):
    """Where a town stands, in the few words a count or a filter uses: every state is in one group.

    The groups partition the states (`tests/test_lifecycle_states.py`), so counts per group always
    add up to the number of towns; `progress` counts "creation" and "cultivation" through them too.
    """

    PENDING = "pending"
    CREATION = "creation"
    CULTIVATION = "cultivation"
    NAMED = "named"
    EXPIRED = "expired"
    REMOVED = "removed"
    NOT_SELECTED = "not_selected"


STATE_GROUPS: dict[StateGroup, tuple[State, ...]] = {
    StateGroup.PENDING: (State.DECLARED, State.RECOMMENDED),
    StateGroup.CREATION: (State.CREATION, State.ACCEPTANCE_APPLIED),
    StateGroup.CULTIVATION: (State.CULTIVATION, State.DEMOTED),
    StateGroup.NAMED: (State.NAMED,),
    StateGroup.EXPIRED: (State.EXPIRED,),
    StateGroup.REMOVED: (State.REMOVED,),
    StateGroup.NOT_SELECTED: (State.NOT_SELECTED,),
}

GROUP_NAMES: dict[StateGroup, str] = {
    StateGroup.PENDING: "待推荐或待审核",
    StateGroup.CREATION: "创建中",
    StateGroup.CULTIVATION: "培育中",
    StateGroup.NAMED: "已命名",
    StateGroup.EXPIRED: "创建期满未验收",
    StateGroup.REMOVED: "已淘汰",
    StateGroup.NOT_SELECTED: "未入选",
}


def group_of(state: State) -> StateGroup:
    """The group ``state`` belongs to."""
    return next(group for group, states in STATE_GROUPS.items() if state in states)


class Event(StrEnum):
    """What happened, as shown in a town's history. The order is the same-day order of replay."""

    DECLARED = "declared"
    RECOMMENDED = "recommended"
    LISTED_CREATION = "listed_creation"
    LISTED_CULTIVATION = "listed_cultivation"
    NOT_SELECTED = "not_selected"
    PROMOTED = "promoted"
    REPORT_FILED = "report_filed"
    EVALUATED = "evaluated"
    DEMOTED = "demoted"
    REMOVED = "removed"
    EXPIRED = "expired"
    ACCEPTANCE_APPLIED = "acceptance_applied"
    NAMED = "named"


EVENT_TITLES: dict[Event, str] = {
    Event.DECLARED: "提交申报材料",
    Event.RECOMMENDED: "地市经信部门审核推荐",
    Event.LISTED_CREATION: "列入创建名单",
    Event.LISTED_CULTIVATION: "列入培育名单",
    Event.NOT_SELECTED: "分批审核未入选",
    Event.PROMOTED: "由培育名单列入创建名单",
    Event.REPORT_FILED: "报送年度发展情况",
    Event.EVALUATED: "年度考核",
    Event.DEMOTED: "降格为培育小镇",
    Event.REMOVED: "淘汰出名单",
    Event.EXPIRED: "创建期满未申请验收",
    Event.ACCEPTANCE_APPLIED: "提出验收申请",
    Event.NAMED: "验收合格，正式命名",
}
