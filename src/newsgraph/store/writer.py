"""`Writer`: one write transaction (see Store.writing), with the lookups the stages make inside it and the
writes that apply their plans, and the checks a plan passes before it is written."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Integer,
    String,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)

from newsgraph.errors import PlanError
from newsgraph.models import (
    Analysis,
    Article,
    Comparison,
    LinkPlan,
    PendingArticle,
    Reuse,
    StoredText,
    StoryPlan,
    StoryProfile,
    StoryState,
    WatchRecord,
)
from newsgraph.store import profiles, searching, watching
from newsgraph.store import schema as s
from newsgraph.store.engine import EVENT_COLUMNS, chunks, known_articles, upsert, utc_now
from newsgraph.store.profiles import UNDATED

CHANGES = "changes"
"""The counter every write transaction raises (`Writer.count_change`)."""


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


class Writer:
    """One write transaction (see Store.writing): the lookups the stages make inside it and the writes
    that apply their plans. It is the StoryBackend of the online clustering and the EntityLookup of
    cross-document linking."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # --- lookups ----------------------------------------------------------------------------------

    def known(self, articles: Sequence[Article]) -> tuple[set[str], set[str]]:
        """(content hashes, ids) of these articles that are stored."""
        return known_articles(self.conn, articles)

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
        for chunk in chunks(sorted(set(tokens))):
            for r in self.conn.execute(select(t.c.token, t.c.entity_id).where(t.c.token.in_(chunk))):
                found.setdefault(r.token, set()).add(r.entity_id)
        return found

    def single_name_entities(self, names: Iterable[str]) -> dict[str, set[str]]:
        m = s.mentions
        found: dict[str, set[str]] = {}
        for chunk in chunks(sorted(set(names))):
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
        conn, now = self.conn, utc_now()
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
        searching.index(conn, [(a.id, a.title, a.text) for a in articles])
        rows = [
            {"article_id": an.article_id, "idx": i, "start": sent.start, "end": sent.end}
            for an in analyses
            for i, sent in enumerate(an.sentences)
        ]
        if rows:
            conn.execute(insert(s.sentences), rows)
        profiles.write_embeddings(conn, analyses)
        rows = [{"article_id": an.article_id, "words": [list(w) for w in an.lemmas]} for an in analyses if an.lemmas]
        if rows:
            conn.execute(insert(s.lemmas), rows)
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
            | {"confidence": q.confidence}
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
                upsert(conn, s.entities).on_conflict_do_nothing(index_elements=["id"]),
                [{"id": e.id, "type": e.type} for e in links.entities],
            )
            tokens = [{"token": t, "entity_id": e.id} for e in links.entities for t in dict.fromkeys(e.tokens)]
            if tokens:
                conn.execute(upsert(conn, s.person_tokens).on_conflict_do_nothing(), tokens)
        rows = [
            {"article_id": an.article_id, "start": m.start, "end": m.end, "text": m.text, "label": m.label}
            | {"entity_id": eid, "name": m.canonical, "kind": m.kind, "country": m.country, "role": m.role}
            | {"sector": m.sector}
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
        stmt = upsert(self.conn, c).values(name="revision", value=2)  # stories start at 1
        self.conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"value": c.c.value + 1}))
        current = select(c.c.value).where(c.c.name == "revision").scalar_subquery()
        for chunk in chunks(stories) if isinstance(stories, list) else [stories]:
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
        countries: dict[str, list[str]] = {}
        for chunk in chunks(list(article_ids)):
            rows += self.conn.execute(
                select(a.c.id, a.c.title, a.c.text, a.c.language, a.c.published, a.c.url, a.c.reuse_of).where(
                    a.c.id.in_(chunk)
                )
            ).all()
            query = select(m.c.article_id, m.c.entity_id).where(m.c.article_id.in_(chunk)).order_by(m.c.id)
            for r in self.conn.execute(query):
                if r.entity_id:
                    entities.setdefault(r.article_id, []).append(r.entity_id)
            query = select(t.c.article_id, t.c.value).where(t.c.article_id.in_(chunk) & (t.c.type == "DATE"))
            for r in self.conn.execute(query.order_by(t.c.id)):
                dates.setdefault(r.article_id, []).append(r.value)
            p = s.places
            query = select(p.c.article_id, p.c.country).where(p.c.article_id.in_(chunk) & p.c.country.is_not(None))
            for r in self.conn.execute(query.where(p.c.adjectival.is_(False)).order_by(p.c.id)):
                countries.setdefault(r.article_id, []).append(r.country)
        vectors = profiles.read_embeddings(self.conn, [r.id for r in rows])
        return [
            PendingArticle(
                *(r.id, r.title, r.text, r.language, r.published, entities.get(r.id, []), dates.get(r.id, [])),
                embedding=vectors.get(r.id),
                countries=countries.get(r.id, []),
                url=r.url,
                reuse_of=r.reuse_of,
            )
            for r in rows
        ]

    def doc_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        t = s.term_df
        found: dict[str, int] = {}
        for chunk in chunks(sorted(set(terms))):
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
        found = profiles.read_profiles(conn, ids)
        return [
            StoryState(
                r.id, terms.get(r.id, {}), r.size, r.first_day, r.last_day, members.get(r.id, []), found.get(r.id)
            )
            for r in rows
        ]

    def recent_profiles(self, since_day: int | None, limit: int) -> dict[str, StoryProfile]:
        """The profiles of the `limit` most recently changed stories active since `since_day` (all when None)."""
        return profiles.recent_profiles(self.conn, since_day, limit)

    def save_stories(self, plan: StoryPlan) -> None:
        """Write one flush of the clustering."""
        now = utc_now()
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
        docs = conn.execute(select(s.counters.c.value).where(s.counters.c.name == "docs")).scalar() or 0
        profiles.write_profiles(conn, list(plan.stories.values()), plan.removed, int(docs) + plan.docs_added)
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
            stmt = upsert(conn, c).values(name="docs", value=plan.docs_added)
            stmt = stmt.on_conflict_do_update(index_elements=["name"], set_={"value": c.c.value + stmt.excluded.value})
            conn.execute(stmt)

    def count_change(self) -> None:
        """The database's `changes` counter raised by one (in SQL, in this transaction): every write transaction
        does it as it ends, so a reader that finds the same count finds the same data (`Store.changes`)."""
        c = s.counters
        stmt = upsert(self.conn, c).values(name=CHANGES, value=1)
        self.conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"value": c.c.value + 1}))

    def save_watch_records(self, records: Sequence[WatchRecord]) -> None:
        """Each watched source's record of its last round, in place of the one before."""
        watching.write_records(self.conn, records)

    def drop_comparisons(self) -> None:
        """Every stored comparison dropped (all stories stale)."""
        self.conn.execute(delete(s.comparisons))

    def save_comparisons(self, comparisons: Sequence[Comparison]) -> int:
        """Store comparisons, each only if its story is still at the revision it was made for (checked in SQL: a
        story another writer changed meanwhile keeps its stale state, for that writer to compare). Returns how
        many were stored."""
        st, c = s.stories, s.comparisons
        current = exists().where((st.c.id == bindparam("sid")) & (st.c.revision == bindparam("rev")))
        now = utc_now()
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
        stmt = upsert(self.conn, t)
        stmt = stmt.on_conflict_do_update(index_elements=["term"], set_={"df": t.c.df + stmt.excluded.df})
        for chunk in chunks(sorted(increments)):
            self.conn.execute(stmt, [{"term": term, "df": increments[term]} for term in chunk])
