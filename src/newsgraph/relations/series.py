"""Relations between actors over time: pure functions over event rows, no database.

`series` turns the events between two actors into a time series by day, week or month: counts per
event type and per QuadClass, the mean intensity, and the events behind each point. `activity` counts
the most active actors and pairs. Actors are keys: a country code ('RUS'), which matches an event
participant of that country (a country, or a person or group the text places in it), or an entity id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from statistics import fmean
from typing import Any

from newsgraph.models import ActorActivity, Dyad, Relation, RelationEvent, RelationPoint, event_id

PERIODS = ("day", "week", "month")
COUNTED_MODES = frozenset({"asserted", "attributed"})
"""Modes whose intensity a period's mean takes (what is said to have happened, not what is intended or denied)."""
SKIPPED_MODES = frozenset({"negated"})
"""Modes left out of relations altogether: what the text says did not happen."""


def _once(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes one event of a text: a meeting stored both ways ('Kim met Lavrov', 'Lavrov met Kim') or a drill
    paired out among its participants is one event between any two of them."""
    return (row["article_id"], row.get("trigger_start", row.get("idx")), row["type"])


def period_of(day: str, by: str) -> str | None:
    """The first day of the period holding `day` (YYYY-MM-DD; YYYY-MM for a month), or None when the date
    is not precise enough for the period (a year alone; a month for days and weeks)."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}: one of {', '.join(PERIODS)}")
    try:
        if len(day) == 7 and by == "month":
            return date.fromisoformat(day + "-01").isoformat()
        d = date.fromisoformat(day[:10])
    except ValueError:
        return None
    if by == "day":
        return d.isoformat()
    if by == "week":
        return (d - timedelta(days=d.weekday())).isoformat()
    return d.replace(day=1).isoformat()


def _side(row: Mapping[str, Any], role: str, keys: frozenset[str]) -> bool:
    return row[f"{role}_country"] in keys or row[f"{role}_id"] in keys


def between(row: Mapping[str, Any], a: frozenset[str], b: frozenset[str]) -> bool:
    """The event runs from an actor of `a` to one of `b`, or the other way."""
    return (_side(row, "source", a) and _side(row, "target", b)) or (
        _side(row, "source", b) and _side(row, "target", a)
    )


def relation_event(row: Mapping[str, Any]) -> RelationEvent:
    return RelationEvent(
        id=event_id(row["article_id"], row["idx"]),
        article_id=row["article_id"],
        outlet=row.get("outlet"),
        date=row["date"],
        type=row["type"],
        quad_class=row["quad_class"],
        intensity=row["intensity"],
        mode=row["mode"],
        source=row["source"],
        source_country=row["source_country"],
        target=row["target"],
        target_country=row["target_country"],
        claimant=row["claimant"],
        sentence=row.get("sentence", ""),
    )


def series(
    rows: Iterable[Mapping[str, Any]],
    a: Sequence[str],
    b: Sequence[str],
    by: str = "week",
    names: tuple[str, str] | None = None,
) -> Relation:
    """The relation between actor `a` and actor `b` (each a list of keys that name it: a country code,
    entity ids) period by period; events without a date precise enough for the period, and negated events, are
    left out, and an event stored once per direction or pair counts once."""
    keys_a, keys_b = frozenset(a), frozenset(b)
    grouped: dict[str, list[RelationEvent]] = defaultdict(list)
    kept: list[RelationEvent] = []
    seen: set[tuple[Any, ...]] = set()
    # of an event stored both ways, the way from `a` to `b` is the one shown
    for row in sorted(rows, key=lambda r: not _side(r, "source", keys_a)):
        if not row["date"] or row["mode"] in SKIPPED_MODES or not between(row, keys_a, keys_b) or _once(row) in seen:
            continue
        seen.add(_once(row))
        period = period_of(row["date"], by)
        if period is None:
            continue
        event = relation_event(row)
        grouped[period].append(event)
        kept.append(event)
    order: Callable[[RelationEvent], tuple[str, str]] = lambda e: (e.date or "", e.id)  # noqa: E731
    points = [_point(period, sorted(grouped[period], key=order)) for period in sorted(grouped)]
    a_name, b_name = names or (a[0], b[0])
    return Relation(a[0], b[0], a_name, b_name, by, points, sorted(kept, key=order))


def _point(period: str, events: list[RelationEvent]) -> RelationPoint:
    counted = [e.intensity for e in events if e.mode in COUNTED_MODES]
    return RelationPoint(
        period=period,
        counts=dict(Counter(e.type for e in events).most_common()),
        quad_counts=dict(sorted(Counter(e.quad_class for e in events).items())),
        intensity=round(fmean(counted), 2) if counted else None,
        events=[e.id for e in events],
    )


def _keys(row: Mapping[str, Any], role: str) -> list[tuple[str, str]]:
    """An event participant as actors: its country (by code) and its entity (by id), when known."""
    out = []
    if row[f"{role}_country"]:
        out.append((row[f"{role}_country"], row[f"{role}_country"]))
    if row[f"{role}_id"] and row.get(f"{role}_kind") != "country":  # a country's entity is its code
        out.append((row[f"{role}_id"], row[role] or row[f"{role}_id"]))
    return out


def activity(
    rows: Iterable[Mapping[str, Any]], names: Mapping[str, str], limit: int = 20
) -> tuple[list[ActorActivity], list[Dyad]]:
    """The actors in most events and the pairs with most events between them (countries by code, other
    entities by id), each with its mean intensity over asserted and attributed events; negated events are left
    out, and an event stored once per direction or pair counts once for each actor and pair."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    scores: dict[str, list[float]] = defaultdict(list)
    shown: dict[str, str] = {}
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    pair_scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    once: set[tuple[Any, ...]] = set()
    for row in rows:
        if row["mode"] in SKIPPED_MODES:
            continue
        counted = row["mode"] in COUNTED_MODES
        sides = {role: _keys(row, role) for role in ("source", "target")}
        for role, keys in sides.items():
            for key, name in keys:
                shown.setdefault(key, names.get(key, name))
                if (key, role, *_once(row)) in once:
                    continue
                once.add((key, role, *_once(row)))
                seen[key][role] += 1
                if counted:
                    scores[key].append(row["intensity"])
        for s_key, _ in sides["source"][:1]:
            for t_key, _ in sides["target"][:1]:
                pair = (min(s_key, t_key), max(s_key, t_key))
                if s_key == t_key or (pair, *_once(row)) in once:
                    continue
                once.add((pair, *_once(row)))
                pairs[pair]["events"] += 1
                pairs[pair]["cooperation" if row["quad_class"] in (1, 2) else "conflict"] += 1
                if counted:
                    pair_scores[pair].append(row["intensity"])
    actors = [
        ActorActivity(key, shown[key], c["source"] + c["target"], c["source"], c["target"], _mean(scores[key]))
        for key, c in seen.items()
    ]
    actors.sort(key=lambda x: (-x.events, x.key))
    dyads = [
        Dyad(
            a,
            shown.get(a, a),
            b,
            shown.get(b, b),
            c["events"],
            c["cooperation"],
            c["conflict"],
            _mean(pair_scores[(a, b)]),
        )
        for (a, b), c in pairs.items()
    ]
    dyads.sort(key=lambda d: (-d.events, d.a, d.b))
    return actors[:limit], dyads[:limit]


def _mean(values: list[float]) -> float | None:
    return round(fmean(values), 2) if values else None
