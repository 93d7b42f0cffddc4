"""Story assignment at scale: time per article and peak memory at 2,000, 20,000 and 200,000 articles.

The corpus is grown from real texts (the PolNeAR train articles and the ECB+ documents in
../shared): copy k of a text is published 10k days after the first (so copies fall in other time
windows, as a new year of news would), with about 5% of its words swapped for other words of the
same text and its numbers changed, so that no two copies are identical. Articles go straight into
the store (no spaCy: this measures the story stage, whose cost is what grows with the corpus), then
the online clustering assigns them. At each checkpoint the next 500 articles are timed.

Peak memory is the process's maximum resident set size so far (ru_maxrss).

Run: .venv/bin/python benchmarks/scale.py [--sizes 2000,20000,200000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsgraph.models import Analysis, Article
from newsgraph.options import Options
from newsgraph.store.db import Store
from newsgraph.stories.online import OnlineClusterer

SHARED = Path(__file__).resolve().parents[1].parent / "shared/data"
MEASURED = 500
START = date(2020, 1, 1)


def base_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "polnear/data/train/text").glob("*.txt"))]
    import xml.etree.ElementTree as ET

    for path in sorted((SHARED / "ecbplus/ECB+").glob("*/*.xml")):
        tokens = [t.text or "" for t in ET.parse(path).getroot().iter("token")]
        texts.append(" ".join(tokens))
    return [t for t in texts if len(t.split()) > 30]


def perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 20)):
        words[rng.randrange(len(words))] = words[rng.randrange(len(words))]
    return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), " ".join(words))


def make_article(n: int, texts: list[str], rng: random.Random) -> Article:
    base = texts[n % len(texts)]
    copy = n // len(texts)
    day = START + timedelta(days=10 * copy + rng.randint(0, 2))
    text = perturb(base, rng) if copy else base
    title = " ".join(text.split()[:12])
    return Article(id=f"a{n}", text=text, title=title, published=day.isoformat(), language="en", content_hash=f"h{n}")


def add(store: Store, start: int, stop: int, texts: list[str], rng: random.Random) -> None:
    for lo in range(start, stop, 2000):
        batch = [make_article(n, texts, rng) for n in range(lo, min(stop, lo + 2000))]
        store.add_batch(batch, [Analysis(a.id) for a in batch])


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(sizes: list[int]) -> dict[str, Any]:
    texts = base_texts()
    rng = random.Random(7)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "scale.db")
        clusterer = OnlineClusterer(store, Options())
        n = 0
        for size in sizes:
            fill_start = time.perf_counter()
            add(store, n, size - MEASURED, texts, rng)
            clusterer.run()
            fill_seconds = time.perf_counter() - fill_start
            add(store, size - MEASURED, size, texts, rng)
            start = time.perf_counter()
            assigned = clusterer.run()
            seconds = time.perf_counter() - start
            n = size
            rows.append(
                {
                    "articles": size,
                    "ms_per_article": round(1000 * seconds / assigned, 2),
                    "peak_rss_mb": round(peak_mb(), 1),
                    "stories": store.counts()["stories"],
                    "fill_seconds": round(fill_seconds, 1),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        store.close()
    return {"base_texts": len(texts), "measured_per_checkpoint": MEASURED, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,20000,200000")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run([int(s) for s in args.sizes.split(",")])
    if args.json:
        print(json.dumps(result))
        return
    print(f"base texts: {result['base_texts']}; timed: the last {MEASURED} articles before each size")
    print(f"{'articles':>9} {'ms/article':>11} {'peak RSS MB':>12} {'stories':>8} {'fill s':>8}")
    for r in result["rows"]:
        cells = (r["articles"], r["ms_per_article"], r["peak_rss_mb"], r["stories"], r["fill_seconds"])
        print("{:>9} {:>11} {:>12} {:>8} {:>8}".format(*cells))


if __name__ == "__main__":
    main()
