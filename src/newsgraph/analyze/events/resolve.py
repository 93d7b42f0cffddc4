"""Step two of event coding, over the whole article: each trigger's participants as actors (a pronoun's antecedent,
the speaker of the quote it lies in, a country from 'Iraqi troops'), its date (the sentence's time expression, else
the publication date), its place (the clause's, else the dateline's), its claimant (whose quote holds it), its PLOVER
mode and intensity; an event with several sources or targets becomes one event per pair."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from newsgraph.analyze.actor_table import ActorTable
from newsgraph.analyze.actors import CountryTable
from newsgraph.analyze.events.lexicon import MAX_JOINT, SYMMETRIC, UNKNOWN_SOURCE, EventLexicon, coded, score
from newsgraph.analyze.events.phrases import Participant
from newsgraph.analyze.events.triggers import Found
from newsgraph.analyze.quotes import AttributionLexicon, Mentions, speaker_of
from newsgraph.analyze.spans import SpanIndex
from newsgraph.analyze.tokens import PRONOUN_REACH
from newsgraph.models import Event, Mention, Place, Quote, Timex
from newsgraph.options import QUOTE_CONFIDENCE

_ACROSS_BORDERS = frozenset({"igo", "ngo", "business", "media"})
"""Sectors of the agents table whose bodies belong to no one country the text is about."""
_THINGS_NAMED = ("GPE", "NORP", "ORG", "PERSON")
"""Labels of the mentions that stand for the thing they are named in ('US policy', "Bolivia's proposal")."""


@dataclass(frozen=True)
class Actor:
    """A participant resolved: its name, the mention that names it (if any), its country."""

    name: str
    mention: int | None
    country: str | None


def _names_a_country(m: Mention) -> bool:
    """A mention that names a country as such ('Russia', 'Moscow said'), not by its people's adjective ('Russian')."""
    return m.kind == "country" and m.label != "NORP" and m.country is not None


def _most_named(codes: list[str | None]) -> str | None:
    """The code named most often, the first named on a tie."""
    counts = Counter(codes)
    return max(counts, key=lambda c: counts[c]) if counts else None


