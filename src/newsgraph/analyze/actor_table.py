"""Who a name is when the article does not say: the actor table (package data `actors/actors.tsv`, from the
PETRARCH-2 / Phoenix dictionaries, MIT; `scripts/petrarch_actors.py`, docs/data.md).

Each actor has names (its synonyms: 'Vladimir Putin', 'Vladimir V. Putin', 'Putin') and periods: a country and a
sector ('government', 'military', 'rebels', 'igo', ...) from one day to another, with a role when the dictionary
gives one. A name is read at the article's date: 'Lavrov' in 2003 is Russia's ambassador to the UN, in 2023 its
foreign minister. The agents table (`actors/agents.tsv`) gives the sector of role nouns ('the interior ministry' ->
government, 'riot police' -> police).

Precision before recall: a full name is the actor that has it; a single word only when the dictionary lists it as a
name of its own ('Lavrov', 'Taliban') or, for a person, when exactly one actor's full name ends with it ('Bouteflika');
when several actors fit, only what they all share at that date is given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsgraph.resources import data_path

_INITIAL = re.compile(r"^[A-Za-z]\.?$")
_DATES = re.compile(r"(?<=:)\d{8}(?=:)")
_TITLES = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady", "sheikh", "sheik", "sayyed",
     "sayyid", "president", "prime", "minister", "senator", "gen.", "gen", "general", "col.", "lt.", "rep.", "sen.",
     "gov.", "the"}
)  # fmt: skip
"""Words a name may start with that are no part of it ('Mr. Obama', 'Sheikh Hassan Nasrallah'): the table's
synonyms carry many; they are dropped from the table's keys, and the article's names are looked up without them."""


def name_key(text: str) -> str:
    """A name as looked up: case-folded, accents, periods and possessives dropped, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"[.’'`]", "", text).replace("-", " ")
    return " ".join(text.split())


def without_initials(name: str) -> str:
    """A person's name without its middle initials and leading titles: 'Donald J. Trump' -> 'Donald Trump',
    'Vladimir V. Putin' -> 'Vladimir Putin', 'Mr. Obama' -> 'Obama'. The name itself when nothing would be left."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in _TITLES:
        words = words[1:]
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]]
    return " ".join(words)


@dataclass(frozen=True)
class Period:
    country: str | None
    sector: str | None
    start: str
    """YYYYMMDD, '' when open."""
    end: str
    role: str | None


@dataclass(frozen=True)
class Found:
    """What the table says of a name at a date: the actor's name (its first), country, sector and role."""

    name: str
    country: str | None
    sector: str | None
    role: str | None
    by_surname: bool = False
    """Found only as the last word of a full name the table has ('Bouteflika'), not as a name it lists."""


def _periods(raw: str) -> tuple[Period, ...]:
    out = []
    for item in raw.split(","):
        parts = item.split(":")
        if len(parts) == 5:
            country, sector, start, end, role = parts
            out.append(Period(country or None, sector or None, start, end, role or None))
    return tuple(out)


def _held(raw: str) -> frozenset[tuple[str, str]]:
    """The (country, sector) pairs of an actor's periods, read without the rest of them."""
    pairs = (item.split(":", 2) for item in raw.split(","))
    return frozenset((p[0], p[1]) for p in pairs if len(p) == 3)


def _day(date: str | None) -> str | None:
    digits = re.sub(r"\D", "", date or "")
    if len(digits) < 4:
        return None
    return (digits + "0101")[:8] if len(digits) < 8 else digits[:8]


def at(periods: tuple[Period, ...], date: str | None, snapshot: str = "") -> Period | None:
    """The period of a date: of those that hold it the one that began last; else the default (undated) one; with
    no date the default, else the last. A dated period the dictionaries left open holds after their `snapshot` day
    only for the country: whether the office is still held then they cannot say (a head of government of 2014 is
    none in 2023), so it gives no sector and no role."""
    day = _day(date)
    default = next((p for p in periods if not (p.start or p.end)), None)
    if day is None:
        return default or (periods[-1] if periods else None)
    holding = [
        p for p in periods if (p.start or p.end) and (not p.start or p.start <= day) and (not p.end or day <= p.end)
    ]
    if not holding:
        return default
    found = max(holding, key=lambda p: p.start)
    if snapshot and not found.end and day > snapshot:
        return Period(found.country, None, found.start, found.end, None)
    return found


