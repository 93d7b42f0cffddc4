"""Inputs -> Articles: files, folders, JSON/JSONL records, HTML pages, feeds, URLs, stdin.

`read_sources` yields one Article per good document and one Failure per bad input (or bad
record inside an input), so a bad file never stops the run or hides the good ones beside it.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from newsgraph.dates import parse_date
from newsgraph.errors import InputError
from newsgraph.ingest import metadata as md
from newsgraph.ingest import paths
from newsgraph.ingest.article import EmptyArticle, build_article
from newsgraph.ingest.feeds import FeedEntry, FeedError, parse_feed
from newsgraph.ingest.html import extract_page
from newsgraph.ingest.outlets import OutletTable
from newsgraph.ingest.urls import FetchError, fetch, make_client
from newsgraph.models import Article, Failure, Notice
from newsgraph.options import Options

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
COMPRESSED_JSONL_SUFFIXES = {".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst"}
"""gzip- or zstd-compressed JSONL, read as a stream like JSONL."""
PARQUET_SUFFIXES = {".parquet", ".pq"}
"""Parquet files of records (the columns of a JSON record), read a batch of rows at a time (pyarrow)."""
PARQUET_BATCH = 256
"""Rows of a Parquet file read at once."""
BULK_EXTRA = "pip install 'newsgraph[bulk]'"


def is_jsonl(path: Path) -> bool:
    """A JSONL file (plain or compressed), read line by line as it streams: its size is not capped, each of
    its lines is (Options.max_bytes)."""
    name = path.name.lower()
    return path.suffix.lower() in JSONL_SUFFIXES or name.endswith(tuple(COMPRESSED_JSONL_SUFFIXES))


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() in PARQUET_SUFFIXES


def supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED or is_jsonl(path) or is_parquet(path)


_FEED_SHORT_TEXT = 600


@dataclass(frozen=True)
class Skipped:
    """A file met while walking a folder that is not of a supported kind."""

    source: str


Item = Article | Failure | Notice | Skipped


# --- reading bytes ------------------------------------------------------------------------


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
        raise InputError(_os_reason(exc)) from None
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
            raise InputError(_os_reason(exc)) from None
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


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or exc.__class__.__name__
    return reason[:1].lower() + reason[1:]


def sniff(data: bytes) -> str:
    """Guess the kind of content: 'feed', 'html', 'json' or 'text'."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "text"


def kind_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return sniff(data)


# --- documents of each kind -----------------------------------------------------------------


def _article_or_failure(
    source: str, raw: str, options: Options, outlets: OutletTable | None = None, **fields: Any
) -> Iterator[Item]:
    """The article (after a notice if its given date cannot be read), or the reason there is none."""
    given = fields.get("published")
    if given and parse_date(given) is None:
        yield Notice(source, f"published {str(given)[:60]!r} is not a date newsgraph reads; stored without it")
        fields["published"] = None
    try:
        yield build_article(raw, source=source, options=options, outlets=outlets, **fields)
    except EmptyArticle as exc:
        yield Failure(source, str(exc))


def from_text(source: str, text: str, options: Options, outlets: OutletTable | None = None) -> Iterator[Item]:
    yield from _article_or_failure(source, text, options, outlets)


def from_html(
    source: str, html: str, options: Options, url: str | None = None, outlets: OutletTable | None = None, **hints: Any
) -> Iterator[Item]:
    page = extract_page(html, url=url)
    if page is None:
        yield Failure(source, "no article text found in the page")
        return
    fields: dict[str, Any] = {
        "title": page.title,
        "url": page.url or url,
        "outlet": page.outlet,
        "published": page.published,
        "credited": [md.canonical_credit(a, outlets) for a in page.authors],
    }
    fields.update({k: v for k, v in hints.items() if v})
    yield from _article_or_failure(source, page.text, options, outlets, **fields)


_RECORD_FIELDS = ("id", "title", "url", "outlet", "published", "language")


def _scalar(value: Any) -> bool:
    """A field value to read as text: a non-empty string or a number (lists, objects and booleans are not)."""
    return (isinstance(value, str) and bool(value.strip())) or (
        isinstance(value, int | float) and not isinstance(value, bool)
    )


