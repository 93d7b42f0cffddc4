"""RSS and Atom feeds (feedparser): one record per entry."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import FeedError
from newsgraph.ingest.html import fragment_text


@dataclass
class FeedEntry:
    text: str
    title: str | None
    url: str | None
    published: str | None
    authors: list[str]
    feed_title: str | None
    position: int


FEED_ROOTS = ("rss", "feed", "rdf", "channel")
"""Root elements of RSS (0.9x, 1.0 as RDF, 2.0) and Atom documents."""
FORMATS_READ = "RSS and Atom feeds, HTML, text, JSON, JSONL and Parquet (docs/ingest.md)"
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]{0,60})")


def root_element(data: bytes) -> str | None:
    """The name of an XML document's root element (past its declaration, comments and doctype), or None."""
    m = _ROOT.search(_COMMENT.sub(b"", data[:65536]))
    return m[1].decode("ascii", "replace") if m else None


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def parse_feed(data: bytes) -> tuple[list[FeedEntry], str | None]:
    """Entries of an RSS/Atom document, and what is wrong with its XML if anything.

    feedparser recovers entries from some broken feeds: those come back with the error.
    FeedError when nothing can be read.
    """
    import feedparser

    parsed = feedparser.parse(data)
    error = f"malformed feed XML: {parsed.get('bozo_exception')}" if parsed.get("bozo") else None
    if not parsed.entries:
        root = root_element(data)
        if root is not None and root.split(":")[-1].lower() not in FEED_ROOTS:
            raise FeedError(f"not an RSS or Atom feed (root element <{root}>); newsgraph reads {FORMATS_READ}")
        raise FeedError(error or "no feed entries found")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    entries = []
    for position, entry in enumerate(parsed.entries, start=1):
        content = entry.get("content") or []
        html = max((c.get("value", "") for c in content), key=len, default="")
        html = html or entry.get("summary", "") or entry.get("description", "")
        authors = [a.get("name", "").strip() for a in entry.get("authors", []) if a.get("name")]
        entries.append(
            FeedEntry(
                text=fragment_text(html),
                title=(entry.get("title") or "").strip() or None,
                url=entry.get("link") or None,
                published=_date(entry),
                authors=authors,
                feed_title=feed_title,
                position=position,
            )
        )
    return entries, error
