"""Full-text search's cost: the time of one `Newsgraph.search` (a page of 20 hits with their snippets, read in one
snapshot) on a database of N articles, for a rare word, a frequent word, two words, a phrase and a word in nearly
every article; and what the index adds to a SQLite file.

The articles are the real texts benchmarks/scale.py grows its corpus from (the PolNeAR train articles and the ECB+
documents in ../shared, read in place), cycled to N, each copy's text followed by a line naming it; they are stored
directly (articles and the search index, as `Writer.add_articles` writes them: no analysis, no stories), since only
the search is measured. Each query is run once to warm the database's caches, then timed `--runs` times, the
snippets' cache of folded words emptied before each: the median.

Run: .venv/bin/python benchmarks/search.py [--articles 5000] [--db postgresql://...] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsgraph import Newsgraph, search  # noqa: E402
from newsgraph.errors import SearchTimeout  # noqa: E402
from newsgraph.store import Store, schema, searching  # noqa: E402
from scale import base_texts  # noqa: E402

QUERIES = {
    "rare word": "earthquake",
    "frequent word": "police",
    "two words": "police arrested",
    "phrase": '"prime minister"',
    "nearly every article": "the",
}


def build(db: str, n: int) -> None:
    texts = base_texts()
    store = Store(db)
    for start in range(0, n, 500):
        rows = [
            {"id": f"a{i}", "content_hash": f"h{i}", "credited": [], "title": texts[i % len(texts)].split(".")[0][:120],
             "text": texts[i % len(texts)] + f"\n\nCopy {i // len(texts)}.", "source": "bench",
             "ingested_at": "2026-01-01", "published": f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "language": "en"}
            for i in range(start, min(n, start + 500))
        ]  # fmt: skip
        with store.writing() as writer:
            writer.conn.execute(insert(schema.articles), rows)
            searching.index(writer.conn, [(r["id"], r["title"], r["text"]) for r in rows])
    with store.engine.begin() as conn:  # the statistics autovacuum would gather (SQLite's planner needs none)
        if conn.dialect.name == "postgresql":
            conn.execute(text("ANALYZE articles"))
    store.close()


def measure(db: str, runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with Newsgraph(db, create=False) as ng:
        for name, q in QUERIES.items():
            try:
                first = ng.search(q)
            except SearchTimeout as exc:
                out[name] = {"q": q, "ms": None, "stopped": str(exc)}
                continue
            times = []
            for _ in range(runs):
                search.fold.cache_clear()  # snippets made from scratch, as for a new query's articles
                t = time.perf_counter()
                ng.search(q)
                times.append(time.perf_counter() - t)
            more = ng.search(q, limit=100)
            out[name] = {"q": q, "ms": round(statistics.median(times) * 1000, 1), "first_page": len(first.hits),
                         "hits_up_to_100": len(more.hits)}  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--db", help="a PostgreSQL URL (default: a temporary SQLite file)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, help="the time limit (default: newsgraph.search.SEARCH_SECONDS)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.seconds:
        search.SEARCH_SECONDS = args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "search.db")
        t = time.perf_counter()
        build(db, args.articles)
        result: dict[str, Any] = {"articles": args.articles, "build_s": round(time.perf_counter() - t, 1)}
        if not args.db:
            result |= _sqlite_sizes(db)
        result["queries"] = measure(db, args.runs)
    print(json.dumps(result, indent=None if args.json else 2))


def _sqlite_sizes(db: str) -> dict[str, Any]:
    """The file's size, and the pages of the search index's tables (SQLite's dbstat)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    total = conn.execute("PRAGMA page_count").fetchone()[0] * page
    try:
        fts = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'article_search%'").fetchone()[0]
        texts = conn.execute("SELECT sum(length(CAST(text AS BLOB))) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # no dbstat in this SQLite
        fts = texts = None
    conn.close()
    mb = 1024 * 1024
    sizes = {"file_mb": total, "index_mb": fts, "text_mb": texts}
    return {k: None if v is None else round(v / mb, 1) for k, v in sizes.items()}


if __name__ == "__main__":
    main()
