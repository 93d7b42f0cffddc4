"""The user's own names file: people, country forms, places and outlets added to the project's tables.

A JSON file (see docs/places.md, "Your own names"):

    {
      "people": [{"name": "Choe Son Hui", "aliases": ["Choe"], "country": "PRK", "role": "foreign minister"}],
      "countries": {"PRK": {"aliases": ["the Hermit Kingdom"], "demonyms": [], "institutions": ["Ryongsong"]}},
      "places": [{"name": "Camp Humphreys", "aliases": ["Humphreys"], "feature": "facility",
                  "kind": "military base", "country": "KOR", "lat": 36.96, "lon": 127.03}],
      "outlets": [{"name": "Valley Wire", "domains": ["valleywire.example"], "aliases": ["VW"], "wire": true}]
    }

Every key is optional. What the file says wins over the project's own tables. The file is checked before it is
parsed: a regular file (no device, named pipe or socket), at most MAX_NAMES_BYTES, UTF-8 (a byte-order mark allowed),
JSON nested at most MAX_DEPTH deep; anything else is one NamesFileError naming the file and the reason.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from newsgraph.errors import NamesFileError
from newsgraph.ingest.files import special_file
from newsgraph.ingest.outlets import Outlet, normalize_host

RegistryError = NamesFileError
"""The names file cannot be used (the name this module has always raised it under)."""

PLACE_FEATURES = ("country", "admin1", "admin2", "city", "region", "facility")
SECTIONS = ("people", "countries", "places", "outlets")
OUTLET_KEYS = ("name", "domains", "aliases", "wire")
MAX_NAMES_BYTES = 10_000_000
"""The largest names file read: it is held in memory whole and travels to every worker process in the analysis
context. Ten million bytes are some hundred thousand entries, far more than a file kept by hand holds."""
MAX_DEPTH = 32
"""The deepest nesting of arrays and objects read (a names file's entries nest 4 deep; a comment may nest a little).
Checked before parsing: Python's JSON reader recurses once per level, and thousands of levels overflow it."""
_STRINGS = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]++")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class UserPlace:
    name: str
    feature: str
    lat: float
    lon: float
    country: str | None = None
    kind: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    """The contents of a names file (plain data: it pickles, so a worker process gets it whole)."""

    path: str
    people: tuple[Person, ...] = ()
    countries: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    places: tuple[UserPlace, ...] = ()
    outlets: tuple[Outlet, ...] = ()
    """Outlets and wire agencies, for `newsgraph.ingest.outlets.OutletTable.build`."""


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(f"{where}: expected a list of names")
    return tuple(value)


