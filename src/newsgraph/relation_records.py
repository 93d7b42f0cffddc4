"""Records of the relations between actors over time (`Newsgraph.relations`, `Newsgraph.actors`, `Newsgraph.pairs`);
`newsgraph.models` gives them with the other records that flow between the stages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelationEvent:
    """One event as a relation shows it behind a point, or a story's brief in its timeline."""

    id: str
    article_id: str
    outlet: str | None
    date: str | None
    type: str
    quad_class: int
    intensity: float
    mode: str
    source: str | None
    source_country: str | None
    target: str | None
    target_country: str | None
    claimant: str | None
    sentence: str
    sources: tuple[tuple[str | None, str | None], ...] = ()
    """In a story's brief, every source (name, country) of the one happening this row stands for ('the United States,
    Japan and South Korea held drills': all three); empty when `source` alone is."""
    targets: tuple[tuple[str | None, str | None], ...] = ()
    """Likewise every target; the same actors as `sources` when they acted together or on each other."""

    @property
    def together(self) -> bool:
        """The participants acted together or on each other (a joint drill, a meeting): sources and targets are the
        same actors."""
        return len(self.sources) > 1 and set(self.sources) == set(self.targets)


@dataclass(frozen=True)
class RelationPoint:
    """One period of a relation: its events counted by type, and their mean intensity."""

    period: str
    """The period's first day, YYYY-MM-DD (a week starts on Monday, a month on its 1st)."""
    counts: dict[str, int]
    """event type -> events of the period"""
    quad_counts: dict[int, int]
    """QuadClass -> events of the period"""
    intensity: float | None
    """Mean intensity of the period's events that are asserted or attributed (None when there are none)."""
    events: list[str]
    """Ids of the period's events, in date order."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Relation:
    """What two actors did to each other (either way), period by period."""

    a: str
    """The first actor as asked: a country code ('RUS') or an entity's name or id."""
    b: str
    a_name: str
    b_name: str
    by: str
    """day, week or month"""
    points: list[RelationPoint]
    events: list[RelationEvent]
    """Every event of the series, in date order."""


@dataclass(frozen=True)
class ActorActivity:
    """An actor (an entity, or a country by its code) and how many events it takes part in."""

    key: str
    """A country code, or an entity id."""
    name: str
    events: int
    as_source: int
    as_target: int
    intensity: float | None


@dataclass(frozen=True)
class Dyad:
    """Two actors and the events between them (either way)."""

    a: str
    a_name: str
    b: str
    b_name: str
    events: int
    cooperation: int
    """events of QuadClass 1 or 2"""
    conflict: int
    """events of QuadClass 3 or 4"""
    intensity: float | None
