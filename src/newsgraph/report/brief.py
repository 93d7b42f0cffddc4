"""A story's brief: what `newsgraph show` prints and `Newsgraph.brief` returns, from stored records.

Pure functions: they take what the store read (the story, its articles, reprint links, log entries,
mentions, entities, places, times, quotes) and count, group and order it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from newsgraph.ingest.metadata import is_wire
from newsgraph.ingest.outlets import OutletTable
from newsgraph.models import (
    UNKNOWN_OUTLET,
    Article,
    BriefArticle,
    BriefQuote,
    DateCount,
    Entity,
    Fact,
    HistoryEntry,
    PlaceCount,
    RelationEvent,
    ReprintGroup,
    SpeakerQuotes,
    Story,
    StoryBrief,
    outlet_name,
    quote_id,
)
from newsgraph.relations.series import relation_event

ACTOR_TYPES = ("person", "country", "organization")
"""Entities a brief lists as actors."""

STATUS_ORDER = ("conflicting", "corroborated", "single_source", "uncompared")
"""The order facts are read in, by status: conflicts first, then what independent sources agree on, then what one
reports while another is silent, then what a story of one source reports (nothing to compare it with)."""

Reuse = dict[str, tuple[str | None, float | None]]


def reprint_groups(articles: Sequence[Article], reuse: Reuse, outlets: OutletTable | None = None) -> list[ReprintGroup]:
    """Articles grouped by the text they reprint, largest group first; who the text is from: the wire
    agency it credits, else its outlet (wire agencies: those of `outlets`, None: the package's table)."""
    by_id = {a.id: a for a in articles}
    groups: dict[str, list[str]] = {}
    for a in articles:
        root = reuse.get(a.id, (None, None))[0]
        if root:
            groups.setdefault(root, []).append(a.id)
    out = []
    for root, copies in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        original = by_id.get(root)
        source, kind = None, "text"
        if original is not None:
            wires = [c for c in original.credited if is_wire(c, outlets)]
            source = wires[0] if wires else original.outlet
            kind = "dispatch" if wires or (original.outlet and is_wire(original.outlet, outlets)) else "article"
        out.append(ReprintGroup(root, source, kind, copies))
    return out


def actor_counts(mentions: Iterable[dict[str, Any]], entities: dict[str, Entity]) -> list[Entity]:
    """The story's actors with how often its articles name them, most named first."""
    counts = Counter(m["entity_id"] for m in mentions if m["entity_id"] in entities)
    found = [
        Entity(e.id, e.name, e.type, e.country, e.role, e.aliases, counts[e.id])
        for e in (entities[eid] for eid in counts)
        if e.type in ACTOR_TYPES
    ]
    return sorted(found, key=lambda e: (-e.mentions, e.name, e.id))


def place_counts(places: Iterable[dict[str, Any]]) -> list[PlaceCount]:
    """Places other than countries (listed as actors) and demonyms, most named first."""
    counts = Counter(
        (p["name"], p["country"], p["feature"], round(p["lat"], 2), round(p["lon"], 2))
        for p in places
        if p["feature"] != "country" and not p["adjectival"]
    )
    return [PlaceCount(*place, n) for place, n in counts.most_common()]


def date_counts(times: Iterable[dict[str, Any]]) -> list[DateCount]:
    """Resolved dates (DATE values that start with a year), most named first."""
    counts = Counter(t["value"] for t in times if t["type"] == "DATE" and t["value"][:1].isdigit())
    return [DateCount(value, n) for value, n in counts.most_common()]


def quote_groups(
    quotes: Iterable[dict[str, Any]], articles: Sequence[Article], entities: dict[str, Entity]
) -> list[SpeakerQuotes]:
    """The story's quotes (rows of `Store.quotes`) by speaker, the speaker with most quotes first: one group per
    entity (its name from `entities`), else per unresolved speaker's words and kind ('officials', anonymous).
    Within a group, quotes in the order of `articles` (oldest first), then of each article."""
    order = {a.id: i for i, a in enumerate(articles)}
    outlet = {a.id: a.outlet for a in articles}
    rows = sorted(quotes, key=lambda q: (order.get(q["article_id"], len(order)), q["article_id"], q["idx"]))
    by_id = {(q["article_id"], q["idx"]): q for q in rows}

    def name(q: dict[str, Any]) -> str | None:
        entity = entities.get(q["speaker_id"]) if q["speaker_id"] else None
        return entity.name if entity else q["speaker"]

    groups: dict[tuple[str | None, ...], list[dict[str, Any]]] = {}
    for q in rows:
        key = ("entity", q["speaker_id"]) if q["speaker_id"] else ("words", q["speaker"], q["speaker_kind"])
        groups.setdefault(key, []).append(q)
    out = []
    for members in groups.values():
        kinds = Counter(q["speaker_kind"] for q in members if q["speaker_kind"])
        brief_quotes = []
        for q in members:
            denied = by_id.get((q["article_id"], q["denies"])) if q["denies"] is not None else None
            brief_quotes.append(
                BriefQuote(
                    quote_id(q["article_id"], q["idx"]),
                    q["article_id"],
                    outlet.get(q["article_id"]),
                    q["text"],
                    q["kind"],
                    q["cue"],
                    q["via"],
                    q["stance"],
                    bool(q["hedged"]),
                    denied["text"] if denied else None,
                    name(denied) if denied else None,
                )
            )
        kind = min(kinds, key=lambda k: (-kinds[k], k)) if kinds else None
        out.append(SpeakerQuotes(name(members[0]), members[0]["speaker_id"], kind, brief_quotes))
    return sorted(out, key=lambda g: (-len(g.quotes), g.speaker is None, g.speaker or "", g.speaker_id or ""))


def build(
    story: Story,
    articles: Sequence[Article],
    reuse: Reuse,
    log: Iterable[dict[str, Any]],
    mentions: Iterable[dict[str, Any]],
    entities: dict[str, Entity],
    places: Iterable[dict[str, Any]],
    times: Iterable[dict[str, Any]],
    outlets: OutletTable | None = None,
    quotes: Iterable[dict[str, Any]] = (),
    events: Iterable[dict[str, Any]] = (),
) -> StoryBrief:
    brief_articles = [
        BriefArticle(
            a.id,
            a.published,
            a.outlet,
            a.title,
            list(a.credited),
            a.language,
            a.url,
            reuse.get(a.id, (None, None))[0],
            reuse.get(a.id, (None, None))[1] if reuse.get(a.id, (None, None))[0] else None,
        )
        for a in articles
    ]
    history = [
        HistoryEntry(e["at"], e["kind"], e["story_id"], e["other_id"], list(e["article_ids"]))
        for e in log
        if e["kind"] != "created"
    ]
    return StoryBrief(
        story,
        brief_articles,
        reprint_groups(articles, reuse, outlets),
        history,
        actor_counts(mentions, entities),
        place_counts(places),
        date_counts(times),
        quote_groups(quotes, articles, entities),
        event_list(events),
        languages=languages(brief_articles),
    )


def languages(articles: Iterable[BriefArticle]) -> list[str]:
    """The languages of a story's articles, that of most articles first (then alphabetically)."""
    counts = Counter(a.language for a in articles if a.language)
    return sorted(counts, key=lambda lang: (-counts[lang], lang))


def event_list(rows: Iterable[dict[str, Any]]) -> list[RelationEvent]:
    """The story's events (rows of `Store.events`) in date order, undated last, then by article and position; one
    per happening: the rows a trigger gives its pairs of actors ('the United States, Japan and South Korea held
    drills': six pairs; 'Kim met Lavrov': both ways) in one of the same type, mode and claimant, with every source
    and target (`RelationEvent.sources`, `targets`). The store and the export keep one row per pair."""
    ordered = sorted(rows, key=lambda e: (e["date"] is None, e["date"] or "", e["article_id"], e["idx"]))
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in ordered:
        key = (row["article_id"], row.get("trigger_start", row["idx"]), row["type"], row["mode"], row["claimant"])
        groups.setdefault(key, []).append(row)
    return [_happening(group) for group in groups.values()]


def _happening(rows: list[dict[str, Any]]) -> RelationEvent:
    """One event for the rows of one happening: the first row, with every source and target when there are more."""
    first = relation_event(rows[0])
    if len(rows) == 1:
        return first
    sources = tuple(dict.fromkeys((r["source"], r["source_country"]) for r in rows if r["source"]))
    targets = tuple(dict.fromkeys((r["target"], r["target_country"]) for r in rows if r["target"]))
    return replace(first, sources=sources, targets=targets)


# --- facts, as outputs read them -------------------------------------------------------------------


def fact_order(facts: Iterable[Fact], least: float) -> list[Fact]:
    """Facts in the order a brief lists them: by status (STATUS_ORDER); within each, the confident ones (confidence
    at least `least`) before the weak ones, and among each of those the happenings first (what several articles
    report in other words: what happened leads), the most reported first (most sources, then articles); the rest
    in the order they were stored (the comparison's: the most reported first)."""
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}

    def key(f: Fact) -> tuple[int, bool, bool, int, int]:
        happening = f.kind == "happening"
        reported = (-len(f.outlets), -len(f.article_ids)) if happening else (0, 0)
        return (rank.get(f.status, len(rank)), f.confidence < least, not happening, *reported)

    return sorted(facts, key=key)


