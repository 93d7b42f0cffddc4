"""The HTML report as a whole: every file of it made in memory from records read in one snapshot of the database
(`files`), then written into its folder together, the index last (`write`).

The report writes only inside its folder: the folder is refused when it is a symbolic link, a file, or under a file,
or when its parent folder is missing (`checked`); a symbolic link among its files is replaced, never followed; and
the pages of an earlier report that this one no longer lists are removed, only files named as the report names its
own (`index.html`, `story-*.html`, `pair-*.html`, `pair-*.svg`) and only regular files (`OWN`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from newsgraph.errors import OutputError
from newsgraph.models import Dyad, Relation, StoryBrief
from newsgraph.report import html
from newsgraph.report.charts import svg_text


def pair_name(dyad: Dyad) -> str:
    """The name of a pair's page and chart, without the suffix."""
    return f"pair-{html.slug(dyad.a)}-{html.slug(dyad.b)}"


def files(
    stories: Sequence[tuple[StoryBrief, dict[str, str]]], pairs: Sequence[tuple[Dyad, Relation]]
) -> list[tuple[str, str]]:
    """(file name, text) of every file of the report: the index first, then one page per story (its brief, and the
    text of its articles by id), one page per pair of actors and that pair's SVG chart."""
    index = ("index.html", html.index_page([b for b, _ in stories], [d for d, _ in pairs]))
    story_pages = [(f"story-{html.slug(b.story.id)}.html", html.story_page(b, texts)) for b, texts in stories]
    pair_pages = [(f"{pair_name(d)}.html", html.pair_page(r, f"{pair_name(d)}.svg")) for d, r in pairs]
    charts = [(f"{pair_name(d)}.svg", svg_text(r)) for d, r in pairs]
    return [index, *story_pages, *pair_pages, *charts]


OWN = re.compile(r"(?:index\.html|story-[A-Za-z0-9_-]+\.html|pair-[A-Za-z0-9_-]+\.(?:html|svg))\Z")
"""The names of the files a report writes (ids made file names by `html.slug`)."""


def checked(folder: str | os.PathLike[str]) -> Path:
    """`folder` when a report can be written into it (it is a folder, or none yet in an existing folder); else
    OutputError, in one line: it is a symbolic link, a file, under a file, or its parent folder is missing."""
    out = Path(folder)
    if out.is_symlink():
        raise OutputError(f"the report folder {out} is a symbolic link: give the folder it points to")
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write the report into {out}: it is a file, not a folder")
    above = next((p for p in out.parents if p.exists() or p.is_symlink()), None)
    if above is not None and not above.is_dir():
        raise OutputError(f"cannot write the report into {out}: {above} is not a folder")
    if not out.exists() and not out.parent.is_dir():
        raise OutputError(f"cannot write the report into {out}: its parent folder {out.parent} does not exist")
    return out


def write(folder: Path, files: Sequence[tuple[str, str]]) -> tuple[list[Path], list[Path]]:
    """Write the report's `files` into `folder` (checked, created if need be) all or none, the index last (see
    `html.write`; a link among them is replaced), then remove the files of an earlier report this one does not
    write. (The files written, the files removed.) OutputError when the folder cannot be written."""
    out = checked(folder)
    try:
        out.mkdir(exist_ok=True)
        in_the_way = [name for name, _ in files if (out / name).is_dir() and not (out / name).is_symlink()]
        if in_the_way:
            raise OutputError(f"cannot write the report into {out}: {in_the_way[0]} is a folder")
        written = html.write(out, files)
        return written, remove_old(out, {p.name for p in written})
    except OSError as exc:  # a full disk, a folder that cannot be written: the earlier report stays as it was
        raise OutputError(f"cannot write the report into {out}: {exc.strerror or exc}") from exc


def remove_old(folder: Path, kept: set[str]) -> list[Path]:
    """Remove the regular files of `folder` named as a report names its files but not in `kept` (the pages and charts
    of an earlier report); links, folders and every other name are left alone. The files removed, by name."""
    removed = []
    for path in sorted(folder.iterdir()):
        if path.name not in kept and OWN.match(path.name) and _regular(path):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _regular(path: Path) -> bool:
    """Whether `path` is a regular file (a link is not, whatever it points to; a file gone meanwhile is not)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False
