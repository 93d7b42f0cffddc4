"""Bytes of local files and streams: the size cap, encodings, special files refused, JSONL read as it streams (plain,
gzip or zstd)."""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError
from newsgraph.options import Options

BULK_EXTRA = "pip install 'newsgraph[bulk]'"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(name: str) -> str:
    """A file name (or any source) as one line that says what it is: control characters, line and paragraph
    separators and bidirectional overrides escaped ('a\\nb', '\\x1b', '\\u2028')."""
    return _CONTROL.sub(_escape, name) if _CONTROL.search(name) else name


def _escape(m: re.Match[str]) -> str:
    c = m[0]
    return _ESCAPES.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
"""Byte-order marks of the encodings read besides UTF-8 (UTF-32 first: its little-endian mark starts
with UTF-16's)."""


def transcode(data: bytes) -> bytes:
    """UTF-16 and UTF-32 text with a byte-order mark, as UTF-8; other bytes as they are."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {codec.upper()} at byte {exc.start + len(bom)}") from None
    return data


def check_bytes(data: bytes) -> None:
    """Refuse empty and binary content (UTF-16 and UTF-32 are transcoded to UTF-8 before this)."""
    if not data.strip():
        raise InputError("empty file")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError("binary file, not text")
    controls = sum(b < 32 and b not in (9, 10, 12, 13, 27) for b in head)
    if controls > len(head) * 0.05:
        raise InputError("binary file, not text")


def decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid UTF-8 at byte {exc.start}") from None


_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.I)


def decode_html(data: bytes) -> str:
    """UTF-8, or the charset the page declares; invalid UTF-8 without a declaration is refused."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        m = _META_CHARSET.search(data[:4096])
        if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
            try:
                return data.decode(m.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise InputError(f"invalid UTF-8 at byte {exc.start}") from None


_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


_ONLY_REGULAR = "not a regular file; only regular files are read ('-' reads standard input)"


def special_file(mode: int) -> str | None:
    """What a file that is not a regular file is ('a named pipe'), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _NOT_REGULAR if test(mode)), "not a regular file")


def read_file(path: Path, options: Options) -> bytes:
    """The file's bytes, read with the size cap held while reading (a file that grows, /proc files);
    devices, named pipes and sockets are refused without reading (give '-' to read standard input)."""
    try:
        if (what := special_file(os.stat(path).st_mode)) is not None:  # before opening: a socket cannot be
            raise InputError(f"{what}, {_ONLY_REGULAR}")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(os_reason(exc)) from None
    with os.fdopen(fd, "rb", buffering=0) as f:
        try:
            mode = os.fstat(fd).st_mode
            if (what := special_file(mode)) is not None:
                raise InputError(f"{what}, {_ONLY_REGULAR}")  # replaced since it was looked at
            size = os.fstat(fd).st_size
            if size > options.max_bytes:
                raise InputError(f"file of {size:,} bytes is over the {options.max_bytes:,}-byte cap")
            data = _read_capped(f, options.max_bytes)
        except OSError as exc:
            raise InputError(os_reason(exc)) from None
    data = transcode(data)
    check_bytes(data)
    return data


def _read_capped(f: Any, cap: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := f.read(min(1 << 20, cap + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            raise InputError(f"file is over the {cap:,}-byte cap")
    return b"".join(chunks)


def os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or exc.__class__.__name__
    return reason[:1].lower() + reason[1:]


def open_regular(path: Path) -> Any:
    """A regular file opened for reading in binary; InputError for anything else or an OSError."""
    try:
        if (what := special_file(os.stat(path).st_mode)) is not None:
            raise InputError(f"{what}, {_ONLY_REGULAR}")
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise InputError(os_reason(exc)) from None


class _ZstdFrames(io.RawIOBase):
    """A zstd stream of one or more frames, decompressed as it is read; a stream that ends inside a frame raises
    EOFError (as gzip does) instead of ending quietly. Compressed bytes are fed ZSTD_FEED at a time, which bounds
    what one step can inflate to (zstd's largest ratio is about 32,000 to 1)."""

    ZSTD_FEED = 1024

    def __init__(self, raw: Any, zstandard: Any) -> None:
        self._raw, self._zstd = raw, zstandard.ZstdDecompressor()
        self._frame: Any = None
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            frame = self._frame
            data = (frame.unused_data if frame is not None and frame.eof else b"") or self._raw.read(self.ZSTD_FEED)
            if not data:
                if frame is not None and not frame.eof:
                    raise EOFError("compressed stream ended before the end of its frame")
                return 0
            if frame is None or frame.eof:
                self._frame = frame = self._zstd.decompressobj()
            self._pending = memoryview(frame.decompress(data))
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _decompressing(raw: Any, name: str) -> Any:
    """A buffered binary stream of `raw` decompressed as its name says (.gz, .zst), or `raw` itself."""
    if name.endswith(".gz"):
        return gzip.open(raw, "rb")
    if name.endswith(".zst"):
        try:
            import zstandard
        except ImportError:
            raise InputError(f"reading zstd-compressed JSONL needs the zstandard package: {BULK_EXTRA}") from None
        return io.BufferedReader(_ZstdFrames(raw, zstandard), buffer_size=1 << 16)
    return raw


def _stream_errors() -> tuple[type[BaseException], ...]:
    """What a damaged compressed stream raises while it is read."""
    errors: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error)
    if (zstandard := sys.modules.get("zstandard")) is not None:
        errors += (zstandard.ZstdError,)
    return errors


def jsonl_lines(path: Path, options: Options) -> Iterator[bytes | str | InputError]:
    """The lines of a JSONL file (gzip- or zstd-compressed when its name ends in .gz or .zst), read as they stream:
    memory holds one line at a time. UTF-8, or UTF-16/UTF-32 with a byte-order mark. A line over Options.max_bytes
    is an InputError in its place (the rest of it is skipped); a file that cannot be opened or read, is empty or is
    binary raises InputError (the lines before a read error have been given)."""
    raw = open_regular(path)
    with raw, _decompressing(raw, path.name.lower()) as f:
        try:
            head = f.peek(8192)[:8192]
            bom, codec = next(((b, c) for b, c in _BOMS if head.startswith(b)), (b"", ""))
            if bom:
                f.read(len(bom))
                yield from _capped_lines(io.TextIOWrapper(f, encoding=codec, newline=""), options.max_bytes)
                return
            check_bytes(head)
            yield from _capped_lines(f, options.max_bytes)
        except UnicodeDecodeError:
            raise InputError(f"invalid {codec.upper()} text") from None
        except _stream_errors() as exc:  # a truncated or corrupt compressed stream: what was read stays
            reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
            raise InputError(f"cannot read further: {reason}") from None


def _capped_lines(f: Any, cap: int) -> Iterator[Any]:
    """Lines of a binary or text stream, each at most `cap` long (an InputError in place of a longer one)."""
    newline = b"\n" if not isinstance(f, io.TextIOBase) else "\n"
    first = True
    while line := f.readline(cap + 1):
        if len(line) > cap and not line.endswith(newline):
            while (rest := f.readline(1 << 20)) and not rest.endswith(newline):
                pass
            yield InputError(f"line over the {cap:,}-byte cap")
        else:
            yield line.removeprefix(b"\xef\xbb\xbf") if first and isinstance(line, bytes) else line
        first = False


def input_lines(name: str, options: Options) -> Iterator[bytes | str | InputError]:
    """The lines of a file of records ('-': standard input), each within Options.max_bytes (an InputError in place of a
    longer one); InputError when the input cannot be read as lines (not a regular file, empty, binary)."""
    if name == "-":
        return _capped_lines(sys.stdin.buffer, options.max_bytes)
    return jsonl_lines(Path(name), options)
