"""`towns new`: a town folder from the commented Chinese templates shipped with the package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from towns import layout
from towns.models.common import PLACEHOLDER
from towns.models.program import Program
from towns.models.values import TownType
from towns.template import declaration_template, template_text


class ScaffoldError(Exception):
    """The folder cannot be created; the message is Chinese and shown to the user."""


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
    batch = max(program.batches, key=lambda b: b.year).year
    values = {
        "__TOWN_ID__": town_id,
        "__BATCH__": str(batch),
        "__CITY_NAME__": city.name,
        "__TODAY__": today.isoformat(),
        "__YEAR1__": str(batch + 1),
        "__YEAR2__": str(batch + 2),
        "__YEAR3__": str(batch + 3),
        "__TOWN_NAME__": f"{PLACEHOLDER}小镇名称）",
    }
    declaration = declaration_template(kind)
    report = template_text(kind, "report-{kind}.md")
    for key, value in values.items():
        declaration = declaration.replace(key, value)
        report = report.replace(key, value)
    (folder / layout.ATTACHMENTS).mkdir(parents=True)
    (folder / layout.DECLARATION).write_text(declaration, encoding="utf-8")
    (folder / layout.REPORT).write_text(report, encoding="utf-8")
    return folder


def _either_type() -> str:
    """industry（产业型）或 application（应用型）."""
    return "或".join(f"{t.value}（{t.label}）" for t in TownType)
