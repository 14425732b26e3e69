"""Where each synthetic town goes: its id, name, city, type, batch and filing day.

Plans come first and fix everything a town's records depend on; each town's content then follows
from its own random stream, so adding records never changes a declaration.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from towns import layout
from towns.synth.text import FICTIONAL, PLACE_FIRST, PLACE_SECOND, THEMES


@dataclass(frozen=True, slots=True)
class TownPlan:
    """Where one synthetic town goes and what kind it is; the rest follows from its random stream."""

    index: int
    id: str
    name: str
    kind: str  # "industry" | "application"
    city: dict[str, Any]
    district: str
    batch: dict[str, Any]
    filed: dt.date

    @property
    def city_slug(self) -> str:
        return str(self.city["slug"])

    @property
    def folder(self) -> str:
        return layout.town_folder(self.city_slug, self.id)


def stream(seed: int, *parts: object) -> random.Random:
    """An independent, reproducible random stream (string seeds hash the same on every run)."""
    return random.Random(":".join(str(p) for p in (seed, *parts)))  # noqa: S311 - test data, never secrets


def _district_names(program: dict[str, Any], slug: str) -> list[str]:
    """The city's divisions as the program lists them (the checker accepts only these)."""
    listed = (program.get("districts") or {}).get(slug) or []
    return [str(d["name"]) for d in listed]


def plan_towns(program: dict[str, Any], count: int, seed: int, as_of: dt.date) -> list[TownPlan]:
    """Ids, names, cities, types and batches of ``count`` towns: cities round-robin, types mixed.

    Only batches that have opened by ``as_of`` take towns, and no town is filed after ``as_of``.
    """
    rng = stream(seed, "plan")
    cities = list(program["cities"])
    batches = [b for b in program["batches"] if as_date(b["opens"]) <= as_of] or list(program["batches"][:1])
    places = [(a + b, pa + pb) for a, pa in PLACE_FIRST for b, pb in PLACE_SECOND]
    rng.shuffle(places)
    plans = []
    for index in range(count):
        city = cities[index % len(cities)]
        kind = "industry" if index % 3 == 0 else "application"
        districts = _district_names(program, str(city["slug"])) or [f"{str(city['name'])[:-1]}新区"]
        district = districts[(index // len(cities)) % len(districts)]
        place, place_slug = places[index % len(places)]
        theme = THEMES[kind][index % len(THEMES[kind])]
        rounds = index // len(places)
        suffix = f"{rounds + 1}号" if rounds else ""
        stem = district.removesuffix("街道").removesuffix("区").removesuffix("县").removesuffix("市")
        name = f"{stem}{place}{theme}小镇{suffix}{FICTIONAL}"
        town_id = f"{place_slug}-{index + 1}"
        batch = batches[index % len(batches)]
        filed = filing_date(batch, rng, as_of)
        plans.append(TownPlan(index, town_id, name, kind, city, district, batch, filed))
    return plans


def filing_date(batch: dict[str, Any], rng: random.Random, as_of: dt.date) -> dt.date:
    """A day inside the batch's submission window, and not after ``as_of``."""
    opens, closes = as_date(batch["opens"]), min(as_date(batch["closes"]), as_of)
    return opens + dt.timedelta(days=rng.randint(0, max(0, (closes - opens).days)))


def as_date(value: Any) -> dt.date:
    """A date as PyYAML reads it from `program.yaml` (a date), or its ISO text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
