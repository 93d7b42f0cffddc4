"""Same-story similarity on the SemEval-2022 Task 8 sample: Pearson correlation with -Overall.

The 1,283 pairs are split in two halves by a hash of pair_id: `tune` (weights are fitted there
with --fit, which rewrites src/newsgraph/data/similarity.json) and `test` (reported). Overall runs
from 1 (same story) to 4 (unrelated), so a good score correlates with -Overall. A plain character
TF-IDF cosine (char_wb 2-5 grams, fitted on all texts of the sample) is printed beside each figure.

Run: .venv/bin/python benchmarks/semeval.py [--fit] [--json]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.stories import similarity as sim

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared/data/semeval2022-task8/training_set.csv"
WEIGHTS = REPO / "src/newsgraph/data/similarity.json"


def load(path: Path = DEFAULT_DATA) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def split_of(pair_id: str) -> str:
    return "tune" if int(hashlib.sha1(pair_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def pearson(x: list[float], y: list[float]) -> float:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def baseline_scores(rows: list[dict[str, str]]) -> list[float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r["text1"] for r in rows] + [r["text2"] for r in rows]
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True).fit_transform(texts)
    n = len(rows)
    return [float((matrix[i] @ matrix[n + i].T).toarray()[0, 0]) for i in range(n)]


def fit(rows: list[dict[str, str]], feats: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Logistic regression of 'same story' (Overall <= 2) on the features, per language relation."""
    from sklearn.linear_model import LogisticRegression

    weights: dict[str, dict[str, float]] = {}
    for relation in ("same", "cross"):
        idx = [i for i, r in enumerate(rows) if (r["lang1"] == r["lang2"]) == (relation == "same")]
        x = np.array([[feats[i][f] for f in sim.FEATURES] for i in idx])
        y = np.array([float(rows[i]["Overall"]) <= 2.0 for i in idx])
        model = LogisticRegression(C=10.0, max_iter=1000).fit(x, y)
        weights[relation] = {"bias": round(float(model.intercept_[0]), 4)}
        weights[relation].update({f: round(float(w), 4) for f, w in zip(sim.FEATURES, model.coef_[0], strict=True)})
    return weights


def evaluate(path: Path = DEFAULT_DATA, refit: bool = False) -> dict[str, Any]:
    start = time.perf_counter()
    rows = load(path)
    feats = []
    meaning = sim.embed_parts([r[k] for r in rows for k in ("text1", "text2")])  # one batch
    for i, r in enumerate(rows):
        a = sim.profile(r["text1"], r["lang1"], meaning[2 * i])
        b = sim.profile(r["text2"], r["lang2"], meaning[2 * i + 1])
        feats.append(sim.features(a, b))
    if refit:
        tune = [i for i, r in enumerate(rows) if split_of(r["pair_id"]) == "tune"]
        weights = fit([rows[i] for i in tune], [feats[i] for i in tune])
        data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
        data["weights"] = weights
        WEIGHTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        sim._weights.cache_clear()
    ours = [sim.combine(f, r["lang1"] == r["lang2"]) for f, r in zip(feats, rows, strict=True)]
    base = baseline_scores(rows)
    target = [-float(r["Overall"]) for r in rows]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        split = split_of(r["pair_id"])
        groups[f"{split}/all"].append(i)
        groups[f"{split}/{r['lang1']}-{r['lang2']}"].append(i)
    figures = {}
    for name, idx in sorted(groups.items()):
        figures[name] = {
            "pairs": len(idx),
            "pearson": round(pearson([ours[i] for i in idx], [target[i] for i in idx]), 4),
            "baseline": round(pearson([base[i] for i in idx], [target[i] for i in idx]), 4),
        }
    return {"figures": figures, "seconds": round(time.perf_counter() - start, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--fit", action="store_true", help="refit the weights on the tune half first")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"data not found: {args.data}")
    result = evaluate(args.data, refit=args.fit)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{'split/pair':<14} {'pairs':>5} {'pearson':>8} {'baseline':>8}")
    for name, f in result["figures"].items():
        print(f"{name:<14} {f['pairs']:>5} {f['pearson']:>8.4f} {f['baseline']:>8.4f}")
    print(f"({result['seconds']} s)")


if __name__ == "__main__":
    main()
