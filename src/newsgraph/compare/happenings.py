"""What several articles report in other words: a story's statements aligned by meaning, then checked slot by slot.

A *statement* is a sentence of an article that says what happened: the first sentences of its text, where news says
it (a happening all of whose wordings are quotations of one quote fact is that quote: `facts.align`).
Statements are compared by meaning with the bundled multilingual sentence encoder (`analyze.embedding`: so
'arrested', 'taken into custody' and 'detained', or a report in another language, meet), in the articles'
publication order: each article's statements join the happenings earlier articles gave, at most one statement of an
article to a happening (the best pairs first), when their meaning is close to the happening's (`JOIN`, a cosine to
the mean of its statements) **and** their slots do not disagree (`check`):

- who: the speaker of a quotation in both, the source and target of an event of one type in both (the direction
  matters: 'Putin accused Ukraine' is not 'Ukraine accused Russia');
- what and when, values: a number counting the same thing (its unit word), the day a date names, whether the event
  happened (an event denied in one, reported in the other).

Disagreeing on who, or on the day, means two statements (a follow-up: a strike's second day is not its first);
disagreeing on a value (a number, whether it happened) between two independent sources, in statements whose meaning
is closer still (`CONFLICT`), means a conflict: both sides are explicit about that slot. A fact's confidence comes
from how close its statements are to each other and the slots that agreed (`confidence`). A happening two or more
articles report is a fact of kind `happening`.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from newsgraph.analyze.embedding import EncoderSpec, embed_texts
from newsgraph.compare.quantities import quantities
from newsgraph.compare.records import StoryArticle
from newsgraph.models import Evidence, Variant

JOIN = 0.62
"""Cosine of a statement to the mean of a happening's statements at which it reports that happening."""
CONFLICT = 0.72
"""The closer meaning at which two statements that differ on a value (a number, a day, whether it happened) are one
happening told two ways: a conflict between their sources."""
MOST = 8
"""Statements of one article: its first this many sentences (news says what happened first; on ECB+'s tuning topics
the first 8 did better than the first 4, 6 or 12, and than the first 6 with later sentences holding an event or a
number)."""
QUOTED = 0.5
"""Share of a sentence a quotation takes for its speaker to be a slot of the statement (`_said`)."""
MIN_WORDS = 5
"""Words a sentence needs to be a statement ('Read more.', a dateline, a caption credit are not)."""
CHARS = 400
"""Characters of a statement the encoder reads."""
ANCHORS = 8
"""A statement's slots are checked against the first this many statements of a happening."""
SURE = 0.7
"""Mean cosine between a happening's statements at which its confidence is 0.8."""
SURE_SAMPLE = 64
"""Statements of a happening its confidence is estimated from."""
MERGE = 0.8
"""Cosine of two happenings' mean meanings at which they are one (`_merged`)."""
ALSO = 0.75
"""Cosine to a happening at which further statements of an article that reports it are more of its evidence (an
article says what happened in its lead and again further on)."""

_BREAK = re.compile(r"[.!?。！？]+[\"'”’»)\]]*\s+|\n\s*")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,2}|(?:[A-Za-z]\.)+[A-Za-z]?|[a-z]{1,3})\.$")
_WORDS = re.compile(r"\w+", re.UNICODE)
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True)
class EventSlot:
    """An event of a statement as its record gives it: type, who (by entity, else country, else words), and whether
    it is denied."""

    type: str
    source: str | None
    target: str | None
    source_country: str | None
    target_country: str | None
    negated: bool


@dataclass
class Statement:
    """A sentence of an article that says what happened, with its slots."""

    article: StoryArticle
    start: int
    end: int
    text: str
    events: list[EventSlot] = field(default_factory=list)
    speakers: frozenset[str] = frozenset()
    numbers: dict[str, frozenset[float]] = field(default_factory=dict)
    days: frozenset[str] = frozenset()
    vector: np.ndarray | None = None
    part: str = "text"
    """'title' for the article's headline (offsets into it), else 'text'"""


