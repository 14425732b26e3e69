"""The whole site as data: Markdown pages, files to copy, nav entries and search words.

`build_site` is the one entry point the MkDocs hook and `towns site` share. Pages are returned as
{docs-relative path: Markdown}; files as {site path: bytes or a source Path to copy}. Per town the
work is constant: its page, its printable form, its attachments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from towns import layout
from towns.check import CheckResult
from towns.site import applicants, lists
from towns.site.data import SiteData, TownEntry, site_data
from towns.site.feed import FEED_PATH, decisions_feed
from towns.site.files import attachment_files, schema_files, template_files
from towns.site.form import form_page
from towns.site.home import home_page
from towns.site.listdata import SCRIPT_PATH, list_json, script_file
from towns.site.opendata import api_files
from towns.site.report import render_report
from towns.site.search import jieba_user_dict
from towns.site.town import town_page

NavItem = dict[str, str]


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """Choices of the deployment, not of the data."""

    demo: bool = True
    site_url: str = ""
    as_of: dt.date = field(default_factory=dt.date.today)
    guides: tuple[tuple[str, str], ...] = ()  # (title, docs-relative path) of docs/guide pages


@dataclass(slots=True)
class Site:
    pages: dict[str, str]
    files: dict[str, bytes | Path]
    nav: dict[str, list[NavItem]]
    in_nav: set[str]
    search_words: str


def build_site(result: CheckResult, root: Path, options: SiteOptions) -> Site:
    """Everything generated from one check result of the repository at ``root``."""
    data = site_data(result, demo=options.demo)
    attachments = attachment_files(root, data)
    pages = section_pages(data, options)
    for entry in data.towns:
        report = read_report(root, entry, data.program.files.report_max_bytes)
        pages[entry.page] = town_page(data, entry, report, attachments[entry.page])
        pages[entry.form_page] = form_page(data, entry)
    files: dict[str, bytes | Path] = {}
    files.update(template_files())
    files.update(schema_files(data.program))
    files.update(api_files(data, options.as_of.isoformat()))
    files[FEED_PATH] = decisions_feed(data, options.site_url, options.as_of.isoformat())
    files.update({t.data_path: list_json(data, t) for t in lists.town_lists(data)})
    files[SCRIPT_PATH] = script_file()
    for published in attachments.values():
        files.update({p.dest: p.source for p in published})
    nav = nav_additions(data, options.guides)
    in_nav = {"index.md", *(item for items in nav.values() for e in items for item in e.values())}
    in_nav |= {"towns/index.md", "cities/index.md", "lists/index.md", "evaluations/index.md", "named.md"}
    in_nav |= {"apply/index.md", "apply/conditions.md", "apply/codes.md"}
    return Site(pages, files, nav, in_nav, jieba_user_dict(data))


def section_pages(data: SiteData, options: SiteOptions) -> dict[str, str]:
    """Every page that is not a town's own."""
    pages = {
        "index.md": home_page(data),
        "towns/index.md": lists.towns_index(data),
        "cities/index.md": lists.cities_index(data),
        "lists/index.md": lists.lists_index(data),
        "evaluations/index.md": lists.evaluations_index(data),
        "named.md": lists.named_page(data),
        "apply/index.md": applicants.apply_page(data.program, options.guides),
        "apply/conditions.md": applicants.conditions_page(data.program),
        "apply/codes.md": applicants.codes_page(),
    }
    pages.update({f"cities/{c.slug}.md": lists.city_page(data, c.slug) for c in data.program.cities})
    pages.update({f"lists/{y}.md": lists.batch_page(data, y) for y in data.batch_years()})
    pages.update({f"evaluations/{y}.md": lists.evaluation_page(data, y) for y in data.evaluation_years()})
    return pages


def nav_additions(data: SiteData, guides: tuple[tuple[str, str], ...]) -> dict[str, list[NavItem]]:
    """Entries to list after a section's index page: bounded by policy data, never per town."""
    return {
        "lists/index.md": [{f"{y} 年": f"lists/{y}.md"} for y in data.batch_years()],
        "evaluations/index.md": [{f"{y} 年度": f"evaluations/{y}.md"} for y in data.evaluation_years()],
        "cities/index.md": [{c.name: f"cities/{c.slug}.md"} for c in data.program.cities],
        "apply/index.md": [{title: path} for title, path in guides],
    }


def read_report(root: Path, entry: TownEntry, limit: int) -> str | None:
    """The town's report as safe HTML; None when absent, a link, too big or not UTF-8."""
    path = root / entry.town.folder / layout.REPORT
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > limit:
            return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return render_report(text.removeprefix("\ufeff"))


def find_guides(docs_dir: Path) -> tuple[tuple[str, str], ...]:
    """The applicant guide pages present in ``docs/guide/``, in reading order, with their titles."""
    folder = docs_dir / "guide"
    if not folder.is_dir():
        return ()
    stems = applicants.order_guides([p.stem for p in folder.glob("*.md") if p.is_file()])
    out = []
    for stem in stems:
        text = (folder / f"{stem}.md").read_text(encoding="utf-8", errors="replace")
        out.append((applicants.guide_title(text, stem), f"guide/{stem}.md"))
    return tuple(out)
