"""Places on GeoWebNews (200 news articles, every toponym with its GeoNames coordinates).

A gold toponym counts as resolved when the place given for it lies within 161 km (100 miles) of
the gold coordinates, the usual accuracy@161km of geocoding evaluations.
- gold spans: the resolver alone, told where the toponyms are (each gold span is a mention, the
  spaCy entities around it stay as context);
- end to end: the analysis pipeline as it runs on ingest (`newsgraph.analyze`: spaCy, actors,
  places); a gold toponym counts when a
  place we found overlaps it and lies within 161 km. Recognition recall is the share of gold
  toponyms that any place we found overlaps; precision the share of our places that overlap one.
  Run twice: with adjectival mentions ('Russian') counted as places, as GeoWebNews counts them,
  and without, newsgraph's default.
- baseline: the most populous gazetteer entry of the name (countries by their population).

Documents 0-99 (line order of gwn_full.txt) were used to tune the resolver; 100-199 are the report
split. Nothing is fitted automatically.

Run: .venv/bin/python benchmarks/geowebnews.py [--data DIR] [--split tune|report|all] [--errors N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.analyze import analyze
from newsgraph.analyze.gazetteer import distance_km, gazetteer
from newsgraph.analyze.places import find_places
from newsgraph.models import Article, Mention, Place

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/geowebnews/data/Geocoding"
KM = 161.0
SPLITS = {"tune": range(0, 100), "report": range(100, 200), "all": range(0, 200)}

Gold = tuple[str, str, float, float, int, int]  # name, surface, lat, lon, start, end


def load(data: Path) -> list[tuple[str, list[Gold]]]:
    """(text, gold toponyms) per document, in gwn_full.txt order."""
    docs = []
    lines = (data / "gwn_full.txt").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        text = (data / "files" / str(i)).read_text(encoding="utf-8")
        gold: list[Gold] = []
        for item in line.split("||"):
            if not item.strip():
                continue
            name, surface, lat, lon, start, end = item.split(",,")
            gold.append((name, surface, float(lat), float(lon), int(start), int(end)))
        docs.append((text, gold))
    return docs


def _hit(place: Place | None, g: Gold) -> bool:
    return place is not None and distance_km(place.lat, place.lon, g[2], g[3]) <= KM


def _baseline(surface: str) -> tuple[float, float] | None:
    gaz = gazetteer()
    cands = gaz.lookup(surface)
    if not cands:
        d = gaz.demonym(surface)
        cands = [d] if d else []
    if not cands:
        return None
    best = max(cands, key=lambda e: e.population)
    return best.lat, best.lon


def evaluate(data: Path = DEFAULT_DATA, split: str = "report", errors: int = 0) -> dict[str, Any]:
    docs = [d for i, d in enumerate(load(data)) if i in SPLITS[split]]
    n_gold = sum(len(g) for _, g in docs)
    counts: Counter[str] = Counter()
    wrong: list[str] = []
    gaz = gazetteer()
    analyses = analyze([Article(id=str(i), text=t, language="en") for i, (t, _) in enumerate(docs)])
    for (text, gold), an in zip(docs, analyses, strict=True):
        mentions = an.mentions  # as the pipeline leaves them: actors resolved, names claimed by places relabelled
        # gold spans: the gold toponyms replace the entities they overlap
        gold_mentions = [Mention(g[4], g[5], text[g[4] : g[5]], "GPE") for g in gold]
        context = [m for m in mentions if not any(m.start < g[5] and g[4] < m.end for g in gold)]
        resolved = find_places(gaz, text, sorted(context + gold_mentions, key=lambda m: m.start), demonyms=True)
        for g in gold:
            place = next((p for p in resolved if g[4] <= p.start and p.end <= g[5]), None)
            counts["gold_spans"] += _hit(place, g)
            base = _baseline(g[1])
            counts["baseline"] += base is not None and distance_km(*base, g[2], g[3]) <= KM
            if not _hit(place, g) and len(wrong) < errors:
                got = f"{place.name} ({place.country}) {place.lat:.2f},{place.lon:.2f}" if place else "-"
                wrong.append(f"{g[1]!r} gold {g[0]} {g[2]:.2f},{g[3]:.2f} got {got}")
        for demonyms in (True, False):
            tag = "e2e" if demonyms else "e2e_nodemonyms"
            found = find_places(gaz, text, mentions, demonyms=True) if demonyms else an.places
            counts[f"{tag}_found"] += len(found)
            counts[f"{tag}_found_on_gold"] += sum(any(p.start < g[5] and g[4] < p.end for g in gold) for p in found)
            for g in gold:
                over = [p for p in found if p.start < g[5] and g[4] < p.end]
                counts[f"{tag}_recognized"] += bool(over)
                counts[f"{tag}_resolved"] += any(_hit(p, g) for p in over)
    result: dict[str, Any] = {"split": split, "documents": len(docs), "gold": n_gold}
    result["gold_spans_161km"] = round(counts["gold_spans"] / n_gold, 4)
    result["baseline_161km"] = round(counts["baseline"] / n_gold, 4)
    for tag in ("e2e", "e2e_nodemonyms"):
        result[f"{tag}_161km"] = round(counts[f"{tag}_resolved"] / n_gold, 4)
        result[f"{tag}_recognition_recall"] = round(counts[f"{tag}_recognized"] / n_gold, 4)
        result[f"{tag}_precision"] = round(counts[f"{tag}_found_on_gold"] / max(1, counts[f"{tag}_found"]), 4)
    if errors:
        result["errors"] = wrong
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=sorted(SPLITS), default="report")
    parser.add_argument("--errors", type=int, default=0, help="list the first N gold-span errors")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.data / "gwn_full.txt").exists():
        sys.exit(f"GeoWebNews not found at {args.data}")
    result = evaluate(args.data, args.split, args.errors)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for k, v in result.items():
        if k != "errors":
            print(f"{k:32} {v}")
    for line in result.get("errors", []):
        print("  ", line)


if __name__ == "__main__":
    main()
