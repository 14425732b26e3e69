"""The rules page for applicants (申报条件说明), generated from the rules and `program.yaml`.

Nothing on the page is written twice: the explanation of each condition is its rule's docstring,
the thresholds are the same `requirement` texts the checker puts in its verdicts, per rule set and
per region, and the examples are computed from the same thresholds. The site publishes the page;
`towns rules` writes it to a file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from towns.catalog import catalog
from towns.eligibility.render import ICONS, WORDS, escape_cell
from towns.eligibility.rules import AnyRule, rules_for
from towns.models.program import Program, Region
from towns.models.rules import RuleSet, Threshold
from towns.models.source import Source, settings
from towns.models.values import TownType

INTRO = (
    "本页说明{program}的申报条件（方案 4.1(1)、4.2、4.3），由检查程序根据政策参数文件 "
    "`program.yaml` 自动生成，与提交申报材料时的自动审查使用同一套规则和门槛。"
    "每个小镇按其申报批次适用的规则集审查：后来的批次调整条件，不影响此前批次已受理的申报。"
)
READING = [
    "“不少于、不低于、以上”含本数：恰好等于门槛即符合；“超过、高于”不含本数：必须大于门槛。",
    "数量和比例一律按申报表中逐一列出的名单计算，不采用填写的汇总数；汇总数与名单不一致时须修改。",
    "比例按分数精确计算，不四舍五入：10 家中 3 家为 30%；10000 家中 2999 家为 29.99%，不到 30%。",
    "政策写明“可酌情增减”的门槛（如面积）未达到时只给出提醒，不阻止提交申报；是否接受由省经济和"
    "信息化委在批次审核中逐个决定，列入名单的须在批次审核结果中写明豁免及理由。数值为 0 或自相矛盾"
    "（核心区大于规划建设面积）不是“不足”，判定为不符合。",
    "方案列举后写有“等”的（应用领域、创业创新服务平台、专业性公共服务平台），列举的是示例："
    "列举之外的也计入，并提醒评审专家确认；没有“等”的（研发合作单位）只计列举的类型。",
    "各条件的说明引用方案原文；具体门槛以条件下方的表格为准（由 program.yaml 生成）。",
]


def rules_page_markdown(program: Program) -> str:
    """The whole page, in Chinese Markdown."""
    lines = [
        f"# {program.province.program_name}申报条件",
        "",
        INTRO.format(program=program.province.program_name),
        "",
    ]
    lines += _rule_sets_table(program)
    lines += ["## 如何阅读门槛", "", *[f"- {text}" for text in READING], ""]
    lines += _legend()
    for town_type in TownType:
        lines += [f"## {town_type.label}小镇", ""]
        for rule in rules_for(town_type):
            lines += _condition_section(program, rule, town_type)
    lines += _general_codes()
    lines += sources_section(program)
    return "\n".join(lines).rstrip() + "\n"


def sources_section(program: Program) -> list[str]:
    """Where every setting of the program data comes from: a clause of the policy, or the province."""
    lines = [
        "## 政策参数的来源",
        "",
        "下表列出 `program.yaml` 中每项设定的来源：“方案”指方案原文的条款；“本省设定”是方案没有"
        "规定、由省经济和信息化委设定的内容，并写明理由或先例。各申报条件的门槛以该条件的方案条款为准。",
        "",
        "| 设定 | 来源 |",
        "| --- | --- |",
    ]
    lines += [
        f"| {escape_cell(title)} | {escape_cell(_source_text(source))} |"
        for _, title, source in settings(program)
    ]
    return [*lines, ""]


def _source_text(source: Source | None) -> str:
    return source.text if source is not None else "（未写明来源）"


def _general_codes() -> list[str]:
    """Codes that belong to no single condition: summary counts, undefined shares, batches, waivers."""
    entries = [e for code, e in sorted(catalog().items()) if code[2:].startswith(("ELIG-00", "SUM-"))]
    lines = ["## 其他相关提示", "", "| 代码 | 名称 | 说明 |", "| --- | --- | --- |"]
    lines += [f"| `{e.code}` | {escape_cell(e.title)} | {escape_cell(e.explanation)} |" for e in entries]
    return [*lines, ""]


def _rule_sets_table(program: Program) -> list[str]:
    lines = ["## 规则集与申报批次", "", "| 规则集 | 名称 | 适用批次 | 说明 |", "| --- | --- | --- | --- |"]
    for name, rule_set in program.rule_sets.items():
        years = "、".join(str(b.year) for b in program.batches if b.rules == name) or "（暂无批次）"
        cells = (name, rule_set.title, years, rule_set.description)
        lines.append("| " + " | ".join(escape_cell(c) for c in cells) + " |")
    return [*lines, ""]


def _legend() -> list[str]:
    meaning = {
        "pass": "符合该条件",
        "fail": "不符合，须修改后才能合并",
        "warning": "未达到可酌情增减的门槛，只作提醒；列入名单须经省里在批次审核中写明豁免",
        "waived": "省里已在批次审核中豁免，并注明依据",
    }
    lines = ["## 审查结论的含义", "", "| 结论 | 含义 |", "| --- | --- |"]
    lines += [f"| {ICONS[k]} {WORDS[k]} | {v} |" for k, v in meaning.items()]
    return [*lines, ""]


def _condition_section(program: Program, rule: AnyRule, town_type: str) -> list[str]:
    latest_name, latest = list(program.rule_sets.items())[-1]
    params: Any = rule.select(latest, town_type)
    lines = [f"### {params.title}（方案 {params.clause}）", "", *_explanation(rule), ""]
    lines += ["| 规则集 | 地区 | 要求 |", "| --- | --- | --- |"]
    for name, rule_set in program.rule_sets.items():
        lines += _threshold_rows(program, rule, town_type, name, rule_set)
    examples = _examples(program, rule, params)
    if examples:
        lines += ["", f"示例（{escape_cell(latest_name)} 规则集）：", "", *[f"- {e}" for e in examples]]
    return [*lines, "", *_codes(rule), ""]


def _codes(rule: AnyRule) -> list[str]:
    """The finding codes this condition can report, so the page links the checker's messages to it."""
    entries = [e for code, e in sorted(catalog().items()) if code[2:].startswith(rule.code_prefix)]
    if not entries:
        return []
    return ["相关提示：" + "；".join(f"`{e.code}` {e.title}" for e in entries) + "。"]


