"""Speed baseline: the whole newsgraph pipeline against bare spaCy on the same article texts.

Two timings (time.perf_counter) over the same files, with model loading excluded from both:

* bare spaCy: ``list(nlp.pipe(texts, batch_size=Options().spacy_batch_size))`` over the raw
  file texts, with the pipeline from ``newsgraph.analyze.nlp.english()``;
* the whole pipeline: ``Newsgraph(<fresh SQLite file>).ingest(<file paths>)``, which reads the
  files, cleans them, lifts metadata, detects language, runs spaCy and the analysis (actors, dates,
  places, quotes, events), writes SQLite, groups stories and compares their coverage.

The spaCy pipeline is loaded once and warmed up on a few texts; the newsgraph pipeline is also
warmed up by ingesting those few files into a throwaway database, so that the lazily loaded
resources it uses (language identifier, boilerplate lists, ...) are not counted either.

The standing rule: the whole pipeline keeps at least 0.80x the articles/s of bare ``nlp.pipe``.

Data: the PolNeAR train texts in ``../shared/data/polnear/data/train/text`` (relative to the
repo root). They are evaluation data: they are read in place and never copied into the repo.

Run it with ``make bench-speed`` or ``.venv/bin/python benchmarks/speed.py``
(options: ``--data DIR``, ``--limit N``, ``--repeat K``, ``--json``; ``--workers N`` and ``--dask-local N`` also time
the pipeline on N local worker processes and on a Dask LocalCluster of N single-threaded workers, their start
included, and give their speed-up over the serial pipeline).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.analyze.nlp import english
from newsgraph.api import Newsgraph
from newsgraph.options import Options

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "data" / "train" / "text"
WARMUP_FILES = 4
RULE = 0.8
"""Whole pipeline articles/s must be at least this fraction of bare nlp.pipe articles/s."""


@dataclass
class PipelineRun:
    """One timed ingest of all files."""

    seconds: float
    ingested: int
    duplicates: int
    skipped: int
    failures: list[str] = field(default_factory=list)


def list_files(data: Path, limit: int | None) -> list[Path]:
    """The .txt files in ``data`` sorted by name, only the first ``limit`` when given."""
    files = sorted((p for p in data.iterdir() if p.is_file() and p.suffix == ".txt"), key=lambda p: p.name)
    return files[:limit] if limit is not None else files


def read_texts(files: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in files]


def time_bare(nlp: Any, texts: list[str], batch_size: int) -> float:
    """Seconds for bare spaCy over the raw texts."""
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - start
    assert len(docs) == len(texts)
    return elapsed


def time_pipeline(files: list[Path], options: Options | None = None) -> PipelineRun:
    """Seconds for the whole newsgraph ingest of ``files`` into a fresh SQLite database (with worker processes or a
    Dask cluster as ``options`` say: their start, model loading included, is timed too)."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        db = Path(tmp) / "bench.db"
        sources = [str(p) for p in files]
        start = time.perf_counter()
        with Newsgraph(db, options) as ng:
            report = ng.ingest(sources)
        elapsed = time.perf_counter() - start
    return PipelineRun(
        seconds=elapsed,
        ingested=len(report.ingested),
        duplicates=len(report.duplicates),
        skipped=len(report.skipped),
        failures=[str(f) for f in report.failures],
    )


def warm_up(nlp: Any, files: list[Path], texts: list[str], batch_size: int) -> None:
    """Run spaCy and the whole pipeline on a few texts so no loading is timed later."""
    list(nlp.pipe(texts[:WARMUP_FILES], batch_size=batch_size))
    time_pipeline(files[:WARMUP_FILES])


