"""How likely two articles tell the same story: a score in [0, 1], within and across languages.

Offline means only, so the score combines signals that survive translation or need none:

- character 4-grams (within words): the same wording, and cognates between related languages;
- content words (stop words removed with spaCy's list for each language);
- names: capitalized words not opening a sentence, accents folded, cut to 5 letters (so that
  'Merkel', 'Merkels' and 'Merkel's' meet) - they carry over between languages in the same script;
- numbers of two or more digits (figures, years, death tolls), whatever the script;
- meaning: the cosines of the two texts' multilingual sentence embeddings (the encoder of
  `newsgraph.analyze.embedding`), which carry across languages and scripts: of their leads (first 500 characters,
  as stories compare articles), of what follows (the next 1,000), and of each one's lead with the other's
  continuation.

The weights of the combination were fitted on one half of the SemEval-2022 Task 8 sample and are
package data (data/similarity.json); benchmarks/semeval.py reports the other half. Pairs in one
language and pairs across languages have their own weights, since words and 4-grams mean little
across scripts.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np

from newsgraph.analyze.embedding import embed_texts, lead
from newsgraph.errors import InputError
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.records import parse_json
from newsgraph.resources import load_json

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w])|(?<![\w.,])\d\d(?![\w])")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’-]+)", re.MULTILINE)
FEATURES = ("chars", "words", "names", "numbers", "meaning", "body", "lead_body")
BODY = slice(500, 1500)
"""What of a text is embedded as its continuation (its lead when it is shorter)."""


@dataclass(frozen=True)
class Profile:
    """The parts of one text the score compares (computed once per text)."""

    language: str | None
    chars: Counter[str]
    words: Counter[str]
    names: frozenset[str]
    numbers: frozenset[str]
    meaning: np.ndarray
    """the unit embedding of its lead"""
    body: np.ndarray
    """the unit embedding of what follows its lead"""


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@cache
def _stop_words(language: str | None) -> frozenset[str]:
    if not language:
        return frozenset()
    try:
        from spacy.util import get_lang_class

        return frozenset(get_lang_class(language).Defaults.stop_words)
    except Exception:  # no spaCy data for this language: keep every word
        return frozenset()


def content_words(text: str, language: str | None) -> Counter[str]:
    """Counts of the text's words less its language's stop words (character bigrams for zh, ja)."""
    lowered = text.casefold()
    if language in ("zh", "ja"):  # no spaces: character bigrams stand in for words
        return Counter(lowered[i : i + 2] for i in range(len(lowered) - 1) if lowered[i : i + 2].isalpha())
    stop = _stop_words(language)
    return Counter(w for w in _WORD.findall(lowered) if len(w) > 2 and w not in stop)


def embed_parts(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each text's lead and continuation embedded, in one pass of the encoder."""
    rows = embed_texts([part for t in texts for part in (lead(None, t), t[BODY].strip() or lead(None, t))])
    return [(rows[2 * i], rows[2 * i + 1]) for i in range(len(texts))]


def profile(
    text: str, language: str | None = None, meaning: tuple[np.ndarray, np.ndarray] | None = None
) -> Profile:
    """What the score compares of one text; `meaning`, its lead's and continuation's embeddings when already made
    (`embed_parts`)."""
    language = language or detect_language(text)
    lead_vector, body_vector = meaning or embed_parts([text])[0]
    stop = _stop_words(language)
    lowered = text.casefold()
    words = content_words(text, language)
    chars: Counter[str] = Counter()
    for word in _WORD.findall(lowered):
        if word in stop:
            continue
        padded = f" {word} "
        chars.update(padded[i : i + 4] for i in range(max(1, len(padded) - 3)))
    names = frozenset(_fold(m.group(1))[:5] for m in _NAME.finditer(text) if len(m.group(1)) > 2)
    numbers = frozenset(re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text))
    return Profile(language, chars, words, names, numbers, lead_vector, body_vector)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of two count vectors, with sublinear (1 + log) term weights."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) < len(b) else (b, a)
    dot = sum((1 + math.log(v)) * (1 + math.log(large[k])) for k, v in small.items() if k in large)
    if not dot:
        return 0.0
    norm_a = math.sqrt(sum((1 + math.log(v)) ** 2 for v in a.values()))
    norm_b = math.sqrt(sum((1 + math.log(v)) ** 2 for v in b.values()))
    return dot / (norm_a * norm_b)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared share of the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def features(a: Profile, b: Profile) -> dict[str, float]:
    return {
        "chars": cosine(a.chars, b.chars),
        "words": cosine(a.words, b.words),
        "names": overlap(a.names, b.names),
        "numbers": overlap(a.numbers, b.numbers),
        "meaning": float(a.meaning @ b.meaning),
        "body": float(a.body @ b.body),
        "lead_body": 0.5 * float(a.meaning @ b.body + a.body @ b.meaning),
    }


@lru_cache(maxsize=1)
def _weights() -> dict[str, dict[str, float]]:
    return load_json("similarity.json")["weights"]


def combine(feats: dict[str, float], same_language: bool) -> float:
    weights = _weights()["same" if same_language else "cross"]
    z = weights["bias"] + sum(weights[name] * feats[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


def profile_similarity(a: Profile, b: Profile) -> float:
    same = a.language is not None and a.language == b.language
    return combine(features(a, b), same)


def similarity(text1: str, text2: str, lang1: str | None = None, lang2: str | None = None) -> float:
    """How likely the two texts report the same story, from 0 (unrelated) to 1 (same story).

    Languages are detected when not given. See the module's docstring for what is compared.
    """
    first, second = embed_parts([text1, text2])
    return profile_similarity(profile(text1, lang1, first), profile(text2, lang2, second))


def read_pair(line: str) -> dict[str, Any]:
    """One line of a pairs file ({"id", "text1", "text2", "lang1", "lang2"}), checked: InputError with the reason
    when it is not a usable pair."""
    record = parse_json(line)  # InputError for malformed JSON or nesting too deep
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    for key in ("text1", "text2"):
        if key not in record:
            raise InputError(f"no {key!r}")
        if not isinstance(record[key], str) or not record[key].strip():
            raise InputError(f"{key!r} must be a non-empty string")
    for key in ("lang1", "lang2"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"{key!r} must be a language code such as 'en'")
    if record.get("id") is not None and not isinstance(record["id"], str | int):
        raise InputError("'id' must be a string or a number")
    return record
