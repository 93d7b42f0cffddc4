"""What a story's outlets agree on, what only one reports, where they conflict: facts aligned across articles.

Pure functions over one story's records (its articles, and the quotes and events their analyses stored): no
database. Four kinds of fact are aligned:

- **quotes**: one speaker's statements, matched across articles by the speaker's entity and the overlap of
  their words (translations and paraphrases of one statement are *variants* of one fact, with how far their
  wordings differ); a denial set against the claim it denies makes that claim *conflicting*;
- **events**: same type, same source and target (by entity, else by country); one article's report against
  another's denial is a conflict;
- **quantities**: a number with what it counts ('more than 1,000 containers', '290 kilometers'): the same
  thing counted alike is one fact, counted differently a conflict;
- **dates**: the day each event happened, as the articles date it in their own words.

A fact is `corroborated` when two or more *independent* outlets report it (the copies of one wire dispatch
count once: they are one source), `single_source` otherwise, `conflicting` when articles give the same slot
different values (a number, a date) or one asserts what another denies. Every fact carries its evidence:
article ids and character offsets of the words that support it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from newsgraph.models import Article, Evidence, Fact, Lemmas, Variant
from newsgraph.resources import load_json

STATUSES = ("corroborated", "single_source", "conflicting")
QUOTE_MATCH = 0.34
"""Dice overlap of content words (as lemmas) at which two quotes of one speaker are one statement."""

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
        out.append(StoryArticle(a.id, a.outlet, a.text, unit or a.id, a.published, (lemmas or {}).get(a.id)))
    return out


def plain_words(text: str) -> frozenset[str]:
    """The content words of a text as written, case-folded (spaCy's English stop words and words of one or two
    letters left out): how an article stored without its lemmas is compared."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w for w in (x.casefold() for x in _WORD.findall(text)) if w not in STOP_WORDS and len(w) > 2)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _status(units: set[str], conflict: bool) -> str:
    if conflict:
        return "conflicting"
    return "corroborated" if len(units) >= 2 else "single_source"


def _fact(
    kind: str,
    members: list[tuple[StoryArticle, Variant, Evidence]],
    conflict: bool = False,
    who: str | None = None,
) -> Fact:
    units = {m[0].unit for m in members if m[1].stance == "asserts"} or {m[0].unit for m in members}
    outlets = sorted({m[0].unit for m in members})
    return Fact(
        kind=kind,
        text=members[0][1].text,
        status=_status(units, conflict),
        article_ids=list(dict.fromkeys(m[0].id for m in members)),
        outlets=outlets,
        variants=[m[1] for m in members],
        evidence=[m[2] for m in members],
        who=who,
    )


def align_quotes(articles: Sequence[StoryArticle], quotes: Iterable[Mapping[str, Any]]) -> list[Fact]:
    """One fact per statement: a speaker's quotes (by entity, else by the words that name them) whose words
    overlap across articles; a denial joins the claim it denies and makes it conflicting."""
    by_id = {a.id: a for a in articles}
    order = {aid: i for i, aid in enumerate(by_id)}
    rows = sorted((q for q in quotes if q["article_id"] in by_id), key=lambda q: (order[q["article_id"]], q["idx"]))
    groups: list[list[Mapping[str, Any]]] = []
    words: list[frozenset[str]] = []
    claim_of: dict[tuple[str, int | None], int] = {}
    of_speaker: dict[tuple[str, str], list[int]] = {}  # (speaker, stance) -> its groups: compared only among them
    words_of = {(q["article_id"], q["idx"]): by_id[q["article_id"]].words(q["start"], q["end"], q["text"])
                for q in rows}  # fmt: skip
    for q in rows:
        w = words_of[(q["article_id"], q["idx"])]
        speaker = (q.get("speaker_id") or (q.get("speaker") or "").casefold(), q["stance"])
        best, score = None, QUOTE_MATCH
        for k in of_speaker.get(speaker, []):
            s = dice(w, words[k])
            if s >= score:
                best, score = k, s
        if best is None:
            groups.append([q])
            words.append(w)
            best = len(groups) - 1
            of_speaker.setdefault(speaker, []).append(best)
        else:
            groups[best].append(q)
            words[best] = words[best] | w
        claim_of[(q["article_id"], q["idx"])] = best
    deniers: dict[int, list[Mapping[str, Any]]] = {}  # claim's group -> the denials set against it
    for q in rows:
        if q["stance"] == "denies" and (q["article_id"], q.get("denies")) in claim_of:
            deniers.setdefault(claim_of[(q["article_id"], q["denies"])], []).append(q)
    out = []
    for k, group in enumerate(groups):
        base = words_of[(group[0]["article_id"], group[0]["idx"])]
        members = [
            (
                by_id[q["article_id"]],
                Variant(
                    q["article_id"],
                    by_id[q["article_id"]].outlet,
                    q["text"],
                    q["stance"],
                    round(1 - dice(base, words_of[(q["article_id"], q["idx"])]), 2),
                ),
                Evidence(q["article_id"], q["start"], q["end"]),
            )
            for q in group
        ]
        against = [
            (by_id[q["article_id"]], Variant(q["article_id"], by_id[q["article_id"]].outlet, q["text"], "denies", 1.0),
             Evidence(q["article_id"], q["start"], q["end"]))
            for q in deniers.get(k, [])
        ]  # fmt: skip
        out.append(_fact("quote", members + against, conflict=k in deniers, who=group[0].get("speaker")))
    return out


