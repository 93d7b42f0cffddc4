"""Embeddings as records: unit vectors stored compactly (int8 values and one scale), and their cosines.

A leaf of the house (numpy only): analysis makes them (`newsgraph.analyze.embedding`), the store keeps them, stories
and similarity compare them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

DIMENSIONS = 512
ENCODER = "use-multilingual-v3"
"""The name stored with every embedding: vectors of two encoders are never compared."""


@dataclass(frozen=True)
class Embedding:
    """A unit vector stored compactly: int8 values and the scale that turns them back into floats (516 bytes)."""

    model: str
    values: bytes
    scale: float

    def array(self) -> np.ndarray:
        """The vector as float32, of unit length."""
        return unit(np.frombuffer(self.values, dtype=np.int8).astype(np.float32) * np.float32(self.scale))


def unit(vector: np.ndarray) -> np.ndarray:
    """The vector scaled to length 1 (a zero vector stays zero)."""
    length = float(np.linalg.norm(vector))
    return np.asarray(vector / length if length else vector, dtype=np.float32)


def quantize(vector: np.ndarray, model: str = ENCODER) -> Embedding:
    """An `Embedding` of a float vector: int8 over [-max, max] (cosine with the original above 0.9999 at 512
    dimensions)."""
    vector = np.asarray(vector, dtype=np.float32)
    top = float(np.abs(vector).max()) if vector.size else 0.0
    scale = top / 127.0 if top else 1.0
    values = np.clip(np.rint(vector / scale), -127, 127).astype(np.int8)
    return Embedding(model, values.tobytes(), scale)


def unit_rows(rows: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (zero rows stay zero), float32."""
    rows = np.asarray(rows, dtype=np.float32)
    lengths = np.linalg.norm(rows, axis=1)
    lengths[lengths == 0] = 1.0
    return np.asarray(rows / lengths[:, None], dtype=np.float32)


def matrix(embeddings: Sequence[Embedding]) -> np.ndarray:
    """Unit rows (float32) of several embeddings: their cosines are a matrix product."""
    if not embeddings:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    values = np.frombuffer(b"".join(e.values for e in embeddings), dtype=np.int8).reshape(len(embeddings), -1)
    return unit_rows(values.astype(np.float32) * np.array([e.scale for e in embeddings], dtype=np.float32)[:, None])


@dataclass
class StoryProfile:
    """What a story is about in the embedding space: the sum of its members' unit embeddings, and the sum over its
    core (its first `CORE` members, which later ones never move), with the languages of its members."""

    total: np.ndarray
    size: int
    core: np.ndarray
    core_size: int
    languages: dict[str, int]
    countries: dict[str, int]
    """how many of its members have each country among their main ones (see `main_countries`)"""
    placed: int = 0
    """how many of its members name a country"""

    CORE = 8

    @classmethod
    def empty(cls) -> StoryProfile:
        return cls(np.zeros(DIMENSIONS, np.float32), 0, np.zeros(DIMENSIONS, np.float32), 0, {}, {})

    def add(self, vector: np.ndarray | None, language: str | None, countries: Sequence[str] = ()) -> None:
        """A member joins (its unit embedding, or None when it has none: only its language and countries count)."""
        if language:
            self.languages[language] = self.languages.get(language, 0) + 1
        for country in countries:
            self.countries[country] = self.countries.get(country, 0) + 1
        self.placed += bool(countries)
        if vector is None:
            return
        self.total = self.total + vector
        self.size += 1
        if self.core_size < self.CORE:
            self.core = self.core + vector
            self.core_size += 1

    def absorb(self, other: StoryProfile) -> None:
        """Another story's members join (a merge): the core stays the larger story's, topped up from the other's."""
        self.total = self.total + other.total
        self.size += other.size
        for language, n in other.languages.items():
            self.languages[language] = self.languages.get(language, 0) + n
        for country, n in other.countries.items():
            self.countries[country] = self.countries.get(country, 0) + n
        self.placed += other.placed
        if self.core_size < self.CORE and other.core_size:
            self.core = self.core + other.core
            self.core_size += other.core_size

    def main_countries(self) -> list[str]:
        """The countries at least half of its members that name one have among their main ones."""
        return sorted(c for c, n in self.countries.items() if 2 * n >= self.placed)

    def elsewhere(self, countries: Sequence[str]) -> bool:
        """Whether an article (or story) whose main countries are these happens elsewhere: both sides name countries
        and none in common (two earthquakes, two summits: alike in meaning, apart on the map)."""
        return apart(countries, self.main_countries())

    def similarity(self, vector: np.ndarray) -> float:
        """Cosine of a unit embedding with the story: the mean of its cosines with the core and with all members (0
        when the story has no embedding)."""
        if not self.size:
            return 0.0
        return 0.5 * (float(unit(self.core) @ vector) + float(unit(self.total) @ vector))


def apart(these: Collection[str], those: Collection[str]) -> bool:
    """Whether both sides name some (countries, languages) and none in common."""
    return bool(these) and bool(those) and not set(these) & set(those)


MAIN_COUNTRIES = 2


def main_countries(countries: Sequence[str]) -> list[str]:
    """The countries an article is about: of those it names (one entry a place), the (at most MAIN_COUNTRIES) named
    at least half as often as the most named one, the first named first among equals."""
    counts: dict[str, int] = {}
    for country in countries:
        counts[country] = counts.get(country, 0) + 1
    order = {c: i for i, c in reversed(list(enumerate(countries)))}
    top = max(counts.values(), default=0)
    found = sorted((c for c in counts if 2 * counts[c] >= top), key=lambda c: (-counts[c], order[c]))
    return found[:MAIN_COUNTRIES]
