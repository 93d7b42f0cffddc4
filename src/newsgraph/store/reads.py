"""`Store`: opening a database (its schema created or migrated), its write transactions (`writing()`,
which yields a `Writer`) and read snapshots (`snapshot()`), and every read, streaming reads included."""

from __future__ import annotations

import contextlib
import copy
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from newsgraph.errors import MissingDatabase, SchemaMismatch, StoreError
from newsgraph.models import Article, Comparison, MentionStat, Story, WatchRecord
from newsgraph.store import migrations, searching, watching
from newsgraph.store import schema as s
from newsgraph.store.engine import (
    ADVISORY_LOCK,
    CHUNK,
    EVENT_COLUMNS,
    LOCK_TIMEOUT,
    WRITE_OPTION,
    check_sqlite_file,
    chunks,
    database_name,
    database_url,
    known_articles,
    make_engine,
    sqlite_file,
    stored_version,
    stream,
    unwritable,
)
from newsgraph.store.writer import CHANGES, Writer

TIME_COLUMNS = ["article_id", "text", "start", "end", "type", "value"]
PLACE_COLUMNS = ["article_id", "text", "start", "end", "name", "feature", "country", "lat", "lon", "adjectival"]
QUOTE_COLUMNS = [
    "article_id", "idx", "start", "end", "text", "kind", "cue", "cue_start", "cue_end", "source_start", "source_end",
    "speaker", "speaker_kind", "via", "stance", "denies", "hedged", "confidence",
]  # fmt: skip
"""Columns of the quotes table that reads return as they are; `speaker_id` is read from the speaker's mention."""



def _stat_columns(e: Any, m: Any) -> list[Any]:
    """The columns mention statistics are grouped by."""
    return [m.c.entity_id, e.c.type, m.c.text, m.c.name, m.c.role, m.c.country, m.c.sector]


def _stat(r: Any) -> MentionStat:
    return MentionStat(r.entity_id, r.type, r.text, r.name, r.role, r.country, int(r.n), r.sector)

