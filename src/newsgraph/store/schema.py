"""The SQLAlchemy Core schema. Bump SCHEMA_VERSION on any change to it, with its migration in migrations.py."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 12
"""2: places. 3: entities keep only their type; mentions carry their resolved name, kind, country and role
(an entity's name, country, role and aliases are counted from them); person_tokens. 4: quotes. 5: events.
6: stories carry a revision; comparisons (a story's facts and provenance, for one revision). 7: lemmas (each
article's content words as the parse lemmatized them, by offset). 8: mentions carry their actor's sector. 9: quotes
carry their confidence. 10: embeddings (each article's sentence embedding) and story_profiles (each story's sums of
them, by which the clustering finds stories by meaning). 11: watch_sources (each watched source's last round:
`newsgraph watch`). 12: the full-text search index (not a table of this metadata: store/searching.py; SQLite's FTS5
table article_search; PostgreSQL's generated column articles.search_document and its GIN index)."""

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("created_at", String(32), nullable=False),
    Column("size", Integer, nullable=False, default=0),
    Column("first_day", Integer),
    Column("last_day", Integer),
    Column("title_article", String()),
    Column("title_score", Float),
    # raised (in SQL) by every write that changes the story's articles or what is linked in them: a comparison
    # made for an earlier revision is stale
    Column("revision", Integer, nullable=False, default=1, server_default="1"),
)

story_terms = Table(
    "story_terms",
    metadata,
    Column("story_id", String(32), ForeignKey("stories.id"), nullable=False, index=True),
    Column("term", String(), nullable=False),
    Column("weight", Float, nullable=False),
    Column("last_day", Integer),  # the story's last day, here so that the index serves the time window
)

Index("ix_story_terms_term_day", story_terms.c.term, story_terms.c.last_day)

term_df = Table(
    "term_df",
    metadata,
    Column("term", String(), primary_key=True),
    Column("df", Integer, nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)

story_log = Table(
    "story_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("story_id", String(32), nullable=False, index=True),
    Column("other_id", String(32)),
    Column("article_ids", JSON, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("language", String(16)),
    Column("credited", JSON, nullable=False),
    Column("text", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Column("model", String(64)),
    Column("story_id", String(32), ForeignKey("stories.id"), index=True),
    Column("reuse_of", String()),
    Column("reuse_overlap", Float),
)

lemmas = Table(
    "lemmas",
    metadata,
    Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
    Column("words", JSON, nullable=False),
)
"""An article's content words as [offset, lemma] pairs in text order (what comparison matches wordings by)."""

embeddings = Table(
    "embeddings",
    metadata,
    Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
    Column("model", String(32), nullable=False),
    Column("vector", LargeBinary, nullable=False),
    Column("scale", Float, nullable=False),
)
"""An article's sentence embedding: int8 values (`newsgraph.vectors.Embedding`) and their scale."""

story_profiles = Table(
    "story_profiles",
    metadata,
    Column("story_id", String(32), ForeignKey("stories.id"), primary_key=True),
    Column("total", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Column("core", LargeBinary, nullable=False),
    Column("core_size", Integer, nullable=False),
    Column("languages", JSON, nullable=False),
    Column("countries", JSON, nullable=False),
    Column("placed", Integer, nullable=False),
    Column("last_day", Integer, nullable=False, index=True),  # the story's last day (UNDATED when it has none)
    Column("touched", Integer, nullable=False, index=True),  # the document count when a flush last wrote it
)
"""A story's embeddings summed (float32; `newsgraph.vectors.StoryProfile`): what the clustering retrieves stories of a
recent window by."""

reprint_bands = Table(
    "reprint_bands",
    metadata,
    Column("key", BigInteger, nullable=False, index=True),
    Column("article_id", String(), ForeignKey("articles.id"), nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(32), nullable=False),
)

person_tokens = Table(
    "person_tokens",
    metadata,
    Column("token", String(), primary_key=True),
    Column("entity_id", String(32), ForeignKey("entities.id"), primary_key=True),
)
"""The words of people's full names, so that a single name finds the full names it is part of."""

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(), ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("entity_id", String(32), ForeignKey("entities.id"), index=True),
    Column("name", Text, index=True),  # the actor the article's own resolution gave: 'Kim Jong Un', 'Lavrov', 'Russia'
    Column("kind", String(16)),  # 'person' or 'country' when resolved
    Column("country", String(3)),
    Column("role", Text),
    Column("sector", String(16)),  # 'government', 'rebels', 'igo', ...: the actor table's, or the role's
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(), ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(10), nullable=False),
    Column("value", String(40), nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(), ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("feature", String(16), nullable=False),
    Column("country", String(3)),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("adjectival", Boolean, nullable=False, default=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # its position in the analysis' quotes
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
    # the mention naming the speaker: its entity_id, read through a join, is the speaker's entity, so a relink
    # of the mention moves the quote with it
    Column("speaker_mention_id", Integer, ForeignKey("mentions.id"), index=True),
    Column("via", Text),
    Column("stance", String(16), nullable=False),
    Column("denies", Integer),  # idx of the quote of the same article it denies
    Column("hedged", Boolean, nullable=False, default=False),
    Column("confidence", Float, nullable=False, default=1.0, server_default="1.0"),
)
"""Attributions: who said (claimed, denied) what, one row per `Analysis.quotes` item."""

events = Table(
    "events",
    metadata,
    Column("article_id", String(), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # its position in the analysis' events
    Column("start", Integer, nullable=False),  # the sentence
    Column("end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("intensity", Float, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("source", Text),
    # the mentions naming the participants: their entity_id, read through a join, is the participant's entity
    Column("source_mention_id", Integer, ForeignKey("mentions.id"), index=True),
    Column("source_country", String(3), index=True),
    Column("target", Text),
    Column("target_mention_id", Integer, ForeignKey("mentions.id"), index=True),
    Column("target_country", String(3), index=True),
    Column("date", String(10), index=True),
    Column("place", Text),
    Column("place_country", String(3)),
    Column("claimant", Text),
    Column("claimant_quote", Integer),  # idx of the quote of the same article that makes the claim
    Column("main", Boolean, nullable=False, default=True),
)
"""Political events: who did what to whom, one row per `Analysis.events` item."""

comparisons = Table(
    "comparisons",
    metadata,
    Column("story_id", String(32), ForeignKey("stories.id"), primary_key=True),
    Column("revision", Integer, nullable=False),  # the story's revision it was computed for
    Column("computed_at", String(32), nullable=False),
    Column("facts", JSON, nullable=False),  # the export's stories[].facts (docs/export.md)
    Column("provenance", JSON, nullable=False),  # the export's stories[].provenance
)
"""What a story's outlets agree on, report alone or contradict, and where each article's information comes from:
written by the compare stage (newsgraph.compare.stage) for one revision of the story."""

watch_sources = Table(
    "watch_sources",
    metadata,
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
"""Each source of `newsgraph watch` and how its last round went (`newsgraph.models.WatchRecord`): what the next round
sends (ETag, Last-Modified) and when it may read the source again (its backoff), and what `serve` shows."""

Index("ix_articles_published", articles.c.published)
