"""Analysis of articles not in English, as far as open data goes without a model of the language (issue 23).

No statistical model here reads these languages, so an article not in English gets, besides its sentences:
- times: `foreign_times.find_foreign_times`, from dateparser's data of the article's language;
- people and organizations of the actor table and the names file, matched across scripts by transliteration
  (`foreign_names`): the same mention records, resolved to the same actors, as the English path's;
- places: the gazetteer's names in the text's own script (GeoNames alternate names of cities of 50,000+ people:
  'Пхеньян', '平壤', 'بيونغيانغ'; the continents' in any script) and in Latin script its names of countries,
  regions, facilities, large first-level divisions and cities of 100,000+ ('Pjöngjang', 'Moskau'). Candidates are
  conservative: in a cased script, a whole run of capitalized words no name claims (less its first word at a
  sentence's start: 'В Москве'), with an inflected ending tried off ('Пхеньяне', 'Warszawie'); in Chinese, Japanese
  and Korean the longest known name at each character (two characters only for capitals and cities of five million
  people); in Arabic script, Hebrew and the like, the words and word pairs that are names (an attached Arabic
  conjunction or preposition tried off; one word only for capitals and cities of a million people: many names are
  also words there). One capitalized word at a sentence's
  start is a place only when a country's, a region's or a capital's name (docs/places.md).
Quotes, events and content lemmas stay English-only (docs/quotes.md, docs/events.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsgraph.analyze.context import AnalysisContext
from newsgraph.analyze.foreign_names import Run, find_names
from newsgraph.analyze.foreign_times import find_foreign_times
from newsgraph.analyze.gazetteer import Entry, Gazetteer, key
from newsgraph.analyze.spans import Covered
from newsgraph.models import Analysis, Article, Mention, Place, Sentence

NOTABLE_CITY = 100_000
"""In Latin script, a city is found in text not in English by one of its names when it has this many people."""
ADMIN1_PLACES = 50
"""A first-level division is found in Latin script when it holds this many places ('Iowa', not Haiti's 'Sud')."""
SURE_CITY = 1_000_000
"""A city named by one word at a sentence's start (where any word is capitalized), or by one word of Arabic or Hebrew
script (where many city names are also words: 'كان', 'أمن'), must have this many people or be a capital."""
BIG_CITY = 5_000_000
"""In Chinese, Japanese or Korean, a name of two characters is a city only when it has this many people (or is a
capital): shorter names are often words ('大同', '东方') or parts of names ('中山大学', a university)."""
INFLECTING = frozenset({"pl", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv", "et", "fi", "hu", "ru", "uk", "be", "bg"})
"""Languages whose place names take case endings ('w Warszawie', 'в Москве'): an ending is tried off their words."""
MIN_STEM = 4
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ARABIC_PROCLITICS = "وبلفك"
_OPENING = re.compile(r"[\n\"'“‘„«‹¡¿]")
FUNCTION_WORD = 5
"""A sentence's first word of up to this many letters before a place is taken for a word of the sentence ('В
Москве', 'Desde Moscú'), a longer one for part of a name ('Captain America')."""
_FEATURE_RANK = {"country": 0, "region": 1, "facility": 2, "admin1": 3, "city": 4}
ACRONYM = 4
"""A word in capitals of up to this many letters is an acronym: a country's ('USA') or none ('IPO')."""


def analyze_foreign(article: Article, result: Analysis, context: AnalysisContext) -> Analysis:
    """Times, people and organizations, and places of an article not in English (its sentences already found)."""
    text, language = article.text, (article.language or "").split("-")[0].lower()
    result.times = find_foreign_times(text, language, article.published)
    runs = capitalized_runs(text)
    starts = sentence_starts(text, result.sentences)
    table, registry = context.lexicons.actors, context.registry
    result.mentions = find_names(text, runs, starts, table, registry, article.published, language in INFLECTING)
    result.places = find_foreign_places(context.gazetteer, text, runs, starts, language, result.mentions)
    return result


def capitalized_runs(text: str) -> list[Run]:
    """The runs of capitalized words (of a cased script) the text has, words one space apart in each."""
    runs: list[Run] = []
    current: Run = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        if not (word[:1].isupper() and word.lower() != word.upper()):
            if current:
                runs.append(current)
            current = []
            continue
        if current and not _one_space(text[current[-1][1] : m.start()]):
            runs.append(current)
            current = []
        current.append((m.start(), m.end()))
    if current:
        runs.append(current)
    return runs


def _one_space(gap: str) -> bool:
    return gap in (" ", "\u00a0")


def sentence_starts(text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    """Where the first word of each sentence, of each line and of each quotation starts."""
    starts = [s.start for s in sentences] + [m.end() for m in _OPENING.finditer(text)] + [0]
    out = set()
    for at in starts:
        m = _WORD.search(text, at, at + 200)
        if m is not None:
            out.add(m.start())
    return frozenset(out)


def find_foreign_places(
    gaz: Gazetteer, text: str, runs: Sequence[Run], starts: frozenset[int], language: str, names: Sequence[Mention]
) -> list[Place]:
    """The places of a text not in English (see the module's docstring), in text order."""
    claimed = Covered((m.start, m.end) for m in names)
    found: list[Place] = []
    for run in runs:
        for part in _unclaimed(run, claimed):
            found += _run_place(gaz, text, part, starts, language)
    found += _unspaced_places(gaz, text)
    found += _uncased_places(gaz, text)
    return sorted(found, key=lambda p: p.start)


def _unclaimed(run: Run, claimed: Covered) -> list[Run]:
    """The run cut at the words a name claims."""
    parts: list[Run] = [[]]
    for s, e in run:
        if claimed.overlaps(s, e):
            parts.append([])
        else:
            parts[-1].append((s, e))
    return [p for p in parts if p]


def _run_place(gaz: Gazetteer, text: str, run: Run, starts: frozenset[int], language: str) -> list[Place]:
    short = run[0][1] - run[0][0] <= FUNCTION_WORD
    tries = [run, run[1:]] if run[0][0] in starts and len(run) > 1 and short else [run]
    for part in tries:
        start, end = part[0][0], part[-1][1]
        entry = _entry(gaz, text[start:end], language)
        if entry is not None and (len(part) > 1 or _single_word_place(entry, text[start:end], start in starts)):
            return [_place(text, start, end, entry)]
    return []


def _single_word_place(e: Entry, word: str, sentence_start: bool) -> bool:
    """Whether one capitalized word is the place: an acronym only a country's, a sentence's first word only a
    country's, a region's or a capital's name."""
    if word.isupper() and len(word) <= ACRONYM:
        return e.feature == "country"
    if sentence_start:
        return e.feature in ("country", "region") or e.id < 0 or e.capital
    return True


def _sure(e: Entry) -> bool:
    return e.id < 0 or e.capital or e.population >= SURE_CITY


def _entry(gaz: Gazetteer, surface: str, language: str) -> Entry | None:
    k = key(surface)
    if len(k) < 3 or k in gaz.not_places or k in gaz.generic:
        return None
    if surface.isascii() or all(ord(c) < 0x250 for c in surface):
        cut = (1, 2) if language in INFLECTING else ()
        for variant in (k, *(k[:-n] for n in cut if len(k) - n > MIN_STEM and _vowel(k[-1]))):
            ranked = [(e, own) for e, own in gaz.lookup_ranked(variant) if _notable(e)]
            if ranked:
                return min(ranked, key=lambda c: (not c[1], _FEATURE_RANK.get(c[0].feature, 9), -c[0].population))[0]
        continents = gaz.foreign(k)  # the only names in Latin script of `foreign_names`: 'Avrupa', 'Afrika'
        return continents[0] if continents else None
    variants = ((k, False), (k[:-1], False), (k[:-1], True), (k[:-2], False), (k[:-2], True))
    for variant, stem in variants:  # the names file's places and country forms first
        if (len(variant) >= MIN_STEM or variant == k) and (user := gaz.user_named(variant, stem)) is not None:
            return user
    for variant, stem in variants:
        if len(variant) >= MIN_STEM and (entries := gaz.foreign(variant, stem)):
            return entries[0]
    return None


def _vowel(letter: str) -> bool:
    return letter in "aeiouyąęó"


def _notable(e: Entry) -> bool:
    """Whether a place is known enough to be named in Latin script in text not in English: a country, a region, a
    facility, a first-level division of many places, a city of NOTABLE_CITY people."""
    if e.feature == "admin1":
        return e.population >= ADMIN1_PLACES  # a division's weight is its number of places
    return (
        e.id < 0
        or e.feature in ("country", "region", "facility")
        or (e.feature == "city" and e.population >= NOTABLE_CITY)
    )


def _place(text: str, start: int, end: int, e: Entry) -> Place:
    return Place(start, end, text[start:end], e.name, e.feature, e.country, e.lat, e.lon)


def _unspaced_places(gaz: Gazetteer, text: str) -> list[Place]:
    """Known names in runs of Chinese, Japanese or Korean characters: the longest at each character."""
    names, out = gaz.uncased_names(), []
    for run in _UNSPACED.finditer(text):
        i, chars = run.start(), run.group(0)
        hangul = _HANGUL.search(chars) is not None  # Hangul's keys are decomposed (`key`), Chinese characters not
        while i - run.start() < len(chars) - 1:
            at = i - run.start()
            for n in range(min(8, len(chars) - at), 1, -1):
                k = key(chars[at : at + n]) if hangul else chars[at : at + n]
                entries = gaz.foreign(k) if k in names else []
                if entries and (n > 2 or entries[0].population >= BIG_CITY or entries[0].capital):
                    out.append(_place(text, i, i + n, entries[0]))
                    i += n - 1
                    break
            i += 1
    return out


_UNCASED_WORD = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+")


def _uncased_places(gaz: Gazetteer, text: str) -> list[Place]:
    """Known names among the words (and pairs of words) of Hebrew and Arabic script."""
    names, out = gaz.uncased_names(), []
    words = list(_UNCASED_WORD.finditer(text))
    i = 0
    while i < len(words):
        paired = i + 1 < len(words) and _one_space(text[words[i].end() : words[i + 1].start()])
        end = words[i + 1].end() if paired else words[i].end()
        if paired and key(text[words[i].start() : end]) in names:
            out.append(_place(text, words[i].start(), end, gaz.foreign(key(text[words[i].start() : end]))[0]))
            i += 2
            continue
        one = words[i].group(0)
        for k, shift in ((key(one), 0), (key(one[1:]), 1)):
            entries = gaz.foreign(k) if (shift == 0 or one[0] in _ARABIC_PROCLITICS) and k in names else []
            if entries and _sure(entries[0]):
                out.append(_place(text, words[i].start() + shift, words[i].end(), entries[0]))
                break
        i += 1
    return out