def _side_by_side(result: dict[str, Any], name: str, workers: int, run: PipelineRun, serial: PipelineRun) -> None:
    """A parallel run's figures beside the serial one's: `name`_seconds, _articles_per_s, _over_serial, _failures."""
    n = result["articles"]
    result[f"{name}_workers" if name == "dask" else name] = workers
    result[f"{name}_seconds"] = round(run.seconds, 3)
    result[f"{name}_articles_per_s"] = round(rate(n, run.seconds), 2)
    result[f"{name}_over_serial"] = round(serial.seconds / run.seconds, 3)
    result[f"{name}_failures"] = run.failures


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"folder of article .txt files (default: {DEFAULT_DATA})",
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N files, sorted by name")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="repeat the (bare, pipeline) pair K times and keep the best of each",
    )
    parser.add_argument("--workers", type=int, default=0, help="also time the pipeline on N local worker processes")
    parser.add_argument(
        "--dask-local", type=int, default=0, help="also time it on a Dask LocalCluster of N single-threaded workers"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data: Path = args.data
    if not data.is_dir():
        print(f"data folder not found: {data} (pass --data DIR)", file=sys.stderr)
        return 1
    files = list_files(data, args.limit)
    if not files:
        print(f"no .txt files in data folder: {data}", file=sys.stderr)
        return 1
    texts = read_texts(files)
    words = sum(len(t.split()) for t in texts)
    batch_size = Options().spacy_batch_size

    nlp = english()
    warm_up(nlp, files, texts, batch_size)

    bare_best = float("inf")
    best_run: PipelineRun | None = None
    for _ in range(max(1, args.repeat)):
        bare_best = min(bare_best, time_bare(nlp, texts, batch_size))
        run = time_pipeline(files)
        if best_run is None or run.seconds < best_run.seconds:
            best_run = run
    assert best_run is not None

    n = len(files)
    bare_aps = rate(n, bare_best)
    pipe_aps = rate(n, best_run.seconds)
    ratio = pipe_aps / bare_aps
    accounted = best_run.ingested + best_run.duplicates
    meta = nlp.meta
    result: dict[str, Any] = {
        "data": str(data),
        "articles": n,
        "words": words,
        "repeat": max(1, args.repeat),
        "spacy_batch_size": batch_size,
        "bare_seconds": round(bare_best, 3),
        "bare_articles_per_s": round(bare_aps, 2),
        "bare_words_per_s": round(rate(words, bare_best), 1),
        "pipeline_seconds": round(best_run.seconds, 3),
        "pipeline_articles_per_s": round(pipe_aps, 2),
        "ratio": round(ratio, 3),
        "rule": RULE,
        "rule_holds": ratio >= RULE,
        "ingested": best_run.ingested,
        "duplicates": best_run.duplicates,
        "skipped": best_run.skipped,
        "failures": best_run.failures,
        "all_files_accounted": accounted == n and not best_run.failures,
        "python": platform.python_version(),
        "spacy": _spacy_version(),
        "model": f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}",
        "cpu_count": os.cpu_count(),
    }

    if args.workers > 1:
        _side_by_side(result, "workers", args.workers, time_pipeline(files, Options(workers=args.workers)), best_run)
    if args.dask_local > 0:
        from distributed import LocalCluster

        with LocalCluster(n_workers=args.dask_local, threads_per_worker=1, dashboard_address=None) as cluster:
            run = time_pipeline(files, Options(dask=cluster.scheduler_address))
        _side_by_side(result, "dask", args.dask_local, run, best_run)

    if args.json:
        print(json.dumps(result))
        return 0

    print(f"data:                 {data}")
    print(f"articles:             {n}")
    print(f"words (whitespace):   {words}")
    print(f"repeat (best of):     {result['repeat']}")
    print(
        f"bare nlp.pipe:        {bare_best:.2f} s  {bare_aps:.2f} articles/s  "
        f"{result['bare_words_per_s']:.0f} words/s  (batch_size={batch_size})"
    )
    print(f"newsgraph pipeline:   {best_run.seconds:.2f} s  {pipe_aps:.2f} articles/s")
    print(f"ratio pipeline/bare:  {ratio:.3f}  (rule >= {RULE}: {'holds' if ratio >= RULE else 'BROKEN'})")
    print(
        f"ingest report:        {best_run.ingested} ingested, {best_run.duplicates} duplicates, "
        f"{best_run.skipped} skipped, {len(best_run.failures)} failures"
    )
    if "workers_seconds" in result:
        print(
            f"{args.workers} local workers:      {result['workers_seconds']:.2f} s  "
            f"{result['workers_articles_per_s']:.2f} articles/s  ({result['workers_over_serial']:.3f}x serial)"
        )
    if "dask_seconds" in result:
        print(
            f"Dask, {args.dask_local} workers:       {result['dask_seconds']:.2f} s  "
            f"{result['dask_articles_per_s']:.2f} articles/s  ({result['dask_over_serial']:.3f}x serial)"
        )
    if accounted != n:
        print(f"WARNING: ingested + duplicates = {accounted}, expected {n} files")
    for failure in best_run.failures:
        print(f"  failure: {failure}")
    print(
        f"python {result['python']}, spaCy {result['spacy']}, model {result['model']}, "
        f"os.cpu_count() = {result['cpu_count']}"
    )
    return 0


def _spacy_version() -> str:
    import spacy

    return str(spacy.__version__)


if __name__ == "__main__":
    sys.exit(main())
