"""Documents from saved feeds (RSS, Atom) and WordPress exports (WXR).

Monitoring outlets publish on WordPress and through feeds; an office that
saves them to disk can ingest them whole. Each post or entry becomes one
document with its link, title, date and the feed's title as the outlet;
its HTML body goes through the same main-text extraction as a web page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Any

from rasd.documents import Document, DocumentFailure, _failure, html_document, outlet_of
from rasd.errors import DocumentFormatError

WORDPRESS_NAMESPACE = "wordpress.org/export/"
# a WordPress export holds menus, attachments and drafts too; these are the published writing
WXR_POST_TYPES = frozenset({"post", "page"})
WXR_STATUSES = frozenset({"publish", "private"})


def read_feed(text: str, source: str, stem: str) -> Iterator[Document | DocumentFailure]:
    if WORDPRESS_NAMESPACE in text[:8192]:
        yield from read_wordpress_export(text, source, stem)
    else:
        yield from read_rss_or_atom(text, source, stem)


def read_rss_or_atom(text: str, source: str, stem: str) -> Iterator[Document | DocumentFailure]:
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield _failure(source, DocumentFormatError(
            f"{source} is not an RSS or Atom feed with entries{problem}.",
            hint="save the feed's XML as it is served, or give the articles as text or HTML files.", source=source))
        return
    outlet = parsed.feed.get("title") or outlet_of(parsed.feed.get("link"))
    for n, entry in enumerate(parsed.entries, start=1):
        body = entry["content"][0]["value"] if entry.get("content") else entry.get("summary", "")
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(struct.tm_year, struct.tm_mon, struct.tm_mday) if struct else None
        doc_id = entry.get("id") or entry.get("link") or f"{stem}:{n}"
        yield html_document(str(doc_id), body, f"{source}#{n}", published=published, url=entry.get("link"),
                            title=entry.get("title"), outlet=outlet)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element) -> dict[str, str]:
    """Child texts by local name (``wp:post_type`` → ``post_type``, ``content:encoded`` → ``encoded``)."""
    return {_local(child.tag): (child.text or "") for child in element}


def read_wordpress_export(text: str, source: str, stem: str) -> Iterator[Document | DocumentFailure]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        yield _failure(source, DocumentFormatError(
            f"{source} is a WordPress export that is not well-formed XML: {exc}.",
            hint="export it again from WordPress (Tools → Export), or repair the file.", source=source))
        return
    channel = root.find("channel")
    if channel is None:
        yield _failure(source, DocumentFormatError(f"{source} has no <channel>.", hint="give a WordPress WXR export.",
                                                   source=source))
        return
    outlet = channel.findtext("title") or outlet_of(channel.findtext("link"))
    for n, item in enumerate(channel.iter("item"), start=1):
        fields = _children(item)
        if fields.get("post_type", "post") not in WXR_POST_TYPES or fields.get("status", "publish") not in WXR_STATUSES:
            continue
        extra: dict[str, Any] = {"published": _wordpress_date(fields), "url": fields.get("link") or None,
                                 "title": fields.get("title") or None, "outlet": outlet}
        doc_id = fields.get("post_id") or fields.get("guid") or f"{stem}:{n}"
        yield html_document(f"{stem}:{doc_id}", fields.get("encoded", ""), f"{source}#{n}", **extra)


def _wordpress_date(fields: dict[str, str]) -> date | None:
    for value in (fields.get("post_date"), fields.get("post_date_gmt")):
        if value and not value.startswith("0000"):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    if fields.get("pubDate"):
        try:
            return parsedate_to_datetime(fields["pubDate"]).date()
        except (TypeError, ValueError):
            return None
    return None
