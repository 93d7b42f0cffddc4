"""Event coding against PLOVER's gold standard records and ConfliBERT's cooperation/conflict sentences.

    python benchmarks/events.py --set plover --split tune      # develop on this
    python benchmarks/events.py --set conflibert --split tune
    python benchmarks/events.py --set plover --split report    # measured once, when the rules are done

Both sets are read in place from ../shared/data/events (never copied). Each is cut in two by a stable hash
of the record's id (PLOVER) or text (ConfliBERT): half to tune the rules on, half to report. The report
halves are blind (docs/benchmarks.md says when they were run).

PLOVER (plover_gsr_dev.json, 161 sentences, PLOVER 0.5b1 labels of 2016): the 2016 labels are mapped to
today's types (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE: CAMEO 09,
'investigate', is coded ACCUSE in the 2021 CAMEO -> PLOVER table). Each sentence is analysed as an article
dated by the record; its *primary* event (see `primary`) is compared with the gold type, source and target:
type accuracy and macro-F1 over the gold types; source (target) accuracy: the primary event's source
(target) country is one of the gold source (target) codes, over the records with one; an actor without a country
whose sector is an international body, a non-governmental one or an armed group (the actor table's) is scored as
the gold codes IGO, NGO and IMG.

ConfliBERT (conflibert_quad_train.tsv, 1,349 sentences labelled 0-4): labels read from the tuning half as
0 no cooperation or conflict (statements, comments), 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict, 4 material conflict (the Phoenix data set's five-way quad_class: CAMEO 01-02, 03-05, 06-08, 09-13,
14-20); a sentence's predicted label is its primary event's (`penta`), 0 when it has none: accuracy and
macro-F1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsgraph import Article, analyze
from newsgraph.analyze.actors import CountryTable
from newsgraph.models import Event

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "events"
LABELS_2016 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
"""PLOVER 0.5b1 (2016) types that PLOVER 2021 renamed or merged, and the type they are scored as."""
ISO = frozenset(CountryTable.build().display)
"""Country codes newsgraph knows: a gold source coded IGO, NGO or IMG (al-Qaeda) can never match one."""
MODE_RANK = {"asserted": 0, "attributed": 0, "hypothetical": 1, "negated": 2}


def split_of(key: str) -> str:
    """'tune' or 'report', by a stable hash of the record's key."""
    return "tune" if int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "report"


def primary(events: Sequence[Event]) -> Event | None:
    """The event a sentence is mainly about: asserted or attributed before hypothetical before negated, then
    one of the main clause before background (`Event.main`), one with a target before one without, then the
    first in text order."""
    if not events:
        return None
    return min(events, key=lambda e: (MODE_RANK.get(e.mode, 3), not e.main, e.target is None, e.trigger_start))


