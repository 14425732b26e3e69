"""Tables that fit: every generated table sits in a scroll region that a keyboard can reach.

Narrow screens scroll the region sideways while the first (key) column stays in view
(`docs/stylesheets/towns.css`); columns take the width of their content; print shows every column.
The region is focusable (``tabindex="0"``), announced (``role="region"`` and a Chinese
``aria-label``), so a keyboard user can scroll it and a screen reader names it.
"""

from __future__ import annotations

from towns.site.escape import html


def region(table: str, label: str, *, wide: bool = False) -> str:
    """A Markdown ``table`` wrapped in its scroll region; ``wide`` tables hold long text that wraps."""
    kind = "towns-table towns-table--text" if wide else "towns-table"
    name = html(f"{label}（表格，可左右滚动）")
    return (
        f'<div class="{kind}" role="region" aria-label="{name}" tabindex="0" markdown>\n\n{table}\n\n</div>'
    )