def _explanation(rule: AnyRule) -> list[str]:
    """The rule's docstring without its title line (the heading already says it)."""
    paragraphs = rule.doc.split("\n\n")
    body = paragraphs[1:] if len(paragraphs) > 1 else paragraphs
    return [_join_lines(p.split("\n")) for p in body]


def _join_lines(parts: list[str]) -> str:
    """Chinese lines join without a space; Latin text keeps its space from Chinese (“公共区域 WLAN”)."""
    text = ""
    for raw in parts:
        part = raw.strip()
        if text and part and _latin(text[-1]) != _latin(part[0]):
            text += " "
        text += part
    return text


def _threshold_rows(
    program: Program, rule: AnyRule, town_type: str, name: str, rule_set: RuleSet
) -> list[str]:
    params: Any = rule.select(rule_set, town_type)
    regions: list[Region | None] = list(program.regions) if is_regional(params) else [None]
    rows = []
    for region in regions:
        where = region.name if region else "全省"
        cells = (name, where, rule.requirement(params, region))
        rows.append("| " + " | ".join(escape_cell(c) for c in cells) + " |")
    return rows


def _examples(program: Program, rule: AnyRule, params: Any) -> list[str]:
    regions: list[Region | None] = list(program.regions) if is_regional(params) else [None]
    seen: list[str] = []
    for region in regions:
        for example in rule.examples(params, region):
            text = f"{region.name}：{example}" if region and len(regions) > 1 else example
            if text not in seen:
                seen.append(text)
    return seen


def is_regional(params: object) -> bool:
    """Does any threshold inside ``params`` differ by region?"""
    if isinstance(params, Threshold):
        return params.regional
    if isinstance(params, BaseModel):
        return any(is_regional(getattr(params, name)) for name in type(params).model_fields)
    if isinstance(params, list | tuple):
        return any(is_regional(item) for item in params)
    return False


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()