def _actor(row: Mapping[str, Any], role: str) -> str | None:
    return row.get(f"{role}_id") or row.get(f"{role}_country") or (row.get(role) or "").casefold() or None


@dataclass
class _Mention:
    """One event as one article gives it: all the records of one trigger (a meeting stored both ways, a drill
    paired out among its participants)."""

    article: StoryArticle
    type: str
    actors: set[str]
    rows: list[Mapping[str, Any]]
    countries: set[str] = field(default_factory=set)
    _words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """The content words of its sentence (computed once)."""
        if self._words is None:
            row = self.rows[0]
            self._words = self.article.words(row["start"], row["end"], row["sentence"])
        return self._words


def event_groups(articles: Sequence[StoryArticle], events: Iterable[Mapping[str, Any]]) -> list[list[_Mention]]:
    """The story's events, one group per event: its mentions across articles (one per article) with the same type and
    the same actors (two in common, or all of them), asserted or denied."""
    by_id = {a.id: a for a in articles}
    triggers: dict[tuple[str, int], _Mention] = {}
    for e in events:
        if e["article_id"] not in by_id or _actor(e, "source") is None:
            continue
        key = (e["article_id"], e["trigger_start"])
        m = triggers.setdefault(key, _Mention(by_id[e["article_id"]], e["type"], set(), []))
        m.actors |= {k for k in (_actor(e, "source"), _actor(e, "target")) if k}
        m.countries |= {c for c in (e.get("source_country"), e.get("target_country")) if c}
        m.rows.append(e)
    groups: list[list[_Mention]] = []
    articles_in: list[set[str]] = []  # the articles each group has a report of (one per article)
    naming: dict[tuple[str, str], list[int]] = {}  # (type, actor) -> the groups of the type whose first names it
    run = ("", 0)  # the article whose reports are being read, and the groups made before it
    # reports first, then denials, which join the event they deny (also in the article that reports it)
    for m in sorted(triggers.values(), key=_denied):
        if not _denied(m) and m.article.id != run[0]:
            run = (m.article.id, len(groups))
        # one event names an actor of the other (`_same_event`); a report joins no group of its own article (those
        # made while its article is read are)
        before = len(groups) if _denied(m) else run[1]
        near = sorted({k for actor in m.actors for k in naming.get((m.type, actor), ()) if k < before})
        home = next(
            (k for k in near if (_denied(m) or m.article.id not in articles_in[k]) and _same_event(groups[k][0], m)),
            None,
        )
        if home is None:
            groups.append([m])
            articles_in.append({m.article.id})
            for actor in m.actors:
                naming.setdefault((m.type, actor), []).append(len(groups) - 1)
        else:
            groups[home].append(m)
            articles_in[home].add(m.article.id)
    return groups


def _denied(m: _Mention) -> bool:
    return m.rows[0]["mode"] == "negated"


def _event_name(group: list[_Mention]) -> str:
    first = next((m for m in group if not _denied(m)), group[0]).rows[0]
    return f"{first['type']}: {first.get('source') or '?'} -> {first.get('target') or '?'}"


