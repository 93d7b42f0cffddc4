"""Cleaning speed and mojibake repair on real text.

Texts: the 84 PolNeAR dev articles, the two seed articles and the first 60 SemEval-2022 Task 8 pairs
(560 KB, 10 languages). `clean_text` is timed on them (CPU time, best of --rounds) and on the same
texts turned into mojibake (their UTF-8 bytes read as Windows-1252, its undefined bytes as Latin-1, as a
browser does); the repair figure is the share of texts changed that way whose cleaned mojibake equals
their cleaned original. `--against FILE` times another cleaning module in the same rounds, e.g. an earlier
version: `git show COMMIT:src/newsgraph/ingest/cleaning.py > /tmp/old_cleaning.py`.

Run: .venv/bin/python benchmarks/cleaning.py [--shared DIR] [--rounds N] [--against FILE] [--json]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from newsgraph.ingest import cleaning

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_AS_CP1252 = "".join(bytes([i]).decode("cp1252", "ignore") or chr(i) for i in range(256))


def texts(shared: Path, pairs: int = 60) -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((shared / "data/polnear/data/dev/text").glob("*.txt"))]
    out += [p.read_text(encoding="utf-8") for p in sorted((shared / "samples/seeds").glob("*.txt"))]
    csv.field_size_limit(sys.maxsize)
    with (shared / "data/semeval2022-task8/training_set.csv").open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if i == pairs:
                break
            out += [row["text1"], row["text2"]]
    return out


def mojibake(text: str) -> str:
    """`text`'s UTF-8 bytes read as Windows-1252 (the five bytes it leaves undefined as Latin-1)."""
    return "".join(_AS_CP1252[b] for b in text.encode("utf-8"))


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("cleaning_against", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def best_times(cleaners: dict[str, Callable[[str], str]], docs: list[str], rounds: int) -> dict[str, float]:
    """The least CPU time each cleaner takes over `docs`, its runs interleaved with the others'."""
    best = dict.fromkeys(cleaners, float("inf"))
    for _ in range(rounds):
        for name, clean in cleaners.items():
            start = time.process_time()
            for doc in docs:
                clean(doc)
            best[name] = min(best[name], time.process_time() - start)
    return best


def evaluate(shared: Path, rounds: int, against: Path | None) -> dict[str, Any]:
    plain = texts(shared)
    garbled = [mojibake(t) for t in plain]
    cleaners = {"this": cleaning.clean_text}
    if against:
        cleaners["against"] = load(against).clean_text
    result: dict[str, Any] = {"texts": len(plain), "kb": round(sum(len(t.encode()) for t in plain) / 1000)}
    for label, docs in (("real", plain), ("mojibake", garbled)):
        for name, seconds in best_times(cleaners, docs, rounds).items():
            result[f"{label}_ms_{name}"] = round(seconds * 1000)
    changed = [i for i, (p, g) in enumerate(zip(plain, garbled, strict=True)) if p != g]
    for name, clean in cleaners.items():
        result[f"mojibake_repaired_{name}"] = sum(clean(garbled[i]) == cleaning.clean_text(plain[i]) for i in changed)
    result["mojibake_texts"] = len(changed)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another cleaning.py to time in the same rounds")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.shared.exists():
        sys.exit(f"data not found: {args.shared}")
    result = evaluate(args.shared, args.rounds, args.against)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['texts']} texts, {result['kb']} KB; CPU time, best of {args.rounds}")
    for name in ("this", "against") if args.against else ("this",):
        print(
            f"{name}: real text {result[f'real_ms_{name}']} ms, as mojibake {result[f'mojibake_ms_{name}']} ms; "
            f"mojibake repaired in {result[f'mojibake_repaired_{name}']} of {result['mojibake_texts']} texts"
        )


if __name__ == "__main__":
    main()
