"""A database written by the previous schema version (2) opens and is upgraded in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text

from newsgraph import Article, Newsgraph
from newsgraph.store import schema
from newsgraph.store.db import Store

DUMP = Path(__file__).resolve().parent / "data" / "schema2.sql"


def old_database(tmp_path: Path) -> str:
    """The schema-2 database of tests/data/schema2.sql (written by newsgraph at commit 4647f6e)."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(DUMP.read_text(encoding="utf-8"))
    conn.close()
    return str(path)


def test_schema_2_is_upgraded_in_place_and_keeps_everything(tmp_path: Path) -> None:
    path = old_database(tmp_path)
    before = sqlite3.connect(path)
    counts = {t: before.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "mentions", "stories")}
    assert before.execute("SELECT version FROM schema_version").fetchone() == (2,)
    before.close()

    store = Store(path)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == schema.SCHEMA_VERSION == 3
        assert {c["name"] for c in inspect(conn).get_columns("entities")} == {"id", "type"}
        assert {"name", "kind", "country", "role"} <= {c["name"] for c in inspect(conn).get_columns("mentions")}
        for table, n in counts.items():
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == n, table
    store.close()

    with Newsgraph(path) as ng:
        people = {e.name: e for e in ng.entities() if e.type == "person"}
        assert people["Anna Petrova"].role == "minister"  # a stored entity's role lives on in its mentions
        assert people["Murat Aksoy"].role == "deputy governor" and "Aksoy" in people["Murat Aksoy"].aliases
        countries = {e.name for e in ng.entities() if e.type == "country"}
        assert {"Turkey", "Peru"} <= countries
        assert ng.export()["stories"]
        brief = ng.brief(ng.stories()[0].id)
        assert brief is not None and brief.actors

        # and it takes new articles: a single name joins the stored full name it is part of
        body = "Aksoy told reporters in Van on Thursday that rescue work was over."
        report = ng.ingest_articles([Article(id="new1", text=body, published="2025-11-06", language="en")])
        assert report.ingested == ["new1"]
        aksoy = [m for m in ng.store.mentions(["new1"]) if m["text"] == "Aksoy"]
        assert aksoy and aksoy[0]["entity_id"] == people["Murat Aksoy"].id


def test_opening_an_old_database_twice_migrates_once(tmp_path: Path) -> None:
    path = old_database(tmp_path)
    Store(path).close()
    Store(path).close()  # already at version 3: nothing to do
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version FROM schema_version").fetchall() == [(3,)]
    conn.close()
