"""Listing stories: filters, an order and keyset pages over the rows the store reads (`Store.story_listing`).

Pure: no database. A page is cut after the sort key and id of the last story of the page before (a cursor), not at
an offset, so stories stored between two requests never shift a page: each story is listed at most once while
walking the pages, and every story that existed at the first page and still matches is listed."""

from __future__ import annotations

import base64
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import OptionsError

SORTS = ("recent", "size")
MAX_LIMIT = 200


@dataclass(frozen=True)
class StoryQuery:
    """What to list: words all in the title (`q`, any case), first published on or before `until` and last published
    on or after `since` (YYYY-MM-DD), an outlet, a language, at least `min_sources` independent outlets, an `actor`
    its articles mention (a name or id, resolved as relations resolve actors), a `country` (ISO 3166 alpha-3) one of
    its actors or places is in, a `place` (by name) its articles mention; in `sort` order (recent: last published
    newest first; size: most articles first), `limit` a page, after `cursor`. The store reads which stories match
    `actor`, `country` and `place` (`page`'s `only`)."""

    q: str = ""
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    lang: str | None = None
    min_sources: int = 0
    sort: str = "recent"
    limit: int = 50
    cursor: str | None = None
    actor: str | None = None
    country: str | None = None
    place: str | None = None

    @property
    def by_content(self) -> bool:
        """Whether a filter needs the store's reading of which stories match (`actor`, `country`, `place`)."""
        return self.actor is not None or self.country is not None or self.place is not None


@dataclass(frozen=True)
class StorySummary:
    """One story in a list."""

    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    articles: int
    outlets: list[str]
    independent_sources: int
    """Distinct outlets among its articles that reprint no other (`reuse_of` empty)."""
    languages: list[str] = field(default_factory=list)
    reprints: int = 0
    """Its articles that reprint another (`reuse_of` set): copies of one text, wire dispatches among them."""
    conflicts: int = 0
    """Facts of its stored comparison that conflict, among those of at least `Options.fact_confidence` (0 when it was
    never compared)."""


@dataclass(frozen=True)
class StoryPage:
    stories: list[StorySummary]
    next: str | None
    """The cursor of the next page, None on the last."""


def summaries(titles: Mapping[str, str | None], rows: Iterable[Mapping[str, Any]]) -> list[StorySummary]:
    """One summary a story from its articles' rows (story_id, id, outlet, published, language, reuse_of)."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for r in rows:
        grouped.setdefault(r["story_id"], []).append(r)
    out = []
    for sid, members in grouped.items():
        dates = sorted(m["published"] for m in members if m["published"])
        out.append(
            StorySummary(
                id=sid,
                title=titles.get(sid),
                first_published=dates[0] if dates else None,
                last_published=dates[-1] if dates else None,
                articles=len(members),
                outlets=sorted({m["outlet"] for m in members if m["outlet"]}),
                independent_sources=len({m["outlet"] for m in members if m["outlet"] and not m["reuse_of"]}),
                languages=sorted({m["language"] for m in members if m["language"]}),
                reprints=sum(1 for m in members if m["reuse_of"]),
            )
        )
    return out


def _matches(st: StorySummary, query: StoryQuery, words: list[str]) -> bool:
    title = (st.title or "").casefold()
    return (
        all(w in title for w in words)
        and (query.since is None or (st.last_published or "") >= query.since)
        and (query.until is None or (st.first_published is not None and st.first_published <= query.until))
        and (query.outlet is None or query.outlet in st.outlets)
        and (query.lang is None or query.lang in st.languages)
        and st.independent_sources >= query.min_sources
    )


def _key(st: StorySummary, sort: str) -> tuple[Any, ...]:
    """The sort key, ascending: recent = last published newest first (undated last), size = most articles first;
    then the id (unique, so the order is total)."""
    if sort == "size":
        return (-st.articles, st.id)
    date = st.last_published or ""
    return (date == "", tuple(-ord(c) for c in date), st.id)


def encode_cursor(st: StorySummary, sort: str) -> str:
    """An opaque cursor: the sort and the last story's key fields, base64 JSON."""
    fields = [sort, st.articles if sort == "size" else st.last_published, st.id]
    return base64.urlsafe_b64encode(json.dumps(fields).encode()).decode().rstrip("=")


def _cursor_key(cursor: str, sort: str) -> tuple[Any, ...]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        kind, value, sid = json.loads(raw)
        if kind != sort or not isinstance(sid, str):
            raise ValueError
        if sort == "size":
            return _key(StorySummary(sid, None, None, None, int(value), [], 0), sort)
        if value is not None and not isinstance(value, str):
            raise ValueError
        return _key(StorySummary(sid, None, None, value, 0, [], 0), sort)
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise OptionsError("cursor: not a cursor of this listing (take it from 'next')") from exc


def page(found: list[StorySummary], query: StoryQuery, only: Collection[str] | None = None) -> StoryPage:
    """The page of `found` that `query` asks for, among the stories `only` holds (None: all)."""
    if query.sort not in SORTS:
        raise OptionsError(f"sort: one of {', '.join(SORTS)}")
    if not 1 <= query.limit <= MAX_LIMIT:
        raise OptionsError(f"limit: from 1 to {MAX_LIMIT}")
    after = _cursor_key(query.cursor, query.sort) if query.cursor else None
    words = query.q.casefold().split()
    kept = (st for st in found if (only is None or st.id in only) and _matches(st, query, words))
    chosen = sorted(kept, key=lambda st: _key(st, query.sort))
    if after is not None:
        chosen = [st for st in chosen if _key(st, query.sort) > after]
    shown = chosen[: query.limit]
    more = len(chosen) > query.limit
    return StoryPage(shown, encode_cursor(shown[-1], query.sort) if more else None)
