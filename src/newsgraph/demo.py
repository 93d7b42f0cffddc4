"""The bundled demo corpus: 20 invented articles by invented outlets on reserved `.example` domains.

    from newsgraph import Newsgraph, demo

    with Newsgraph("demo.db", demo.options()) as ng:
        ng.ingest([demo.demo_folder()])
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsgraph.api import Newsgraph
from newsgraph.errors import InputError, MissingDatabase, StoreError
from newsgraph.options import Options
from newsgraph.resources import data_path

NOTICE = (
    "The demo articles are invented for illustration, and so are their outlets and wire agencies "
    "(Quillwire, Lodestar News): no real outlet published any of them. See {readme}"
)
"""What `newsgraph demo` says before anything else (`{readme}`: the path of `readme()`)."""


def demo_folder() -> Path:
    """The folder of the demo's article files (package data)."""
    folder = Path(str(data_path("demo")))
    if not folder.is_dir():
        raise InputError("the demo corpus is not installed as files (a zipped package?): reinstall newsgraph")
    return folder


def demo_names_file() -> Path:
    """The demo's names file: its invented outlets and wire agencies (package data)."""
    return Path(str(data_path("demo_names.json")))


def readme() -> Path:
    """What the demo corpus holds and why it is invented."""
    return Path(str(data_path("demo_README.md")))


def notice() -> str:
    return NOTICE.format(readme=readme())


def options(base: Options | None = None) -> Options:
    """Options that know the demo's outlets (its names file), the rest as `base` gives them."""
    return replace(base or Options(), names_file=str(demo_names_file()))


def check_target(db: str) -> None:
    """StoreError when the database at `db` holds articles: the demo's invented articles go only into a new database,
    or one without articles, never among real ones (another application's database Newsgraph refuses itself)."""
    try:
        with Newsgraph(db, create=False) as ng:
            held = ng.counts()["articles"]
    except MissingDatabase:  # no newsgraph database there yet
        return
    if held:
        raise StoreError(
            f"{db} already holds {held} articles: the demo adds its invented ones only to a new database or one "
            "without articles (--force adds them all the same)"
        )
