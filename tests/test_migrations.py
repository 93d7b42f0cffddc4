"""A database written by an earlier schema version (2 to 11) opens and is upgraded in place (11 to 12, the search
index: tests/test_search.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, insert, inspect, text

from conftest import run_together
from newsgraph import Article, Newsgraph
from newsgraph.store import Store, database_url, schema
from test_quotes_store import TEXT_1, article, first_analysis, store

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
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == schema.SCHEMA_VERSION == 12
        assert conn.execute(text("SELECT count(*) FROM quotes")).scalar() == 0  # stored articles have no quotes
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0  # nor events
        assert conn.execute(text("SELECT count(*) FROM embeddings")).scalar() == 0  # nor embeddings
        assert conn.execute(text("SELECT count(*) FROM watch_sources")).scalar() == 0  # nor a watcher's records
        assert conn.execute(text("SELECT count(*) FROM article_search")).scalar() == counts["articles"]  # indexed
        assert {c["name"] for c in inspect(conn).get_columns("entities")} == {"id", "type"}
        assert {"name", "kind", "country", "role"} <= {c["name"] for c in inspect(conn).get_columns("mentions")}
        for table, n in counts.items():
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == n, table
    store.close()

    with Newsgraph(path) as ng:
        people = {e.name: e for e in ng.entities() if e.type == "person"}
        assert people["Cengiz Polat"].role == "deputy governor"  # a stored entity's role lives on in its mentions
        assert "Polat" in people["Cengiz Polat"].aliases and "Smith" in people["John Smith"].aliases
        countries = {e.name for e in ng.entities() if e.type == "country"}
        assert {"Turkey", "Peru"} <= countries
        assert ng.export()["stories"]
        brief = ng.brief(ng.stories()[0].id)
        assert brief is not None and brief.actors

        # new articles are linked by today's rule, and so are the migrated ones:
        # a single name joins the one stored full name it is part of...
        body = "Polat told reporters in Van on Thursday that rescue work was over."
        report = ng.ingest_articles([Article(id="new1", text=body, published="2025-11-06", language="en")])
        assert report.ingested == ["new1"]
        polat = [m for m in ng._store.mentions(["new1"]) if m["text"] == "Polat"]
        assert polat and polat[0]["entity_id"] == people["Cengiz Polat"].id
        # ...and a second full name with the same word gives the migrated 'Smith' back to itself
        body = "Harbour pilot Anna Smith said in Hamburg that the queue of ships had cleared."
        ng.ingest_articles([Article(id="new2", text=body, published="2025-10-30", language="en")])
        smith = [m for m in ng._store.mentions(["m2"]) if m["text"] == "Smith"]
        assert smith and smith[0]["entity_id"] not in (people["John Smith"].id, None)
        names = {e.name for e in ng.entities() if e.type == "person"}
        assert {"John Smith", "Anna Smith", "Smith"} <= names


OPEN = """
import sys
from newsgraph.store import Store
wait_for_the_others()
Store(sys.argv[1]).close()
"""


@pytest.mark.processes
def test_processes_opening_an_old_database_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = old_database(tmp_path)
    run_together(OPEN, [[path]] * 4, tmp_path / "barrier")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version FROM schema_version").fetchall() == [(schema.SCHEMA_VERSION,)]
    n = conn.execute("SELECT count(*) FROM person_tokens WHERE token = 'Smith'").fetchone()[0]
    conn.close()
    assert n == 1  # the data steps ran once


def create_before(conn: Connection, version: int) -> None:
    """Today's tables as schema `version` had them: the later tables left out, stories without their revision
    (version 6), mentions without their sector (version 8), quotes without their confidence (version 9)."""
    later = {"quotes": 4, "events": 5, "comparisons": 6, "lemmas": 7, "embeddings": 10, "story_profiles": 10}
    later |= {"watch_sources": 11}
    schema.metadata.create_all(
        conn, tables=[t for t in schema.metadata.sorted_tables if later.get(t.name, 0) <= version]
    )
    if version < 6:
        conn.execute(text("ALTER TABLE stories DROP COLUMN revision"))
    if version < 8:
        conn.execute(text("ALTER TABLE mentions DROP COLUMN sector"))
    if 4 <= version < 9:
        conn.execute(text("ALTER TABLE quotes DROP COLUMN confidence"))
    conn.execute(insert(schema.schema_version).values(version=version))


def version_3_database(url: str) -> None:
    """A schema-3 database: today's schema without the quotes table, with one stored article and its mention."""
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        create_before(conn, 3)
        conn.execute(insert(schema.entities).values(id="e1", type="person"))
        conn.execute(
            insert(schema.articles).values(
                id="old", content_hash="h", credited=[], text="Lavrov spoke.", source="x", ingested_at="2025-01-01"
            )
        )
        conn.execute(
            insert(schema.mentions).values(
                article_id="old", start=0, end=6, text="Lavrov", label="PERSON", entity_id="e1", name="Lavrov"
            )
        )
    engine.dispose()


