"""The compare stage: a story's comparison (its facts and each article's provenance) made again only when the story
changes.

Every write that changes a story's articles (an article joining it, a merge, a split) or what is linked in them (a
relink of a name) raises the story's revision in the store. The stage reads, in one snapshot, the stories whose
stored comparison is not of their current revision (`Store.stale_comparisons`), compares each (`plan`, pure over
the records the lookup gives), and hands the comparisons to the store, which keeps each one only if its story is
still at that revision: a story another writer changed meanwhile stays stale for that writer's own compare stage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from newsgraph.analyze.embedding import EncoderSpec
from newsgraph.compare import facts
from newsgraph.models import Article, Comparison, Lemmas, Provenance
from newsgraph.options import QUOTE_CONFIDENCE

Reuse = Mapping[str, tuple[str | None, float | None]]

DEFAULT_ENCODER = facts.DEFAULT_ENCODER
STORIES_PER_ROUND = 200
"""Stories compared from one snapshot and stored in one transaction."""


class Lookup(Protocol):
    """What the stage reads (a snapshot of newsgraph.store.Store)."""

    def story_members(self, story_ids: Sequence[str]) -> dict[str, list[str]]: ...

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]: ...

    def reuse(self, article_ids: Sequence[str] | None = None) -> dict[str, tuple[str | None, float | None]]: ...

    def quotes(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]: ...

    def events(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]: ...

    def times(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]: ...

    def lemmas(self, article_ids: Sequence[str]) -> dict[str, list[tuple[int, str]]]: ...


def compare(
    story_id: str,
    revision: int,
    articles: Sequence[Article],
    reuse: Reuse,
    quotes: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    times: Sequence[Mapping[str, Any]] | None = None,
    outlet_of: Mapping[str, str | None] | None = None,
    lemmas: Mapping[str, Lemmas] | None = None,
    encoder: EncoderSpec | None = DEFAULT_ENCODER,
) -> Comparison:
    """One story's comparison from its records: its articles (in publication order), their reprint links, quotes,
    events and time expressions; `outlet_of`: the outlets of texts outside the story that its articles reprint;
    `lemmas`: the articles' content words, by which wordings are matched; `encoder`: the sentence encoder statements
    are also aligned by meaning with (None: by their records' words only)."""
    return Comparison(
        story_id,
        revision,
        facts.align(facts.sources(articles, reuse, outlet_of, lemmas), quotes, events, times, encoder),
        provenance(articles, quotes, reuse),
    )


def confident(quotes: Iterable[Mapping[str, Any]], least: float) -> list[dict[str, Any]]:
    """The quotes (store rows) of at least this confidence; a row without one (read from elsewhere) counts as sure."""
    return [dict(q) for q in quotes if float(q.get("confidence", 1.0)) >= least]


def plan(
    stale: Sequence[tuple[str, int]],
    lookup: Lookup,
    failures: list[tuple[str, str]] | None = None,
    min_confidence: float = QUOTE_CONFIDENCE,
    encoder: EncoderSpec | None = DEFAULT_ENCODER,
) -> list[Comparison]:
    """The comparisons of these stories ((id, revision) pairs), from the records the lookup gives; quotes below
    `min_confidence` are left out (`Options.quote_confidence`); `encoder` (`analyze.embedding.spec_for`; None with
    `Options.embeddings` off): statements are aligned by meaning with it too. A story whose comparison fails gets one
    with its provenance and no facts (so it is not tried again until it changes), and (story id, reason) in
    `failures`."""
    members = lookup.story_members([sid for sid, _ in stale])
    ids = [aid for sid, _ in stale for aid in members.get(sid, [])]
    if not ids:
        return []
    by_id = {a.id: a for a in lookup.articles(ids)}
    reuse = lookup.reuse(ids)
    roots = {root for root, _ in reuse.values() if root}  # the texts reprinted, in these stories or others
    outside = sorted(roots - set(by_id))
    outlet_of = {r: by_id[r].outlet for r in roots if r in by_id}
    outlet_of |= {a.id: a.outlet for a in lookup.articles(outside)} if outside else {}
    quotes: dict[str, list[dict[str, Any]]] = {}
    for q in confident(lookup.quotes(ids), min_confidence):
        quotes.setdefault(q["article_id"], []).append(q)
    events: dict[str, list[dict[str, Any]]] = {}
    for e in lookup.events(ids):
        events.setdefault(e["article_id"], []).append(e)
    times: dict[str, list[dict[str, Any]]] = {}
    for t in lookup.times(ids):
        times.setdefault(t["article_id"], []).append(t)
    lemmas = {aid: Lemmas.of(found) for aid, found in lookup.lemmas(ids).items()}
    out = []
    for sid, revision in stale:
        own = [by_id[aid] for aid in members.get(sid, []) if aid in by_id]
        if not own:
            continue
        own_reuse = {a.id: reuse[a.id] for a in own if a.id in reuse}
        own_quotes = [q for a in own for q in quotes.get(a.id, [])]
        try:
            out.append(
                compare(
                    sid,
                    revision,
                    own,
                    own_reuse,
                    own_quotes,
                    [e for a in own for e in events.get(a.id, [])],
                    [t for a in own for t in times.get(a.id, [])],
                    outlet_of,
                    lemmas,
                    encoder,
                )
            )
        except Exception as exc:  # noqa: BLE001 - one story's failure costs that story's facts only
            out.append(Comparison(sid, revision, [], provenance(own, own_quotes, own_reuse)))
            if failures is not None:
                failures.append((sid, f"not compared: {type(exc).__name__}: {exc}"[:300]))
    return out


def provenance(articles: Sequence[Article], quotes: Iterable[Mapping[str, Any]], reuse: Reuse) -> list[Provenance]:
    """Per article: what it credits (wire agencies), the media it cites for words it reports (a quote's medium,
    or a medium quoted as speaker), the speakers it quotes (most quoted first) and the text it reprints."""
    media: dict[str, dict[str, None]] = {}
    speakers: dict[str, Counter[str]] = {}
    for q in quotes:
        aid = q["article_id"]
        if q.get("via"):
            media.setdefault(aid, {})[q["via"]] = None
        if q.get("speaker_kind") == "media" and q.get("speaker"):
            media.setdefault(aid, {})[q["speaker"]] = None
        elif q.get("speaker"):
            speakers.setdefault(aid, Counter())[q["speaker"]] += 1
    return [
        Provenance(
            a.id,
            a.outlet,
            list(a.credited),
            list(media.get(a.id, {})),
            [name for name, _ in sorted(speakers.get(a.id, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))],
            reuse.get(a.id, (None, None))[0],
        )
        for a in articles
    ]