def from_record(source: str, record: Any, options: Options, outlets: OutletTable | None = None) -> Iterator[Item]:
    """One JSON record: {id, text | html, title, url, outlet, published, language, credited}."""
    if not isinstance(record, dict):
        yield Failure(source, f"expected a JSON object, got {type(record).__name__}")
        return
    fields: dict[str, Any] = {k: str(record[k]) for k in _RECORD_FIELDS if _scalar(record.get(k))}
    credited = record.get("credited") or record.get("author") or record.get("authors") or []
    if isinstance(credited, str):
        credited = md.split_names(credited, outlets)
    elif not isinstance(credited, list):  # a number, an object: not names
        credited = []
    fields["credited"] = [md.canonical_credit(c, outlets) for c in credited if isinstance(c, str) and c.strip()]
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        yield from _article_or_failure(source, text, options, outlets, **fields)
    elif isinstance(html, str) and html.strip():
        url = fields.pop("url", None)
        yield from from_html(source, html, options, url=url, outlets=outlets, **fields)
    else:
        yield Failure(source, "record has neither 'text' nor 'html'")


def _guarded(source: str, record: Any, options: Options, outlets: OutletTable | None) -> Iterator[Item]:
    """One record, whatever it holds: a failure nobody foresaw costs this record only (standard input
    has no file around it to fail instead)."""
    try:
        yield from from_record(source, record, options, outlets)
    except Exception as exc:
        yield Failure(source, f"unexpected error: {exc.__class__.__name__}: {exc}")


def from_json(source: str, text: str, options: Options, outlets: OutletTable | None = None) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(source, f"malformed JSON: {_json_problem(exc)} (line {exc.lineno}, column {exc.colno})")
        return
    records = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else [data]
    for i, record in enumerate(records, start=1):
        yield from _guarded(f"{source}[{i}]" if len(records) > 1 else source, record, options, outlets)


def _json_problem(exc: json.JSONDecodeError) -> str:
    """The decoder's message without its dangling 'at' ('Unterminated string starting at')."""
    return re.sub(r"\s+(?:starting\s+)?at$", "", exc.msg)


def _regular(path: Path) -> Any:
    """A regular file opened for reading in binary; InputError for anything else or an OSError."""
    try:
        if (what := special_file(os.stat(path).st_mode)) is not None:
            raise InputError(f"{what}, {_ONLY_REGULAR}")
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise InputError(_os_reason(exc)) from None


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
    raw = _regular(path)
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
            reason = _os_reason(exc) if isinstance(exc, OSError) else str(exc)
            raise InputError(f"cannot read further: {reason}") from None


_PARQUET_FIELDS = (*_RECORD_FIELDS, "text", "html", "credited", "author", "authors")


