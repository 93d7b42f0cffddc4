"""Storage: SQLite by default, PostgreSQL for teams. Persistence only: it writes what the stages decided
and reads records back; it decides nothing.

Any number of processes may write to one database at once. Every write runs in one transaction that
holds the database's write lock from its first statement (SQLite `BEGIN IMMEDIATE`, waiting up to
`lock_timeout` seconds behind other writers; a PostgreSQL transaction-level advisory lock), so the
reads a stage makes inside it (which hashes are stored, which full names exist, which stories are
pending) and the writes that follow are one consistent step. Counters and document frequencies are
incremented in SQL (upserts), never read into Python and written back. Readers never wait (SQLite's
WAL, PostgreSQL's MVCC). The schema is created or migrated inside the same lock, once.
"""

from __future__ import annotations

import copy
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    Integer,
    String,
    bindparam,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    inspect,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url

from newsgraph.errors import MissingDatabase, PlanError, SchemaMismatch, StoreError
from newsgraph.models import (
    Analysis,
    Article,
    Comparison,
    LinkPlan,
    MentionStat,
    PendingArticle,
    Reuse,
    StoredText,
    Story,
    StoryPlan,
    StoryState,
)
from newsgraph.store import migrations
from newsgraph.store import schema as s

DEFAULT_DB = "newsgraph.db"
ENV_DB = "NEWSGRAPH_DB"
UNDATED = 99_999_999
"""story_terms.last_day of a story without dates: in every time window"""
LOCK_TIMEOUT = 300.0
"""Seconds a writer waits for another's transaction before giving up (an OperationalError)."""
ADVISORY_LOCK = 0x6E6577736772
"""PostgreSQL advisory lock key of newsgraph's write transactions ('newsgr')."""
CHUNK = 500
"""Values per IN (...) list."""
_WRITE = "newsgraph_write"
TIME_COLUMNS = ["article_id", "text", "start", "end", "type", "value"]
PLACE_COLUMNS = ["article_id", "text", "start", "end", "name", "feature", "country", "lat", "lon", "adjectival"]
QUOTE_COLUMNS = [
    "article_id", "idx", "start", "end", "text", "kind", "cue", "cue_start", "cue_end", "source_start", "source_end",
    "speaker", "speaker_kind", "via", "stance", "denies", "hedged",
]  # fmt: skip
"""Columns of the quotes table that reads return as they are; `speaker_id` is read from the speaker's mention."""
EVENT_COLUMNS = [
    "article_id", "idx", "start", "end", "trigger_start", "trigger_end", "trigger", "type", "quad_class",
    "intensity", "mode", "source", "source_country", "target", "target_country", "date", "place", "place_country",
    "claimant", "claimant_quote", "main",
]  # fmt: skip
"""Columns of the events table that reads return as they are; `source_id` and `target_id` are read from the
participants' mentions."""


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from a path, a URL, $NEWSGRAPH_DB, or the default file. PostgreSQL URLs without
    a driver ('postgresql://...') use psycopg 3."""
    value = str(db) if db is not None else os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain) :]
    return value


def _sqlite_connect(lock_timeout: float) -> Callable[[Any, Any], None]:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver never says BEGIN itself: _sqlite_begin does
        cursor = dbapi_connection.cursor()
        deadline = time.monotonic() + lock_timeout
        while True:  # switching a new file to WAL needs it to itself, and SQLite does not wait for that
            try:
                if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    cursor.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return connect


def _sqlite_begin(conn: Connection) -> None:
    """Write transactions take the write lock at once (waiting behind others), reads take none."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _engine(url: str, lock_timeout: float) -> Engine:
    dialect = make_url(url).get_backend_name()
    if dialect not in ("sqlite", "postgresql"):
        raise StoreError(f"newsgraph stores its data in SQLite or PostgreSQL, not {dialect} ({url})")
    try:
        if dialect == "sqlite":
            engine = create_engine(url, connect_args={"timeout": lock_timeout})
            event.listen(engine, "connect", _sqlite_connect(lock_timeout))
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except ImportError as exc:
        raise StoreError(
            f"PostgreSQL needs its driver, psycopg 3: pip install 'newsgraph[postgres]' ({exc})"
        ) from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(values: Sequence[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(values), CHUNK):
        yield list(values[i : i + CHUNK])


def _stream(conn: Connection, query: Any, chunk: int) -> Iterator[Sequence[Any]]:
    """The rows of one query, `chunk` at a time, from one cursor that is read as it goes (a server-side
    cursor on PostgreSQL, SQLite's statement stepped on demand): memory holds one chunk, not the result."""
    result = conn.execute(query.execution_options(yield_per=chunk))
    try:
        yield from result.partitions()
    finally:
        result.close()


def _upsert(conn: Connection, table: Any) -> Any:
    """INSERT of the connection's dialect, which knows ON CONFLICT."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def _version(conn: Connection) -> int | None:
    """The schema version of the database, None when it holds no newsgraph schema."""
    if not inspect(conn).has_table("schema_version"):
        return None
    found = conn.execute(select(s.schema_version.c.version)).scalars().all()
    if len(found) != 1:
        raise SchemaMismatch(f"database schema version {found}, this newsgraph expects {s.SCHEMA_VERSION}")
    return int(found[0])


class Store:
    """The project's database. Analysis never sees this: it returns data that is written here.

    `create=False` opens an existing newsgraph database only (MissingDatabase otherwise): what
    read-only commands use, so that a mistyped path creates nothing.
    """

    def __init__(
        self, db: str | os.PathLike[str] | None = None, *, create: bool = True, lock_timeout: float = LOCK_TIMEOUT
    ) -> None:
        self.url = database_url(db)
        self.lock_timeout = lock_timeout
        self.upgraded_from: int | None = None
        """The schema version this process migrated the database from, if it did."""
        self._conn: Connection | None = None  # set on the views snapshot() makes
        url = make_url(self.url)
        in_memory = url.database in (None, "", ":memory:")
        file = url.database if url.get_backend_name() == "sqlite" and not in_memory else None
        if not create and file:
            _check_sqlite_file(file)  # before the engine's first connection switches the file to WAL
        self.engine: Engine = _engine(self.url, lock_timeout)
        try:
            self._init_schema(create)
        except BaseException:
            self.engine.dispose()
            raise

    def _where(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def _init_schema(self, create: bool) -> None:
        with self.engine.connect() as conn:
            found = _version(conn)
        if found == s.SCHEMA_VERSION:
            return
        if found is None and not create:
            raise MissingDatabase(f"no newsgraph database at {self._where()}")
        if found is not None and found > s.SCHEMA_VERSION:
            raise SchemaMismatch(
                f"database schema version {found} is newer than this newsgraph's ({s.SCHEMA_VERSION}): "
                "upgrade newsgraph"
            )
        with self.writing() as writer:  # one process creates or migrates; the others then find it done
            conn = writer.conn
            found = _version(conn)
            if found is None:
                s.metadata.create_all(conn)
                conn.execute(insert(s.schema_version).values(version=s.SCHEMA_VERSION))
            elif found < s.SCHEMA_VERSION:
                try:
                    migrations.upgrade(conn, found, s.SCHEMA_VERSION)
                except RuntimeError as exc:
                    raise SchemaMismatch(f"database schema version {found}: {exc}") from exc
                self.upgraded_from = found

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One write transaction holding the database's write lock: all of it is stored, or none."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text(f"SET LOCAL lock_timeout = '{int(self.lock_timeout * 1000)}ms'"))
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
                yield Writer(conn)

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """A view of the store whose reads all see one state of the database (one read transaction,
        REPEATABLE READ on PostgreSQL): an export or a brief stays whole while other processes write."""
        with self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                view = copy.copy(self)
                view._conn = conn
                yield view

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        if self._conn is not None:
            yield self._conn
            return
        with self.engine.connect() as conn:
            yield conn

    # --- reading ----------------------------------------------------------------------------

    def known(self, articles: Sequence[Article]) -> tuple[set[str], set[str]]:
        """(content hashes, ids) of these articles that are stored, read in one statement (one snapshot)."""
        with self._read() as conn:
            return _known_articles(conn, articles)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        a = s.articles
        query = select(a).order_by(func.coalesce(a.c.published, ""), a.c.id)
        with self._read() as conn:
            if ids is None:
                rows = conn.execute(query).all()
            else:
                rows = [r for chunk in _chunks(list(ids)) for r in conn.execute(query.where(a.c.id.in_(chunk)))]
                rows.sort(key=lambda r: (r.published or "", r.id))
        return [
            Article(
                id=r.id,
                text=r.text,
                title=r.title,
                url=r.url,
                outlet=r.outlet,
                published=r.published,
                language=r.language,
                credited=list(r.credited or []),
                source=r.source,
                content_hash=r.content_hash,
            )
            for r in rows
        ]

    def story_ids(self) -> dict[str, str | None]:
        with self._read() as conn:
            return dict(conn.execute(select(s.articles.c.id, s.articles.c.story_id)).all())

    def stories(self) -> list[Story]:
        """Every story, largest first."""
        a = s.articles
        with self._read() as conn:
            titles = dict(conn.execute(select(s.stories.c.id, s.stories.c.title)).all())
            rows = conn.execute(
                select(a.c.story_id, a.c.id, a.c.outlet, a.c.published)
                .where(a.c.story_id.is_not(None))
                .order_by(a.c.story_id, func.coalesce(a.c.published, ""), a.c.id)
            ).all()
        grouped: dict[str, list[Any]] = {}
        for r in rows:
            grouped.setdefault(r.story_id, []).append(r)
        out = [_story(sid, titles.get(sid), members) for sid, members in grouped.items()]
        out.sort(key=lambda st: (-len(st.article_ids), st.first_published or "", st.id))
        return out

    def story(self, story_id: str) -> Story | None:
        """One story, by its id (an index lookup)."""
        a = s.articles
        with self._read() as conn:
            title = conn.execute(select(s.stories.c.title).where(s.stories.c.id == story_id)).first()
            members = conn.execute(
                select(a.c.id, a.c.outlet, a.c.published)
                .where(a.c.story_id == story_id)
                .order_by(func.coalesce(a.c.published, ""), a.c.id)
            ).all()
        if title is None or not members:
            return None
        return _story(story_id, title[0], members)

    def story_log(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Recorded changes (created, merged, split), oldest first; those naming `story_id` if given."""
        log = s.story_log
        query = select(log).order_by(log.c.id)
        if story_id is not None:
            query = query.where((log.c.story_id == story_id) | (log.c.other_id == story_id))
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def reuse(self, article_ids: Sequence[str] | None = None) -> dict[str, tuple[str | None, float | None]]:
        """article id -> (reuse_of, reuse_overlap), of the given articles or of all."""
        a = s.articles
        query = select(a.c.id, a.c.reuse_of, a.c.reuse_overlap)
        with self._read() as conn:
            if article_ids is None:
                rows = conn.execute(query).all()
            else:
                rows = [r for chunk in _chunks(list(article_ids)) for r in conn.execute(query.where(a.c.id.in_(chunk)))]
        return {r.id: (r.reuse_of, r.reuse_overlap) for r in rows}

    def mention_stats(self, entity_ids: Iterable[str] | None = None) -> list[MentionStat]:
        """How the mentions of entities (all, or those given) are written and resolved, counted."""
        e, m = s.entities, s.mentions
        query = (
            select(m.c.entity_id, e.c.type, m.c.text, m.c.name, m.c.role, m.c.country, func.count().label("n"))
            .join(e, e.c.id == m.c.entity_id)
            .group_by(m.c.entity_id, e.c.type, m.c.text, m.c.name, m.c.role, m.c.country)
        )
        with self._read() as conn:
            if entity_ids is None:
                rows = conn.execute(query).all()
            else:
                ids = sorted(set(entity_ids))
                rows = [r for chunk in _chunks(ids) for r in conn.execute(query.where(m.c.entity_id.in_(chunk)))]
        return [MentionStat(r.entity_id, r.type, r.text, r.name, r.role, r.country, int(r.n)) for r in rows]

    def _article_rows(
        self, table: Any, columns: list[str] | None, article_ids: Sequence[str] | None
    ) -> list[dict[str, Any]]:
        """Rows of a per-article table (all columns, or those named), by article and offset."""
        query = select(*(table.c[c] for c in columns)) if columns else select(table)
        query = query.order_by(table.c.article_id, table.c.start, table.c.id)
        with self._read() as conn:
            if article_ids is None:
                return [dict(r._mapping) for r in conn.execute(query)]
            rows = [
                dict(r._mapping)
                for chunk in _chunks(sorted(set(article_ids)))
                for r in conn.execute(query.where(table.c.article_id.in_(chunk)))
            ]
        return rows

    def mentions(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        return self._article_rows(s.mentions, None, article_ids)

    def times(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        return self._article_rows(s.times, TIME_COLUMNS, article_ids)

    def places(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        return self._article_rows(s.places, PLACE_COLUMNS, article_ids)

    def quotes(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Quotes (of all articles, or of those given) as column dicts, by article and position, each with
        `speaker_id`: the entity its speaker's mention names now (None without one)."""
        return self._of_articles(_quotes_query(), s.quotes, article_ids)

    def _of_articles(self, query: Any, table: Any, article_ids: Sequence[str] | None) -> list[dict[str, Any]]:
        """The rows of `query` (all, or of the articles given, `table.article_id` in chunks) as column dicts."""
        with self._read() as conn:
            if article_ids is None:
                return [dict(r._mapping) for r in conn.execute(query)]
            return [
                dict(r._mapping)
                for chunk in _chunks(sorted(set(article_ids)))
                for r in conn.execute(query.where(table.c.article_id.in_(chunk)))
            ]

    # --- streaming reads: one query, read `chunk` rows at a time (inside snapshot() for a consistent whole) ---

    def iter_articles(self, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        """Every article in the order of `articles()`, with its story and the text it reprints, as column
        dicts (id, url, outlet, title, published, language, credited, story_id, reuse_of, reuse_overlap,
        text), in lists of at most `chunk`."""
        a = s.articles
        columns = ["id", "url", "outlet", "title", "published", "language", "credited", "story_id"]
        columns += ["reuse_of", "reuse_overlap", "text"]
        query = select(*(a.c[c] for c in columns)).order_by(func.coalesce(a.c.published, ""), a.c.id)
        with self._read() as conn:
            for rows in _stream(conn, query, chunk):
                yield [dict(r._mapping) | {"credited": list(r.credited or [])} for r in rows]

    def iter_stories(self, chunk: int = CHUNK) -> Iterator[list[Story]]:
        """Every story in the order of `stories()` (largest first, then oldest, then by id), in lists of at
        most `chunk`: the order comes from one grouped query, each list's members from one more."""
        a, st = s.articles, s.stories
        first: Any = func.coalesce(func.min(func.nullif(a.c.published, "")), "")
        sid: Any = a.c.story_id
        with self._read() as conn:
            if conn.dialect.name == "postgresql":  # byte order, as Python's sort of the same strings
                first, sid = first.collate("C"), sid.collate("C")
            order = (
                select(a.c.story_id)
                .where(a.c.story_id.is_not(None))
                .group_by(a.c.story_id)
                .order_by(func.count().desc(), first, sid)
            )
            for rows in _stream(conn, order, chunk):
                ids = [r.story_id for r in rows]
                titles = dict(conn.execute(select(st.c.id, st.c.title).where(st.c.id.in_(ids))).all())
                members: dict[str, list[Any]] = {}
                query = (
                    select(a.c.story_id, a.c.id, a.c.outlet, a.c.published)
                    .where(a.c.story_id.in_(ids))
                    .order_by(a.c.story_id, func.coalesce(a.c.published, ""), a.c.id)
                )
                for r in conn.execute(query):
                    members.setdefault(r.story_id, []).append(r)
                yield [_story(i, titles.get(i), members[i]) for i in ids]

    def iter_mention_stats(self, chunk: int = CHUNK) -> Iterator[list[MentionStat]]:
        """`mention_stats()` of every entity, by entity: each list holds all the stats of whole entities,
        `chunk` rows or the few more that complete the last entity (never part of one)."""
        e, m = s.entities, s.mentions
        query = (
            select(m.c.entity_id, e.c.type, m.c.text, m.c.name, m.c.role, m.c.country, func.count().label("n"))
            .join(e, e.c.id == m.c.entity_id)
            .group_by(m.c.entity_id, e.c.type, m.c.text, m.c.name, m.c.role, m.c.country)
            .order_by(m.c.entity_id)
        )
        group: list[MentionStat] = []
        with self._read() as conn:
            for rows in _stream(conn, query, chunk):
                for r in rows:
                    if len(group) >= chunk and r.entity_id != group[-1].entity_id:
                        yield group
                        group = []
                    group.append(MentionStat(r.entity_id, r.type, r.text, r.name, r.role, r.country, int(r.n)))
        if group:
            yield group

    def _iter_article_rows(self, table: Any, columns: list[str], chunk: int) -> Iterator[list[dict[str, Any]]]:
        query = select(*(table.c[c] for c in columns)).order_by(table.c.article_id, table.c.start, table.c.id)
        with self._read() as conn:
            for rows in _stream(conn, query, chunk):
                yield [dict(r._mapping) for r in rows]

    def iter_times(self, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        """`times()` of every article, in lists of at most `chunk`."""
        return self._iter_article_rows(s.times, TIME_COLUMNS, chunk)

    def iter_places(self, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        """`places()` of every article, in lists of at most `chunk`."""
        return self._iter_article_rows(s.places, PLACE_COLUMNS, chunk)

    def iter_quotes(self, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        """`quotes()` of every article, in lists of at most `chunk`."""
        with self._read() as conn:
            for rows in _stream(conn, _quotes_query(), chunk):
                yield [dict(r._mapping) for r in rows]

    def events(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Events (of all articles, or of those given) as column dicts, by article and position, each with
        `source_id` and `target_id` (the entities their participants' mentions name now, None without), the
        text of its `sentence` and its article's `outlet`."""
        return self._of_articles(_events_query(), s.events, article_ids)

    def iter_events(self, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        """`events()` of every article, in lists of at most `chunk`."""
        with self._read() as conn:
            for rows in _stream(conn, _events_query(), chunk):
                yield [dict(r._mapping) for r in rows]

    def events_of(self, keys: Sequence[str], other: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Events (as `events()` gives them) with a participant
        that is one of `keys` (country codes or entity ids); with `other`, only those between a participant of
        `keys` and one of `other`, either way."""
        query = _events_query()
        cols = {c.name: c for c in query.selected_columns}

        def side(values: Sequence[str], country: str, entity: str) -> Any:
            return cols[country].in_(list(values)) | cols[entity].in_(list(values))

        one = side(keys, "source_country", "source_id")
        two = side(keys, "target_country", "target_id")
        if other is None:
            query = query.where(one | two)
        else:
            query = query.where(
                (one & side(other, "target_country", "target_id")) | (two & side(other, "source_country", "source_id"))
            )
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def entity_ids_named(self, name: str) -> list[str]:
        """Entities whose id is `name`, or whose mentions resolve to that name or, unresolved, are written so
        (case aside, also beyond ASCII), most mentioned first."""
        m = s.mentions
        called: Any = func.coalesce(m.c.name, m.c.text)
        base = select(m.c.entity_id, called.label("called"), func.count().label("n")).where(m.c.entity_id.is_not(None))
        quick = (m.c.entity_id == name) | (m.c.name == name) | (m.c.text == name) | (func.lower(called) == name.lower())
        counts: dict[str, int] = {}
        with self._read() as conn:
            rows = conn.execute(base.where(quick).group_by(m.c.entity_id, called)).all()
            if not rows and not name.isascii():  # SQLite's lower() folds ASCII only: compare the names here
                rows = conn.execute(base.group_by(m.c.entity_id, called)).all()
        for r in rows:
            if r.entity_id == name or (r.called or "").casefold() == name.casefold():
                counts[r.entity_id] = counts.get(r.entity_id, 0) + int(r.n)
        return sorted(counts, key=lambda e: (-counts[e], e))

    def event_participants(self) -> list[dict[str, Any]]:
        """Per event: its article and trigger, type, participants' countries and entities, QuadClass, intensity and
        mode (for counting the most active actors and pairs; no sentence text)."""
        e, sm, tm = s.events, s.mentions.alias("sm"), s.mentions.alias("tm")
        columns = ["article_id", "trigger_start", "type", "source", "source_country", "target", "target_country"]
        columns += ["quad_class", "intensity", "mode"]
        query = select(
            *(e.c[c] for c in columns),
            sm.c.entity_id.label("source_id"),
            tm.c.entity_id.label("target_id"),
            sm.c.kind.label("source_kind"),
            tm.c.kind.label("target_kind"),
        ).select_from(
            e.outerjoin(sm, sm.c.id == e.c.source_mention_id).outerjoin(tm, tm.c.id == e.c.target_mention_id)
        )
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def story_members(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        """The article ids of each story, in publication order (undated first), then by id."""
        a = s.articles
        members: dict[str, list[str]] = {}
        with self._read() as conn:
            for chunk in _chunks(list(story_ids)):
                query = (
                    select(a.c.story_id, a.c.id)
                    .where(a.c.story_id.in_(chunk))
                    .order_by(a.c.story_id, func.coalesce(a.c.published, ""), a.c.id)
                )
                for r in conn.execute(query):
                    members.setdefault(r.story_id, []).append(r.id)
        return members

    def stale_comparisons(self, limit: int, after: str | None = None) -> list[tuple[str, int]]:
        """(id, revision) of the first `limit` stories (by id, those after `after`) with no comparison for their
        current revision."""
        st, c = s.stories, s.comparisons
        sid: Any = st.c.id
        if self.engine.dialect.name == "postgresql":  # byte order, as SQLite's and Python's
            sid = sid.collate("C")
        query = (
            select(st.c.id, st.c.revision)
            .select_from(st.outerjoin(c, c.c.story_id == st.c.id))
            .where(c.c.story_id.is_(None) | (c.c.revision != st.c.revision))
            .order_by(sid)
            .limit(limit)
        )
        if after is not None:
            query = query.where(sid > after)
        with self._read() as conn:
            return [(r.id, r.revision) for r in conn.execute(query)]

    def comparisons(self, story_ids: Sequence[str]) -> dict[str, Comparison]:
        """The comparisons made for the current revision of these stories (a stale one is left out)."""
        st, c = s.stories, s.comparisons
        out: dict[str, Comparison] = {}
        with self._read() as conn:
            for chunk in _chunks(list(story_ids)):
                query = (
                    select(c)
                    .join(st, (st.c.id == c.c.story_id) & (st.c.revision == c.c.revision))
                    .where(c.c.story_id.in_(chunk))
                )
                for r in conn.execute(query):
                    out[r.story_id] = Comparison.from_json(r.story_id, r.revision, r.facts, r.provenance)
        return out

    def sentences(self, article_id: str) -> list[tuple[int, int]]:
        t = s.sentences
        with self._read() as conn:
            rows = conn.execute(select(t.c.start, t.c.end).where(t.c.article_id == article_id).order_by(t.c.idx))
            return [(r.start, r.end) for r in rows]

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("articles", s.articles), ("stories", s.stories), ("entities", s.entities))
            }

    def counter(self, name: str) -> int:
        with self._read() as conn:
            return int(conn.execute(select(s.counters.c.value).where(s.counters.c.name == name)).scalar() or 0)


def _quotes_query() -> Any:
    """The quotes with the entity of their speaker's mention (an outer join: read when asked, so a relink of the
    mention is the quote's relink too), by article and position."""
    q, m = s.quotes, s.mentions
    return (
        select(*(q.c[c] for c in QUOTE_COLUMNS), m.c.entity_id.label("speaker_id"))
        .select_from(q.outerjoin(m, m.c.id == q.c.speaker_mention_id))
        .order_by(q.c.article_id, q.c.idx)
    )


def _row_id(ids: list[int], index: int | None) -> int | None:
    return None if index is None else ids[index]


def _check_quotes(analyses: Sequence[Analysis]) -> None:
    """ValueError when a quote points outside its analysis (a speaker mention or a denied quote that is not
    there): such a reference cannot be stored."""
    for an in analyses:
        for i, q in enumerate(an.quotes):
            if q.speaker_mention is not None and not 0 <= q.speaker_mention < len(an.mentions):
                raise PlanError(
                    f"article {an.article_id!r}: quote {i} names mention {q.speaker_mention}, "
                    f"the analysis has {len(an.mentions)}"
                )
            if q.denies is not None and not (0 <= q.denies < len(an.quotes) and q.denies != i):
                raise PlanError(
                    f"article {an.article_id!r}: quote {i} denies quote {q.denies}, which is not another of its quotes"
                )


def _check_events(analyses: Sequence[Analysis]) -> None:
    """ValueError when an event points outside its analysis (a participant's mention or a claim's quote)."""
    for an in analyses:
        for i, e in enumerate(an.events):
            for what, k, n in (
                ("source mention", e.source_mention, len(an.mentions)),
                ("target mention", e.target_mention, len(an.mentions)),
                ("claim", e.claimant_quote, len(an.quotes)),
            ):
                if k is not None and not 0 <= k < n:
                    raise PlanError(f"article {an.article_id!r}: event {i} names {what} {k}, which it does not have")


def _events_query() -> Any:
    """The events with the entities of their participants' mentions (read when asked, so a relink of a mention
    is the event's too), by article and position."""
    e, a, sm, tm = s.events, s.articles, s.mentions.alias("sm"), s.mentions.alias("tm")
    sentence = func.substr(a.c.text, e.c.start + 1, e.c.end - e.c.start).label("sentence")
    return (
        select(
            *(e.c[c] for c in EVENT_COLUMNS),
            sm.c.entity_id.label("source_id"),
            tm.c.entity_id.label("target_id"),
            sm.c.kind.label("source_kind"),
            tm.c.kind.label("target_kind"),
            sentence,
            a.c.outlet,
        )
        .select_from(
            e.join(a, a.c.id == e.c.article_id)
            .outerjoin(sm, sm.c.id == e.c.source_mention_id)
            .outerjoin(tm, tm.c.id == e.c.target_mention_id)
        )
        .order_by(e.c.article_id, e.c.idx)
    )


def _check_sqlite_file(path: str) -> None:
    """MissingDatabase unless the file exists and holds a newsgraph schema (read without changing it)."""
    if not Path(path).exists():
        raise MissingDatabase(f"no database at {path}")
    try:
        conn = sqlite3.connect(path)
        try:
            query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            found = conn.execute(query).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise MissingDatabase(f"{path} is not a newsgraph database ({exc})") from None
    if found is None:
        raise MissingDatabase(f"no newsgraph database at {path}")


def _known_articles(conn: Connection, articles: Sequence[Article]) -> tuple[set[str], set[str]]:
    a = s.articles
    hashes: set[str] = set()
    ids: set[str] = set()
    for chunk in _chunks(list(articles)):
        query = select(a.c.id, a.c.content_hash).where(
            a.c.content_hash.in_({x.content_hash for x in chunk}) | a.c.id.in_({x.id for x in chunk})
        )
        for row in conn.execute(query):
            hashes.add(row.content_hash)
            ids.add(row.id)
    return hashes, ids


def _story(story_id: str, title: str | None, members: Sequence[Any]) -> Story:
    dates = sorted(m.published for m in members if m.published)
    outlets = sorted({m.outlet for m in members if m.outlet})
    return Story(
        story_id, title, [m.id for m in members], outlets, dates[0] if dates else None, dates[-1] if dates else None
    )


class Writer:
    """One write transaction (see Store.writing): the lookups the stages make inside it and the writes
    that apply their plans. It is the StoryBackend of the online clustering and the EntityLookup of
    cross-document linking."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # --- lookups ----------------------------------------------------------------------------------

    def known(self, articles: Sequence[Article]) -> tuple[set[str], set[str]]:
        """(content hashes, ids) of these articles that are stored."""
        return _known_articles(self.conn, articles)

    def reprint_candidates(self, keys: list[int], limit: int | None = None) -> list[StoredText]:
        """Stored articles sharing any of these LSH band keys; with `limit`, at most that many: those sharing the most
        keys, then by id."""
        a, b = s.articles, s.reprint_bands
        hits = select(b.c.article_id).where(b.c.key.in_(keys)).group_by(b.c.article_id)
        if limit is not None:
            hits = hits.order_by(func.count().desc(), b.c.article_id).limit(limit)
        found = hits.subquery()
        query = select(a.c.id, a.c.text, a.c.published, a.c.reuse_of, a.c.outlet).join(
            found, a.c.id == found.c.article_id
        )
        return [StoredText(r.id, r.text, r.published, r.reuse_of, r.outlet) for r in self.conn.execute(query)]

    def persons_with_token(self, tokens: Iterable[str]) -> dict[str, set[str]]:
        t = s.person_tokens
        found: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(set(tokens))):
            for r in self.conn.execute(select(t.c.token, t.c.entity_id).where(t.c.token.in_(chunk))):
                found.setdefault(r.token, set()).add(r.entity_id)
        return found

    def single_name_entities(self, names: Iterable[str]) -> dict[str, set[str]]:
        m = s.mentions
        found: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(set(names))):
            query = select(m.c.name, m.c.entity_id).where((m.c.kind == "person") & m.c.name.in_(chunk)).distinct()
            for r in self.conn.execute(query):
                found.setdefault(r.name, set()).add(r.entity_id)
        return found

    def single_person_names(self) -> set[str]:
        """The single names ('Lavrov') stored person mentions resolve to."""
        m = s.mentions
        query = select(m.c.name).where((m.c.kind == "person") & ~m.c.name.contains(" ")).distinct()
        return {name for name in self.conn.execute(query).scalars() if name}

    # --- articles and their analyses ------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], analyses: Sequence[Analysis], links: LinkPlan) -> None:
        """Articles with their analyses, the entities their mentions name, and the link plan's relinks."""
        conn, now = self.conn, _now()
        if not articles:
            return
        _check_quotes(analyses)
        _check_events(analyses)
        conn.execute(
            insert(s.articles),
            [
                {
                    "id": a.id,
                    "content_hash": a.content_hash,
                    "url": a.url,
                    "outlet": a.outlet,
                    "title": a.title,
                    "published": a.published,
                    "language": a.language,
                    "credited": a.credited,
                    "text": a.text,
                    "source": a.source,
                    "ingested_at": now,
                    "model": an.model,
                    "story_id": None,
                }
                for a, an in zip(articles, analyses, strict=True)
            ],
        )
        rows = [
            {"article_id": an.article_id, "idx": i, "start": sent.start, "end": sent.end}
            for an in analyses
            for i, sent in enumerate(an.sentences)
        ]
        if rows:
            conn.execute(insert(s.sentences), rows)
        rows = [
            {"article_id": an.article_id, "start": t.start, "end": t.end, "text": t.text, "type": t.type}
            | {"value": t.value}
            for an in analyses
            for t in an.times
        ]
        if rows:
            conn.execute(insert(s.times), rows)
        rows = [
            {"article_id": an.article_id, "start": p.start, "end": p.end, "text": p.text, "name": p.name}
            | {"feature": p.feature, "country": p.country, "lat": p.lat, "lon": p.lon, "adjectival": p.adjectival}
            for an in analyses
            for p in an.places
        ]
        if rows:
            conn.execute(insert(s.places), rows)
        ids = any(an.quotes or an.events for an in analyses)
        mention_ids = self._apply_links(links, analyses, ids=ids)  # quotes and events refer to the mentions' rows
        rows = [
            {"article_id": an.article_id, "idx": i, "start": q.start, "end": q.end, "text": q.text, "kind": q.kind}
            | {"cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end}
            | {"source_start": q.source_start, "source_end": q.source_end, "speaker": q.speaker}
            | {"speaker_kind": q.speaker_kind, "via": q.via, "stance": q.stance, "denies": q.denies, "hedged": q.hedged}
            | {"speaker_mention_id": _row_id(mention_ids.get(an.article_id, []), q.speaker_mention)}
            for an in analyses
            for i, q in enumerate(an.quotes)
        ]
        if rows:
            conn.execute(insert(s.quotes), rows)
        rows = [
            {c: getattr(e, c) for c in EVENT_COLUMNS[2:]}
            | {"article_id": an.article_id, "idx": i}
            | {"source_mention_id": _row_id(mention_ids.get(an.article_id, []), e.source_mention)}
            | {"target_mention_id": _row_id(mention_ids.get(an.article_id, []), e.target_mention)}
            for an in analyses
            for i, e in enumerate(an.events)
        ]
        if rows:
            conn.execute(insert(s.events), rows)

    def apply_links(self, links: LinkPlan, analyses: Sequence[Analysis] = ()) -> None:
        """Entities, the analyses' mentions with the entities the plan gave them, relinks, renames."""
        self._apply_links(links, analyses, ids=False)

    def _apply_links(self, links: LinkPlan, analyses: Sequence[Analysis], *, ids: bool) -> dict[str, list[int]]:
        """apply_links; with `ids`, the row ids of the analyses' mentions it inserted (article id -> in the order
        of its mentions), else {}."""
        conn = self.conn
        mention_ids: dict[str, list[int]] = {}
        if links.entities:
            conn.execute(
                _upsert(conn, s.entities).on_conflict_do_nothing(index_elements=["id"]),
                [{"id": e.id, "type": e.type} for e in links.entities],
            )
            tokens = [{"token": t, "entity_id": e.id} for e in links.entities for t in dict.fromkeys(e.tokens)]
            if tokens:
                conn.execute(_upsert(conn, s.person_tokens).on_conflict_do_nothing(), tokens)
        rows = [
            {"article_id": an.article_id, "start": m.start, "end": m.end, "text": m.text, "label": m.label}
            | {"entity_id": eid, "name": m.canonical, "kind": m.kind, "country": m.country, "role": m.role}
            for an in analyses
            for m, eid in zip(an.mentions, links.mention_entities.get(an.article_id, []), strict=True)
        ]
        m = s.mentions
        if rows and ids:
            inserted = iter(conn.execute(insert(m).returning(m.c.id, sort_by_parameter_order=True), rows).scalars())
            for an in analyses:
                mention_ids[an.article_id] = [next(inserted) for _ in an.mentions]
        elif rows:
            conn.execute(insert(m), rows)
        for relink in links.relinks:
            named = (m.c.kind == "person") & (m.c.name == relink.name)
            self._touch(select(s.articles.c.story_id).join(m, m.c.article_id == s.articles.c.id).where(named))
            conn.execute(update(m).where(named).values(entity_id=relink.entity_id))
        for old, new in links.term_renames:
            self._rename_term(old, new)
        if links.drop_if_unused:
            e = s.entities
            unused = e.c.id.in_(links.drop_if_unused) & ~exists().where(m.c.entity_id == e.c.id)
            conn.execute(delete(e).where(unused))
        return mention_ids

    def _rename_term(self, old: str, new: str) -> None:
        """Stories indexed under `old` are found under `new` (weights added where both are indexed)."""
        conn, st = self.conn, s.story_terms
        for r in conn.execute(select(st.c.story_id, st.c.weight, st.c.last_day).where(st.c.term == old)).all():
            both = (st.c.story_id == r.story_id) & (st.c.term == new)
            if conn.execute(update(st).where(both).values(weight=st.c.weight + r.weight)).rowcount == 0:
                conn.execute(insert(st).values(story_id=r.story_id, term=new, weight=r.weight, last_day=r.last_day))
        conn.execute(delete(st).where(st.c.term == old))
        moved = conn.execute(select(s.term_df.c.df).where(s.term_df.c.term == old)).scalar()
        if moved:
            self._add_frequencies({new: int(moved)})
            conn.execute(delete(s.term_df).where(s.term_df.c.term == old))

    def _touch(self, stories: Any) -> None:
        """Raise the revision of these stories (a list of ids, or a query selecting ids) to a new one: the next value
        of the database's `revision` counter, raised in SQL, so a revision is never given twice, even to a story id
        that was removed and comes back."""
        c, st = s.counters, s.stories
        stmt = _upsert(self.conn, c).values(name="revision", value=2)  # stories start at 1
        self.conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"value": c.c.value + 1}))
        current = select(c.c.value).where(c.c.name == "revision").scalar_subquery()
        for chunk in _chunks(stories) if isinstance(stories, list) else [stories]:
            self.conn.execute(update(st).where(st.c.id.in_(chunk)).values(revision=current))

    def add_reprints(self, links: Sequence[Reuse], keys_of: dict[str, list[int]]) -> None:
        conn = self.conn
        rows = [{"key": k, "article_id": aid} for aid, keys in keys_of.items() for k in dict.fromkeys(keys)]
        if rows:
            conn.execute(insert(s.reprint_bands), rows)
        for link in links:
            conn.execute(
                update(s.articles)
                .where(s.articles.c.id == link.article_id)
                .values(reuse_of=link.reuse_of, reuse_overlap=link.overlap)
            )
        if links:  # a stored article found to reprint a new one: its story's sources changed
            a = s.articles
            self._touch(select(a.c.story_id).where(a.c.id.in_([link.article_id for link in links])))

    # --- stories (the StoryBackend of newsgraph.stories.online) -----------------------------------

    def pending_articles(self, limit: int) -> list[tuple[str, str | None]]:
        """(id, published) of the first `limit` articles without a story, in publication order (undated last)."""
        a = s.articles
        day: Any = func.coalesce(a.c.published, "9999-99-99")
        aid: Any = a.c.id
        if self.conn.dialect.name == "postgresql":  # byte order, as SQLite's, whatever the server's locale
            day, aid = day.collate("C"), aid.collate("C")
        query = select(a.c.id, a.c.published).where(a.c.story_id.is_(None)).order_by(day, aid).limit(limit)
        return [(r.id, r.published) for r in self.conn.execute(query)]

    def member_texts(self, article_ids: Sequence[str]) -> list[PendingArticle]:
        a, m, t = s.articles, s.mentions, s.times
        rows: list[Any] = []
        entities: dict[str, list[str]] = {}
        dates: dict[str, list[str]] = {}
        for chunk in _chunks(list(article_ids)):
            rows += self.conn.execute(
                select(a.c.id, a.c.title, a.c.text, a.c.language, a.c.published).where(a.c.id.in_(chunk))
            ).all()
            query = select(m.c.article_id, m.c.entity_id).where(m.c.article_id.in_(chunk)).order_by(m.c.id)
            for r in self.conn.execute(query):
                if r.entity_id:
                    entities.setdefault(r.article_id, []).append(r.entity_id)
            query = select(t.c.article_id, t.c.value).where(t.c.article_id.in_(chunk) & (t.c.type == "DATE"))
            for r in self.conn.execute(query.order_by(t.c.id)):
                dates.setdefault(r.article_id, []).append(r.value)
        return [
            PendingArticle(r.id, r.title, r.text, r.language, r.published, entities.get(r.id, []), dates.get(r.id, []))
            for r in rows
        ]

    def doc_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        t = s.term_df
        found: dict[str, int] = {}
        for chunk in _chunks(sorted(set(terms))):
            found.update({r.term: r.df for r in self.conn.execute(select(t.c.term, t.c.df).where(t.c.term.in_(chunk)))})
        docs = self.conn.execute(select(s.counters.c.value).where(s.counters.c.name == "docs")).scalar() or 0
        return found, int(docs)

    def candidate_stories(self, terms: Sequence[str], day: int | None, window: float, limit: int = 30) -> list[str]:
        """Stories whose indexed terms include any of `terms`, active within `window` days of `day`."""
        st = s.story_terms
        score = func.sum(st.c.weight).label("score")
        query = select(st.c.story_id, score).where(st.c.term.in_(list(terms)))
        if day is not None:  # the (term, last_day) index keeps this to the stories of the window
            query = query.where(st.c.last_day >= day - window)
        query = query.group_by(st.c.story_id).order_by(score.desc(), st.c.story_id).limit(limit)
        return [r.story_id for r in self.conn.execute(query)]

    def load_stories(self, ids: Sequence[str]) -> list[StoryState]:
        sto, st, a = s.stories, s.story_terms, s.articles
        conn, ids = self.conn, list(ids)
        rows = conn.execute(select(sto).where(sto.c.id.in_(ids))).all()
        terms: dict[str, dict[str, float]] = {}
        for t in conn.execute(select(st.c.story_id, st.c.term, st.c.weight).where(st.c.story_id.in_(ids))):
            terms.setdefault(t.story_id, {})[t.term] = t.weight
        members: dict[str, list[str]] = {}
        query = (
            select(a.c.story_id, a.c.id).where(a.c.story_id.in_(ids)).order_by(func.coalesce(a.c.published, ""), a.c.id)
        )
        for m in conn.execute(query):
            members.setdefault(m.story_id, []).append(m.id)
        return [
            StoryState(r.id, terms.get(r.id, {}), r.size, r.first_day, r.last_day, members.get(r.id, [])) for r in rows
        ]

    def save_stories(self, plan: StoryPlan) -> None:
        """Write one flush of the clustering."""
        now = _now()
        conn = self.conn
        sto, st, a = s.stories, s.story_terms, s.articles
        existing = set(conn.execute(select(sto.c.id).where(sto.c.id.in_(list(plan.stories)))).scalars())
        title_ids = [aid for aid, _ in plan.titles.values()]
        titles = dict(conn.execute(select(a.c.id, a.c.title).where(a.c.id.in_(title_ids))).all()) if title_ids else {}
        term_rows: list[dict[str, Any]] = []
        for sid, story in plan.stories.items():
            values: dict[str, Any] = {"size": story.size, "first_day": story.first_day, "last_day": story.last_day}
            if sid in plan.titles:
                aid, score = plan.titles[sid]
                values.update(title_article=aid, title_score=score, title=titles.get(aid))
            if sid in existing:
                conn.execute(update(sto).where(sto.c.id == sid).values(**values))
            else:
                conn.execute(insert(sto).values(id=sid, created_at=now, **values))
            last_day = UNDATED if story.last_day is None else story.last_day
            term_rows.extend(
                {"story_id": sid, "term": t, "weight": w, "last_day": last_day} for t, w in story.terms.items()
            )
        if existing:
            conn.execute(delete(st).where(st.c.story_id.in_(list(existing))))
        if term_rows:
            conn.execute(insert(st), term_rows)
        if plan.assignments:
            conn.execute(
                update(a).where(a.c.id == bindparam("a_id")).values(story_id=bindparam("a_story")),
                [{"a_id": aid, "a_story": sid} for aid, sid in plan.assignments.items()],
            )
        changed = plan.changed()
        if changed:
            self._touch(changed)
        for sid in sorted(plan.removed):
            conn.execute(delete(st).where(st.c.story_id == sid))
            conn.execute(delete(s.comparisons).where(s.comparisons.c.story_id == sid))
            conn.execute(delete(sto).where(sto.c.id == sid))
        if plan.changes:
            conn.execute(
                insert(s.story_log),
                [
                    {"at": now, "kind": c.kind, "story_id": c.story_id, "other_id": c.other_id}
                    | {"article_ids": c.article_ids}
                    for c in plan.changes
                ],
            )
        self._add_frequencies(dict(plan.new_terms))
        if plan.docs_added:
            c = s.counters
            stmt = _upsert(conn, c).values(name="docs", value=plan.docs_added)
            stmt = stmt.on_conflict_do_update(index_elements=["name"], set_={"value": c.c.value + stmt.excluded.value})
            conn.execute(stmt)

    def drop_comparisons(self) -> None:
        """Every stored comparison dropped (all stories stale)."""
        self.conn.execute(delete(s.comparisons))

    def save_comparisons(self, comparisons: Sequence[Comparison]) -> int:
        """Store comparisons, each only if its story is still at the revision it was made for (checked in SQL: a
        story another writer changed meanwhile keeps its stale state, for that writer to compare). Returns how
        many were stored."""
        st, c = s.stories, s.comparisons
        current = exists().where((st.c.id == bindparam("sid")) & (st.c.revision == bindparam("rev")))
        now = _now()
        rows = []
        for comparison in comparisons:
            facts, provenance = comparison.as_json()
            rows.append({"sid": comparison.story_id, "rev": comparison.revision, "facts": facts, "prov": provenance})
        if not rows:
            return 0
        self.conn.execute(delete(c).where((c.c.story_id == bindparam("sid")) & current), rows)
        values = select(
            bindparam("sid", type_=String),
            bindparam("rev", type_=Integer),
            literal(now, String),
            bindparam("facts", type_=JSON),
            bindparam("prov", type_=JSON),
        ).where(current)
        query = insert(c).from_select(["story_id", "revision", "computed_at", "facts", "provenance"], values)
        query = query.returning(c.c.story_id)
        return sum(len(self.conn.execute(query, row).all()) for row in rows)  # one at a time: the rows each made

    def _add_frequencies(self, increments: dict[str, int]) -> None:
        """Document frequencies incremented in SQL (an upsert), whatever other writers did meanwhile."""
        if not increments:
            return
        t = s.term_df
        stmt = _upsert(self.conn, t)
        stmt = stmt.on_conflict_do_update(index_elements=["term"], set_={"df": t.c.df + stmt.excluded.df})
        for chunk in _chunks(sorted(increments)):
            self.conn.execute(stmt, [{"term": term, "df": increments[term]} for term in chunk])
