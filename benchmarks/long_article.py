"""Long articles (issue 21): peak memory and speed of analysing one article of 100 KB, 1 MB and 10 MB.

The article is that many characters of PolNeAR texts (train, then dev, sorted by name, a blank line between two;
taken again from the first when the size asks for more than their 6 MB: a 10 MB article repeats some). Each of the
following runs in a fresh process of its own, the model loaded and warmed up on a short text first (neither timed),
so that each starts alike (spaCy's vocabulary grows with the words it meets: whichever read the article second would
read faster) and each peak is its own:

* the analysis: ``newsgraph.analyze([Article(...)], AnalysisContext.create())``, timed whole and by stage (the
  parse, which holds spaCy's reading and what is taken from each piece's parse; time expressions; actors; places;
  quotes; events), and the process's peak RSS (``VmHWM``, the model's own memory included) when it is done;
* bare spaCy: ``nlp.pipe`` over the same pieces (``pieces`` of ``Options().chunk_chars``, cut where the analysis
  cuts them) in the same batches (``batches``: at most ``spacy_batch_size`` pieces and ``BATCH_CHARS`` characters),
  each doc dropped as it comes, timed, with its peak RSS.

``ratio`` is the analysis' characters per second over bare spaCy's (``cpu_ratio`` the same of the CPU time each
took: on a machine that others share, less moved by what they run; ``load_average`` says how busy it was). The goal:
at the 10 MB input cap, a peak RSS within 2.5 GB and a ratio of at least 0.8, and memory that grows at most linearly
with the article's length.

With ``--ingest`` the whole ``Newsgraph(<fresh SQLite file>).ingest_articles([article])`` is timed too, in a fresh
process of its own: analysis, storing (linking, reprints, the inserts), stories and comparison, each stage's seconds
and the peak RSS.

Run it from the repo root (the shared data in ``../shared``, or ``--data DIR``)::

    .venv/bin/python benchmarks/long_article.py
    .venv/bin/python benchmarks/long_article.py --sizes 100000 1000000 --ingest --json

With ``PYTHONPATH`` set to the ``src`` of an older newsgraph (one before ``pipeline.batches``), it measures that one,
its bare spaCy in the batches it read in: ``spacy_batch_size`` pieces, however long.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "data"
SIZES = (100_000, 1_000_000, 10_000_000)
GOAL_PEAK_MB = 2500
GOAL_RATIO = 0.8


def article_text(data: Path, size: int) -> str:
    """`size` characters of the PolNeAR texts, train then dev, sorted by name, a blank line between two."""
    files = [p for split in ("train", "dev") for p in sorted((data / split / "text").glob("*.txt"))]
    if not files:
        raise SystemExit(f"no PolNeAR texts under {data} (pass --data DIR)")
    parts: list[str] = []
    held = 0
    while held < size:
        for path in files:
            parts.append(path.read_text(encoding="utf-8").strip())
            held += len(parts[-1]) + 2
            if held >= size:
                break
    return "\n\n".join(parts)[:size]


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (VmHWM; else ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """The process's CPU time so far (user and system): what it spent itself, whatever else the machine ran."""
    times = os.times()
    return times.user + times.system