@dataclass
class Verdict:
    """What checking two statements' slots found: None when they disagree on who (two statements)."""

    agreed: set[str] = field(default_factory=set)
    conflicts: set[str] = field(default_factory=set)


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of a text's sentences: a break after a full stop, question or exclamation mark (not after an
    abbreviation: 'Mr.', 'U.S.'), or at a line end."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        if m.group(0)[0] == "." and _ABBREVIATION.search(text, max(0, m.start() - 12), m.start() + 1):
            continue
        nxt = text[m.end() : m.end() + 1]
        if m.group(0)[0] in ".!?" and "\n" not in m.group(0) and nxt.islower():
            continue
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def _key(row: Mapping[str, Any], role: str) -> str | None:
    return row.get(f"{role}_id") or row.get(f"{role}_country") or (row.get(role) or "").casefold() or None


def statements(
    article: StoryArticle,
    quotes: Iterable[Mapping[str, Any]],
    events: Iterable[Mapping[str, Any]],
    times: Iterable[Mapping[str, Any]],
) -> list[Statement]:
    """An article's statements (its first MOST sentences of MIN_WORDS words or more) with their slots; `quotes`,
    `events` and `times`: the article's own records."""
    quotes, events = list(quotes), list(events)
    days = [(t["start"], t["value"]) for t in times if t.get("type") == "DATE" and _DAY.fullmatch(t.get("value") or "")]
    out: list[Statement] = []
    title = " ".join((article.title or "").split())
    repeated = " ".join(article.text[: len(title) * 2].split()).startswith(title)  # a text that opens with it
    if len(_WORDS.findall(title)) >= MIN_WORDS and not repeated:
        out.append(Statement(article, 0, len(article.title or ""), title, numbers=_numbers(title), part="title"))
    for start, end in sentences(article.text):
        text = article.text[start:end]
        if len(_WORDS.findall(text)) < MIN_WORDS:
            continue
        own = [e for e in events if start <= e["trigger_start"] < end]
        out.append(
            Statement(
                article,
                start,
                end,
                " ".join(text.split()),
                [_event_slot(e) for e in own],
                frozenset(
                    q.get("speaker_id") or (q.get("speaker") or "").casefold()
                    for q in quotes
                    if q.get("speaker") and start <= q["start"] < end and _said(q, start, end)
                ),
                _numbers(text),
                frozenset(day for at, day in days if start <= at < end),
            )
        )
        if len(out) >= MOST:
            break
    return out


def _said(quote: Mapping[str, Any], start: int, end: int) -> bool:
    """Whether a quotation is what its sentence says (half of it or more): then its speaker is who the statement is
    from. A sentence that reports a happening and names its source ('police said he was arrested') is about the
    happening, whoever the source: two outlets citing two sources report one arrest."""
    return min(end, quote["end"]) - max(start, quote["start"]) >= QUOTED * (end - start)


def _numbers(text: str) -> dict[str, frozenset[float]]:
    """The numbers of a statement by the unit word they count."""
    numbers: dict[str, set[float]] = {}
    for _, _, value, unit, _ in quantities(text):
        numbers.setdefault(unit, set()).add(value)
    return {unit: frozenset(values) for unit, values in numbers.items()}


def _event_slot(row: Mapping[str, Any]) -> EventSlot:
    return EventSlot(
        row["type"],
        _key(row, "source"),
        _key(row, "target"),
        row.get("source_country"),
        row.get("target_country"),
        row.get("mode") == "negated",
    )


def _same(a: str | None, b: str | None, a_country: str | None, b_country: str | None) -> bool | None:
    """Whether two actors are one (by key, else by country); None when either is not given."""
    if not a or not b:
        return None
    return a == b or (a_country is not None and a_country == b_country)


