"""Building the search index: the documents as small HTML files, then Pagefind over them.

Pagefind (the `pagefind-bin` package ships its binary) writes a bundle that a browser loads only
when someone searches: an index split into chunks by term, one fragment per result, and its own
script. The bundle goes to ``<site>/pagefind/``; `theme/assets/towns/search.js` uses it.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from towns.site.search import SearchDoc, stub_html

BUNDLE_DIR = "pagefind"
TIMEOUT_SECONDS = 600
# Pagefind's ready-made interfaces: the site has its own search box, so they are never loaded.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """The index could not be built; the message says why, in Chinese."""


def pagefind_binary() -> Path:
    """The Pagefind executable of the installed `pagefind-bin` package."""
    try:
        from pagefind_bin import get_executable  # noqa: PLC0415 - only the site build needs it
    except ImportError as exc:
        raise SearchIndexError("没有安装 pagefind-bin：请运行 python3 scripts/dev.py setup。") from exc
    return Path(get_executable())


def write_documents(docs: Iterable[SearchDoc], folder: Path) -> int:
    """One stub page per document at the document's URL; returns how many were written."""
    count = 0
    for doc in docs:
        rel = PurePosixPath(doc.url.strip("/")) / "index.html" if doc.url.strip("/") else "index.html"
        path = folder / str(rel)
        if folder.resolve() not in path.resolve().parents:
            continue  # a URL that would leave the folder is no page of this site
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(stub_html(doc), encoding="utf-8")
        count += 1
    return count


def build_index(docs: Iterable[SearchDoc], site_dir: Path) -> int:
    """Index ``docs`` into ``site_dir/pagefind``; returns the number of documents indexed."""
    binary = pagefind_binary()
    with tempfile.TemporaryDirectory(prefix="towns-search-") as tmp:
        count = write_documents(docs, Path(tmp))
        cmd = [str(binary), "--site", tmp, "--output-path", str(site_dir / BUNDLE_DIR), "--silent"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SearchIndexError(f"搜索索引生成失败：{exc}") from exc
    if proc.returncode != 0:
        raise SearchIndexError(
            f"搜索索引生成失败（Pagefind 退出码 {proc.returncode}）：{proc.stderr[-2000:]}"
        )
    for name in UNUSED_FILES:
        (site_dir / BUNDLE_DIR / name).unlink(missing_ok=True)
    return count
