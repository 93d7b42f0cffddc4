"""Live blogs, round-ups, headlines and undated articles: what the online clustering asks before it lets an
article join, merge or name a story.

* A live blog or a round-up ("The Latest: ...", "Live updates", "as it happened", a Liveticker, a morning
  briefing) reports many happenings in one text. It is told by its headline, its URL and the shape of its
  text (several lines that open with a clock time or an update mark), with the patterns of
  `data/roundups.json`, compiled once. Such an article may join the story it is closest to, but with a
  reduced weight in the story's terms (`member_weight`), it never triggers a merge, and its headline never
  names a story while another member's can.
* A story's title is its most representative original headline: `title_rank` puts an original's headline
  before a reprint's (when the original is in the story) and both before a live blog's; among equals the
  clustering keeps the most central one.
* An undated article keeps no day: the days its own time expressions name were tried as its day (commit
  b62f98e) and split ECB+ stories on the tuning topics (docs/stories.md).

Pure functions; the cost per article is a few searches over its headline, URL and first characters.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from newsgraph.models import PendingArticle
from newsgraph.resources import load_json

ROUNDUP_WEIGHT = 0.25
"""How much of a live blog's or round-up's vector is added to the story it joins (a report's: 1). Its terms spread
over several happenings; at a quarter, ten such texts weigh on a story's profile as two or three reports do, so a
story fed by a running live blog keeps the vocabulary of its own happening."""

ORIGINAL, REPRINT, ROUNDUP = 0, 1, 2
"""Ranks of a headline as a story's title (lower first): an original report's, a reprint's whose original is in
the story, a live blog's or round-up's."""


@dataclass(frozen=True)
class _Patterns:
    title: re.Pattern[str]
    url: re.Pattern[str]
    entry: re.Pattern[str]
    entries: int
    text_chars: int


def _alternation(patterns: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


@cache
def patterns() -> _Patterns:
    """The patterns of data/roundups.json, compiled once per process."""
    data = load_json("roundups.json")
    titles: Mapping[str, Iterable[str]] = data["title_patterns"]
    return _Patterns(
        title=_alternation(p for language in titles.values() for p in language),
        url=_alternation(data["url_patterns"]),
        entry=_alternation(data["entry_patterns"], re.IGNORECASE | re.MULTILINE),
        entries=int(data["entries"]),
        text_chars=int(data["text_chars"]),
    )


def roundup_cue(title: str | None, url: str | None, text: str) -> str | None:
    """What makes the article a live blog or a round-up ('title', 'url' or 'text'), or None for a report."""
    p = patterns()
    if title and p.title.search(title.strip()):
        return "title"
    if url and p.url.search(url):
        return "url"
    if len(p.entry.findall(text[: p.text_chars])) >= p.entries:
        return "text"
    return None


def is_roundup(title: str | None, url: str | None, text: str) -> bool:
    """Whether the article is a live blog or a round-up (`roundup_cue`)."""
    return roundup_cue(title, url, text) is not None


def member_weight(roundup: bool) -> float:
    """The share of an article's vector its story's terms take in: ROUNDUP_WEIGHT for a live blog, else 1."""
    return ROUNDUP_WEIGHT if roundup else 1.0


def weighted(vector: Mapping[str, float], weight: float) -> dict[str, float]:
    """The vector scaled by `weight` (itself, as a new dict, at 1)."""
    return dict(vector) if weight == 1.0 else {t: w * weight for t, w in vector.items()}


def title_rank(roundup: bool, reprint_of: str | None, members: Collection[str]) -> int:
    """ORIGINAL, REPRINT (its original is a member of the story) or ROUNDUP: lower ranks name a story first."""
    if roundup:
        return ROUNDUP
    return REPRINT if reprint_of is not None and reprint_of in members else ORIGINAL


@dataclass
class Marks:
    """What one flush of the clustering has learnt of its articles: which are live blogs or round-ups, and which
    reprint which (for the stories' titles)."""

    roundups: set[str] = field(default_factory=set)
    reprint_of: dict[str, str] = field(default_factory=dict)

    def note(self, article: PendingArticle) -> bool:
        """Notes the article; whether it is a live blog or a round-up."""
        if article.reuse_of:
            self.reprint_of[article.id] = article.reuse_of
        if is_roundup(article.title, article.url, article.text):
            self.roundups.add(article.id)
            return True
        return False

    def weighed(self, article: PendingArticle, vector: Mapping[str, float]) -> dict[str, float]:
        """The article's vector as its story takes it in (`member_weight`), the article noted."""
        return weighted(vector, member_weight(self.note(article)))

    def rank(self, article_id: str, members: Collection[str]) -> int:
        """The article's headline's `title_rank` in a story of these members (an article not noted: ORIGINAL)."""
        return title_rank(article_id in self.roundups, self.reprint_of.get(article_id), members)

    def best(self, titles: Iterable[tuple[str, float]], members: Collection[str]) -> tuple[str, float]:
        """Of (article id, score) titles, the one of the lowest rank in a story of these members, the first on ties."""
        return min(titles, key=lambda title: self.rank(title[0], members))