def check(a: Statement, b: Statement) -> Verdict | None:
    """Compare two statements' slots: None when they disagree on who (a quotation's speaker; an event's source or
    target, or its direction), else the slots they agree on and those whose values differ."""
    verdict = Verdict()
    if a.speakers and b.speakers:
        if not a.speakers & b.speakers:
            return None
        verdict.agreed.add("speaker")
    for x in a.events:
        for y in b.events:
            if x.type != y.type:
                continue
            source = _same(x.source, y.source, x.source_country, y.source_country)
            target = _same(x.target, y.target, x.target_country, y.target_country)
            crossed = _same(x.source, y.target, x.source_country, y.target_country)
            if source is False and (crossed or target is not False):
                return None  # another actor did it, or the other way round
            if source and target is not False:
                verdict.agreed.add("actors")
                if x.negated != y.negated:
                    verdict.conflicts.add("denial")
    for unit in a.numbers.keys() & b.numbers.keys():
        (verdict.agreed if a.numbers[unit] & b.numbers[unit] else verdict.conflicts).add("number")
    if a.days and b.days:
        (verdict.agreed if a.days & b.days else verdict.conflicts).add("date")
    return verdict


@dataclass
class Happening:
    """Statements of several articles that report one happening."""

    members: list[Statement]
    total: np.ndarray
    similarity: list[float]
    agreed: set[str] = field(default_factory=set)
    conflicts: set[str] = field(default_factory=set)
    """slots on which statements of two independent sources differ"""
    extra: list[Statement] = field(default_factory=list)
    """further statements of its articles that say it again (evidence; they do not move its meaning)"""

    @property
    def articles(self) -> set[str]:
        return {m.article.id for m in self.members}


_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
CACHE_SIZE = 20_000
"""Statements whose vectors a process keeps (about 40 MB): a story compared again encodes only its new articles."""


def encode(texts: Sequence[str], encoder: EncoderSpec | None = None) -> list[np.ndarray]:
    """Unit vectors of statements, each encoded once per process (the last CACHE_SIZE kept), by the encoder of the
    analysis (its threads), each cut to CHARS."""
    spec = replace(encoder or EncoderSpec(), chars=CHARS)
    todo = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if todo:
        for text, row in zip(todo, embed_texts(todo, spec), strict=True):
            _CACHE[text] = row
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    out = []
    for t in texts:
        _CACHE.move_to_end(t)
        out.append(_CACHE[t])
    return out


def align(articles: Sequence[StoryArticle], found: Mapping[str, list[Statement]]) -> list[Happening]:
    """The happenings of a story's statements (`found`: by article id; their vectors set), articles in order."""
    groups: list[Happening] = []
    for article in articles:
        own = [s for s in found.get(article.id, []) if s.vector is not None]
        if not own:
            continue
        taken: set[int] = set()
        if groups:
            means = np.stack([g.total / max(float(np.linalg.norm(g.total)), 1e-9) for g in groups])
            sims = np.stack([s.vector for s in own]) @ means.T  # type: ignore[misc]
            pairs = sorted(((float(sims[i, k]), i, k) for i, k in zip(*np.nonzero(sims >= JOIN), strict=True)),
                           reverse=True)  # fmt: skip
            joined: set[int] = set()
            for sim, i, k in pairs:
                if i in taken or k in joined or article.id in groups[k].articles:
                    continue
                verdict = _verdict(own[i], groups[k], sim)
                if verdict is None:
                    continue
                _join(groups[k], own[i], sim, verdict)
                taken.add(i)
                joined.add(k)
            for sim, i, k in pairs:  # more of the article's statements of a happening it joined: evidence only
                if i not in taken and k in joined and sim >= ALSO and _verdict(own[i], groups[k], sim) is not None:
                    groups[k].extra.append(own[i])
                    taken.add(i)
        for i, s in enumerate(own):
            if i not in taken:
                groups.append(Happening([s], s.vector.copy(), [1.0]))  # type: ignore[union-attr]
    return [g for g in _merged([g for g in groups if len(g.articles) >= 2]) if len(_units(g)) >= 2]


def _units(group: Happening) -> set[str]:
    """The independent sources of a happening's statements (the copies of one dispatch are one: a happening only
    they report is that dispatch's sentence, not what several sources report)."""
    return {m.article.unit for m in group.members}


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)


