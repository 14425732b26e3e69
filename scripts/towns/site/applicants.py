"""Pages for applicants: how to apply, the conditions, and the catalog of finding codes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby

from towns import windows
from towns.catalog import CodeEntry, catalog
from towns.eligibility.docs import rules_page_markdown
from towns.findings import Severity
from towns.models.program import Batch, Program
from towns.site.badges import status_badge
from towns.site.escape import code, md, md_block

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
    "FILL": "待填写的记录",
    "REVIEW": "审核意见",
    "PROGRAM": "政策参数",
    "DUTY": "职责分离",
    "PR": "拉取请求",
    "PUB": "已公布记录的更正",
    "LATE": "补录",
}
GUIDE_ORDER = ("web", "format", "submit", "review", "lifecycle", "deploy")


def code_anchor(code: str) -> str:
    """The anchor of a code on the catalog page: messages link to ``apply/codes/#<code>``."""
    return code


def apply_page(program: Program, guides: Sequence[tuple[str, str]], as_of: dt.date) -> str:
    """How to apply as of ``as_of``; ``guides`` are (title, docs-relative path) of docs/guide."""
    kinds = "\n".join(
        f"{n}. {md(k.name)}（{code(k.id)}{'，必交' if k.required else '，选交'}）"
        for n, k in enumerate(program.files.attachment_kinds, start=3)
    )
    batches = "\n".join(_batch_row(program, b, as_of) for b in sorted(program.batches, key=lambda b: b.opens))
    outlook = md(windows.advice(program, as_of, when=f"截至 {as_of.isoformat()}，"))
    guide_lines = (
        "\n".join(f"- [{md(title)}](../{path})" for title, path in guides) or "- 申报指南正在编写中。"
    )
    types = "、".join(md(t.name) for t in program.files.attachment_types)
    limit_mb = program.files.attachment_max_bytes // (1024 * 1024)
    return f"""# 如何申报

小镇管理机构作为申报主体，按批次提交申报材料，经所在{md(program.province.city_department)}审核后
推荐报送{md(program.province.authority_short)}（方案 4.1）。各批次的申报主体和申报条件按该批次适用的
规则集，见[申报条件](conditions.md)。

{outlook}。

## 网上填写和提交（不需要 Git，推荐）

1. 在[在线填写申报表](form/index.md)页面填写申报表和申请报告，页面会逐项检查并说明要求；
2. 下载申报材料（ZIP），把附件放进其中的 `attachments` 文件夹；
3. 按[不用 Git 提交申报](../guide/web.md)的步骤，在 GitHub 网页上上传并提交拉取请求（Pull Request）。

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

| 批次 | 受理时间（含首尾两日） | 申报条件 | 截至 {as_of.isoformat()} |
| --- | --- | --- | --- |
{batches}

`towns new` 生成的模板填写的是当天正在受理的批次；没有正在受理的批次时，它不生成模板，
并说明下一批次的受理时间或向谁咨询。

## 检查与结果

提交前可运行 `towns check` 检查材料；每条检查结果都有一个代码，含义和处理方法见[检查结果代码](codes.md)。
申报条件见[申报条件](conditions.md)。
"""


def _batch_row(program: Program, batch: Batch, as_of: dt.date) -> str:
    rules = _rules_title(program, batch.rules)
    return f"| {batch.year} 年 | {md(windows.window(batch))} | {md(rules)} | {_window_state(batch, as_of)} |"


def _window_state(batch: Batch, as_of: dt.date) -> str:
    if batch.accepts(as_of):
        return "**正在受理**"
    return "尚未开始" if as_of < batch.opens else "已截止"


def _rules_title(program: Program, name: str) -> str:
    rule_set = program.rule_sets.get(name)
    return rule_set.title if rule_set is not None else name


def conditions_page(program: Program) -> str:
    """The eligibility rules page, written by the eligibility package from the program data."""
    text = rules_page_markdown(program, status_badge)
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