def quotes_table(url: str, name: str = "quotes") -> tuple[list[tuple[str, bool]], list[str], list[str], list[str]]:
    """(columns with nullability, primary key, foreign-key targets, indexed columns) of the quotes (or another)
    table."""
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        found = inspect(conn)
        columns = [(c["name"], c["nullable"]) for c in found.get_columns(name)]
        key = found.get_pk_constraint(name)["constrained_columns"]
        targets = sorted(f"{f['referred_table']}.{f['referred_columns'][0]}" for f in found.get_foreign_keys(name))
        indexed = sorted(c for i in found.get_indexes(name) for c in i["column_names"])
    engine.dispose()
    return columns, key, targets, indexed


def test_schema_3_gets_the_quotes_table_and_keeps_everything(db_url: str) -> None:
    version_3_database(db_url)
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 3
        assert [a.id for a in ng.articles()] == ["old"] and ng._store.quotes() == []  # no quotes for stored articles
        assert [m["entity_id"] for m in ng._store.mentions(["old"])] == ["e1"]
        store(ng, [article("a1", TEXT_1, "Lodestar News", "2025-11-03")], [first_analysis()])
        assert [(q["idx"], q["stance"], q["denies"]) for q in ng._store.quotes(["a1"])] == [
            (0, "asserts", None),
            (1, "denies", 0),
        ]
    # the table the migration made is the one a new database gets
    columns, key, targets, indexed = quotes_table(db_url)
    assert columns == [(c.name, bool(c.nullable)) for c in schema.quotes.columns]
    assert key == ["article_id", "idx"]
    assert targets == ["articles.id", "mentions.id"]
    assert "speaker_mention_id" in indexed


def test_schema_4_gets_the_events_table(db_url: str) -> None:
    """A schema-4 database (today's without the events table) is upgraded; the table the migration makes is the
    one a new database gets."""
    engine = create_engine(database_url(db_url))
    with engine.begin() as conn:
        create_before(conn, 4)
        conn.execute(
            insert(schema.articles).values(
                id="old", content_hash="h", credited=[], text="Lavrov spoke.", source="x", ingested_at="2025-01-01"
            )
        )
    engine.dispose()
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 4
        assert [a.id for a in ng.articles()] == ["old"] and ng._store.events() == []
    columns, key, targets, indexed = quotes_table(db_url, "events")
    assert columns == [(c.name, bool(c.nullable)) for c in schema.events.columns]
    assert key == ["article_id", "idx"]
    assert targets == ["articles.id", "mentions.id", "mentions.id"]
    assert {"source_mention_id", "target_mention_id", "source_country", "target_country", "date"} <= set(indexed)


def one_story_database(url: str, version: int) -> None:
    """A database of schema `version` with one story ('s1') of one stored article ('old') that counts containers."""
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        create_before(conn, version)
        conn.execute(text("INSERT INTO stories (id, title, created_at, size) VALUES ('s1', 'Old', '2025-01-01', 1)"))
        conn.execute(
            insert(schema.articles).values(
                id="old", content_hash="h", credited=[], text="Lavrov spoke of 1,000 containers.", source="x",
                ingested_at="2025-01-01", story_id="s1", outlet="Lodestar News",
            )
        )  # fmt: skip
    engine.dispose()


def test_schema_5_gets_story_revisions_and_the_comparisons_table(db_url: str) -> None:
    """A schema-5 database (stories without revisions, no comparisons) is upgraded: its stories are at revision 1
    with no comparison, which `update_comparisons` (run by every ingest, or `newsgraph compare`) then makes."""
    one_story_database(db_url, 5)
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 5
        assert ng._store.stale_comparisons(10) == [("s1", 1)]
        assert ng.update_comparisons() == 1
        assert ng._store.stale_comparisons(10) == []
        (comparison,) = ng._store.comparisons(["s1"]).values()
        assert comparison.revision == 1 and [p.article_id for p in comparison.provenance] == ["old"]
        assert [f.text for f in comparison.facts] == ["1,000 containers"]
    columns, key, targets, _ = quotes_table(db_url, "comparisons")
    assert columns == [(c.name, bool(c.nullable)) for c in schema.comparisons.columns]
    assert key == ["story_id"] and targets == ["stories.id"]
    revision = [c for c in quotes_table(db_url, "stories")[0] if c[0] == "revision"]
    assert revision == [("revision", False)]


