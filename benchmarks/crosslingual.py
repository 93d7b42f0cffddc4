"""Cross-lingual stories: does an article join the story of a report in another language, and stay out of an
unrelated one? Built from the SemEval-2022 Task 8 training pairs in ../shared (evaluation only).

Every pair of texts in two different languages rated 1-1.5 (same story) or 3.5-4 (unrelated) is ingested, as two
articles of unknown date and outlet, into a fresh database through the whole pipeline (analysis, embeddings,
the online clustering); the pair counts as "same story" when both end in one story. Pairwise precision, recall
and F1 of "same story", overall and per language pair. The split is SemEval's (benchmarks/semeval.py: a hash of the
pair id): tune on `tune`, report `test` once.

With --grid, the pairs are ingested once and clustered again for each setting of the options (as
benchmarks/story_tuning.py does).

Run: .venv/bin/python benchmarks/crosslingual.py --split tune [--grid story_dense_weight=0,1 ...]
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import semeval  # noqa: E402  (the data and its split)
import story_tuning  # noqa: E402  (clustering again)
from newsgraph.api import Newsgraph  # noqa: E402
from newsgraph.errors import EmptyArticle  # noqa: E402
from newsgraph.ingest.article import build_article  # noqa: E402
from newsgraph.options import Options  # noqa: E402


def pairs(split: str) -> list[dict[str, str]]:
    """The cross-language pairs of a split rated same story (<= 1.5) or unrelated (>= 3.5), both texts with some
    article text after cleaning (a few of the sample's texts are empty)."""
    rows = [r for r in semeval.load() if semeval.split_of(r["pair_id"]) == split and r["lang1"] != r["lang2"]]
    rows = [r for r in rows if float(r["Overall"]) <= 1.5 or float(r["Overall"]) >= 3.5]
    return [r for r in rows if all(_text(r, k) for k in (1, 2))]


def _text(row: dict[str, str], k: int) -> bool:
    try:
        build_article(row[f"text{k}"], source="check", options=Options())
    except EmptyArticle:
        return False
    return True


def ingest_pair(row: dict[str, str], path: str, options: Options) -> bool:
    """Ingest the pair's two texts into a fresh database at `path`; whether they share a story."""
    articles = [
        replace(build_article(row[f"text{k}"], source=f"{row['pair_id']}-{k}", options=options), language=lang)
        for k, lang in ((1, row["lang1"]), (2, row["lang2"]))
    ]
    with Newsgraph(path, options) as ng:
        ng.ingest_articles(articles)
        story_of = ng._store.story_ids()
    return story_of[articles[0].id] == story_of[articles[1].id]


def figures(rows: list[dict[str, str]], joined: list[bool]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups["all"].append(i)
        groups[f"{r['lang1']}-{r['lang2']}"].append(i)
    out = {}
    for name, idx in sorted(groups.items()):
        gold = [float(rows[i]["Overall"]) <= 1.5 for i in idx]
        pred = [joined[i] for i in idx]
        tp = sum(g and p for g, p in zip(gold, pred, strict=True))
        precision = tp / sum(pred) if sum(pred) else 0.0
        recall = tp / sum(gold) if sum(gold) else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[name] = {"pairs": len(idx), "same": sum(gold), "precision": precision, "recall": recall, "f1": f1}
    return out


def show(label: str, result: dict[str, dict[str, float]]) -> None:
    print(label)
    for name, f in result.items():
        print(
            f"  {name:<6} pairs {f['pairs']:>3} (same {f['same']:>3}): "
            f"P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("tune", "test"), default="tune")
    parser.add_argument("--grid", nargs="*", default=[], help="option=v1,v2,... (Options fields)")
    args = parser.parse_args()
    if not semeval.DEFAULT_DATA.exists():
        sys.exit(f"data not found: {semeval.DEFAULT_DATA}")
    rows = pairs(args.split)
    base = Options(compare=False)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crosslingual-") as tmp:
        paths = [str(Path(tmp) / f"{i}.db") for i in range(len(rows))]
        joined = [ingest_pair(r, p, base) for r, p in zip(rows, paths, strict=True)]
        show(f"split {args.split}, default options ({time.perf_counter() - start:.0f} s)", figures(rows, joined))
        grid = {k: [float(v) for v in vs.split(",")] for k, vs in (g.split("=") for g in args.grid)}
        for values in itertools.product(*grid.values()) if grid else []:
            setting = dict(zip(grid, values, strict=True))
            joined = []
            for path in paths:
                copy = str(Path(tmp) / "run.db")
                shutil.copy(path, copy)
                story_of = story_tuning.cluster_again(copy, replace(base, **setting))
                joined.append(len(set(story_of.values())) == 1)
            result = figures(rows, joined)
            overall = result["all"]
            print(f"{setting}: F1 {overall['f1']:.3f} (P {overall['precision']:.3f} R {overall['recall']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