def align_events(articles: Sequence[StoryArticle], groups: Sequence[list[_Mention]]) -> list[Fact]:
    """One fact per event (`event_groups`): a conflict when one article reports it and another (or the same, giving
    one side's denial) says it did not happen."""
    out = []
    for group in groups:
        base = group[0].words
        members = [
            (m.article, Variant(m.article.id, m.article.outlet, m.rows[0]["sentence"],
                                "denies" if _denied(m) else "asserts",
                                distance=round(1 - dice(base, m.words), 2)),
             Evidence(m.article.id, m.rows[0]["start"], m.rows[0]["end"]))
            for m in group
        ]  # fmt: skip
        denied = any(_denied(m) for m in group) and not all(_denied(m) for m in group)
        out.append(_fact("event", members, denied, who=_event_name(group)))
    return out


def _dates_by_article(times: Iterable[Mapping[str, Any]]) -> dict[str, list[tuple[int, str]]]:
    """(offset, value) of each article's dates (time expressions of type DATE), by article id, in text order."""
    out: dict[str, list[tuple[int, str]]] = {}
    for t in times:
        if t.get("type") == "DATE" and t.get("value"):
            out.setdefault(t["article_id"], []).append((t["start"], t["value"]))
    return {aid: sorted(days) for aid, days in out.items()}


def _time_spans(times: Iterable[Mapping[str, Any]]) -> dict[str, list[tuple[int, int]]]:
    """(start, end) of each article's time expressions, by article id, in text order: their numbers are times, not
    counts ('19 октября', '2023年10月19日': the English month names of `quantities` do not know them)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for t in times:
        out.setdefault(t["article_id"], []).append((t["start"], t["end"]))
    return {aid: sorted(spans) for aid, spans in out.items()}


def _inside(spans: Sequence[tuple[int, int]], at: int) -> bool:
    """Whether an offset is inside one of the (sorted) spans."""
    k = bisect_left(spans, (at + 1,)) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def _days_in(days: Sequence[tuple[int, str]], start: int, end: int) -> list[str]:
    """The values of the dates (`_dates_by_article`: in text order) that start in [start, end)."""
    return [day for _, day in days[bisect_left(days, (start,)) : bisect_left(days, (end,))]]


def align_dates(groups: Sequence[list[_Mention]], times: Iterable[Mapping[str, Any]] | None = None) -> list[Fact]:
    """When each event happened, as its articles date it in their own words: a time expression of the event's
    sentence gives its date (`times`: the articles' time expressions; without them, a date other than the article's
    own publication day counts as said). The same day from independent sources is corroborated, different days a
    conflict. Events no article dates in its words have no date fact."""
    days_in = _dates_by_article(times or ())

    def said_in_words(m: _Mention, day: str) -> bool:
        if times is None:
            return day != m.article.published
        row = m.rows[0]
        return day in _days_in(days_in.get(m.article.id, []), row["start"], row["end"])

    out = []
    for group in groups:
        said = [
            (m, m.rows[0]["date"])
            for m in group
            if not _denied(m)
            and m.rows[0]["date"]
            and len(m.rows[0]["date"]) == 10
            and said_in_words(m, m.rows[0]["date"])
        ]
        if not said:
            continue
        first = said[0][1]
        members = [
            (m.article, Variant(m.article.id, m.article.outlet, f"{day}: {m.rows[0]['sentence']}",
                                distance=0.0 if day == first else 1.0),
             Evidence(m.article.id, m.rows[0]["start"], m.rows[0]["end"]))
            for m, day in said
        ]  # fmt: skip
        conflict = len({d for _, d in said}) > 1 and len({m.article.unit for m, _ in said}) > 1
        out.append(replace(_fact("date", members, conflict), text=f"{_event_name(group)} on {first}"))
    return out


EVENT_CONTEXT = 0.25
"""Dice overlap of two sentences at which mentions sharing one actor between the same two countries are one event."""


def _same_event(a: _Mention, b: _Mention) -> bool:
    """Two mentions of one type are one event when they name the same actors (all, or two in common), or one actor
    in common between the same two countries in sentences that share their words ('Lavrov's visit to Pyongyang,
    Kim Jong Un declared ...', 'Kim Jong Un said ... as he met Lavrov')."""
    common = len(a.actors & b.actors)
    if a.actors == b.actors or common >= 2:
        return True
    if common < 1 or len(a.countries) != 2 or a.countries != b.countries:
        return False
    return dice(a.words, b.words) >= EVENT_CONTEXT


def _lexicon() -> Mapping[str, Any]:
    """The comparison's word lists (package data `compare.json`)."""
    words: Mapping[str, Any] = load_json("compare.json")
    return words


@cache
def _number_pattern() -> re.Pattern[str]:
    """A number, with what qualifies it before ('more than', 'minus') and its scale and unit word after."""
    words = _lexicon()
    qualifiers = "|".join(re.escape(q) for q in words["qualifiers"])
    signs = "|".join(re.escape(s) for s in words["negative_signs"])
    scales = "|".join(re.escape(s) for s in words["scale"])
    return re.compile(
        rf"(?<![\w-])(?P<qual>(?:{qualifiers})\s+)?"
        rf"(?P<sign>(?:{signs})\s+|[-\u2212](?=\d))?"
        rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?P<scale>{scales}))?"
        r"\s+(?P<unit>[^\W\d_][\w-]*(?:\s+of\s+[^\W\d_][\w-]*)?)",
        re.IGNORECASE | re.UNICODE,
    )


