"""Embeddings in the store: each article's (int8 and a scale) and each story's profile (float32 sums), read and
written inside the caller's transaction. The clustering retrieves the profiles of a recent window by meaning."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import Connection, delete, insert, select

from newsgraph.models import Analysis, Embedding, StoryProfile, StoryState
from newsgraph.store import schema as s
from newsgraph.store.engine import chunks

UNDATED = 99_999_999
"""The last day stored for a story without dates (so that every window query includes it)."""


def write_embeddings(conn: Connection, analyses: Iterable[Analysis]) -> None:
    rows = [
        {"article_id": an.article_id, "model": an.embedding.model, "vector": an.embedding.values}
        | {"scale": an.embedding.scale}
        for an in analyses
        if an.embedding is not None
    ]
    if rows:
        conn.execute(insert(s.embeddings), rows)


def read_embeddings(conn: Connection, article_ids: Sequence[str]) -> dict[str, Embedding]:
    e = s.embeddings
    found: dict[str, Embedding] = {}
    for chunk in chunks(list(article_ids)):
        for r in conn.execute(select(e).where(e.c.article_id.in_(chunk))):
            found[r.article_id] = Embedding(r.model, bytes(r.vector), float(r.scale))
    return found


def _array(data: bytes) -> np.ndarray:
    values = np.frombuffer(bytes(data), dtype=np.float32)
    return values.copy() if values.size else StoryProfile.empty().total


def _profile(r: object) -> StoryProfile:
    return StoryProfile(
        *(_array(r.total), int(r.size), _array(r.core), int(r.core_size)),  # type: ignore[attr-defined]
        *(dict(r.languages or {}), dict(r.countries or {}), int(r.placed)),  # type: ignore[attr-defined]
    )


def read_profiles(conn: Connection, story_ids: Sequence[str]) -> dict[str, StoryProfile]:
    p = s.story_profiles
    found: dict[str, StoryProfile] = {}
    for chunk in chunks(list(story_ids)):
        for r in conn.execute(select(p).where(p.c.story_id.in_(chunk))):
            found[r.story_id] = _profile(r)
    return found


def recent_profiles(conn: Connection, since_day: int | None, limit: int) -> dict[str, StoryProfile]:
    """The profiles of at most `limit` stories, the most recently changed first: those whose last day is `since_day`
    or later (undated ones included), or any when `since_day` is None."""
    p = s.story_profiles
    if since_day is None:  # the most recently changed (an index scan that stops at `limit`)
        query = select(p).where(p.c.size > 0).order_by(p.c.touched.desc(), p.c.story_id).limit(limit)
        return {r.story_id: _profile(r) for r in conn.execute(query)}
    # the window first (a range of the last_day index), then the most recently changed of it: ordering the whole
    # table by `touched` would read every story ever stored
    window = conn.execute(select(p.c.story_id, p.c.touched).where(p.c.last_day >= since_day)).all()
    ids = [r.story_id for r in sorted(window, key=lambda r: (-r.touched, r.story_id))[:limit]]
    found = read_profiles(conn, ids)
    return {sid: found[sid] for sid in ids if found[sid].size}


def write_profiles(conn: Connection, stories: Sequence[StoryState], removed: Iterable[str], touched: int) -> None:
    """Replace the profiles of these stories (those without one are left out) and drop the removed stories'."""
    p = s.story_profiles
    gone = sorted(set(removed) | {story.id for story in stories})
    for chunk in chunks(gone):
        conn.execute(delete(p).where(p.c.story_id.in_(chunk)))
    rows = [
        {"story_id": story.id, "total": story.profile.total.astype(np.float32).tobytes(), "size": story.profile.size}
        | {"core": story.profile.core.astype(np.float32).tobytes(), "core_size": story.profile.core_size}
        | {"languages": dict(sorted(story.profile.languages.items()))}
        | {"countries": dict(sorted(story.profile.countries.items())), "placed": story.profile.placed}
        | {"last_day": UNDATED if story.last_day is None else story.last_day, "touched": touched}
        for story in stories
        if story.profile is not None
    ]
    if rows:
        conn.execute(insert(p), rows)
