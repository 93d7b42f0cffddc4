"""Export memory: peak resident memory of `newsgraph export` (json, jsonl, csv) as the database grows.

Databases of 10,000 and 100,000 articles are built directly with SQL in the schema `Store` creates
(bulk inserts, about 25 s for 100k; the analysis is not run: this measures the export, not
analysis). Each article has a synthetic text of about 3 KB (words drawn from a fixed vocabulary),
a title, an outlet, a URL, a date, a credit and a story (one story per 4 articles on average, of 1 to
7 members); 5% reprint another article. Each has 5 mentions of entities drawn from a pool of half as
many entities as articles (each written in one of 3 surface forms, so the entity profiles have
aliases), 3 places and 2 time expressions.

Each export runs in a fresh process (`python -m newsgraph.cli export --db DB --format F -o FILE`, with
this interpreter and `--src`'s or this checkout's code first on the path), started by a small Python
process that reports its children's ru_maxrss: the export's peak resident set size. (Not this
process's own RUSAGE_CHILDREN: a child's ru_maxrss includes the memory of the process it was forked
from, and this one holds a batch of rows while it builds a database.) `--table` gives the CSV table
(default articles). `--compare DIR` measures the code of another checkout (its `src` folder) on the
same databases too, and checks that its JSON and JSONL outputs are byte-identical to these.

`--db URL` builds the databases on a PostgreSQL server instead (one new database per size, dropped
afterwards).

Run: .venv/bin/python benchmarks/export_memory.py [--sizes 10000,100000] [--src DIR] [--compare DIR]
     [--db sqlite|URL] [--keep DIR] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from newsgraph.store import Store
from newsgraph.store import schema as s

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("json", "jsonl", "csv")
BATCH = 5_000
WORDS_PER_TEXT = 480  # about 3 KB
OUTLETS = ["Reuters", "AFP", "The Guardian", "Deutsche Welle", "Euronews", "Al Jazeera", "The Moscow Times"]
KINDS = [("person", "PERSON"), ("country", "GPE"), ("organization", "ORG"), ("location", "LOC")]
PLACES = [("Pyongyang", "city", "PRK", 39.03, 125.75), ("Lima", "city", "PER", -12.05, -77.04),
          ("Hamburg", "city", "DEU", 53.55, 9.99), ("Van", "admin1", "TUR", 38.5, 43.4),
          ("Rhine", "region", None, 50.0, 7.6), ("Santiago", "city", "CHL", -33.45, -70.67)]  # fmt: skip


def vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choices(letters, k=rng.randint(2, 9))) for _ in range(5_000)]


def build(db: str, n: int, seed: int = 7) -> None:
    """A database of `n` synthetic articles at `db` (a SQLite path or a PostgreSQL URL)."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    n_entities = max(1, n // 2)
    entities = [(f"e{i:012x}", KINDS[i % len(KINDS)][0], KINDS[i % len(KINDS)][1]) for i in range(n_entities)]
    forms = {}
    for i, (eid, _, _) in enumerate(entities):
        word = words[i % len(words)]
        forms[eid] = [f"{word.title()} {eid[-4:]}", word.title(), f"the {word}"]
    store = Store(db)
    story_of: list[str] = []
    while len(story_of) < n:
        size = rng.randint(1, 7)
        story_of += [f"s{len(story_of):010x}"] * size
    story_of = story_of[:n]
    with store.engine.begin() as conn:
        conn.execute(insert(s.entities), [{"id": e, "type": t} for e, t, _ in entities])
        stories = sorted(set(story_of))
        for i in range(0, len(stories), BATCH):
            conn.execute(
                insert(s.stories),
                [{"id": sid, "title": f"Story {sid}", "created_at": "2025-01-01T00:00:00+00:00", "size": 0}
                 for sid in stories[i : i + BATCH]],
            )  # fmt: skip
        for start in range(0, n, BATCH):
            articles, mentions, places, times = [], [], [], []
            for i in range(start, min(n, start + BATCH)):
                aid = f"a{i:08d}"
                text = " ".join(rng.choices(words, k=WORDS_PER_TEXT))
                day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 10 else None
                reuse = f"a{rng.randrange(i):08d}" if i and rng.random() < 0.05 else None
                articles.append({
                    "id": aid, "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                    "url": f"https://example.org/{aid}", "outlet": OUTLETS[i % len(OUTLETS)],
                    "title": " ".join(rng.choices(words, k=8)).capitalize(), "published": day, "language": "en",
                    "credited": [OUTLETS[(i + 1) % 2]], "text": text, "source": f"bench:{i}",
                    "ingested_at": "2025-01-01T00:00:00+00:00", "model": None, "story_id": story_of[i],
                    "reuse_of": reuse, "reuse_overlap": 0.8 if reuse else None,
                })  # fmt: skip
                for k in range(5):
                    eid, kind, label = entities[rng.randrange(n_entities)]
                    surface = forms[eid][rng.randrange(3)]
                    resolved = kind in ("person", "country")
                    mentions.append({
                        "article_id": aid, "start": 100 * k, "end": 100 * k + len(surface), "text": surface,
                        "label": label, "entity_id": eid, "name": forms[eid][0] if resolved else None,
                        "kind": kind if resolved else None, "country": "RUS" if kind == "person" else None,
                        "role": "minister" if kind == "person" and k % 2 else None,
                    })  # fmt: skip
                for k in range(3):
                    name, feature, country, lat, lon = PLACES[rng.randrange(len(PLACES))]
                    places.append({
                        "article_id": aid, "start": 600 + 50 * k, "end": 600 + 50 * k + len(name), "text": name,
                        "name": name, "feature": feature, "country": country, "lat": lat, "lon": lon,
                        "adjectival": False,
                    })  # fmt: skip
                for k, (expr, ttype, value) in enumerate([("Tuesday", "DATE", day or "XXXX-XX-XX"),
                                                          ("two days", "DURATION", "P2D")]):  # fmt: skip
                    times.append({"article_id": aid, "start": 900 + 40 * k, "end": 900 + 40 * k + len(expr),
                                  "text": expr, "type": ttype, "value": value})  # fmt: skip
            conn.execute(insert(s.articles), articles)
            conn.execute(insert(s.mentions), mentions)
            conn.execute(insert(s.places), places)
            conn.execute(insert(s.times), times)
    store.close()


MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""Runs a command and prints its exit status and peak RSS (KB). A small process of its own starts the
command: a child's ru_maxrss also counts the memory of the process it was forked from, before exec."""


def peak(cmd: list[str], src: Path) -> tuple[int, float]:
    """(exit status, peak RSS in MB) of `cmd` run with the code in `src`."""
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], env=env, capture_output=True, text=True, check=True)
    code, kb = out.stdout.split()
    return int(code), round(int(kb) / 1024, 1)


def export(db: str, fmt: str, out: Path, src: Path, table: str) -> dict[str, Any]:
    """One `newsgraph export` in a fresh process: its peak RSS (MB), wall time (s) and output's digest."""
    cmd = [sys.executable, "-m", "newsgraph.cli", "export", "--db", db, "--format", fmt, "-o", str(out)]
    if fmt == "csv":
        cmd += ["--table", table]
    start = time.perf_counter()
    code, mb = peak(cmd, src)
    seconds = time.perf_counter() - start
    if code:
        raise SystemExit(f"{' '.join(cmd)} exited with {code}")
    digest = hashlib.sha256()
    with out.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return {"peak_mb": mb, "seconds": round(seconds, 1), "bytes": out.stat().st_size,
            "sha256": digest.hexdigest()[:16]}  # fmt: skip


def idle_mb(src: Path) -> float:
    """Peak RSS of a process that imports the command line and exits (`export --help`)."""
    return peak([sys.executable, "-m", "newsgraph.cli", "export", "--help"], src)[1]


@contextmanager
def database(where: str, folder: Path, n: int) -> Iterator[tuple[str, bool, Callable[[], float]]]:
    """(the database of size n, whether it is new, its size in MB when asked): a SQLite file in `folder`
    (kept when it exists), or a new PostgreSQL database on the server `where` (dropped afterwards)."""
    if where == "sqlite":
        path = folder / f"export{n}.db"
        yield str(path), not path.exists(), lambda: round(path.stat().st_size / 2**20, 1)
        return
    admin = create_engine(where, isolation_level="AUTOCOMMIT")
    name = f"ng_export_{n}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def size_mb() -> float:
        with admin.connect() as conn:
            return round(conn.execute(text(f"SELECT pg_database_size('{name}')")).scalar_one() / 2**20, 1)

    try:
        yield make_url(where).set(database=name).render_as_string(hide_password=False), True, size_mb
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--table", default="articles", help="the CSV table")
    parser.add_argument("--src", default=str(REPO / "src"), help="the code to measure (a checkout's src)")
    parser.add_argument("--compare", default=None, help="another checkout's src: measured too, outputs compared")
    parser.add_argument("--db", default="sqlite", help="sqlite, or a PostgreSQL server's URL (a database per size)")
    parser.add_argument("--keep", default=None, help="build (or reuse) the databases in this folder (SQLite)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    codes = {"src": Path(args.src).resolve()}
    if args.compare:
        codes["compare"] = Path(args.compare).resolve()
    results: dict[str, Any] = {"idle_mb": {name: idle_mb(src) for name, src in codes.items()}, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="ng-export-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in (int(x) for x in args.sizes.split(",")):
            entry: dict[str, Any] = {}
            with database(args.db, folder, n) as (db, fresh, size_mb):
                if fresh:
                    start = time.perf_counter()
                    build(db, n)
                    entry["build_seconds"] = round(time.perf_counter() - start, 1)
                entry["db_mb"] = size_mb()
                for fmt in args.formats.split(","):
                    for name, src in codes.items():
                        out = Path(tmp) / f"out-{name}.{fmt}"
                        entry[f"{fmt}_{name}"] = export(db, fmt, out, src, args.table)
                        out.unlink()
                        print(n, fmt, name, entry[f"{fmt}_{name}"], file=sys.stderr, flush=True)
                    if "compare" in codes and fmt != "csv":
                        same = entry[f"{fmt}_src"]["sha256"] == entry[f"{fmt}_compare"]["sha256"]
                        entry[f"{fmt}_identical"] = same
            results["sizes"][n] = entry
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"idle (export --help): {results['idle_mb']} MB")
    for n, entry in results["sizes"].items():
        print(f"{n:,} articles (database {entry['db_mb']} MB, built in {entry.get('build_seconds', '-')} s)")
        for fmt in args.formats.split(","):
            for name in codes:
                r = entry[f"{fmt}_{name}"]
                print(f"  {fmt:5} {name:7} peak {r['peak_mb']:7.1f} MB  {r['seconds']:6.1f} s  {r['bytes']:,} bytes")
            if f"{fmt}_identical" in entry:
                print(f"  {fmt:5} outputs identical: {entry[f'{fmt}_identical']}")


if __name__ == "__main__":
    main()
