"""Story assignment at scale: per-article cost and peak memory at 2,000, 20,000 and 200,000 articles,
and the cost of checking a 1,000-article story for a split.

The corpus is grown from real texts (the PolNeAR train articles and the ECB+ documents in
../shared), analysed once by newsgraph's real analysis (spaCy, actors, times, places; cached under
the cache directory, so later runs skip it). Copy k of a text is published 10k days after the first
(so copies fall in other time windows, as a new year of news would), with about 5% of its words
swapped for other words of the same text and its numbers changed, outside the spans the analysis
found (whose offsets are carried over), so that no two copies are identical. Articles are written
through the real write path (one locked transaction per batch of 500: cross-document linking of
their mentions, then articles, sentences, mentions, entities, times, places), then the online
clustering assigns them. Reprint detection is left out: the copies of one text would all be
reprint candidates of each other, which real news is not. At each checkpoint the next 500 articles
are timed: writing (linking included) and story assignment, per article.

Split check: 1,024 perturbed copies of one text, published on one day, make one story; the
clustering checks it for a split at 4, 8, ..., 1,024 members. Each check is timed (loading the
members' texts, their vectors, the average-link split of at most 256 of them, the rest placed).

Peak memory is the process's maximum resident set size so far (ru_maxrss).

Run: .venv/bin/python benchmarks/scale.py [--sizes 2000,20000,200000] [--split-only] [--json]
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import pickle
import random
import re
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import fields, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsgraph import Analysis, AnalysisContext, Article, analyze
from newsgraph.analyze import linking
from newsgraph.analyze.gazetteer import default_cache_dir
from newsgraph.analyze.nlp import english, model_name
from newsgraph.options import Options
from newsgraph.store.db import Store
from newsgraph.stories import online
from newsgraph.stories.online import OnlineClusterer

SHARED = Path(__file__).resolve().parents[1].parent / "shared/data"
MEASURED = 500
BATCH = 500
START = date(2020, 1, 1)


def base_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "polnear/data/train/text").glob("*.txt"))]
    for path in sorted((SHARED / "ecbplus/ECB+").glob("*/*.xml")):
        tokens = [t.text or "" for t in ET.parse(path).getroot().iter("token")]
        texts.append(" ".join(tokens))
    return [t for t in texts if len(t.split()) > 30]


def analysed(texts: list[str]) -> list[Analysis]:
    """The analyses of the base texts, cached (keyed by the texts and the model)."""
    key = hashlib.sha256("\0".join(texts).encode() + model_name(english()).encode()).hexdigest()[:16]
    path = default_cache_dir() / f"scale-analyses-{key}.pickle"
    if path.exists():
        return list(pickle.loads(path.read_bytes()))
    print(f"analysing {len(texts)} base texts once (cached in {path})", file=sys.stderr, flush=True)
    context = AnalysisContext.create()
    articles = [Article(id=f"b{i}", text=t, published=START.isoformat(), language="en") for i, t in enumerate(texts)]
    result = analyze(articles, context)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(result))
    return result


def _spans(an: Analysis) -> list[tuple[int, int]]:
    return sorted([(m.start, m.end) for m in an.mentions] + [(t.start, t.end) for t in an.times] +
                  [(p.start, p.end) for p in an.places])  # fmt: skip


def perturb(text: str, an: Analysis, rng: random.Random) -> tuple[str, Analysis]:
    """About 5% of the words outside the analysed spans swapped, numbers there changed; offsets carried over (those
    of quotes and events too, a quote's text taken again from the new text)."""
    tokens = list(re.finditer(r"\S+", text))
    spans = _spans(an)
    starts = [s for s, _ in spans]

    def protected(tok: re.Match[str]) -> bool:
        k = bisect.bisect_right(starts, tok.end())
        return any(s < tok.end() and tok.start() < e for s, e in spans[max(0, k - 12) : k])

    free = [i for i, t in enumerate(tokens) if not protected(t)]
    words = [t.group() for t in tokens]
    for _ in range(max(1, len(tokens) // 20)) if free else ():
        words[rng.choice(free)] = words[rng.choice(free)]
    for i in free:
        words[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), words[i])
    pieces, old_start, new_start, new_end, at, pos = [], [], [], [], 0, 0
    for tok, word in zip(tokens, words, strict=True):
        pieces.append(text[pos : tok.start()])
        at += tok.start() - pos
        old_start.append(tok.start())
        new_start.append(at)
        pieces.append(word)
        at += len(word)
        new_end.append(at)
        pos = tok.end()
    pieces.append(text[pos:])
    new_text = "".join(pieces)

    def move(p: int) -> int:
        k = bisect.bisect_right(old_start, p) - 1
        if k < 0:
            return p
        old_end = tokens[k].end()
        if p < old_end:  # inside a token: an analysed span's token, kept as it was, or a token's start
            return new_start[k] + (p - old_start[k])
        return new_end[k] + (p - old_end)

    def moved(record: Any) -> Any:  # every offset of a quote or an event: start, end, cue_start, trigger_end, ...
        offsets = {
            f.name: move(getattr(record, f.name))
            for f in fields(record)
            if f.name in ("start", "end") or f.name.endswith(("_start", "_end"))
            if getattr(record, f.name) is not None
        }
        return replace(record, **offsets)

    quotes = [moved(q) for q in an.quotes]
    return new_text, replace(
        an,
        sentences=[replace(s, start=move(s.start), end=move(s.end)) for s in an.sentences],
        mentions=[replace(m, start=move(m.start), end=move(m.end)) for m in an.mentions],
        times=[replace(t, start=move(t.start), end=move(t.end)) for t in an.times],
        places=[replace(p, start=move(p.start), end=move(p.end)) for p in an.places],
        quotes=[replace(q, text=new_text[q.start : q.end]) for q in quotes],
        events=[moved(e) for e in an.events],
    )


def make(n: int, texts: list[str], analyses: list[Analysis], rng: random.Random) -> tuple[Article, Analysis]:
    j, copy = n % len(texts), n // len(texts)
    day = START + timedelta(days=10 * copy + rng.randint(0, 2))
    text, an = perturb(texts[j], analyses[j], rng) if copy else (texts[j], analyses[j])
    title = " ".join(text.split()[:12])
    article = Article(id=f"a{n}", text=text, title=title, published=day.isoformat(), language="en")
    article.content_hash = f"h{n}"
    return article, replace(an, article_id=article.id)


def write(store: Store, items: list[tuple[Article, Analysis]]) -> None:
    """The write path of ingest without reprint detection: link, then store, in one locked transaction."""
    articles, analyses = [a for a, _ in items], [an for _, an in items]
    with store.writing() as tx:
        tx.add_articles(articles, analyses, linking.link(analyses, tx))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def grow(sizes: list[int], texts: list[str], analyses: list[Analysis]) -> list[dict[str, Any]]:
    rng = random.Random(7)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "scale.db")
        clusterer = OnlineClusterer(store.writing, Options())
        n = 0
        for size in sizes:
            fill_start = time.perf_counter()
            for lo in range(n, size - MEASURED, BATCH):
                write(store, [make(i, texts, analyses, rng) for i in range(lo, min(size - MEASURED, lo + BATCH))])
                clusterer.run()
            fill_seconds = time.perf_counter() - fill_start
            batch = [make(i, texts, analyses, rng) for i in range(size - MEASURED, size)]
            start = time.perf_counter()
            write(store, batch)
            written = time.perf_counter()
            assigned = clusterer.run()
            done = time.perf_counter()
            n = size
            counts = store.counts()
            rows.append(
                {
                    "articles": size,
                    "ms_write_per_article": round(1000 * (written - start) / MEASURED, 2),
                    "ms_assign_per_article": round(1000 * (done - written) / assigned, 2),
                    "ms_per_article": round(1000 * (done - start) / MEASURED, 2),
                    "peak_rss_mb": round(peak_mb(), 1),
                    "stories": counts["stories"],
                    "entities": counts["entities"],
                    "fill_seconds": round(fill_seconds, 1),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        store.close()
    return rows


def split_cost(texts: list[str], analyses: list[Analysis], members: int = 1024) -> dict[str, Any]:
    """Time each split check of one story growing to `members` articles."""
    rng = random.Random(11)
    j = max(range(len(texts)), key=lambda i: len(analyses[i].mentions) if len(texts[i]) < 6000 else 0)
    checks: list[tuple[int, float]] = []
    original = OnlineClusterer._maybe_split

    def timed(self: OnlineClusterer, story: online.StoryVector, result: Any) -> None:
        start = time.perf_counter()
        original(self, story, result)
        checks.append((story.size, time.perf_counter() - start))

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "split.db")
        items = []
        for n in range(members):
            text, an = perturb(texts[j], analyses[j], rng)
            article = Article(id=f"x{n}", text=text, title=f"Copy {n}", published=START.isoformat(), language="en")
            article.content_hash = f"x{n}"
            items.append((article, replace(an, article_id=article.id)))
        for lo in range(0, members, BATCH):
            write(store, items[lo : lo + BATCH])
        OnlineClusterer._maybe_split = timed  # type: ignore[method-assign]
        try:
            start = time.perf_counter()
            OnlineClusterer(store.writing, Options()).run()
            total = time.perf_counter() - start
        finally:
            OnlineClusterer._maybe_split = original  # type: ignore[method-assign]
        sizes = [len(s.article_ids) for s in store.stories()]
        store.close()
    return {
        "members": members,
        "stories_after": len(sizes),
        "largest_story": max(sizes),
        "check_ms_by_size": {size: round(1000 * s, 1) for size, s in checks},
        "assign_seconds_total": round(total, 2),
        "ms_per_article": round(1000 * total / members, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,20000,200000")
    parser.add_argument("--split-only", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = base_texts()
    analyses = analysed(texts)
    split = split_cost(texts, analyses)
    print(json.dumps(split), file=sys.stderr, flush=True)
    rows = [] if args.split_only else grow([int(s) for s in args.sizes.split(",")], texts, analyses)
    result = {"base_texts": len(texts), "measured_per_checkpoint": MEASURED, "rows": rows, "split": split}
    if args.json:
        print(json.dumps(result))
        return
    print(f"base texts: {result['base_texts']}; timed: the last {MEASURED} articles before each size")
    head = ("articles", "write ms/art", "assign ms/art", "total ms/art", "peak RSS MB", "stories", "fill s")
    print("{:>9} {:>13} {:>14} {:>13} {:>12} {:>8} {:>8}".format(*head))
    for r in rows:
        cells = (r["articles"], r["ms_write_per_article"], r["ms_assign_per_article"], r["ms_per_article"],
                 r["peak_rss_mb"], r["stories"], r["fill_seconds"])  # fmt: skip
        print("{:>9} {:>13} {:>14} {:>13} {:>12} {:>8} {:>8}".format(*cells))
    print(f"split checks of one story growing to {split['members']} articles (ms by size): {split['check_ms_by_size']}")
    print(f"  stories after: {split['stories_after']} (largest {split['largest_story']}); "
          f"assignment {split['ms_per_article']} ms per article in all")  # fmt: skip


if __name__ == "__main__":
    main()
