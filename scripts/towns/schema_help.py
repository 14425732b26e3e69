"""Chinese editor help in the published schemas, derived from what the schemas already say.

yaml-language-server (and VS Code's JSON support, whose keywords it shares) shows a property's
``markdownDescription`` beside its key in completion, a value's ``markdownEnumDescriptions`` /
``enumDescriptions`` beside each value, and a schema's ``errorMessage`` instead of its own English
text for a wrong type, a value outside the set, a missing or unknown property of an object, and
(with ``patternErrorMessage`` first) a pattern mismatch. All of it is built here from the titles,
descriptions, types, bounds and value sets the models publish, so nothing is written twice. The
keywords are annotations: they change no validation (draft 2020-12 ignores unknown keywords).
"""

from __future__ import annotations

from typing import Any

from towns.models.common import NOT_BLANK, ONE_LINE

_TEXT = "全部由数字组成时要加英文引号"


def with_editor_help(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with Chinese completion texts and diagnostics added to every property and object."""
    definitions = schema.get("$defs", {})
    for node in [schema, *definitions.values()]:
        _tidy_definition(node)
        if "properties" in node:
            _help_object(node, definitions)
    return schema


def _tidy_definition(node: dict[str, Any]) -> None:
    """Class names and English docstrings are the code's, not help for the people filling it in."""
    for key in ("title", "description"):
        if isinstance(node.get(key), str) and not _chinese(node[key]):
            del node[key]


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _help_object(node: dict[str, Any], definitions: dict[str, Any]) -> None:
    properties: dict[str, Any] = node["properties"]
    required = [k for k in properties if k in node.get("required", [])]
    optional = [k for k in properties if k not in required]
    parts = [f"必填：{_names(required, properties)}"] if required else []
    parts += [f"选填：{_names(optional, properties)}"] if optional else []
    node["errorMessage"] = "这一组字段中，" + "；".join(parts) + "；不能有其他字段"
    for body in properties.values():
        _help_property(body, definitions)


def _names(keys: list[str], properties: dict[str, Any]) -> str:
    return "、".join(f"{k}（{properties[k]['title']}）" if properties[k].get("title") else k for k in keys)


def _help_property(body: dict[str, Any], definitions: dict[str, Any]) -> None:
    title = body.get("title")
    if not isinstance(title, str) or not _chinese(title):
        return  # the program data's own fields are named in English: nothing to help with
    description = body.get("description", "")
    body["markdownDescription"] = f"**{title}**" + (f"\n\n{description}" if description else "")
    branches = [b for b in body.get("anyOf", []) if b.get("type") != "null"]
    optional = len(branches) < len(body.get("anyOf", []))
    for branch in branches or [body]:
        target = _resolved(branch, definitions)
        if target.get("type") == "object" or "properties" in target:
            continue
        expected = _expected(target, description) + ("，也可以不填" if optional else "")
        message = f"“{title}”{expected}"
        for place in {id(branch): branch, id(body): body}.values():
            place["errorMessage"] = message
            if "pattern" in target:
                place["patternErrorMessage"] = message
        if target is not branch:  # a shared value set: editors check it there, without the field's name
            _name_values(target)
            target.setdefault("errorMessage", "此处" + _expected(target, ""))


def _resolved(branch: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    ref = branch.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target: dict[str, Any] = definitions[ref.rsplit("/", 1)[-1]]
        return target
    return branch


def _name_values(definition: dict[str, Any]) -> None:
    """Each value with its Chinese name, for completion and hover (markdown-capable editors)."""
    names = definition.get("enumDescriptions")
    if isinstance(names, list) and "markdownEnumDescriptions" not in definition:
        definition["markdownEnumDescriptions"] = [
            f"**{value}**：{name}" for value, name in zip(definition["enum"], names, strict=True)
        ]


def _expected(node: dict[str, Any], description: str) -> str:  # noqa: PLR0911 - one answer per kind of value
    """What the field takes, in words: the first sentence of a diagnostic."""
    if "enum" in node:
        names = node.get("x-enumNames") or node.get("enumDescriptions")
        values = (
            [f"{v}（{n}）" for v, n in zip(node["enum"], names, strict=True)]
            if names
            else map(str, node["enum"])
        )
        return "只能填写以下之一：" + "、".join(values)
    if "const" in node:
        return f"只能填写 {node['const']}"
    kind = node.get("type")
    if kind == "boolean":
        return "只能填写 true 或 false"
    if kind in {"integer", "number"}:
        word = "整数" if kind == "integer" else "数字"
        return f"应填写{word}（不加引号、不带单位）{_range(node)}"
    if kind == "array":
        return "应为列表，每项另起一行，以“- ”开头"
    if node.get("format") == "date":
        return "应为日期，格式 YYYY-MM-DD（如 2018-08-20），须是日历上有的日子"
    if node.get("pattern") not in {None, ONE_LINE, NOT_BLANK}:
        return f"的格式不对：{description or '请对照字段说明'}（{_TEXT}）"
    limit = f"，最多 {node['maxLength']} 个字" if "maxLength" in node else ""
    return f"应填写文字，不能为空{limit}（{_TEXT}）"


def _range(node: dict[str, Any]) -> str:
    bounds = []
    if "minimum" in node:
        bounds.append(f"不小于 {node['minimum']}")
    if "exclusiveMinimum" in node:
        bounds.append(f"大于 {node['exclusiveMinimum']}")
    if "maximum" in node:
        bounds.append(f"不大于 {node['maximum']}")
    if "exclusiveMaximum" in node:
        bounds.append(f"小于 {node['exclusiveMaximum']}")
    return "，" + "、".join(bounds) if bounds else ""
