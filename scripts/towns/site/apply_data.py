"""What the declaration form in the browser needs, exported from the program data as one JSON file.

The form is built from the same JSON Schema as `schema/declaration.schema.json` (the one function
`towns.schema.declaration_schema`), kept in the models' field order so that its sections follow
the official form; its value sets carry their Chinese names (`x-enumNames`). Everything else
comes from `program.yaml` through the checker's own code:
cities with their districts and regions, the batch windows (the form picks the one open on the
user's date), the requirement texts (`apply_rules`), the report outline with the template's
guidance, the attachment kinds and file limits. No field, label or rule is written here.
"""

from __future__ import annotations

import json
import re
from typing import Any

from towns.models.declaration import MODELS
from towns.models.program import Program
from towns.models.values import TownType
from towns.outline import normalise
from towns.schema import declaration_schema
from towns.site.apply_rules import form_requirements
from towns.template import template_text

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def form_data(program: Program) -> dict[str, Any]:
    """The whole document the form page loads."""
    return {
        "format_version": 1,
        "schema": declaration_schema(program),
        "types": [{"id": str(kind), "name": TownType.label_of(kind)} for kind in MODELS],
        "province": program.province.model_dump(include={"name", "authority", "authority_short"}),
        "regions": [r.model_dump() for r in program.regions],
        "cities": [_city(program, c.slug) for c in program.cities],
        "district_source": program.sources["districts"].text if "districts" in program.sources else None,
        "batches": [b.model_dump(mode="json") for b in program.batches],
        "requirements": form_requirements(program),
        "outline": {kind: report_outline(program, kind) for kind in MODELS},
        "attachments": {
            "kinds": [k.model_dump() for k in program.files.attachment_kinds],
            "types": [t.model_dump() for t in program.files.attachment_types],
            "max_bytes": program.files.attachment_max_bytes,
        },
        "limits": program.files.model_dump(
            include={"declaration_max_bytes", "report_max_bytes", "max_list_items", "max_scalar_chars"}
        ),
        "yaml_header": template_text("industry", "{kind}.yaml").splitlines()[0],
    }


def form_data_bytes(program: Program) -> bytes:
    """`form_data` serialised deterministically (the field order of the schema is kept)."""
    return (json.dumps(form_data(program), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _city(program: Program, slug: str) -> dict[str, Any]:
    city = program.cities_by_slug[slug]
    listed = program.districts.get(slug, [])
    return {
        "slug": city.slug,
        "code": city.code,
        "name": city.name,
        "region": city.region,
        "districts": [d.model_dump() for d in listed],
    }


def report_outline(program: Program, kind: str) -> dict[str, Any]:
    """The official outline of ``kind`` with each heading's level and the template's guidance.

    The headings are the program's (what the checker requires); the template gives the level of
    each heading and the parenthesised note under it, shown as help and never written out.
    """
    template = template_text(kind, "report-{kind}.md")
    notes = _template_sections(template)
    title = next((t for level, t, _ in notes if level == 1), "申请报告")
    headings = []
    for heading in program.report_outline.get(kind, []):
        match = next((n for n in notes if n[0] > 1 and normalise(n[1]) == normalise(heading)), None)
        level = match[0] if match else (3 if heading.startswith(("（", "(")) else 2)
        headings.append({"level": level, "text": heading, "guidance": match[2] if match else ""})
    return {"title": title.replace("__TOWN_NAME__", "{name}"), "headings": headings}


def _template_sections(text: str) -> list[tuple[int, str, str]]:
    """(level, heading, guidance) of every heading of a report template."""
    out: list[tuple[int, str, list[str]]] = []
    for line in _COMMENT.sub("", text).splitlines():
        match = _HEADING.match(line)
        if match:
            out.append((len(match.group(1)), match.group(2), []))
        elif out and line.strip():
            out[-1][2].append(line.strip())
    return [(level, heading, _unwrap("".join(lines))) for level, heading, lines in out]


def _unwrap(note: str) -> str:
    """Guidance without the parentheses the template wraps it in."""
    return note[1:-1] if note.startswith("（") and note.endswith("）") else note
