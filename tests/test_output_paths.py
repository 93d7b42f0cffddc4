"""Where the commands write and read: every failure one line and nothing half-written (a missing folder, a path
under a file, a full disk), a reader that closes the pipe (`export | head`), a damaged database file, and a database
on a read-only file system (read, never written)."""

from __future__ import annotations

import errno
import io
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsgraph import Newsgraph
from newsgraph.cli import main
from newsgraph.demo import demo_folder
from test_export_stream import synthetic_store
from test_hostile import GOOD


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A newsgraph database of the demo corpus (stories, facts, events), closed: no WAL file beside it."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Newsgraph(db) as ng:
        ng.ingest([demo_folder()])
    assert not Path(f"{db}-wal").exists()
    return db


def run(*argv: str) -> Result:
    return CliRunner().invoke(main, list(argv))


def one_error(result: Result) -> str:
    """The one line a failed command printed on standard error (exit status 1, no traceback)."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "Error closing" not in result.output, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted at `folder`, or a skip where mounting is not possible (not root, a container)."""
    folder.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                                 capture_output=True, text=True)  # fmt: skip
    except OSError as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def no_files_but(folder: Path, *kept: str) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name not in kept)


# --- a missing folder, a path under a file, a full disk --------------------------------------------------------


def test_outputs_into_a_missing_folder_or_under_a_file_are_one_line(demo_db: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file, not a folder\n", encoding="utf-8")
    db = str(demo_db)
    cases = [
        (["export", "-o", "missing/x.json"], "the export to {}: No such file or directory"),
        (["export", "-o", "file/x.json"], "the export to {}: Not a directory"),
        (["relations", "TUR", "SYR", "-o", "missing/x.svg"], "the chart to {}: No such file or directory"),
        (["relations", "TUR", "SYR", "-o", "file/x.svg"], "the chart to {}: Not a directory"),
        (["report", "-o", "file/report"], "the report into {}: " + str(tmp_path / "file") + " is not a folder"),
    ]
    for argv, said in cases:
        path = str(tmp_path / argv[-1])
        line = one_error(run(*argv[:-1], path, "--db", db))
        assert line == "Error: cannot write " + said.format(path), (argv, line)
    assert no_files_but(tmp_path) == ["file"]
    assert not (tmp_path / "missing").exists()


@pytest.fixture
def full_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on a full disk: a 1 MB tmpfs filled up; where mounting is impossible, a folder whose files (as the
    atomic writer opens them) fail their writes with ENOSPC."""
    try:
        with tmpfs(tmp_path / "full", "1m") as folder:
            with (folder / "filler").open("wb", buffering=0) as filler, pytest.raises(OSError) as full:
                while True:
                    filler.write(b"\0" * 4096)
            assert full.value.errno == errno.ENOSPC
            yield folder
            return
    except pytest.skip.Exception:
        pass
    folder = tmp_path / "full"
    folder.mkdir(exist_ok=True)

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("newsgraph.atomic.open", lambda *args, **kwargs: Full(), raising=False)
    yield folder


def test_outputs_onto_a_full_disk_are_one_line_and_leave_nothing(
    demo_db: Path, full_folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Also when the export stops midway: its cursors are closed before their connection (nothing logged)."""
    db = str(demo_db)
    cases = [
        (["export", "-o", "x.json"], "the export to {}"),
        (["export", "--format", "csv", "--table", "facts", "-o", "x.csv"], "the export to {}"),
        (["relations", "TUR", "SYR", "-o", "x.svg"], "the chart to {}"),
        (["report", "-o", "report"], "the report into {}"),
    ]
    for argv, said in cases:
        path = str(full_folder / argv[-1])
        line = one_error(run(*argv[:-1], path, "--db", db))
        assert line == f"Error: cannot write {said.format(path)}: No space left on device", (argv, line)
    assert no_files_but(full_folder, "filler") == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


# --- a reader that closes the pipe -------------------------------------------------------------------------------


@pytest.mark.processes
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_into_a_pipe_closed_early_ends_quietly(tmp_path: Path, fmt: str) -> None:
    """`newsgraph export | head`: the reader closes the pipe long before the export ends; the export stops with exit
    status 0 and says nothing (no 'Error closing cursor', no traceback): its cursors are closed cleanly."""
    db = str(tmp_path / "big.db")
    synthetic_store(db, n=3000).close()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "export", "--format", fmt, "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert len(proc.stdout.read(100)) == 100
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, stderr
    assert stderr == ""


# --- a damaged database file -------------------------------------------------------------------------------------


def damaged(demo_db: Path, folder: Path, table: str) -> Path:
    """A copy of the demo database with the first page of `table`'s b-tree overwritten (the header left whole)."""
    db = folder / f"damaged-{table}.db"
    shutil.copy(demo_db, db)
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    assert root > 1
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 64)
    return db


