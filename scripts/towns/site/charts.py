"""Small inline SVG bar charts, drawn in Python: no script, no external request, prints well.

A chart is an accessible image (role="img" with a title); the same numbers are always also shown in
a table next to it, so nothing is only in the picture. Its title (with the unit) is written in the
picture too, and its text is sized in the picture's own units, so it scales with the page: about
12 px on a 390 px phone, 20 px on a desktop column.
"""

from __future__ import annotations

from collections.abc import Sequence

from towns.site.escape import html
from towns.site.fmt import number

WIDTH = 560
BAR_AREA = 180
TITLE_SPACE = 36
TOP = TITLE_SPACE + 28
LABEL_SPACE = 32


def bar_chart(title: str, bars: Sequence[tuple[str, float]], unit: str = "") -> str:
    """One SVG element; ``bars`` are (label, value) pairs, values not negative, ``unit`` after each."""
    if not bars:
        return ""
    peak = max((value for _, value in bars), default=0.0) or 1.0
    slot = WIDTH / len(bars)
    bar_width = min(64.0, slot * 0.6)
    height = TOP + BAR_AREA + LABEL_SPACE
    parts = [
        f'<svg class="towns-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{html(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{html(title)}</title>",
        f'<text x="0" y="24" class="towns-chart-title">{html(title)}</text>',
    ]
    for index, (label, value) in enumerate(bars):
        parts.append(
            _bar(index * slot + (slot - bar_width) / 2, bar_width, label, value, peak=peak, unit=unit)
        )
    parts.append(
        f'<line x1="0" y1="{TOP + BAR_AREA}" x2="{WIDTH}" y2="{TOP + BAR_AREA}" class="towns-chart-axis"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _bar(x: float, width: float, label: str, value: float, *, peak: float, unit: str) -> str:
    h = max(0.0, value) / peak * BAR_AREA
    y = TOP + BAR_AREA - h
    centre = x + width / 2
    shown = f"{number(round(value, 2))}{unit}"
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" class="towns-chart-bar">'
        f"<title>{html(label)}：{html(shown)}</title></rect>"
        f'<text x="{centre:.1f}" y="{y - 6:.1f}" text-anchor="middle" class="towns-chart-value">'
        f"{html(shown)}</text>"
        f'<text x="{centre:.1f}" y="{TOP + BAR_AREA + 26}" text-anchor="middle" class="towns-chart-label">'
        f"{html(label)}</text>"
    )
