"""`towns new`: a town folder from the commented Chinese templates shipped with the package.

The template is for the batch open on the given day (`towns.windows`), with that day as the filing
date. When no batch is open nothing is written: `NoOpenBatch` says so, and when the next window
opens, or that none is set yet and whom to ask. The site's template downloads are rendered by the
same function (`render`), with what only the applicant knows left as （请填写……） placeholders.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from towns import layout, windows
from towns.models.common import PLACEHOLDER
from towns.models.program import Program
from towns.models.values import TownType
from towns.template import declaration_template, template_text


class ScaffoldError(Exception):
    """The folder cannot be created; the message is Chinese and shown to the user."""


class NoOpenBatch(ScaffoldError):
    """No batch accepts declarations on the day: the program data, not the command, stops it."""


@dataclass(frozen=True, slots=True)
class Fill:
    """What a template is filled with; None leaves a （请填写……） placeholder for the applicant."""

    town_id: str | None = None
    city_name: str | None = None
    batch: int | None = None
    filing_date: dt.date | None = None

    def values(self) -> dict[str, str]:
        """Template marker → text."""
        years = [str(self.batch + n) if self.batch is not None else f"{PLACEHOLDER}年度）" for n in (1, 2, 3)]
        return {
            "__TOWN_ID__": self.town_id or f"{PLACEHOLDER}小镇编号）",
            "__BATCH__": str(self.batch) if self.batch is not None else f"{PLACEHOLDER}申报批次年度）",
            "__CITY_NAME__": self.city_name or f"{PLACEHOLDER}所在地级以上市全称）",
            "__TODAY__": self.filing_date.isoformat() if self.filing_date else f"{PLACEHOLDER}填报日期）",
            "__YEAR1__": years[0],
            "__YEAR2__": years[1],
            "__YEAR3__": years[2],
            "__TOWN_NAME__": f"{PLACEHOLDER}小镇名称）",
        }


def render(kind: str, fill: Fill) -> tuple[str, str]:
    """The declaration and the report template of town type ``kind``, filled with ``fill``."""
    declaration = declaration_template(kind)
    report = template_text(kind, "report-{kind}.md")
    for key, value in fill.values().items():
        declaration = _fill(declaration, key, value)
        report = _fill(report, key, value)
    return declaration, report


def scaffold(
    root: Path, program: Program, *, city_slug: str, town_id: str, kind: str, today: dt.date
) -> Path:
    """Create `submissions/<city>/<town>/` with a declaration template, a report outline, attachments/."""
    city = program.cities_by_slug.get(city_slug)
    if city is None:
        allowed = "、".join(f"{c.slug}（{c.name}）" for c in program.cities)
        raise ScaffoldError(f"地市“{city_slug}”不存在。可选：{allowed}")
    if not layout.TOWN_ID.match(town_id) or len(town_id) > 60:
        raise ScaffoldError(f"小镇编号“{town_id}”不符合要求：只能用小写字母、数字和连字符，如 tianhe-yunzhi")
    if kind not in set(TownType):
        raise ScaffoldError(f"小镇类型只能是 {_either_type()}")
    folder = root / layout.town_folder(city_slug, town_id)
    if folder.exists():
        raise ScaffoldError(f"文件夹 {layout.town_folder(city_slug, town_id)} 已存在，未做任何修改")
    fill = Fill(town_id=town_id, city_name=city.name, batch=_open_batch(program, today), filing_date=today)
    declaration, report = render(kind, fill)
    (folder / layout.ATTACHMENTS).mkdir(parents=True)
    (folder / layout.DECLARATION).write_text(declaration, encoding="utf-8")
    (folder / layout.REPORT).write_text(report, encoding="utf-8")
    return folder


def _fill(text: str, key: str, value: str) -> str:
    """``key`` → ``value``, keeping a trailing comment in its column where the value allows.

    Columns are counted as an editor shows them: a Chinese character is two columns wide.
    """

    def aligned(match: re.Match[str]) -> str:
        return value + " " * max(1, len(key) + len(match.group(1)) - _width(value))

    return re.sub(rf"{re.escape(key)}( +)(?=#)", aligned, text).replace(key, value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _open_batch(program: Program, today: dt.date) -> int:
    """The year of the batch open ``today``; `NoOpenBatch` with what to do when there is none."""
    seen = windows.outlook(program, today)
    if seen.open is not None:
        return seen.open.year
    text = windows.advice(program, today, when=f"今天（{today.isoformat()}）")
    then = "请在该批次受理时间内再运行本命令。" if seen.next is not None else ""
    raise NoOpenBatch(f"未生成模板：{text}。{then}")


def _either_type() -> str:
    """industry（产业型）或 application（应用型）."""
    return "或".join(f"{t.value}（{t.label}）" for t in TownType)
