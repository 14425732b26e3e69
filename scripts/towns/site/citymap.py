"""A schematic map of the province's cities: one tile per city, placed by its seat, no boundaries.

No boundary data that a package ships may be published here (docs/dev/map.md), so the map is a
tile grid cartogram: each city's seat (program.yaml, approximate) is projected onto a small grid
and the city takes the free cell nearest to it, the most crowded cities first, so neighbours stay
neighbours and no label overlaps another. Each tile shows the city's name, its number of towns and
a ring split by state group (colours from the stylesheet, the same as the badges). The SVG scales
with the page (viewBox) and is an image with a name; the table under it holds the same numbers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from towns.lifecycle.states import StateGroup, group_of
from towns.models.program import City
from towns.site.data import SiteData
from towns.site.escape import html
from towns.site.standing import group_badge

COLS, ROWS = 8, 6
CELL_W, CELL_H = 100, 110
RING = 32  # radius of the largest ring
RING_WIDTH = 12


@dataclass(frozen=True, slots=True)
class Tile:
    city: City
    col: int
    row: int


def layout(cities: Sequence[City]) -> list[Tile]:
    """Cities with a seat on the grid, each on the free cell nearest to its projected seat."""
    ideal = _grid_positions([c for c in cities if c.seat is not None])
    crowd = {slug: sum(1 for o in ideal.values() if math.dist(p, o) < 1.5) for slug, p in ideal.items()}
    free = {(col, row) for col in range(COLS) for row in range(ROWS)}
    tiles = []
    for city in sorted((c for c in cities if c.slug in ideal), key=lambda c: (-crowd[c.slug], c.slug)):
        x, y = ideal[city.slug]
        cell = min(free, key=lambda cr: ((cr[0] - x) ** 2 + (cr[1] - y) ** 2, cr))
        free.discard(cell)
        tiles.append(Tile(city, *cell))
    return sorted(tiles, key=lambda t: (t.row, t.col))


def _grid_positions(cities: Sequence[City]) -> dict[str, tuple[float, float]]:
    """Seats projected (equirectangular, north up) and stretched onto the grid's cells."""
    seats = {c.slug: c.seat for c in cities if c.seat is not None}
    if not seats:
        return {}
    scale = math.cos(math.radians(sum(float(s.lat) for s in seats.values()) / len(seats)))
    points = {slug: (float(s.lon) * scale, -float(s.lat)) for slug, s in seats.items()}
    xs, ys = [x for x, _ in points.values()], [y for _, y in points.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        slug: ((x - min(xs)) / span_x * (COLS - 1), (y - min(ys)) / span_y * (ROWS - 1))
        for slug, (x, y) in points.items()
    }


def city_map(data: SiteData) -> str:
    """The map as an inline SVG (a raw HTML block); empty when no city has a seat."""
    counts = {c.slug: Counter[StateGroup]() for c in data.program.cities}
    for entry in data.towns:
        if entry.town.city_slug in counts:
            counts[entry.town.city_slug][group_of(entry.summary.life.state)] += 1
    tiles = layout(data.program.cities)
    if not tiles:
        return ""
    peak = max((sum(c.values()) for c in counts.values()), default=0) or 1
    left, top = min(t.col for t in tiles), min(t.row for t in tiles)
    width = (max(t.col for t in tiles) - left + 1) * CELL_W
    height = (max(t.row for t in tiles) - top + 1) * CELL_H
    label = "各地市小镇数量和当前状态示意图（按驻地大致方位排列，不表示行政区域界线；数字见下表）"
    shown = Counter[StateGroup]()
    for c in counts.values():
        shown.update(c)
    legend = " ".join(group_badge(g) for g in StateGroup if shown[g])
    parts = [
        f'<figure class="towns-map"><svg viewBox="{left * CELL_W} {top * CELL_H} {width} {height}" '
        f'role="img" aria-label="{html(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{html(label)}</title>",
        *(_tile(tile, counts[tile.city.slug], peak) for tile in tiles),
        f"</svg><figcaption>圆环颜色：{legend}</figcaption></figure>" if legend else "</svg></figure>",
    ]
    return "".join(parts)


def _tile(tile: Tile, counts: Mapping[StateGroup, int], peak: int) -> str:
    cx, cy = tile.col * CELL_W + CELL_W / 2, tile.row * CELL_H + 42
    total = sum(counts.values())
    name = tile.city.name.removesuffix("市")
    parts = [f'<g class="towns-map-city"><title>{html(tile.city.name)}：{total} 个小镇</title>']
    radius = RING * math.sqrt(total / peak) if total else 0.0
    radius = max(radius, 18.0)
    parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" class="towns-map-base"/>')
    parts += _ring(cx, cy, radius, counts, total)
    parts.append(
        f'<text x="{cx:.1f}" y="{cy + 9:.1f}" text-anchor="middle" class="towns-map-count">{total}</text>'
        f'<text x="{cx:.1f}" y="{tile.row * CELL_H + 104}" text-anchor="middle" class="towns-map-name">'
        f"{html(name)}</text></g>"
    )
    return "".join(parts)


def _ring(cx: float, cy: float, radius: float, counts: Mapping[StateGroup, int], total: int) -> list[str]:
    """Arcs of a ring, one per state group, drawn with dashes on circles of the same radius."""
    if not total:
        return []
    circumference = 2 * math.pi * radius
    out, offset = [], 0.0
    for group in StateGroup:
        share = counts.get(group, 0) / total * circumference
        if share <= 0:
            continue
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" '
            f'class="towns-map-seg towns-map-seg--{group.value}" '
            f'stroke-dasharray="{share:.2f} {circumference - share:.2f}" stroke-dashoffset="{-offset:.2f}" '
            f'transform="rotate(-90 {cx:.1f} {cy:.1f})"/>'
        )
        offset += share
    return out
