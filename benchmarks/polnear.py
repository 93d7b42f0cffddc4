"""Attribution (quotes) on PolNeAR: source, cue and content spans, exact and overlap P/R/F1.

    .venv/bin/python benchmarks/polnear.py                 # the train split (develop on it)
    .venv/bin/python benchmarks/polnear.py --split dev     # the report split: measured once, at the end

Two scores: every quote (what export gives; PolNeAR annotates attitudes and intentions, which the analysis keeps at
low confidence), and the quotes at or above the default `quote_confidence` (what `show`, the report and the comparison
read). Reads ../shared/data/polnear in place. Each text's first annotation file (by name) is the gold; the
analysis runs on the raw text (no cleaning), so offsets compare directly. A predicted span counts as
exact when a gold span of the same role has the same start and end (surrounding spaces ignored), as
overlap when it shares a character with one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsgraph import Article, analyze
from newsgraph.options import Options

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "data"
ROLES = ("source", "cue", "content")


def gold(path: Path) -> dict[str, set[tuple[int, int]]]:
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].startswith("T"):
            continue
        role, *offsets = parts[1].replace(";", " ").split()
        if role.lower() in ROLES:
            nums = [int(x) for x in offsets]
            spans[role.lower()].add((min(nums), max(nums)))
    return spans


def predicted(text: str, quotes: list) -> dict[str, set[tuple[int, int]]]:
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for q in quotes:
        spans["content"].add((q.start, q.end))
        if q.cue_start is not None and q.cue_end is not None:
            spans["cue"].add((q.cue_start, q.cue_end))
        if q.source_start is not None and q.source_end is not None:
            spans["source"].add((q.source_start, q.source_end))
    return spans


def strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def evaluate(
    root: Path = POLNEAR, split: str = "train", limit: int | None = None, least: float = Options.quote_confidence
) -> dict[str, Any]:
    """Exact and overlap P/R/F1 of source, cue and content spans on one split: of all quotes, and (`shown`) of those
    of at least `least` confidence."""
    folder = root / split
    texts = sorted((folder / "text").glob("*.txt"))[:limit]
    first: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        first.setdefault(ann.name.rsplit("_", 1)[0], ann)
    pairs = [(t, first[t.stem]) for t in texts if t.stem in first]
    articles = [Article(id=t.stem, text=t.read_text(encoding="utf-8"), language="en") for t, _ in pairs]
    started = time.perf_counter()
    analyses = analyze(articles)
    elapsed = time.perf_counter() - started
    result: dict[str, Any] = {"split": split, "texts": len(pairs), "analysis_s": round(elapsed, 1)}
    golds = [gold(ann) for _, ann in pairs]
    result |= score(articles, golds, [a.quotes for a in analyses])
    shown = [[q for q in a.quotes if q.confidence >= least] for a in analyses]
    result["shown"] = {"least_confidence": least} | score(articles, golds, shown)
    return result


def score(articles: list[Article], golds: list[dict[str, set[tuple[int, int]]]], quotes: list[list]) -> dict[str, Any]:
    counts: dict[str, dict[str, int]] = {role: defaultdict(int) for role in ROLES}
    for article, g, found in zip(articles, golds, quotes, strict=True):
        pr = predicted(article.text, found)
        for role in ROLES:
            gs = {strip(article.text, s) for s in g[role]}
            ps = {strip(article.text, s) for s in pr[role]}
            c = counts[role]
            c["gold"] += len(gs)
            c["pred"] += len(ps)
            c["exact"] += len(ps & gs)
            c["overlap_p"] += sum(any(a < d and c2 < b for c2, d in gs) for a, b in ps)
            c["overlap_g"] += sum(any(a < d and c2 < b for c2, d in ps) for a, b in gs)
    result: dict[str, Any] = {}
    for role in ROLES:
        c = counts[role]
        result[role] = {
            "gold": c["gold"],
            "predicted": c["pred"],
            "exact": prf(c["exact"], c["pred"], c["exact"], c["gold"]),
            "overlap": prf(c["overlap_p"], c["pred"], c["overlap_g"], c["gold"]),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="train", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts (quick checks)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--least", type=float, default=Options.quote_confidence, help="the confidence of the second score"
    )
    args = parser.parse_args()
    if not (POLNEAR / args.split).is_dir():
        sys.exit(f"PolNeAR not found at {POLNEAR / args.split}")
    result = evaluate(POLNEAR, args.split, args.limit, args.least)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"PolNeAR {args.split}: {result['texts']} texts, analysis {result['analysis_s']} s")
    for title, scores in (("all quotes", result), (f"confidence >= {args.least}", result["shown"])):
        print(title)
        for role in ROLES:
            r = scores[role]
            e, o = r["exact"], r["overlap"]
            print(
                f"{role:8} gold {r['gold']:6} pred {r['predicted']:6}  exact P {e['p']:.3f} R {e['r']:.3f} "
                f"F1 {e['f1']:.3f}  overlap P {o['p']:.3f} R {o['r']:.3f} F1 {o['f1']:.3f}"
            )


if __name__ == "__main__":
    main()
