"""Cross-document linking: which entity each mention names, across the whole corpus.

Within one article, `actors.resolve` has already said who a mention is ('Kim' -> 'Kim Jong Un').
Across articles, one more rule joins names: a person named by a single name ('Lavrov') is the one
full name of a person that contains it ('Sergei Lavrov'), when exactly one does in the whole
corpus; when none does, or several do ('Kim'), the single name stays an entity of its own.

`link(analyses, lookup)` is a pure function: given a batch of analyses and a read-only lookup of
what is stored, it returns a plan (entities to create, each mention's entity, stored mentions to
relink, story-index terms to rename) that the store applies in the batch's transaction. The rule
depends only on the set of full names, so the result does not depend on the order in which
articles arrive: when a full name arrives after its single name was stored, the stored mentions
are relinked; when a second full name makes a single name ambiguous, they go back to their own.

`profiles(stats)` is the read side: an entity's display name, country, role and aliases come from
all its mentions, by counting, so that they too are the same whatever the order of ingest.
Quotes and events link their speakers and participants through the same functions.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from newsgraph.models import Analysis, Entity, EntityRef, LinkPlan, Mention, MentionStat, Relink
from newsgraph.resources import load_json
from newsgraph.stories.online import entity_term

ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "geopolitical",
    "LOC": "location",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "product",
    "LAW": "law",
    "WORK_OF_ART": "work",
}
"""spaCy labels -> the export's entity types."""

WEAK_ROLES = frozenset(load_json("roles.json")["weak_roles"])
"""Roles a more specific one outranks: 'counterpart' in one article, 'foreign minister' in another."""

_KEY_STRIP = re.compile(r"^(?:the)\s+|[’']s$", re.I)


def entity_key(text: str, label: str) -> tuple[str, str]:
    """(type, normalized name) that identifies a named entity that is not a resolved actor."""
    name = _KEY_STRIP.sub("", " ".join(text.split())).strip(" .,")
    return ENTITY_TYPES.get(label, label.lower()), name.casefold()


def entity_id(etype: str, key: str) -> str:
    return "e" + hashlib.sha1(f"{etype}|{key}".encode()).hexdigest()[:12]


def person_id(name: str) -> str:
    return entity_id("person", name.casefold())


class EntityLookup(Protocol):
    """What linking reads of the stored corpus (the store's write transaction provides it)."""

    def persons_with_token(self, tokens: Iterable[str]) -> dict[str, set[str]]:
        """token -> ids of the stored people with a full name that has this word."""
        ...

    def single_name_entities(self, names: Iterable[str]) -> dict[str, set[str]]:
        """single name -> ids of the entities its stored single-name person mentions name now."""
        ...


def _name(text: str) -> str:
    return " ".join(text.split())


def _key_of(m: Mention) -> tuple[str, str, tuple[str, ...]] | None:
    """(entity id, type, words of a person's full name) of a mention that is not a single-name person;
    None for no entity."""
    if m.kind == "country" and m.country:
        return entity_id("country", m.country), "country", ()
    if m.kind == "person" and m.canonical:
        name = _name(m.actor or m.canonical)  # the actor table's spelling of a full name, when it has one
        return (person_id(name), "person", tuple(name.split())) if " " in name else None
    # an organization the actor table knows is keyed by the table's name, so that its other spellings and scripts
    # ('Hizbollah', 'Хезболла') are one entity with 'Hezbollah'
    etype, key = entity_key(m.canonical if m.label == "ORG" and m.canonical else m.text, m.label)
    if not key:
        return None
    words = tuple(_KEY_STRIP.sub("", _name(m.text)).strip(" .,").split()) if etype == "person" else ()
    return entity_id(etype, key), etype, words if len(words) > 1 else ()  # a person no article resolved


def _single(m: Mention) -> str | None:
    """The name of a person named by a single name ('Lavrov'), else None."""
    if m.kind == "person" and m.canonical and " " not in _name(m.canonical):
        return _name(m.canonical)
    return None


