"""Files written whole or not at all: under a temporary name in the target's folder, then renamed onto it.

`atomic_write` gives the block an open file, `atomic_path` the temporary file's path (for writers that open
files themselves, such as SQLite). When the block ends the temporary file replaces the target in one
`os.replace`, so a reader, or a process writing the same file at the same time, sees the old file or the
new one, never part of one; when the block raises, the temporary file is removed and the target is left
as it was. A symbolic link's target is what is replaced. The new file keeps the mode of the file it
replaces, else gets the usual one for a new file (0o666 less the umask).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

_TRIES = 100


def _create_beside(target: Path) -> Path:
    """A new empty file with an unused hidden name in `target`'s folder, created with the mode 0o666 less the
    umask (by the kernel: the umask is never changed, as reading it would need)."""
    for _ in range(_TRIES):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temporary
    raise FileExistsError(f"no unused temporary name beside {target}")


def _fsync(path: Path) -> None:
    """Flush a file, or a folder's entries, to the disk (a folder cannot be opened for it everywhere)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        if path.is_dir():
            return
        raise
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, fsync: bool = False) -> Iterator[Path]:
    """The path of an empty temporary file beside `path` for the block to write; it replaces `path` when the
    block ends, and is removed when the block raises. `fsync`: the file, then the folder, are flushed to
    the disk, so that the new file survives a crash of the machine."""
    target = Path(os.path.realpath(path))
    temporary = _create_beside(target)
    try:
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        yield temporary
        if fsync:
            _fsync(temporary)
        os.replace(temporary, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if fsync:
        _fsync(target.parent)


@contextmanager
def atomic_write(
    path: str | os.PathLike[str], binary: bool = False, encoding: str = "utf-8", *, fsync: bool = False
) -> Iterator[IO[Any]]:
    """A file open for writing (text in `encoding`, or bytes if `binary`) that replaces `path` when the block
    ends; when the block raises, `path` is left as it was (see atomic_path)."""
    with (
        atomic_path(path, fsync=fsync) as temporary,
        open(temporary, "wb") if binary else open(temporary, "w", encoding=encoding) as out,
    ):
        yield out