def _merged(groups: list[Happening]) -> list[Happening]:
    """Happenings of close meaning (`MERGE`) whose statements' slots agree are one: what one article said twice
    started a second happening that later articles joined."""
    if len(groups) < 2 or MERGE > 1:
        return groups
    means = np.stack([_unit(g.total) for g in groups])
    sims = means @ means.T
    alive = list(range(len(groups)))
    for k, j in sorted(zip(*np.nonzero(np.triu(sims >= MERGE, 1)), strict=True), key=lambda kj: -sims[kj]):
        a, b = groups[alive[k]], groups[alive[j]]
        if a is b or any(_verdict(s, a, float(sims[k, j])) is None for s in b.members[:ANCHORS]):
            continue
        for s in b.members:
            if s.article.id in a.articles:
                a.extra.append(s)
            else:
                _join(a, s, float(s.vector @ _unit(a.total)), Verdict())
        a.extra += [s for s in b.extra if s.article.id in a.articles]
        a.agreed |= b.agreed
        a.conflicts |= b.conflicts
        alive = [alive[k] if x == alive[j] else x for x in alive]
    return list({id(groups[x]): groups[x] for x in alive}.values())


def _verdict(s: Statement, group: Happening, sim: float) -> Verdict | None:
    """The statement's slots against the happening's first statements: None when one disagrees on who, or names
    another day (a follow-up: the strike's second day is not its first), or on a value at a meaning not close enough
    to be one happening told two ways; a value that differs at a closer meaning is a conflict, between two sources."""
    out = Verdict()
    for m in group.members[:ANCHORS]:
        found = check(s, m)
        if found is None or "date" in found.conflicts or (found.conflicts and sim < CONFLICT):
            return None
        out.agreed |= found.agreed
        if m.article.unit != s.article.unit:
            out.conflicts |= found.conflicts
    return out


def _join(group: Happening, s: Statement, sim: float, verdict: Verdict) -> None:
    group.members.append(s)
    group.total = group.total + s.vector
    group.similarity.append(sim)
    group.agreed |= verdict.agreed
    group.conflicts |= verdict.conflicts


def confidence(group: Happening) -> float:
    """How close its wordings are: from the mean cosine between its statements, two by two (the first SURE_SAMPLE):
    0.5 at the joining cosine (JOIN), 0.8 at SURE, 1 a little beyond; 0.05 more for each slot beyond meaning that
    agreed. Not how often such a fact is right: on ECB+'s report topics the facts of 0.8 or more were no more precise
    than the others (docs/benchmarks.md, "Facts that hold")."""
    vectors = [m.vector for m in group.members[:SURE_SAMPLE] if m.vector is not None]
    if len(vectors) < 2:
        return 1.0
    sims = np.stack(vectors) @ np.stack(vectors).T
    n = len(vectors)
    mean = (float(sims.sum()) - float(np.trace(sims))) / (n * (n - 1))
    sure = 0.5 + 0.3 * (mean - JOIN) / (SURE - JOIN) + 0.05 * len(group.agreed - group.conflicts)
    return round(min(1.0, max(0.0, sure)), 2)


def variants(group: Happening) -> list[tuple[StoryArticle, Variant, Evidence]]:
    """Each statement as the fact's wording, how far its meaning is from the first, and where it is."""
    first = group.members[0].vector
    out = []
    order = {m.article.id: k for k, m in enumerate(group.members)}
    for s in sorted(group.members + group.extra, key=lambda s: (order[s.article.id], s.start)):
        distance = 0.0 if first is None or s.vector is None else round(max(0.0, 1.0 - float(first @ s.vector)), 2)
        stance = "denies" if s.events and all(e.negated for e in s.events) else "asserts"
        out.append((s.article, Variant(s.article.id, s.article.outlet, s.text, stance, distance),
                    Evidence(s.article.id, s.start, s.end, s.part)))  # fmt: skip
    return out
