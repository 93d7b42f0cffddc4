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

Whole pipeline (`--pipeline N`, with `--workers W`): N articles grown from the same texts (copy c of text j from
invented outlet c, copies of a text published within two days of it, so that they make multi-outlet stories and
reprints, as a wire story and its rewrites do) are written to one JSONL file, which `Newsgraph.ingest` reads as the
CLI does: streamed, analysed by W local worker processes (spaCy, actors, times, places, quotes, events), written in
batches (linking, reprints), then story assignment and the compare stage. Every 2 s a sampler records the articles
stored so far and the resident memory of the ingesting process and of each worker; the result gives articles per
second, each process's peak, the ingesting process's memory as the run goes (flat or not) and the per-article
cost of each sequential stage.

Memory on a large input (`--flat N`): N articles in one gzip-compressed JSONL file go through the same ingest
(streamed reading, bounded batches in flight, one transaction per batch, linking and reprints), with the analysis
replaced by the cached analysis of the article's base text (article i is text i % 1,585 with a line naming copy
i // 1,585 added at its end, published 10 days later per copy, so the cached offsets hold): the run stops when the
last batch is stored, before story assignment, and the ingesting process's memory is sampled as it goes. This shows
whether anything but the store grows with the input, without hours of spaCy.

Run: .venv/bin/python benchmarks/scale.py [--sizes 2000,20000,200000] [--split-only] [--json]
     .venv/bin/python benchmarks/scale.py --pipeline 20000 --workers 2 [--json]
     .venv/bin/python benchmarks/scale.py --flat 100000 [--json]
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import hashlib
import json
import os
import pickle
import random
import re
import resource
import sqlite3
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import fields, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsgraph import Analysis, AnalysisContext, Article, Newsgraph, analyze
from newsgraph.analyze.embedding import embed, lead
from newsgraph.analyze.gazetteer import default_cache_dir
from newsgraph.analyze.nlp import english, model_name
from newsgraph.options import Options
from newsgraph.store import Store
from newsgraph.stories import linking, online
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
        return with_embeddings(texts, list(pickle.loads(path.read_bytes())))
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


def with_embeddings(texts: list[str], analyses: list[Analysis]) -> list[Analysis]:
    """The analyses with their texts' embeddings (made here when a cache written before embeddings has none); a
    text's copies share its embedding, as perturbed copies of one text nearly do."""
    if all(getattr(an, "embedding", None) is not None for an in analyses):
        return analyses
    print(f"embedding {len(texts)} base texts", file=sys.stderr, flush=True)
    found = embed([lead(None, t) for t in texts])
    return [replace(an, embedding=e) for an, e in zip(analyses, found, strict=True)]


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


OUTLETS = [f"Outlet {chr(65 + i)}" for i in range(26)]
"""Invented outlet names (the copies of a text are other outlets' versions of it)."""


