"""newsgraph.atomic: a file is replaced whole when the block ends, and left as it was when the block fails."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from newsgraph.atomic import atomic_path, atomic_write


class Failed(Exception):
    pass


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_success_creates_a_text_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_write(target) as out:
        out.write("Peña said “yes”\n")
        assert not target.exists()  # nothing at the target until the block ends
    assert target.read_text(encoding="utf-8") == "Peña said “yes”\n" and leftovers(tmp_path) == []


def test_success_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("earlier\n", encoding="utf-8")
    with atomic_write(target) as out:
        out.write("later\n")
        assert target.read_text(encoding="utf-8") == "earlier\n"
    assert target.read_text(encoding="utf-8") == "later\n" and leftovers(tmp_path) == []


def test_binary_and_other_encodings(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "out.bin", binary=True) as out:
        out.write(b"\x00\xff")
    assert (tmp_path / "out.bin").read_bytes() == b"\x00\xff"
    with atomic_write(tmp_path / "out.txt", encoding="utf-16") as out:
        out.write("Peña")
    assert (tmp_path / "out.txt").read_bytes().decode("utf-16") == "Peña"


@pytest.mark.parametrize("binary", [False, True])
def test_a_failure_leaves_the_target_untouched_and_no_temporary_file(tmp_path: Path, binary: bool) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"earlier\n")
    with pytest.raises(Failed), atomic_write(target, binary=binary) as out:
        out.write(b"half" if binary else "half")
        raise Failed
    assert target.read_bytes() == b"earlier\n" and leftovers(tmp_path) == []


def test_a_failure_creates_nothing_where_there_was_nothing(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), atomic_write(tmp_path / "out.txt") as out:
        out.write("half")
        raise KeyboardInterrupt  # not only Exception: an interrupted write is cleaned up too
    assert list(tmp_path.iterdir()) == []


def test_the_path_form_for_writers_that_open_the_file_themselves(tmp_path: Path) -> None:
    target = tmp_path / "index.sqlite"
    with atomic_path(target) as temporary, closing(sqlite3.connect(temporary)) as conn:
        assert temporary.parent == tmp_path and temporary.name.startswith(".") and temporary.stat().st_size == 0
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    assert leftovers(tmp_path) == []
    with pytest.raises(Failed), atomic_path(target) as temporary:
        temporary.write_bytes(b"not a database")
        raise Failed
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    assert leftovers(tmp_path) == []


def test_a_file_keeps_its_mode_or_gets_the_usual_one(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("earlier\n", encoding="utf-8")
    old.chmod(0o640)
    for target in (old, new):
        with atomic_write(target) as out:
            out.write("later\n")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(old.stat().st_mode) == 0o640 and stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


def test_a_symbolic_link_s_target_is_replaced(tmp_path: Path) -> None:
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("earlier\n", encoding="utf-8")
    link.symlink_to(real)
    with atomic_write(link) as out:
        out.write("later\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "later\n"


@pytest.mark.parametrize("dangling", [False, True])
def test_without_following_links_the_link_itself_is_replaced(tmp_path: Path, dangling: bool) -> None:
    """follow_links=False: the new file is written beside the link and replaces the link; what it pointed at (in
    another folder, or nothing yet) is left as it was, and the new file does not take its mode."""
    elsewhere, folder = tmp_path / "elsewhere", tmp_path / "out"
    elsewhere.mkdir()
    folder.mkdir()
    real, link = elsewhere / "real.txt", folder / "link.txt"
    if not dangling:
        real.write_text("earlier\n", encoding="utf-8")
        real.chmod(0o600)
    link.symlink_to(real)
    with atomic_write(link, follow_links=False) as out:
        out.write("later\n")
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "later\n"
    assert real.exists() is not dangling and (dangling or real.read_text(encoding="utf-8") == "earlier\n")
    assert stat.S_IMODE(link.stat().st_mode) != 0o600 and leftovers(folder) == []
    assert sorted(p.name for p in elsewhere.iterdir()) == ([] if dangling else ["real.txt"])


def test_fsync(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "out.txt", fsync=True) as out:
        out.write("kept\n")
    with atomic_path(tmp_path / "out.bin", fsync=True) as temporary:
        temporary.write_bytes(b"kept")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "kept\n"
    assert (tmp_path / "out.bin").read_bytes() == b"kept"
