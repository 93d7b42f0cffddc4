"""Issue 23, item 5: the analysis of articles not in English, on real news in nine languages (the SemEval-2022 Task 8
sample in ../shared, evaluation only).

Takes the first N distinct texts not in English of one half of the sample (`semeval.split_of`, the tune half by
default), spread over their languages in turn, each dated by its SemEval id (a Unix time), and prints:
- the cost per article of `analyze` with and without the layers of `foreign.analyze_foreign` (same process, warm:
  a first pass loads what they read once per process, its time printed apart), and of dateparser's `search_dates`
  over the same texts (`--dateparser K` texts) for comparison;
- how many times, places and people or organizations were found, per language;
- with --show N, for the first N texts, what was found, each with the words around it, to be checked by hand.

Run: PYTHONPATH=src .venv/bin/python benchmarks/foreign_analysis.py [--split tune|test] [--n 100] [--show 20]

The English path's speed before and after, in one process with the model warm: `--english-against OLD.py` loads
another version of analyze/pipeline.py (e.g. `git show <commit>:src/newsgraph/analyze/pipeline.py > /tmp/old.py`)
beside this one and times both in turns over the PolNeAR dev texts in ../shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import semeval  # noqa: E402  (the benchmark beside this one: the data and its split)
from newsgraph.analyze import pipeline  # noqa: E402
from newsgraph.analyze.context import AnalysisContext  # noqa: E402
from newsgraph.models import Analysis, Article  # noqa: E402


def articles(split: str, n: int) -> list[Article]:
    """The first n distinct texts not in English of the split, taking the languages in turn."""
    by_lang: dict[str, list[Article]] = defaultdict(list)
    seen: set[str] = set()
    for r in semeval.load():
        if semeval.split_of(r["pair_id"]) != split:
            continue
        sides = zip(r["pair_id"].split("_"), (r["lang1"], r["lang2"]), (r["text1"], r["text2"]), strict=True)
        for ident, lang, text in sides:
            if lang == "en" or ident in seen or len(text) < 200:
                continue
            seen.add(ident)
            day = datetime.fromtimestamp(int(ident), UTC).date().isoformat() if ident.isdigit() else None
            by_lang[lang].append(Article(id=ident, text=text, language=lang, published=day))
    out: list[Article] = []
    while len(out) < n and any(by_lang.values()):
        for lang in sorted(by_lang):
            if by_lang[lang] and len(out) < n:
                out.append(by_lang[lang].pop(0))
    return out


def timed(batch: list[Article], context: AnalysisContext, foreign: bool) -> tuple[float, list[Analysis]]:
    saved = pipeline.analyze_foreign
    if not foreign:
        pipeline.analyze_foreign = lambda article, result, context: result  # type: ignore[assignment]
    try:
        start = time.process_time()  # CPU time (see english_speed)
        out = pipeline.analyze(batch, context)
        return time.process_time() - start, out
    finally:
        pipeline.analyze_foreign = saved


def around(text: str, start: int, end: int) -> str:
    return " ".join((text[max(0, start - 30) : start] + "[" + text[start:end] + "]" + text[end : end + 30]).split())


def show(article: Article, an: Analysis) -> None:
    print(f"--- {article.id} {article.language} published {article.published}")
    for t in an.times:
        print(f"  TIME  {t.value:<12} {around(article.text, t.start, t.end)}")
    for p in an.places:
        print(f"  PLACE {p.name:<20} {around(article.text, p.start, p.end)}")
    for m in an.mentions:
        print(f"  NAME  {(m.canonical or '')[:20]:<20} {m.label:<6} {around(article.text, m.start, m.end)}")


POLNEAR_DEV = semeval.REPO.parent / "shared/data/polnear/data/dev/text"


def english_speed(old_path: str, rounds: int = 6) -> None:
    """ms a text of `analyze` of this pipeline and of the one at old_path over the PolNeAR dev texts, in turns."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pipeline_before", old_path)
    assert spec is not None and spec.loader is not None
    before = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(before)
    texts = sorted(POLNEAR_DEV.glob("*.txt"))
    batch = [Article(id=p.stem, text=p.read_text(encoding="utf-8"), language="en") for p in texts]
    context = AnalysisContext.create()
    pipeline.analyze(batch[:5], context)  # the model, warm
    best: dict[str, float] = {}
    for i in range(rounds):
        pair = (("before", before), ("after", pipeline))
        for name, module in pair if i % 2 == 0 else pair[::-1]:
            start = time.process_time()  # CPU time: the machine is shared, wall time swings with the others' load
            module.analyze(batch, context)
            best[name] = min(best.get(name, 1e9), time.process_time() - start)
    for name, seconds in best.items():
        print(
            f"English path {name}: {1000 * seconds / len(batch):.1f} ms a text (best of {rounds}, {len(batch)} texts)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("tune", "test"), default="tune")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--dateparser", type=int, default=0, help="time search_dates over this many of the texts")
    parser.add_argument("--english-against", metavar="OLD.py", help="time the English path against this pipeline")
    args = parser.parse_args()
    if args.english_against:
        english_speed(args.english_against)
        return 0
    batch = articles(args.split, args.n)
    context = AnalysisContext.create()
    print(f"{len(batch)} texts of the {args.split} half:", dict(Counter(a.language for a in batch)))
    print(f"{sum(len(a.text) for a in batch) / len(batch):.0f} characters a text on average")
    first, _ = timed(batch[:10], context, True)
    print(f"first pass over 10 texts (loads once per process what the layers read): {first:.2f} s")
    results: dict[str, Any] = {}
    for foreign in (False, True) * 3:
        seconds, out = timed(batch, context, foreign)
        results.setdefault(str(foreign), []).append(seconds)
        if foreign:
            found = out
    for key, label in (("False", "sentences only (before)"), ("True", "with the foreign layers (after)")):
        best = min(results[key])
        print(f"{label}: {1000 * best / len(batch):.2f} ms CPU a text (best of 3)")
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a, an in zip(batch, found, strict=True):
        counts[a.language or ""].update(times=len(an.times), places=len(an.places), names=len(an.mentions), texts=1)
    for lang, c in sorted(counts.items()):
        print(f"  {lang}: {dict(c)}")
    if args.dateparser:
        from dateparser.search import search_dates

        start = time.perf_counter()
        hits = 0
        for a in batch[: args.dateparser]:
            hits += len(search_dates(a.text, languages=[a.language or "en"]) or [])
        seconds = time.perf_counter() - start
        print(f"dateparser search_dates: {1000 * seconds / args.dateparser:.1f} ms a text, {hits} dates found")
    for a, an in list(zip(batch, found, strict=True))[: args.show]:
        show(a, an)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
