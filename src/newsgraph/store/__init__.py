"""Storage: SQLite by default, PostgreSQL for teams. Persistence only: it writes what the stages decided
and reads records back; it decides nothing.

Any number of processes may write to one database at once. Every write runs in one transaction that
holds the database's write lock from its first statement (SQLite `BEGIN IMMEDIATE`, waiting up to
`lock_timeout` seconds behind other writers; a PostgreSQL transaction-level advisory lock), so the
reads a stage makes inside it (which hashes are stored, which full names exist, which stories are
pending) and the writes that follow are one consistent step. Counters and document frequencies are
incremented in SQL (upserts), never read into Python and written back. Readers never wait (SQLite's
WAL, PostgreSQL's MVCC). The schema is created or migrated inside the same lock, once.

Modules:
- `engine.py`: the database URL (`database_url`, $NEWSGRAPH_DB, the default file), the engine (SQLite's
  pragmas and WAL, `BEGIN IMMEDIATE` for write transactions, a file that cannot be written opened read-only;
  PostgreSQL's options), what a database holds before newsgraph opens it (`existing_tables`, read without
  changing anything), the write lock's constants (`LOCK_TIMEOUT`, `ADVISORY_LOCK`), and the small SQL helpers
  reads.py and writer.py share.
- `reads.py`: `Store`: opening a database (its schema created or migrated), `writing()` (one write
  transaction holding the lock, as a `Writer`), `snapshot()` (one read transaction), and every read,
  streaming reads included, with the read queries.
- `writer.py`: `Writer`: the lookups the stages make inside a write transaction and the writes that apply
  their plans, with the checks a plan passes first.
- `searching.py`: the full-text search index (SQLite FTS5, PostgreSQL GIN) and its time-limited read;
- `profiles.py`: embeddings and story profiles; `watching.py`: the watcher's records of each source's last round.
- `schema.py`: the SQLAlchemy Core tables and the schema version; `migrations.py`: one step per version.

The errors the store raises (`StoreError`, `SchemaMismatch`, `MissingDatabase`) live in newsgraph.errors.
"""

from newsgraph.errors import MissingDatabase, SchemaMismatch, StoreError
from newsgraph.store.engine import (
    CHUNK,
    DEFAULT_DB,
    ENV_DB,
    LOCK_TIMEOUT,
    database_name,
    database_url,
    existing_tables,
)
from newsgraph.store.reads import Store
from newsgraph.store.schema import metadata as _metadata
from newsgraph.store.searching import SQLITE_TABLES as _SEARCH_TABLES
from newsgraph.store.writer import Writer

TABLES = frozenset(_metadata.tables) | _SEARCH_TABLES
"""The names of newsgraph's tables (with the full-text search's, which only SQLite has)."""

__all__ = [
    "CHUNK",
    "DEFAULT_DB",
    "ENV_DB",
    "LOCK_TIMEOUT",
    "MissingDatabase",
    "SchemaMismatch",
    "Store",
    "StoreError",
    "TABLES",
    "Writer",
    "database_name",
    "database_url",
    "existing_tables",
]
