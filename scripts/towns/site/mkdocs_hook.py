"""The MkDocs adapter: a thin shell that hands the generated pages and files to MkDocs.

Referenced from `mkdocs.yml` (`hooks:`). All the work is in `towns.site.pages.build_site`; this
module only runs the check, registers the results as MkDocs files, splices section entries into
the nav, points the search plugin at the generated jieba dictionary and watches the data for
`mkdocs serve`.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from towns.check import run_check
from towns.site.apply_form import FormBundleMissing
from towns.site.nav import extend_nav
from towns.site.pages import Site, SiteOptions, build_site, find_guides

WATCHED = ("program.yaml", "submissions", "records", "decisions", "scripts/towns")
_state: dict[str, Any] = {}


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)  # before the search plugin loads the jieba user dictionary in its on_config
def on_config(config: Any) -> Any:
    logging.getLogger("jieba").setLevel(logging.WARNING)  # its dictionary-loading chatter
    root = _root(config)
    result = run_check(root, today=dt.date.today())
    if result.program is None:
        raise PluginError("program.yaml 无法读取，请先运行 towns check 查看原因。")
    options = SiteOptions(
        demo=bool(config.extra.get("demo", False)),
        site_url=config.site_url or "",
        guides=find_guides(Path(config.docs_dir)),
    )
    try:
        site = build_site(result, root, options)
    except FormBundleMissing as exc:
        raise PluginError(str(exc)) from None
    _state["site"] = site
    _use_search_words(config, site.search_words)
    config.nav = extend_nav(config.nav or [], site.nav)
    return config


def _use_search_words(config: Any, words: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="towns-search-"))
    _state["tmp"] = folder
    path = folder / "jieba-user.txt"
    path.write_text(words, encoding="utf-8")
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin.config, "jieba_dict_user"):
            plugin.config.jieba_dict_user = str(path)


def on_pre_build(config: Any) -> None:
    folder = _state.pop("tmp", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


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
    return files


def _put(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    root = _root(config)
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    return server