def macro_f1(gold: list[str], predicted: list[str], labels: Sequence[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {a["code"][:3] for a in actors if isinstance(a, dict) and a.get("code")}


GOLD_SECTORS = {"igo": "IGO", "ngo": "NGO", "armed group": "IMG"}
"""An actor without a country whose sector is one of these stands for the gold code that is no country ('the United
Nations': IGO)."""


def actor_code(analysis: Any, country: str | None, mention: int | None) -> str | None:
    """The code an event's source or target is scored by: its country, else the gold code of its sector."""
    if country or mention is None:
        return country
    return GOLD_SECTORS.get(analysis.mentions[mention].sector or "")


def plover(folder: Path, split: str, show: int = 0) -> dict[str, Any]:
    records = [r for r in json.loads((folder / "plover_gsr_dev.json").read_text(encoding="utf-8")) if "text" in r]
    records = [r for r in records if split == "all" or split_of(r["id"]) == split]
    articles = [Article(id=r["id"], text=r["text"], published=r.get("date"), language="en") for r in records]
    started = time.perf_counter()
    analyses = analyze(articles)
    seconds = time.perf_counter() - started
    gold_types, predicted_types, rows = [], [], []
    source_hits = source_n = target_hits = target_n = any_hits = no_iso = unplaced = 0
    for record, analysis in zip(records, analyses, strict=True):
        gold = LABELS_2016.get(record["event"], record["event"])
        event = primary(analysis.events)
        gold_types.append(gold)
        predicted_types.append(event.type if event else "NONE")
        any_hits += any(e.type == gold for e in analysis.events)
        sources, targets = _codes(record.get("source")), _codes(record.get("target"))
        if sources:
            source_n += 1
            source_hits += bool(event and actor_code(analysis, event.source_country, event.source_mention) in sources)
            no_iso += not (sources & ISO)
            unplaced += bool(event and event.source and not event.source_country)
        if targets:
            target_n += 1
            target_hits += bool(event and actor_code(analysis, event.target_country, event.target_mention) in targets)
        rows.append((record, event, gold, sources, targets))
    n = len(records)
    result = {
        "set": "plover",
        "split": split,
        "records": n,
        "type_accuracy": round(sum(g == p for g, p in zip(gold_types, predicted_types, strict=True)) / n, 4),
        "type_macro_f1": round(macro_f1(gold_types, predicted_types, sorted(set(gold_types))), 4),
        "type_any_event": round(any_hits / n, 4),
        "source_accuracy": round(source_hits / source_n, 4) if source_n else None,
        "target_accuracy": round(target_hits / target_n, 4) if target_n else None,
        "with_source": source_n,
        "with_target": target_n,
        "no_event": predicted_types.count("NONE"),
        "gold_source_not_a_country": no_iso,
        "source_found_without_country": unplaced,
        "seconds": round(seconds, 1),
    }
    if show:
        analysis_of = {r["id"]: a for r, a in zip(records, analyses, strict=True)}
        for record, event, gold, sources, targets in rows[:show]:
            got = "NONE"
            if event:
                src = actor_code(analysis_of[record["id"]], event.source_country, event.source_mention)
                tgt = actor_code(analysis_of[record["id"]], event.target_country, event.target_mention)
                hit = ("s" if src in sources else "-") + ("t" if tgt in targets or not targets else "-")
                got = f"{event.type} {src}->{tgt} {hit} ({event.source} -> {event.target}) [{event.trigger}]"
            mark = "ok " if event and event.type == gold else "XX "
            print(f"{mark}{gold} {sorted(sources)}->{sorted(targets)} | {got} | {record['text'][:150]}")
    return result


def penta(event: Event | None) -> str:
    """ConfliBERT's label for an event: its QuadClass, but 0 for an appeal (CAMEO 02, a statement in their
    scheme: REQUEST of QuadClass 1) and for a hypothetical event (what may or could happen, what is being
    considered: CAMEO 01, statements, 014 'consider policy option'), and 3 for SANCTION (their sentences on
    sanctions and expulsions are labelled 3; read from the tuning half); 0 without an event."""
    if event is None or (event.type == "REQUEST" and event.quad_class == 1) or event.mode == "hypothetical":
        return "0"
    return "3" if event.type == "SANCTION" else str(event.quad_class)


def conflibert(folder: Path, split: str, show: int = 0) -> dict[str, Any]:
    with (folder / "conflibert_quad_train.tsv").open(encoding="utf-8", newline="") as handle:
        pairs = [
            (row[0], row[1]) for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if len(row) == 2
        ]
    pairs = [(t, y) for t, y in pairs if split == "all" or split_of(t) == split]
    articles = [Article(id=f"c{i}", text=t, language="en") for i, (t, _) in enumerate(pairs)]
    started = time.perf_counter()
    analyses = analyze(articles)
    seconds = time.perf_counter() - started
    gold, predicted = [], []
    for (text, label), analysis in zip(pairs, analyses, strict=True):
        event = primary(analysis.events)
        gold.append(label)
        predicted.append(penta(event))
        if show and len(gold) <= show:
            got = f"{event.type} q{event.quad_class} [{event.trigger}]" if event else "none"
            print(f"{'ok ' if label == predicted[-1] else 'XX '}{label} | {got} | {text[:150]}")
    n = len(pairs)
    return {
        "set": "conflibert",
        "split": split,
        "sentences": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / n, 4),
        "macro_f1": round(macro_f1(gold, predicted, ["0", "1", "2", "3", "4"]), 4),
        "gold": dict(sorted(Counter(gold).items())),
        "predicted": dict(sorted(Counter(predicted).items())),
        "seconds": round(seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["plover", "conflibert"], default="plover")
    parser.add_argument("--split", choices=["tune", "report", "all"], default="tune")
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--show", type=int, default=0, help="Print the first N items with what was found.")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    run = plover if args.set == "plover" else conflibert
    print(json.dumps(run(args.data, args.split, args.show), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
