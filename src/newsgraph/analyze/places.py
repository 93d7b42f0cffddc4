"""Places: toponym mentions resolved to a gazetteer entry, using the article as context.

Which 'Orange', 'Georgia' or 'Cambridge'? Each candidate gets a score from
- what it is (a country or a curated region or facility before a division, a division before a
  small town) and how many people live there;
- the article: countries it names (and the countries of its unambiguous places), divisions it
  names ('Florida' makes Orange, Florida likelier), the text right after the name ('Paris, Texas'),
  and nearness to the other places the article resolved;
and the best scoring candidate wins. 'Cheongju airport' is the curated facility when there is one,
else the place the facility is named after. Pure function of text and mentions, like the rest of
analysis.
"""

from __future__ import annotations

import calendar
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph.analyze.gazetteer import Entry, Gazetteer, distance_km, key
from newsgraph.models import Mention, Place

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
PRIOR = {"country": 5.5, "region": 5.0, "facility": 4.5, "admin1": 3.5, "admin2": 1.0, "city": 0.0}
"""Score of a candidate by feature before population and context."""
POPULATION_WEIGHT = 0.6
"""Per power of ten of a city's population."""
CAPITAL_BONUS = 1.0
SEAT_BONUS = 1.0
"""For a city that goes by the name of its first-level division ('Kharkiv' the city, not the oblast)."""
NAME_BONUS = 1.0
"""For a candidate named as written, over those matched by an alternate or historical name."""
COUNTRY_CONTEXT = 1.5
"""For a candidate in a country the article names (full weight from two mentions on)."""
DIVISION_CONTEXT = 1.0
"""For a candidate in a first-level division the article names."""
FOLLOWING = 3.0
"""For a candidate in the division or country named right after it: 'Orange, Texas'."""
NEARBY = 1.0
"""For a candidate within NEARBY_KM of another place the article resolved."""
NEARBY_KM = 150.0

