"""The application report (report.md), rendered for the public without trusting it.

The applicant's Markdown is converted to HTML, then cleaned by an allow-list (nh3): no scripts, no
styles, no event handlers, no images (they would fetch from elsewhere), links only to http(s) or
relative addresses. Personal numbers are masked first, as a second line behind the checker's
privacy findings. Headings move down two levels to sit under the town page's own headings.
"""

from __future__ import annotations

import re

import markdown  # type: ignore[import-untyped]  # ships no type information
import nh3

from towns.site.escape import mask_personal_numbers

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
}
URL_SCHEMES = frozenset({"http", "https"})
_HEADING = re.compile(r"<(/?)h([1-6])>")


def render_report(source: str) -> str:
    """Safe HTML for a report, with no blank lines so it stays one raw block in Markdown."""
    raw = markdown.markdown(mask_personal_numbers(source), extensions=["tables", "sane_lists"])
    clean = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
    shifted = _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + 2)}>", clean)
    return "\n".join(line for line in shifted.splitlines() if line.strip())
