"""Who must review a pull request: the review table of `program.yaml` applied to what it touches.

The table (`review.areas`) says, for each place of the repository, what lies there and which role may
change it. A row's ``path`` is anchored at the root: ``name/`` is a folder and everything in it, a
bare name one file, ``*`` every other file, and ``<地市>`` any city's slug. As in CODEOWNERS, the
last matching row wins. From the same rows:

- `rules` expands ``<地市>`` for every city the program lists: each rule is one line of
  `.github/CODEOWNERS` (`towns.codeowners`), with the team that must approve;
- `classify` names, for a pull request's paths, every area it touches with the sentence the
  reports print ("本 PR 修改了政策参数，须由省经济和信息化委审核") and the role the pull request comes
  from (the lowest authority among the areas it touches).

Who may change a path is decided by the rows, whatever the city; who reviews it by the expanded
rules, exactly as GitHub will: a folder of a city the program does not list falls to the default
row's team (and is a finding of its own, E-DUTY-006).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from towns.models.program import City, Program, ReviewArea
from towns.models.values import Role

CITY = "<地市>"
DEFAULT = "*"
ROLE_ORDER = (Role.APPLICANT, Role.CITY, Role.PROVINCE, Role.MAINTAINERS)


def match(pattern: str, path: str) -> tuple[bool, str | None]:
    """Whether ``pattern`` covers the repository-relative ``path``, and the city ``<地市>`` stood for."""
    if pattern == DEFAULT:
        return True, None
    folder = pattern.endswith("/")
    wanted = pattern.strip("/").split("/")
    parts = path.strip("/").split("/")
    if (len(parts) <= len(wanted)) if folder else (len(parts) != len(wanted)):
        return False, None
    city = None
    for want, part in zip(wanted, parts, strict=False):
        if want == CITY:
            city = part
        elif want != part:
            return False, None
    return True, city


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of CODEOWNERS: an anchored pattern, its row of the table and the team that approves."""

    pattern: str
    area: ReviewArea
    team: str
    reviewer: str  # the Chinese name of whoever approves, as the sentence says it
    city: City | None = None

    @property
    def codeowners_pattern(self) -> str:
        return self.pattern if self.pattern == DEFAULT else "/" + self.pattern


def _reviewer(area: ReviewArea, program: Program, city: City | None) -> tuple[str, str]:
    if area.role in (Role.APPLICANT, Role.CITY):
        assert city is not None  # noqa: S101 - city rows are expanded per city before this
        return city.github_team, f"{city.name}的经济和信息化主管部门"
    if area.role is Role.PROVINCE:
        return program.province.github_team, program.province.authority_short
    return program.review.maintainers.github_team, program.review.maintainers.name


def rules(program: Program) -> list[Rule]:
    """The table with ``<地市>`` expanded for every city, in the table's order (last match wins)."""
    out: list[Rule] = []
    for area in program.review.areas:
        cities: list[City | None] = list(program.cities) if CITY in area.path else [None]
        for city in cities:
            pattern = area.path.replace(CITY, city.slug) if city else area.path
            team, name = _reviewer(area, program, city)
            out.append(Rule(pattern, area, team, name, city))
    return out


def row_of(path: str, program: Program) -> tuple[ReviewArea | None, str | None]:
    """The row that says who may change ``path`` (``<地市>`` matching any name), and that name."""
    for area in reversed(program.review.areas):
        hit, city = match(area.path, path)
        if hit:
            return area, city
    return None, None


def rule_of(path: str, table: Sequence[Rule]) -> Rule | None:
    """The CODEOWNERS line GitHub applies to ``path``: the last one that matches."""
    return next((rule for rule in reversed(table) if match(rule.pattern, path)[0]), None)


@dataclass(frozen=True, slots=True)
class AreaReview:
    """One area a pull request touches, who may change it and who must approve."""

    path: str  # the row's pattern, e.g. "program.yaml" or "records/<地市>/"
    title: str
    role: Role
    city: str | None
    reviewer: str
    team: str
    files: tuple[str, ...]

    @property
    def sentence(self) -> str:
        return f"本 PR 修改了{self.title}，须由{self.reviewer}审核"

    def where(self, shown: int = 3) -> str:
        """The files, or the first few of them and how many there are."""
        head = "、".join(self.files[:shown])
        return head if len(self.files) <= shown else f"{head} 等 {len(self.files)} 个文件"

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "role": self.role.value,
            "role_name": self.role.label,
            "city": self.city,
            "reviewer": self.reviewer,
            "team": self.team,
            "files": list(self.files),
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Review:
    """Who a pull request needs: ``role`` is the lowest authority among the areas it touches."""

    role: Role | None
    areas: tuple[AreaReview, ...]

    def sentences(self) -> list[str]:
        return [a.sentence for a in self.areas] or ["本 PR 没有修改任何文件"]

    def as_json(self) -> dict[str, Any]:
        """The report's ``review`` object (docs/dev/report-format.md)."""
        return {
            "role": self.role.value if self.role else None,
            "role_name": self.role.label if self.role else None,
            "areas": [a.as_json() for a in self.areas],
        }


def lowest(roles: Iterable[Role]) -> Role | None:
    """The lowest authority among ``roles`` (an applicant's pull request is one, whatever else)."""
    present = set(roles)
    return next((r for r in ROLE_ORDER if r in present), None)


def classify(paths: Iterable[str], program: Program) -> Review:
    """The review a pull request touching ``paths`` needs: one entry per area, city and team."""
    table = rules(program)
    rows = {id(area): index for index, area in enumerate(program.review.areas)}
    grouped: dict[tuple[int, str, str], list[str]] = {}
    found: dict[tuple[int, str, str], tuple[ReviewArea, str | None, Rule]] = {}
    for path in sorted(set(paths)):
        area, city = row_of(path, program)
        rule = rule_of(path, table)
        if area is None or rule is None:
            continue
        key = (rows[id(area)], city or "", rule.team)
        found.setdefault(key, (area, city, rule))
        grouped.setdefault(key, []).append(path)
    areas = tuple(
        AreaReview(area.path, area.title, area.role, city, rule.reviewer, rule.team, tuple(grouped[key]))
        for key, (area, city, rule) in sorted(found.items())
    )
    return Review(lowest(a.role for a in areas), areas)
