"""People and organizations of the actor table and the user's names file, found in text not in English across
scripts: 'Сергей Лавров', 'Sergej Lawrow' and 'Sergei Lavrov' are one actor.

A name is transliterated to Latin letters by `anyascii` (a maintained library: its tables, not ours) and folded to a
key in which the usual variants of transliteration meet ('Sergei', 'Sergej', 'Sergey' -> 'serg'; 'Zelenskiy',
'Selenskyj', 'Zelensky' -> 'selensk'): case, apostrophes, doubled letters and a word's final vowels dropped (which also
meets the case endings of Slavic names: 'Лаврова', 'Лаврову' -> 'lavrov'), and a few letters that transliterations
swap (j/y/i, w/v, z/s, kh/h, c/k, ou/u) made one. The actor table's keys and the names file's names are folded the
same way once per process. A full name (two words or more) is found as the actor that has it when one actor does; a
single word only when the table lists it as a name of its own ('Lavrov', 'Hezbollah'), not at a sentence's start,
or when it is the last word of a person the article has already named. Pure functions over text: no model, no
database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from newsgraph.analyze.actor_table import ActorTable, name_key
from newsgraph.analyze.registry import Person, Registry
from newsgraph.analyze.spans import Covered
from newsgraph.models import Mention

_DIGRAPHS = (("kh", "h"), ("ph", "f"), ("ou", "u"), ("ck", "k"))
_LETTERS = str.maketrans({"w": "v", "j": "y", "i": "y", "z": "s", "c": "k", "q": "k", "x": "ks"})
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_DOUBLED = re.compile(r"(.)\1+")


def _one(m: re.Match[str]) -> str:
    return m[1]


MIN_SINGLE = 5
"""The shortest folded single name found alone ('lavrov', 'putyn'; not 'mir')."""
MIN_STEMMED = 5
"""The shortest word whose final vowels are dropped (to four letters at least: 'Soja' stays 'soya')."""
MIN_FULL = 6
"""The fewest letters of a folded full name, each of its words of two letters at least."""
ORG_SECTORS = frozenset({"igo", "ngo", "business", "media", "rebels", "armed group"})
"""An actor of these sectors is an organization, whatever its name looks like."""
CHINESE = frozenset({"CHN", "TWN", "HKG", "MAC", "SGP"})
"""The countries whose people's names in Chinese characters read, as pinyin, as the table writes them ('习近平' ->
'Xi Jinping'): a name of three characters only (two are too often two words)."""
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{3,}")


def fold_word(word: str) -> str:
    """A word (already in Latin letters, lower case) as the variants of its transliteration meet."""
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    word = _DOUBLED.sub(_one, word.translate(_LETTERS))
    stem = word[:1] + word[1:].rstrip("aeiouyh")
    return stem if len(word) >= MIN_STEMMED and len(stem) >= MIN_STEMMED - 1 else word


def fold(text: str) -> str:
    """The folded key of a name in any script: 'Сергей Лавров' -> 'serg lavrov'."""
    if not text.isascii():
        from anyascii import anyascii

        text = anyascii(text)
    latin = _NOT_LETTERS.sub("", text.lower().replace("-", " "))
    return " ".join(fold_word(w) for w in latin.split())


@dataclass(frozen=True)
class Who:
    """What a folded key names: an actor of the table (its name) or a person of the names file."""

    name: str
    person: bool
    user: Person | None = None


@dataclass(frozen=True)
class NameIndex:
    """Folded key -> who it names (None when several do), for full names and for single names listed as names."""

    full: dict[str, Who | None]
    single: dict[str, Who | None]
    exact: dict[str, Who | None]
    """Single names as the table lists them (`name_key`): a single name in Latin script must be one of these."""
    han: dict[str, Who | None]
    """Chinese people's names in pinyin without spaces ('xijinping')."""


def _add(into: dict[str, Who | None], k: str, who: Who) -> None:
    if k in into and into[k] is not None and into[k] != who:
        into[k] = None  # two actors: ambiguous
    else:
        into.setdefault(k, who)


@cache
def table_index(table: ActorTable) -> NameIndex:
    """The actor table's keys folded: built once per process, on the first article not in English."""
    full: dict[str, Who | None] = {}
    single: dict[str, Who | None] = {}
    exact: dict[str, Who | None] = {}
    han: dict[str, Who | None] = {}
    for name, keys, held in table.keyed():
        sectors = {sector for _, sector in held}
        person = len(name.split()) > 1 and not sectors & ORG_SECTORS and not _agent_noun(table, name)
        who = Who(name, person)
        chinese = person and any(country in CHINESE for country, _ in held)
        for k in keys:
            folded = fold(k)
            if " " in folded:
                if _full_enough(folded):
                    _add(full, folded, who)
                if chinese:
                    _add(han, k.replace(" ", ""), who)
            elif len(k) >= MIN_SINGLE and k not in table.agents:  # not 'Senate', 'Army'
                _add(single, folded, who)
                _add(exact, k, who)
    return NameIndex(full, single, exact, han)


