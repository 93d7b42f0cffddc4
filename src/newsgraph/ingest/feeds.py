"""RSS and Atom feeds (feedparser): one record per entry."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.ingest.html import fragment_text


class FeedError(ValueError):
    pass


@dataclass
class FeedEntry:
    text: str
    title: str | None
    url: str | None
    published: str | None
    authors: list[str]
    feed_title: str | None
    position: int


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def parse_feed(data: bytes) -> Iterator[FeedEntry]:
    """Entries of an RSS/Atom document; FeedError when it is not a readable feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise FeedError(f"malformed feed XML: {parsed.get('bozo_exception')}")
        raise FeedError("no feed entries found")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for position, entry in enumerate(parsed.entries, start=1):
        content = entry.get("content") or []
        html = max((c.get("value", "") for c in content), key=len, default="")
        html = html or entry.get("summary", "") or entry.get("description", "")
        authors = [a.get("name", "").strip() for a in entry.get("authors", []) if a.get("name")]
        yield FeedEntry(
            text=fragment_text(html),
            title=(entry.get("title") or "").strip() or None,
            url=entry.get("link") or None,
            published=_date(entry),
            authors=authors,
            feed_title=feed_title,
            position=position,
        )
