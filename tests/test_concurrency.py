"""Several `newsgraph ingest` processes at once on one database, with overlapping inputs, on SQLite and on
PostgreSQL: nothing lost, nothing stored twice, nothing corrupted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import postgres_database, run_together
from newsgraph import Article, Newsgraph, Options, read_sources
from newsgraph.compare import stage
from newsgraph.demo import demo_folder
from newsgraph.store import schema as s

pytestmark = pytest.mark.processes

CLI = Path(sys.executable).with_name("newsgraph")
TOPICS = [
    ("Hamburg", "dock workers", "strike", "Labour Minister Anna Petrova", "Petrova"),
    ("Arequipa", "rescuers", "earthquake", "Governor Luis Quispe", "Quispe"),
    ("Moscow", "road crews", "snowstorm", "Mayor Oleg Sobolev", "Sobolev"),
    ("Rotterdam", "barge operators", "low water on the Rhine", "Transport Minister Mark Jansen", "Jansen"),
    ("Van", "aid workers", "aftershock", "Deputy Governor Cengiz Polat", "Polat"),
    ("Lisbon", "firefighters", "wildfire", "Civil Protection chief Rui Costa", "Costa"),
]
"""Invented reports for this test: each topic's person is named in full in some articles, by surname in others."""


def write_corpus(folder: Path, per_topic: int = 7) -> list[Path]:
    files = []
    for t, (city, who, what, full, surname) in enumerate(TOPICS):
        for i in range(per_topic):
            day = 3 + t * 9 + i  # topics a week or more apart
            name = full if i % 3 == 0 else surname
            path = folder / f"{t}_{i:02d}.txt"
            path.write_text(
                f"Update {i} on the {what} in {city}\n\nOctober {day}, 2025\n\n"
                f"{name} said on Monday that {who} in {city} were still dealing with the {what}. "
                f"Report {i} of the series adds that {who} in {city} expect the {what} to ease within "
                f"{i + 2} days, and that the authorities in {city} would publish new figures.\n",
                encoding="utf-8",
            )
            files.append(path)
    return files


def windows(files: list[Path], writers: int) -> list[list[Path]]:
    """Writer i gets 60% of the files starting at its own offset (wrapping): every file is read by at
    least one writer and most by two or more."""
    n, width = len(files), int(len(files) * 0.6) + 1
    return [[files[(i * n // writers + j) % n] for j in range(width)] for i in range(writers)]


def summary(stdout: str) -> tuple[int, int, int]:
    m = re.search(r"ingested (\d+), duplicates (\d+), failed (\d+)", stdout)
    assert m, stdout
    ingested, duplicates, failed = (int(g) for g in m.groups())
    return ingested, duplicates, failed


def ingest_at_once(db: str, inputs: list[list[str]]) -> list[tuple[int, int, int]]:
    procs = [
        subprocess.Popen(
            [str(CLI), "ingest", *paths, "--db", db, "-q", "--batch-size", "4"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in inputs
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in err, err
        results.append(summary(out))
    return results


def check_invariants(db: str) -> dict[str, object]:
    """Every article in exactly one story; story sizes add up; counters equal the article count; every story compared
    with the articles it has."""
    with Newsgraph(db, create=False) as ng:
        store = ng._store
        with store.engine.connect() as conn:
            n_articles = conn.execute(select(func.count()).select_from(s.articles)).scalar_one()
            unassigned = conn.execute(select(func.count()).where(s.articles.c.story_id.is_(None))).scalar_one()
            sizes = dict(conn.execute(select(s.stories.c.id, s.stories.c.size)).all())
            members = dict(
                conn.execute(select(s.articles.c.story_id, func.count()).group_by(s.articles.c.story_id)).all()
            )
            max_df = conn.execute(select(func.max(s.term_df.c.df))).scalar_one()
            hashes = conn.execute(select(func.count(func.distinct(s.articles.c.content_hash)))).scalar_one()
        assert unassigned == 0
        assert sizes == members  # each story's size is its number of members; no story without members
        assert sum(sizes.values()) == n_articles == hashes
        assert store.counter("docs") == n_articles
        assert max_df <= n_articles
        # every story compared as it is now: each writer compares what it changed, or leaves it to the writer that
        # changed it after
        assert store.stale_comparisons(10) == []
        with store.snapshot() as view:
            compared = view.comparisons(list(sizes))
            fresh = {c.story_id: c for c in stage.plan([(sid, c.revision) for sid, c in compared.items()], view)}
        assert set(compared) == set(sizes)
        assert compared == fresh  # what one writer comparing the stories now would store
        entities = {(e.name, e.type, e.country, e.role, frozenset(e.aliases)) for e in ng.entities()}
        return {"articles": {a.content_hash for a in ng.articles()}, "entities": entities}


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_ingests_with_overlapping_inputs(tmp_path: Path, db_url: str, writers: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    files = write_corpus(folder)
    inputs = [[str(p) for p in window] + [str(demo_folder())] for window in windows(files, writers)]
    results = ingest_at_once(db_url, inputs)
    state = check_invariants(db_url)

    reference = str(tmp_path / "serial.db")  # the same inputs by one writer
    ingest_at_once(reference, [[str(folder), str(demo_folder())]])
    serial = check_invariants(reference)
    assert state["articles"] == serial["articles"]  # the union: nothing lost
    assert sum(r[0] for r in results) == len(serial["articles"])  # each article stored by exactly one writer
    demo_articles = sum(isinstance(a, Article) for a in read_sources([demo_folder()], Options()))
    for (ingested, duplicates, failed), paths in zip(results, inputs, strict=True):
        assert failed == 0
        assert ingested + duplicates == len(paths) - 1 + demo_articles  # each article it read: stored or a duplicate
    assert state["entities"] == serial["entities"]  # linking under the lock: as one writer would


OPEN_AND_WRITE = """
import sys
from newsgraph.models import StoryPlan
from newsgraph.store import Store
wait_for_the_others()
store = Store(sys.argv[1])
with store.writing() as tx:
    tx.save_stories(StoryPlan(docs_added=1))
store.close()
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_many_processes_create_one_new_database_at_once(tmp_path: Path, backend: str) -> None:
    """Schema creation is race-free: processes opening the same new database at once all succeed, once each."""
    for round_ in range(2):
        with postgres_database() if backend == "postgresql" else _sqlite_file(tmp_path / f"r{round_}.db") as db:
            run_together(OPEN_AND_WRITE, [[db]] * 6, tmp_path / f"barrier{round_}")
            with Newsgraph(db, create=False) as ng:
                assert ng._store.counter("docs") == 6


class _sqlite_file:  # noqa: N801 - used like postgres_database()
    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __enter__(self) -> str:
        return self.path

    def __exit__(self, *exc: object) -> None:
        return None
