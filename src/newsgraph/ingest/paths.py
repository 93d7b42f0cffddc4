"""A file's date and outlet read from its path, for corpora of undated text files (docs/ingest.md).

    nyt_2016-02-01_slug.txt        2016-02-01, outlet 'nyt'
    2016/02/01/slug.txt            2016-02-01
    reuters/2016-02-01/slug.txt    2016-02-01, outlet 'reuters'
    bbc/2016/02/01/slug.txt        2016-02-01, outlet 'bbc'

Only the parts of the path below the folder given on the command line (and that folder's own name)
are read, so '/home/me/2016-archive/...' says nothing about the articles in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-_.]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MONTH = re.compile(r"^(?:0?[1-9]|1[0-2])$")
_DAY = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")
_OUTLET = re.compile(r"^[A-Za-z][A-Za-z0-9.&'-]{1,39}$")
_SEPARATORS = "_- ."
GENERIC_FOLDERS = frozenset(
    {
        "articles",
        "article",
        "news",
        "data",
        "corpus",
        "corpora",
        "texts",
        "text",
        "raw",
        "docs",
        "documents",
        "files",
        "input",
        "inputs",
        "output",
        "archive",
        "archives",
        "stories",
        "items",
        "pages",
        "html",
        "txt",
        "json",
        "clean",
        "cleaned",
        "scraped",
        "downloads",
        "tmp",
    }
)
"""Folder names that name a collection, not an outlet: never read as one."""


@dataclass(frozen=True)
class PathHints:
    published: str | None = None
    outlet: str | None = None


def path_parts(path: Path, root: Path | None) -> list[str]:
    """The folder names and the file's stem that are read: below `root` (and its name), or all of a
    path given as is."""
    if root is not None:
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = Path(path.name)
        parts = [root.resolve().name, *rel.parts]
    else:
        parts = [p for p in path.parts if p not in ("/", ".", "..")]
    if parts:
        parts[-1] = Path(parts[-1]).stem
    return [p for p in parts if p]


def _valid(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _outlet(name: str) -> str | None:
    name = name.strip(_SEPARATORS)
    if _OUTLET.match(name) and name.casefold() not in GENERIC_FOLDERS and not name.isdigit():
        return name
    return None


def hints(path: Path, root: Path | None = None) -> PathHints:
    """The date and outlet a path names, deepest first; either may be None."""
    parts = path_parts(path, root)
    for i in range(len(parts) - 1, -1, -1):
        m = _DATE.search(parts[i])
        if m and (day := _valid(m["y"], m["m"], m["d"])):
            prefix = parts[i][: m.start()]
            outlet = _outlet(prefix) if prefix.strip(_SEPARATORS) else None
            if outlet is None and i > 0 and not prefix.strip(_SEPARATORS):
                outlet = _outlet(parts[i - 1])
            return PathHints(day, outlet)
        if (
            i >= 2
            and _YEAR.match(parts[i - 2])
            and _MONTH.match(parts[i - 1])
            and _DAY.match(parts[i])
            and (day := _valid(parts[i - 2], parts[i - 1], parts[i]))
        ):
            return PathHints(day, _outlet(parts[i - 3]) if i >= 3 else None)
    return PathHints()
