"""A story's articles as comparison sees them, and what every kind of fact is built from.

`sources` gives each article its independent source (the copies of one dispatch are one source; an article without
an outlet is an 'unknown outlet', named so, never by its id). `fact` makes a fact from its wordings with the status
they earn: `conflicting` when two independent sources give one slot different values or one denies what the other
reports, `corroborated` when two or more independent sources report it, `single_source` when the story has another
independent source that is silent on it, and `uncompared` when the story has no other source to compare it with.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.models import UNKNOWN_OUTLET, Article, Evidence, Fact, Lemmas, Variant

STATUSES = ("corroborated", "single_source", "conflicting", "uncompared")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class StoryArticle:
    """An article as comparison sees it: who published it, and the dispatch it copies (reprints count once)."""

    id: str
    outlet: str | None
    text: str
    unit: str
    """The independent source it belongs to: the wire agency of the dispatch it copies, else its outlet, else
    its own id."""
    published: str | None = None
    lemmas: Lemmas | None = None
    """Its content words as analysis lemmatized them (None for an article stored by a newsgraph before 0.1's schema
    7: its words are then compared as written)."""
    source: str | None = None
    """That source by name (`source_name`), when it is not the article's own outlet: the outlet of the text it
    copies."""
    title: str | None = None
    """Its headline (what happened, in the fewest words)."""

    @property
    def source_name(self) -> str:
        """Its independent source by name: the outlet of the text it copies or its own, else 'unknown outlet' (never
        an id)."""
        return self.source or self.outlet or UNKNOWN_OUTLET

    def words(self, start: int, end: int, written: str | None = None) -> frozenset[str]:
        """The content words of text[start:end], as lemmas ('wanted', 'wants' -> 'want'); without lemmas, the words
        as written of `written` (the record's own copy of those words), else of text[start:end]."""
        if self.lemmas is not None:
            return self.lemmas.within(start, end)
        return plain_words(self.text[start:end] if written is None else written)

    def lemma_at(self, start: int, word: str) -> str:
        """The lemma of the word that starts at `start` ('containers' -> 'container'); as written when none is
        known."""
        found = self.lemmas.at(start) if self.lemmas is not None else None
        return found or word.casefold()


def sources(
    articles: Sequence[Article],
    reuse: Mapping[str, tuple[str | None, float | None]],
    outlet_of: Mapping[str, str | None] | None = None,
    lemmas: Mapping[str, Lemmas] | None = None,
) -> list[StoryArticle]:
    """The story's articles with their independent source: a reprint belongs to the text it copies (credited to
    the same wire agency or not), any other article to its outlet. `outlet_of` gives the outlets of copied texts
    outside the story (else such a text is a source of its own, named by its id); `lemmas`, their content words."""
    outlets = dict(outlet_of or {}) | {a.id: a.outlet for a in articles}
    out = []
    for a in articles:
        root = reuse.get(a.id, (None, None))[0]
        unit = (outlets.get(root) or root) if root else a.outlet
        name = outlets.get(root) if root else None
        found = (lemmas or {}).get(a.id)
        out.append(StoryArticle(a.id, a.outlet, a.text, unit or a.id, a.published, found, name, a.title))
    return out


def plain_words(text: str) -> frozenset[str]:
    """The content words of a text as written, case-folded (spaCy's English stop words and words of one or two
    letters left out): how an article stored without its lemmas is compared."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w for w in (x.casefold() for x in _WORD.findall(text)) if w not in STOP_WORDS and len(w) > 2)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def dates_by_article(times: Iterable[Mapping[str, Any]]) -> dict[str, list[tuple[int, str]]]:
    """(offset, value) of each article's dates (time expressions of type DATE), by article id, in text order."""
    out: dict[str, list[tuple[int, str]]] = {}
    for t in times:
        if t.get("type") == "DATE" and t.get("value"):
            out.setdefault(t["article_id"], []).append((t["start"], t["value"]))
    return {aid: sorted(days) for aid, days in out.items()}


def time_spans(times: Iterable[Mapping[str, Any]]) -> dict[str, list[tuple[int, int]]]:
    """(start, end) of each article's time expressions, by article id, in text order: their numbers are times, not
    counts ('19 октября', '2023年10月19日': the English month names of `quantities` do not know them)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for t in times:
        out.setdefault(t["article_id"], []).append((t["start"], t["end"]))
    return {aid: sorted(spans) for aid, spans in out.items()}


def inside(spans: Sequence[tuple[int, int]], at: int) -> bool:
    """Whether an offset is inside one of the (sorted) spans."""
    k = bisect_left(spans, (at + 1,)) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def days_in(days: Sequence[tuple[int, str]], start: int, end: int) -> list[str]:
    """The values of the dates (`dates_by_article`: in text order) that start in [start, end)."""
    return [day for _, day in days[bisect_left(days, (start,)) : bisect_left(days, (end,))]]


Member = tuple[StoryArticle, Variant, Evidence]


def status(units: set[str], conflict: bool, story_units: int) -> str:
    """A fact's status from the independent sources that report it, whether two of them disagree, and how many the
    story has."""
    if conflict:
        return "conflicting"
    if len(units) >= 2:
        return "corroborated"
    return "single_source" if story_units >= 2 else "uncompared"


def fact(
    kind: str,
    members: Sequence[Member],
    conflict: bool = False,
    who: str | None = None,
    confidence: float = 1.0,
    agreed: Iterable[str] = (),
    story_units: int = 2,
) -> Fact:
    """A fact from its wordings (the first gives its text); `conflict`: two independent sources disagree on it."""
    units = {m[0].unit for m in members if m[1].stance == "asserts"} or {m[0].unit for m in members}
    return Fact(
        kind=kind,
        text=members[0][1].text,
        status=status(units, conflict, story_units),
        article_ids=list(dict.fromkeys(m[0].id for m in members)),
        outlets=sorted({m[0].source_name for m in members}),
        variants=[m[1] for m in members],
        evidence=[m[2] for m in members],
        who=who,
        confidence=round(confidence, 2),
        agreed=sorted(set(agreed)),
    )


def split_sources(members: Sequence[tuple[StoryArticle, Any]]) -> bool:
    """Whether the members come from two or more independent sources."""
    return len({m[0].unit for m in members}) >= 2
