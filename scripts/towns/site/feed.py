"""An Atom feed of the province's decisions (lists, evaluation results, namings).

Entry ids are UUIDs derived from the decision's file, so they never change when the site moves;
links are absolute when the site's public address is known, relative otherwise.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from towns.site.data import Decision, SiteData
from towns.site.home import decision_page

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
_NAMESPACE = uuid.UUID("6f1d3c0e-3b7a-5c55-9d2e-7a4e1b0c9f10")


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00+08:00"


def _page_url(site_url: str, page: str) -> str:
    path = page.removesuffix(".md").removesuffix("index") + ("" if page.endswith("index.md") else "/")
    return site_url.rstrip("/") + "/" + path if site_url else path


def decisions_feed(data: SiteData, site_url: str, as_of: str) -> bytes:
    """The whole feed as UTF-8 XML; newest decision first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    program = data.program.province
    _text(feed, "title", f"{program.name}{program.program_name}：决定")
    _text(feed, "id", uuid.uuid5(_NAMESPACE, "feed").urn)
    newest = data.decisions[0].date if data.decisions else as_of
    _text(feed, "updated", _timestamp(newest))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", program.authority)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=_page_url(site_url, FEED_PATH).rstrip("/"))
    for decision in data.decisions:
        feed.append(_entry(data, decision, site_url))
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _entry(data: SiteData, d: Decision, site_url: str) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "title", d.title + (f"（{d.document_number}）" if d.document_number else ""))
    _text(entry, "id", uuid.uuid5(_NAMESPACE, d.file).urn)
    _text(entry, "updated", _timestamp(d.date))
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=_page_url(site_url, decision_page(d)))
    names = [t.name for t in map(data.town, d.towns()) if t is not None]
    _text(entry, "summary", f"{d.date}：{d.title}，涉及小镇 {len(names)} 个：" + "、".join(names))
    return entry


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = value
