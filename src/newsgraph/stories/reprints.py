"""Reprints and wire copy: near-duplicate texts found with MinHash and banded LSH.

Each article's text becomes a set of word 5-gram shingles and a 128-value MinHash signature
(datasketch). The signature is cut into 32 bands of 4 values; articles sharing a band are
candidates (pairs with Jaccard similarity around 0.42 collide with probability 1/2, pairs
above 0.6 almost surely). Band keys live in the database, so finding the candidates of a new
article is an index lookup whatever the size of the corpus. Candidates are then checked
exactly: the share of the new article's shingles that the other text also has.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from newsgraph.ingest.metadata import is_wire
from newsgraph.ingest.outlets import OutletTable
from newsgraph.models import Reuse, StoredText

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
REPRINT_OVERLAP = 0.6
"""Share of an article's shingles found in an earlier text for it to count as a reprint of it."""
CANDIDATES = 16
"""Stored articles checked per new article: those sharing the most band keys with it (the most alike). A dispatch
reprinted by dozens of outlets would otherwise have every new copy read and shingle every earlier one."""

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Word k-grams of the text, case- and punctuation-blind (so quote styles do not matter)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


SIGNATURE_BATCH = 20_000
"""Shingles hashed at once: datasketch holds a row of NUM_PERM 64-bit values for each shingle of a batch, and more
than one such array while it works (a 10 MB text's million shingles at once: gigabytes). The signature is the same."""


def signature(shingle_set: Iterable[bytes]) -> np.ndarray:
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=1)
    items = list(shingle_set)
    for start in range(0, len(items), SIGNATURE_BATCH):
        mh.update_batch(items[start : start + SIGNATURE_BATCH])
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (the band's number is part of what is hashed)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(struct.pack("<H", band) + chunk, digest_size=8).digest()
        keys.append(struct.unpack("<q", digest)[0])
    return keys


def containment(part: set[bytes], whole: set[bytes]) -> float:
    """Share of `part` found in `whole`."""
    return len(part & whole) / len(part) if part else 0.0


@dataclass
class Candidate:
    """What reprint detection needs to know of an article."""

    id: str
    text: str
    published: str | None
    reuse_of: str | None = None
    wire: bool = False
    """Published by a wire agency itself (its own copy is the original of a dispatch)."""

    def precedence(self) -> tuple[bool, int]:
        return (not self.wire, -len(self.text))


def candidate(
    article_id: str,
    text: str,
    published: str | None,
    outlet: str | None,
    reuse_of: str | None = None,
    outlets: OutletTable | None = None,
) -> Candidate:
    """What reprint detection needs of an article, new or stored (a wire agency's own copy is an original;
    wire agencies are those of `outlets`, None: the package's table)."""
    return Candidate(article_id, text, published, reuse_of, wire=bool(outlet and is_wire(outlet, outlets)))


def stored_candidate(row: StoredText, outlets: OutletTable | None = None) -> Candidate:
    return candidate(row.id, row.text, row.published, row.outlet, row.reuse_of, outlets)


def _earlier(a: Candidate, b: Candidate) -> bool:
    """Whether a is the original of the two: published first; on the same or an unknown day,
    the wire agency's own copy, then the fuller text."""
    if a.published and b.published and a.published != b.published:
        return a.published < b.published
    if bool(a.published) != bool(b.published):
        return False
    return a.precedence() < b.precedence()


def detect(
    new: list[Candidate],
    lookup: Callable[[list[int]], list[Candidate]],
) -> tuple[list[Reuse], dict[str, list[int]]]:
    """Reprint links for new articles, and the band keys to index them under.

    `lookup` returns stored articles sharing any of the given band keys. New articles are taken
    in publication order; each is linked to the earlier text holding the largest share of its
    shingles (at least REPRINT_OVERLAP), and through it to the first text of the chain. A stored
    article turns out to be the reprint when a new one was published before it.
    """
    links: list[Reuse] = []
    keys_of: dict[str, list[int]] = {}
    local: dict[int, list[Candidate]] = {}
    cache: dict[str, set[bytes]] = {}

    def shingles_of(c: Candidate) -> set[bytes]:
        if c.id not in cache:
            cache[c.id] = shingles(c.text)
        return cache[c.id]

    for art in sorted(new, key=lambda c: (c.published or "9999", *c.precedence(), c.id)):
        own = shingles_of(art)
        if not own:
            continue
        keys = band_keys(signature(own))
        keys_of[art.id] = keys
        candidates = {c.id: c for c in lookup(keys)}
        for key in keys:
            candidates.update({c.id: c for c in local.get(key, [])})
        best: tuple[float, Candidate] | None = None
        for cand in candidates.values():
            if cand.id == art.id:
                continue
            if _earlier(art, cand):  # the stored text is the later one: it reprints this one
                overlap = containment(shingles_of(cand), own)
                if overlap >= REPRINT_OVERLAP and cand.reuse_of is None:
                    links.append(Reuse(cand.id, art.id, round(overlap, 4)))
                    cand.reuse_of = art.id
                continue
            overlap = containment(own, shingles_of(cand))
            if overlap >= REPRINT_OVERLAP and (best is None or overlap > best[0]):
                best = (overlap, cand)
        if best is not None:
            root = best[1].reuse_of or best[1].id
            if root != art.id:
                links.append(Reuse(art.id, root, round(best[0], 4)))
                art.reuse_of = root
        for key in keys:
            local.setdefault(key, []).append(art)
    return links, keys_of
