"""Schema migrations: an explicit, ordered list, one function per version step, run with Alembic's operations.

A database written by an earlier schema version is upgraded in place when it is opened, inside the
store's exclusive write transaction (so two processes opening it at once migrate it once), every
step in order, the version row last. Each step states what it changes; none loses stored articles.
"""

from __future__ import annotations

from collections.abc import Callable

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    insert,
    text,
    update,
)

from newsgraph.store import schema as s


def _v2_to_v3(conn: Connection, op: Operations) -> None:
    """Entities keep only their type; each mention carries the name, kind, country and role its article
    resolved (from its entity, the best that is known of stored mentions); the words of people's full
    names are indexed in person_tokens."""
    op.add_column("mentions", Column("name", Text))
    op.add_column("mentions", Column("kind", String(16)))
    op.add_column("mentions", Column("country", String(3)))
    op.add_column("mentions", Column("role", Text))
    op.create_index("ix_mentions_name", "mentions", ["name"])
    op.create_table(
        "person_tokens",
        Column("token", String(), primary_key=True),
        Column("entity_id", String(32), ForeignKey("entities.id"), primary_key=True),
    )
    old = conn.execute(text("SELECT id, name, type, country, role FROM entities")).all()
    m = s.mentions
    for row in old:
        if row.type == "person":
            values = {"name": row.name, "kind": "person", "country": row.country, "role": row.role}
        elif row.type == "country":
            values = {"name": row.name, "kind": "country", "country": row.country}
        else:
            continue
        conn.execute(update(m).where(m.c.entity_id == row.id).values(**values))
    # a single name the article itself did not resolve to a full name ('Smith' joined to 'John Smith' across
    # articles) keeps its own name, so that linking can move it when a second 'Smith' arrives
    conn.execute(
        text(
            "UPDATE mentions SET name = text WHERE kind = 'person' AND text NOT LIKE '% %' AND name LIKE '% %' "
            "AND NOT EXISTS (SELECT 1 FROM mentions other WHERE other.article_id = mentions.article_id "
            "AND other.entity_id = mentions.entity_id AND other.text LIKE '% %')"
        )
    )
    tokens = [
        {"token": token, "entity_id": row.id}
        for row in old
        if row.type == "person" and " " in row.name
        for token in dict.fromkeys(row.name.split())
    ]
    if tokens:
        conn.execute(insert(s.person_tokens), tokens)
    for column in ("aliases", "role", "country", "name"):
        op.drop_column("entities", column)


def _v3_to_v4(conn: Connection, op: Operations) -> None:
    """The quotes table (who said what). Articles stored before it have no quotes: their analyses are not
    run again. The table is written out here as version 4 has it, not taken from schema.py, so that a later
    schema change cannot change what this step creates (tests/test_migrations.py compares the two)."""
    op.create_table(
        "quotes",
        Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("kind", String(16), nullable=False),
        Column("cue", Text),
        Column("cue_start", Integer),
        Column("cue_end", Integer),
        Column("source_start", Integer),
        Column("source_end", Integer),
        Column("speaker", Text),
        Column("speaker_kind", String(16)),
        Column("speaker_mention_id", Integer, ForeignKey("mentions.id")),
        Column("via", Text),
        Column("stance", String(16), nullable=False),
        Column("denies", Integer),
        Column("hedged", Boolean, nullable=False),
    )
    op.create_index("ix_quotes_speaker_mention_id", "quotes", ["speaker_mention_id"])


def _v4_to_v5(conn: Connection, op: Operations) -> None:
    """The events table (who did what to whom). Articles stored before it have no events: their analyses are
    not run again (`newsgraph ingest` of the same inputs into a new database codes them). Written out as
    version 5 has it, for the reason given for version 4."""
    op.create_table(
        "events",
        Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("trigger_start", Integer, nullable=False),
        Column("trigger_end", Integer, nullable=False),
        Column("trigger", Text, nullable=False),
        Column("type", String(16), nullable=False),
        Column("quad_class", Integer, nullable=False),
        Column("intensity", Float, nullable=False),
        Column("mode", String(16), nullable=False),
        Column("source", Text),
        Column("source_mention_id", Integer, ForeignKey("mentions.id")),
        Column("source_country", String(3)),
        Column("target", Text),
        Column("target_mention_id", Integer, ForeignKey("mentions.id")),
        Column("target_country", String(3)),
        Column("date", String(10)),
        Column("place", Text),
        Column("place_country", String(3)),
        Column("claimant", Text),
        Column("claimant_quote", Integer),
        Column("main", Boolean, nullable=False),
    )
    for column in ("source_mention_id", "source_country", "target_mention_id", "target_country", "date"):
        op.create_index(f"ix_events_{column}", "events", [column])