class Actors:
    """Resolves the participants of one article's events to actors, reading them in text order: a
    person's country from any of the article's mentions of them, 'he' or 'she' as the last person who
    spoke or acted, 'we' inside a quote as its speaker. The mentions and places are indexed by where they are."""

    def __init__(
        self,
        text: str,
        mentions: list[Mention],
        places: list[Place],
        quotes: list[Quote],
        countries: CountryTable | None,
        lex: EventLexicon,
        attribution: AttributionLexicon,
        table: ActorTable | None = None,
    ) -> None:
        self.text, self.mentions, self.places, self.quotes = text, mentions, places, quotes
        self.table = table
        self.countries, self.lex, self.attribution = countries, lex, attribution
        self.index = Mentions(mentions)
        self.place_spans = SpanIndex([(x.start, x.end) for x in places])
        self.country_of: dict[str, str] = {}
        self.article_country = _most_named([m.country for m in mentions if _names_a_country(m)])
        for m in mentions:
            if m.canonical and m.country and m.kind == "person":
                self.country_of.setdefault(m.canonical, m.country)
        self.people: list[tuple[int, str, int | None]] = sorted(
            ((q.source_start, q.speaker, q.speaker_mention) for q in quotes
             if q.speaker_kind == "person" and q.source_start is not None and q.speaker),
            key=lambda p: p[0],
        )  # fmt: skip

    def country(self, mention: int | None) -> str | None:
        if mention is None:
            return None
        m = self.mentions[mention]
        if m.country:
            return m.country
        if m.canonical in self.country_of:
            return self.country_of[m.canonical]
        place = next((self.places[k] for k in self.place_spans.around(m.start, m.end) if self.places[k].country), None)
        return place.country if place else None

    def acted(self, at: int, actor: Actor) -> None:
        """A person acted at `at`: a later 'he' may be them."""
        if actor.mention is not None and self.mentions[actor.mention].kind == "person":
            insort(self.people, (at, actor.name, actor.mention), key=lambda p: p[0])

    def resolve(self, p: Participant, claim: int | None, sentence: tuple[int, int] | None = None) -> Actor | None:
        """The actor the participant names; `sentence` is its sentence's span (a 'he' there may be the last person it
        names; 'the interior ministry' is of the country it is about)."""
        if p.head in self.lex.relational_nouns and not p.proper:
            # 'American adversaries', 'Iranian allies': the group, not the country they are the adversaries of
            return Actor(_bare(self.text[p.start : p.end]), None, None)
        actor = self._resolve(p, claim, sentence[0] if sentence else 0)
        if actor is None or actor.country:
            return actor
        if actor.mention is None:  # 'Red Cross officials', 'inspectors of the IAEA': the body they serve
            body = self._body(p)
            if body is not None:
                return replace(actor, mention=body, country=self.country(body))
        country = self._named_country(p.start, p.end) or (self._placed(p.where) if p.where else None)
        if country is None and sentence is not None and actor.mention is None and self._of_a_state(p):
            country = self._about(sentence)  # 'the interior ministry', 'police': of the country the text is about
        return replace(actor, country=country) if country else actor

    def resolve_all(
        self, found: tuple[Participant, ...], claim: int | None, sentence: tuple[int, int]
    ) -> list[Actor]:
        """The actors the participants name; those that stand for a thing only when nothing else does (whom it is
        for, where it is) count only when no other participant is an actor."""
        actors = _unique(a for a in (self.resolve(p, claim, sentence) for p in found if not p.fallback) if a)
        if actors:
            return actors
        return _unique(a for a in (self.resolve(p, claim, sentence) for p in found if p.fallback) if a)

    def _body(self, p: Participant) -> int | None:
        """The organization a role noun names as the one its people serve ('Red Cross officials', 'inspectors of the
        International Atomic Energy Agency'): the first named with a sector, else the first named."""
        if p.head not in self.lex.actor_nouns:
            return None
        end = max(p.end, p.where[1] if p.where else p.end)
        found = [k for k in self.index.inside(p.start, end) if self.mentions[k].label == "ORG"]
        return next((k for k in found if self.mentions[k].sector), found[0] if found else None)

    def _of_a_state(self, p: Participant) -> bool:
        """The words name a body of a country by a role noun of the agents table ('the interior ministry', 'riot
        police', 'rebels'), not an international body or a company."""
        sector = self.table.agent(self.text[p.start : p.end]) if self.table else None
        return sector is not None and sector not in _ACROSS_BORDERS

    def _about(self, sentence: tuple[int, int]) -> str | None:
        """The country a sentence is about: the one it names most as a country or place (the first on a tie), else the
        article's. Not by an adjective or a person: 'the Russian ambassador' is no sign that the minister who
        criticized him is Russian."""
        inside = [self.mentions[k].country for k in self.index.inside(*sentence) if _names_a_country(self.mentions[k])]
        inside += [x.country for x in self._places_in(*sentence) if not x.adjectival]
        return _most_named([c for c in inside if c]) or self.article_country

    def _named_country(self, start: int, end: int) -> str | None:
        """A country the words name ('the Ivory Coast rebels', 'US-backed Syrian rebels'): the last that does, unless
        that is the people's own name and a country comes before it ('Bosnian Serbs': Bosnia)."""
        if self.countries is None:
            return None
        words = re.findall(r"[\w'’-]+", self.text[start:end])
        found: list[tuple[int, str]] = []  # (the word that ends the name, its country)
        for i in range(len(words)):
            for n in (2, 1):
                if i + n <= len(words) and words[i][:1].isupper():
                    code = self.countries.code(" ".join(words[i : i + n]))
                    if code:
                        found.append((i + n - 1, code))
                        break
        if len(found) > 1 and found[-1][0] == len(words) - 1 and found[-2][1] != found[-1][1]:
            return found[-2][1]  # 'Bosnian Serbs': the people's name placed by the word before
        return found[-1][1] if found else None

    def _placed(self, span: tuple[int, int]) -> str | None:
        """The country of the place an actor is said to be in ('rebels in the Ivory Coast')."""
        place = next((x for x in self._places_in(*span) if x.country), None)
        return place.country if place else self._named_country(*span)

    def _places_in(self, start: int, end: int) -> list[Place]:
        return [self.places[k] for k in self.place_spans.inside(start, end)]

    def _last_person(self, before: int) -> tuple[int, str, int | None] | None:
        """The last person who spoke or acted before `before`, within PRONOUN_REACH of it."""
        k = bisect_left(self.people, before, key=lambda p: p[0])
        return self.people[k - 1] if k and before - self.people[k - 1][0] < PRONOUN_REACH else None

    def _named_before(self, sentence: int, before: int) -> tuple[int, str, int | None] | None:
        """The last person the sentence names before `before` ('Comey said Mateen had been investigated before he
        went on to kill': Mateen)."""
        found = [k for k in self.index.inside(sentence, before) if self.mentions[k].kind == "person"]
        if not found:
            return None
        k = max(found, key=lambda k: self.mentions[k].start)
        m = self.mentions[k]
        return (m.start, m.canonical or m.text, k)

    def _resolve(self, p: Participant, claim: int | None, sentence: int = 0) -> Actor | None:
        words = self.text[p.start : p.end].strip().casefold()
        if words in self.lex.first_person:
            q = self.quotes[claim] if claim is not None else None
            return Actor(q.speaker, q.speaker_mention, self.country(q.speaker_mention)) if q and q.speaker else None
        if words in self.lex.neuter_pronouns:  # what 'it' stands for is too often a storm or a plan: not guessed
            return None
        if words in self.lex.third_person:
            last, named = self._last_person(p.start), self._named_before(sentence, p.start)
            if named is not None and (last is None or named[0] > last[0]):
                last = named  # the person named since whoever last spoke or acted
            if last is not None:
                _, person, at = last
                return Actor(person, at, self.country(at))
        if p.thing:  # 'US policy', "Bolivia's proposal", 'an Indian proposal': the actor named inside stands for it
            inside = [k for k in self.index.inside(p.start, p.end) if self.mentions[k].label in _THINGS_NAMED]
            if not inside:
                return None
            m = self.mentions[inside[-1]]
            return Actor(m.canonical or m.text, inside[-1], self.country(inside[-1]))
        name, kind, mention = speaker_of(self.text, p.start, p.end, self.index, self.attribution)
        if p.where and p.head in self.lex.actor_nouns and (mention is None or name is None):
            return Actor(_bare(self.text[p.start : p.where[1]]), None, None)  # 'the president of Armenia'
        if name is None:
            return None
        if mention is not None:
            m = self.mentions[mention]
            if p.where and not (p.start <= m.start and m.end <= p.where[1]):
                # 'the president of Armenia' is no anaphor for the last person named: a new actor, placed
                return Actor(_bare(self.text[p.start : p.where[1]]), None, None)
            if not (p.start <= m.start and m.end <= p.end) and p.head in self.lex.actor_nouns and p.head != "he":
                # 'the regional government' is an actor of its own, not the last organization named
                return Actor(_bare(self.text[p.start : p.end]), None, None)
            if kind == "anonymous":  # 'Iraqi troops', 'the Russian minister': the country that qualifies them
                return Actor(m.canonical or m.text, mention, self.country(mention))
            return Actor(name, mention, self.country(mention))
        if p.thing or (p.head not in self.lex.actor_nouns and not p.proper):
            return None
        place = next((x for x in self._places_in(p.start, p.end) if x.country), None)
        return Actor(name, None, place.country if place else None)