_FACILITY = re.compile(
    r"^(?P<head>.+?)\s+(?:international\s+)?(?P<kind>airport|air\s*base|airbase|airfield|air\s+field|"
    r"cosmodrome|spaceport|space\s+(?:centre|center)|naval\s+base|military\s+base|base|port|harbou?r|"
    r"(?:railway\s+|train\s+)?station|nuclear\s+(?:plant|power\s+plant|site|complex|facility)|"
    r"border\s+crossing|crossing)$",
    re.IGNORECASE,
)
_DIVISION = re.compile(
    r"^(?P<head>.+?)\s+(?P<kind>province|state|county|region|district|governorate|oblast|prefecture|"
    r"department|territory|city)$",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(r"^,\s+((?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")


@dataclass
class _Span:
    mention: Mention
    candidates: list[Entry]
    preferred: set[int]
    """Ids of the candidates the text names by a name they go by (not an alternate name)."""
    named_as: str
    """The facility word after a place's name ('airport' in 'Gwangju airport'), or ''."""
    adjectival: bool = False
    weak: bool = False
    """Found by the gazetteer alone (a small town the model did not call a place): kept only when the
    article's other places anchor it (see _anchored)."""


Candidates = list[tuple[Entry, bool]]


def _candidates(gaz: Gazetteer, text: str, label: str, demonyms: bool) -> tuple[Candidates, bool, str]:
    """(candidates with whether named by a name they go by, adjectival, facility words) for a mention's text."""
    found = gaz.lookup_ranked(text)
    adjective = gaz.demonym(text) if demonyms or label == "GPE" else None  # 'Russian' tagged as a place is Russia
    if adjective is not None and all(e.id != adjective.id for e, _ in found):
        return [(adjective, True), *found], label != "GPE", ""
    if found:
        return found, False, ""
    m = _FACILITY.match(text.strip())
    if m:
        head = [
            c for c in gaz.lookup_ranked(m.group("head")) if c[0].feature in ("city", "admin2", "admin1", "country")
        ]
        if head:
            return head, False, m.group("kind").lower()
    m = _DIVISION.match(text.strip())
    if m:
        wanted = ("city",) if m.group("kind").lower() == "city" else ("admin1", "admin2")
        found = [c for c in gaz.lookup_ranked(m.group("head")) if c[0].feature in wanted]
        if found:
            return found, False, ""
    return [], False, ""


SMALL_DIVISION = 10
"""A division with fewer places of 1,000+ people than this is small (see _obscure)."""
SALIENT_POPULATION = 100_000
"""A city named by a mention spaCy calls a person or organization, or by no entity at all, is taken
as a place when it is at least this large (countries, regions, divisions and facilities always)."""


def _salient(gaz: Gazetteer, c: tuple[Entry, bool], text: str) -> bool:
    e, preferred = c
    if not preferred or e.feature == "admin2" or key(text) in gaz.generic:
        return False
    if e.feature == "facility" and e.kind == "government site":  # 'the Kremlin said': the government (actors)
        return False
    if text.isupper() and len(text.strip(".")) <= 4 and e.feature not in ("country", "region"):  # 'GA', 'SOL': codes
        return False
    return e.feature != "city" or e.population >= SALIENT_POPULATION or e.capital


LOCAL_FEATURES = ("city", "admin2", "admin1")


_COORDINATED_AFTER = re.compile(r"\s*(?:,|\band\b|\bor\b|,\s*and\b)\s*$")
_COORDINATED_BEFORE = re.compile(r"\s*(?:,|and\b|or\b|,\s*and\b)\s*")


class _Neighbours:
    """The places the model saw, by position: the one right before a name and the one right after it (a list of
    names goes on from its neighbours only), found by bisection so that a long article stays linear."""

    def __init__(self, places: Sequence[Mention]) -> None:
        self.places = sorted(places, key=lambda p: p.start)
        self.starts = [p.start for p in self.places]

    def around(self, m: Mention) -> list[tuple[Mention, bool]]:
        """(place, whether it is before the name) for the nearest place ending before it and starting after it."""
        out: list[tuple[Mention, bool]] = []
        i = bisect_right(self.starts, m.start) - 1
        while i >= 0 and self.places[i].end > m.start:
            i -= 1
        if i >= 0:
            out.append((self.places[i], True))
        j = bisect_left(self.starts, m.end)
        if j < len(self.places):
            out.append((self.places[j], False))
        return out


_NO_NEIGHBOURS = _Neighbours(())


def _cued(gaz: Gazetteer, text: str, m: Mention, places: _Neighbours = _NO_NEIGHBOURS) -> bool:
    """Whether the words around a name say it is a place: 'in Riverdale', ', of Hayes', 'Klamath Falls,
    Oregon', a dateline ('Maywood:'), a list with a place the model saw ('in Hilversum and Almelo')."""
    if _LOCATIVE.search(text, max(0, m.start - 16), m.start) or _dateline(text, m.start, m.end):
        return True
    for p, before in places.around(m):
        if before and _COORDINATED_AFTER.fullmatch(text, p.end, m.start):
            return True
        if not before and _COORDINATED_BEFORE.fullmatch(text, m.end, p.start):
            return True
    countries, divisions = _following(gaz, text, m.end)
    return bool(countries or divisions)


def _local(gaz: Gazetteer, text: str, m: Mention, places: _Neighbours) -> Candidates:
    """A town too small to be taken on its name alone, named where the words say a place is: the
    gazetteer's entries that go by the name (anchored later by the article's other places). A name the model
    took for an organization only after 'in', 'near'...: 'studied at Harvard' is the university."""
    name = m.text.strip()
    if not name[:1].isupper() or name.isupper() and len(name.strip(".")) <= 4 or not _cued(gaz, text, m, places):
        return []
    if m.label == "ORG" and not _IN_A_PLACE.search(text, max(0, m.start - 16), m.start):
        return []
    return [c for c in gaz.lookup_ranked(name) if c[1] and c[0].feature in LOCAL_FEATURES]


def _plural_demonym(gaz: Gazetteer, text: str) -> bool:
    """'Canadians', 'Nigerians': people, not the place."""
    return text.endswith("s") and gaz.demonym(text) is not None and gaz.demonym(text[:-1]) is not None


_CALENDAR = frozenset(w.casefold() for w in (*calendar.month_name[1:], *calendar.day_name))


def _not_a_place(gaz: Gazetteer, text: str) -> bool:
    """'Central', 'Say', 'Earth', 'March': a common word or a date's, however a model tagged it."""
    k = key(text)
    return (
        not any(c.isupper() for c in text)  # 'the metro': names are written with capitals
        or k in gaz.generic
        or k in gaz.not_places
        or k in _CALENDAR
        or (" " not in k and k in STOP_WORDS and not text.isupper())
    )


def _spans(gaz: Gazetteer, text: str, mentions: Sequence[Mention], demonyms: bool) -> list[_Span]:
    spans = []
    person_words = {w for m in mentions if m.label == "PERSON" and " " in m.text.strip() for w in m.text.split()}
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text.strip()}
    near_places = _Neighbours([m for m in mentions if m.label in ("GPE", "LOC")])  # where a list of names may go on
    for m in mentions:
        m = _with_facility_word(text, m)
        if _not_a_place(gaz, m.text):
            continue
        if m.label in TOPONYM_LABELS or (demonyms and m.label == "NORP" and not _plural_demonym(gaz, m.text)):
            cands, adjectival, facility = _candidates(gaz, m.text, m.label, demonyms)
        elif m.label == "ORG":  # 'EU'; a city only after 'in', 'at'...: 'Toyota said' is the company
            cands = [c for c in gaz.lookup_ranked(m.text) if _salient(gaz, c, m.text)]
            if not _LOCATIVE.search(text, max(0, m.start - 16), m.start):
                cands = [c for c in cands if c[0].feature != "city"]
            adjectival, facility = False, ""
        elif (  # 'Tamil Nadu', 'Abuja' tagged as people; 'Chattanooga' as a product
            m.label in ("PERSON", "PRODUCT", "NORP")
            and m.canonical in (None, " ".join(m.text.split()))
            and m.text.strip() not in person_words
            and not (m.label == "NORP" and (m.kind or gaz.demonym(m.text)))
        ):
            cands = [c for c in gaz.lookup_ranked(m.text) if _salient(gaz, c, m.text)]
            if m.label != "PERSON" and not _cued(gaz, text, m):  # 'the Orange line': a party, a product
                cands = []
            adjectival, facility = False, ""
        else:
            continue
        weak = False
        if not cands and m.label not in TOPONYM_LABELS and m.text.strip() not in surnames:
            cands, weak = _local(gaz, text, m, near_places), True
        m, cands = _qualified(gaz, text, m, cands)
        if m.kind == "country":  # 'Downing Street was informed': the government (an actor), not the street
            cands = [c for c in cands if c[0].kind != "government site"]
        if not cands and m.label in TOPONYM_LABELS:
            m, cands = _embedded(gaz, m)
        if m.text.strip() in surnames:  # 'Warren' where 'Elizabeth Warren' is named: no town of that name
            cands = [c for c in cands if c[0].feature in ("country", "region")]
        if cands:
            ids = {e.id for e, p in cands if p}
            spans.append(_Span(m, [e for e, _ in cands], ids, facility, adjectival, weak and bool(cands)))
    for m, initial in _unlabeled(gaz, text, mentions):
        cands = [c for c in gaz.lookup_ranked(m.text) if _salient(gaz, c, m.text)]
        if initial:  # 'Reading the report', 'Mobile phone sales': a sentence's first word only as a country or region
            cands = [c for c in cands if c[0].feature in ("country", "region")]
        weak = False
        if not cands and not initial and m.text.strip() not in surnames and not _not_a_place(gaz, m.text):
            cands, weak = _local(gaz, text, m, near_places), True
        if demonyms and not cands and not _plural_demonym(gaz, m.text) and (adjective := gaz.demonym(m.text)):
            cands, m, weak = [(adjective, True)], Mention(m.start, m.end, m.text, "NORP"), False
        if cands:
            ids = {e.id for e, p in cands if p}
            spans.append(_Span(m, [e for e, _ in cands], ids, "", m.label == "NORP", weak))
    return sorted(spans, key=lambda sp: sp.mention.start)


