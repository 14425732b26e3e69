"""Nothing an applicant writes reaches the built site as live markup.

One registry whose every free-text field and report carries script, event-handler, `javascript:`
and frame payloads, plus Markdown that breaks tables and fakes the bot's marker, is built with the
repository's real `mkdocs.yml` and hook. Every HTML page is then parsed: no payload may be a live
element, an event-handler attribute or a script/`javascript:` address.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile_support import TODAY

from towns.synth import generate
from towns.synth.declarations import SCHEMA_LINE
from towns.synth.yamldump import dump

ROOT = Path(__file__).resolve().parents[2]
MARK = "HOSTILE"
PAYLOADS = (
    f'<script>alert("{MARK}1")</script>',
    f'<img src=x onerror=alert("{MARK}2")>',
    f"<a href=\"javascript:alert('{MARK}3')\">点我</a>",
    f"[点我](javascript:alert('{MARK}4'))",
    f'<iframe src="https://evil.example/{MARK}5"></iframe>',
    f'<svg onload=alert("{MARK}6")>',
    # One line: names and addresses refuse line breaks (E-SCHEMA-005); the report carries them.
    f"<!-- towns-report:v1 --> | {MARK}7 | 破坏 | --- |",
    f'"><script>alert("{MARK}8")</script>',
    f"<details open ontoggle=alert('{MARK}9')>",
    f'</title><script>alert("{MARK}10")</script>',
    f'</textarea><script>alert("{MARK}11")</script>',
)
FREE_TEXT = frozenset(
    {
        "name",
        "address",
        "area_description",
        "leading_industry",
        "internet_development",
        "head",
        "competent_department",
        "coordination_lead",
        "plan_name",
        "highlights",
        "rd_institution",
        "partner",
        "field",
        "description",
        "creation_plan_name",
        "other_policies",
        "transport",
        "public_services",
        "overall_goal",
        "title",
    }
)
DANGEROUS_TAGS = frozenset({"script", "iframe", "svg", "object", "embed", "details", "img"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})


def _poison(value: Any, counter: list[int]) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in FREE_TEXT and isinstance(item, str):
                counter[0] += 1
                out[key] = (item + PAYLOADS[counter[0] % len(PAYLOADS)])[:190]
            else:
                out[key] = _poison(item, counter)
        return out
    if isinstance(value, list):
        return [_poison(item, counter) for item in value]
    return value


def _hostile_registry(root: Path, names: tuple[str, ...]) -> Path:
    generate(root, 3, seed=13, as_of=TODAY)
    counter = [0]
    for index, path in enumerate(sorted(root.glob("submissions/*/*/declaration.yaml"))):
        data = _poison(yaml.safe_load(path.read_text(encoding="utf-8")), counter)
        data["name"] = f"云智小镇{index}{names[index % len(names)]}"
        path.write_text(SCHEMA_LINE + dump(data), encoding="utf-8")
        report = path.parent / "report.md"
        report.write_text(
            report.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(PAYLOADS) + "\n", encoding="utf-8"
        )
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for rel in ("scripts/towns/site/theme", "scripts/towns/site/mkdocs_hook.py"):
        config = config.replace(f" {rel}", f" {(ROOT / rel).as_posix()}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "docs", root / "docs")
    return root


class _Live(HTMLParser):
    """Collects payloads that a browser would execute or load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False
        self._rcdata: str | None = None  # inside <title> or <textarea> a browser reads no tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._rcdata is not None:
            return
        if tag in {"title", "textarea"}:
            self._rcdata = tag
            return
        self._in_script = tag == "script"
        joined = " ".join(f"{k}={v}" for k, v in attrs)
        if tag in DANGEROUS_TAGS and MARK in joined:
            self.problems.append(f"live <{tag}> {joined[:80]}")
        for key, value in attrs:
            text = (value or "").strip().lower()
            if key.startswith("on") and MARK.lower() in text:
                self.problems.append(f"event handler {key}={text[:60]}")
            if key in URL_ATTRIBUTES and text.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.problems.append(f"script address {key}={text[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._rcdata:
            self._rcdata = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and MARK in data:
            self.problems.append(f"script content {data.strip()[:60]}")


def _live_payloads(root: Path) -> list[str]:
    """Build the site of ``root``; every payload a browser would run or load, by page."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    proc = subprocess.run(
        [str(mkdocs), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 10
    assert any(MARK in page.read_text(encoding="utf-8") for page in pages), "no payload reached the site"
    problems: list[str] = []
    for page in pages:
        parser = _Live()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(root / 'site')}: {p}" for p in parser.problems]
    return problems


@pytest.fixture(autouse=True)
def _needs_site() -> None:
    if not (ROOT / "mkdocs.yml").exists():
        pytest.skip("the site is not part of this checkout")


@pytest.mark.slow
def test_payloads_never_live_in_the_built_site(tmp_path: Path) -> None:
    names = (PAYLOADS[1], PAYLOADS[4], PAYLOADS[-1])
    problems = _live_payloads(_hostile_registry(tmp_path / "registry", names))
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_town_name_cannot_break_out_of_the_page_title(tmp_path: Path) -> None:
    """Material writes ``page.title | striptags``, which decodes an escaped name; the theme escapes it."""
    problems = _live_payloads(_hostile_registry(tmp_path / "registry", (PAYLOADS[-2],)))
    assert problems == [], "\n".join(problems)