def parquet_rows(path: Path, options: Options) -> Iterator[dict[str, Any] | InputError]:
    """The rows of a Parquet file as records, PARQUET_BATCH rows in memory at a time; only the columns a record
    reads are read. Dates and times become ISO 8601 text. A row whose text and html are over Options.max_bytes
    is an InputError in its place; a file that is not Parquet, has neither a text nor an html column or
    cannot be read raises InputError (the rows before a read error have been given)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"reading Parquet needs pyarrow: {BULK_EXTRA}") from None
    with _regular(path) as raw:
        try:
            parquet = pq.ParquetFile(raw)
            columns = [c for c in parquet.schema_arrow.names if c in _PARQUET_FIELDS]
            if not {"text", "html"} & set(columns):
                raise InputError("Parquet file has neither a 'text' nor an 'html' column")
            for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
                for row in batch.to_pylist():
                    size = sum(len(v) for k in ("text", "html") if isinstance(v := row.get(k), str))
                    if size > options.max_bytes:
                        yield InputError(f"row over the {options.max_bytes:,}-byte cap")
                        continue
                    yield {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"not a readable Parquet file: {exc}") from None


def from_parquet(source: str, rows: Iterable[dict[str, Any] | InputError], options: Options,
                 outlets: OutletTable | None = None) -> Iterator[Item]:  # fmt: skip
    """One record per row ('file.parquet:N' names row N, from 1); a bad row is one failure, the others go on."""
    for n, row in enumerate(rows, start=1):
        if isinstance(row, InputError):
            yield Failure(f"{source}:{n}", str(row))
        else:
            yield from _guarded(f"{source}:{n}", row, options, outlets)


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


def from_jsonl(
    source: str, lines: Iterable[str | bytes | InputError], options: Options, outlets: OutletTable | None = None
) -> Iterator[Item]:
    """One record per line; a bad line is one failure and the other lines go on."""
    for lineno, raw in enumerate(lines, start=1):
        if isinstance(raw, InputError):
            yield Failure(f"{source}:{lineno}", str(raw))
            continue
        try:
            line = decode_utf8(raw) if isinstance(raw, bytes) else raw
        except InputError as exc:
            yield Failure(f"{source}:{lineno}", str(exc))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(f"{source}:{lineno}", f"malformed JSON: {_json_problem(exc)} (column {exc.colno})")
            continue
        yield from _guarded(f"{source}:{lineno}", record, options, outlets)


def from_feed(
    source: str,
    data: bytes,
    options: Options,
    client: httpx.Client | None = None,
    outlets: OutletTable | None = None,
) -> Iterator[Item]:
    """Feed entries; with a client (a feed fetched from the web), short entries get their page."""
    try:
        entries, malformed = parse_feed(data)
    except FeedError as exc:
        yield Failure(source, str(exc))
        return
    recovered = 0
    for entry in entries:
        entry_source = f"{source}#{entry.position}"
        if client is not None and options.follow_feed_links and _wants_page(entry):
            items = list(_feed_entry_page(entry_source, entry, options, client, outlets))
        else:
            items = list(
                _article_or_failure(entry_source, entry.text, options, outlets, **_entry_fields(entry, outlets))
            )
        for item in items:
            if malformed and isinstance(item, Failure):
                continue  # a broken feed is one failure line, whatever its entries
            recovered += isinstance(item, Article)
            yield item
    if malformed:
        yield Failure(source, malformed + (f" (articles recovered: {recovered})" if recovered else ""))


def _entry_fields(entry: FeedEntry, outlets: OutletTable | None = None) -> dict[str, Any]:
    return {
        "title": entry.title,
        "url": entry.url,
        "outlet": md.outlet_in_table(entry.url, outlets) or entry.feed_title,
        "published": entry.published,
        "credited": [md.canonical_credit(a, outlets) for a in entry.authors],
    }


def _wants_page(entry: FeedEntry) -> bool:
    return bool(entry.url and entry.url.startswith(("http://", "https://")) and len(entry.text) < _FEED_SHORT_TEXT)


def _feed_entry_page(
    source: str, entry: FeedEntry, options: Options, client: httpx.Client, outlets: OutletTable | None = None
) -> Iterator[Item]:
    assert entry.url is not None
    try:
        fetched = fetch(client, entry.url, options)
        check_bytes(fetched.content)
        html = decode_html(fetched.content)
    except (FetchError, InputError) as exc:
        items = list(_article_or_failure(source, entry.text, options, outlets, **_entry_fields(entry, outlets)))
        if any(isinstance(item, Article) for item in items):  # the summary is better than nothing
            yield from items
        else:
            why = "the feed's summary is too short to stand in" if entry.text.strip() else "the feed has no summary"
            yield Failure(source, f"page {entry.url}: {exc}; {why}")
        return
    hints = {k: v for k, v in _entry_fields(entry, outlets).items() if k in ("title", "published", "credited")}
    yield from from_html(source, html, options, url=fetched.url, outlets=outlets, **hints)


def from_bytes(
    source: str,
    data: bytes,
    kind: str,
    options: Options,
    url: str | None = None,
    client: httpx.Client | None = None,
    outlets: OutletTable | None = None,
) -> Iterator[Item]:
    """Dispatch content of a known kind."""
    if kind == "feed":
        yield from from_feed(source, data, options, client, outlets)
    elif kind == "html":
        yield from from_html(source, decode_html(data), options, url=url, outlets=outlets)
    elif kind == "json":
        yield from from_json(source, decode_utf8(data), options, outlets)
    elif kind == "jsonl":
        yield from from_jsonl(source, data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), options, outlets)
    else:
        yield from from_text(source, decode_utf8(data), options, outlets)


# --- inputs -------------------------------------------------------------------------------------


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{1,15}):(?://|[^\\/])")
"""'file://...', 'ftp://...', 'mailto:x', not 'C:\\x' (a Windows drive)."""


def unsupported_scheme(source: str) -> str | None:
    """The scheme of a URL newsgraph does not fetch ('file', 'ftp'), else None."""
    m = _SCHEME.match(source)
    if m and not is_url(source) and not os.path.exists(source):  # (os.path.exists never raises)
        return m["scheme"].lower()
    return None


def walk(folder: Path) -> Iterator[Path | Failure]:
    """Files below a folder, recursively, in a stable order, hidden ones left out; a folder that
    cannot be listed is one failure (and its siblings are walked all the same)."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        while errors:
            err = errors.pop(0)
            yield Failure(str(err.filename or root), f"cannot list the folder: {_os_reason(err)}")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
    for err in errors:
        yield Failure(str(err.filename or folder), f"cannot list the folder: {_os_reason(err)}")


