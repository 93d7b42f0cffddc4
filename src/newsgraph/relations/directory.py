"""The directory of actors: who appears in the database, how much, and with whom. Pure functions over what the store
reads (entities counted from their mentions, event rows, story counts), no database.

An actor is what relations take (newsgraph.relations.series): a country by its ISO 3166 alpha-3 code (its entity,
the country named as such, counts as the country), any other entity by its id."""

from __future__ import annotations

import base64
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import OptionsError
from newsgraph.models import Entity, MentionStat, RelationEvent
from newsgraph.relations.series import COUNTED_MODES, SKIPPED_MODES, _once, _side, activity, relation_event

MAX_ACTORS = 200
"""Actors a page may hold."""
ALIASES_SHOWN = 5
"""Aliases an actor of a list shows (its profile gives them all, counted)."""


@dataclass(frozen=True)
class ActorSummary:
    """An actor in a list: `id` is a country code or an entity id (what relations take)."""

    id: str
    name: str
    type: str
    country: str | None
    role: str | None
    aliases: list[str]
    mentions: int
    """Mentions of it (a country's: those naming the country itself)."""
    stories: int
    """Stories with an article that mentions it."""
    events: int
    """Events it takes part in (a country's: also those of the people and groups placed in it)."""


@dataclass(frozen=True)
class ActorPage:
    actors: list[ActorSummary]
    next: str | None
    """The cursor of the next page, None on the last."""


@dataclass(frozen=True)
class Alias:
    name: str
    mentions: int


@dataclass(frozen=True)
class Partner:
    """An actor that the one profiled had events with (either way): how many, and their mean intensity (asserted and
    attributed events)."""

    id: str
    name: str
    events: int
    intensity: float | None


@dataclass(frozen=True)
class ActorStory:
    id: str
    title: str | None
    last_published: str | None


@dataclass(frozen=True)
class ActorProfile:
    """One actor: what a list says of it, every alias counted, its stories (newest first), its partners in events
    (most events first) and its latest events (newest first); `*_total` counts all of them where the lists are
    bounded."""

    actor: ActorSummary
    aliases: list[Alias]
    stories: list[ActorStory]
    stories_total: int
    partners: list[Partner]
    events: list[RelationEvent] = field(default_factory=list)
    events_total: int = 0


def fold(text: str) -> str:
    """`text` for matching: case and accents aside ('Ébrard' and 'ebrard' are one), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _as_actor(e: Entity, display: Mapping[str, str]) -> tuple[str, str]:
    """(id, name) of the actor an entity is: a country's entity is the country."""
    if e.type == "country" and e.country:
        return e.country, display.get(e.country, e.name)
    return e.id, e.name


def summaries(
    entities: Iterable[Entity],
    event_rows: Iterable[Mapping[str, Any]],
    story_counts: Mapping[str, int],
    display: Mapping[str, str],
) -> list[ActorSummary]:
    """Every actor: each entity (a country's as the country) and each country events place a participant in, with
    its mentions, stories (`story_counts` by entity id; 0 for those it lacks) and events (counted as
    `relations.activity` counts them)."""
    active = {a.key: a for a in activity(event_rows, display, sys.maxsize)[0]}
    out: dict[str, ActorSummary] = {}
    for e in entities:
        key, name = _as_actor(e, display)
        events = active.pop(key).events if key in active else 0
        aliases = list(dict.fromkeys([name, *e.aliases]))
        out[key] = ActorSummary(key, name, e.type, e.country, e.role, aliases, e.mentions,
                                story_counts.get(e.id, 0), events)  # fmt: skip
    for key, act in active.items():  # a country only events place someone in, never named itself
        out[key] = ActorSummary(key, act.name, "country", key, None, [act.name], 0, 0, act.events)
    return list(out.values())


def _order(a: ActorSummary) -> tuple[int, int, str]:
    """Most mentioned first, then most events, then by id (a total order)."""
    return (-a.mentions, -a.events, a.id)


def _matches(a: ActorSummary, words: str) -> bool:
    return not words or words == fold(a.id) or any(words in fold(x) for x in a.aliases)


