"""The store on SQLite and PostgreSQL: schema, transactions that keep all of a batch or none, failures
reported, read-only opening, the driver's absence said plainly. Concurrency: tests/test_concurrency.py."""

from __future__ import annotations

import ast
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from conftest import postgres_database
from newsgraph import Article, Newsgraph, Options
from newsgraph.api import Newsgraph as ApiNewsgraph
from newsgraph.cli import main
from newsgraph.demo import demo_folder
from newsgraph.store import MissingDatabase, SchemaMismatch, Store, StoreError, Writer, database_url, schema

REPO = Path(__file__).resolve().parents[1]


def write_articles(folder: Path, n: int) -> None:
    topics = ["port strike in Hamburg", "earthquake in Peru", "snowstorm in Moscow", "low water on the Rhine"]
    for i in range(n):
        topic = topics[i % len(topics)]
        (folder / f"{i:02d}.txt").write_text(
            f"Report {i} on the {topic}\n\nOctober {10 + i}, 2025\n\n"
            f"This is report number {i} about the {topic}, written for a test of batches and "
            f"transactions. It has enough words to be stored as an article.\n",
            encoding="utf-8",
        )


def test_database_url() -> None:
    assert database_url("x.db") == "sqlite:///x.db"
    assert database_url("/data/a?b#c%20d.db") == "sqlite:////data/a%3Fb%23c%2520d.db"  # a path, not a query
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"  # psycopg 3, not psycopg2
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_file_name_with_url_characters_is_that_file(tmp_path: Path) -> None:
    db = tmp_path / "news?v=1#b%20.db"
    Store(db).close()
    Store(db, create=False).close()
    assert [p.name for p in tmp_path.iterdir()] == [db.name]


def test_env_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_DB", str(tmp_path / "env.db"))
    assert database_url() == f"sqlite:///{tmp_path / 'env.db'}"


def test_sqlite_is_in_wal_mode_with_schema_version(db_path: str) -> None:
    store = Store(db_path)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == schema.SCHEMA_VERSION
    store.close()


def test_other_schema_version_is_refused(db_url: str) -> None:
    Store(db_url).close()
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE schema_version SET version = 999"))
    store.close()
    with pytest.raises(SchemaMismatch, match="newer"):
        Store(db_url)


