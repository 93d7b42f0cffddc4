"""Stories found by meaning: the profiles of a recent window's stories as one matrix, searched by brute force.

The clustering loads, once per flush, the profiles of the stories active in the flush's time window (at most
`WINDOW_STORIES`, the most recently touched first: changed, or weighed as a candidate), keeps them current as
articles join, and asks for the stories closest to each new article's embedding: a matrix product over at most a few
thousand rows, so the cost of a lookup does not grow with the size of the corpus.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from newsgraph.vectors import DIMENSIONS, StoryProfile, unit

WINDOW_STORIES = 5000
"""At most this many stories' profiles are searched by meaning in one flush (the most recently touched)."""
NEAREST = 10
"""Stories retrieved by meaning for one article (beside those found by its terms)."""


def profile_vector(profile: StoryProfile) -> np.ndarray:
    """The row a story is searched by: the mean of its core's and its members' directions (so that its cosine with
    a unit vector is `StoryProfile.similarity`)."""
    if not profile.size:
        return np.zeros(DIMENSIONS, np.float32)
    return np.asarray(0.5 * (unit(profile.core) + unit(profile.total)), dtype=np.float32)


def profiles_similarity(a: StoryProfile, b: StoryProfile) -> float:
    """How alike two stories are by meaning: the mean of the cosines of their cores and of all their members (0 when
    either has no embedding)."""
    if not a.size or not b.size:
        return 0.0
    return 0.5 * (float(unit(a.core) @ unit(b.core)) + float(unit(a.total) @ unit(b.total)))


class DenseIndex:
    """Story id -> profile row, searched by cosine; rows are updated in place as stories change."""

    def __init__(self, profiles: Mapping[str, StoryProfile] | None = None) -> None:
        self.rows = np.zeros((max(16, len(profiles or {})), DIMENSIONS), dtype=np.float32)
        self.ids: list[str | None] = []
        self.where: dict[str, int] = {}
        for story_id, profile in sorted((profiles or {}).items()):
            self.put(story_id, profile)

    def put(self, story_id: str, profile: StoryProfile | None) -> None:
        """Add or update a story's row (a story without an embedding is left out)."""
        if profile is None or not profile.size:
            self.remove(story_id)
            return
        row = self.where.get(story_id)
        if row is None:
            row = len(self.ids)
            if row == len(self.rows):
                self.rows = np.concatenate([self.rows, np.zeros_like(self.rows)])
            self.ids.append(story_id)
            self.where[story_id] = row
        self.rows[row] = profile_vector(profile)

    def remove(self, story_id: str) -> None:
        row = self.where.pop(story_id, None)
        if row is not None:
            self.rows[row] = 0.0
            self.ids[row] = None

    def nearest(self, vector: np.ndarray, floor: float, k: int = NEAREST) -> list[tuple[str, float]]:
        """The (at most k) stories whose cosine with the unit vector is at least `floor`, closest first (ties by id)."""
        if not self.ids:
            return []
        scores = self.rows[: len(self.ids)] @ vector
        picked = np.flatnonzero(scores >= floor)
        if len(picked) > k:
            picked = picked[np.argpartition(-scores[picked], k - 1)[:k]]
        found = [(self.ids[i], float(scores[i])) for i in picked]
        return sorted(((sid, score) for sid, score in found if sid is not None), key=lambda p: (-p[1], p[0]))
