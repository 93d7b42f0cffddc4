"""Every word list analysis reads, in one read-only bundle that travels in the analysis context.

The lists are package data (`newsgraph/data/attribution.json`, `events.json`, `roles.json`, the actor table of
`actors/`); a `Lexicons` pickles by name, not by content: a worker process (local or on a Dask cluster) that
unpickles a context reads its own copy of the same package data, once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from newsgraph.analyze.actor_table import ActorTable, load_actor_table
from newsgraph.analyze.actors import RoleLexicon, load_roles
from newsgraph.analyze.events.lexicon import EventLexicon
from newsgraph.analyze.events.lexicon import load_lexicon as load_events
from newsgraph.analyze.quotes.lexicon import AttributionLexicon
from newsgraph.analyze.quotes.lexicon import load_lexicon as load_attribution


@dataclass(frozen=True)
class Lexicons:
    attribution: AttributionLexicon
    """Who said what: verbs of saying, denials, hedges, media, anonymous sources (docs/quotes.md)."""
    events: EventLexicon
    """Who did what to whom: PLOVER triggers, modes, prepositions, pronouns (docs/events.md)."""
    roles: RoleLexicon
    """The roles people are named with ('foreign minister')."""
    actors: ActorTable
    """Who a name is at a date, and the sectors of role nouns (package data actors/, docs/data.md)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (load_lexicons, ())


@cache
def load_lexicons() -> Lexicons:
    """The project's lexicons, read once per process."""
    return Lexicons(load_attribution(), load_events(), load_roles(), load_actor_table())
