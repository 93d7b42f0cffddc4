"""Stories, briefs, actors and relations as plain text: the lines and table rows `newsgraph` prints.

Pure functions from the API's records to strings; the command line adds only the terminal (tables, styles) and
makes every string safe to print (`report.safe.terminal_safe`).
"""

from __future__ import annotations

from newsgraph.models import (
    UNKNOWN_OUTLET,
    ActorActivity,
    BriefArticle,
    Dyad,
    Entity,
    Evidence,
    Fact,
    HistoryEntry,
    PlaceCount,
    Provenance,
    Relation,
    RelationEvent,
    ReprintGroup,
    SpeakerQuotes,
    Story,
    StoryBrief,
    Variant,
    WatchRecord,
    WatchRound,
    outlet_name,
)
from newsgraph.options import FACT_CONFIDENCE
from newsgraph.report.brief import STATUS_ORDER, confident_facts, main_happening, outlets_text, weak_note

QUOTE_CHARS = 300
"""Characters of a quote's text `show` prints (then '…')."""
SINGLE_SHOWN = 12
"""Single-source facts `show` lists (then how many more)."""
FACT_CHARS = 160
EVENT_SHOWN = 60
"""Events `show` lists (then how many more)."""
ACTOR_HEADINGS = (("person", "people"), ("country", "countries"), ("organization", "organizations"))

STORY_COLUMNS = ("id", "title", "articles", "outlets", "dates")
ARTICLE_COLUMNS = ("published", "outlet", "title", "credited", "reprint of", "lang", "id")
ACTOR_COLUMNS = ("actor", "key", "events", "as source", "as target", "mean intensity")
DYAD_COLUMNS = ("pair", "events", "cooperation", "conflict", "mean intensity")
Row = tuple[str, ...]


# --- stories ---------------------------------------------------------------------------------------------


def story_dates(story: Story) -> str:
    """'2023-10-18 .. 2023-10-19', one day alone, or '-'."""
    first, last = story.first_published, story.last_published
    if not first:
        return "-"
    return first if first == last else f"{first} .. {last}"


def story_rows(stories: list[Story]) -> list[Row]:
    """One row per story (STORY_COLUMNS)."""
    return [
        (st.id, st.title or "(untitled)", str(len(st.article_ids)), ", ".join(st.outlets) or "-", story_dates(st))
        for st in stories
    ]


# --- a story's brief -------------------------------------------------------------------------------------


def brief_header(brief: StoryBrief) -> str:
    """'s0c14bab96c · 2 articles · 2 outlets · 2023-10-18 .. 2023-10-19', then the story's main happening as its
    sources tell it ('what happened: ... — Euronews, The Moscow Times'), when one is aligned."""
    story = brief.story
    head = f"{story.id} · {len(brief.articles)} articles · {len(story.outlets)} outlets · {story_dates(story)}"
    head += f" · in {', '.join(brief.languages)}" if brief.languages else ""
    lead = main_happening(brief.facts, brief.fact_confidence)
    return head + (f"\nwhat happened: {' '.join(lead.text.split())} — {outlets_text(lead)}" if lead else "")


def article_rows(articles: list[BriefArticle]) -> list[Row]:
    """One row per article of a brief (ARTICLE_COLUMNS); a reprint names the outlet it copies, and how much."""
    by_id = {a.id: a for a in articles}
    rows: list[Row] = []
    for a in articles:
        root, overlap = a.reprint_of, a.reprint_overlap
        original = by_id.get(root) if root else None
        reprint = f"{original.outlet if original else root} ({overlap:.0%})" if root and overlap is not None else "-"
        rows.append(
            (a.published or "-", a.outlet or "-", a.title or "-", ", ".join(a.credited) or "-", reprint,
             a.language or "-", a.id)
        )  # fmt: skip
    return rows


def brief_lines(brief: StoryBrief) -> list[str]:
    """What `newsgraph show` prints below the articles: reprints and history, dates, actors, places, quotes,
    events, facts by status, provenance, what of its articles not in English is read, and whether the comparison is
    of the story as it is now."""
    lines = [reprint_line(g, len(brief.articles)) for g in brief.reprints]
    lines += [history_line(e) for e in brief.history]
    if brief.dates:
        lines.append("dates: " + ", ".join(f"{d.value} ({d.mentions})" for d in brief.dates[:10]))
    lines += actor_lines(brief.actors)
    if brief.places:
        lines.append("places: " + place_summary(brief.places))
    lines += quote_lines(brief.quotes) + event_lines(brief.events) + fact_lines(brief.facts, brief.fact_confidence)
    lines += provenance_lines(brief.provenance)
    notes = [language_note(brief), comparison_note(brief)]
    return lines + [n for n in notes if n]


