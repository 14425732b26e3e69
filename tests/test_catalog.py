"""The code catalog: every code used by the package is defined, every entry is complete Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from message_language import unreadable
from towns.catalog import catalog

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "towns"
CODE_IN_SOURCE = re.compile(r"""["']([EW]-[A-Z]+-\d{3})["']""")


def used_codes() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        found |= set(CODE_IN_SOURCE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_code_used_in_the_package_is_in_the_catalog() -> None:
    missing = used_codes() - set(catalog())
    assert not missing, f"codes used but not defined in scripts/towns/catalog/: {sorted(missing)}"


def test_every_entry_is_complete_and_chinese() -> None:
    for code, entry in catalog().items():
        assert entry.title and not entry.title.isascii(), code
        assert entry.message and not entry.message.isascii(), code
        assert entry.explanation, f"{code} needs an explanation for the site's catalog page"
        assert entry.hint is None or not entry.hint.isascii(), code


CATALOG_FILES = sorted((PACKAGE / "catalog").glob("*.yaml"))
_PAIRS = ("（）", "()", "“”", "‘’", "「」", "《》", "【】", "[]", "{}")


def _comments_after_scalars(text: str) -> list[tuple[int, str]]:
    """Lines where a scalar is followed by a comment: a plain scalar ends at ` #`, so it was cut."""
    lines = text.split("\n")
    out = []
    for token in yaml.scan(text):
        if isinstance(token, yaml.ScalarToken) and token.end_mark.line < len(lines):
            rest = lines[token.end_mark.line][token.end_mark.column :]
            if rest.lstrip().startswith("#"):
                out.append((token.end_mark.line + 1, token.value))
    return out


@pytest.mark.parametrize("path", CATALOG_FILES, ids=[p.name for p in CATALOG_FILES])
def test_no_catalog_text_is_followed_by_a_comment(path: Path) -> None:
    """An unquoted ` #` starts a YAML comment: the text before it would be all that is shown."""
    assert _comments_after_scalars(path.read_text(encoding="utf-8")) == []


def test_the_comment_check_sees_a_cut_text() -> None:
    assert _comments_after_scalars("hint: 请以 Markdown 标题（以 # 开头的行）写出\n") == [
        (1, "请以 Markdown 标题（以")
    ]


def test_every_catalog_text_closes_its_brackets_and_quotes() -> None:
    for code, entry in catalog().items():
        for text in (entry.title, entry.message, entry.hint or "", entry.explanation):
            for opening, closing in _PAIRS:
                assert text.count(opening) == text.count(closing), f"{code}: {opening}{closing} in {text!r}"


def test_no_catalog_text_names_a_field_by_its_code_path() -> None:
    for code, entry in catalog().items():
        for text in (entry.message, entry.hint or ""):
            assert unreadable(text) == [], f"{code}: {text!r}"