def path_options(path: Path, root: Path | None, options: Options, outlets: OutletTable | None = None) -> Options:
    """The run's options with the date and outlet the file's path names (docs/ingest.md), when the run
    gives none."""
    if not options.dates_from_paths or (options.published and options.outlet):
        return options
    found = paths.hints(path, root)
    published = options.published or found.published
    outlet = options.outlet or found.outlet
    if outlet and not options.outlet and "." in outlet:  # 'nytimes.com': the outlet of that host
        outlet = md.outlet_from_url(f"http://{outlet}", outlets)
    if (published, outlet) == (options.published, options.outlet):
        return options
    return replace(options, published=published, outlet=outlet)


def from_path(
    path: Path, options: Options, *, root: Path | None = None, outlets: OutletTable | None = None
) -> Iterator[Item]:
    """One file; `root` is the folder it was found in (whose files of unsupported kinds are skipped)."""
    source = str(path)
    if root is not None and not supported(path):
        yield Skipped(source)
        return
    try:
        if is_jsonl(path):
            lines = jsonl_lines(path, options)
            yield from from_jsonl(source, lines, path_options(path, root, options, outlets), outlets)
            return
        if is_parquet(path):
            rows = parquet_rows(path, options)
            yield from from_parquet(source, rows, path_options(path, root, options, outlets), outlets)
            return
        data = read_file(path, options)
        file_options = path_options(path, root, options, outlets)
        yield from from_bytes(source, data, kind_of(path, data), file_options, outlets=outlets)
    except InputError as exc:
        yield Failure(source, str(exc))
    except Exception as exc:  # a bug or a library failure on one input must not end the run
        yield Failure(source, f"unexpected error: {exc.__class__.__name__}: {exc}")


def from_url(url: str, options: Options, client: httpx.Client, outlets: OutletTable | None = None) -> Iterator[Item]:
    try:
        fetched = fetch(client, url, options)
        check_bytes(fetched.content)
    except (FetchError, InputError) as exc:
        yield Failure(url, str(exc))
        return
    ctype = fetched.content_type
    if any(t in ctype for t in ("rss", "atom")):
        kind = "feed"
    elif "json" in ctype:
        kind = "json"
    elif "text/plain" in ctype:
        kind = "text"
    else:
        kind = sniff(fetched.content)
    try:
        yield from from_bytes(url, fetched.content, kind, options, url=fetched.url, client=client, outlets=outlets)
    except InputError as exc:
        yield Failure(url, str(exc))
    except Exception as exc:  # a bug or a library failure on one input must not end the run
        yield Failure(url, f"unexpected error: {exc.__class__.__name__}: {exc}")


def read_sources(
    sources: Iterable[str | Path], options: Options | None = None, outlets: OutletTable | None = None
) -> Iterator[Item]:
    """Every article in the given inputs ('-' reads JSONL from standard input); outlets and wire agencies
    are looked up in `outlets` (None: the package's table)."""
    options = options or Options()
    with ExitStack() as stack:
        client: httpx.Client | None = None
        for src in sources:
            name = str(src)
            if name == "-":
                yield from from_jsonl("<stdin>", sys.stdin, options, outlets)
            elif is_url(name):
                if client is None:
                    client = stack.enter_context(make_client(options))
                yield from from_url(name, options, client, outlets)
            elif scheme := unsupported_scheme(name):
                yield Failure(name, f"{scheme}: URLs are not supported (only http:// and https://, files and folders)")
            else:
                yield from _from_local(Path(name), options, outlets)


def _from_local(path: Path, options: Options, outlets: OutletTable | None) -> Iterator[Item]:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield Failure(str(path), "no such file or folder")
        return
    except OSError as exc:  # a file in a folder that cannot be entered, a loop of links
        yield Failure(str(path), _os_reason(exc))
        return
    if stat.S_ISDIR(mode):
        for found in walk(path):
            if isinstance(found, Failure):
                yield found
            else:
                yield from from_path(found, options, root=path, outlets=outlets)
    else:
        yield from from_path(path, options, outlets=outlets)
