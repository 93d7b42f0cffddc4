"""A long article (issue 21) is read in pieces of `Options.chunk_chars`, its offsets into the whole text, and what it
costs grows linearly with its length: the model reads a bounded number of characters at a time (`BATCH_CHARS`), and
nothing over the whole article scans all its mentions, quotes or events for each of them.

The articles are the demo corpus' invented texts, one after another (package data: no shared data needed). The bounds
are generous (a loaded machine of two cores passes them); the code before issue 21 failed each by far: the peak of
the 12-piece article was 11x its control's (all its pieces in one batch of the model), the time of 300 copies of an
article 98x that of 20 copies (scans of all mentions, places and quotes per mention, quote and trigger).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

from newsgraph import Article, analyze
from newsgraph.analyze import AnalysisContext, pipeline
from newsgraph.analyze.pipeline import pieces
from newsgraph.demo import demo_folder
from newsgraph.models import Analysis
from newsgraph.options import Options

CHUNK = 2_000
PUBLISHED = "2023-10-20"


def demo_texts() -> list[str]:
    return [p.read_text(encoding="utf-8").strip() for p in sorted(demo_folder().glob("*.txt"))]


def long_text(chars: int) -> str:
    """`chars` characters of the demo's articles, one after another (again from the first when they run out)."""
    parts: list[str] = []
    while sum(len(p) + 2 for p in parts) < chars:
        parts += demo_texts()
    return "\n\n".join(parts)[:chars].rstrip()


def peak_of(article: Article, context: AnalysisContext) -> tuple[Analysis, int]:
    """The analysis of one article, and the most memory (tracemalloc: Python's and numpy's) it held at once."""
    tracemalloc.start()
    try:
        (analysis,) = analyze([article], context)
        return analysis, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def context() -> AnalysisContext:
    return AnalysisContext.create(Options(chunk_chars=CHUNK))


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_the_model_reads_a_long_article_a_batch_at_a_time(
    context: AnalysisContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two pieces per batch of the model: an article of 12 pieces costs the memory of two (and what its analysis
    keeps), and is read as its pieces are."""
    monkeypatch.setattr(pipeline, "BATCH_CHARS", 2 * CHUNK)
    analyze([Article("warm-up", long_text(3 * CHUNK))], context)
    _, control = peak_of(Article("short", long_text(2 * CHUNK)), context)
    text = long_text(24 * CHUNK)
    whole, peak = peak_of(Article("long", text, published=PUBLISHED), context)
    assert len(pieces(text, CHUNK)) >= 12
    assert peak < 2.5 * control, (peak, control)  # before: 11x (all its pieces in one batch)
    assert_read_as_its_pieces(text, whole, context)


def assert_read_as_its_pieces(text: str, whole: Analysis, context: AnalysisContext) -> None:
    """The quotes of the whole's last pieces are those of each piece read alone, at the piece's offset; events and
    quotes are found in its last part; every offset is into the whole text."""
    parts = pieces(text, CHUNK)[-4:]
    alone = analyze([Article(f"p{i}", piece, published=PUBLISHED) for i, (_, piece) in enumerate(parts)], context)
    shifted = {
        (q.start + at, q.end + at, (q.cue_start or 0) + at)
        for (at, _), a in zip(parts, alone, strict=True)
        for q in a.quotes
    }
    late = {(q.start, q.end, q.cue_start or 0) for q in whole.quotes if q.start >= parts[0][0]}
    assert late == shifted and len(late) > 3
    assert any(e.trigger_start >= parts[0][0] for e in whole.events)
    assert all(text[q.start : q.end] == q.text for q in whole.quotes)
    assert all(text[e.trigger_start : e.trigger_end] == e.trigger for e in whole.events)
    assert all(text[m.start : m.end] == m.text for m in whole.mentions)
    assert parts[-1][0] <= whole.sentences[-1].start < whole.sentences[-1].end <= len(text)


class Memo:
    """The model, each distinct text parsed once (what is timed below is newsgraph's own work, not the model's)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.docs: dict[str, Any] = {}

    @property
    def meta(self) -> Any:
        return self.nlp.meta

    def pipe(self, texts: list[str], **_: Any) -> Iterator[Any]:
        for text in texts:
            if text not in self.docs:
                self.docs[text] = self.nlp(text)
            yield self.docs[text]


ARTICLE_WIDE = (
    (pipeline, "resolve"),
    (pipeline, "find_places"),
    (pipeline, "_claimed_by_places"),
    (pipeline.quotes, "resolve"),
    (pipeline.events, "resolve"),
)
"""The stages that read the whole article at once (actors, places, speakers, events' participants)."""


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_the_article_wide_stages_take_time_in_proportion_to_the_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article of 300 copies of one (its people, places, quotes and events 300 times over) takes the article-wide
    stages at most 2.5 times 15x the time of 20 copies (15x: in proportion; before, each stage scanning all the
    article's mentions, quotes or places for each of them: 86x)."""
    memo = Memo(pipeline.english())
    monkeypatch.setattr(pipeline, "english", lambda: memo)
    block = next(t for t in demo_texts() if "Hamburg" in t and "strike" in t) + "\n\n"
    context = AnalysisContext.create(Options(chunk_chars=len(block) + 10))  # each piece is one copy
    spent = [0.0]
    for owner, name in ARTICLE_WIDE:
        monkeypatch.setattr(owner, name, timed(getattr(owner, name), spent))

    def seconds(copies: int) -> float:
        spent[0] = 0.0
        (analysis,) = analyze([Article("copies", block * copies, published=PUBLISHED)], context)
        assert len(analysis.events) >= copies and len(analysis.quotes) >= copies
        return spent[0]

    control = min(seconds(20) for _ in range(3))
    assert len(memo.docs) == 1
    assert seconds(300) < 2.5 * 15 * control, control


def timed(stage: Any, spent: list[float]) -> Any:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return stage(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    return run