def quantities(text: str, unit_of: Callable[[int, str], str] | None = None) -> list[tuple[int, int, float, str, str]]:
    """Numbers with what they count: (start, end, value, unit, words) — '1,000 containers', '290 kilometers'. The
    unit is the lemma of the word after the number (`unit_of(offset, word)`; the word case-folded without it), in one
    form for the words of one unit ('km', 'kilometers', 'kilometres': 'kilometre'). Years, clock times and dates are
    left out."""
    words = _lexicon()
    not_units, months, forms = frozenset(words["not_units"]), frozenset(words["months"]), words["unit_forms"]
    out = []
    for m in _number_pattern().finditer(text):
        raw = m.group("num").replace(",", "")
        unit = m.group("unit").split()[0].casefold()
        year = len(raw) == 4 and raw.startswith(("19", "20")) and "," not in m.group("num")
        converted = text[max(0, m.start() - 1) : m.start()] == "("  # '100 kilometers (62 miles)': said once
        if unit in not_units or unit in months or year or converted:
            continue
        value = float(raw) * words["scale"].get((m.group("scale") or "").casefold(), 1) * (-1 if m.group("sign") else 1)
        if not math.isfinite(value):  # a number of hundreds of digits: not a count anyone reports
            continue
        lemma = unit_of(m.start("unit"), unit) if unit_of is not None else unit
        out.append((m.start(), m.end(), value, forms.get(lemma, lemma), " ".join(m.group(0).split())))
    return out