def confident_facts(facts: Iterable[Fact], least: float) -> tuple[list[Fact], int]:
    """The facts `show` and the report list (confidence at least `least`, in `fact_order`) and how many weak ones
    they leave out."""
    ordered = fact_order(facts, least)
    shown = [f for f in ordered if f.confidence >= least]
    return shown, len(ordered) - len(shown)


def main_happening(facts: Iterable[Fact], least: float) -> Fact | None:
    """What the story is about, as its sources tell it: the happening of at least `least` confidence the most
    independent sources report (then the most articles; a conflicting one too: what happened is disputed), None when
    no happening is aligned."""
    found = [f for f in facts if f.kind == "happening" and f.confidence >= least]
    return min(found, key=lambda f: (-len(f.outlets), -len(f.article_ids)), default=None)


def weak_note(weak: int, least: float) -> str | None:
    """'3 weak facts left out (confidence < 0.5); `newsgraph export` keeps them' (None when there are none)."""
    if not weak:
        return None
    noun = "weak fact" if weak == 1 else "weak facts"
    return (
        f"{weak} {noun} left out (confidence < {least:g}); `newsgraph show --json` and `newsgraph export` keep "
        f"{'it' if weak == 1 else 'them'}"
    )


def outlets_text(f: Fact) -> str:
    """A fact's independent sources in words: its outlets, those it names by no outlet as 'unknown outlet' ('2
    unknown outlets' when more than one independent source has none)."""
    names = [outlet_name(o, f.article_ids) for o in f.outlets]
    known = [n for n in dict.fromkeys(names) if n != UNKNOWN_OUTLET]
    unknown = names.count(UNKNOWN_OUTLET)
    if unknown:
        known.append(UNKNOWN_OUTLET if unknown == 1 else f"{unknown} {UNKNOWN_OUTLET}s")
    return ", ".join(known)
