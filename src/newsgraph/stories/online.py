"""Online story clustering: each article joins a story or opens one as it arrives.

Articles are taken in publication order and never re-clustered. An article becomes one sparse
TF-IDF vector over three kinds of features: content words, named entities (`@` + entity id) and
numbers (`#` + digits), with document frequencies kept in the database as the corpus grows. A
story is the sum of its members' vectors, of which the strongest terms are stored in an inverted
index (term -> stories), so the candidate stories of a new article come from an index lookup
restricted to stories active within the time window, whatever the size of the corpus.

The article joins the candidate with the best score (cosine to the story's vector, decayed by the
days between them) when it clears the threshold. Then two corrections, each recorded in the
story log: two stories whose vectors have grown alike merge (the larger keeps its id), and a story
that has grown into two groups of articles unlike each other splits.

The clustering runs one flush (up to FLUSH_EVERY pending articles) at a time, each inside one write
transaction of the store that holds its write lock: two processes never assign the same articles,
and whatever another process stored meanwhile is pending for the next flush.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np

from newsgraph.models import PendingArticle, StoryChange, StoryPlan, StoryState
from newsgraph.options import Options
from newsgraph.stories import roundups
from newsgraph.stories.dense import WINDOW_STORIES, DenseIndex, profile_vector, profiles_similarity
from newsgraph.stories.similarity import content_words
from newsgraph.vectors import StoryProfile, apart, main_countries

ENTITY_BOOST = 2.0
NUMBER_BOOST = 3.0
ARTICLE_TERMS = 60
IDF_WARMUP_DOCS = 50
STORY_TERMS = 120
SPLIT_SAMPLE = 256
"""At most this many members (evenly spread over the story's order) take part in the average-link
split of a story; the others join the group they are closer to. A split check costs O(n) beyond it."""
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?!\w)")
ENTITY_TERM = "@"
"""What an entity's term in the index begins with (then its id): `entity_term`."""


def entity_term(entity_id: str) -> str:
    """The index term of an entity ('@e3f1...'): the stories stage's own format, which linking renames terms in."""
    return ENTITY_TERM + entity_id


def story_id_for(article_id: str) -> str:
    return "s" + hashlib.sha1(article_id.encode()).hexdigest()[:10]


def day_number(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).toordinal()
    except ValueError:
        return None


_RESOLVED_DATE = re.compile(r"^\d{4}-\d\d")


def raw_terms(
    text: str, title: str | None, language: str | None, entity_ids: Iterable[str], dates: Iterable[str] = ()
) -> Counter[str]:
    """Term counts of an article: its words (headline counted twice), entities, numbers and the
    months its resolved dates fall in (`~2023-10`)."""
    counts = content_words(f"{title or ''}\n{title or ''}\n{text}", language)
    counts.update(entity_term(e) for e in entity_ids)
    counts.update(f"~{d[:7]}" for d in dates if _RESOLVED_DATE.match(d))
    counts.update("#" + re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text) if len(n) >= 2)
    return counts