def _code(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not (isinstance(value, str) and len(value) == 3 and value.isalpha() and value.isupper()):
        raise RegistryError(f"{where}: country must be an ISO 3166 alpha-3 code such as 'PRK'")
    return value


def parse(data: Any, path: str = "<names>") -> Registry:
    """A registry from the parsed JSON of a names file, or RegistryError."""
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: expected a JSON object with 'people', 'countries', 'places' and/or 'outlets'")
    unknown = set(data) - {*SECTIONS, "comment"}
    if unknown:
        raise RegistryError(f"{path}: unknown keys {sorted(unknown)}")
    for name in ("people", "places", "outlets"):
        if not isinstance(data.get(name, []), list):
            raise RegistryError(f"{path}: '{name}' must be a list")
    people = []
    for i, p in enumerate(data.get("people", [])):
        where = f"{path}: people[{i}]"
        if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
            raise RegistryError(f"{where}: needs a 'name'")
        role = p.get("role")
        if role is not None and not isinstance(role, str):
            raise RegistryError(f"{where}: 'role' must be text")
        people.append(
            Person(p["name"], _strings(p.get("aliases", []), where), _code(p.get("country"), where), role)
        )
    countries: dict[str, dict[str, list[str]]] = {}
    raw_countries = data.get("countries", {})
    if not isinstance(raw_countries, dict):
        raise RegistryError(f"{path}: 'countries' must map alpha-3 codes to their forms")
    for code, forms in raw_countries.items():
        where = f"{path}: countries[{code}]"
        _code(code, where)
        if not isinstance(forms, dict) or set(forms) - {"aliases", "demonyms", "institutions"}:
            raise RegistryError(f"{where}: expected 'aliases', 'demonyms' and/or 'institutions'")
        countries[code] = {k: list(_strings(v, f"{where}.{k}")) for k, v in forms.items()}
    places = []
    for i, p in enumerate(data.get("places", [])):
        where = f"{path}: places[{i}]"
        if not isinstance(p, dict) or not isinstance(p.get("name"), str):
            raise RegistryError(f"{where}: needs a 'name'")
        feature = p.get("feature", "facility")
        if feature not in PLACE_FEATURES:
            raise RegistryError(f"{where}: 'feature' must be one of {', '.join(PLACE_FEATURES)}")
        lat, lon = p.get("lat"), p.get("lon")
        if not (isinstance(lat, int | float) and isinstance(lon, int | float)) or not (
            -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise RegistryError(f"{where}: needs 'lat' (-90..90) and 'lon' (-180..180)")
        places.append(
            UserPlace(
                p["name"], feature, float(lat), float(lon), _code(p.get("country"), where), str(p.get("kind", "")),
                _strings(p.get("aliases", []), where),
            )
        )  # fmt: skip
    return Registry(path, tuple(people), countries, tuple(places), _outlets(data.get("outlets", []), path))


def _outlets(entries: list[Any], path: str) -> tuple[Outlet, ...]:
    outlets: list[Outlet] = []
    owner: dict[str, int] = {}
    for i, o in enumerate(entries):
        where = f"{path}: outlets[{i}]"
        if not isinstance(o, dict) or not isinstance(o.get("name"), str) or not o["name"].strip():
            raise RegistryError(f"{where}: needs a 'name'")
        unknown = set(o) - set(OUTLET_KEYS)
        if unknown:
            raise RegistryError(f"{where}: unknown keys {sorted(unknown)}; an outlet has {', '.join(OUTLET_KEYS)}")
        raw_domains = o.get("domains", [])
        if not isinstance(raw_domains, list) or not all(isinstance(d, str) for d in raw_domains):
            raise RegistryError(f"{where}: 'domains' must be a list of host names such as 'example.org'")
        domains = []
        for d in raw_domains:
            host = normalize_host(d)
            if not _HOST.match(host):
                raise RegistryError(f"{where}: {d!r} is not a host name such as 'example.org' (no scheme, no path)")
            if host in owner and owner[host] != i:
                raise RegistryError(f"{where}: domain {host!r} is already outlets[{owner[host]}]'s")
            owner[host] = i
            domains.append(host)
        wire = o.get("wire", False)
        if not isinstance(wire, bool):
            raise RegistryError(f"{where}: 'wire' must be true or false")
        aliases = _strings(o.get("aliases", []), f"{where}.aliases")
        outlets.append(Outlet(o["name"].strip(), tuple(domains), aliases, wire))
    return tuple(outlets)


def load(path: str | None) -> Registry | None:
    """The contents of the names file at path, read now; None for no file."""
    if not path:
        return None
    return parse(_json(_read(str(path)), str(path)), str(path))


def _read(path: str) -> bytes:
    """The file's bytes, never more than MAX_NAMES_BYTES read; a device, named pipe or socket is refused unread (a
    named pipe opened without blocking, should one take the file's place meanwhile)."""
    try:
        _regular(os.stat(path).st_mode, path)  # before opening: opening a named pipe waits for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            found = os.fstat(fd)
            _regular(found.st_mode, path)
            _capped(found.st_size, path)
            data = f.read(MAX_NAMES_BYTES + 1)
    except OSError as e:
        raise RegistryError(f"{path}: cannot read: {e.strerror or e}") from e
    _capped(len(data), path)  # a file that grew since it was looked at
    return data


def _regular(mode: int, path: str) -> None:
    if (what := special_file(mode)) is not None:
        raise RegistryError(f"{path}: {what}, not a regular file")


def _capped(size: int, path: str) -> None:
    if size > MAX_NAMES_BYTES:
        raise RegistryError(f"{path}: file of {size:,} bytes is over the {MAX_NAMES_BYTES:,}-byte cap of a names file")


def _json(data: bytes, path: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RegistryError(f"{path}: not UTF-8 text (a bad byte at {e.start})") from None
    if _too_deep(text):
        raise RegistryError(f"{path}: nested too deeply for a names file")
    try:
        return json.loads(text)
    except ValueError as e:  # malformed, or a number with more digits than Python converts
        raise RegistryError(f"{path}: not JSON: {e}") from None


def _too_deep(text: str) -> bool:
    """Whether JSON text nests arrays and objects deeper than MAX_DEPTH (brackets in strings left out)."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > MAX_DEPTH