def language_note(brief: StoryBrief) -> str | None:
    """A line saying what is read of the story's articles not in English (None when all are in English)."""
    foreign = [a.language for a in brief.articles if a.language not in (None, "en")]
    if not foreign:
        return None
    langs = ", ".join(sorted({lang for lang in foreign if lang}))
    return (
        f"not in English: {len(foreign)} of {len(brief.articles)} articles ({langs}): their dates, places and the "
        "actors of the actor table and your names file are read; their quotes and events are not (English only)"
    )


def comparison_note(brief: StoryBrief) -> str | None:
    """A line saying the facts are not of the story as it is now (None when they are)."""
    if not brief.comparison_stale:
        return None
    if brief.compared_at is None:
        return "facts: not compared yet (run: newsgraph compare)"
    return f"facts: compared at {brief.compared_at}, before the story last changed (run: newsgraph compare)"


def reprint_line(group: ReprintGroup, total: int) -> str:
    """'2 of 6 articles are reprints of one AFP dispatch', '1 of 2 articles is a reprint of one text'."""
    if group.source:
        source = f"one {group.source} {group.kind}"
    else:
        source = "one text" if group.kind == "text" else f"one {group.kind}"
    noun = "articles is a reprint" if len(group.copies) == 1 else "articles are reprints"
    return f"{len(group.copies)} of {total} {noun} of {source}"


def history_line(entry: HistoryEntry) -> str:
    n = len(entry.article_ids)
    count = f"{n} article" + ("" if n == 1 else "s")
    if entry.kind == "merged":
        return f"{entry.at}: story {entry.other_id} ({count}) merged into {entry.story_id}"
    return f"{entry.at}: {count} split from {entry.story_id} into {entry.other_id}"


def actor_lines(actors: list[Entity], per_kind: int = 8) -> list[str]:
    """'people: Kim Jong Un (PRK, leader) 6, ...': the story's actors, most mentioned first."""
    lines = []
    for kind, heading in ACTOR_HEADINGS:
        found = [e for e in actors if e.type == kind][:per_kind]
        if found:
            parts = []
            for e in found:
                about = ", ".join(x for x in (e.country if kind == "person" else None, e.role) if x)
                parts.append(f"{e.name}{f' ({about})' if about else ''} {e.mentions}")
            lines.append(f"{heading}: " + ", ".join(parts))
    return lines


def place_summary(places: list[PlaceCount], limit: int = 12) -> str:
    """'Pyongyang (PRK, city; 39.03, 125.75) 15, ...': the places given, most named first."""
    parts = []
    for p in places[:limit]:
        where = f"{p.country}, {p.feature}" if p.country and p.feature != "country" else p.feature
        parts.append(f"{p.name} ({where}; {p.lat:.2f}, {p.lon:.2f}) {p.mentions}")
    return ", ".join(parts)


def quoted(text: str, kind: str = "direct") -> str:
    """A quote's words on one line, cut at QUOTE_CHARS; a direct quote in quotation marks."""
    text = " ".join(text.split())
    text = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"
    marks = "\"“”«»‘’„'"
    already = text[:1] in marks and text.rstrip(" .,")[-1:] in marks
    return f"“{text}”" if kind == "direct" and not already else text


def quote_lines(groups: list[SpeakerQuotes]) -> list[str]:
    """'quotes:', then each speaker ('Sergei Lavrov (person): 2') and their quotes, one line each: '-' for a
    claim, '✗' for a denial, followed by a 'denies (officials): ...' line with what it denies. Direct quotes are
    in quotation marks, reported speech is not."""
    if not groups:
        return []
    lines = ["quotes:"]
    for group in groups:
        who = group.speaker or "(no speaker found)"
        lines.append(f"  {who}{f' ({group.kind})' if group.kind else ''}: {len(group.quotes)}")
        for q in group.quotes:
            mark = "✗" if q.stance == "denies" else "-"
            about = [q.cue or q.stance] + (["hedged"] if q.hedged else []) + ([f"via {q.via}"] if q.via else [])
            where = f"{outlet_name(q.outlet)}, {q.article_id}"
            lines.append(f"    {mark} {quoted(q.text, q.kind)} ({'; '.join(about)}) · {where}")
            if q.denies is not None:
                whose = f" ({q.denies_speaker})" if q.denies_speaker else ""
                lines.append(f"        denies{whose}: {quoted(q.denies, 'indirect')}")
    return lines