def weigh(counts: Counter[str], dfs: dict[str, int], n_docs: int, keep: int = ARTICLE_TERMS) -> dict[str, float]:
    """Unit-length TF-IDF vector of the strongest `keep` terms."""
    weights = {}
    trust = min(1.0, n_docs / IDF_WARMUP_DOCS)  # a handful of documents says little about rarity
    for term, tf in counts.items():
        idf = 1 + trust * math.log((n_docs + 1) / (dfs.get(term, 0) + 1))
        boost = ENTITY_BOOST if term.startswith(ENTITY_TERM) else NUMBER_BOOST if term.startswith("#") else 1.0
        weights[term] = (1 + math.log(tf)) * idf * boost
    top = sorted(weights.items(), key=lambda kv: -kv[1])[:keep]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def norm(a: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in a.values()))


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two sparse vectors: over the terms they share (a set intersection, in C), summed by `fsum`,
    whose result does not depend on the order of a set's terms (which changes with the process's hash seed)."""
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())


def cosine(a: dict[str, float], b: dict[str, float], norm_a: float | None = None, norm_b: float | None = None) -> float:
    if not a or not b:
        return 0.0
    na = norm(a) if norm_a is None else norm_a
    nb = norm(b) if norm_b is None else norm_b
    return dot(a, b) / (na * nb) if na and nb else 0.0


@dataclass
class StoryVector(StoryState):
    """A story as the clustering sees it: the stored state, and how it grows."""

    _norm: float | None = field(default=None, repr=False, compare=False)
    _row: np.ndarray | None = field(default=None, repr=False, compare=False)
    _main: list[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, state: StoryState) -> StoryVector:
        profile = state.profile or StoryProfile.empty()
        days = (state.first_day, state.last_day)
        return cls(state.id, dict(state.terms), state.size, *days, list(state.members), profile)

    def meaning(self) -> StoryProfile:
        """Its profile by meaning (made empty for a story that had none)."""
        if self.profile is None:
            self.profile = StoryProfile.empty()
        return self.profile

    def similarity(self, embedding: np.ndarray) -> float:
        """Its profile's cosine with a unit embedding (`StoryProfile.similarity`), its row kept until it changes."""
        if self._row is None:
            self._row = profile_vector(self.meaning())
        return float(self._row @ embedding)

    def main_countries(self) -> list[str]:
        """Its profile's main countries, kept until it changes."""
        if self._main is None:
            self._main = self.meaning().main_countries()
        return self._main

    def elsewhere(self, countries: Sequence[str]) -> bool:
        """`StoryProfile.elsewhere`, from the kept main countries."""
        return apart(countries, self.main_countries())

    def norm(self) -> float:
        if self._norm is None:
            self._norm = norm(self.terms)
        return self._norm

    def add(
        self,
        vector: dict[str, float],
        article_id: str,
        day: int | None,
        embedding: np.ndarray | None = None,
        language: str | None = None,
        countries: Sequence[str] = (),
    ) -> None:
        self._norm, self._row, self._main = None, None, None
        self.meaning().add(embedding, language, countries)
        for t, w in vector.items():
            self.terms[t] = self.terms.get(t, 0.0) + w
        if len(self.terms) > STORY_TERMS * 2:
            self.terms = dict(sorted(self.terms.items(), key=lambda kv: -kv[1])[:STORY_TERMS])
        self.size += 1
        self.members.append(article_id)
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)

    def absorb(self, other: StoryVector) -> None:
        self._norm, self._row, self._main = None, None, None
        self.meaning().absorb(other.meaning())
        for t, w in other.terms.items():
            self.terms[t] = self.terms.get(t, 0.0) + w
        self.terms = dict(sorted(self.terms.items(), key=lambda kv: -kv[1])[:STORY_TERMS])
        self.size += other.size
        self.members.extend(other.members)
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d is not None]
        self.first_day, self.last_day = (min(days), max(days)) if days else (None, None)

    def index_terms(self) -> dict[str, float]:
        return dict(sorted(self.terms.items(), key=lambda kv: -kv[1])[:STORY_TERMS])


def decay(day: int | None, story: StoryVector, options: Options) -> float:
    """1 within the story's days, falling with each day outside them; 1 when a date is unknown."""
    if day is None or story.first_day is None or story.last_day is None:
        return 1.0
    gap = max(story.first_day - day, day - story.last_day, 0)
    if gap > options.story_window_days:
        return 0.0
    return math.exp(-gap / options.story_decay_days)


def _sample(n: int) -> list[int]:
    """Indexes of the members that take part in a split: all, or SPLIT_SAMPLE of them evenly spread (the
    founder, index 0, always)."""
    if n <= SPLIT_SAMPLE:
        return list(range(n))
    return sorted({round(k * (n - 1) / (SPLIT_SAMPLE - 1)) for k in range(SPLIT_SAMPLE)})


def _unit(vector: dict[str, float]) -> dict[str, float]:
    n = norm(vector)
    return {t: w / n for t, w in vector.items()} if n else {}