def reset_peak() -> bool:
    """Start the peak over from the present resident memory (Linux: /proc/self/clear_refs); whether it could."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class Stages:
    """Seconds spent in named functions, wrapped in place for this process (instrumentation only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        inner: Callable[..., Any] = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

        setattr(owner, attribute, timed)

    def rounded(self) -> dict[str, float]:
        return {name: round(s, 2) for name, s in self.seconds.items()}


def analysis_stages() -> Stages:
    from newsgraph.analyze import pipeline

    stages = Stages()
    for attribute, name in (("_parse", "parse"), ("find_times", "times"), ("resolve", "actors")):
        stages.wrap(pipeline, attribute, name)
    for attribute, name in (("find_places", "places"), ("_claimed_by_places", "places")):
        stages.wrap(pipeline, attribute, name)
    stages.wrap(pipeline.quotes, "resolve", "quotes")
    stages.wrap(pipeline.events, "resolve", "events")
    return stages


def warm_up() -> Any:
    """The model and the analysis' resources loaded, and run once on a short text."""
    from newsgraph.analyze import AnalysisContext, analyze
    from newsgraph.analyze.nlp import english
    from newsgraph.models import Article

    nlp = english()
    context = AnalysisContext.create()
    analyze([Article("warm-up", "Kim Jong Un met Sergei Lavrov in Pyongyang on Monday, KCNA said.")], context)
    return nlp, context


def pieces_and_batches() -> tuple[Callable[[str, int], list[tuple[int, str]]], Callable[..., list[list[str]]]]:
    """How the analysis cuts a text into pieces and the pieces into the model's batches (before issue 21, for the
    figures before: the same cuts, and batches of `spacy_batch_size` pieces however long)."""
    try:
        from newsgraph.analyze.pipeline import BATCH_CHARS, batches, pieces
    except ImportError:
        from newsgraph.analyze.pipeline import chunks
        from newsgraph.analyze.quotes import quotation_spans

        def old_pieces(text: str, limit: int) -> list[tuple[int, str]]:
            return chunks(text, limit, quotation_spans(text) if len(text) > limit else [])

        def old_batches(texts: list[str], size: int) -> list[list[str]]:
            return [texts[i : i + size] for i in range(0, len(texts), size)]

        return old_pieces, old_batches
    return pieces, lambda texts, size: batches(texts, size, BATCH_CHARS)


def run_analysis(data: Path, size: int) -> dict[str, Any]:
    """One size, in this process: the analysis."""
    from newsgraph.analyze import analyze
    from newsgraph.models import Article

    _, context = warm_up()
    text = article_text(data, size)
    stages = analysis_stages()
    before = peak_mb()
    start, cpu = time.perf_counter(), cpu_seconds()
    (analysis,) = analyze([Article("long", text)], context)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {
        "chars": len(text),
        "seconds": round(seconds, 2),
        "chars_per_s": round(len(text) / seconds),
        "peak_rss_mb": round(peak_mb()),
        "rss_before_mb": round(before),
        "cpu_seconds": round(cpu, 2),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "stages_s": stages.rounded(),
        "found": {
            "sentences": len(analysis.sentences),
            "mentions": len(analysis.mentions),
            "quotes": len(analysis.quotes),
            "events": len(analysis.events),
            "times": len(analysis.times),
            "places": len(analysis.places),
        },
    }


def run_bare(data: Path, size: int) -> dict[str, Any]:
    """One size, in this process: bare spaCy over the pieces the analysis reads, in its batches."""
    from newsgraph.options import Options

    pieces, batches = pieces_and_batches()
    nlp, _ = warm_up()
    text = article_text(data, size)
    options = Options()
    texts = [piece for _, piece in pieces(text, options.chunk_chars)]
    start, cpu = time.perf_counter(), cpu_seconds()
    for batch in batches(texts, options.spacy_batch_size):
        for _ in nlp.pipe(batch, batch_size=len(batch)):
            pass
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {
        "pieces": len(texts),
        "bare_seconds": round(seconds, 2),
        "bare_chars_per_s": round(len(text) / seconds),
        "bare_peak_rss_mb": round(peak_mb()),
        "bare_cpu_seconds": round(cpu, 2),
        "bare_load_average": [round(x, 2) for x in os.getloadavg()],
    }


def ingest_stages() -> Stages:
    from newsgraph import api
    from newsgraph.analyze import executors
    from newsgraph.store.writer import Writer

    stages = Stages()
    stages.wrap(executors, "analyze_each", "analysis")
    stages.wrap(api.linking, "link", "linking")
    stages.wrap(api.reprints, "detect", "reprints")
    stages.wrap(Writer, "add_articles", "store")
    stages.wrap(Writer, "add_reprints", "store")
    stages.wrap(api.Newsgraph, "update_stories", "stories")
    stages.wrap(api.Newsgraph, "update_comparisons", "compare")
    return stages


def run_ingest(data: Path, size: int) -> dict[str, Any]:
    """One size, in this process: the whole ingest of the article into a fresh SQLite database."""
    from newsgraph import Newsgraph
    from newsgraph.models import Article

    warm_up()
    text = article_text(data, size)
    stages = ingest_stages()
    with tempfile.TemporaryDirectory(prefix="newsgraph-long-") as tmp, Newsgraph(Path(tmp) / "long.db") as ng:
        ng.ingest_articles([Article("warm-up", "Kim Jong Un met Sergei Lavrov in Pyongyang on Monday.")])
        stages.seconds.clear()
        reset = reset_peak()
        start = time.perf_counter()
        report = ng.ingest_articles([Article("long", text, published="2016-02-01", outlet="PolNeAR")])
        seconds = time.perf_counter() - start
    return {
        "chars": len(text),
        "ingest_seconds": round(seconds, 2),
        "ingest_chars_per_s": round(len(text) / seconds),
        "ingest_peak_rss_mb": round(peak_mb()) if reset else None,
        "ingest_stages_s": stages.rounded(),
        "ingested": len(report.ingested),
        "failures": [str(f) for f in report.failures],
    }


MODES = {"analysis": run_analysis, "bare": run_bare, "ingest": run_ingest}


def in_fresh_process(args: argparse.Namespace, mode: str, size: int) -> dict[str, Any]:
    """One mode of one size (`--one MODE SIZE`) run in a new Python process; its JSON."""
    command = [sys.executable, __file__, "--one", mode, str(size), "--data", str(args.data)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"chars": size, "error": done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"PolNeAR's data folder ({DEFAULT_DATA})")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="article sizes, in characters")
    parser.add_argument("--ingest", action="store_true", help="also time the whole ingest of each size")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--one", nargs=2, metavar=("MODE", "SIZE"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.one is not None:
        mode, size = args.one
        print(json.dumps(MODES[mode](args.data, int(size))))
        return 0
    runs = []
    for size in args.sizes:
        run = in_fresh_process(args, "analysis", size)
        run.update(in_fresh_process(args, "bare", size))
        if "seconds" in run and "bare_seconds" in run:
            run["ratio"] = round(run["bare_seconds"] / run["seconds"], 3)
            run["cpu_ratio"] = round(run["bare_cpu_seconds"] / run["cpu_seconds"], 3)
        if args.ingest:
            run.update(in_fresh_process(args, "ingest", size))
        runs.append(run)
        if not args.json:
            print(json.dumps(run), flush=True)
    result = summary(runs)
    if args.json:
        print(json.dumps(result))
    else:
        said = "met" if result["goal_met"] else "NOT met"
        print(f"goal (largest size): peak RSS <= {GOAL_PEAK_MB} MB, ratio >= {GOAL_RATIO}: {said}")
    return 0


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    import spacy

    largest = max((r for r in runs if "ratio" in r), key=lambda r: r["chars"], default=None)
    met = largest is not None and largest["peak_rss_mb"] <= GOAL_PEAK_MB and largest["ratio"] >= GOAL_RATIO
    return {
        "runs": runs,
        "goal_peak_rss_mb": GOAL_PEAK_MB,
        "goal_ratio": GOAL_RATIO,
        "goal_met": met,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "cpu_count": os.cpu_count(),
    }


if __name__ == "__main__":
    sys.exit(main())
