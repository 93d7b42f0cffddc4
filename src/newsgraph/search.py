"""Full-text search over articles (`Newsgraph.search`, `GET /api/v1/search`): the user's query turned into terms, the
pages' cursors, and each hit's snippet with the spans of the matched words. Pure: the store finds the hits (SQLite
FTS5, PostgreSQL full-text search: store/searching.py), this module decides what is asked and what is shown.

A query is words, and "quoted phrases": every word and every phrase must be in the article's title or text (AND).
Words are what SQLite's unicode61 tokenizer takes as words: runs of letters, digits and marks; everything else
(quotes that pair up aside) is a separator, so no input can reach the search engine as syntax: FTS5's operators
(`AND`, `OR`, `NOT`, `NEAR`, `*`, `^`, `:`, `-`, parentheses) are plain words or separators here, and each term goes
to the engine as a quoted string (SQLite) or a bound parameter (PostgreSQL). A query with no word is an OptionsError.
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import OptionsError, SearchTimeout

SEARCH_SECONDS = 2.0
"""Seconds a search may take; past them it is stopped (newsgraph.errors.SearchTimeout)."""

__all__ = ["SearchHit", "SearchPage", "SearchQuery", "SearchTimeout", "page", "parse", "snippet"]
MAX_Q = 200
"""Characters of a query."""
MAX_TERMS = 16
"""Words and phrases of a query."""
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 10_000
"""Hits a client may page through: past them the cursor is refused (the engine ranks every hit before the page)."""
SNIPPET_WORDS = 30
_WORD = re.compile(r"[^\W_]+")
"""A word: a run of letters and digits (underscores, marks, punctuation and spaces part words, as in SQLite's
unicode61 tokenizer)."""


@dataclass(frozen=True)
class SearchHit:
    """One article a search found."""

    article_id: str
    story_id: str | None
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    snippet: str
    """About SNIPPET_WORDS words of the article's text around its matches, plain text (never HTML)."""
    highlights: list[list[int]]
    """[start, end) character spans, within `snippet`, of the words the query matched."""
    score: float
    """Relevance: higher is better (SQLite: FTS5's bm25 negated; PostgreSQL: ts_rank)."""


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    next: str | None
    """The cursor of the next page, None on the last."""
    query: str


@dataclass(frozen=True)
class SearchQuery:
    """A query as terms: each a tuple of words as the user wrote them (one word, or a phrase's words in order); the
    engine folds them as it folded the articles."""

    text: str
    terms: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    def fts5(self) -> str:
        """SQLite FTS5's MATCH string: each term a quoted string (its words hold no quote), ANDed."""
        return " AND ".join('"' + " ".join(t) + '"' for t in self.terms)

    def phrases(self) -> list[str]:
        """Each term as text, for PostgreSQL's phraseto_tsquery (one bound parameter each)."""
        return [" ".join(t) for t in self.terms]

    def words(self) -> set[str]:
        """The query's words, folded."""
        return {fold(w) for t in self.terms for w in t}


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as the index compares it: case-folded, diacritics removed ('Zürich' -> 'zurich')."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare) or word.casefold()


def words(text: str) -> list[re.Match[str]]:
    """The words of `text` as matches (their spans are the text's)."""
    return list(_WORD.finditer(text))


def parse(q: str) -> SearchQuery:
    """The terms of the user's query `q`: "quoted" parts are phrases (a quote left unpaired is a separator), the rest
    words. OptionsError when it is too long or holds no word."""
    if len(q) > MAX_Q:
        raise OptionsError(f"q: at most {MAX_Q} characters")
    parts = q.split('"')
    if len(parts) % 2 == 0:  # an unpaired quote: the last one is no quote
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    terms: dict[tuple[str, ...], tuple[str, ...]] = {}  # folded -> as written
    for i, part in enumerate(parts):
        found = tuple(m.group() for m in words(part))
        for term in [found] if i % 2 and found else [(w,) for w in found]:
            terms.setdefault(tuple(fold(w) for w in term), term)
    if not terms:
        raise OptionsError("q: give at least one word to search for (letters or digits)")
    if len(terms) > MAX_TERMS:
        raise OptionsError(f"q: at most {MAX_TERMS} words and phrases")
    return SearchQuery(q, tuple(terms.values()))


def encode_cursor(query: SearchQuery, offset: int) -> str:
    """The next page's cursor: its offset and a fingerprint of the query (a cursor of another query is refused)."""
    raw = json.dumps([_fingerprint(query), offset]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(query: SearchQuery, cursor: str | None) -> int:
    """The offset `cursor` gives (0 for none); OptionsError for one that is not this query's."""
    if cursor is None:
        return 0
    try:
        print_, offset = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if print_ != _fingerprint(query) or not isinstance(offset, int) or not 0 < offset <= MAX_OFFSET:
            raise ValueError
        return offset
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise OptionsError("cursor: not a cursor of this search (take it from 'next' of the same q)") from exc


def _fingerprint(query: SearchQuery) -> str:
    return hashlib.sha256(json.dumps(sorted(query.words())).encode()).hexdigest()[:16]


def check_limit(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise OptionsError(f"limit: a whole number from 1 to {MAX_LIMIT}")


def snippet(text: str, query: SearchQuery, size: int = SNIPPET_WORDS) -> tuple[str, list[list[int]]]:
    """About `size` words of `text` from a little before the run of `size` words that holds the most of the query's
    words (the text's start when it holds none), whitespace collapsed, and the spans of the query's words in it."""
    found = words(text)
    wanted = query.words()
    hits = [i for i, m in enumerate(found) if fold(m.group()) in wanted]
    start = 0
    if hits:
        counts = [bisect.bisect_left(hits, i + size) - k for k, i in enumerate(hits)]
        best = max(range(len(hits)), key=lambda k: (counts[k], -k))
        start = max(0, hits[best] - 3)
    chosen = found[start : start + size]
    if not chosen:
        return " ".join(text[:300].split()), []
    begin = 0 if start == 0 else chosen[0].start()
    end = len(text) if start + size >= len(found) else chosen[-1].end()
    shown = ("… " if begin else "") + " ".join(text[begin:end].split()) + (" …" if end < len(text) else "")
    return shown, [[m.start(), m.end()] for m in words(shown) if fold(m.group()) in wanted]


def page(query: SearchQuery, rows: Sequence[Any], limit: int, offset: int) -> SearchPage:
    """The page of hits from the store's rows (up to `limit` + 1: one more says there is a next page)."""
    hits = []
    for r in rows[:limit]:
        shown, spans = snippet(r.text, query)
        hits.append(
            SearchHit(r.id, r.story_id, r.title, r.outlet, r.published, r.language, shown, spans, float(r.score))
        )
    more = len(rows) > limit and offset + limit < MAX_OFFSET
    return SearchPage(hits, encode_cursor(query, offset + limit) if more else None, query.text)