def _sum(vectors: Iterable[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for v in vectors:
        for t, w in v.items():
            total[t] = total.get(t, 0.0) + w
    return total


def _unit_matrix(vectors: Sequence[dict[str, float]]) -> np.ndarray:
    """Rows of unit length over the terms of the vectors (dense: at most SPLIT_SAMPLE of them)."""
    index: dict[str, int] = {}
    for v in vectors:
        for t in v:
            index.setdefault(t, len(index))
    m = np.zeros((len(vectors), max(1, len(index))))
    for i, v in enumerate(vectors):
        for t, w in v.items():
            m[i, index[t]] = w
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1.0
    return np.asarray(m / norms[:, None])


def split_groups(vectors: Sequence[dict[str, float]]) -> tuple[list[int], list[int]] | None:
    """Two groups of members (average-link), when there are two with at least 2 members each.

    Average link on at most SPLIT_SAMPLE members (merging the pair of clusters with the highest mean
    cosine, the last such pair on ties), on a dense matrix of the sample only; then every other
    member joins the group its mean cosine to is higher, from the groups' sums of unit vectors (sparse):
    time and memory O(n) beyond the sample.
    """
    n = len(vectors)
    if n < 4:
        return None
    sample = _sample(n)
    units = _unit_matrix([vectors[i] for i in sample])
    sums = units @ units.T  # summed cosines between clusters, one member each at first
    sizes = np.ones(len(sample))
    clusters: list[list[int]] = [[i] for i in sample]
    alive = list(range(len(sample)))
    while len(alive) > 2:
        rows = np.array(alive)
        links = sums[np.ix_(rows, rows)] / np.outer(sizes[rows], sizes[rows])
        links[np.tril_indices(len(rows))] = -np.inf
        best = np.argwhere(links == links.max())[-1]
        i, j = int(rows[best[0]]), int(rows[best[1]])
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sizes[i] += sizes[j]
        clusters[i] += clusters[j]
        alive.remove(j)
    a, b = clusters[alive[0]], clusters[alive[1]]
    if n > len(sample):
        sum_a, sum_b = _sum(_unit(vectors[i]) for i in a), _sum(_unit(vectors[i]) for i in b)
        size_a, size_b = len(a), len(b)
        chosen = set(sample)
        for i in range(n):
            if i not in chosen:
                u = _unit(vectors[i])
                (a if dot(u, sum_a) / size_a >= dot(u, sum_b) / size_b else b).append(i)
        a, b = sorted(a), sorted(b)
    if min(len(a), len(b)) < 2:
        return None
    return a, b


def group_link(vectors: Sequence[dict[str, float]], a: list[int], b: list[int]) -> float:
    """Mean cosine between the members of two groups: the dot product of their sums of unit vectors,
    over the number of pairs (O(n) time and memory, not O(n^2))."""
    return dot(_sum(_unit(vectors[i]) for i in a), _sum(_unit(vectors[i]) for i in b)) / (len(a) * len(b))


class StoryBackend(Protocol):
    """What the clustering reads and writes in one flush (a write transaction of newsgraph.store: a Writer)."""

    def pending_articles(self, limit: int) -> list[tuple[str, str | None]]: ...

    def doc_frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]: ...

    def candidate_stories(self, terms: Sequence[str], day: int | None, window: float) -> list[str]: ...

    def load_stories(self, ids: Sequence[str]) -> list[StoryState]: ...

    def member_texts(self, article_ids: Sequence[str]) -> list[PendingArticle]: ...

    def save_stories(self, plan: StoryPlan) -> None: ...

    def recent_profiles(self, since_day: int | None, limit: int) -> dict[str, StoryProfile]: ...


Sessions = Callable[[], AbstractContextManager[StoryBackend]]
"""Opens one flush's transaction (newsgraph.store.Store.writing)."""


@dataclass
class _Flush(StoryPlan):
    """A flush under way: the plan so far, with its stories as vectors (the plan's `stories` is filled
    from them when the flush is written)."""

    vectors: dict[str, StoryVector] = field(default_factory=dict)
    marks: roundups.Marks = field(default_factory=roundups.Marks)


class OnlineClusterer:
    """Assigns pending articles to stories, in publication order, one locked flush at a time."""

    FLUSH_EVERY = 500

    def __init__(self, sessions: Sessions, options: Options) -> None:
        self.sessions = sessions
        self.options = options

    def run(self) -> int:
        """Assign every pending article (also those other processes store meanwhile); returns how many."""
        done = 0
        while True:
            with self.sessions() as backend:
                order = backend.pending_articles(self.FLUSH_EVERY)
                if not order:
                    return done
                self.backend = backend
                result = _Flush()
                self._local_index: dict[str, set[str]] = {}
                self._df_cache: dict[str, int] = {}  # stored document frequencies, read once per flush
                self._n_docs: int | None = None
                self._embeddings: dict[str, np.ndarray | None] = {}
                chunk = [aid for aid, _ in order]
                texts = {p.id: p for p in backend.member_texts(chunk)}  # a flush's texts at a time
                self._dense = DenseIndex(backend.recent_profiles(self._since(order), WINDOW_STORIES))
                for aid in chunk:
                    self._assign(texts[aid], result)
                backend.save_stories(self._plan(result))
            done += len(order)

    def _since(self, order: Sequence[tuple[str, str | None]]) -> int | None:
        """The first day of the flush's time window: that of its earliest dated article less the window (None: any
        day, when none of its articles is dated)."""
        days = [d for d in (day_number(published) for _, published in order) if d is not None]
        return min(days) - math.ceil(self.options.story_window_days) if days else None

    @staticmethod
    def _plan(result: _Flush) -> StoryPlan:
        """The flush's plan, each story with its index terms (its strongest STORY_TERMS) and its profile."""
        result.stories = {
            sid: StoryState(
                *(sid, story.index_terms(), story.size, story.first_day, story.last_day),
                *(list(story.members), story.meaning()),
            )
            for sid, story in result.vectors.items()
        }
        return result

    # --- one article ----------------------------------------------------------------------

    def _vector(self, article: PendingArticle, result: _Flush) -> dict[str, float]:
        counts = raw_terms(article.text, article.title, article.language, article.entity_ids, article.dates)
        missing = [t for t in counts if t not in self._df_cache]
        if missing or self._n_docs is None:
            found, self._n_docs = self.backend.doc_frequencies(missing)
            self._df_cache.update({t: found.get(t, 0) for t in missing})
        dfs = {t: self._df_cache[t] + result.new_terms.get(t, 0) for t in counts}
        return weigh(counts, dfs, self._n_docs + result.docs_added)

    def _embedding(self, article: PendingArticle) -> np.ndarray | None:
        """The article's unit embedding (None without one), decoded once per flush."""
        if article.id not in self._embeddings:
            self._embeddings[article.id] = article.embedding.array() if article.embedding is not None else None
        return self._embeddings[article.id]

    def _candidates(
        self, vector: dict[str, float], embedding: np.ndarray | None, day: int | None, result: _Flush
    ) -> list[StoryVector]:
        """The stories the article may join: those sharing its strongest terms and those closest to it by meaning."""
        top = [t for t, _ in sorted(vector.items(), key=lambda kv: -kv[1])[:20]]
        ids = set(self.backend.candidate_stories(top, day, self.options.story_window_days))
        for term in top:
            ids |= self._local_index.get(term, set())
        if embedding is not None and max(self.options.story_dense_weight, self.options.story_cross_weight) > 0:
            floor = min(self.options.story_dense_floor, self.options.story_cross_floor)
            ids |= {sid for sid, _ in self._dense.nearest(embedding, floor)}
        unloaded = [sid for sid in ids if sid not in result.vectors and sid not in result.removed]
        for state in self.backend.load_stories(unloaded) if unloaded else []:
            result.vectors[state.id] = StoryVector.of(state)
        return [result.vectors[sid] for sid in sorted(ids) if sid in result.vectors and sid not in result.removed]

    def _index(self, story: StoryVector) -> None:
        for term in story.index_terms():
            self._local_index.setdefault(term, set()).add(story.id)
        self._dense.put(story.id, story.profile)

    def _meaning(self, dense: float, cross: bool) -> float:
        """What a cosine of embeddings adds to a score of words, names and dates (`cross`: across languages)."""
        o = self.options
        if cross:
            return o.story_cross_weight * max(0.0, dense - o.story_cross_floor)
        return o.story_dense_weight * max(0.0, dense - o.story_dense_floor)

    def _score(
        self, article: PendingArticle, main: list[str], vector: dict[str, float], day: int | None, story: StoryVector
    ) -> float:
        """How well the article fits the story: the cosine of their terms plus what meaning adds (nothing when the
        article's main countries are not the story's, in a language of the story: across languages the places each
        side's analysis finds agree too seldom to veto), decayed by the days between them."""
        score = cosine(vector, story.terms, 1.0, story.norm())
        embedding, profile = self._embedding(article), story.meaning()
        cross = apart([article.language] if article.language else [], profile.languages)
        if embedding is not None and profile.size and (cross or not story.elsewhere(main)):
            score += self._meaning(story.similarity(embedding), cross)
        return score * decay(day, story, self.options)

    def _alike(self, story: StoryVector, other: StoryVector) -> bool:
        """Whether two stories have grown into one: their terms' cosine plus what meaning adds clears the merge
        threshold."""
        score = cosine(story.terms, other.terms, story.norm(), other.norm())
        mine, theirs = story.meaning(), other.meaning()
        cross = apart(mine.languages, theirs.languages)
        if cross or not theirs.elsewhere(mine.main_countries()):
            score += self._meaning(profiles_similarity(mine, theirs), cross)
        return score >= self.options.merge_threshold

    def _assign(self, article: PendingArticle, result: _Flush) -> None:
        day = day_number(article.published)
        vector = self._vector(article, result)
        roundup = result.marks.note(article)  # a live blog or round-up: joins lightly, merges nothing, names nothing
        embedding = self._embedding(article)
        candidates = self._candidates(vector, embedding, day, result)
        main = main_countries(article.countries)
        scored = [(self._score(article, main, vector, day, story), story) for story in candidates]
        scored.sort(key=lambda pair: (-pair[0], pair[1].id))
        if scored and scored[0][0] >= self.options.story_threshold:
            story = scored[0][1]
        else:
            story = StoryVector(story_id_for(article.id), {}, 0, None, None)
            result.vectors[story.id] = story
            result.changes.append(StoryChange("created", story.id, None, [article.id]))
        weighted = roundups.weighted(vector, roundups.member_weight(roundup))
        story.add(weighted, article.id, day, *self._member_meaning(article, result))
        result.assignments[article.id] = story.id
        result.new_terms.update(vector.keys())
        result.docs_added += 1
        self._update_title(story, article.id, vector, result)
        self._index(story)
        for score, other in [] if roundup else scored[1:]:
            if score < self.options.story_threshold:  # only stories this article could have joined
                break
            if other.id == story.id or other.id in result.removed:
                continue
            if self._alike(story, other):
                story = self._merge(story, other, result)
        if story.size >= 4 and story.size & (story.size - 1) == 0:  # sizes 4, 8, 16, ...: amortized
            self._maybe_split(story, result)

    def _update_title(self, story: StoryVector, article_id: str, vector: dict[str, float], result: _Flush) -> None:
        score = cosine(vector, story.terms, 1.0, story.norm())
        current = result.titles.get(story.id)
        rank = result.marks.rank(article_id, story.members)  # an original's, then a reprint's, then a live blog's
        current_rank = result.marks.rank(current[0], story.members) if current else roundups.ORIGINAL
        if story.size > 1 and rank != current_rank:
            if rank < current_rank:
                result.titles[story.id] = (article_id, score)
            return
        if story.size == 1:
            result.titles[story.id] = (article_id, 0.0)  # alone, it has nothing to be central to
        elif current is None or current[1] == 0.0 or score > current[1]:
            if current is not None and current[1] == 0.0 and current[0] != article_id:
                founder = self._member_vectors([current[0]], result).get(current[0])
                founder_score = cosine(founder, story.terms) if founder else 0.0
                if founder_score >= score:
                    result.titles[story.id] = (current[0], founder_score)
                    return
            result.titles[story.id] = (article_id, score)

    # --- corrections ----------------------------------------------------------------------------

    def _merge(self, story: StoryVector, other: StoryVector, result: _Flush) -> StoryVector:
        keep, gone = (story, other) if story.size >= other.size else (other, story)  # the larger keeps its id
        members = list(gone.members) or [aid for aid, sid in result.assignments.items() if sid == gone.id]
        keep.absorb(gone)
        for aid in members:
            result.assignments[aid] = keep.id
        result.removed.add(gone.id)
        result.vectors.pop(gone.id, None)
        self._dense.remove(gone.id)
        gone_title = result.titles.pop(gone.id, None)
        if gone_title and keep.id in result.titles:  # a live blog's headline gives way to the other story's
            result.titles[keep.id] = result.marks.best([result.titles[keep.id], gone_title], keep.members)
        result.changes.append(StoryChange("merged", keep.id, gone.id, members))
        self._index(keep)
        return keep

    def _member_vectors(self, ids: Sequence[str], result: _Flush) -> dict[str, dict[str, float]]:
        return {p.id: self._vector(p, result) for p in self.backend.member_texts(ids)}

    def _member_meaning(
        self, article: PendingArticle, result: _Flush
    ) -> tuple[np.ndarray | None, str | None, list[str]]:
        """What a member adds to its story's profile: its embedding and main countries (none for a live blog or
        round-up, which would pull the story toward its many topics), and its language."""
        if article.id in result.marks.roundups:
            return None, article.language, []
        return self._embedding(article), article.language, main_countries(article.countries)

    def _meaning_link(self, groups: Sequence[Sequence[PendingArticle]]) -> float:
        """What meaning adds to the link between two groups of a story's articles: the cosine of their mean
        embeddings, across languages when they have none in common (a story told in English and in Spanish is not
        two stories because their words differ)."""
        profiles = []
        for group in groups:
            profile = StoryProfile.empty()
            for article in group:
                profile.add(self._embedding(article), article.language)
            profiles.append(profile)
        first, second = profiles
        cross = apart(first.languages, second.languages)
        return self._meaning(profiles_similarity(first, second), cross)

    def _maybe_split(self, story: StoryVector, result: _Flush) -> None:
        members = list(story.members)
        if len(members) != story.size:
            return  # members not all known in this run (a stored story): checked when they are
        texts = self.backend.member_texts(members)
        vectors_by_id = {p.id: result.marks.weighed(p, self._vector(p, result)) for p in texts}
        ids = [m for m in members if m in vectors_by_id]
        vectors = [vectors_by_id[m] for m in ids]
        groups = split_groups(vectors)
        if groups is None:
            return
        by_id = {p.id: p for p in texts}
        link = group_link(vectors, *groups) + self._meaning_link([[by_id[ids[i]] for i in g] for g in groups])
        if link >= self.options.split_threshold:
            return
        a, b = groups
        keep_idx, move_idx = (a, b) if 0 in a else (b, a)  # the founding article keeps the story's id
        moved = [ids[i] for i in move_idx]
        new = StoryVector(story_id_for(moved[0]), {}, 0, None, None)
        rebuilt = StoryVector(story.id, {}, 0, None, None)
        day_of = {p.id: day_number(p.published) for p in texts}
        for group, i in [(rebuilt, i) for i in keep_idx] + [(new, i) for i in move_idx]:
            member = by_id[ids[i]]
            group.add(vectors[i], ids[i], day_of.get(ids[i]), *self._member_meaning(member, result))
        for i in move_idx:
            result.assignments[ids[i]] = new.id
        result.vectors[story.id] = rebuilt
        result.vectors[new.id] = new
        result.removed.discard(new.id)
        result.titles[new.id] = result.marks.best(((m, 0.0) for m in moved), moved)
        result.changes.append(StoryChange("split", story.id, new.id, moved))
        self._index(rebuilt)
        self._index(new)