def test_store_imports_only_models_and_its_own_modules() -> None:
    """The store stores: it imports newsgraph.models, newsgraph.errors (both leaves) and newsgraph.store.*, nothing
    above it."""
    for path in (REPO / "src/newsgraph/store").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if name.startswith("newsgraph"):
                    assert name in ("newsgraph.models", "newsgraph.errors") or name.startswith("newsgraph.store"), (
                        path.name,
                        name,
                    )


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.processes)])
def test_interrupted_run_keeps_committed_batches_and_rerun_completes(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """Ctrl-C during the third batch's write (with the analysis in the ingesting process, or on 2 local workers)."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_articles(folder, 10)
    options = Options(batch_size=3, workers=workers)
    commits = 0
    original = ApiNewsgraph._commit

    def flaky_commit(self: ApiNewsgraph, batch: list, task: object, report: object) -> None:
        nonlocal commits
        if commits == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C during the third batch
        commits += 1
        original(self, batch, task, report)  # type: ignore[arg-type]

    monkeypatch.setattr(ApiNewsgraph, "_commit", flaky_commit)
    with Newsgraph(db_url, options) as ng, pytest.raises(KeyboardInterrupt):
        ng.ingest([folder])
    monkeypatch.setattr(ApiNewsgraph, "_commit", original)

    with Newsgraph(db_url, options) as ng:
        assert len(ng.articles()) == 6  # two whole batches, nothing of the third
        assert ng._store.counts()["stories"] == 0  # grouping had not run
        report = ng.ingest([folder])
        assert len(report.duplicates) == 6 and len(report.ingested) == 4
        assert len(ng.articles()) == 10
        assert all(sid for sid in ng._store.story_ids().values())
        assert ng._store.counter("docs") == 10


def test_a_fault_inside_the_transaction_rolls_back_the_whole_batch_and_is_reported(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_articles(folder, 9)
    original = Writer.add_reprints
    calls = 0

    def failing(self: Writer, links: list, keys_of: dict) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the second batch: its articles, mentions and entities are already written
            clash = text("INSERT INTO schema_version (version) VALUES (:v)")  # a unique key: IntegrityError
            self.conn.execute(clash, {"v": schema.SCHEMA_VERSION})
        original(self, links, keys_of)

    monkeypatch.setattr(Writer, "add_reprints", failing)
    with Newsgraph(db_url, Options(batch_size=3)) as ng:
        report = ng.ingest([folder])
        stored = {a.source for a in ng.articles()}
        assert len(report.ingested) == 6 and len(stored) == 6
        not_stored = {f.source for f in report.failures}
        assert len(not_stored) == 3 and all("not stored" in f.reason for f in report.failures)
        assert not stored & not_stored  # nothing of the failed batch: no article, no mention
        mentions = {m["article_id"] for m in ng._store.mentions()}
        assert mentions <= {a.id for a in ng.articles()}
        assert ng._store.counter("docs") == 6


def test_a_batch_that_cannot_get_the_lock_is_retried(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Writer.add_articles
    calls = 0

    def locked_once(self: Writer, *args: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
        original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Writer, "add_articles", locked_once)
    monkeypatch.setattr("newsgraph.api.time.sleep", lambda _: None)
    body = "Workers at the port of Hamburg walked out on Tuesday, halting container handling for a day."
    with Newsgraph(db_url) as ng:
        report = ng.ingest_articles([Article(id="x1", text=body, published="2025-10-28")])
        assert report.ingested == ["x1"] and not report.failures and calls == 2


def test_same_id_with_other_content_is_a_failure(db_url: str) -> None:
    body = "Workers at the port of Hamburg walked out on Tuesday, halting container handling."
    with Newsgraph(db_url) as ng:
        a = Article(id="x1", text=body, content_hash="h1")
        b = Article(id="x1", text=body + " Updated.", content_hash="h2")
        report = ng.ingest_articles([a, b])
        assert report.ingested == ["x1"]
        assert [f.reason for f in report.failures] == ["id 'x1' is already used by other content"]


def test_read_only_opening_of_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    with pytest.raises(MissingDatabase):
        Store(missing, create=False)
    for command in (["stories"], ["show", "s0"], ["export"]):
        result = CliRunner().invoke(main, [*command, "--db", str(missing)])
        assert result.exit_code != 0 and "no database at" in result.output, command
    assert not missing.exists()


def test_read_only_opening_of_an_empty_postgres_database_creates_nothing() -> None:
    with postgres_database() as url:
        result = CliRunner().invoke(main, ["stories", "--db", url])
        assert result.exit_code != 0 and "no newsgraph database" in result.output
        store = Store(url)  # a writer creates it
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version FROM schema_version")).scalar() == schema.SCHEMA_VERSION
        store.close()


def test_postgres_without_its_driver_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    with pytest.raises(StoreError, match=r"pip install 'newsgraph\[postgres\]'"):
        Store("postgresql://someone@127.0.0.1:1/news")
    result = CliRunner().invoke(main, ["stories", "--db", "postgresql://someone@127.0.0.1:1/news"])
    assert result.exit_code == 1 and "newsgraph[postgres]" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_other_databases_are_refused_plainly() -> None:
    with pytest.raises(StoreError, match="SQLite or PostgreSQL"):
        Store("mysql://u@h/db")


def test_an_unreachable_server_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("psycopg")
    result = CliRunner().invoke(main, ["stories", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1 and "cannot open the database" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_one_story_by_its_id_is_the_story_of_the_listing(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        ng.ingest([demo_folder()])
        assert len(ng.stories()) == 5
        for st in ng.stories():
            assert ng.story(st.id) == st
        assert ng.story("s-none") is None


def test_a_file_that_is_not_a_newsgraph_database_is_left_as_it_was(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all, just text\n" * 100, encoding="utf-8")
    for path, message in ((other, "no newsgraph database"), (junk, "not a newsgraph database")):
        result = CliRunner().invoke(main, ["stories", "--db", str(path)])
        assert result.exit_code == 1 and message in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
    conn = sqlite3.connect(other)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    conn.close()


def test_an_export_is_one_snapshot(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles committed by another writer while an export streams are either all in it or not at all:
    here one is stored between two chunks of the articles' cursor, and no collection has it."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_articles(folder, 6)
    with Newsgraph(db_url) as ng, Newsgraph(db_url) as other:
        ng.ingest([folder])
        original = Store.iter_articles

        def chunks_with_another_writer(self: Store, chunk: int = 2) -> Iterator[list[dict[str, Any]]]:
            for i, rows in enumerate(original(self, 2)):
                yield rows
                if i == 0:  # the cursor is open, two articles read
                    body = "A late report on the port strike in Hamburg, stored while the export was reading the rest."
                    other.ingest_articles([Article(id="late", text=body, published="2025-10-29", language="en")])

        monkeypatch.setattr(Store, "iter_articles", chunks_with_another_writer)
        data = ng.export()
        assert len(data["articles"]) == 6 and "late" not in {a["id"] for a in data["articles"]}
        assert "late" not in {aid for st in data["stories"] for aid in st["article_ids"]}
        assert "late" not in {r["article_id"] for r in data["times"] + data["places"]}
        assert "late" in {a.id for a in ng.articles()}
        assert "late" in {aid for st in ng.stories() for aid in st.article_ids}



def test_driver_errors_reach_the_caller_as_a_database_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The API wraps the database driver's errors at its boundary: a file that is no database, a lock not had in
    time; each is a DatabaseError (a NewsgraphError) with the driver's own words, never SQLAlchemy's exception."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from newsgraph import Newsgraph, NewsgraphError
    from newsgraph.errors import DatabaseError

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file at all, but long enough to be read as one" * 20)
    with pytest.raises(DatabaseError, match="^cannot open the database: file is not a database") as caught:
        Newsgraph(junk)
    assert isinstance(caught.value, NewsgraphError)

    def locked(*args: object, **kwargs: object) -> None:
        raise OperationalError("SELECT ...", {}, sqlite3.OperationalError("database is locked"))

    with Newsgraph(tmp_path / "news.db") as ng:
        monkeypatch.setattr(Store, "stories", locked)
        with pytest.raises(DatabaseError, match="^database error: database is locked$"):
            ng.stories()
        monkeypatch.setattr(Store, "writing", locked)
        with pytest.raises(DatabaseError, match="^database error: database is locked; run it again$"):
            ng.update_comparisons(everything=True)
