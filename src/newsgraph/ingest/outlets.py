"""Outlets and wire agencies: who publishes under a host or a name, and which credits are wire agencies.

An `OutletTable` is a value: the package's table (`newsgraph/data/outlets.json`) plus the outlets of
the user's names file (their `outlets` section, which wins), immutable and picklable. It is passed
explicitly to what needs it (metadata lifting, reprint detection, story briefs); nothing holds the
user's outlets in module state. `OutletTable.default()` is the package's table alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from newsgraph.resources import load_json

_EDITIONS = (
    r"(?:English|Italian|French|German|Spanish|Portuguese|Russian|Arabic|Persian|Turkish|Greek|"
    r"Hungarian|Polish|Romanian|Ukrainian|Chinese|Japanese|Korean|Albanian|Georgian|Bulgarian|"
    r"UK|US|USA|International|Europe|Asia|Africa|Online|Live|Edition|News|\.com)"
)
_SEPARATORS = r"\s*[|\-–—:·•»]\s*"


@dataclass(frozen=True)
class Outlet:
    """An outlet or wire agency of a names file: its display (and, for a wire, canonical credit) name,
    the hosts it publishes under (subdomains included), other names it goes by, whether it is a wire."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    wire: bool = False


def normalize_host(host: str) -> str:
    return host.strip().lower().removeprefix("www.")


@lru_cache(maxsize=1)
def _package_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The package's own table (package data, not an input): host -> outlet, name -> outlet, name -> wire."""
    data = load_json("outlets.json")
    hosts: dict[str, str] = {}
    names: dict[str, str] = {}
    for outlet in data["outlets"]:
        name = outlet["name"]
        for host in outlet.get("hosts", []):
            hosts[normalize_host(host)] = name
        for alias in [name, *outlet.get("aliases", [])]:
            names.setdefault(alias.casefold(), name)
    wires: dict[str, str] = {}
    for wire in data["wires"]:
        for alias in [wire["name"], *wire.get("aliases", [])]:
            wires.setdefault(alias.casefold(), wire["name"])
    return hosts, names, wires


