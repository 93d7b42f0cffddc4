"""Full-text search's index and its reads (newsgraph.search decides what is asked and shown).

SQLite: the FTS5 table `article_search` (article id unindexed, title, text; unicode61 tokenizer with diacritics
removed), written by `Writer.add_articles` in the transaction that stores the articles (articles are never replaced
nor deleted: a path that did either would have to do the same here). It holds its own copy of the words (FTS5's
content table), so the database grows by about the size of the articles' text.
PostgreSQL: the articles' column `search_document`, their title (weight A) and text (weight B) as a tsvector of the
language-neutral 'simple' configuration (lower case, no stemming, no stop words; diacritics kept), a generated column
that PostgreSQL computes and stores itself, with its GIN index `ix_articles_search`. Stored rather than an index on the
expression: ranking reads each matching article's tsvector, and computing it again for each took 3.4 s for a word in
all of 5,000 articles, against 0.1 s read stored (benchmarks/search.py).

A search runs under a time limit: SQLite's progress handler on the connection (removed afterwards), PostgreSQL's
`SET LOCAL statement_timeout`; past it, SearchTimeout.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.exc import OperationalError

from newsgraph.errors import SearchTimeout

FTS_TABLE = "article_search"
SQLITE_TABLES = frozenset(
    [FTS_TABLE] + [f"{FTS_TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config")]
)
"""The tables SQLite's FTS5 makes (the virtual table and its shadow tables)."""
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(article_id UNINDEXED, title, text, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
DOCUMENT = (
    "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', text), 'B')"
)
"""An article as PostgreSQL searches it: the words of its title (weight A) and of its text (weight B)."""
CREATE_PG = [
    f"ALTER TABLE articles ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    "CREATE INDEX ix_articles_search ON articles USING gin (search_document)",
]
"""PostgreSQL's search: a stored tsvector column that PostgreSQL computes itself (not in schema.py's metadata: newsgraph
never reads nor writes it but here), and its GIN index."""
TITLE_WEIGHT = 2.0
"""How much more a word in the title counts than one in the text (SQLite's bm25 column weights)."""
_STEPS = 1000
"""SQLite virtual-machine steps between two looks at the clock."""


def create(conn: Connection) -> None:
    """The search index of a new database."""
    for statement in [CREATE_FTS] if conn.dialect.name == "sqlite" else CREATE_PG:
        conn.execute(text(statement))


def index(conn: Connection, rows: Sequence[tuple[str, str | None, str]]) -> None:
    """Articles (id, title, text) put in SQLite's index (nothing to do on PostgreSQL)."""
    if rows and conn.dialect.name == "sqlite":
        conn.execute(
            text(f"INSERT INTO {FTS_TABLE} (article_id, title, text) VALUES (:id, :title, :text)"),
            [{"id": aid, "title": title or "", "text": body} for aid, title, body in rows],
        )


_COLUMNS = "a.id, a.story_id, a.title, a.outlet, a.published, a.language, a.text"


def hits(conn: Connection, match: str, phrases: Sequence[str], limit: int, offset: int, seconds: float) -> list[Any]:
    """Rows (id, story_id, title, outlet, published, language, text, score) of the articles matching every term of
    the query (SQLite: `match`, FTS5's MATCH string; PostgreSQL: every one of `phrases`), best first (then newest,
    then by id), `limit` of them after `offset`. SearchTimeout past `seconds`."""
    newest = "coalesce(a.published, '') DESC, a.id"
    if conn.dialect.name == "sqlite":
        sql = (
            f"SELECT {_COLUMNS}, -bm25({FTS_TABLE}, 0, {TITLE_WEIGHT}, 1.0) AS score FROM {FTS_TABLE} "
            f"JOIN articles a ON a.id = {FTS_TABLE}.article_id WHERE {FTS_TABLE} MATCH :match "
            f"ORDER BY score DESC, {newest} LIMIT :limit OFFSET :offset"
        )
        params: dict[str, Any] = {"match": match, "limit": limit, "offset": offset}
        with _sqlite_limit(conn, seconds):
            return _timed(conn, text(sql), params)
    tsquery = " && ".join(f"phraseto_tsquery('simple', :t{i})" for i in range(len(phrases)))
    sql = (
        f"SELECT {_COLUMNS}, ts_rank(a.search_document, q) AS score "
        f"FROM articles a, ({'SELECT ' + tsquery + ' AS q'}) AS wanted WHERE a.search_document @@ q "
        f"ORDER BY score DESC, {newest} COLLATE \"C\" LIMIT :limit OFFSET :offset"
    )
    params = {f"t{i}": p for i, p in enumerate(phrases)} | {"limit": limit, "offset": offset}
    conn.execute(text(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}"))
    return _timed(conn, text(sql).bindparams(*(bindparam(k) for k in params)), params)


def _timed(conn: Connection, query: Any, params: dict[str, Any]) -> list[Any]:
    try:
        return list(conn.execute(query, params).all())
    except OperationalError as exc:
        if _stopped(exc.orig):
            raise SearchTimeout("the search took too long and was stopped: give more words or a phrase") from None
        raise


def _stopped(error: BaseException | None) -> bool:
    """Whether the driver's error is the time limit's (SQLite: interrupted; PostgreSQL: query_canceled)."""
    if isinstance(error, sqlite3.OperationalError):
        return "interrupt" in str(error)
    return getattr(error, "sqlstate", None) == "57014"


@contextmanager
def _sqlite_limit(conn: Connection, seconds: float) -> Iterator[None]:
    """SQLite stops the connection's statement once `seconds` have passed (its progress handler, removed after)."""
    raw: Any = conn.connection.driver_connection
    deadline = time.monotonic() + seconds
    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), _STEPS)
    try:
        yield
    finally:
        raw.set_progress_handler(None, _STEPS)
