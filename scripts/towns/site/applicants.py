"""Pages for applicants: how to apply, the conditions, and the catalog of finding codes."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from towns.catalog import CodeEntry, catalog
from towns.eligibility.docs import rules_page_markdown
from towns.findings import Severity
from towns.models.program import Program
from towns.site.escape import md, md_block

FAMILY_NAMES = {
    "YAML": "文件读取",
    "FILE": "文件",
    "SCHEMA": "申报表格式",
    "TOWN": "小镇文件夹",
    "ATT": "附件",
    "RPT": "申请报告",
    "TEXT": "文字内容",
    "PRIV": "个人信息",
    "ID": "统一社会信用代码",
    "AREA": "面积",
    "PLAN": "投资计划",
    "SUM": "汇总数",
    "ELIG": "申报条件",
    "COPY": "与其他小镇相同的材料",
    "REC": "主管部门记录",
    "LIFE": "审核与考核记录",
    "PROGRAM": "政策参数",
    "DUTY": "职责分离",
    "PR": "拉取请求",
}
GUIDE_ORDER = ("format", "submit", "review", "lifecycle", "deploy")


def code_anchor(code: str) -> str:
    """The anchor of a code on the catalog page: messages link to ``apply/codes/#<code>``."""
    return code


def apply_page(program: Program, guides: Sequence[tuple[str, str]]) -> str:
    """How to apply; ``guides`` are (title, page path relative to the docs root) of docs/guide."""
    kinds = "\n".join(
        f"{n}. {md(k.name)}（`{md(k.id)}`{'，必交' if k.required else '，选交'}）"
        for n, k in enumerate(program.files.attachment_kinds, start=3)
    )
    batches = "\n".join(
        f"| {b.year} 年 | {b.opens.isoformat()} 至 {b.closes.isoformat()} |" for b in program.batches
    )
    guide_lines = (
        "\n".join(f"- [{md(title)}](../{path})" for title, path in guides) or "- 申报指南正在编写中。"
    )
    types = "、".join(md(t.name) for t in program.files.attachment_types)
    limit_mb = program.files.attachment_max_bytes // (1024 * 1024)
    return f"""# 如何申报

小镇管理机构（县、镇级人民政府或工业园区、高新区等日常管理机构）作为申报主体，按批次提交申报材料，
经所在地级以上市经济和信息化主管部门审核后推荐报送{md(program.province.authority_short)}（方案 4.1）。

## 申报指南

{guide_lines}

## 申报材料

1. 申报表：`declaration.yaml`，按模板填写；
2. 申请报告：`report.md`，按申请报告编写提纲撰写；
{kinds}

附件只接受 {types}，按文件内容识别；单个附件不超过 {limit_mb} MB。

## 模板下载

| 材料 | 下载 |
| --- | --- |
| 申报表模板（产业型） | [industry.yaml](templates/industry.yaml) |
| 申报表模板（应用型） | [application.yaml](templates/application.yaml) |
| 申请报告提纲（产业型） | [report-industry.txt](templates/report-industry.txt)（另存为 report.md） |
| 申请报告提纲（应用型） | [report-application.txt](templates/report-application.txt)（另存为 report.md） |
| 申报表格式（JSON Schema） | [declaration.schema.json](../schema/declaration.schema.json) |

编辑器（如 VS Code 的 YAML 插件）读取模板第一行的 `$schema` 后，可以自动补全字段并显示中文说明。

## 申报批次和受理时间

| 批次 | 受理时间（含首尾两日） |
| --- | --- |
{batches}

## 检查与结果

提交前可运行 `towns check` 检查材料；每条检查结果都有一个代码，含义和处理方法见[检查结果代码](codes.md)。
申报条件见[申报条件](conditions.md)。
"""


def conditions_page(program: Program) -> str:
    """The eligibility rules page, written by the eligibility package from the program data."""
    text = rules_page_markdown(program)
    return text if text.lstrip().startswith("# ") else f"# 申报条件\n\n{text}"


def codes_page() -> str:
    """Every finding code with its own anchor, grouped by family."""
    entries = sorted(catalog().values(), key=lambda e: (e.family, e.code))
    parts = [
        "# 检查结果代码",
        "`towns check` 的每条检查结果都有一个稳定的代码：以 E 开头的是**必须修改的错误**，"
        "以 W 开头的是**提醒**（不阻止提交，但请核实）。消息中的 `{…}` 在实际结果中会替换为具体内容。",
    ]
    for family, group in groupby(entries, key=lambda e: e.family):
        parts.append(f"## {md(FAMILY_NAMES.get(family, '其他'))}（{md(family)}）")
        parts += [_code_section(e) for e in group]
    return "\n\n".join(parts) + "\n"


def _code_section(e: CodeEntry) -> str:
    kind = "错误（必须修改）" if e.severity is Severity.ERROR else "提醒"
    lines = [
        f"### {md(e.code)} {md(e.title)} {{#{code_anchor(e.code)}}}",
        "",
        f"- 类别：{kind}",
        f"- 消息：{md(e.message)}",
    ]
    if e.hint:
        lines.append(f"- 如何修改：{md(e.hint)}")
    if e.explanation:
        lines += ["", md_block(e.explanation)]
    return "\n".join(lines)


def guide_title(text: str, fallback: str) -> str:
    """The first level-1 heading of a guide page, for its link."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def order_guides(names: Sequence[str]) -> list[str]:
    """Guide file stems in reading order: known ones first, then the rest alphabetically."""
    known = [n for n in GUIDE_ORDER if n in names]
    return known + sorted(n for n in names if n not in GUIDE_ORDER)
