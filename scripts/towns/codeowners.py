"""`.github/CODEOWNERS`, generated from `program.yaml` so ownership never drifts from the policy data.

Each city department's team owns its city's town folders and its records; the provincial team owns
everything else (decisions, program data, schema, code, workflows, docs) and is the default owner.
GitHub applies the *last* matching line, so the default comes first and the narrower lines after it.
With branch protection's "Require review from Code Owners", an applicant's pull request then needs
the approval of its own city's department, and nothing else can merge without the province.
"""

from __future__ import annotations

from towns.layout import DECISIONS, RECORDS, SCHEMA_DIR, SUBMISSIONS
from towns.models.program import Program
from towns.program import PROGRAM_FILE

CODEOWNERS_PATH = ".github/CODEOWNERS"
REGENERATE_COMMAND = "towns codeowners"

PROVINCE_PATHS = (
    f"/{DECISIONS}/",
    f"/{PROGRAM_FILE}",
    f"/{SCHEMA_DIR}/",
    "/scripts/",
    "/.github/",
    "/docs/",
    "/mkdocs.yml",
)

_HEADER = f"""\
# 代码负责人（CODEOWNERS）：由 program.yaml 自动生成，请勿手工修改。
# 修改 program.yaml 中的 github_team 后，运行 `{REGENERATE_COMMAND}` 重新生成并提交本文件。
# GitHub 以最后一条匹配的规则为准：默认由省级团队负责，各地市团队负责本地市的申报和记录文件夹。
"""


def _line(pattern: str, owner: str) -> str:
    return f"{pattern:<32} {owner}"


def render_codeowners(program: Program) -> str:
    """The full text of `.github/CODEOWNERS` for ``program``."""
    province = program.province.github_team
    lines = [_HEADER, "# 省经济和信息化委：默认负责人、决定、政策参数、程序与文档", _line("*", province)]
    lines += [_line(p, province) for p in PROVINCE_PATHS]
    for city in sorted(program.cities, key=lambda c: c.code):
        lines += [
            "",
            f"# {city.name}（{city.code}）",
            _line(f"/{SUBMISSIONS}/{city.slug}/", city.github_team),
        ]
        lines.append(_line(f"/{RECORDS}/{city.slug}/", city.github_team))
    return "\n".join(lines) + "\n"
