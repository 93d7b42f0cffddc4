"""What a story's outlets agree on, what only one reports, where they conflict: facts aligned across articles.

Pure functions over one story's records (its articles, and the quotes, events and time expressions their analyses
stored): no database. Five kinds of fact are aligned:

- **happenings**: what several articles report in other words, their statements aligned by meaning with the
  bundled sentence encoder and checked slot by slot (`happenings`); the story's main happening is the one most
  sources report;
- **quotes**: one speaker's statements, matched across articles by the speaker's entity and the overlap of
  their words (translations and paraphrases of one statement are *variants* of one fact, with how far their
  wordings differ); a denial set against the claim it denies makes that claim *conflicting*;
- **events**: same type, same source and target in the same direction (by entity, else by country); one source's
  report against another's denial is a conflict. An event whose sentences a happening holds is that happening;
- **quantities**: a number with what it counts ('more than 1,000 containers', '290 kilometers'): the same
  thing counted alike is one fact, counted differently a conflict (`quantities`);
- **dates**: the day each event happened, as the articles date it in their own words.

Statuses (`records.status`): `conflicting` only between two independent sources (the copies of one wire dispatch
are one source; never within one article), `corroborated` when two or more report it, `single_source` when the
story has another source that is silent on it, `uncompared` when it has none. Every fact carries its evidence
(article ids and character offsets of the words that support it) and a confidence (how close its wordings are, and
the slots they agree on).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsgraph.analyze.embedding import EncoderSpec
from newsgraph.compare import happenings as meaning
from newsgraph.compare.quantities import align_quantities
from newsgraph.compare.records import (
    STATUSES,
    Member,
    StoryArticle,
    dates_by_article,
    days_in,
    dice,
    fact,
    sources,
)
from newsgraph.models import Evidence, Fact, Variant

__all__ = ["STATUSES", "StoryArticle", "align", "align_quotes", "sources"]

DEFAULT_ENCODER = EncoderSpec()
"""The encoder statements are aligned with when the caller names none (the analysis's own: `analyze.embedding`)."""
QUOTE_MATCH = 0.34
"""Dice overlap of content words (as lemmas) at which two quotes of one speaker are one statement."""


def align_quotes(
    articles: Sequence[StoryArticle], quotes: Iterable[Mapping[str, Any]], story_units: int = 2
) -> list[Fact]:
    """One fact per statement: a speaker's quotes (by entity, else by the words that name them) whose words
    overlap across articles; a denial joins the claim it denies and makes it conflicting."""
    by_id = {a.id: a for a in articles}
    order = {aid: i for i, aid in enumerate(by_id)}
    rows = sorted((q for q in quotes if q["article_id"] in by_id), key=lambda q: (order[q["article_id"]], q["idx"]))
    groups: list[list[Mapping[str, Any]]] = []
    words: list[frozenset[str]] = []
    claim_of: dict[tuple[str, int | None], int] = {}
    of_speaker: dict[tuple[str, str], list[int]] = {}  # (speaker, stance) -> its groups: compared only among them
    words_of = {(q["article_id"], q["idx"]): by_id[q["article_id"]].words(q["start"], q["end"], q["text"])
                for q in rows}  # fmt: skip
    for q in rows:
        w = words_of[(q["article_id"], q["idx"])]
        speaker = (q.get("speaker_id") or _folded(q.get("speaker") or ""), q["stance"])
        best, score = None, QUOTE_MATCH
        for k in of_speaker.get(speaker, []):
            s = dice(w, words[k])
            if s >= score:
                best, score = k, s
        if best is None:
            groups.append([q])
            words.append(w)
            best = len(groups) - 1
            of_speaker.setdefault(speaker, []).append(best)
        else:
            groups[best].append(q)
            words[best] = words[best] | w
        claim_of[(q["article_id"], q["idx"])] = best
    deniers: dict[int, list[Mapping[str, Any]]] = {}  # claim's group -> the denials set against it
    for q in rows:
        if q["stance"] == "denies" and (q["article_id"], q.get("denies")) in claim_of:
            deniers.setdefault(claim_of[(q["article_id"], q["denies"])], []).append(q)
    out = []
    for k, group in enumerate(groups):
        base = words_of[(group[0]["article_id"], group[0]["idx"])]
        members = [
            (
                by_id[q["article_id"]],
                Variant(
                    q["article_id"],
                    by_id[q["article_id"]].outlet,
                    q["text"],
                    q["stance"],
                    round(1 - dice(base, words_of[(q["article_id"], q["idx"])]), 2),
                ),
                Evidence(q["article_id"], q["start"], q["end"]),
            )
            for q in group
        ]
        against = [
            (by_id[q["article_id"]], Variant(q["article_id"], by_id[q["article_id"]].outlet, q["text"], "denies", 1.0),
             Evidence(q["article_id"], q["start"], q["end"]))
            for q in deniers.get(k, [])
        ]  # fmt: skip
        claimants = {m[0].unit for m in members}
        conflict = any(m[0].unit not in claimants or len(claimants) > 1 for m in against)
        out.append(fact("quote", members + against, conflict, group[0].get("speaker"), _quote_confidence(group),
                        ["speaker"] if len(members) > 1 else [], story_units))  # fmt: skip
    return out


def _folded(name: str) -> str:
    """A speaker's words as a key: case and the form of apostrophes and spaces aside ('country’s agency')."""
    return " ".join(name.replace("’", "'").casefold().split())


def _quote_confidence(group: Sequence[Mapping[str, Any]]) -> float:
    """A quote is as sure as its least sure record (`confidence`: docs/quotes.md)."""
    return min(float(q.get("confidence", 1.0)) for q in group)


def _actor(row: Mapping[str, Any], role: str) -> str | None:
    return row.get(f"{role}_id") or row.get(f"{role}_country") or (row.get(role) or "").casefold() or None


@dataclass
class _Mention:
    """One event as one article gives it: all the records of one trigger (a meeting stored both ways, a drill
    paired out among its participants)."""

    article: StoryArticle
    type: str
    actors: set[str]
    rows: list[Mapping[str, Any]]
    countries: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    """who did it: its source's key and country"""
    targets: set[str] = field(default_factory=set)
    _words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """The content words of its sentence (computed once)."""
        if self._words is None:
            row = self.rows[0]
            self._words = self.article.words(row["start"], row["end"], row["sentence"])
        return self._words


def event_groups(articles: Sequence[StoryArticle], events: Iterable[Mapping[str, Any]]) -> list[list[_Mention]]:
    """The story's events, one group per event: its mentions across articles (one per article) with the same type and
    the same actors (two in common, or all of them), asserted or denied."""
    by_id = {a.id: a for a in articles}
    triggers: dict[tuple[str, int], _Mention] = {}
    for e in events:
        if e["article_id"] not in by_id or _actor(e, "source") is None:
            continue
        key = (e["article_id"], e["trigger_start"])
        m = triggers.setdefault(key, _Mention(by_id[e["article_id"]], e["type"], set(), []))
        m.actors |= {k for k in (_actor(e, "source"), _actor(e, "target")) if k}
        m.countries |= {c for c in (e.get("source_country"), e.get("target_country")) if c}
        m.sources |= {k for k in (_actor(e, "source"), e.get("source_country")) if k}
        m.targets |= {k for k in (_actor(e, "target"), e.get("target_country")) if k}
        m.rows.append(e)
    groups: list[list[_Mention]] = []
    articles_in: list[set[str]] = []  # the articles each group has a report of (one per article)
    naming: dict[tuple[str, str], list[int]] = {}  # (type, actor) -> the groups of the type whose first names it
    run = ("", 0)  # the article whose reports are being read, and the groups made before it
    # reports first, then denials, which join the event they deny (also in the article that reports it)
    for m in sorted(triggers.values(), key=_denied):
        if not _denied(m) and m.article.id != run[0]:
            run = (m.article.id, len(groups))
        # one event names an actor of the other (`_same_event`); a report joins no group of its own article (those
        # made while its article is read are)
        before = len(groups) if _denied(m) else run[1]
        near = sorted({k for actor in m.actors for k in naming.get((m.type, actor), ()) if k < before})
        home = next(
            (k for k in near if (_denied(m) or m.article.id not in articles_in[k]) and _same_event(groups[k][0], m)),
            None,
        )
        if home is None:
            groups.append([m])
            articles_in.append({m.article.id})
            for actor in m.actors:
                naming.setdefault((m.type, actor), []).append(len(groups) - 1)
        else:
            groups[home].append(m)
            articles_in[home].add(m.article.id)
    return groups


def _denied(m: _Mention) -> bool:
    return m.rows[0]["mode"] == "negated"


def _event_name(group: list[_Mention]) -> str:
    first = next((m for m in group if not _denied(m)), group[0]).rows[0]
    return f"{first['type']}: {first.get('source') or '?'} -> {first.get('target') or '?'}"


def align_events(groups: Sequence[list[_Mention]], story_units: int = 2) -> list[Fact]:
    """One fact per event (`event_groups`): a conflict when one source reports it and another says it did not
    happen."""
    out = []
    for group in groups:
        base = group[0].words
        members = [
            (m.article, Variant(m.article.id, m.article.outlet, m.rows[0]["sentence"],
                                "denies" if _denied(m) else "asserts",
                                distance=round(1 - dice(base, m.words), 2)),
             Evidence(m.article.id, m.rows[0]["start"], m.rows[0]["end"]))
            for m in group
        ]  # fmt: skip
        said = {m.article.unit for m in group if not _denied(m)}
        denied = any(_denied(m) and (said - {m.article.unit}) for m in group)
        sure = 1.0 if len(group) == 1 else 0.7 + 0.3 * sum(1 - v[1].distance for v in members[1:]) / (len(group) - 1)
        out.append(fact("event", members, denied, _event_name(group), sure, ["actors"] if len(group) > 1 else [],
                        story_units))  # fmt: skip
    return out


def align_dates(
    groups: Sequence[list[_Mention]], times: Iterable[Mapping[str, Any]] | None = None, story_units: int = 2
) -> list[Fact]:
    """When each event happened, as its articles date it in their own words: a time expression of the event's
    sentence gives its date (`times`: the articles' time expressions; without them, a date other than the article's
    own publication day counts as said). The same day from independent sources is corroborated, different days a
    conflict. Events no article dates in its words have no date fact."""
    days_at = dates_by_article(times or ())

    def said_in_words(m: _Mention, day: str) -> bool:
        if times is None:
            return day != m.article.published
        row = m.rows[0]
        return day in days_in(days_at.get(m.article.id, []), row["start"], row["end"])

    out = []
    for group in groups:
        said = [
            (m, m.rows[0]["date"])
            for m in group
            if not _denied(m)
            and m.rows[0]["date"]
            and len(m.rows[0]["date"]) == 10
            and said_in_words(m, m.rows[0]["date"])
        ]
        if not said:
            continue
        first = said[0][1]
        members = [
            (m.article, Variant(m.article.id, m.article.outlet, f"{day}: {m.rows[0]['sentence']}",
                                distance=0.0 if day == first else 1.0),
             Evidence(m.article.id, m.rows[0]["start"], m.rows[0]["end"]))
            for m, day in said
        ]  # fmt: skip
        conflict = any(a.article.unit != b.article.unit and x != y for a, x in said for b, y in said)
        agreed = ["date"] if any(a.article.unit != b.article.unit and x == y for a, x in said for b, y in said) else []
        dated = fact("date", members, conflict, agreed=agreed, story_units=story_units)
        out.append(replace(dated, text=f"{_event_name(group)} on {first}"))
    return out


EVENT_CONTEXT = 0.25
"""Dice overlap of two sentences at which mentions sharing one actor between the same two countries are one event."""


def _same_event(a: _Mention, b: _Mention) -> bool:
    """Two mentions of one type are one event when they name the same actors (all, or two in common), or one actor
    in common between the same two countries in sentences that share their words ('Lavrov's visit to Pyongyang,
    Kim Jong Un declared ...', 'Kim Jong Un said ... as he met Lavrov')."""
    if a.sources & b.targets and a.targets & b.sources and not a.sources & b.sources:
        return False  # the other way round: 'Putin accused Ukraine' is not 'Ukraine accused Russia'
    common = len(a.actors & b.actors)
    if a.actors == b.actors or common >= 2:
        return True
    if common < 1 or len(a.countries) != 2 or a.countries != b.countries:
        return False
    return dice(a.words, b.words) >= EVENT_CONTEXT


def align(
    articles: Sequence[StoryArticle],
    quotes: Iterable[Mapping[str, Any]],
    events: Iterable[Mapping[str, Any]],
    times: Iterable[Mapping[str, Any]] | None = None,
    encoder: EncoderSpec | None = DEFAULT_ENCODER,
) -> list[Fact]:
    """Every aligned fact of a story, each once: conflicts first, then what independent sources agree on, then what
    only one reports; within each, the most reported first, happenings before the rest. `times`: the articles' time
    expressions (None: not known); `encoder`: the sentence encoder statements are aligned by meaning with (None:
    by their records' words only), in a story of two independent sources or more."""
    quotes, events = list(quotes), list(events)
    known = None if times is None else list(times)
    story_units = len({a.unit for a in articles})
    groups = event_groups(articles, events)
    found = align_quotes(articles, quotes, story_units) + align_events(groups, story_units)
    if encoder is not None and story_units > 1:
        found = _fold(happenings(articles, quotes, events, known or (), story_units, encoder), found)
    found += align_dates(groups, known, story_units) + align_quantities(articles, known or (), story_units)
    order = {s: i for i, s in enumerate(("conflicting", "corroborated", "single_source", "uncompared"))}
    kinds = {"happening": 0}
    unique: dict[tuple[Any, ...], Fact] = {}
    for f in found:  # one fact once: the first of those with the same kind, name and evidence
        unique.setdefault((f.kind, f.who, tuple(sorted((e.article_id, e.start, e.end, e.part) for e in f.evidence))), f)
    return sorted(unique.values(), key=lambda f: (order[f.status], kinds.get(f.kind, 1), -len(f.outlets),
                                                  -f.confidence, f.kind, f.text))  # fmt: skip


def happenings(
    articles: Sequence[StoryArticle],
    quotes: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    times: Sequence[Mapping[str, Any]],
    story_units: int = 2,
    encoder: EncoderSpec = DEFAULT_ENCODER,
) -> list[Fact]:
    """What two or more articles report in other words (`happenings`): one fact per happening."""
    own: dict[str, tuple[list[Any], list[Any], list[Any]]] = {a.id: ([], [], []) for a in articles}
    for k, rows in enumerate((quotes, events, times)):
        for row in rows:
            if row["article_id"] in own:
                own[row["article_id"]][k].append(row)
    found = {a.id: meaning.statements(a, *own[a.id]) for a in articles}
    every = [s for a in articles for s in found[a.id]]
    for s, vector in zip(every, meaning.encode([s.text for s in every], encoder), strict=True):
        s.vector = vector
    out = []
    for group in meaning.align(articles, found):
        members: list[Member] = meaning.variants(group)
        agreed = {"meaning"} | group.agreed
        out.append(fact("happening", members, bool(group.conflicts), None, meaning.confidence(group), agreed,
                        story_units))  # fmt: skip
    return out


def _fold(found: list[Fact], others: list[Fact]) -> list[Fact]:
    """Happenings with the events whose sentences they hold: such an event is that happening (its name the
    happening's `who`), not a fact of its own. A happening whose every wording is a quotation of one quote fact is
    that quote."""
    quoted = [{(e.article_id, e.start, e.end, e.part) for e in f.evidence} for f in others if f.kind == "quote"]
    found = [f for f in found if not any(all(_held(e, held) for e in f.evidence) for held in quoted)]
    spans = [{(e.article_id, e.start, e.end, e.part) for e in f.evidence} for f in found]
    out: list[Fact] = []
    named: dict[int, str | None] = {}
    for f in others:
        home = None
        if f.kind == "event":
            home = next((k for k, held in enumerate(spans) if all(_held(e, held) for e in f.evidence)), None)
        if home is None:
            out.append(f)
        else:
            named.setdefault(home, f.who)
    return [replace(f, who=named[k]) if k in named else f for k, f in enumerate(found)] + out


def _held(e: Evidence, spans: set[tuple[str, int, int, str]]) -> bool:
    """Whether a span overlaps one of the spans in its article (its text, or its title)."""
    return any(aid == e.article_id and part == e.part and start < e.end and e.start < end
               for aid, start, end, part in spans)  # fmt: skip