def encode_cursor(a: ActorSummary) -> str:
    raw = json.dumps(["actors", a.mentions, a.events, a.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_key(cursor: str) -> tuple[int, int, str]:
    try:
        kind, mentions, events, key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if kind != "actors" or not isinstance(key, str) or not isinstance(mentions, int) or not isinstance(events, int):
            raise ValueError
        return (-mentions, -events, key)
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise OptionsError("cursor: not a cursor of this listing (take it from 'next')") from exc


def page(actors: Iterable[ActorSummary], q: str = "", limit: int = 50, cursor: str | None = None) -> ActorPage:
    """The actors whose name or one of whose aliases holds `q`, or whose id is `q` (case and accents aside; '' for
    all), most mentioned first, `limit` a page after `cursor` (a keyset: actors stored between two requests shift no
    page); each with its first ALIASES_SHOWN aliases."""
    if not 1 <= limit <= MAX_ACTORS:
        raise OptionsError(f"limit: from 1 to {MAX_ACTORS}")
    after = _cursor_key(cursor) if cursor else None
    words = fold(q)
    chosen = sorted((a for a in actors if _matches(a, words)), key=_order)
    if after is not None:
        chosen = [a for a in chosen if _order(a) > after]
    shown = [_few(a) for a in chosen[:limit]]
    return ActorPage(shown, encode_cursor(shown[-1]) if len(chosen) > limit else None)


def _few(a: ActorSummary) -> ActorSummary:
    return ActorSummary(**{**a.__dict__, "aliases": a.aliases[:ALIASES_SHOWN]})


def aliases(stats: Iterable[MentionStat], name: str) -> list[Alias]:
    """Every form an actor's mentions take, with how many use it: its name first, then most used first."""
    counts: Counter[str] = Counter()
    for st in stats:
        counts[" ".join(st.text.split())] += st.count
    order = sorted(counts.items(), key=lambda kv: (kv[0] != name, -kv[1], kv[0]))
    return [Alias(n, c) for n, c in order]


def _others(row: Mapping[str, Any], role: str) -> list[tuple[str, str]]:
    """An event's participant as partners, as relations count them: its country (by code) and its entity (by id; a
    country's entity is the country), those known."""
    eid, code = row[f"{role}_id"], row[f"{role}_country"]
    found = [(code, row[role] or code)] if code else []
    return found + ([(eid, row[role] or eid)] if eid and row.get(f"{role}_kind") != "country" else [])


def partners(rows: Iterable[Mapping[str, Any]], keys: Collection[str], names: Mapping[str, str],
             limit: int = 20) -> list[Partner]:  # fmt: skip
    """The actors with most events with the actor `keys` name (events as `Store.events_of(keys)` gives them), counted
    as relations count them: a participant is a partner as its country and as its entity, an event stored both ways
    counts once, negated events not at all, an event within the actor (RUS to RUS) is no partnership. So a
    partner's count is the number of events of its relation, but for those whose date is too vague for the period."""
    mine = frozenset(keys)
    counts: Counter[str] = Counter()
    scores: dict[str, list[float]] = defaultdict(list)
    shown: dict[str, str] = {}
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        ours = "source" if _side(row, "source", mine) else "target" if _side(row, "target", mine) else None
        theirs = "target" if ours == "source" else "source"
        if ours is None or row["mode"] in SKIPPED_MODES or _side(row, theirs, mine):
            continue
        for key, name in _others(row, theirs):
            if (key, *_once(row)) in seen:
                continue
            seen.add((key, *_once(row)))
            counts[key] += 1
            shown.setdefault(key, names.get(key, name))
            if row["mode"] in COUNTED_MODES:
                scores[key].append(row["intensity"])
    found = [Partner(k, shown[k], n, round(sum(scores[k]) / len(scores[k]), 2) if scores[k] else None)
             for k, n in counts.items()]  # fmt: skip
    return sorted(found, key=lambda p: (-p.events, p.id))[:limit]


def recent_events(rows: Sequence[Mapping[str, Any]], limit: int = 20) -> tuple[list[RelationEvent], int]:
    """The latest `limit` events of `rows` (an event stored both ways once), newest first (undated last), and how
    many there are."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for row in sorted(rows, key=lambda r: (r["article_id"], r["idx"])):
        if _once(row) not in seen:
            seen.add(_once(row))
            kept.append(relation_event(row))
    kept.sort(key=lambda e: (e.date is None, tuple(-ord(c) for c in e.date or ""), e.id))
    return kept[:limit], len(kept)