QUANTITY_CONTEXT = 0.3
"""Dice overlap of the words around two numbers of the same unit at which they count the same thing."""
ANCHORS = 8
"""A number is compared with the first this many of a fact's numbers (a fact's cost stays linear in its size)."""
SAME_NUMBER_CONTEXT = {True: 0.05, False: 0.1}
"""The same for an equal number (10 or more, or with decimals) of the same unit word (True) or another (False): a
story giving '38 buildings' twice, or 'a 5.9 quake' and 'a 5.9 tremor', speaks of one thing."""


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) around a span."""
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    hi = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo, hi + 1 if text[hi : hi + 1] == "." else hi  # the full stop with its sentence


@dataclass(frozen=True)
class _Number:
    """A number with what it counts, in its sentence."""

    article: StoryArticle
    start: int
    end: int
    value: float
    unit: str
    words: str
    context: frozenset[str]
    """the content words of its sentence (what it counts: '1,000 containers of military equipment ...')"""
    sentence: tuple[int, int]
    days: frozenset[str]
    """the dates its sentence names ('on Thursday' -> 2025-10-30, 'by the weekend' -> 2025-W44-WE): the same count
    at another time may differ"""


def _numbers(
    article: StoryArticle, days_at: Sequence[tuple[int, str]], time_spans: Sequence[tuple[int, int]] = ()
) -> list[_Number]:
    out = []
    for start, end, value, unit, words in quantities(article.text, article.lemma_at):
        if _inside(time_spans, start):
            continue
        lo, hi = _sentence(article.text, start, end)
        days = frozenset(_days_in(days_at, lo, hi))
        out.append(_Number(article, start, end, value, unit, words, article.words(lo, hi), (lo, hi), days))
    return out


def align_quantities(articles: Sequence[StoryArticle], times: Iterable[Mapping[str, Any]] = ()) -> list[Fact]:
    """One fact per thing counted: numbers of the same unit word in sentences that share their words (QUANTITY_CONTEXT;
    an equal number needs less in common, and may count in another word: SAME_NUMBER_CONTEXT). The same number from
    independent outlets is corroborated; different numbers of one unit word for it are a conflict when their sentences
    name a date in common, or none (`times`: the articles' time expressions; a level of 52 cm on Thursday and of 49 cm
    on Friday, or a forecast of minus 10 degrees by the weekend and minus 9 overnight, are two facts)."""
    times = list(times)
    days_at, spans = _dates_by_article(times), _time_spans(times)
    hits = [n for a in articles for n in _numbers(a, days_at.get(a.id, []), spans.get(a.id, []))]
    groups: list[list[_Number]] = []
    of_unit: dict[str, list[int]] = {}  # compared with numbers of the same unit word, or else of the same value
    of_value: dict[float, list[int]] = {}

    def fits(k: int, hit: _Number, same_unit: bool) -> bool:
        group = groups[k]
        if hit.article.id in {x.article.id for x in group}:
            return False
        overlap = max(dice(x.context, hit.context) for x in group[:ANCHORS])
        if hit.value not in {x.value for x in group}:
            # a count at another time may differ: the sentences name a date in common, or both none
            same_time = all(x.days & hit.days or not (x.days or hit.days) for x in group)
            return same_unit and same_time and overlap >= QUANTITY_CONTEXT
        rare = not hit.value.is_integer() or abs(hit.value) >= 10  # not one of the small counts any story has many of
        return overlap >= (SAME_NUMBER_CONTEXT[same_unit] if rare else QUANTITY_CONTEXT)

    made_before: dict[str, int] = {}  # article -> how many groups there were before its numbers (those after: its own)
    for hit in hits:
        before = made_before.setdefault(hit.article.id, len(groups))
        same_unit, same_value = of_unit.get(hit.unit, []), of_value.get(hit.value, [])
        home = next((k for k in same_unit[: bisect_left(same_unit, before)] if fits(k, hit, True)), None)
        if home is None:
            home = next((k for k in same_value[: bisect_left(same_value, before)] if fits(k, hit, False)), None)
        if home is None:
            groups.append([hit])
            of_unit.setdefault(hit.unit, []).append(len(groups) - 1)
            of_value.setdefault(hit.value, []).append(len(groups) - 1)
        else:
            groups[home].append(hit)
    out = []
    for group in groups:
        first = group[0].value
        members = [
            (n.article, Variant(n.article.id, n.article.outlet, n.words, distance=0.0 if n.value == first else 1.0),
             Evidence(n.article.id, *n.sentence))
            for n in group
        ]  # fmt: skip
        values = {(n.unit, n.value) for n in group}  # of one unit word: another is not a different count
        differ = any(len({v for u, v in values if u == unit}) > 1 for unit in {u for u, _ in values})
        out.append(_fact("quantity", members, conflict=differ and len({n.article.unit for n in group}) > 1))
    return out


def align(
    articles: Sequence[StoryArticle],
    quotes: Iterable[Mapping[str, Any]],
    events: Iterable[Mapping[str, Any]],
    times: Iterable[Mapping[str, Any]] | None = None,
) -> list[Fact]:
    """Every aligned fact of a story: conflicts first, then what independent outlets agree on, then what only one
    reports; within each, the most reported first. `times`: the articles' time expressions (None: not known)."""
    groups = event_groups(articles, events)
    known = None if times is None else list(times)
    facts = align_quotes(articles, quotes) + align_events(articles, groups) + align_dates(groups, known)
    facts += align_quantities(articles, known or ())
    order = {s: i for i, s in enumerate(("conflicting", "corroborated", "single_source"))}
    return sorted(facts, key=lambda f: (order[f.status], -len(f.outlets), f.kind, f.text))
