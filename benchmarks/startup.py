"""Start-up time and memory: what it costs to ingest one short article, and what analysis adds to spaCy.

Four figures, each from fresh processes (nothing shared with this one), with a new, empty cache
directory ($NEWSGRAPH_CACHE_DIR) for the run:
- wall time of `newsgraph ingest ARTICLE --db NEW.db` on a new database, the first run (which builds
  the derived gazetteer index into the empty cache) and then the median of `--runs` more (warm cache);
- peak resident memory (ru_maxrss) of a process that loads spaCy's English model and parses the
  article (bare spaCy), and of one that runs `newsgraph.analyze` on it (the whole analysis);
  the difference is what analysis adds over bare spaCy (with the sentence encoder loaded);
- the wall time of that bare spaCy process (median of `--runs`), which ingesting one article is compared with.

The article is a short one of the bundled demo corpus (invented text, package data).

Run: .venv/bin/python benchmarks/startup.py [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "src/newsgraph/data/demo/07_lodestar-peru-quake.txt"
CLI = Path(sys.executable).with_name("newsgraph")

BARE = """
import resource, sys
from newsgraph.analyze.nlp import english
nlp = english()
doc = nlp(open(sys.argv[1], encoding="utf-8").read())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

ANALYSIS = """
import resource, sys
from newsgraph import Article, analyze
text = open(sys.argv[1], encoding="utf-8").read()
result = analyze([Article(id="a", text=text, published="2025-10-20", language="en")])
assert result[0].mentions
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def ingest_seconds(tmp: Path, n: int, env: dict[str, str]) -> float:
    db = tmp / f"startup{n}.db"
    start = time.perf_counter()
    cmd = [str(CLI), "ingest", str(ARTICLE), "--db", str(db), "-q"]
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def peak_mb(script: str, env: dict[str, str]) -> tuple[float, float]:
    """The script's peak resident memory (MB) and the wall time of its process (s)."""
    cmd = [sys.executable, "-c", script, str(ARTICLE)]
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return float(out.stdout.strip().splitlines()[-1]), time.perf_counter() - start


def run(runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, NEWSGRAPH_CACHE_DIR=str(Path(tmp) / "cache"))
        first = ingest_seconds(Path(tmp), 0, env)
        warm = [ingest_seconds(Path(tmp), i + 1, env) for i in range(runs)]
        bare_runs = [peak_mb(BARE, env) for _ in range(runs)]
        bare = max(mb for mb, _ in bare_runs)
        analysis = peak_mb(ANALYSIS, env)[0]
    return {
        "article_chars": len(ARTICLE.read_text(encoding="utf-8")),
        "ingest_first_s": round(first, 2),
        "ingest_warm_s": [round(w, 2) for w in warm],
        "ingest_warm_median_s": round(statistics.median(warm), 2),
        "bare_spacy_s": round(statistics.median(s for _, s in bare_runs), 2),
        "ingest_over_bare_spacy": round(statistics.median(warm) / statistics.median(s for _, s in bare_runs), 2),
        "bare_spacy_peak_mb": round(bare, 1),
        "analysis_peak_mb": round(analysis, 1),
        "analysis_adds_mb": round(analysis - bare, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.runs)
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
