"""Another application's database: refused before anything is written to it (its bytes and journal mode as they
were), unless forced; forced, newsgraph's tables are added beside the others, and a table of one of newsgraph's
names is refused all the same. On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text

from conftest import postgres_database
from newsgraph import Newsgraph
from newsgraph.cli import main
from newsgraph.errors import StoreError
from newsgraph.store.schema import metadata
from newsgraph.store.searching import SQLITE_TABLES as SEARCH_TABLES
from test_hostile import GOOD

TABLES = set(metadata.tables)
SQLITE_TABLES = TABLES | SEARCH_TABLES
"""What newsgraph makes in a SQLite file: its tables and the full-text search's (FTS5's table and shadow tables)."""


def foreign_file(path: Path, table: str = "notes") -> Path:
    """A SQLite file of another application: one table with one row, in the rollback journal mode."""
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE {table} (body TEXT)")
    conn.execute(f"INSERT INTO {table} VALUES ('kept')")
    conn.commit()
    conn.close()
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


@pytest.mark.parametrize("table", ["notes", "articles"])
def test_ingest_and_demo_leave_another_applications_file_as_it_was(tmp_path: Path, table: str) -> None:
    other = foreign_file(tmp_path / "other.db", table)
    before, files = sha256(other), sorted(p.name for p in tmp_path.iterdir())
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    for argv in (["ingest", str(tmp_path / "a.txt")], ["demo"]):
        result = CliRunner().invoke(main, [*argv, "--db", str(other)])
        assert result.exit_code == 1, result.output
        [line] = [x for x in result.output.splitlines() if x.startswith("Error: ")]
        assert line == (
            f"Error: {other} is not a newsgraph database: it holds other tables ('{table}'), and nothing was written "
            "to it (--force, or force=True in Python, adds newsgraph's tables beside them)"
        )
        assert "Traceback" not in result.output
    assert sha256(other) == before and journal_mode(other) == "delete" and tables(other) == {table}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*files, "a.txt"])  # no -wal, no -shm
    with pytest.raises(StoreError, match="is not a newsgraph database"):
        Newsgraph(other)


def test_forced_newsgraphs_tables_are_added_beside_the_others(tmp_path: Path) -> None:
    other = foreign_file(tmp_path / "other.db")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(other), "--force"])
    assert result.exit_code == 0, result.output
    assert "ingested 1, duplicates 0, failed 0" in result.output
    assert tables(other) == {"notes"} | SQLITE_TABLES
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT body FROM notes").fetchall() == [("kept",)]
    conn.close()
    again = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(other)])  # newsgraph's now
    assert again.exit_code == 0 and "duplicates 1" in again.output, again.output
    assert CliRunner().invoke(main, ["stories", "--db", str(other)]).exit_code == 0


@pytest.mark.parametrize("table", ["articles", "article_search"])
def test_a_clash_of_table_names_is_refused_even_forced(tmp_path: Path, table: str) -> None:
    other = foreign_file(tmp_path / "other.db", table)
    before = sha256(other)
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "none.txt"), "--db", str(other), "--force"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {other} has tables named as newsgraph's ('{table}'): newsgraph cannot add its own beside them, "
        "even forced"
    )
    with pytest.raises(StoreError, match="tables named as newsgraph's"):
        Newsgraph(other, force=True)
    assert sha256(other) == before and journal_mode(other) == "delete"


def test_an_empty_file_or_database_is_newsgraphs_to_fill(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    blank = tmp_path / "blank.db"
    sqlite3.connect(blank).close()  # a database with nothing in it
    conn = sqlite3.connect(tmp_path / "viewed.db")
    conn.execute("CREATE VIEW v AS SELECT 1 AS x")  # a view is something of someone's
    conn.close()
    for path in (empty, blank):
        Newsgraph(path).close()
        assert tables(path) >= SQLITE_TABLES
    with pytest.raises(StoreError, match=r"holds other tables \('v'\)"):
        Newsgraph(tmp_path / "viewed.db")


def test_postgres_another_applications_database_is_refused_unless_forced() -> None:
    with postgres_database() as url:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE notes (body TEXT)"))
        result = CliRunner().invoke(main, ["ingest", "/nonexistent.txt", "--db", url])
        assert result.exit_code == 1 and "is not a newsgraph database: it holds other tables ('notes')" in result.output
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == {"notes"}
        Newsgraph(url, force=True).close()
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == {"notes"} | TABLES
        Newsgraph(url).close()  # newsgraph's now
        engine.dispose()
    with postgres_database() as url:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE stories (x INT)"))
        with pytest.raises(StoreError, match=r"tables named as newsgraph's \('stories'\)"):
            Newsgraph(url, force=True)
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == {"stories"}
        engine.dispose()
