"""Renderings of one `CheckResult`: terminal text, JSON, GitHub workflow commands, Markdown."""

from __future__ import annotations

from collections.abc import Callable

from towns.check import CheckResult
from towns.report.github import render_github
from towns.report.jsonreport import render_json
from towns.report.markdown import render_markdown
from towns.report.text import render_text

Renderer = Callable[[CheckResult], str]

RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "markdown": render_markdown,
}