_GROUP = re.compile(r"\s+(countries|nations|states|monarchies|kingdoms|emirates)\b")
_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")


def _qualified(gaz: Gazetteer, text: str, m: Mention, cands: Candidates) -> tuple[Mention, Candidates]:
    """What the words right after a name say of it: 'the Gulf countries' is a group of countries (the
    Gulf region, never Gulf Province), and 'the Southern District of New York' lies in the place after
    'of' (not Israel's Southern District)."""
    group = _GROUP.match(text, m.end)
    if group:
        whole = replace(m, end=group.end(), text=text[m.start : group.end()])
        found = [c for c in gaz.lookup_ranked(whole.text) if c[0].feature in ("region", "country")]
        if found:
            return whole, found
        return m, [c for c in cands if c[0].feature in ("region", "country")]
    of = _OF_PLACE.match(text, m.end)
    if of and cands:
        where = {
            e.country
            for e in gaz.lookup(of.group(1).rstrip(".,;:"))
            if e.feature in ("country", "admin1") or (e.feature == "city" and e.population >= SALIENT_POPULATION)
        }
        if where:
            return m, [c for c in cands if c[0].country in where or c[0].feature in ("region", "country")]
    return m, cands


_FACILITY_WORD = re.compile(
    r"\s+(?:international\s+)?(?:airport|air\s*base|airbase|airfield|cosmodrome|spaceport|naval\s+base)\b"
)