def link(analyses: Sequence[Analysis], lookup: EntityLookup) -> LinkPlan:
    """The link plan of a batch of analyses against what is stored (see the module's docstring)."""
    plan = LinkPlan()
    refs: dict[str, EntityRef] = {}
    batch_full: dict[str, set[str]] = {}  # word -> ids of this batch's full names with it
    singles: set[str] = set()
    for an in analyses:
        for m in an.mentions:
            found = _key_of(m)
            if found is not None:
                eid, etype, tokens = found
                refs.setdefault(eid, EntityRef(eid, etype, tokens))
                for token in tokens:
                    batch_full.setdefault(token, set()).add(eid)
            elif (single := _single(m)) is not None:
                singles.add(single)
    words = singles | set(batch_full)
    stored_full = lookup.persons_with_token(words) if words else {}
    target: dict[str, str] = {}
    for word in words:
        fulls = stored_full.get(word, set()) | batch_full.get(word, set())
        target[word] = next(iter(fulls)) if len(fulls) == 1 else person_id(word)
    for word in singles:
        if target[word] == person_id(word):
            refs.setdefault(target[word], EntityRef(target[word], "person"))
    stored_single = lookup.single_name_entities(batch_full) if batch_full else {}
    _relinks(plan, refs, target, stored_single)  # stored mentions of a single name this batch concerns
    plan.entities = list(refs.values())
    for an in analyses:
        ids: list[str | None] = []
        for m in an.mentions:
            found = _key_of(m)
            single = _single(m) if found is None else None
            ids.append(found[0] if found else target[single] if single else None)
        plan.mention_entities[an.article_id] = ids
    return plan


def _relinks(plan: LinkPlan, refs: dict[str, EntityRef], target: dict[str, str], stored: dict[str, set[str]]) -> None:
    """Stored single-name mentions to relink: to `target[name]` where they name another entity now."""
    for word, current in sorted(stored.items()):
        to = target[word]
        if current == {to}:
            continue
        plan.relinks.append(Relink(word, to))
        own = person_id(word)
        if to == own:  # a second full name made it ambiguous: back to its own entity
            refs.setdefault(own, EntityRef(own, "person"))
        elif own in current:  # its own entity is absorbed: stories indexed under it are found under the full name
            plan.term_renames.append((entity_term(own), entity_term(to)))
            plan.drop_if_unused.append(own)


def relink(names: Iterable[str], lookup: EntityLookup) -> LinkPlan:
    """The plan that puts every stored mention of these single names where the rule says now: for a
    database whose links were made otherwise (one migrated from an earlier version)."""
    words = set(names)
    if not words:
        return LinkPlan()
    stored_full = lookup.persons_with_token(words)
    target = {w: next(iter(f)) if len(f := stored_full.get(w, set())) == 1 else person_id(w) for w in words}
    plan, refs = LinkPlan(), dict[str, EntityRef]()
    _relinks(plan, refs, target, lookup.single_name_entities(words))
    plan.entities = list(refs.values())
    return plan


# --- the read side ---------------------------------------------------------------------------------


def _top(counts: Counter[str]) -> str | None:
    """The most frequent value, the alphabetically first among equals."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def profiles(stats: Iterable[MentionStat]) -> list[Entity]:
    """Entities from counts of their mentions: name (for people the full name used most, for others the
    form used most), country and sector (the one given most), role (the most given of the specific ones, else of
    the weak ones), aliases (name first, then every form, most used first). Same figures, same result."""
    grouped: dict[str, list[MentionStat]] = {}
    for st in stats:
        grouped.setdefault(st.entity_id, []).append(st)
    out = []
    for eid, rows in grouped.items():
        etype = rows[0].type
        surfaces: Counter[str] = Counter()
        names: Counter[str] = Counter()
        roles: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        sectors: Counter[str] = Counter()
        for r in rows:
            surfaces[_name(r.text)] += r.count
            if r.name:
                names[_name(r.name)] += r.count
            if r.role:
                roles[r.role] += r.count
            if r.country:
                countries[r.country] += r.count
            if r.sector:
                sectors[r.sector] += r.count
        full = Counter({n: c for n, c in names.items() if " " in n})
        name = _top(full) or _top(names) if etype in ("person", "country") else None
        name = name or _top(surfaces) or eid
        strong = Counter({r: c for r, c in roles.items() if r not in WEAK_ROLES})
        role = _top(strong) or _top(roles)
        aliases = [name] + [a for a, _ in sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0])) if a != name]
        out.append(Entity(eid, name, etype, _top(countries), role, aliases, sum(surfaces.values()), _top(sectors)))
    return sorted(out, key=lambda e: (e.type, e.name, e.id))
