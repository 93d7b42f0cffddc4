"""Inputs -> Articles: files, folders, JSON/JSONL records, HTML pages, feeds, URLs, stdin.

`read_sources` yields one Article per good document and one Failure per bad input (or bad
record inside an input), so a bad file never stops the run or hides the good ones beside it.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from newsgraph.errors import InputError
from newsgraph.ingest import metadata as md
from newsgraph.ingest import paths
from newsgraph.ingest.documents import Item, Skipped, article_or_failure, from_html, from_text
from newsgraph.ingest.feeds import FeedEntry, FeedError, parse_feed
from newsgraph.ingest.files import (
    check_bytes,
    decode_html,
    decode_utf8,
    jsonl_lines,
    one_line,
    os_reason,
    read_file,
    special_file,
)
from newsgraph.ingest.outlets import OutletTable
from newsgraph.ingest.parquet import parquet_rows
from newsgraph.ingest.records import from_json, from_jsonl, from_parquet, from_record
from newsgraph.ingest.urls import Fetched, FetchError, fetch, make_client
from newsgraph.models import Article, Failure, Notice
from newsgraph.options import Options

__all__ = ["Item", "Skipped", "from_jsonl", "from_record", "read_sources", "special_file", "walk"]

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
                article_or_failure(entry_source, entry.text, options, outlets, **_entry_fields(entry, outlets))
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
        items = list(article_or_failure(source, entry.text, options, outlets, **_entry_fields(entry, outlets)))
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
            yield Failure(str(err.filename or root), f"cannot list the folder: {os_reason(err)}")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
    for err in errors:
        yield Failure(str(err.filename or folder), f"cannot list the folder: {os_reason(err)}")


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
    elif outlet and not options.outlet:  # 'wash-post', 'usa-today': the outlet the slug spells, else as written
        outlet = (outlets or OutletTable.default()).outlet_of_slug(outlet) or outlet
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
    except FetchError as exc:
        yield Failure(url, str(exc))
        return
    yield from from_fetched(url, fetched, options, client, outlets)


def from_fetched(
    url: str, fetched: Fetched, options: Options, client: httpx.Client, outlets: OutletTable | None = None
) -> Iterator[Item]:
    """The articles of what was fetched from `url` (a feed's entries, a page, records), by its content type."""
    try:
        check_bytes(fetched.content)
    except InputError as exc:
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
    are looked up in `outlets` (None: the package's table). Each Failure names the input it is in (`input`), and
    the sources of failures and notices are one line (control characters escaped: `one_line`)."""
    options = options or Options()
    with ExitStack() as stack:
        client: httpx.Client | None = None
        for src in sources:
            name = str(src)
            if name == "-":
                items = from_jsonl("<stdin>", sys.stdin, options, outlets)
            elif is_url(name):
                if client is None:
                    client = stack.enter_context(make_client(options))
                items = from_url(name, options, client, outlets)
            elif scheme := unsupported_scheme(name):
                why = f"{scheme}: URLs are not supported (only http:// and https://, files and folders)"
                items = iter([Failure(name, why)])
            else:
                items = _from_local(Path(name), options, outlets)
            yield from of_input(items, one_line(name))


def of_input(items: Iterator[Item], name: str) -> Iterator[Item]:
    """The items of one input, each failure naming it; failures and notices named in one line."""
    for item in items:
        if isinstance(item, Failure):
            yield replace(item, source=one_line(item.source), input=name)
        elif isinstance(item, Notice):
            yield replace(item, source=one_line(item.source))
        else:
            yield item


def _from_local(path: Path, options: Options, outlets: OutletTable | None) -> Iterator[Item]:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield Failure(str(path), "no such file or folder")
        return
    except OSError as exc:  # a file in a folder that cannot be entered, a loop of links
        yield Failure(str(path), os_reason(exc))
        return
    if stat.S_ISDIR(mode):
        for found in walk(path):
            if isinstance(found, Failure):
                yield found
            else:
                yield from from_path(found, options, root=path, outlets=outlets)
    else:
        yield from from_path(path, options, outlets=outlets)