@pytest.mark.parametrize("table", ["articles", "events"])
def test_a_damaged_file_is_one_line_for_export_and_report(
    demo_db: Path, tmp_path: Path, table: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Pages of a table overwritten: the articles, read first, and the events, read while the export is streaming
    (inside the export's generators, whose cursors are then closed before their connection: nothing logged)."""
    db = str(damaged(demo_db, tmp_path, table))
    expected = "Error: database error: database disk image is malformed"
    for argv in (["export", "-o", str(tmp_path / "x.json")], ["export", "--format", "jsonl"],
                 ["export", "--format", "csv", "--table", table], ["report", "-o", str(tmp_path / "report")]):  # fmt: skip
        assert one_error(run(*argv, "--db", db)) == expected, argv
    assert no_files_but(tmp_path, Path(db).name) == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_stored_json_value_that_does_not_parse_is_one_line(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "damaged.db"
    shutil.copy(demo_db, db)
    conn = sqlite3.connect(db)
    assert conn.execute("UPDATE comparisons SET facts = '[{\"kind\": \"quote\", ' ").rowcount > 0
    conn.commit()
    conn.close()
    for argv in (["export", "-o", str(tmp_path / "x.json")], ["report", "-o", str(tmp_path / "report")]):
        line = one_error(run(*argv, "--db", str(db)))
        assert line.startswith("Error: database error: a stored JSON value does not parse: the file may be damaged ("), line
    assert not (tmp_path / "x.json").exists()


# --- a database on a read-only file system -----------------------------------------------------------------------


@pytest.fixture
def read_only_db(demo_db: Path, tmp_path: Path) -> Iterator[Path]:
    """The demo database on a tmpfs remounted read-only (SQLite can make no -wal or -shm file beside it)."""
    with tmpfs(tmp_path / "ro", "4m") as folder:
        shutil.copy(demo_db, folder / "demo.db")
        remount = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True)
        if remount.returncode:
            pytest.skip(f"cannot remount the tmpfs read-only: {remount.stderr.strip()}")
        yield folder / "demo.db"


def test_read_commands_work_on_a_read_only_file_system(read_only_db: Path, tmp_path: Path) -> None:
    db = str(read_only_db)
    stories = run("stories", "--json", "--db", db)
    assert stories.exit_code == 0, stories.output
    story = stories.stdout.split('"id": "')[1].split('"')[0]
    for argv in (["show", story], ["actors"], ["relations", "TUR", "SYR"], ["export", "--format", "jsonl"],
                 ["export", "-o", str(tmp_path / "x.json")], ["report", "-o", str(tmp_path / "report")]):  # fmt: skip
        result = run(*argv, "--db", db)
        assert result.exit_code == 0, (argv, result.output)
    assert (tmp_path / "x.json").stat().st_size > 100_000
    assert sorted(p.name for p in read_only_db.parent.iterdir()) == ["demo.db"]


def test_writes_on_a_read_only_file_system_are_refused_in_one_line(read_only_db: Path, tmp_path: Path) -> None:
    db = str(read_only_db)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    refused = (f"Error: cannot write to the database at {db}: read-only file system (it is opened read-only: it can "
               "be read, not written)")  # fmt: skip
    assert one_error(run("ingest", str(tmp_path / "a.txt"), "--db", db)) == refused
    assert one_error(run("compare", "--all", "--db", db)) == refused
    new = read_only_db.parent / "new.db"
    line = one_error(run("ingest", str(tmp_path / "a.txt"), "--db", str(new)))
    assert line == f"Error: cannot create a database at {new}: read-only file system"
    with pytest.raises(Exception, match="read-only file system"):
        Newsgraph(new)
