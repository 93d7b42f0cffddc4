"""Storage: SQLite by default, any SQLAlchemy URL; one transaction per ingest batch."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, event, func, insert, select, update

from newsgraph.ingest.metadata import is_wire
from newsgraph.models import Analysis, Article, Story
from newsgraph.store import schema as s
from newsgraph.stories.online import Clustering, Pending, StoryVector
from newsgraph.stories.reprints import Candidate, Reuse

DEFAULT_DB = "newsgraph.db"
ENV_DB = "NEWSGRAPH_DB"
UNDATED = 99_999_999
"""story_terms.last_day of a story without dates: in every time window"""

ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "geopolitical",
    "LOC": "location",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "product",
    "LAW": "law",
    "WORK_OF_ART": "work",
}
"""spaCy labels -> the export's entity types."""


WEAK_ROLES = frozenset({"counterpart", "official", "diplomat"})
"""Roles a more specific one replaces: 'counterpart' in one article, 'foreign minister' in another."""


def better_role(old: str | None, new: str | None) -> str | None:
    if old is None or (old in WEAK_ROLES and new and new not in WEAK_ROLES):
        return new or old
    return old


class SchemaMismatch(RuntimeError):
    pass


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from a path, a URL, $NEWSGRAPH_DB, or the default file."""
    value = str(db) if db is not None else os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_KEY_STRIP = re.compile(r"^(?:the)\s+|[’']s$", re.I)


def entity_key(text: str, label: str) -> tuple[str, str]:
    """(type, normalized name) that identifies a named entity across the corpus."""
    name = _KEY_STRIP.sub("", " ".join(text.split())).strip(" .,")
    return ENTITY_TYPES.get(label, label.lower()), name.casefold()


def entity_id(etype: str, key: str) -> str:
    return "e" + hashlib.sha1(f"{etype}|{key}".encode()).hexdigest()[:12]


class Store:
    """The project's database. Analysis never sees this: it returns data that is written here."""

    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.url = database_url(db)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._init_schema()

    def _init_schema(self) -> None:
        with self.engine.begin() as conn:
            s.metadata.create_all(conn)
            found = conn.execute(select(s.schema_version.c.version)).scalars().all()
            if not found:
                conn.execute(insert(s.schema_version).values(version=s.SCHEMA_VERSION))
            elif found != [s.SCHEMA_VERSION]:
                raise SchemaMismatch(f"database schema version {found}, this newsgraph expects {s.SCHEMA_VERSION}")

    def close(self) -> None:
        self.engine.dispose()

    # --- ingest ----------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(set(hashes))
        if not wanted:
            return set()
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.articles.c.content_hash).where(s.articles.c.content_hash.in_(wanted)))
            return set(rows.scalars())

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        if not wanted:
            return set()
        with self.engine.connect() as conn:
            return set(conn.execute(select(s.articles.c.id).where(s.articles.c.id.in_(wanted))).scalars())

    def add_batch(
        self,
        articles: Sequence[Article],
        analyses: Sequence[Analysis],
        reuse: Sequence[Reuse] = (),
        band_keys: dict[str, list[int]] | None = None,
    ) -> None:
        """Write articles with their analyses and reprint links in one transaction: all of the batch or none."""
        now = _now()
        with self.engine.begin() as conn:
            if articles:
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
            sentence_rows = [
                {"article_id": an.article_id, "idx": i, "start": sent.start, "end": sent.end}
                for an in analyses
                for i, sent in enumerate(an.sentences)
            ]
            if sentence_rows:
                conn.execute(insert(s.sentences), sentence_rows)
            time_rows = [
                {"article_id": an.article_id, "start": t.start, "end": t.end, "text": t.text, "type": t.type}
                | {"value": t.value}
                for an in analyses
                for t in an.times
            ]
            if time_rows:
                conn.execute(insert(s.times), time_rows)
            place_rows = [
                {"article_id": an.article_id, "start": p.start, "end": p.end, "text": p.text, "name": p.name}
                | {"feature": p.feature, "country": p.country, "lat": p.lat, "lon": p.lon, "adjectival": p.adjectival}
                for an in analyses
                for p in an.places
            ]
            if place_rows:
                conn.execute(insert(s.places), place_rows)
            self._add_mentions(conn, analyses)
            self._add_reprints(conn, reuse, band_keys or {})

    def _add_mentions(self, conn: Any, analyses: Sequence[Analysis]) -> None:
        """Mentions, and the entities they name: resolved actors by canonical name (countries by
        ISO code), other names by type and name."""
        found: dict[str, dict[str, Any]] = {}  # entity id -> row
        rows = []
        full_names = {
            m.canonical for an in analyses for m in an.mentions if m.kind == "person" and " " in (m.canonical or "")
        }
        fuller: dict[str, str | None] = {}
        for an in analyses:
            for m in an.mentions:
                if m.kind == "country" and m.country:
                    etype, key, name = "country", m.country, m.canonical or m.country
                elif m.kind == "person" and m.canonical:
                    name = m.canonical
                    if " " not in name:  # 'Lavrov' in one article, 'Sergei Lavrov' in another: one person
                        if name not in fuller:
                            fuller[name] = self._only_fuller_name(conn, name, full_names)
                        name = fuller[name] or name
                    etype, key = "person", name.casefold()
                else:
                    etype, key = entity_key(m.text, m.label)
                    name = " ".join(m.text.split())
                if not key:
                    continue
                eid = entity_id(etype, key)
                entry = found.setdefault(
                    eid, {"id": eid, "name": name, "type": etype, "country": None, "role": None, "aliases": [name]}
                )
                surface = " ".join(m.text.split())
                if surface not in entry["aliases"]:
                    entry["aliases"].append(surface)
                entry["country"] = entry["country"] or m.country
                entry["role"] = better_role(entry["role"], m.role)
                rows.append(
                    {"article_id": an.article_id, "start": m.start, "end": m.end, "text": m.text}
                    | {"label": m.label, "entity_id": eid}
                )
        if not found:
            return
        e = s.entities
        existing = {r.id: r for r in conn.execute(select(e).where(e.c.id.in_(list(found))))}
        new_rows = []
        for eid, entry in found.items():
            old = existing.get(eid)
            if old is None:
                new_rows.append(entry)
                continue
            aliases = list(old.aliases) + [a for a in entry["aliases"] if a not in old.aliases]
            role = better_role(old.role, entry["role"])
            values = {"aliases": aliases, "country": old.country or entry["country"], "role": role}
            if values != {"aliases": list(old.aliases), "country": old.country, "role": old.role}:
                conn.execute(update(e).where(e.c.id == eid).values(**values))
        if new_rows:
            conn.execute(insert(e), new_rows)
        conn.execute(insert(s.mentions), rows)
        for entry in new_rows:  # 'Lavrov' stored before 'Sergei Lavrov' arrived: now one person
            if entry["type"] == "person" and " " in entry["name"]:
                self._absorb_short_names(conn, entry["id"], entry["name"], full_names)

    def _absorb_short_names(self, conn: Any, full_id: str, full_name: str, batch_names: set[str | None]) -> None:
        e, m = s.entities, s.mentions
        for token in full_name.split():
            short_id = entity_id("person", token.casefold())
            short = conn.execute(select(e).where(e.c.id == short_id)).first()
            if short is None or self._only_fuller_name(conn, token, batch_names) != full_name:
                continue
            full = conn.execute(select(e).where(e.c.id == full_id)).one()
            conn.execute(update(m).where(m.c.entity_id == short_id).values(entity_id=full_id))
            aliases = list(full.aliases) + [a for a in short.aliases if a not in full.aliases]
            role = better_role(full.role, short.role)
            values = {"aliases": aliases, "country": full.country or short.country, "role": role}
            conn.execute(update(e).where(e.c.id == full_id).values(**values))
            conn.execute(e.delete().where(e.c.id == short_id))
            self._rename_term(conn, f"@{short_id}", f"@{full_id}")

    @staticmethod
    def _rename_term(conn: Any, old: str, new: str) -> None:
        """Stories indexed under an entity that was merged into another are found under that one."""
        st, df = s.story_terms, s.term_df
        for r in conn.execute(select(st.c.story_id, st.c.weight).where(st.c.term == old)).all():
            both = (st.c.story_id == r.story_id) & (st.c.term == new)
            if conn.execute(select(st.c.weight).where(both)).first() is not None:
                conn.execute(update(st).where(both).values(weight=st.c.weight + r.weight))
            else:  # the row keeps its story's last_day
                conn.execute(update(st).where((st.c.story_id == r.story_id) & (st.c.term == old)).values(term=new))
        conn.execute(st.delete().where(st.c.term == old))
        moved = conn.execute(select(df.c.df).where(df.c.term == old)).scalar()
        if moved:
            if conn.execute(select(df.c.df).where(df.c.term == new)).scalar() is None:
                conn.execute(insert(df).values(term=new, df=moved))
            else:
                conn.execute(update(df).where(df.c.term == new).values(df=df.c.df + moved))
            conn.execute(df.delete().where(df.c.term == old))

    @staticmethod
    def _only_fuller_name(conn: Any, token: str, batch_names: set[str | None]) -> str | None:
        """The one full name of a person, in this batch or stored, that a single name is part of."""
        e = s.entities
        stored = conn.execute(
            select(e.c.name).where(
                (e.c.type == "person")
                & (e.c.name.like(f"{token} %") | e.c.name.like(f"% {token}") | e.c.name.like(f"% {token} %"))
            )
        ).scalars()
        candidates = {n for n in stored if token in n.split()} | {n for n in batch_names if n and token in n.split()}
        return candidates.pop() if len(candidates) == 1 else None

    # --- reprints ---------------------------------------------------------------------------

    def reprint_candidates(self, keys: list[int]) -> list[Candidate]:
        """Stored articles sharing any of these LSH band keys."""
        a, b = s.articles, s.reprint_bands
        query = select(a.c.id, a.c.text, a.c.published, a.c.reuse_of, a.c.outlet).where(
            a.c.id.in_(select(b.c.article_id).where(b.c.key.in_(keys)))
        )
        with self.engine.connect() as conn:
            return [
                Candidate(r.id, r.text, r.published, r.reuse_of, wire=bool(r.outlet and is_wire(r.outlet)))
                for r in conn.execute(query)
            ]

    @staticmethod
    def _add_reprints(conn: Any, links: Sequence[Reuse], keys_of: dict[str, list[int]]) -> None:
        rows = [{"key": k, "article_id": aid} for aid, keys in keys_of.items() for k in set(keys)]
        if rows:
            conn.execute(insert(s.reprint_bands), rows)
        for link in links:
            conn.execute(
                update(s.articles)
                .where(s.articles.c.id == link.article_id)
                .values(reuse_of=link.reuse_of, reuse_overlap=link.overlap)
            )

    def reuse(self, article_ids: Sequence[str] | None = None) -> dict[str, tuple[str | None, float | None]]:
        """article id -> (reuse_of, reuse_overlap), of the given articles or of all."""
        a = s.articles
        query = select(a.c.id, a.c.reuse_of, a.c.reuse_overlap)
        if article_ids is not None:
            query = query.where(a.c.id.in_(list(article_ids)))
        with self.engine.connect() as conn:
            return {r.id: (r.reuse_of, r.reuse_overlap) for r in conn.execute(query)}

    # --- stories (the backend of newsgraph.stories.online) -----------------------------------

    def pending_articles(self) -> list[tuple[str, str | None]]:
        """(id, published) of the articles without a story yet."""
        a = s.articles
        with self.engine.connect() as conn:
            return [
                (r.id, r.published) for r in conn.execute(select(a.c.id, a.c.published).where(a.c.story_id.is_(None)))
            ]

    def member_texts(self, article_ids: Sequence[str]) -> list[Pending]:
        return self._clustering_inputs(s.articles.c.id.in_(list(article_ids)))

    def _clustering_inputs(self, condition: Any) -> list[Pending]:
        a, m, t = s.articles, s.mentions, s.times
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.id, a.c.title, a.c.text, a.c.language, a.c.published).where(condition)).all()
            entities: dict[str, list[str]] = {}
            dates: dict[str, list[str]] = {}
            ids = [r.id for r in rows]
            for chunk in range(0, len(ids), 500):
                query = select(m.c.article_id, m.c.entity_id).where(m.c.article_id.in_(ids[chunk : chunk + 500]))
                for r in conn.execute(query):
                    if r.entity_id:
                        entities.setdefault(r.article_id, []).append(r.entity_id)
                query = select(t.c.article_id, t.c.value).where(
                    t.c.article_id.in_(ids[chunk : chunk + 500]) & (t.c.type == "DATE")
                )
                for r in conn.execute(query):
                    dates.setdefault(r.article_id, []).append(r.value)
        return [
            Pending(r.id, r.title, r.text, r.language, r.published, entities.get(r.id, []), dates.get(r.id, []))
            for r in rows
        ]

    def doc_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        wanted = list(set(terms))
        with self.engine.connect() as conn:
            found: dict[str, int] = {}
            for chunk in range(0, len(wanted), 500):
                query = select(s.term_df.c.term, s.term_df.c.df).where(
                    s.term_df.c.term.in_(wanted[chunk : chunk + 500])
                )
                found.update({r.term: r.df for r in conn.execute(query)})
            docs = conn.execute(select(s.counters.c.value).where(s.counters.c.name == "docs")).scalar() or 0
        return found, int(docs)

    def candidate_stories(self, terms: Sequence[str], day: int | None, window: float, limit: int = 30) -> list[str]:
        """Stories whose indexed terms include any of `terms`, active within `window` days of `day`."""
        st = s.story_terms
        score = func.sum(st.c.weight).label("score")
        query = select(st.c.story_id, score).where(st.c.term.in_(list(terms)))
        if day is not None:  # the (term, last_day) index keeps this to the stories of the window
            query = query.where(st.c.last_day >= day - window)
        query = query.group_by(st.c.story_id).order_by(score.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [r.story_id for r in conn.execute(query)]

    def load_stories(self, ids: Sequence[str]) -> list[StoryVector]:
        sto, st, a = s.stories, s.story_terms, s.articles
        with self.engine.connect() as conn:
            rows = conn.execute(select(sto).where(sto.c.id.in_(list(ids)))).all()
            terms: dict[str, dict[str, float]] = {}
            for t in conn.execute(select(st.c.story_id, st.c.term, st.c.weight).where(st.c.story_id.in_(list(ids)))):
                terms.setdefault(t.story_id, {})[t.term] = t.weight
            members: dict[str, list[str]] = {}
            query = select(a.c.story_id, a.c.id).where(a.c.story_id.in_(list(ids))).order_by(a.c.published, a.c.id)
            for m in conn.execute(query):
                members.setdefault(m.story_id, []).append(m.id)
        return [
            StoryVector(r.id, terms.get(r.id, {}), r.size, r.first_day, r.last_day, members.get(r.id, [])) for r in rows
        ]

    def save_clustering(self, result: Clustering) -> None:
        """Write one run of the clustering in one transaction."""
        now = _now()
        sto, st, a = s.stories, s.story_terms, s.articles
        with self.engine.begin() as conn:
            existing = set(conn.execute(select(sto.c.id).where(sto.c.id.in_(list(result.stories)))).scalars())
            titles = self._titles(conn, [aid for aid, _ in result.titles.values()])
            term_rows: list[dict[str, Any]] = []
            for sid, story in result.stories.items():
                values: dict[str, Any] = {"size": story.size, "first_day": story.first_day, "last_day": story.last_day}
                if sid in result.titles:
                    aid, score = result.titles[sid]
                    values.update(title_article=aid, title_score=score, title=titles.get(aid))
                if sid in existing:
                    conn.execute(update(sto).where(sto.c.id == sid).values(**values))
                else:
                    conn.execute(insert(sto).values(id=sid, created_at=now, **values))
                term_rows.extend(
                    {
                        "story_id": sid,
                        "term": t,
                        "weight": w,
                        "last_day": UNDATED if story.last_day is None else story.last_day,
                    }
                    for t, w in story.index_terms().items()
                )
            if existing:
                conn.execute(st.delete().where(st.c.story_id.in_(list(existing))))
            if term_rows:
                conn.execute(insert(st), term_rows)
            if result.assignments:
                conn.execute(
                    update(a).where(a.c.id == bindparam("a_id")).values(story_id=bindparam("a_story")),
                    [{"a_id": aid, "a_story": sid} for aid, sid in result.assignments.items()],
                )
            for sid in result.removed:
                conn.execute(st.delete().where(st.c.story_id == sid))
                conn.execute(sto.delete().where(sto.c.id == sid))
            if result.changes:
                conn.execute(
                    insert(s.story_log),
                    [
                        {
                            "at": now,
                            "kind": c.kind,
                            "story_id": c.story_id,
                            "other_id": c.other_id,
                            "article_ids": c.article_ids,
                        }
                        for c in result.changes
                    ],
                )
            self._bump_frequencies(conn, result)

    @staticmethod
    def _titles(conn: Any, article_ids: list[str]) -> dict[str, str | None]:
        a = s.articles
        return dict(conn.execute(select(a.c.id, a.c.title).where(a.c.id.in_(article_ids))).all()) if article_ids else {}

    @staticmethod
    def _bump_frequencies(conn: Any, result: Clustering) -> None:
        t = s.term_df
        terms = list(result.new_terms)
        known: dict[str, int] = {}
        for chunk in range(0, len(terms), 500):
            query = select(t.c.term, t.c.df).where(t.c.term.in_(terms[chunk : chunk + 500]))
            known.update({r.term: r.df for r in conn.execute(query)})
        if known:
            conn.execute(
                update(t).where(t.c.term == bindparam("t_term")).values(df=bindparam("t_df")),
                [{"t_term": term, "t_df": df + result.new_terms[term]} for term, df in known.items()],
            )
        fresh = [{"term": term, "df": n} for term, n in result.new_terms.items() if term not in known]
        if fresh:
            conn.execute(insert(t), fresh)
        c = s.counters
        docs = conn.execute(select(c.c.value).where(c.c.name == "docs")).scalar()
        if docs is None:
            conn.execute(insert(c).values(name="docs", value=result.docs_added))
        else:
            conn.execute(update(c).where(c.c.name == "docs").values(value=docs + result.docs_added))

    def story_log(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Recorded changes (created, merged, split), oldest first; those naming `story_id` if given."""
        log = s.story_log
        query = select(log).order_by(log.c.id)
        if story_id is not None:
            query = query.where((log.c.story_id == story_id) | (log.c.other_id == story_id))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def stories(self) -> list[Story]:
        a = s.articles
        with self.engine.connect() as conn:
            titles = dict(conn.execute(select(s.stories.c.id, s.stories.c.title)).all())
            rows = conn.execute(
                select(a.c.story_id, a.c.id, a.c.outlet, a.c.published)
                .where(a.c.story_id.is_not(None))
                .order_by(a.c.story_id, func.coalesce(a.c.published, ""), a.c.id)
            ).all()
        grouped: dict[str, list[Any]] = {}
        for r in rows:
            grouped.setdefault(r.story_id, []).append(r)
        out = []
        for sid, members in grouped.items():
            dates = sorted(m.published for m in members if m.published)
            outlets = sorted({m.outlet for m in members if m.outlet})
            out.append(
                Story(
                    sid,
                    titles.get(sid),
                    [m.id for m in members],
                    outlets,
                    dates[0] if dates else None,
                    dates[-1] if dates else None,
                )
            )
        out.sort(key=lambda st: (-len(st.article_ids), st.first_published or "", st.id))
        return out

    def story(self, story_id: str) -> Story | None:
        return next((st for st in self.stories() if st.id == story_id), None)

    # --- reading ----------------------------------------------------------------------------

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        a = s.articles
        query = select(a).order_by(func.coalesce(a.c.published, ""), a.c.id)
        if ids is not None:
            query = query.where(a.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
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
        with self.engine.connect() as conn:
            return dict(conn.execute(select(s.articles.c.id, s.articles.c.story_id)).all())

    def entities(self, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        e = s.entities
        query = select(e).order_by(e.c.type, e.c.name, e.c.id)
        if ids is not None:
            query = query.where(e.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            {"id": r.id, "name": r.name, "type": r.type, "country": r.country, "role": r.role}
            | {"aliases": list(r.aliases or [])}
            for r in rows
        ]

    def _article_rows(
        self, table: Any, columns: list[str] | None, article_ids: Sequence[str] | None
    ) -> list[dict[str, Any]]:
        """Rows of a per-article table (all columns, or those named), by article and offset."""
        query = select(*(table.c[c] for c in columns)) if columns else select(table)
        query = query.order_by(table.c.article_id, table.c.start)
        if article_ids is not None:
            query = query.where(table.c.article_id.in_(list(article_ids)))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def mentions(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        return self._article_rows(s.mentions, None, article_ids)

    def times(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        return self._article_rows(s.times, ["article_id", "text", "start", "end", "type", "value"], article_ids)

    def places(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        columns = ["article_id", "text", "start", "end", "name", "feature", "country", "lat", "lon", "adjectival"]
        return self._article_rows(s.places, columns, article_ids)

    def sentences(self, article_id: str) -> list[tuple[int, int]]:
        t = s.sentences
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.c.start, t.c.end).where(t.c.article_id == article_id).order_by(t.c.idx))
            return [(r.start, r.end) for r in rows]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("articles", s.articles), ("stories", s.stories), ("entities", s.entities))
            }
