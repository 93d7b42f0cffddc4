"""Language identification accuracy on the SemEval-2022 Task 8 sample (10 languages).

Each of the 1,283 pairs has two texts with gold language codes (lang1, lang2); the figure is
the share of texts for which `newsgraph.ingest.detect_language` returns the gold code, overall
and per language. Unsure answers (None) count as wrong.

Run: .venv/bin/python benchmarks/language.py [--data CSV] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.ingest import detect_language

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/semeval2022-task8/training_set.csv"


def evaluate(path: Path = DEFAULT_DATA) -> dict[str, Any]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusions: Counter[str] = Counter()
    start = time.perf_counter()
    for row in rows:
        for side in ("1", "2"):
            gold, found = row["lang" + side], detect_language(row["text" + side])
            total[gold] += 1
            right[gold] += found == gold
            if found != gold:
                confusions[f"{gold}->{found}"] += 1
    seconds = time.perf_counter() - start
    return {
        "texts": sum(total.values()),
        "accuracy": round(sum(right.values()) / sum(total.values()), 4),
        "per_language": {lang: round(right[lang] / total[lang], 4) for lang in sorted(total)},
        "texts_per_language": dict(sorted(total.items())),
        "confusions": dict(confusions.most_common()),
        "seconds": round(seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"data not found: {args.data}")
    result = evaluate(args.data)
    if args.json:
        print(json.dumps(result))
        return
    print(f"texts: {result['texts']}  accuracy: {result['accuracy']:.4f}  ({result['seconds']} s)")
    for lang, acc in result["per_language"].items():
        print(f"  {lang}: {acc:.4f} of {result['texts_per_language'][lang]}")
    print("errors (gold->found):", result["confusions"])


if __name__ == "__main__":
    main()