class ActorTable:
    """The actor and agent tables, indexed by name key. Read once per process (`load_actor_table`); pickles by name."""

    def __init__(self, lines: list[str], agents: dict[str, str]) -> None:
        self._names: list[str] = []
        self._raw: list[str] = []
        self._keys: list[str] = []
        self.by_name: dict[str, list[int]] = {}
        """name key -> the actors with that name (a full name, or a single word listed as a name)"""
        self.by_surname: dict[str, list[int]] = {}
        """last word of a full name -> the actors with such a name"""
        self.agents = agents
        self.snapshot = max((d for line in lines for d in _DATES.findall(line)), default="")
        """The last day the dictionaries name: after it, an office they leave open may have ended."""
        for line in lines:
            name, keys, periods = line.split("\t")
            i = len(self._raw)
            self._names.append(name)
            self._raw.append(periods)
            self._keys.append(keys)
            for key in keys.split("|"):
                ids = self.by_name.setdefault(key, [])
                if not ids or ids[-1] != i:
                    ids.append(i)
                if " " in key:
                    ids = self.by_surname.setdefault(key.rsplit(" ", 1)[1], [])
                    if not ids or ids[-1] != i:
                        ids.append(i)

    def __reduce__(self) -> tuple[Any, ...]:
        return (load_actor_table, ())

    def name(self, i: int) -> str:
        return self._names[i]

    def aliases(self, name: str) -> list[str]:
        """Every name of the actors that have this name (their first name, then the keys of their synonyms), for
        finding an actor by any of them; [] when no actor or several have it."""
        ids = self.by_name.get(name_key(without_initials(name)), [])
        return [self._names[ids[0]], *self._keys[ids[0]].split("|")] if len(ids) == 1 else []

    def keyed(self) -> list[tuple[str, tuple[str, ...], frozenset[tuple[str, str]]]]:
        """(name, keys, its periods' (country, sector) pairs) of each actor, in the table's order (its index is the
        actor's): a light read of the whole table, without its periods' days."""
        return [
            (name, tuple(keys.split("|")), _held(raw))
            for name, keys, raw in zip(self._names, self._keys, self._raw, strict=True)
        ]

    @cache  # noqa: B019 - one table per process, read-only
    def periods(self, i: int) -> tuple[Period, ...]:
        return _periods(self._raw[i])

    def candidates(self, name: str, person: bool) -> list[int]:
        """The actors a name may be. A full name: those that have it. A single word: the one actor the dictionary
        lists it for ('Lavrov'); else, for a person, the one actor whose full name ends with it ('Bouteflika'); else
        (not a person) all that list it; none when several full names end with it ('Smith')."""
        key = name_key(without_initials(name))
        listed = list(self.by_name.get(key, ()))
        if " " in key or not key:
            return listed
        if person:
            if len(listed) == 1:
                return listed
            ending = self.by_surname.get(key, [])
            return list(ending) if not listed and len(ending) == 1 else []
        return listed

    def find(self, name: str, date: str | None, person: bool = False) -> Found | None:
        """What the table says of a name at a date; None when no actor has it. When several may be, only what they
        all share then (their country, and their sector when it too is one)."""
        held = [
            (i, p) for i in self.candidates(name, person) if (p := at(self.periods(i), date, self.snapshot)) is not None
        ]
        if not held:
            return None
        countries = {p.country for _, p in held}
        sectors = {p.sector for _, p in held}
        names = {self._names[i] for i, _ in held}
        one = len(held) == 1
        key = name_key(without_initials(name))
        return Found(
            self._names[held[0][0]] if len(names) == 1 else name,
            countries.pop() if len(countries) == 1 else None,
            sectors.pop() if len(sectors) == 1 and len(countries) <= 1 else None,
            held[0][1].role if one else None,
            " " not in key and key not in self.by_name,
        )

    def agent(self, words: str) -> str | None:
        """The sector of a role noun phrase: the longest end of it the agents table has ('the Egyptian interior
        ministry' -> 'interior ministry' -> government)."""
        tokens = name_key(words).split()
        for n in range(min(len(tokens), 5), 0, -1):
            sector = self.agents.get(" ".join(tokens[len(tokens) - n :]))
            if sector:
                return sector
        return None


def _rows(name: str) -> list[str]:
    text = data_path(f"actors/{name}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def load_actor_table() -> ActorTable:
    """The project's actor table, read once per process."""
    agents = dict(line.split("\t", 1) for line in _rows("agents.tsv") if "\t" in line)
    return ActorTable(_rows("actors.tsv"), agents)