@dataclass(frozen=True)
class OutletTable:
    """Outlets and wire agencies: the package's table with `extra` (a names file's outlets) first.

    Build it with `OutletTable.build(registry.outlets)`, or take `OutletTable.default()`. It pickles as
    its `extra` entries and is rebuilt from them, so a worker process gets the same table.
    """

    extra: tuple[Outlet, ...] = ()
    _hosts: Mapping[str, str] = field(init=False, repr=False, compare=False)
    """host -> outlet display name"""
    _names: Mapping[str, str] = field(init=False, repr=False, compare=False)
    """casefolded name or alias -> outlet display name"""
    _wires: Mapping[str, str | None] = field(init=False, repr=False, compare=False)
    """casefolded name or alias -> canonical wire name; None: the names file says it is no wire"""
    _suffix: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _slugs: tuple[tuple[tuple[str, ...], str], ...] = field(init=False, repr=False, compare=False)
    """the words of each name, alias and host's first label -> outlet display name (see `outlet_of_slug`)"""

    def __post_init__(self) -> None:
        base_hosts, base_names, base_wires = _package_tables()
        hosts: dict[str, str] = {}
        names: dict[str, str] = {}
        wires: dict[str, str | None] = {}
        for outlet in self.extra:  # the user's entries first: they win
            for host in outlet.domains:
                hosts.setdefault(normalize_host(host), outlet.name)
            for alias in (outlet.name, *outlet.aliases):
                names.setdefault(alias.casefold(), outlet.name)
                wires.setdefault(alias.casefold(), outlet.name if outlet.wire else None)
        for host, name in base_hosts.items():
            hosts.setdefault(host, name)
        for key, name in base_names.items():
            names.setdefault(key, name)
        for key, name in base_wires.items():
            wires.setdefault(key, name)
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        suffix = re.compile(
            rf"^(?P<title>.*?\S)(?P<sep>{_SEPARATORS}|\s+)(?P<outlet>{alternation})"
            rf"(?:\s+{_EDITIONS}){{0,2}}\s*$",
            re.IGNORECASE,
        )
        object.__setattr__(self, "_hosts", MappingProxyType(hosts))
        object.__setattr__(self, "_names", MappingProxyType(names))
        object.__setattr__(self, "_wires", MappingProxyType(wires))
        object.__setattr__(self, "_suffix", suffix)
        slugs = {(tuple(_slug_words(key)), name) for key, name in names.items()}
        slugs |= {((label,), name) for host, name in hosts.items() if (label := _site_label(host))}
        object.__setattr__(self, "_slugs", tuple(sorted(slugs)))

    def __reduce__(self) -> tuple[Any, ...]:
        return (OutletTable, (self.extra,))

    @classmethod
    def build(cls, extra: Iterable[Outlet] = ()) -> OutletTable:
        """The package's table with these entries (a names file's `outlets`) first."""
        extra = tuple(extra)
        return cls(extra) if extra else cls.default()

    @staticmethod
    def default() -> OutletTable:
        """The package's table alone."""
        return _default_table()

    # --- lookups ---------------------------------------------------------------------------

    def outlet_of_host(self, host: str) -> str | None:
        """The outlet publishing under a host or any domain above it ('it.euronews.com' -> Euronews)."""
        labels = normalize_host(host).split(".")
        for i in range(len(labels) - 1):
            name = self._hosts.get(".".join(labels[i:]))
            if name:
                return name
        return None

    def outlet(self, name: str) -> str | None:
        """The display name of a known outlet, from its name or an alias."""
        return self._names.get(name.strip().casefold())

    def wire(self, name: str) -> str | None:
        """The canonical name of a wire agency named by its name or an alias ('Agence France-Presse' -> AFP)."""
        return self._wires.get(name.strip().casefold())

    def outlet_of_slug(self, slug: str) -> str | None:
        """The outlet a folder or file name spells as a slug: its name or an alias without spaces ('usa-today',
        'huff_post', 'nytimes' as the label of its site), or, for a slug of two words or more, the alias's words
        shortened to their first letters, each at least three ('wash-post' -> The Washington Post); None when none
        or several fit (a single word such as 'china' or 'business' is no shortened outlet)."""
        words = _slug_words(slug)
        if not words:
            return None
        squashed = "".join(words)
        found = {name for key, name in self._slugs if "".join(key) == squashed}
        if not found and len(words) > 1 and all(len(w) >= SLUG_PREFIX for w in words):
            found = {
                name
                for key, name in self._slugs
                if len(key) == len(words) and all(k.startswith(w) for k, w in zip(key, words, strict=True))
            }
        return found.pop() if len(found) == 1 else None

    @property
    def suffix_pattern(self) -> re.Pattern[str]:
        """A title ending in a known outlet's name, optionally with an edition ('... | Euronews English')."""
        return self._suffix


SLUG_PREFIX = 3
"""The fewest letters a shortened word of a slug keeps ('wash' for Washington)."""


def _slug_words(text: str) -> list[str]:
    """The words of a name or a slug, lower case, without a leading 'the' when two words or more remain ('The
    Washington Post' -> washington, post; 'wash-post' -> wash, post; 'The National' keeps its 'the')."""
    words = re.findall(r"[^\W_]+", text.casefold())
    return words[1:] if len(words) > 2 and words[0] == "the" else words


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "or", "ne"})


def _site_label(host: str) -> str | None:
    """The label a site is named by ('nytimes' of nytimes.com, 'bbc' of bbc.co.uk); None for a host under a site
    ('asia.nikkei.com': 'asia' names no outlet)."""
    labels = host.split(".")
    if len(labels) == 2 or (len(labels) == 3 and labels[1] in _SECOND_LEVEL):
        return labels[0]
    return None


@lru_cache(maxsize=1)
def _default_table() -> OutletTable:
    return OutletTable(())