def _with_facility_word(text: str, m: Mention) -> Mention:
    """'Cheongju' (whatever the model called it) + ' airport' -> the facility 'Cheongju airport'."""
    if m.label not in ("GPE", "LOC", "FAC", "ORG", "PERSON"):
        return m
    after = _FACILITY_WORD.match(text, m.end)
    if not after:
        return m
    return Mention(m.start, after.end(), text[m.start : after.end()], "FAC")


_NAME_RUN = re.compile(r"\b[A-Z][\w.'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w.'’-]*){0,3}")


_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|from|near|outside|to|into|across|around|via|throughout|within)\s+(?:the\s+)?|,\s+of\s+)$",
    re.IGNORECASE,
)
_IN_A_PLACE = re.compile(r"\b(?:in|near|outside|around|throughout|within)\s+(?:the\s+)?$", re.IGNORECASE)
"""What only a place follows: 'at Harvard', 'from Reuters', 'to Toyota' may be an organization's name."""
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n][\"'“”‘’)\]]*)\s*[\"'“‘(\[]*$")
_DATELINE = re.compile(r"(?:,\s+[A-Z][\w.]*)?\s*(?:\((?:AP|AFP|Reuters|[A-Z]{2,6})\)\s*)?(?:[-—–:]|\s[-—–])")
_PARAGRAPH_START = re.compile(r"(?:^|\n)[ \t]*$")
_SENTENCE_END = re.compile(r"[\w’']{4,}[.!?]$")


def _words(text: str, run: re.Match[str], taken: list[tuple[int, int]], starts: list[int]) -> list[list[re.Match[str]]]:
    """The run's words split where a sentence ends ('Press. TORONTO'), leaving out a part an entity
    covers any of ('Miss Universe Alicia Machado', 'Del. Stacey Plaskett': titles of a person's name)."""
    groups: list[list[re.Match[str]]] = [[]]
    covered = [False]
    for w in re.finditer(r"\S+", run.group()):
        a, b = run.start() + w.start(), run.start() + w.end()
        k = bisect_right(starts, b)
        if k and max(e for _, e in taken[max(0, k - 8) : k]) > a:
            covered[-1] = True
        groups[-1].append(w)
        if _SENTENCE_END.search(w.group()):
            groups.append([])
            covered.append(False)
    return [g for g, c in zip(groups, covered, strict=True) if g and not c]


def _dateline(text: str, start: int, end: int) -> bool:
    """A name opening a paragraph, followed by a dash, a colon or a wire's credit: 'BEIRUT -', 'Muscat:'."""
    return bool(_PARAGRAPH_START.search(text, max(0, start - 4), start)) and bool(_DATELINE.match(text, end))