def test_schema_6_gets_the_lemmas_table_and_compares_old_articles_by_their_words(db_url: str) -> None:
    """A schema-6 database (no lemmas) is upgraded; its articles, stored without lemmas, are compared by their words
    as written, and an article stored after the upgrade keeps its lemmas."""
    one_story_database(db_url, 6)
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 6
        assert ng._store.lemmas(["old"]) == {}
        assert ng.update_comparisons() == 1
        (comparison,) = ng._store.comparisons(["s1"]).values()
        assert [f.text for f in comparison.facts] == ["1,000 containers"]
        ng.ingest_articles([Article(id="new", text="Sergei Lavrov arrived in Pyongyang on Wednesday.", language="en")])
        assert ("arrive" in {word for _, word in ng._store.lemmas(["new"])["new"]})
    columns, key, targets, _ = quotes_table(db_url, "lemmas")
    assert columns == [(c.name, bool(c.nullable)) for c in schema.lemmas.columns]
    assert key == ["article_id"] and targets == ["articles.id"]


def test_schema_7_mentions_get_a_sector(db_url: str) -> None:
    """A schema-7 database (mentions without a sector) is upgraded: its mentions have none, and a mention stored after
    the upgrade keeps the sector its analysis gave."""
    one_story_database(db_url, 7)
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 7
        ng.ingest_articles(
            [Article(id="new", text="Hezbollah said on Monday that it would take part.", language="en")]
        )
        entities = {e["name"]: e for e in ng.export()["entities"]}
    assert entities["Hezbollah"]["sector"] == "rebels" and entities["Hezbollah"]["country"] == "LBN"
    columns = [c for c in quotes_table(db_url, "mentions")[0] if c[0] == "sector"]
    assert columns == [("sector", True)]


def test_schema_8_gives_stored_quotes_full_confidence(db_url: str) -> None:
    """A schema-8 database (quotes without a confidence) is upgraded: its quotes, all found by verbs of saying then,
    get 1.0, so that the brief still shows them; the column the migration adds is the one a new database gets."""
    engine = create_engine(database_url(db_url))
    with engine.begin() as conn:
        create_before(conn, 8)
        conn.execute(
            insert(schema.articles).values(
                id="old", content_hash="h", credited=[], text="Lavrov said talks went well.", source="x",
                ingested_at="2025-01-01",
            )
        )  # fmt: skip
        conn.execute(
            text(
                "INSERT INTO quotes (article_id, idx, start, \"end\", text, kind, stance, hedged) "
                "VALUES ('old', 0, 12, 27, 'talks went well', 'indirect', 'asserts', false)"
            )
        )
    engine.dispose()
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 8
        assert [(q["text"], q["confidence"]) for q in ng._store.quotes(["old"])] == [("talks went well", 1.0)]
    columns, _, _, _ = quotes_table(db_url)
    assert columns == [(c.name, bool(c.nullable)) for c in schema.quotes.columns]


def test_schema_9_gets_embeddings_and_story_profiles(db_url: str) -> None:
    """A schema-9 database (no embeddings) is upgraded: its stored article has none (the clustering finds its story
    by words), a new article gets its embedding and its story a profile, and the tables the migration creates are
    those a new database gets."""
    one_story_database(db_url, 9)
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 9
        ng.ingest_articles([Article(id="new", text="Lavrov spoke in Pyongyang on Thursday.", language="en")])
        with ng._store.writing() as writer:
            pending = {p.id: p for p in writer.member_texts(["old", "new"])}
            story_of = ng._store.story_ids()
            (profile,) = writer.load_stories([story_of["new"]])
    assert pending["old"].embedding is None and pending["new"].embedding is not None
    assert profile.profile is not None and profile.profile.size == 1 and profile.profile.languages == {"en": 1}
    for table in (schema.embeddings, schema.story_profiles):
        columns, key, _, _ = quotes_table(db_url, table.name)
        assert columns == [(c.name, bool(c.nullable)) for c in table.columns]
        assert key == [c.name for c in table.primary_key.columns]


def test_schema_10_gets_the_watch_sources_table(db_url: str) -> None:
    """A schema-10 database (no watcher's records) is upgraded: it has none, a record written after the upgrade reads
    back whole, and the table the migration creates is the one a new database gets."""
    from newsgraph.models import WatchRecord

    one_story_database(db_url, 10)
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 10
        assert ng.watch_status() == [] and [a.id for a in ng.articles()] == ["old"]
        record = WatchRecord("http://127.0.0.1:9/feed", "2026-01-01T00:00:00+00:00", 500, failure="HTTP 500",
                             failed=1, failures_in_a_row=2, next_at="2026-01-01T00:30:00+00:00")  # fmt: skip
        with ng._store.writing() as tx:
            tx.save_watch_records([record])
        assert ng.watch_status() == [record]
    columns, key, _, _ = quotes_table(db_url, "watch_sources")
    assert columns == [(c.name, bool(c.nullable)) for c in schema.watch_sources.columns]
    assert key == ["source"]