def _who(name: str | None, country: str | None) -> str:
    return f"{name or '?'}{f' ({country})' if country and country != name else ''}"


def participants(e: RelationEvent, arrow: str = "->") -> str:
    """'Sergei Lavrov (RUS) -> Kim Jong Un (PRK)'; 'United States (USA), Japan (JPN), South Korea (KOR), together'
    for actors who acted together or on each other; 'X -> Y, Z' for one act on several."""
    if e.together:
        return ", ".join(_who(*a) for a in e.sources) + ", together"
    sources = ", ".join(_who(*a) for a in e.sources) if e.sources else _who(e.source, e.source_country)
    targets = ", ".join(_who(*a) for a in e.targets) if e.targets else ""
    targets = targets or (_who(e.target, e.target_country) if e.target else "")
    return f"{sources} {arrow} {targets}" if targets else sources


def event_line(e: RelationEvent) -> str:
    """'2023-10-19 CONSULT   Sergei Lavrov (RUS) -> Kim Jong Un (PRK) (attributed), claimed by X · +3.0 · The
    Outlet': a claim's or a denial's event keeps its mode and claimant; an article with no outlet is 'unknown outlet
    (its id)'."""
    mode = "" if e.mode == "asserted" else f" ({e.mode})"
    claim = f", claimed by {e.claimant}" if e.claimant else ""
    return (
        f"  {e.date or 'undated':<10} {e.type:<9} {participants(e)}{mode}{claim}"
        f" · {e.intensity:+.1f} · {e.outlet or f'{UNKNOWN_OUTLET} ({e.article_id})'}"
    )


def event_lines(events: list[RelationEvent]) -> list[str]:
    """'events:' and a story's events, one line each in date order."""
    if not events:
        return []
    lines = ["events:"] + [event_line(e) for e in events[:EVENT_SHOWN]]
    if len(events) > EVENT_SHOWN:
        lines.append(f"  … {len(events) - EVENT_SHOWN} more (newsgraph show --json lists them all)")
    return lines


FACT_TITLES = {
    "conflicting": "conflicts:",
    "corroborated": "agreed by independent sources:",
    "single_source": "only one source:",
    "uncompared": "reported (the story has one source: nothing to compare with):",
}


def _variant_words(v: Variant, chars: int) -> str:
    """A variant's words cut at `chars`, and its outlet ('unknown outlet' for an article with none)."""
    return f"{' '.join(v.text.split())[:chars]} ({outlet_name(v.outlet, [v.article_id])})"


def fact_line(f: Fact) -> str:
    """One aligned fact: its kind, who, its first wording, the independent sources, its confidence ('· 0.82'), how
    its wordings differ and what they agree on, and for a conflict what is set against it."""
    who = f"{f.who}: " if f.who and f.kind not in ("event", "happening") else (f"{f.who} · " if f.who else "")
    text = " ".join(f.text.split())
    text = text if len(text) <= FACT_CHARS else text[: FACT_CHARS - 1] + "…"
    asserted = [v for v in f.variants if v.stance == "asserts"]
    wordings = len({" ".join(v.text.split()) for v in asserted})
    spread = max((v.distance for v in asserted), default=0.0)
    line = f"  {f.kind:<9} {who}{text} — {outlets_text(f)} · {f.confidence:.2f}"
    about = [f"{wordings} wordings, up to {spread:.2f} apart"] if wordings > 1 else []
    if f.agreed and len(f.variants) > 1:
        about.append("agree on " + ", ".join(f.agreed))
    if about:
        line += f" ({'; '.join(about)})"
    denials = [v for v in f.variants if v.stance == "denies"]
    if denials:
        line += " ✗ denied: " + "; ".join(_variant_words(v, 80) for v in denials)
    elif f.status == "conflicting":
        line += " ✗ differ: " + "; ".join(_variant_words(v, 60) for v in f.variants)
    return line


def evidence_line(f: Fact) -> str:
    """Where a fact's words are: each article's id and character offsets (`newsgraph show`'s article ids)."""
    return "            at " + ", ".join(f"{e.article_id} {_where(e)}" for e in f.evidence)


