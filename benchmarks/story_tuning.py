"""Tune story assignment's parameters on ECB+'s tuning topics (1-10) only: analyse once, cluster many times.

The documents of the tuning topics are analysed and stored once (as benchmarks/ecbplus.py builds them); then, for
each setting of the grid, the stored stories are cleared and the online clustering runs again over the same
analyses, and BCubed F1 against the gold stories is printed. The report topics are never read here.

Run: .venv/bin/python benchmarks/story_tuning.py --grid story_dense_weight=0,0.5,1 story_dense_floor=0.4,0.5
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from sqlalchemy import delete, update

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ecbplus  # noqa: E402  (the data, its articles and BCubed)
from newsgraph.api import Newsgraph  # noqa: E402
from newsgraph.options import Options  # noqa: E402
from newsgraph.store import schema as s  # noqa: E402

STORY_TABLES = (s.story_terms, s.story_profiles, s.story_log, s.comparisons, s.term_df, s.counters)


def cluster_again(path: str, options: Options) -> dict[str, str]:
    """Story id by article id after clearing the stories and clustering the stored articles with these options."""
    with Newsgraph(path, options) as ng:
        with ng._store.engine.begin() as conn:
            conn.execute(update(s.articles).values(story_id=None))
            for table in STORY_TABLES:
                conn.execute(delete(table))
            conn.execute(delete(s.stories))
        ng.update_stories()
        return ng._store.story_ids()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--grid", nargs="*", default=[], help="option=v1,v2,... (Options fields)")
    args = parser.parse_args()
    grid = {k: [float(v) for v in vs.split(",")] for k, vs in (g.split("=") for g in args.grid)}
    docs = [d for d in ecbplus.load_docs(ecbplus.DEFAULT_DATA) if d.topic in ecbplus.TUNING_TOPICS]
    base = Options(compare=False)
    articles, _ = ecbplus.build_articles(docs, base)
    gold = {d.name: d.gold for d in docs if d.name in articles}
    with tempfile.TemporaryDirectory(prefix="story-tuning-") as tmp:
        stored = str(Path(tmp) / "analysed.db")
        with Newsgraph(stored, base) as ng:
            ng.ingest_articles(articles[name] for name in ecbplus.stream_order(articles))
        for values in itertools.product(*grid.values()):
            setting = dict(zip(grid, values, strict=True))
            path = str(Path(tmp) / "run.db")
            shutil.copy(stored, path)
            story_of = cluster_again(path, replace(base, **setting))
            pred = {name: story_of[a.id] for name, a in articles.items()}
            p, r, f = ecbplus.bcubed(pred, gold)
            print(f"{setting}: BCubed P {p:.3f} R {r:.3f} F1 {f:.4f}, {len(set(pred.values()))} stories", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
