"""Concurrent writers: N `newsgraph ingest` processes at once on one database, with overlapping inputs.

Each writer gets 60% of the texts (PolNeAR dev, read in place from ../shared), starting at its own
offset, so most texts are given to two or more writers. All start together on a new database. Then
the database is checked: articles stored (against the distinct texts given), articles without a
story, stories whose size differs from their number of members, the document counter against the
article count, and each writer's exit status and summary line.

`--src DIR` runs another checkout's code (its `src` folder) with this interpreter: how the figures
before this change were taken.

Run: .venv/bin/python benchmarks/concurrency.py [--writers 2,4] [--db sqlite|URL] [--texts 84] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

DATA = Path(__file__).resolve().parents[1].parent / "shared/data/polnear/data/dev/text"


def windows(files: list[Path], writers: int) -> list[list[Path]]:
    n, width = len(files), int(len(files) * 0.6) + 1
    return [[files[(i * n // writers + j) % n] for j in range(width)] for i in range(writers)]


def command(src: str | None) -> tuple[list[str], dict[str, str], bool]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    cmd = [sys.executable, "-m", "newsgraph.cli", "ingest"]
    help_text = subprocess.run([*cmd, "--help"], env=env, capture_output=True, text=True).stdout
    return cmd, env, "--batch-size" in help_text


def check(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    with engine.connect() as conn:
        if not inspect(conn).has_table("articles"):
            return {"articles": 0}
        q = conn.execute
        found = {
            "articles": q(text("SELECT count(*) FROM articles")).scalar_one(),
            "distinct_hashes": q(text("SELECT count(DISTINCT content_hash) FROM articles")).scalar_one(),
            "without_story": q(text("SELECT count(*) FROM articles WHERE story_id IS NULL")).scalar_one(),
            "stories": q(text("SELECT count(*) FROM stories")).scalar_one(),
            "stories_size_sum": q(text("SELECT coalesce(sum(size), 0) FROM stories")).scalar_one(),
            "stories_size_wrong": q(
                text(
                    "SELECT count(*) FROM stories s WHERE s.size <> "
                    "(SELECT count(*) FROM articles a WHERE a.story_id = s.id)"
                )
            ).scalar_one(),
            "docs_counter": q(text("SELECT coalesce(max(value), 0) FROM counters WHERE name = 'docs'")).scalar_one(),
        }
        found["max_df"] = q(select(func.max(text("df"))).select_from(text("term_df"))).scalar()
    engine.dispose()
    return found


def run(writers: int, db: str, n_texts: int, src: str | None) -> dict[str, Any]:
    files = sorted(DATA.glob("*.txt"))[:n_texts]
    cmd, env, batch_flag = command(src)
    with tempfile.TemporaryDirectory() as tmp:
        if db == "sqlite":
            url, target, drop = f"sqlite:///{tmp}/concurrent.db", f"{tmp}/concurrent.db", None
        else:
            name = f"ng_bench_{uuid.uuid4().hex[:10]}"
            admin = create_engine(db, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            url = target = make_url(db).set(database=name).render_as_string(hide_password=False)
            drop = (admin, name)
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [*cmd, *map(str, window), "--db", target, "-q", *(["--batch-size", "8"] if batch_flag else [])],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for window in windows(files, writers)
        ]
        outcomes = []
        for p in procs:
            out, err = p.communicate()
            errors = [ln for ln in err.splitlines() if re.match(r"^[\w.]*(Error|Exception)\b", ln.strip())]
            last = errors[-1].strip() if errors else (err.strip().splitlines() or [""])[-1]
            line = re.search(r"ingested \d+, duplicates \d+, failed \d+", out)
            outcomes.append({"exit": p.returncode, "summary": line.group() if line else None, "error": last[:160]})
        seconds = time.perf_counter() - start
        state = check(url)
        if drop:
            admin, name = drop
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    given = len({f.name for window in windows(files, writers) for f in window})
    return {
        "writers": writers,
        "backend": "sqlite" if db == "sqlite" else "postgresql",
        "texts_given": given,
        "seconds": round(seconds, 1),
        "writers_failed": sum(o["exit"] != 0 for o in outcomes),
        "outcomes": outcomes,
        **state,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--writers", default="2,4")
    parser.add_argument("--db", default="sqlite", help="'sqlite' (a new file) or a PostgreSQL server URL")
    parser.add_argument("--texts", type=int, default=84)
    parser.add_argument("--src", default=None, help="another checkout's src folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = [run(int(w), args.db, args.texts, args.src) for w in args.writers.split(",")]
    if args.json:
        print(json.dumps(rows))
        return
    for r in rows:
        print(json.dumps({k: v for k, v in r.items() if k != "outcomes"}))
        for o in r["outcomes"]:
            print("   ", o)


if __name__ == "__main__":
    main()