def pipeline_input(path: Path, n: int) -> None:
    """n records as JSONL: copy n // len(texts) of text n % len(texts), from its own outlet, within two days (run in
    a process of its own, so that the ingesting process does not hold the base texts' analyses)."""
    texts = base_texts()
    analyses = analysed(texts)
    rng = random.Random(13)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            j, copy = i % len(texts), i // len(texts)
            day = START + timedelta(days=j // 20 + (rng.randint(0, 2) if copy else 0))
            text = perturb(texts[j], analyses[j], rng)[0] if copy else texts[j]
            record = {"id": f"a{i}", "text": text, "title": " ".join(text.split()[:12]), "published": day.isoformat(),
                      "outlet": OUTLETS[copy % len(OUTLETS)], "language": "en"}  # fmt: skip
            out.write(json.dumps(record) + "\n")


def _status_kb(pid: int | str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _workers() -> list[int]:
    """This process's children that are not multiprocessing's resource tracker."""
    me, found = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == me and b"resource_tracker" not in cmdline:
            found.append(int(entry.name))
    return found


class Sampler(threading.Thread):
    """Every `every` seconds: seconds elapsed, articles stored, the ingesting process's RSS and each worker's."""

    def __init__(self, db: Path, every: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.db, self.every, self.start_time = db, every, time.perf_counter()
        self.samples: list[dict[str, Any]] = []
        self.worker_peak_mb: dict[int, float] = {}
        self.done = threading.Event()

    def stored(self) -> int:
        try:
            with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=1) as con:
                return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.Error:
            return -1

    def run(self) -> None:
        while not self.done.wait(self.every):
            workers = _workers()
            for pid in workers:
                self.worker_peak_mb[pid] = max(self.worker_peak_mb.get(pid, 0), _status_kb(pid, "VmHWM") / 1024)
            sample = {"s": round(time.perf_counter() - self.start_time, 1), "stored": self.stored()}
            sample["main_rss_mb"] = round(_status_kb("self", "VmRSS") / 1024, 1)
            sample["workers_rss_mb"] = [round(_status_kb(p, "VmRSS") / 1024, 1) for p in workers]
            self.samples.append(sample)


def whole_pipeline(n: int, workers: int) -> dict[str, Any]:
    """Ingest n articles end to end with `workers` local worker processes (see the module's docstring)."""
    import multiprocessing

    with tempfile.TemporaryDirectory() as tmp:
        source, db = Path(tmp) / "input.jsonl", Path(tmp) / "pipeline.db"
        maker = multiprocessing.get_context("spawn").Process(target=pipeline_input, args=(source, n))
        maker.start()
        maker.join()
        before_mb = _status_kb("self", "VmRSS") / 1024
        stages: dict[str, float] = {}
        with Newsgraph(db, Options(workers=workers)) as ng:
            sampler = Sampler(db)
            sampler.start()
            start = time.perf_counter()
            report = ng.ingest([source], on_stage=lambda name: stages.setdefault(name, time.perf_counter()))
            end = time.perf_counter()
            sampler.done.set()
            sampler.join()
            counts = ng._store.counts()
        db_mb = db.stat().st_size / 1e6
        input_mb = source.stat().st_size / 1e6
    assign = stages.get("assigning stories", end)
    compare = stages.get("comparing coverage", end)
    analysed_stored = [s for s in sampler.samples if s["s"] <= assign - start]
    main_rss = [s["main_rss_mb"] for s in analysed_stored if s["stored"] > 0]
    return {
        "articles": n,
        "workers": workers,
        "input_mb": round(input_mb, 1),
        "ingested": len(report.ingested),
        "failures": [str(f) for f in report.failures][:20],
        "seconds": round(end - start, 1),
        "articles_per_s": round(n / (end - start), 2),
        "read_analyse_write_s": round(assign - start, 1),
        "stories_s": round(compare - assign, 1),
        "compare_s": round(end - compare, 1),
        "story_ms_per_article": round(1000 * (compare - assign) / n, 2),
        "compare_ms_per_article": round(1000 * (end - compare) / n, 2),
        "main_rss_mb_before": round(before_mb, 1),
        "main_peak_rss_mb": round(peak_mb(), 1),
        "worker_peak_rss_mb": sorted(round(v, 1) for v in sampler.worker_peak_mb.values()),
        "main_rss_mb_while_analysing": {
            "first": main_rss[:1],
            "min": min(main_rss, default=None),
            "max": max(main_rss, default=None),
            "last": main_rss[-1:],
        },
        "db_mb": round(db_mb, 1),
        "counts": counts,
        "samples": sampler.samples,
    }


class _Stop(Exception):
    """Raised by the flat run's stage callback once every batch is stored."""


class CachedAnalyses:
    """An executor (the shape of newsgraph.analyze.executors) that gives article i the cached analysis of its
    base text, four batches in flight as with two local workers."""

    in_flight = 4

    def __init__(self, analyses: list[Analysis]) -> None:
        self.analyses = analyses

    def submit(self, articles: Any) -> Any:
        from newsgraph.analyze.executors import _Done

        n = len(self.analyses)
        return _Done([replace(self.analyses[int(a.id[1:]) % n], article_id=a.id) for a in articles])

    def close(self) -> None:
        pass


def flat_memory(n: int, texts: list[str], analyses: list[Analysis]) -> dict[str, Any]:
    """Stream n articles through ingest up to the last stored batch, analysis from the cache; RSS as it goes."""
    import gzip

    from newsgraph import api

    with tempfile.TemporaryDirectory() as tmp:
        source, db = Path(tmp) / "input.jsonl.gz", Path(tmp) / "flat.db"
        with gzip.open(source, "wt", encoding="utf-8", compresslevel=1) as out:
            for i in range(n):
                j, copy = i % len(texts), i // len(texts)
                day = START + timedelta(days=10 * copy)
                record = {"id": f"f{i}", "text": texts[j] + f"\n\nCopy {copy}.", "language": "en",
                          "published": day.isoformat(), "outlet": OUTLETS[copy % len(OUTLETS)]}  # fmt: skip
                out.write(json.dumps(record) + "\n")
        input_mb = source.stat().st_size / 1e6
        original = api.executors.executor
        api.executors.executor = lambda *args, **kwargs: CachedAnalyses(analyses)  # type: ignore[assignment]

        def stop(name: str) -> None:
            raise _Stop(name)

        try:
            with Newsgraph(db, Options(compare=False)) as ng:
                sampler = Sampler(db, every=5.0)
                sampler.start()
                start = time.perf_counter()
                with contextlib.suppress(_Stop):
                    ng.ingest([source], on_stage=stop)
                end = time.perf_counter()
                sampler.done.set()
                sampler.join()
                stored = ng._store.counts()["articles"]
        finally:
            api.executors.executor = original  # type: ignore[assignment]
        db_mb = db.stat().st_size / 1e6
    rss = [(s["stored"], s["main_rss_mb"]) for s in sampler.samples if s["stored"] > 0]
    tenth = max(1, len(rss) // 10)
    return {
        "articles": n,
        "stored": stored,
        "input_gz_mb": round(input_mb, 1),
        "db_mb": round(db_mb, 1),
        "seconds": round(end - start, 1),
        "main_peak_rss_mb": round(peak_mb(), 1),
        "rss_mb_by_stored": rss[::tenth] + rss[-1:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,20000,200000")
    parser.add_argument("--split-only", action="store_true")
    parser.add_argument("--pipeline", type=int, default=0, help="articles for the whole-pipeline run (0: skip it)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--flat", type=int, default=0, help="articles for the memory run on a large input (0: skip)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.pipeline or args.flat:
        if args.pipeline:  # the ingesting process holds no cached analyses
            result = whole_pipeline(args.pipeline, args.workers)
        else:
            texts = base_texts()
            result = flat_memory(args.flat, texts, analysed(texts))
        if args.json:
            print(json.dumps(result))
        else:
            print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=2))
        return
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
