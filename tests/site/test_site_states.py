"""Every state group is drawn by the site: a colour, a badge, a map segment and, when nothing is
left for its towns to do, a sentence of its own under 下一步.
"""

from __future__ import annotations

import re

import pytest

from registry_builder import REPO
from towns.lifecycle.states import ACTIVE, STATE_GROUPS, StateGroup
from towns.site.standing import next_sentence

STYLESHEET = (REPO / "docs" / "stylesheets" / "towns.css").read_text(encoding="utf-8")
# Groups whose towns still have a step ahead: waiting for the authorities or on a list.
_WAITING = {StateGroup.PENDING}


@pytest.mark.parametrize("group", list(StateGroup))
def test_every_group_has_its_colour_in_the_stylesheet(group: StateGroup) -> None:
    g = re.escape(group.value)
    assert re.search(rf"--towns-c-{g}:\s*#[0-9a-f]{{6}};", STYLESHEET)
    assert re.search(rf"\.towns-state--{g} \{{ --towns-c: var\(--towns-c-{g}\); \}}", STYLESHEET)
    assert re.search(rf"\.towns-map-seg--{g} \{{ stroke: var\(--towns-c-{g}\); \}}", STYLESHEET)


@pytest.mark.parametrize(
    "group",
    [g for g, states in STATE_GROUPS.items() if g not in _WAITING and not set(states) & ACTIVE],
)
def test_a_terminal_group_says_why_nothing_is_left(group: StateGroup) -> None:
    sentence = next_sentence((), group)
    assert sentence != "暂无待办事项。"
    assert sentence.endswith("没有待办事项。")