class Store:
    """The project's database. Analysis never sees this: it returns data that is written here.

    `create=False` opens an existing newsgraph database only (MissingDatabase otherwise): what
    read-only commands use, so that a mistyped path creates nothing.

    A SQLite file that cannot be written (a read-only file system, a file or folder without write permission) is
    opened read-only: every read works, and a write transaction is refused with a StoreError that says why
    (`read_only`).
    """

    def __init__(
        self, db: str | os.PathLike[str] | None = None, *, create: bool = True, lock_timeout: float = LOCK_TIMEOUT
    ) -> None:
        self.url = database_url(db)
        self.lock_timeout = lock_timeout
        self.upgraded_from: int | None = None
        """The schema version this process migrated the database from, if it did."""
        self._conn: Connection | None = None  # set on the views snapshot() makes
        self._probe = ChangeProbe(self.url, lock_timeout)
        file = sqlite_file(self.url)
        self.read_only = unwritable(file) if file else None
        """Why the database cannot be written (it is then opened read-only), None when it can."""
        if file and not create:
            check_sqlite_file(file)  # before the engine's first connection switches the file to WAL
        if file and self.read_only and not os.path.exists(file):
            raise StoreError(f"cannot create a database at {file}: {self.read_only}")
        self.engine: Engine = make_engine(self.url, lock_timeout, read_only=self.read_only is not None)
        try:
            self._init_schema(create)
        except BaseException:
            self.engine.dispose()
            raise

    def _where(self) -> str:
        return database_name(self.url)

    def _init_schema(self, create: bool) -> None:
        with self.engine.connect() as conn:
            found = stored_version(conn)
        if found == s.SCHEMA_VERSION:
            return
        if found is None and not create:
            raise MissingDatabase(f"no newsgraph database at {self._where()}")
        if found is not None and found > s.SCHEMA_VERSION:
            raise SchemaMismatch(
                f"database schema version {found} is newer than this newsgraph's ({s.SCHEMA_VERSION}): "
                "upgrade newsgraph"
            )
        if found is not None and self.read_only:
            raise SchemaMismatch(
                f"database schema version {found} is older than this newsgraph's ({s.SCHEMA_VERSION}) and cannot be "
                f"upgraded: {self.read_only}"
            )
        with self.writing(counted=False) as writer:  # one process creates or migrates; the others then find it done
            conn = writer.conn
            found = stored_version(conn)
            if found is None:
                s.metadata.create_all(conn)
                searching.create(conn)
                conn.execute(insert(s.schema_version).values(version=s.SCHEMA_VERSION))
            elif found < s.SCHEMA_VERSION:
                try:
                    migrations.upgrade(conn, found, s.SCHEMA_VERSION)
                except RuntimeError as exc:
                    raise SchemaMismatch(f"database schema version {found}: {exc}") from exc
                self.upgraded_from = found

    def close(self) -> None:
        self._probe.close()
        self.engine.dispose()

    def check_writable(self) -> None:
        """StoreError when the database cannot be written (`read_only`)."""
        if self.read_only:
            raise StoreError(f"cannot write to the database at {self._where()}: {self.read_only} "
                             "(it is opened read-only: it can be read, not written)")  # fmt: skip

    @contextmanager
    def writing(self, counted: bool = True) -> Iterator[Writer]:
        """One write transaction holding the database's write lock: all of it is stored, or none; `counted`: it
        raises the `changes` counter as it ends (all but the one that creates or upgrades the schema)."""
        self.check_writable()
        with self.engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text(f"SET LOCAL lock_timeout = '{int(self.lock_timeout * 1000)}ms'"))
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
                writer = Writer(conn)
                yield writer
                if counted:
                    writer.count_change()

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
            return known_articles(conn, articles)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        a = s.articles
        query = select(a).order_by(func.coalesce(a.c.published, ""), a.c.id)
        with self._read() as conn:
            if ids is None:
                rows = conn.execute(query).all()
            else:
                rows = [r for chunk in chunks(list(ids)) for r in conn.execute(query.where(a.c.id.in_(chunk)))]
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

    def story_of(self, article_ids: Sequence[str]) -> dict[str, str | None]:
        """article id -> its story's id (None before it is grouped), of the articles given that are stored."""
        a = s.articles
        with self._read() as conn:
            return {
                r.id: r.story_id
                for chunk in chunks(sorted(set(article_ids)))
                for r in conn.execute(select(a.c.id, a.c.story_id).where(a.c.id.in_(chunk)))
            }

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

    def story_listing(self) -> tuple[dict[str, str | None], list[dict[str, Any]]]:
        """(story id -> title, every article of a story as a dict of story_id, id, outlet, published, language,
        reuse_of), for listing stories; read in one statement each (call it inside snapshot() for one state)."""
        a = s.articles
        with self._read() as conn:
            titles = dict(conn.execute(select(s.stories.c.id, s.stories.c.title)).all())
            rows = conn.execute(
                select(a.c.story_id, a.c.id, a.c.outlet, a.c.published, a.c.language, a.c.reuse_of)
                .where(a.c.story_id.is_not(None))
                .order_by(a.c.story_id, func.coalesce(a.c.published, ""), a.c.id)
            ).all()
        return titles, [dict(r._mapping) for r in rows]

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
                rows = [r for chunk in chunks(list(article_ids)) for r in conn.execute(query.where(a.c.id.in_(chunk)))]
        return {r.id: (r.reuse_of, r.reuse_overlap) for r in rows}

    def mention_stats(self, entity_ids: Iterable[str] | None = None) -> list[MentionStat]:
        """How the mentions of entities (all, or those given) are written and resolved, counted."""
        e, m = s.entities, s.mentions
        query = (
            select(*_stat_columns(e, m), func.count().label("n"))
            .join(e, e.c.id == m.c.entity_id)
            .group_by(*_stat_columns(e, m))
        )
        with self._read() as conn:
            if entity_ids is None:
                rows = conn.execute(query).all()
            else:
                ids = sorted(set(entity_ids))
                rows = [r for chunk in chunks(ids) for r in conn.execute(query.where(m.c.entity_id.in_(chunk)))]
        return [_stat(r) for r in rows]

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
                for chunk in chunks(sorted(set(article_ids)))
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
                for chunk in chunks(sorted(set(article_ids)))
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
            for rows in stream(conn, query, chunk):
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
            for rows in stream(conn, order, chunk):
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
            select(*_stat_columns(e, m), func.count().label("n"))
            .join(e, e.c.id == m.c.entity_id)
            .group_by(*_stat_columns(e, m))
            .order_by(m.c.entity_id)
        )
        group: list[MentionStat] = []
        with self._read() as conn:
            for rows in stream(conn, query, chunk):
                for r in rows:
                    if len(group) >= chunk and r.entity_id != group[-1].entity_id:
                        yield group
                        group = []
                    group.append(_stat(r))
        if group:
            yield group

    def _iter_article_rows(self, table: Any, columns: list[str], chunk: int) -> Iterator[list[dict[str, Any]]]:
        query = select(*(table.c[c] for c in columns)).order_by(table.c.article_id, table.c.start, table.c.id)
        with self._read() as conn:
            for rows in stream(conn, query, chunk):
                yield [dict(r._mapping) for r in rows]

    def iter_embeddings(self, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        """Every stored embedding (article_id, model, vector: int8 bytes, scale) by article id, in lists of at most
        `chunk`."""
        e = s.embeddings
        query = select(e.c.article_id, e.c.model, e.c.vector, e.c.scale).order_by(e.c.article_id)
        with self._read() as conn:
            for rows in stream(conn, query, chunk):
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
            for rows in stream(conn, _quotes_query(), chunk):
                yield [dict(r._mapping) for r in rows]

    def events(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Events (of all articles, or of those given) as column dicts, by article and position, each with
        `source_id` and `target_id` (the entities their participants' mentions name now, None without), the
        text of its `sentence` and its article's `outlet`."""
        rows = self._of_articles(_events_query(), s.events, article_ids)
        with self._read() as conn:
            return _with_sentences(conn, rows)

    def iter_events(self, chunk: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        """`events()` of every article, in lists of at most `chunk`."""
        with self._read() as conn:
            for rows in stream(conn, _events_query(), chunk):
                yield _with_sentences(conn, [dict(r._mapping) for r in rows])

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
            return _with_sentences(conn, [dict(r._mapping) for r in conn.execute(query)])

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
            for chunk in chunks(list(story_ids)):
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

    def comparisons(self, story_ids: Sequence[str], stale: bool = False) -> dict[str, Comparison]:
        """The comparisons made for the current revision of these stories; with `stale`, also those made for an earlier
        one (`Comparison.stale`), else those are left out."""
        st, c = s.stories, s.comparisons
        out: dict[str, Comparison] = {}
        with self._read() as conn:
            for chunk in chunks(list(story_ids)):
                query = (
                    select(c, (st.c.revision != c.c.revision).label("behind"))
                    .join(st, st.c.id == c.c.story_id)
                    .where(c.c.story_id.in_(chunk))
                )
                if not stale:
                    query = query.where(st.c.revision == c.c.revision)
                for r in conn.execute(query):
                    out[r.story_id] = Comparison.from_json(
                        r.story_id, r.revision, r.facts, r.provenance, r.computed_at, bool(r.behind)
                    )
        return out

    def lemmas(self, article_ids: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
        """The content words ((offset, lemma) pairs) of these articles, of those stored with them."""
        t = s.lemmas
        out: dict[str, list[tuple[int, str]]] = {}
        with self._read() as conn:
            for chunk in chunks(sorted(set(article_ids))):
                for r in conn.execute(select(t.c.article_id, t.c.words).where(t.c.article_id.in_(chunk))):
                    out[r.article_id] = [(int(at), str(word)) for at, word in r.words]
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

    def changes(self) -> int:
        """How many write transactions the database has committed (0 before any): the same number, the same data.
        Inside a snapshot, the snapshot's count; else the latest, read on a connection kept for it (`ChangeProbe`:
        a few microseconds, where a pooled connection's checkout and reset take a hundred)."""
        if self._conn is not None:
            return self.counter(CHANGES)
        try:
            return self._probe.read()
        except Exception:  # the probe is dropped; a pooled connection says what is wrong, as any read does
            return self.counter(CHANGES)

    def counter(self, name: str) -> int:
        with self._read() as conn:
            return int(conn.execute(select(s.counters.c.value).where(s.counters.c.name == name)).scalar() or 0)

    def watch_records(self) -> list[WatchRecord]:
        """Each watched source's last round, by source."""
        with self._read() as conn:
            return watching.read_records(conn)

    def search_hits(self, match: str, phrases: Sequence[str], limit: int, offset: int, seconds: float) -> list[Any]:
        """Rows (id, story_id, title, outlet, published, language, text, score) of the articles matching the search
        (`match`: SQLite FTS5's MATCH string; `phrases`: PostgreSQL's, each one phrase), best first, `limit` after
        `offset`; SearchTimeout past `seconds` (store/searching.py). Call it inside snapshot(): PostgreSQL's time limit
        is the transaction's."""
        with self._read() as conn:
            return searching.hits(conn, match, phrases, limit, offset, seconds)

    # --- actors and story filters (serve) ---------------------------------------------------------

    def entity_story_counts(self, entity_ids: Sequence[str]) -> dict[str, int]:
        """For each of these entities: how many stories have an article that mentions it."""
        m, a = s.mentions, s.articles
        query = (
            select(m.c.entity_id, func.count(a.c.story_id.distinct()).label("n"))
            .join(a, a.c.id == m.c.article_id)
            .group_by(m.c.entity_id)
        )
        with self._read() as conn:
            return {
                r.entity_id: int(r.n)
                for chunk in chunks(sorted(set(entity_ids)))
                for r in conn.execute(query.where(m.c.entity_id.in_(chunk)))
            }

    def stories_mentioning(self, entity_ids: Sequence[str], limit: int) -> tuple[list[dict[str, Any]], int]:
        """The stories with an article that mentions one of `entity_ids` (id, title, last_published), the `limit`
        last published first (undated last, then by id), and how many there are."""
        m, a, st = s.mentions, s.articles, s.stories
        found = select(a.c.story_id).join(m, m.c.article_id == a.c.id).where(m.c.entity_id.in_(list(entity_ids)))
        last = func.max(a.c.published)
        query = (
            select(st.c.id, st.c.title, last.label("last_published"))
            .join(a, a.c.story_id == st.c.id)
            .where(st.c.id.in_(found))
            .group_by(st.c.id, st.c.title)
        )
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
            ordered = query.order_by(last.is_(None), last.desc(), st.c.id).limit(limit)
            return [dict(r._mapping) for r in conn.execute(ordered)], int(total)

    def story_ids_mentioning(self, entity_ids: Sequence[str]) -> set[str]:
        """Stories with an article that mentions one of `entity_ids`."""
        m, a = s.mentions, s.articles
        query = select(a.c.story_id).distinct().join(m, m.c.article_id == a.c.id)
        with self._read() as conn:
            return {r.story_id for r in conn.execute(query.where(m.c.entity_id.in_(list(entity_ids))))} - {None}

    def story_ids_in_country(self, code: str) -> set[str]:
        """Stories with an article that names an actor of country `code` (the country itself, or a person or
        group it places there) or a place in it."""
        m, p, a = s.mentions, s.places, s.articles
        named = select(m.c.article_id).where(m.c.country == code)
        placed = select(p.c.article_id).where(p.c.country == code)
        query = select(a.c.story_id).distinct().where(a.c.id.in_(named.union(placed)))
        with self._read() as conn:
            return {r.story_id for r in conn.execute(query)} - {None}

    def place_names(self) -> list[str]:
        """The distinct names of the places articles mention."""
        with self._read() as conn:
            return [r.name for r in conn.execute(select(s.places.c.name).distinct())]

    def story_ids_at_places(self, names: Sequence[str]) -> set[str]:
        """Stories with an article that mentions a place of one of these names."""
        p, a = s.places, s.articles
        at = select(p.c.article_id).where(p.c.name.in_(list(names)))
        query = select(a.c.story_id).distinct().where(a.c.id.in_(at))
        with self._read() as conn:
            return {r.story_id for r in conn.execute(query)} - {None}


def _quotes_query() -> Any:
    """The quotes with the entity of their speaker's mention (an outer join: read when asked, so a relink of the
    mention is the quote's relink too), by article and position."""
    q, m = s.quotes, s.mentions
    return (
        select(*(q.c[c] for c in QUOTE_COLUMNS), m.c.entity_id.label("speaker_id"))
        .select_from(q.outerjoin(m, m.c.id == q.c.speaker_mention_id))
        .order_by(q.c.article_id, q.c.idx)
    )


def _events_query() -> Any:
    """The events with the entities of their participants' mentions (read when asked, so a relink of a mention
    is the event's too), by article and position; their sentences are added by `_with_sentences`."""
    e, a, sm, tm = s.events, s.articles, s.mentions.alias("sm"), s.mentions.alias("tm")
    return (
        select(
            *(e.c[c] for c in EVENT_COLUMNS),
            sm.c.entity_id.label("source_id"),
            tm.c.entity_id.label("target_id"),
            sm.c.kind.label("source_kind"),
            tm.c.kind.label("target_kind"),
            a.c.outlet,
        )
        .select_from(
            e.join(a, a.c.id == e.c.article_id)
            .outerjoin(sm, sm.c.id == e.c.source_mention_id)
            .outerjoin(tm, tm.c.id == e.c.target_mention_id)
        )
        .order_by(e.c.article_id, e.c.idx)
    )


def _with_sentences(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The event rows, each with the text of its `sentence`, cut from its article's text read once (SQL's substr walks
    the text from its start for each row: quadratic in a long article, 2.7 s for the events of a 2 MB one)."""
    a = s.articles
    texts: dict[str, str] = {}
    for chunk in chunks(sorted({r["article_id"] for r in rows})):
        texts.update((i, t) for i, t in conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(chunk))))
    for r in rows:
        r["sentence"] = texts[r["article_id"]][r["start"] : r["end"]]
    return rows


def _story(story_id: str, title: str | None, members: Sequence[Any]) -> Story:
    dates = sorted(m.published for m in members if m.published)
    outlets = sorted({m.outlet for m in members if m.outlet})
    return Story(
        story_id, title, [m.id for m in members], outlets, dates[0] if dates else None, dates[-1] if dates else None
    )


class ChangeProbe:
    """A database connection kept to read the `changes` counter: of its own engine (read-only for a SQLite file, so
    it never writes nor switches the file's journal), in autocommit (it holds no transaction: each read sees what is
    committed then), shared by threads under a lock, and dropped on any error (the next read opens another)."""

    def __init__(self, url: str, lock_timeout: float) -> None:
        self.url, self.lock_timeout = url, lock_timeout
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._conn: Any = None

    def read(self) -> int:
        with self._lock:
            try:
                if self._conn is None:
                    self._engine = self._engine or make_engine(self.url, self.lock_timeout, read_only=True)
                    self._conn = self._engine.raw_connection()
                    if self._engine.dialect.name == "postgresql":
                        self._conn.driver_connection.autocommit = True
                cursor = self._conn.cursor()
                try:
                    cursor.execute(f"SELECT value FROM counters WHERE name = '{CHANGES}'")
                    row = cursor.fetchone()
                finally:
                    cursor.close()
            except Exception:
                self._drop()
                raise
            return int(row[0]) if row else 0

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.invalidate()

    def close(self) -> None:
        with self._lock:
            self._drop()
            engine, self._engine = self._engine, None
            if engine is not None:
                engine.dispose()
