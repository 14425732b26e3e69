"""The declaration templates shipped with the package, their value comments filled from the value sets.

A template line whose comment holds ``__CHOICES__`` gets the values of the field on that line with
their Chinese names: ``operations_team: none  # 运营服务团队：__CHOICES__`` becomes ``… established
已建立 / forming 正在组建 / none 未建立``. The field is found by its YAML path in the declaration
model of the template's town type, so the comment lists exactly the values the model accepts and
never needs typing by hand. `towns new` and the site's template downloads both render this way.
"""

from __future__ import annotations

import re
import types
from collections import abc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from towns.models.declaration import MODELS
from towns.models.values import Choice

CHOICES = "__CHOICES__"
_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[a-z_][a-z0-9_]*):")


@dataclass(frozen=True, slots=True)
class ChoiceLine:
    """A template line whose field takes a value of a value set."""

    number: int  # 1-based
    path: tuple[str, ...]
    members: tuple[Choice, ...]
    marked: bool


def template_text(kind: str, name: str) -> str:
    """A template file as shipped, e.g. ``template_text("industry", "report-{kind}.md")``."""
    return (resources.files("towns") / "templates" / name.format(kind=kind)).read_text(encoding="utf-8")


def declaration_template(kind: str) -> str:
    """The declaration template of a town type with every value comment filled in."""
    return fill_choices(template_text(kind, "{kind}.yaml"), MODELS[kind])


def fill_choices(text: str, model: type[BaseModel]) -> str:
    """Replace each ``__CHOICES__`` with the values of the field on its line."""
    lines = text.splitlines(keepends=True)
    for line in choice_lines(text, model):
        if line.marked:
            rendered = type(line.members[0]).choices(line.members)
            lines[line.number - 1] = lines[line.number - 1].replace(CHOICES, rendered)
    return "".join(lines)


def choice_lines(text: str, model: type[BaseModel]) -> Iterator[ChoiceLine]:
    """Every line of ``text`` that sets a value-set field of ``model``.

    A marker on a line whose field is not a value set (or not a field at all) is a mistake in the
    template: it raises, and the template tests catch it.
    """
    stack: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _KEY.match(line)
        if match is None:
            continue
        column = len(match["indent"]) + (2 if match["dash"] else 0)
        while stack and stack[-1][0] >= column:
            stack.pop()
        stack.append((column, match["key"]))
        path = tuple(key for _, key in stack)
        members = _members(model, path)
        marked = CHOICES in line.partition("#")[2]
        if members:
            yield ChoiceLine(number, path, members, marked)
        elif marked:
            raise ValueError(f"line {number}: {'.'.join(path)} is not a field with a value set")


def _members(model: type[BaseModel], path: Sequence[str]) -> tuple[Choice, ...]:
    current: Any = model
    for key in path:
        fields = getattr(current, "model_fields", None)
        if not fields or key not in fields:
            return ()
        current = _unwrap(fields[key].annotation)
    if isinstance(current, type) and issubclass(current, Choice):
        return tuple(current)
    if get_origin(current) is Literal and all(isinstance(a, Choice) for a in get_args(current)):
        return get_args(current)
    return ()


def _unwrap(annotation: Any) -> Any:
    """``X`` from ``X``, ``list[X]``, ``Sequence[X]`` and ``X | None``."""
    origin = get_origin(annotation)
    if origin is list or origin is abc.Sequence:
        return _unwrap(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(inner[0]) if len(inner) == 1 else annotation
    return annotation
