"""What every page says about where its facts come from: publisher, contact, dates, sources.

The dates are the data's own: a page was last updated on the latest dated record or declaration it
shows (a town's filing date and its history, a decision's date), and the data's date is the
latest of them all. Pages not made from the registry's records (the guides, the program's pages)
take the date of their last commit, read for every file in one ``git log`` (`git_dates`).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from towns.site.data import SiteData, TownEntry
from towns.site.escape import url_path

PROGRAM_FILE = "program.yaml"
# Generated pages made from the program data rather than from the records.
PROGRAM_PAGES = ("apply/index.md", "apply/conditions.md")


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What one page tells about itself (plain text; the templates escape it)."""

    updated: str | None = None  # ISO date of the latest fact the page shows
    description: str | None = None  # one line for share previews and search results
    source: str | None = None  # the folder holding the page's data, relative to the repository
    record: str | None = None  # the page's JSON record, relative to the site root


def town_description(entry: TownEntry) -> str:
    """One line that says where a town stands: place, type, state, batch."""
    d, life = entry.declaration, entry.summary.life
    return f"{d.city}{d.district} · {d.type.label} · {life.state_name} · {d.batch} 年申报"


def town_updated(entry: TownEntry) -> dt.date:
    """The latest date a town's page shows: its filing date or the latest event of its history."""
    return max([entry.declaration.filing_date, *(event.date for event in entry.history)])


def data_date(data: SiteData) -> str | None:
    """The date of the newest fact in the registry (None for an empty registry)."""
    dates = [town_updated(e) for e in data.towns]
    return max(dates).isoformat() if dates else None


def record_path(entry: TownEntry, api_dir: str) -> str:
    """Where the town's JSON record is published, e.g. ``api/v1/towns/guangzhou/alpha.json``."""
    return f"{api_dir}/{entry.path}.json"


def page_facts(data: SiteData, api_dir: str) -> dict[str, PageFacts]:
    """Facts of the generated pages that are made from the records, by their source path."""
    latest = data_date(data)
    facts = {path: PageFacts(updated=latest) for path in _overview_pages(data)}
    for entry in data.towns:
        updated = town_updated(entry).isoformat()
        facts[entry.page] = PageFacts(
            updated, town_description(entry), entry.town.folder, record_path(entry, api_dir)
        )
        facts[entry.form_page] = PageFacts(updated, town_description(entry), entry.town.folder)
    for city in data.program.cities:
        dates = [town_updated(e) for e in data.towns if e.town.city_slug == city.slug]
        facts[f"cities/{city.slug}.md"] = PageFacts(max(dates).isoformat() if dates else None)
    for year in data.batch_years():
        filed = [e.declaration.filing_date for e in data.towns if e.declaration.batch == year]
        facts[f"lists/{year}.md"] = PageFacts(max(filed).isoformat() if filed else None)
    decided: dict[str, str] = {}
    for decision in data.decisions:
        path = _decision_page(decision.kind, decision.year)
        if path:
            decided[path] = max(decided.get(path, ""), decision.date)
    facts.update({path: PageFacts(date) for path, date in decided.items()})
    return facts


def _overview_pages(data: SiteData) -> list[str]:
    return ["index.md", "towns/index.md", "cities/index.md", "lists/index.md", "evaluations/index.md"]


def _decision_page(kind: str, year: int | None) -> str | None:
    if kind == "naming":
        return "named.md"
    if year is None:
        return None
    return f"lists/{year}.md" if kind == "batch" else f"evaluations/{year}.md"


def git_dates(root: Path, paths: Iterable[str]) -> dict[str, str]:
    """The date of the last commit that touched each path under ``paths``, in one ``git log``.

    Empty when ``root`` is not a git work tree, git is missing or the clone is shallow (its
    oldest commit would seem to have touched every file): the pages then show no date.
    """
    if _git(root, "rev-parse", "--is-shallow-repository").strip() != "false":
        return {}
    return _first_dates(_git(root, "log", "--format=%x00%cs", "--name-only", "--relative", "--", *paths))


def _git(root: Path, *args: str) -> str:
    """The output of a git command in ``root``; empty when it fails."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return proc.stdout if proc.returncode == 0 else ""


def _first_dates(log: str) -> dict[str, str]:
    """Newest first: the first date seen for a file is its last change."""
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("\x00"):
            date = line[1:]
        elif line and date:
            dates.setdefault(line, date)
    return dates


def static_page_dates(git: Mapping[str, str], docs_dir: str, sources: Iterable[str]) -> dict[str, PageFacts]:
    """Facts of the pages written by hand (``docs_dir/<src>``) and of the program's pages."""
    facts = {src: PageFacts(git[f"{docs_dir}/{src}"]) for src in sources if f"{docs_dir}/{src}" in git}
    if PROGRAM_FILE in git:
        facts.update({page: PageFacts(git[PROGRAM_FILE]) for page in PROGRAM_PAGES})
    return facts


def source_url(repo_url: str, branch: str, folder: str) -> str | None:
    """The repository's page of a folder (GitHub's ``tree`` form); None without a repository URL."""
    if not repo_url:
        return None
    return f"{repo_url.rstrip('/')}/tree/{url_path(branch)}/{url_path(folder)}"


def site_facts(data: SiteData) -> dict[str, object]:
    """The footer's facts, the same on every page."""
    contact = data.program.province.contact
    return {
        "publisher": data.program.province.authority,
        "contact": contact.model_dump() if contact else None,
        "data_date": data_date(data),
    }
