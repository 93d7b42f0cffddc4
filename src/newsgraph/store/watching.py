"""The watcher's records in the store: each watched source's last round (`WatchRecord`), read and written inside the
caller's transaction. The store keeps them; what they mean for the next round is decided in newsgraph.ingest.watch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, fields

from sqlalchemy import Connection, delete, insert, select

from newsgraph.models import WatchRecord
from newsgraph.store import schema as s
from newsgraph.store.engine import chunks

_COLUMNS = [f.name for f in fields(WatchRecord)]


def read_records(conn: Connection) -> list[WatchRecord]:
    """Every watched source's record, by source."""
    w = s.watch_sources
    rows = conn.execute(select(*(w.c[name] for name in _COLUMNS)).order_by(w.c.source))
    return [WatchRecord(**row._asdict()) for row in rows]


def write_records(conn: Connection, records: Iterable[WatchRecord]) -> None:
    """Each record in place of its source's earlier one (the caller holds the write lock)."""
    rows = {r.source: asdict(r) for r in records}
    w = s.watch_sources
    for chunk in chunks(list(rows)):
        conn.execute(delete(w).where(w.c.source.in_(chunk)))
    if rows:
        conn.execute(insert(w), list(rows.values()))