def _bare(words: str) -> str:
    """Words as a name: one space between them, no leading article ('The president of Armenia' -> 'president of
    Armenia')."""
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(words.split()), flags=re.I)


class _Spans:
    """An article's time expressions, places and quotes, each indexed by where they are."""

    def __init__(self, times: list[Timex], places: list[Place], quotes: list[Quote], place_spans: SpanIndex) -> None:
        self.times, self.places, self.quotes = times, places, quotes
        self.time_spans = SpanIndex([(t.start, t.end) for t in times])
        self.place_spans = place_spans
        self.quote_spans = SpanIndex([(q.start, q.end) for q in quotes])


def _date(spans: _Spans, sentence: tuple[int, int], trigger: tuple[int, int], published: str | None) -> str | None:
    """The sentence's date nearest the trigger (a full or partial calendar date), else the publication date."""
    best: tuple[int, str] | None = None
    for t in (spans.times[k] for k in spans.time_spans.inside(*sentence)):
        if t.type != "DATE":
            continue
        if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", t.value):
            continue
        distance = abs(t.start - trigger[0])
        if best is None or distance < best[0]:
            best = (distance, t.value)
    return best[1] if best else published


_RANK = {"facility": 0, "city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}


LEAD_CHARS = 400
"""An event whose clause says nowhere happened at the article's dateline or lead place: the first city
or site named in this many characters."""


def _place(index: _Spans, spans: tuple[tuple[int, int], ...], lead: Place | None) -> Place | None:
    """Where: a place named where the trigger's clause says where ('in Pyongyang', 'at Cheongju airport'),
    a city or site before a region or country; else the article's lead place."""
    found = sorted({k for a, b in spans for k in index.place_spans.inside(a, b)})
    inside = [index.places[k] for k in found if not index.places[k].adjectival]
    if inside:
        return min(inside, key=lambda p: (_RANK.get(p.feature, 3), p.start))
    return lead


def _lead(places: list[Place]) -> Place | None:
    return next(
        (p for p in places if p.start < LEAD_CHARS and not p.adjectival and p.feature in ("city", "facility")), None
    )


def _claim(spans: _Spans, trigger: tuple[int, int], min_confidence: float = 0.0) -> int | None:
    """The quote whose content holds the trigger (the innermost when quotes nest), of those at least that sure."""
    quotes = spans.quotes
    best: int | None = None
    for k in spans.quote_spans.around(*trigger):
        q = quotes[k]
        if not q.speaker or q.confidence < min_confidence:
            continue
        if best is None or q.end - q.start < quotes[best].end - quotes[best].start:
            best = k
    return best


def resolve(
    text: str,
    found: list[Found],
    mentions: list[Mention],
    quotes: list[Quote],
    times: list[Timex],
    places: list[Place],
    published: str | None,
    countries: CountryTable | None,
    lex: EventLexicon,
    attribution: AttributionLexicon,
    table: ActorTable | None = None,
    min_confidence: float = QUOTE_CONFIDENCE,
) -> list[Event]:
    """Each found event with actors for its participants, a date, a place, a mode and a claimant; an event
    with several sources or targets becomes one event per pair; an event with no source is dropped, and so
    is one that needs a target (a visit, a delivery) and has none. An event is a claim of a quote's speaker only
    when that quote's confidence is at least `min_confidence` (what readers are shown: 'Ukrainians remember the
    Russian shelling' makes no claim of the shelling)."""
    out: list[Event] = []
    seen: set[tuple[Any, ...]] = set()
    actors = Actors(text, mentions, places, quotes, countries, lex, attribution, table)
    spans = _Spans(times, places, quotes, actors.place_spans)
    lead = _lead(places)
    for f in found:
        claim = _claim(spans, f.trigger, min_confidence)
        sources = actors.resolve_all(tuple(p for p in f.sources if not p.fallback), claim, f.sentence)
        targets = actors.resolve_all(f.targets, claim, f.sentence)
        for a in sources:
            actors.acted(f.trigger[0], a)
        alone = not targets and f.lemma in lex.needs_target and not (f.joint or f.given)
        label, mode = coded(f.label, f.mode)
        unnamed = not sources and (label.split(":")[0] not in UNKNOWN_SOURCE or not f.unknown_source)
        if not (sources or targets) or alone or unnamed:
            continue
        claimant = quotes[claim].speaker if claim is not None else None
        parties = {a.name for a in sources + targets} | {a.mention for a in sources + targets if a.mention is not None}
        speaker_mention = quotes[claim].speaker_mention if claim is not None else None
        own = claimant in parties or (speaker_mention is not None and speaker_mention in parties)
        named = [a for a in sources + targets if a.mention is not None]
        states = {a.country for a in named if a.mention is not None and mentions[a.mention].kind == "country"}
        # an official speaking of their own country's acts ('Moscow is keen to assist', said Lavrov) is that party
        own = own or (speaker_mention is not None and actors.country(speaker_mention) in states - {None})
        if claimant and mode == "asserted" and not own:
            mode = "attributed"  # a third party's claim; a party's own account stays asserted
        kind, quad, intensity = score(label, mode, lex)
        place = _place(spans, f.places, None)
        dateline = place is None and lead is not None  # where the clause says nothing: the lead place, if theirs
        place = lead if dateline else place
        base = Event(
            start=f.sentence[0],
            end=f.sentence[1],
            trigger_start=f.trigger[0],
            trigger_end=f.trigger[1],
            trigger=text[f.trigger[0] : f.trigger[1]],
            type=kind,
            quad_class=quad,
            intensity=intensity,
            mode=mode,
            date=_date(spans, f.sentence, f.trigger, published),
            place=place.name if place else None,
            place_country=place.country if place else None,
            claimant=claimant,
            claimant_quote=claim,
            main=f.main,
        )
        for source, target in _pairs(f, sources, targets, lex):
            key = (f.trigger, source.name if source else None, target.name if target else None)
            if key in seen or (source and target and source.name == target.name):
                continue
            seen.add(key)
            event = _with_actors(base, source, target)
            if dateline and lead and lead.country not in (event.source_country, event.target_country):
                event = replace(event, place=None, place_country=None)  # the dateline is not where others act
            out.append(event)
    return out


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if all(a.name != b.name for b in out):
            out.append(a)
    return out


def _pairs(
    f: Found, sources: list[Actor], targets: list[Actor], lex: EventLexicon
) -> list[tuple[Actor | None, Actor | None]]:
    """(source, target) pairs: every source with every target; joint participants with each other; a
    meeting both ways ('Kim met Lavrov' is Lavrov meeting Kim too); an unknown source (a bombing that
    killed soldiers) as None."""
    if f.joint and not targets and 1 < len(sources) <= MAX_JOINT:
        return [(s, t) for s in sources for t in sources if s is not t]
    receivers: list[Actor | None] = list(targets) or [None]
    givers: list[Actor | None] = list(sources) or [None]
    pairs: list[tuple[Actor | None, Actor | None]] = [(s, t) for s in givers for t in receivers]
    if f.lemma in lex.mutual and f.label.split(":")[0] in SYMMETRIC:
        pairs += [(t, s) for s in sources for t in targets]
    return pairs


def _with_actors(event: Event, source: Actor | None, target: Actor | None) -> Event:
    return replace(
        event,
        source=source.name if source else None,
        source_mention=source.mention if source else None,
        source_country=source.country if source else None,
        target=target.name if target else None,
        target_mention=target.mention if target else None,
        target_country=target.country if target else None,
    )