def _unlabeled(gaz: Gazetteer, text: str, mentions: Sequence[Mention]) -> list[tuple[Mention, bool]]:
    """Capitalized words no entity covers that name a place ('BEIRUT -', 'in Vietnam'): the longest run
    that is a name, then the words after it; with whether it opens a sentence (datelines do not)."""
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    out = []
    for run in _NAME_RUN.finditer(text):
        for words in _words(text, run, taken, starts):
            i = 0
            while i < len(words):
                for j in range(len(words), i, -1):
                    a, b = run.start() + words[i].start(), run.start() + words[j - 1].end()
                    piece = text[a:b].rstrip(".,;:")
                    if not _not_a_place(gaz, piece) and (gaz.lookup_ranked(piece) or gaz.demonym(piece)):
                        initial = (  # a sentence's first word, unless written as a dateline ('BEIRUT -')
                            j - i == 1
                            and not piece.isupper()
                            and bool(_SENTENCE_START.search(text, max(0, a - 6), a))
                            and not _dateline(text, a, a + len(piece))
                        )
                        out.append((Mention(a, a + len(piece), piece, "GPE"), initial))
                        i = j
                        break
                else:
                    i += 1
    return out


_CAPITALIZED = re.compile(r"[A-Z][\w.'’-]*")
_EMBEDDED_FEATURES = ("country", "region", "admin1", "admin2", "city")


_INSTITUTION = re.compile(r"\b(?:University|College|School|Institute|Academy|Hospital|Foundation|Museum)\b")


def _embedded(gaz: Gazetteer, m: Mention) -> tuple[Mention, Candidates]:
    """The longest run of capitalized words inside a place-like name (spaCy GPE, LOC, FAC) that is a place
    by its own name: 'Dubai World Trade Centre' -> Dubai. The mention narrows to those words. In the names
    of universities, schools, hospitals... only a state or country counts; demonyms never do (the French
    Quarter is not in France)."""
    # universities, hospitals... are named after people and faraway towns ('Georgetown University' is not in
    # Guyana): only a state or country in their name places them ('Colorado State University')
    features = ("country", "admin1") if _INSTITUTION.search(m.text) else _EMBEDDED_FEATURES
    words = list(_CAPITALIZED.finditer(m.text))
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            a, b = words[i].start(), words[i + n - 1].end()
            if " ".join(m.text[a:b].split()) != " ".join(w.group() for w in words[i : i + n]):
                continue  # not adjacent words
            piece = m.text[a:b]
            cands = [
                c
                for c in gaz.lookup_ranked(piece)
                if c[0].feature in features and c[1] and not _not_a_place(gaz, piece) and not piece.isupper()
            ]
            if cands:
                return Mention(m.start + a, m.start + b, m.text[a:b], m.label), cands
    return m, []


def _following(gaz: Gazetteer, text: str, end: int) -> tuple[set[str], set[tuple[str, str]]]:
    """Countries and divisions named right after a mention: 'Orange, Texas' -> {(USA, texas)}."""
    m = _FOLLOWING.match(text[end : end + 60])
    if not m:
        return set(), set()
    countries, divisions = set(), set()
    for e in gaz.lookup(m.group(1)):
        if e.feature == "country" and e.country:
            countries.add(e.country)
        elif e.feature == "admin1" and e.country:
            divisions.add((e.country, key(e.name)))
    return countries, divisions


