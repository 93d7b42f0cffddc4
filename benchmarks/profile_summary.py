"""Where an ingest's time goes, from a py-spy profile: the share of samples under each of newsgraph's own functions,
outside spaCy and outside what is paid once per process (imports, loading the model and the language identifier).

Record a profile (py-spy is in the bench extra), then summarize it:

    .venv/bin/py-spy record -r 40 -f raw -o serial.txt -- .venv/bin/newsgraph ingest --db /tmp/p.db FILES...
    .venv/bin/python benchmarks/profile_summary.py serial.txt [--top 30]

With `--workers N` py-spy follows the ingesting process only (add --subprocesses for the workers), which is what
shows the work that competes with the workers for the cores. Samples are counted where a thread was running (py-spy
leaves out idle threads by default).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

ONCE = ("_find_and_load", "from_model_file", "english (newsgraph", "load_model (spacy")
"""Frames under which a sample is paid once per process."""


def frames(line: str) -> tuple[list[str], int]:
    stack, _, count = line.rstrip().rpartition(" ")
    return stack.split(";"), int(count)


def name(frame: str) -> str:
    """'Writer.add_articles (newsgraph/store/writer.py:128)' -> 'Writer.add_articles (store/writer.py)'."""
    function, _, where = frame.partition(" (")
    path = where.split(":")[0]
    return f"{function} ({path.split('newsgraph/', 1)[-1]})"


def summarize(path: Path, top: int) -> list[str]:
    total = once = spacy = 0
    own: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        stack, count = frames(line)
        total += count
        if any(marker in f for f in stack for marker in ONCE):
            once += count
        elif any("Language.pipe" in f for f in stack):
            spacy += count
        else:
            ours = [f for f in stack if "newsgraph/" in f]
            own[name(ours[-1]) if ours else "(outside newsgraph: threads, waiting, interpreter)"] += count
    per_article = total - once
    share = 100 * sum(own.values()) / max(1, per_article)
    lines = [
        f"samples: {total}; paid once per process: {once}; the rest: {per_article}",
        f"spaCy (Language.pipe): {100 * spacy / max(1, per_article):.1f}% of the rest",
        f"newsgraph's own work, by innermost newsgraph function ({share:.1f}%):",
    ]
    lines += [f"{100 * n / max(1, per_article):5.1f}%  {key}" for key, n in own.most_common(top)]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile", type=Path, help="py-spy raw output (-f raw)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print("\n".join(summarize(args.profile, args.top)))


if __name__ == "__main__":
    main()
