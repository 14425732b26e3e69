"""What the site search indexes: one small document per page, written as Pagefind reads it.

A town's document is made from its data (name, place, type, state, bodies, companies), not from its
rendered page: the page's long tables and report would make every common word's index entry
large, and a town is looked for by name and place. Other pages give their title, headings and the
start of their text, read from the rendered HTML (`page_document`); lists of towns give only their
title and introduction, since every town in them has its own document. Documents are written as
tiny HTML files (`stub_html`) whose words are the bigram terms of `towns.site.searchterms`; the
real title, address and one-line description travel as Pagefind metadata.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser

from towns.site.data import SiteData, TownEntry
from towns.site.provenance import town_description
from towns.site.searchterms import index_terms

# Weights (Pagefind accepts 0–10): the name or title decides, the place or a heading helps, the
# rest only matches (a page's body mentions a title many times: it must not outweigh the title).
NAME, PLACE, DETAIL = 10.0, 5.0, 1.0
HEADING, BODY = 3.0, 0.5
TEXT_LIMIT = 800  # characters of a page's text: its opening, enough to be found, small to fetch
SKIPPED_TAGS = frozenset({"script", "style", "svg", "nav", "form", "button", "template"})
VOID_TAGS = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
# Elements whose end separates words; inline ones (a, strong, code …) join their text to the next.
BLOCK_TAGS = frozenset({"p", "li", "td", "th", "tr", "div", "dd", "dt", "blockquote", "pre", "figcaption"})
LIST_PAGE_PREFIXES = ("towns/", "cities/", "lists/", "evaluations/", "named/")


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One page as the search sees it; ``url`` is the page's site-relative URL (``""`` for home)."""

    url: str
    title: str
    description: str
    parts: tuple[tuple[float, str], ...]  # (weight, text)


def town_document(entry: TownEntry) -> SearchDoc:
    """A town found by its name, id, place and bodies; shown with where it stands."""
    d, s = entry.declaration, entry.summary
    details = [
        d.type.label,
        s.life.state_name,
        s.life.tier_name or "",
        f"{d.batch} 年",
        d.applicant.name,
        d.recommender.name,
        *(c.name for c in d.industrial_base.companies),
    ]
    parts = [(NAME, d.name), (PLACE, f"{d.city} {d.district} {entry.id}"), (DETAIL, d.address)]
    parts += [(DETAIL, text) for text in details if text]
    return SearchDoc(f"{entry.path}/", d.name, town_description(entry), tuple(parts))


def town_documents(data: SiteData) -> dict[str, SearchDoc]:
    """Each town page's document, by the page's source path."""
    return {entry.page: town_document(entry) for entry in data.towns}


def is_list_page(url: str) -> bool:
    """Pages that list towns (town pages themselves never reach `page_document`)."""
    return url.startswith(LIST_PAGE_PREFIXES)


def page_document(url: str, page_html: str, *, description: str = "") -> SearchDoc | None:
    """The document of a rendered page: its first heading, headings and text (of its article)."""
    listing = is_list_page(url)
    reader = _ArticleText(skip_tables=listing)
    reader.feed(_article(page_html, listing))
    reader.close()
    if not reader.title:
        return None
    text = " ".join("".join(reader.text).split())[:TEXT_LIMIT]
    parts = ((NAME, reader.title), (HEADING, " ".join(reader.headings)), (BODY, text))
    return SearchDoc(url, reader.title, description or _first_sentence(text), parts)


def _article(page_html: str, listing: bool) -> str:
    """The ``<article>`` part of a page; of a list, only what comes before its first table.

    A list of 5,000 towns is megabytes of rows that its document leaves out anyway: not parsing
    them keeps the search documents' cost per page constant.
    """
    start = page_html.find("<article")
    end = page_html.rfind("</article>")
    if start < 0 or end < start:
        return page_html
    part = page_html[start:end]
    if listing and "<table" in part:
        part = part[: part.index("<table")]
    return part + "</article>"


def _first_sentence(text: str) -> str:
    head = text[:120]
    for mark in ("。", "；", "！", "？"):
        if mark in head:
            return head[: head.index(mark) + 1]
    return head


class _ArticleText(HTMLParser):
    """Text inside ``<article>``: the first ``h1`` as title, other headings, the rest as text."""

    def __init__(self, *, skip_tables: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_tables = skip_tables
        self.title = ""
        self.headings: list[str] = []
        self.text: list[str] = []
        self._article = 0
        self._skip: tuple[str, int] | None = None  # the skipped element's tag and its nesting depth
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            if tag == "br":
                self.text.append(" ")
            return
        if tag == "article":
            self._article += 1
        elif self._skip is not None:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1)
        elif self._article and self._skipped(tag, dict(attrs)):
            self._skip = (tag, 1)
        elif self._article and tag in ("h1", "h2", "h3"):
            self._heading = []

    def _skipped(self, tag: str, attrs: dict[str, str | None]) -> bool:
        classes = (attrs.get("class") or "").split()
        return (
            tag in SKIPPED_TAGS
            or (tag == "table" and self.skip_tables)
            or "headerlink" in classes
            or "data-search-exclude" in attrs
        )

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None:
            if tag == self._skip[0]:
                self._skip = None if self._skip[1] == 1 else (tag, self._skip[1] - 1)
        elif tag == "article":
            self._article = max(0, self._article - 1)
        elif tag in BLOCK_TAGS:
            self.text.append(" ")
        elif self._heading is not None and tag in ("h1", "h2", "h3"):
            heading = " ".join("".join(self._heading).split())
            if tag == "h1" and not self.title:
                self.title = heading
            elif heading:
                self.headings.append(heading)
            self._heading = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # self-closed elements hold no text

    def handle_data(self, data: str) -> None:
        if not self._article or self._skip is not None:
            return
        if self._heading is not None:
            self._heading.append(data)
        else:
            self.text.append(data)


def stub_html(doc: SearchDoc) -> str:
    """The document as Pagefind indexes it: bigram terms as words, the real texts as metadata."""
    meta = {"title": doc.title, "description": doc.description}
    head = "".join(
        f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
        for key, value in meta.items()
        if value
    )
    body = "".join(
        f'<p data-pagefind-weight="{weight:g}">{html.escape(index_terms(text))}</p>'
        for weight, text in doc.parts
        if text.strip()
    )
    return (
        f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'
    )