def _score(
    e: Entry,
    span: _Span,
    context: Counter[str],
    divisions: set[tuple[str, str]],
    following: tuple[set[str], set[tuple[str, str]]],
    near: Callable[[Entry], bool] | None,
    preceded: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> float:
    s = PRIOR[e.feature]
    if e.feature == "city":
        s += POPULATION_WEIGHT * math.log10(e.population + 10) + (CAPITAL_BONUS if e.capital else 0.0)
    elif e.feature in ("admin1", "admin2"):  # population holds the number of places in it
        s += 0.3 * math.log10(e.population + 1)
    if e.id in span.preferred:
        s += NAME_BONUS
    if e.country:
        s += COUNTRY_CONTEXT * min(1.0, context[e.country] / 2)
        if e.feature != "country" and e.country in following[0]:
            s += FOLLOWING
    own_division = (e.country or "", key(e.admin1 or ""))
    if e.admin1 and own_division in divisions:
        s += DIVISION_CONTEXT
    if e.feature == "admin1" and (e.country or "", key(e.name)) in divisions:
        s += DIVISION_CONTEXT
    if e.admin1 and own_division in following[1]:
        s += FOLLOWING
    if e.feature == "admin1" and (e.country or "", key(e.name)) in preceded:  # 'Columbus, Georgia'
        s += FOLLOWING
    if e.feature == "city" and e.admin1 and key(e.admin1) == key(span.mention.text) and e.id in span.preferred:
        s += SEAT_BONUS  # 'Kharkiv', 'New York': the city, not the oblast or state
    if near is not None and e.feature not in ("country", "region") and near(e):
        s += NEARBY
    return s


class _Near:
    """Whether an entry lies within NEARBY_KM of the places the names resolved to (a grid of 1-degree
    cells), leaving out a name's own pick when no other name picked it."""

    def __init__(self, picks: Sequence[Entry]) -> None:
        self.count = Counter(a.id for a in picks)
        self.cells: dict[tuple[int, int], list[Entry]] = {}
        for a in {a.id: a for a in picks if a.feature not in ("country", "region")}.values():
            self.cells.setdefault((math.floor(a.lat), math.floor(a.lon)), []).append(a)

    def __call__(self, e: Entry, own: Entry) -> bool:
        lat, lon = math.floor(e.lat), math.floor(e.lon)
        span = min(180, math.ceil(1.5 / max(math.cos(math.radians(e.lat)), 0.01)))
        return any(
            a.id != e.id
            and (a.id != own.id or self.count[own.id] > 1)
            and distance_km(e.lat, e.lon, a.lat, a.lon) < NEARBY_KM
            for dlat in (-2, -1, 0, 1, 2)
            for dlon in range(-span, span + 1)
            for a in self.cells.get((lat + dlat, (lon + dlon + 180) % 360 - 180), ())
        )


def _one_place_per_name(spans: Sequence[_Span], chosen: list[Entry], scores: list[dict[int, float]]) -> list[Entry]:
    """One name is one place throughout an article ('Kharkiv' the city, not the city here and the oblast
    there): the place most of its mentions chose, on a tie the one with the best summed score. A name
    written otherwise ('Kharkiv Oblast', 'Kharkiv region') is another name."""
    groups: dict[str, list[int]] = {}
    for i, sp in enumerate(spans):
        if not sp.adjectival:
            groups.setdefault(key(sp.mention.text), []).append(i)
    out = list(chosen)
    for members in groups.values():
        if len({chosen[i].id for i in members}) < 2:
            continue
        votes = Counter(chosen[i].id for i in members)
        best = max(votes, key=lambda e: (votes[e], sum(scores[i].get(e, 0.0) for i in members), -e))
        entry = next(chosen[i] for i in members if chosen[i].id == best)
        for i in members:
            out[i] = entry
    return out


class _Anchors:
    """Whether a name the gazetteer alone found (a weak span) is anchored by the article: the same place
    found by a name the model called a place, its first-level division named, the division or country
    named right after it ('Klamath Falls, Oregon'), or within NEARBY_KM of another place found so."""

    def __init__(
        self,
        spans: Sequence[_Span],
        chosen: Sequence[Entry],
        divisions: set[tuple[str, str]],
        followings: Sequence[tuple[set[str], set[tuple[str, str]]]],
    ) -> None:
        strong = [e for sp, e in zip(spans, chosen, strict=True) if not sp.weak]
        self.ids = {e.id for e in strong}
        self.near = _Near(strong)
        self.divisions = divisions
        self.followings = followings

    def __call__(self, i: int, e: Entry) -> bool:
        countries, divisions = self.followings[i]
        own = (e.country or "", key(e.admin1 or (e.name if e.feature == "admin1" else "")))
        return (
            e.id in self.ids
            or own in self.divisions
            or own in divisions
            or (e.feature != "country" and e.country in countries)
            or (e.feature not in ("country", "region") and self.near(e, e))
        )


def _preceded(text: str, spans: list[_Span], i: int) -> set[tuple[str, str]]:
    """Divisions the name right before ', <this name>' could lie in: 'Columbus, Georgia' -> {(USA, georgia), ...}."""
    before, here = spans[i - 1].mention.end if i else -1, spans[i].mention.start
    if i == 0 or not 0 < here - before <= 3 or text[before:here].strip() != ",":  # ',' with spaces at most
        return set()
    return {(e.country or "", key(e.admin1)) for e in spans[i - 1].candidates if e.admin1}


def _obscure(e: Entry, span: _Span) -> bool:
    """A small place, or one met by an alternate name: not to be taken on its name alone."""
    if e.feature in ("country", "region", "facility") or span.named_as:
        return False
    if e.id not in span.preferred:
        return True
    if e.feature != "city":  # a division: its population holds its number of places
        return e.population < SMALL_DIVISION
    return e.population < SALIENT_POPULATION and not e.capital


def find_places(gaz: Gazetteer, text: str, mentions: Sequence[Mention], demonyms: bool = False) -> list[Place]:
    """The article's toponyms, each resolved to its likeliest entry of the gazetteer (the project's,
    with the user's places when `gaz.with_registry(...)` added them)."""
    spans = _spans(gaz, text, mentions, demonyms)
    if not spans:
        return []
    context: Counter[str] = Counter()
    for m in mentions:  # countries the article names as actors ('Moscow said', 'the Kremlin')
        if m.kind == "country" and m.country:
            context[m.country] += 1
    named = Counter(context)  # countries the article names as actors
    divisions: set[tuple[str, str]] = set()
    resolved_at = {m.start for m in mentions if m.kind}  # where a mention resolved as an actor starts
    for sp in spans:
        if len(sp.candidates) == 1 and sp.candidates[0].country:
            only = sp.candidates[0]
            if only.feature != "country" or sp.mention.start not in resolved_at:
                context[only.country] += 1  # type: ignore[index]
            if only.feature == "admin1":
                divisions.add((only.country or "", key(only.name)))
    followings = [_following(gaz, text, sp.mention.end) for sp in spans]
    precededs = [_preceded(text, spans, i) for i in range(len(spans))]
    picks = [
        max(sp.candidates, key=lambda e: _score(e, sp, context, divisions, fol, None, pre))
        for sp, fol, pre in zip(spans, followings, precededs, strict=True)
    ]
    # second round: what the first made of the other names is context too ('Atlanta', 'Savannah' -> Georgia, USA)
    actors = Counter({c: n for c, n in context.items()})
    resolved = Counter(e.country for e in picks if e.country)
    for e in picks:
        if e.feature == "admin1":
            divisions.add((e.country or "", key(e.name)))
    chosen: list[Entry] = []
    scores: list[dict[int, float]] = []
    everywhere = _Near(picks)
    contexts: dict[str | None, Counter[str]] = {}  # the context of each name but its own pick: one per country
    for sp, fol, pre, own in zip(spans, followings, precededs, picks, strict=True):
        ctx = contexts.get(own.country)
        if ctx is None:
            ctx = contexts[own.country] = actors + resolved
            if own.country:
                ctx[own.country] -= 1
        near = partial(everywhere.__call__, own=own)
        scores.append({e.id: _score(e, sp, ctx, divisions, fol, near, pre) for e in sp.candidates})
        chosen.append(max(sp.candidates, key=lambda e: scores[-1][e.id]))
    chosen = _one_place_per_name(spans, chosen, scores)
    support = named + Counter(e.country for sp, e in zip(spans, chosen, strict=True) if e.country and not sp.weak)
    anchored = _Anchors(spans, chosen, divisions, followings)
    places = []
    for i, (sp, e) in enumerate(zip(spans, chosen, strict=True)):
        if sp.weak:  # the best candidate the article anchors, if any
            ranked = sorted(sp.candidates, key=lambda c: -scores[i].get(c.id, 0.0))
            e = next((c for c in [e, *ranked] if anchored(i, c)), None)  # type: ignore[assignment]
            if e is None:
                continue  # 'Norbury', 'Granville': a small town's name that nothing else in the article is near
        if not sp.weak and e.country and support[e.country] <= 1 and _obscure(e, sp):
            continue  # 'Satan', 'Sunshine', 'Unity': a small place abroad that nothing else in the article is near
        m = sp.mention
        name = e.name if not sp.named_as else f"{e.name} {sp.named_as}"
        feature = "facility" if sp.named_as else e.feature
        places.append(Place(m.start, m.end, m.text, name, feature, e.country, e.lat, e.lon, sp.adjectival))
    return places