def _full_enough(folded: str) -> bool:
    words = folded.split()
    return len(words) > 1 and sum(map(len, words)) >= MIN_FULL and min(map(len, words)) >= 2


def _agent_noun(table: ActorTable, name: str) -> bool:
    """Whether a name ends with a role noun of the agents table ('... Security Forces', '... Ministry')."""
    words = name.casefold().split()
    return any(" ".join(words[-n:]) in table.agents for n in (1, 2, 3))


def _user_index(registry: Registry | None) -> dict[str, Person]:
    return {fold(form): p for p in (registry.people if registry else ()) for form in (p.name, *p.aliases)}


Run = list[tuple[int, int]]
"""A run of capitalized words: (start, end) of each."""


def _who(index: NameIndex, users: dict[str, Person], surface: str, single_ok: bool, inflected: bool) -> Who | None:
    k = fold(surface)
    if k in users:
        return Who(users[k].name, True, users[k])
    if " " in k:
        return index.full.get(k) if _full_enough(k) else None
    if not _is_latin(surface):  # at a sentence's start too: the table's single names are not words of other scripts
        return index.single.get(k) if len(k) >= MIN_SINGLE else None
    if not single_ok:
        return None
    exact = name_key(surface)
    if exact in index.exact or not inflected:  # 'Putina' (Polish): 'putin' and an ending, folded alike
        return index.exact.get(exact)
    stems = (exact[:-n] for n in (1, 2, 3))
    return next((index.exact[stem] for stem in stems if stem in index.exact and fold(stem) == k), None)


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text)


def find_names(
    text: str,
    runs: Sequence[Run],
    sentence_starts: frozenset[int],
    table: ActorTable,
    registry: Registry | None,
    published: str | None,
    inflected: bool = False,
) -> list[Mention]:
    """The actors and the names file's people named in the runs of capitalized words, as resolved mentions: the
    longest name at each place of a run first. `inflected`: the language declines names ('Putina' in Polish)."""
    index, users = table_index(table), _user_index(registry)
    found: Found = []
    for run in runs:
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + 4), i, -1):  # the longest name from word i
                surface = text[run[i][0] : run[j - 1][1]]
                who = _who(index, users, surface, run[i][0] not in sentence_starts, inflected)
                if who is not None:
                    found.append((run[i][0], run[j - 1][1], who))
                    i = j - 1
                    break
            i += 1
    found += _surnames(text, runs, found) + _chinese(text, index)
    return sorted((_mention(text, s, e, who, table, published) for s, e, who in found), key=lambda m: m.start)


Found = list[tuple[int, int, Who]]


def _surnames(text: str, runs: Sequence[Run], found: Found) -> Found:
    """Capitalized words standing alone that are the last word of one person the article names in full ('Лаврову'
    after 'Сергей Лавров')."""
    last: dict[str, Who | None] = {}
    for _, _, named in found:
        if named.person and " " in named.name:
            _add(last, fold(named.name.split()[-1]), named)
    if not last:
        return []
    taken = Covered((s, e) for s, e, _ in found)
    out: Found = []
    for run in runs:
        for s, e in run if len(run) == 1 else ():
            who = last.get(fold(text[s:e]))
            if who is not None and not taken.overlaps(s, e):
                out.append((s, e, who))
    return out


def _chinese(text: str, index: NameIndex) -> Found:
    """Chinese people's names of three characters in runs of Chinese characters."""
    out: Found = []
    for run in _HAN.finditer(text):
        i = run.start()
        while i + 3 <= run.end():
            who = index.han.get(_pinyin(text[i : i + 3]))
            if who is not None:
                out.append((i, i + 3, who))
                i += 3
            else:
                i += 1
    return out


def _pinyin(text: str) -> str:
    from anyascii import anyascii

    return _NOT_LETTERS.sub("", anyascii(text).lower()).replace(" ", "")


def _mention(text: str, start: int, end: int, who: Who, table: ActorTable, published: str | None) -> Mention:
    surface = text[start:end]
    if who.user is not None:
        p = who.user
        return Mention(start, end, surface, "PERSON", p.name, "person", p.country, p.role)
    found = table.find(who.name, published, person=who.person)
    country, sector, role = (found.country, found.sector, found.role) if found else (None, None, None)
    if who.person:
        return Mention(start, end, surface, "PERSON", who.name, "person", country, role, sector)
    return Mention(start, end, surface, "ORG", who.name, None, country, role, sector)
