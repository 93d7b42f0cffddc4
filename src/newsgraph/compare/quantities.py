"""Numbers with what they count, and the facts they make: the same thing counted alike by several articles, or
differently (a conflict between their sources)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsgraph.compare.records import StoryArticle, dates_by_article, days_in, dice, fact, inside, time_spans
from newsgraph.models import Evidence, Fact, Variant
from newsgraph.resources import load_json


def lexicon() -> Mapping[str, Any]:
    """The comparison's word lists (package data `compare.json`)."""
    words: Mapping[str, Any] = load_json("compare.json")
    return words


@cache
def _number_pattern() -> re.Pattern[str]:
    """A number, with what qualifies it before ('more than', 'minus') and its scale and unit word after."""
    words = lexicon()
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
    words = lexicon()
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
        at, end = m.start("unit"), m.end()
        head = _HEAD.match(text, at + len(unit)) if text[at].isupper() else None
        if head and head.group(1) not in _FUNCTION_WORDS:  # '12 Somali pirates': pirates are counted
            unit, at, end = head.group(1), head.start(1), max(end, head.end(1))
        lemma = unit_of(at, unit) if unit_of is not None else unit
        out.append((m.start(), end, value, forms.get(lemma, lemma), " ".join(text[m.start() : end].split())))
    return out


_HEAD = re.compile(r"\s+([a-z][\w-]*)")
"""The word after a capitalized one ('Somali', 'Russian', 'US'), the noun a number counts when it names whom."""
_FUNCTION_WORDS = frozenset({"and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with", "were", "was",
                             "are", "is", "have", "had", "has", "said", "say", "says", "who", "that", "which"})


QUANTITY_CONTEXT = 0.3
"""Dice overlap of the words around two numbers of the same unit at which they count the same thing."""
ANCHORS = 8
"""A number is compared with the first this many of a fact's numbers (a fact's cost stays linear in its size)."""
SAME_NUMBER_CONTEXT = {True: 0.05, False: 0.1}
"""The same for an equal number (10 or more, or with decimals) of the same unit word (True) or, for a number with
decimals, another (False): a story giving '38 buildings' twice, or 'a 5.9 quake' and 'a 5.9 tremor', speaks of one
thing; '12 magazines' and '12 Somali pirates' do not."""


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
        if inside(time_spans, start):
            continue
        lo, hi = _sentence(article.text, start, end)
        days = frozenset(days_in(days_at, lo, hi))
        out.append(_Number(article, start, end, value, unit, words, article.words(lo, hi), (lo, hi), days))
    return out


def align_quantities(
    articles: Sequence[StoryArticle], times: Iterable[Mapping[str, Any]] = (), story_units: int = 2
) -> list[Fact]:
    """One fact per thing counted: numbers of the same unit word in sentences that share their words (QUANTITY_CONTEXT;
    an equal number needs less in common, and may count in another word: SAME_NUMBER_CONTEXT). The same number from
    independent outlets is corroborated; different numbers of one unit word for it are a conflict when their sentences
    name a date in common, or none (`times`: the articles' time expressions; a level of 52 cm on Thursday and of 49 cm
    on Friday, or a forecast of minus 10 degrees by the weekend and minus 9 overnight, are two facts)."""
    times = list(times)
    days_at, spans = dates_by_article(times), time_spans(times)
    hits = [n for a in articles for n in _numbers(a, days_at.get(a.id, []), spans.get(a.id, []))]
    groups: list[list[_Number]] = []
    of_unit: dict[str, list[int]] = {}  # compared with numbers of the same unit word, or else of the same value
    of_value: dict[float, list[int]] = {}

    def fits(k: int, hit: _Number, same_unit: bool) -> bool:
        group = groups[k]
        if hit.article.id in {x.article.id for x in group}:
            return False
        overlap = max(dice(x.context, hit.context) for x in group[:ANCHORS])
        if not same_unit and hit.value.is_integer():
            return False  # a whole number in another word may count another thing
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
    return [_quantity_fact(group, story_units) for group in groups]


def _quantity_fact(group: Sequence[_Number], story_units: int) -> Fact:
    """A thing counted as its articles count it: a conflict when two independent sources give it different values in
    one unit word; as sure as the words around the numbers overlap."""
    first = group[0].value
    members = [
        (n.article, Variant(n.article.id, n.article.outlet, n.words, distance=0.0 if n.value == first else 1.0),
         Evidence(n.article.id, *n.sentence))
        for n in group
    ]  # fmt: skip
    differ = any(
        a.unit == b.unit and a.value != b.value and a.article.unit != b.article.unit for a in group for b in group
    )
    overlap = [dice(group[0].context, n.context) for n in group[1:]]
    sure = 1.0 if not overlap else 0.5 + 0.5 * min(1.0, sum(overlap) / len(overlap) / 0.4)
    agreed = {"number"} if any(n.value == first and n.unit == group[0].unit for n in group[1:]) else set()
    return fact("quantity", members, differ, confidence=sure, agreed=agreed, story_units=story_units)
