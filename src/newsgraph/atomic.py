"""Files written whole or not at all: under a temporary name in the target's folder, then renamed onto it.

`atomic_write` gives the block an open file, `atomic_path` the temporary file's path (for writers that open
files themselves, such as SQLite). When the block ends the temporary file replaces the target in one
`os.replace`, so a reader, or a process writing the same file at the same time, sees the old file or the
new one, never part of one; when the block raises, the temporary file is removed and the target is left
as it was. A symbolic link's target is what is replaced, unless `follow_links=False`: then the new file is
written beside the link and replaces the link itself (what it pointed at is left alone). The new file keeps the
mode of the regular file it replaces, else gets the usual one for a new file (0o666 less the umask).
"""

from __future__ import annotations

import os
import secrets
import stat
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


def _regular_mode(target: Path) -> int | None:
    """The permission bits of `target` when it is a regular file (not a link, not a folder), else None."""
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return None
    return found.st_mode & 0o7777 if stat.S_ISREG(found.st_mode) else None


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, fsync: bool = False, follow_links: bool = True) -> Iterator[Path]:
    """The path of an empty temporary file beside `path` for the block to write; it replaces `path` when the
    block ends, and is removed when the block raises. `fsync`: the file, then the folder, are flushed to
    the disk, so that the new file survives a crash of the machine. `follow_links=False`: a symbolic link at
    `path` is replaced itself, its target left alone."""
    target = Path(os.path.realpath(path)) if follow_links else Path(path)
    temporary = _create_beside(target)
    try:
        mode = _regular_mode(target)
        if mode is not None:
            os.chmod(temporary, mode)
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
    path: str | os.PathLike[str],
    binary: bool = False,
    encoding: str = "utf-8",
    *,
    fsync: bool = False,
    follow_links: bool = True,
) -> Iterator[IO[Any]]:
    """A file open for writing (text in `encoding`, or bytes if `binary`) that replaces `path` when the block
    ends; when the block raises, `path` is left as it was (see atomic_path)."""
    with (
        atomic_path(path, fsync=fsync, follow_links=follow_links) as temporary,
        open(temporary, "wb") if binary else open(temporary, "w", encoding=encoding) as out,
    ):
        yield out
