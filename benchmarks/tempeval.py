"""Time expressions on TempEval-3 (TimeBank + AQUAINT, TBAQ-cleaned): span, type and value.

For every document the gold TIMEX3s of its TEXT are compared with `find_times(text, DCT)`, the
document creation time as the anchor. As in the TempEval-3 task: strict span F1 (same start and
end), relaxed span F1 (overlap), type accuracy and value accuracy over relaxed matches, and value
F1 (a system expression counts when it overlaps a gold one and has its value). With `gold spans`:
the normalizer alone, run on each gold expression's text. As in analysis, the tenses of the verbs that govern
weekday and month names come from spaCy's parse of the text (`--no-parse`: the patterns alone, in 2 s).

Splits: each document goes to `tune` or `report` by a stable hash of its file name (about half each, both
sub-corpora in each). Rules are chosen by reading the tuning part's errors; the report part is run when the
work is done. (Rules written before the split existed were read from all 256 documents: for them the report part
is not blind; docs/benchmarks.md says which figures are.)

Run: .venv/bin/python benchmarks/tempeval.py [--data DIR] [--split tune|report|all] [--no-parse] [--errors N]
[--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.analyze.tense import time_word_tenses
from newsgraph.analyze.timex import find_times

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/tempeval3/TBAQ-cleaned"


def read_tml(path: Path) -> tuple[str, str, list[tuple[int, int, str, str, str]]]:
    """(text, dct, gold [(start, end, text, type, value)]) of one TimeML document."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    assert dct_el is not None
    dct = dct_el.get("value", "")[:10]
    text_el = root.find("TEXT")
    assert text_el is not None
    parts: list[str] = []
    gold = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            gold.append((start, pos, "".join(parts)[start:pos], el.get("type", ""), el.get("value", "")))

    walk(text_el)
    return "".join(parts), dct, gold


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


SPLITS = ("tune", "report", "all")


def split_of(name: str) -> str:
    """'tune' or 'report', by a stable hash of a document's file name."""
    return "tune" if int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "report"


def documents(data: Path, split: str = "all") -> list[Path]:
    """The TimeML files of a split, sorted."""
    return [p for p in sorted(data.glob("*/*.tml")) if split == "all" or split_of(p.name) == split]


def tenses_of(texts: list[str]) -> list[dict[int, str]]:
    """The tenses of each text's weekday and month names, from spaCy's parse (as analysis reads them)."""
    from newsgraph.analyze.nlp import english

    return [dict(time_word_tenses(doc)) for doc in english().pipe(texts, batch_size=16)]


def evaluate(data: Path = DEFAULT_DATA, show_errors: int = 0, split: str = "all", parse: bool = True) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    errors: list[str] = []
    paths = documents(data, split)
    read = [read_tml(path) for path in paths]
    tenses = tenses_of([text for text, _, _ in read]) if parse else [{} for _ in read]
    for path, (text, dct, gold), directions in zip(paths, read, tenses, strict=True):
        found = find_times(text, dct, directions)
        counts["gold"] += len(gold)
        counts["system"] += len(found)
        for g_start, g_end, g_text, g_type, g_value in gold:
            match = next((t for t in found if t.start < g_end and g_start < t.end), None)
            if match is None:
                counts["missed"] += 1
                if len(errors) < show_errors:
                    errors.append(f"missed  {g_text!r} {g_type} {g_value} ({path.name}, dct {dct})")
                continue
            counts["relaxed"] += 1
            counts["strict"] += (match.start, match.end) == (g_start, g_end)
            counts["type"] += match.type == g_type
            counts["value"] += match.value == g_value
            if match.value != g_value and len(errors) < show_errors:
                errors.append(
                    f"value   {g_text!r} gold {g_type} {g_value} "
                    f"got {match.text!r} {match.type} {match.value} (dct {dct})"
                )
            alone = find_times(g_text, dct)
            counts["gold_span_value"] += bool(alone) and alone[0].value == g_value
            counts["gold_span_type"] += bool(alone) and alone[0].type == g_type
        for t in found:
            if not any(t.start < g_end and g_start < t.end for g_start, g_end, *_ in gold):
                counts["spurious"] += 1
                if len(errors) < show_errors and counts["spurious"] % 7 == 0:
                    errors.append(f"spurious {t.text!r} {t.type} {t.value}")
    g, s = counts["gold"], counts["system"]
    relaxed_p, relaxed_r = (s - counts["spurious"]) / s if s else 0.0, counts["relaxed"] / g
    strict_p, strict_r = counts["strict"] / s if s else 0.0, counts["strict"] / g
    value_p, value_r = counts["value"] / s if s else 0.0, counts["value"] / g
    result = {
        "documents": len(paths),
        "gold": g,
        "system": s,
        "strict_f1": round(f1(strict_p, strict_r), 4),
        "relaxed_f1": round(f1(relaxed_p, relaxed_r), 4),
        "type_accuracy": round(counts["type"] / counts["relaxed"], 4) if counts["relaxed"] else 0.0,
        "value_accuracy": round(counts["value"] / counts["relaxed"], 4) if counts["relaxed"] else 0.0,
        "value_f1": round(f1(value_p, value_r), 4),
        "gold_spans_value_accuracy": round(counts["gold_span_value"] / g, 4),
        "gold_spans_type_accuracy": round(counts["gold_span_type"] / g, 4),
    }
    if show_errors:
        result["errors"] = errors
    return result


def by_corpus(data: Path = DEFAULT_DATA, split: str = "all", parse: bool = True) -> dict[str, dict[str, Any]]:
    """The figures for each sub-corpus (TimeBank, AQUAINT) on its own."""
    import tempfile

    out = {}
    for corpus in sorted(p for p in data.iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / corpus.name).symlink_to(corpus)
            out[corpus.name] = evaluate(Path(tmp), split=split, parse=parse)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--split", choices=SPLITS, default="all", help="tune, report or all (default: all)")
    parser.add_argument("--no-parse", action="store_true", help="the patterns alone, without the verbs' tenses")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"data not found: {args.data}")
    result = evaluate(args.data, args.errors, args.split, not args.no_parse)
    errors = result.pop("errors", [])
    parts = by_corpus(args.data, args.split, not args.no_parse)
    if args.json:
        print(json.dumps({"all": result, **parts}))
        return
    names = ["all", *parts]
    print(f"{'':>28} " + " ".join(f"{n:>10}" for n in names))
    for key in result:
        print(f"{key:>28} " + " ".join(f"{({'all': result, **parts})[n][key]:>10}" for n in names))
    for line in errors:
        print(line)


if __name__ == "__main__":
    main()
