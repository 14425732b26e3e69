"""The MkDocs adapter: a thin shell that hands the generated pages and files to MkDocs.

Referenced from `mkdocs.yml` (`hooks:`). All the work is in plain functions: `towns.site.pages`
(the pages and files), `towns.site.provenance` (dates and sources), `towns.site.search` and
`towns.site.searchindex` (the search index). This module runs the check, registers the results
as MkDocs files, splices section entries into the nav, gives each page its facts, collects each
page's search document, builds the search index after the pages are written and watches the
data for `mkdocs serve`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from towns import clock
from towns.check import run_check
from towns.site.apply_form import FormBundleMissing
from towns.site.nav import extend_nav
from towns.site.pages import Site, SiteOptions, build_site, find_guides
from towns.site.provenance import PROGRAM_FILE, PageFacts, git_dates, source_url, static_page_dates
from towns.site.search import SearchDoc, page_document
from towns.site.searchindex import SearchIndexError, build_index

WATCHED = ("program.yaml", "submissions", "records", "decisions", "scripts/towns")
DEFAULT_BRANCH = "main"
_state: dict[str, Any] = {}


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: Any) -> Any:
    root = _root(config)
    try:
        today = clock.today()  # MkDocs takes no options: TOWNS_TODAY pins the day
    except clock.ClockError as exc:
        raise PluginError(str(exc)) from None
    result = run_check(root, today=today)
    if result.program is None:
        raise PluginError("program.yaml 无法读取，请先运行 towns check 查看原因。")
    options = SiteOptions(
        demo=bool(config.extra.get("demo", False)),
        site_url=config.site_url or "",
        as_of=today,
        guides=find_guides(Path(config.docs_dir)),
    )
    try:
        site = build_site(result, root, options)
    except FormBundleMissing as exc:
        raise PluginError(str(exc)) from None
    _state.update(site=site, root=root, docs={})
    config.extra["towns_site"] = site.footer
    config.nav = extend_nav(config.nav or [], site.nav)
    return config


def on_files(files: Files, config: Any) -> Files:
    site: Site = _state["site"]
    for path, markdown in site.pages.items():
        inclusion = InclusionLevel.INCLUDED if path in site.in_nav else InclusionLevel.NOT_IN_NAV
        _put(files, File.generated(config, path, content=markdown, inclusion=inclusion))
    for path, content in site.files.items():
        if isinstance(content, Path):
            _put(files, File.generated(config, path, abs_src_path=str(content)))
        else:
            _put(files, File.generated(config, path, content=content))
    _state["facts"] = _all_facts(site, files, config)
    return files


def _put(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _all_facts(site: Site, files: Files, config: Any) -> dict[str, PageFacts]:
    """Facts of every page: hand-written ones dated by git (one call), generated ones by their data."""
    root: Path = _state["root"]
    docs_dir = Path(config.docs_dir).resolve()
    rel_docs = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else ""
    written = [f.src_uri for f in files.documentation_pages() if f.src_uri not in site.pages]
    git = git_dates(root, [p for p in (rel_docs, PROGRAM_FILE) if p]) if rel_docs else {}
    return {**static_page_dates(git, rel_docs, written), **site.facts}


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    facts: PageFacts | None = _state.get("facts", {}).get(page.file.src_uri)
    if facts is None:
        return markdown
    branch = str(config.extra.get("source_branch") or DEFAULT_BRANCH)
    page.meta["towns"] = {
        "updated": facts.updated,
        "source": facts.source,
        "source_url": source_url(config.repo_url or "", branch, facts.source) if facts.source else None,
        "record": facts.record,
    }
    if facts.description:
        # Material writes page.meta.description into its tag as it is: escape it here, once.
        page.meta["description"] = html.escape(facts.description)
    return markdown


def on_post_page(output: str, page: Any, config: Any) -> str:
    doc = _search_doc(page, output)
    if doc is not None:
        _state["docs"][page.file.src_uri] = doc
    return output


def _search_doc(page: Any, output: str) -> SearchDoc | None:
    """A town's document from its data; other pages the navigation leads to, from their HTML."""
    site: Site = _state["site"]
    src = page.file.src_uri
    if src in site.search_docs:
        return site.search_docs[src]
    search = page.meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    if src not in site.pages and not page.file.inclusion.is_in_nav():
        return None  # hand-written pages outside the navigation (developer notes)
    return page_document(page.url, output)


def on_post_build(config: Any) -> None:
    try:
        build_index(_state.get("docs", {}).values(), Path(config.site_dir))
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from exc


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    root = _root(config)
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    return server
