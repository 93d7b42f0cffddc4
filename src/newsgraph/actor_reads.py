"""What `Newsgraph.actor_page`, `Newsgraph.actor` and the story list's content filters read from one snapshot of the
store; the choosing and counting is newsgraph.relations.directory's (pure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from newsgraph.analyze.actors import CountryTable
from newsgraph.errors import UnknownActor
from newsgraph.relations import directory
from newsgraph.relations.directory import ActorPage, ActorProfile, ActorSummary
from newsgraph.store import Store
from newsgraph.stories import linking
from newsgraph.stories.listing import StoryQuery

Resolver = Callable[[Store, str], tuple[list[str], str]]
"""`Newsgraph._actor`: the keys that name an actor in events (a country code, or entity ids), and its name."""


def _entity_ids(keys: list[str], countries: CountryTable) -> list[str]:
    """The entities of an actor's keys: a country's code is its country entity."""
    return [linking.entity_id("country", k) if k in countries.display else k for k in keys]


def story_filter(view: Store, query: StoryQuery, resolve: Resolver, countries: CountryTable) -> set[str] | None:
    """The stories `query.actor`, `query.country` and `query.place` allow (None: no such filter); an actor nothing
    names, or a place no article mentions, allows none."""
    if not query.by_content:
        return None
    allowed: list[set[str]] = []
    if query.actor is not None:
        allowed.append(_actor_stories(view, query.actor, resolve, countries))
    if query.country is not None:
        allowed.append(view.story_ids_in_country(query.country))
    if query.place is not None:
        wanted = directory.fold(query.place)
        names = [n for n in view.place_names() if directory.fold(n) == wanted]
        allowed.append(view.story_ids_at_places(names) if names else set())
    return set.intersection(*allowed)


def _actor_stories(view: Store, actor: str, resolve: Resolver, countries: CountryTable) -> set[str]:
    """The stories that mention `actor`: an entity's id (read first: an indexed read), else what `resolve` makes of
    it (a country, a name: a scan of the names)."""
    found = set() if actor.upper() in countries.display else view.story_ids_mentioning([actor])
    if found:
        return found
    try:
        keys = resolve(view, actor)[0]
    except UnknownActor:
        return set()
    return view.story_ids_mentioning(_entity_ids(keys, countries))


class Memo:
    """What a page of actors is chosen from, kept for one state of the database and read again only when it changed:
    every actor (without story counts), and the story counts read so far, for the database's count of committed write
    transactions (`Store.changes`: any write raises it). Safe to share
    between threads: a lookup and a store are one assignment each, and two threads that miss at once both read."""

    def __init__(self) -> None:
        self._actors: tuple[tuple[int, ...], list[ActorSummary]] | None = None
        self._stories: tuple[tuple[int, ...], dict[str, int]] | None = None

    def everyone(self, view: Store, countries: CountryTable, state: tuple[int, ...]) -> list[ActorSummary]:
        held = self._actors
        if held is not None and held[0] == state:
            return held[1]
        found = directory.summaries(linking.profiles(view.mention_stats()), view.event_participants(), {},
                                    countries.display)  # fmt: skip
        self._actors = (state, found)
        return found

    def story_counts(self, view: Store, entity_ids: list[str], state: tuple[int, ...]) -> dict[str, int]:
        key = state
        held = self._stories
        known = held[1] if held is not None and held[0] == key else {}
        missing = [e for e in entity_ids if e not in known]
        if missing:
            known = {**known, **dict.fromkeys(missing, 0), **view.entity_story_counts(missing)}
            self._stories = (key, known)
        return known


def actor_page(
    view: Store, countries: CountryTable, q: str, limit: int, cursor: str | None, memo: Memo | None = None
) -> ActorPage:
    """`Newsgraph.actor_page` read from `view`."""
    memo, state = memo or Memo(), (view.changes(),)
    found = directory.page(memo.everyone(view, countries, state), q, limit, cursor)
    entity = {a.id: _entity_ids([a.id], countries)[0] for a in found.actors}
    stories = memo.story_counts(view, list(entity.values()), state)  # the page's only: the order does not need them
    return replace(found, actors=[replace(a, stories=stories.get(entity[a.id], 0)) for a in found.actors])


def actor_profile(view: Store, countries: CountryTable, actor_id: str, limit: int) -> ActorProfile | None:
    """`Newsgraph.actor` read from `view`."""
    code = actor_id.upper() if actor_id.upper() in countries.display else None
    eid = linking.entity_id("country", code) if code else actor_id
    stats = view.mention_stats([eid])
    entity = linking.profiles(stats)[0] if stats else None
    if entity is not None and entity.type == "country" and entity.country and code is None:
        return actor_profile(view, countries, entity.country, limit)  # a country's entity is the country
    if entity is None and code is None:
        return None
    keys = [code or eid]
    rows = view.events_of(keys)
    stories, total = view.stories_mentioning([eid], limit)
    found = directory.summaries([entity] if entity else [], rows, {eid: total}, countries.display)
    summary = next((a for a in found if a.id == keys[0]), None)
    if summary is None:  # a country code nothing names nor places anyone in
        return None
    partners = directory.partners(rows, keys, countries.display, limit)
    named = {e.id: e.name for e in linking.profiles(view.mention_stats([p.id for p in partners]))}  # the shown only
    events, counted = directory.recent_events(rows, limit)
    return ActorProfile(
        actor=replace(summary, aliases=summary.aliases[: directory.ALIASES_SHOWN]),
        aliases=directory.aliases(stats, summary.name),
        stories=[directory.ActorStory(**r) for r in stories],
        stories_total=total,
        partners=[replace(p, name=named.get(p.id, p.name)) for p in partners],
        events=events,
        events_total=counted,
    )
