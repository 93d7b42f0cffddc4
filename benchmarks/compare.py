"""What comparing coverage costs: a 10,000-article ingest with the compare stage on and off, the cost per changed
story by the story's size, and a real end-to-end ingest (spaCy included) with compare on and off.

Corpus: the real texts of benchmarks/scale.py (PolNeAR train and ECB+ in ../shared), analysed once by newsgraph's
whole analysis (quotes and events included; cached under the cache directory). Article n is copy c of text j; copy
0 is the text itself, the others are perturbed as in scale.py (5% of words swapped, numbers changed, outside the
analysed spans, whose offsets are carried over), each copy from another invented outlet, all copies of a text
published within two days: so a text and its copies make a multi-outlet story, as a wire story and its rewrites
do, with numbers that agree and numbers that differ. Reprint detection is left out (scale.py says why).

1. `--articles N` (10,000): written through the real write path in batches of 500 (linking, then one locked
   transaction), then the online clustering, then the compare stage; each timed. With compare off an ingest ends
   after the clustering; with it on, the compare stage runs next on the stories changed (all, here), so the
   difference between the two is the compare stage's time. The ingest's analysis is not run again per article
   (cached): its cost per article is the one measured when the cache was made, from the same texts, and the ratio
   is given both with and without it.
2. Per changed story: one story grown to 2, 8, 32, 128 and 512 articles (copies of one text, one day); after each
   size one more article joins it and the compare stage (which compares only that story) is timed.
3. `--real N` (0 = skip): N of the base texts ingested end to end (`Newsgraph.ingest_articles`: spaCy, linking,
   stories, compare) into two new databases, compare on and off.

Run: .venv/bin/python benchmarks/compare.py [--articles 10000] [--real 300] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsgraph import Analysis, AnalysisContext, Article, Newsgraph, Options, analyze
from newsgraph.analyze.gazetteer import default_cache_dir
from newsgraph.analyze.nlp import english, model_name
from newsgraph.ingest.article import content_hash
from newsgraph.store.schema import SCHEMA_VERSION
from newsgraph.stories.online import OnlineClusterer
from scale import base_texts, peak_mb, perturb, write

START = date(2021, 1, 1)
BATCH = 500
OUTLETS = [f"Outlet {chr(65 + i)}" for i in range(26)]
"""Invented outlet names."""
SIZES = (2, 8, 32, 128, 512)


def analysed(texts: list[str]) -> tuple[list[Analysis], float]:
    """The analyses of the base texts and the seconds per article they took, cached (keyed by the texts, the model
    and the schema version, so that analyses without quotes or events are not reused)."""
    tag = "\0".join(texts) + model_name(english()) + f"v{SCHEMA_VERSION}"
    path = default_cache_dir() / f"compare-analyses-{hashlib.sha256(tag.encode()).hexdigest()[:16]}.pickle"
    if path.exists():
        analyses, per_article = pickle.loads(path.read_bytes())
        return list(analyses), float(per_article)
    print(f"analysing {len(texts)} base texts once (cached in {path})", file=sys.stderr, flush=True)
    context = AnalysisContext.create()
    articles = [Article(id=f"b{i}", text=t, published=START.isoformat(), language="en") for i, t in enumerate(texts)]
    start = time.perf_counter()
    result = analyze(articles, context)
    per_article = (time.perf_counter() - start) / len(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps((result, per_article)))
    return result, per_article


def make(n: int, texts: list[str], analyses: list[Analysis], rng: random.Random) -> tuple[Article, Analysis]:
    """Copy n // len(texts) of text n % len(texts): its own outlet, published within two days of the text."""
    j, copy = n % len(texts), n // len(texts)
    day = START + timedelta(days=j // 20 + (rng.randint(0, 2) if copy else 0))
    text, an = perturb(texts[j], analyses[j], rng) if copy else (texts[j], analyses[j])
    title = " ".join(text.split()[:12])
    article = Article(id=f"a{n}", text=text, title=title, published=day.isoformat(), language="en")
    article.outlet = OUTLETS[copy % len(OUTLETS)]
    article.content_hash = f"h{n}"
    return article, replace(an, article_id=article.id)


def ingest(n: int, texts: list[str], analyses: list[Analysis], per_article: float) -> dict[str, Any]:
    """Write, cluster, compare n articles; the seconds of each stage."""
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp, Newsgraph(Path(tmp) / "compare.db") as ng:
        start = time.perf_counter()
        for lo in range(0, n, BATCH):
            write(ng._store, [make(i, texts, analyses, rng) for i in range(lo, min(n, lo + BATCH))])
        written = time.perf_counter()
        OnlineClusterer(ng._store.writing, Options()).run()
        clustered = time.perf_counter()
        compared = ng.update_comparisons()
        done = time.perf_counter()
        stories = ng.stories()
        data = ng.export()
    facts = [f for s in data["stories"] for f in s["facts"]]
    write_s, stories_s, compare_s = written - start, clustered - written, done - clustered
    analysis_s = per_article * n
    off = analysis_s + write_s + stories_s
    return {
        "articles": n,
        "stories": len(stories),
        "multi_article_stories": sum(len(s.article_ids) > 1 for s in stories),
        "largest_story": max(len(s.article_ids) for s in stories),
        "stories_compared": compared,
        "facts": len(facts),
        "facts_by_status": {st: sum(f["status"] == st for f in facts) for st in ("corroborated", "single_source",
                                                                               "conflicting")},
        "write_s": round(write_s, 1),
        "stories_s": round(stories_s, 1),
        "compare_s": round(compare_s, 1),
        "compare_ms_per_article": round(1000 * compare_s / n, 2),
        "compare_ms_per_story": round(1000 * compare_s / max(1, compared), 2),
        "analysis_s_at_measured_rate": round(analysis_s, 1),
        "ingest_off_s": round(off, 1),
        "ingest_on_s": round(off + compare_s, 1),
        "on_over_off": round((off + compare_s) / off, 4),
        "on_over_off_without_analysis": round((write_s + stories_s + compare_s) / (write_s + stories_s), 3),
        "peak_rss_mb": round(peak_mb(), 1),
    }  # fmt: skip


def per_story(texts: list[str], analyses: list[Analysis]) -> list[dict[str, Any]]:
    """The compare stage's time when one more article joins a story of each size (only that story is compared)."""
    rng = random.Random(9)
    j = max(range(len(texts)), key=lambda i: len(analyses[i].quotes) + len(analyses[i].events) if len(texts[i]) < 5000
            else 0)  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Newsgraph(Path(tmp) / "story.db") as ng:
        clusterer = OnlineClusterer(ng._store.writing, Options())
        n = 0

        def add(count: int) -> None:
            nonlocal n
            items = []
            for _ in range(count):
                text, an = perturb(texts[j], analyses[j], rng) if n else (texts[j], analyses[j])
                article = Article(id=f"s{n}", text=text, title=text[:80], published=START.isoformat(), language="en")
                article.outlet, article.content_hash = OUTLETS[n % len(OUTLETS)], f"s{n}"
                items.append((article, replace(an, article_id=article.id)))
                n += 1
            write(ng._store, items)
            clusterer.run()

        for size in SIZES:
            add(size - 1 - n)
            ng.update_comparisons()
            add(1)
            story = ng._store.story_ids()[f"s{n - 1}"]
            members = len(ng._store.story_members([story or ""]).get(story or "", []))
            start = time.perf_counter()
            compared = ng.update_comparisons()
            seconds = time.perf_counter() - start
            facts = len(ng._store.comparisons([story or ""]).get(story or "").facts)  # type: ignore[union-attr]
            rows.append({"story_articles": members, "stories_compared": compared, "ms": round(1000 * seconds, 1),
                         "facts": facts})  # fmt: skip
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def real(n: int, texts: list[str]) -> dict[str, Any]:
    """n real texts ingested end to end, compare on and off (spaCy and all)."""
    out: dict[str, Any] = {"articles": n}
    for compare in (False, True):
        articles = [
            Article(id=f"r{i}", text=t, outlet=OUTLETS[i % 3], published=(START + timedelta(days=i // 40)).isoformat(),
                    language="en", content_hash=content_hash(t, OUTLETS[i % 3], None))
            for i, t in enumerate(texts[:n])
        ]  # fmt: skip
        with tempfile.TemporaryDirectory() as tmp, Newsgraph(Path(tmp) / "real.db", Options(compare=compare)) as ng:
            ng.context()  # the model loaded before the clock starts
            stages: dict[str, float] = {}

            def on_stage(stage: str, seen: dict[str, float] = stages) -> None:
                seen.setdefault(stage, time.perf_counter())

            start = time.perf_counter()
            ng.ingest_items(iter(articles), on_stage=on_stage)
            total = time.perf_counter() - start
        key = "on" if compare else "off"
        out[f"{key}_s"] = round(total, 1)
        if "comparing coverage" in stages:
            out["compare_stage_s"] = round(start + total - stages["comparing coverage"], 2)
    out["on_over_off"] = round(out["on_s"] / out["off_s"], 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--real", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = base_texts()
    analyses, per_article = analysed(texts)
    result: dict[str, Any] = {"base_texts": len(texts), "analysis_s_per_article": round(per_article, 4)}
    result["per_story"] = per_story(texts, analyses)
    result["ingest"] = ingest(args.articles, texts, analyses, per_article)
    print(json.dumps(result["ingest"]), file=sys.stderr, flush=True)
    if args.real:
        result["real"] = real(args.real, texts)
    print(json.dumps(result, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
