"""The database itself: its URL, the engine (SQLite's pragmas and WAL, `BEGIN IMMEDIATE` for write
transactions; PostgreSQL's options), the write lock's constants, and the small SQL helpers that reads.py
and writer.py share."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select
from sqlalchemy.engine import URL, make_url

from newsgraph.errors import DatabaseError, MissingDatabase, SchemaMismatch, StoreError
from newsgraph.models import Article
from newsgraph.store import schema as s

DEFAULT_DB = "newsgraph.db"
ENV_DB = "NEWSGRAPH_DB"
LOCK_TIMEOUT = 300.0
"""Seconds a writer waits for another's transaction before giving up (an OperationalError)."""
ADVISORY_LOCK = 0x6E6577736772
"""PostgreSQL advisory lock key of newsgraph's write transactions ('newsgr')."""
CHUNK = 500
"""Values per IN (...) list."""
WRITE_OPTION = "newsgraph_write"
"""Execution option of the connections Store.writing opens: SQLite begins their transactions with BEGIN IMMEDIATE."""
EVENT_COLUMNS = [
    "article_id", "idx", "start", "end", "trigger_start", "trigger_end", "trigger", "type", "quad_class",
    "intensity", "mode", "source", "source_country", "target", "target_country", "date", "place", "place_country",
    "claimant", "claimant_quote", "main",
]  # fmt: skip
"""Columns of the events table that reads return as they are; `source_id` and `target_id` are read from the
participants' mentions. Here because both sides use it: reads.py reads these columns, writer.py writes them."""


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from a path, a URL, $NEWSGRAPH_DB, or the default file. PostgreSQL URLs without
    a driver ('postgresql://...') use psycopg 3."""
    value = str(db) if db is not None else os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in value:  # a path: what a URL would read otherwise ('?', '#', '%') escaped
        return URL.create("sqlite", database=str(Path(value).expanduser())).render_as_string()
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain) :]
    return value


def _sqlite_connect(lock_timeout: float, read_only: bool) -> Callable[[Any, Any], None]:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver never says BEGIN itself: _sqlite_begin does
        cursor = dbapi_connection.cursor()
        if not read_only:
            _wal(cursor, lock_timeout)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return connect


def _wal(cursor: Any, lock_timeout: float) -> None:
    """Switch the file to WAL (once: it stays so)."""
    deadline = time.monotonic() + lock_timeout
    while True:  # switching a new file to WAL needs it to itself, and SQLite does not wait for that
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(conn: Connection) -> None:
    """Write transactions take the write lock at once (waiting behind others), reads take none."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


def make_engine(url: str, lock_timeout: float, read_only: bool = False) -> Engine:
    """The engine of `url`. `read_only`: a SQLite file is opened read-only (`sqlite_reader`), and never switched to
    WAL: for a file that cannot be written, and for looking at a file without changing it."""
    dialect = make_url(url).get_backend_name()
    if dialect not in ("sqlite", "postgresql"):
        raise StoreError(f"newsgraph stores its data in SQLite or PostgreSQL, not {dialect} ({url})")
    try:
        if dialect == "sqlite":
            file = sqlite_file(url)
            reader = {"creator": sqlite_reader(file, lock_timeout)} if read_only and file else {}
            engine = create_engine(
                url, connect_args={"timeout": lock_timeout}, json_deserializer=_stored_json, **reader
            )
            event.listen(engine, "connect", _sqlite_connect(lock_timeout, read_only))
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except ImportError as exc:
        raise StoreError(
            f"PostgreSQL needs its driver, psycopg 3: pip install 'newsgraph[postgres]' ({exc})"
        ) from None


def _stored_json(text: str) -> Any:
    """A JSON column's value as read from SQLite; one that does not parse (newsgraph writes none) is a damaged file,
    said in one DatabaseError rather than the parser's exception."""
    try:
        return json.loads(text)
    except ValueError as exc:
        raise DatabaseError(
            f"database error: a stored JSON value does not parse: the file may be damaged ({exc})"
        ) from None


def database_name(url: str) -> str:
    """The database as messages name it: a SQLite file's path, else its URL without the password."""
    return sqlite_file(url) or make_url(url).render_as_string(hide_password=True)


def sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL; None for another database or SQLite in memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database


def sqlite_reader(path: str, lock_timeout: float = LOCK_TIMEOUT) -> Callable[[], sqlite3.Connection]:
    """What opens `path` read-only (SQLite's `mode=ro`): nothing is written to the file. When its folder cannot be
    written (so that SQLite cannot make the -wal and -shm files a reader of a WAL file needs) and no WAL file is left
    beside it to be read, it is opened as `immutable`, which a read-only file system needs."""
    uri = Path(path).absolute().as_uri() + "?mode=ro"
    wal = Path(f"{path}-wal")
    if not os.access(Path(path).absolute().parent, os.W_OK) and not (wal.exists() and wal.stat().st_size):
        uri += "&immutable=1"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=lock_timeout, check_same_thread=False)

    return connect


def unwritable(path: str) -> str | None:
    """Why SQLite cannot write the database at `path` (nor make its -wal and -shm files beside it), or create it when
    there is none; None when it can."""
    file = Path(path).absolute()
    if not file.parent.is_dir():
        return f"there is no folder {file.parent}"
    for target in (file, file.parent) if file.exists() else (file.parent,):
        if not os.access(target, os.W_OK):
            if _on_read_only_file_system(target):
                return "read-only file system"
            return f"{'its folder' if target == file.parent else 'the file'} cannot be written (permission denied)"
    return None


def _on_read_only_file_system(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    return bool(statvfs and statvfs(path).f_flag & os.ST_RDONLY)


def existing_tables(url: str) -> set[str]:
    """The names of the tables and views in the database at `url` (none when there is no database file yet), read
    without changing anything (a SQLite file is opened read-only). What is there, for the caller to judge."""
    file = sqlite_file(url)
    if file is not None and (not Path(file).exists() or Path(file).stat().st_size == 0):
        return set()
    engine = make_engine(url, LOCK_TIMEOUT, read_only=True)
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            return set(found.get_table_names()) | set(found.get_view_names())
    finally:
        engine.dispose()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def chunks(values: Sequence[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(values), CHUNK):
        yield list(values[i : i + CHUNK])


def stream(conn: Connection, query: Any, chunk: int) -> Iterator[Sequence[Any]]:
    """The rows of one query, `chunk` at a time, from one cursor that is read as it goes (a server-side
    cursor on PostgreSQL, SQLite's statement stepped on demand): memory holds one chunk, not the result."""
    result = conn.execute(query.execution_options(yield_per=chunk))
    try:
        yield from result.partitions()
    finally:
        result.close()


def upsert(conn: Connection, table: Any) -> Any:
    """INSERT of the connection's dialect, which knows ON CONFLICT."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def stored_version(conn: Connection) -> int | None:
    """The schema version of the database, None when it holds no newsgraph schema."""
    if not inspect(conn).has_table("schema_version"):
        return None
    found = conn.execute(select(s.schema_version.c.version)).scalars().all()
    if len(found) != 1:
        raise SchemaMismatch(f"database schema version {found}, this newsgraph expects {s.SCHEMA_VERSION}")
    return int(found[0])


def check_sqlite_file(path: str) -> None:
    """MissingDatabase unless the file exists and holds a newsgraph schema (read without changing it)."""
    if not Path(path).exists():
        raise MissingDatabase(f"no database at {path}")
    try:
        conn = sqlite_reader(path)()
        try:
            query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            found = conn.execute(query).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise MissingDatabase(f"{path} is not a newsgraph database ({exc})") from None
    if found is None:
        raise MissingDatabase(f"no newsgraph database at {path}")


def known_articles(conn: Connection, articles: Sequence[Article]) -> tuple[set[str], set[str]]:
    """(content hashes, ids) of these articles that are stored: Store.known and Writer.known."""
    a = s.articles
    hashes: set[str] = set()
    ids: set[str] = set()
    for chunk in chunks(list(articles)):
        query = select(a.c.id, a.c.content_hash).where(
            a.c.content_hash.in_({x.content_hash for x in chunk}) | a.c.id.in_({x.id for x in chunk})
        )
        for row in conn.execute(query):
            hashes.add(row.content_hash)
            ids.add(row.id)
    return hashes, ids