def _where(e: Evidence) -> str:
    """'120-180' in the text, 'title' for the headline, 'title 0-42' for part of it."""
    return f"{e.start}-{e.end}" if e.part == "text" else "title"


def fact_lines(facts: list[Fact], least: float = FACT_CONFIDENCE) -> list[str]:
    """'conflicts:', 'agreed by independent sources:' and 'only one source:' with their facts of at least `least`
    confidence (happenings first, the most reported first), then how many weak facts are left out."""
    shown, weak = confident_facts(facts, least)
    lines: list[str] = []
    for status in STATUS_ORDER:
        found = [f for f in shown if f.status == status]
        if not found:
            continue
        lines.append(FACT_TITLES[status])
        listed = found if status not in ("single_source", "uncompared") else found[:SINGLE_SHOWN]
        for f in listed:
            lines += [fact_line(f), evidence_line(f)]
        if len(found) > len(listed):
            lines.append(f"  … {len(found) - len(listed)} more (newsgraph show --json lists them all)")
    note = weak_note(weak, least)
    return lines + ([note] if note else [])


def provenance_lines(entries: list[Provenance]) -> list[str]:
    """'provenance:' and one line per article: what it credits, the media it cites, whom it quotes, what it
    reprints."""
    lines = []
    for p in entries:
        parts = []
        if p.credited:
            parts.append("credits " + ", ".join(p.credited))
        if p.reprint_of:
            parts.append(f"reprints {p.reprint_of}")
        if p.media:
            parts.append("cites " + ", ".join(p.media))
        if p.quoted:
            parts.append(
                "quotes " + ", ".join(p.quoted[:8]) + (f" and {len(p.quoted) - 8} more" if len(p.quoted) > 8 else "")
            )
        if parts:
            lines.append(f"  {outlet_name(p.outlet)} ({p.article_id}): " + "; ".join(parts))
    return ["provenance:", *lines] if lines else []


# --- actors and relations --------------------------------------------------------------------------------


def signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


def actor_rows(actors: list[ActorActivity]) -> list[Row]:
    """One row per actor (ACTOR_COLUMNS)."""
    return [(a.name, a.key, str(a.events), str(a.as_source), str(a.as_target), signed(a.intensity)) for a in actors]


def dyad_rows(dyads: list[Dyad]) -> list[Row]:
    """One row per pair of actors (DYAD_COLUMNS)."""
    return [
        (f"{d.a_name} – {d.b_name}", str(d.events), str(d.cooperation), str(d.conflict), signed(d.intensity))
        for d in dyads
    ]


def relation_event_lines(relation: Relation) -> list[str]:
    """Each period with events ('2023-10-16:') and the events behind its point, one line each."""
    by_id = {e.id: e for e in relation.events}
    lines = []
    for point in relation.points:
        lines.append(f"{point.period}:")
        lines += [event_line(by_id[eid]) for eid in point.events]
    return lines


# --- watch ---------------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def watch_summary(found: WatchRound, when: str) -> str:
    """'round 2026-01-02T10:00:00+00:00: 3 sources read (1 not modified), 1 waiting; 4 new articles, 2 duplicates,
    1 failed'."""
    read = found.records
    not_modified = sum(r.status == 304 for r in read)
    parts = [f"round {when}: {_plural(len(read), 'source')} read" + (f" ({not_modified:,} not modified)"
             if not_modified else "")]  # fmt: skip
    if found.waiting:
        parts[0] += f", {len(found.waiting):,} waiting"
    report = found.report
    counts = f"{_plural(len(report.ingested), 'new article')}, {_plural(len(report.duplicates), 'duplicate')}"
    return f"{parts[0]}; {counts}, {report.failed:,} failed" + ("; stopped" if found.stopped else "")


def watch_source_line(record: WatchRecord) -> str:
    """'http://x/feed: HTTP 200, 3 new, 1 duplicate' (a source read this round)."""
    status = f"HTTP {record.status}" if record.status is not None else "read"
    line = f"{record.source}: {status}, {record.new_articles:,} new, {_plural(record.duplicates, 'duplicate')}"
    return line + (f", {record.failed:,} failed" if record.failed else "")


def watch_waiting_line(record: WatchRecord) -> str:
    """'waiting: http://x/feed: failed 3 rounds in a row (HTTP 500 ...); next try after 2026-...' (a source in
    backoff)."""
    rounds = _plural(record.failures_in_a_row, "round")
    return f"waiting: {record.source}: failed {rounds} in a row ({record.failure}); next try after {record.next_at}"