def _v5_to_v6(conn: Connection, op: Operations) -> None:
    """Stories carry a revision (1 for every stored story); the comparisons table. Stories stored before it have
    no comparison: the next ingest, or `newsgraph compare`, makes them. Written out as version 6 has it, for the
    reason given for version 4."""
    op.add_column("stories", Column("revision", Integer, nullable=False, server_default="1"))
    op.create_table(
        "comparisons",
        Column("story_id", String(32), ForeignKey("stories.id"), primary_key=True),
        Column("revision", Integer, nullable=False),
        Column("computed_at", String(32), nullable=False),
        Column("facts", JSON, nullable=False),
        Column("provenance", JSON, nullable=False),
    )


def _v6_to_v7(conn: Connection, op: Operations) -> None:
    """The lemmas table. Articles stored before it have none: comparison matches their wordings by their words as
    written (case-folded) until they are stored again."""
    op.create_table(
        "lemmas",
        Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
        Column("words", JSON, nullable=False),
    )


def _v7_to_v8(conn: Connection, op: Operations) -> None:
    """Mentions carry their actor's sector. Mentions stored before it have none (null): their analyses are not run
    again, so their entities' sectors come from the mentions stored since."""
    op.add_column("mentions", Column("sector", String(16)))


def _v8_to_v9(conn: Connection, op: Operations) -> None:
    """Quotes carry their confidence. Quotes stored before it were all found by a verb of saying, a colon or
    'according to' (the analysis then kept no attitudes): they get 1.0, so that `show` and the comparison read them
    as before."""
    op.add_column("quotes", Column("confidence", Float, nullable=False, server_default="1.0"))


def _v9_to_v10(conn: Connection, op: Operations) -> None:
    """The embeddings and story_profiles tables. Articles and stories stored before them have none: the clustering
    finds those by their words, names and dates only (embeddings come with analysis)."""
    op.create_table(
        "embeddings",
        Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
        Column("model", String(32), nullable=False),
        Column("vector", LargeBinary, nullable=False),
        Column("scale", Float, nullable=False),
    )
    op.create_table(
        "story_profiles",
        Column("story_id", String(32), ForeignKey("stories.id"), primary_key=True),
        Column("total", LargeBinary, nullable=False),
        Column("size", Integer, nullable=False),
        Column("core", LargeBinary, nullable=False),
        Column("core_size", Integer, nullable=False),
        Column("languages", JSON, nullable=False),
        Column("countries", JSON, nullable=False),
        Column("placed", Integer, nullable=False),
        Column("last_day", Integer, nullable=False),
        Column("touched", Integer, nullable=False),
    )
    op.create_index("ix_story_profiles_last_day", "story_profiles", ["last_day"])
    op.create_index("ix_story_profiles_touched", "story_profiles", ["touched"])


def _v10_to_v11(conn: Connection, op: Operations) -> None:
    """The watch_sources table (each watched source's last round). A database upgraded has none: every source of
    the first `newsgraph watch` round is read whole, with no validators and no backoff. Written out as version 11 has
    it, for the reason given for version 4."""
    op.create_table(
        "watch_sources",
        Column("source", String(), primary_key=True),
        Column("checked_at", String(32), nullable=False),
        Column("status", Integer),
        Column("new_articles", Integer, nullable=False),
        Column("duplicates", Integer, nullable=False),
        Column("failed", Integer, nullable=False),
        Column("failure", Text),
        Column("etag", Text),
        Column("last_modified", Text),
        Column("failures_in_a_row", Integer, nullable=False),
        Column("next_at", String(32)),
    )


def _v11_to_v12(conn: Connection, op: Operations) -> None:
    """The full-text search index, filled with every stored article: SQLite's FTS5 table article_search; PostgreSQL's
    generated column articles.search_document (computed for every stored article as it is added) and its GIN index
    ix_articles_search. Written out as version 12 has it, for the reason given for version 4."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, title, text, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO article_search (article_id, title, text) "
                "SELECT id, coalesce(title, ''), text FROM articles"
            )
        )
    else:
        document = (
            "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', text), 'B')"
        )
        conn.execute(
            text(f"ALTER TABLE articles ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({document}) STORED")
        )
        conn.execute(text("CREATE INDEX ix_articles_search ON articles USING gin (search_document)"))


MIGRATIONS: dict[int, Callable[[Connection, Operations], None]] = {
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    7: _v7_to_v8,
    8: _v8_to_v9,
    9: _v9_to_v10,
    10: _v10_to_v11,
    11: _v11_to_v12,
}
"""from version -> the step to version + 1"""


def upgrade(conn: Connection, found: int, to: int) -> None:
    """Run every step from `found` to `to` on this connection (inside the caller's transaction)."""
    op = Operations(MigrationContext.configure(connection=conn))
    for version in range(found, to):
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"no migration from schema version {version}")
        step(conn, op)
    conn.execute(update(s.schema_version).values(version=to))
