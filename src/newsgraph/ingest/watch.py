"""`newsgraph watch`: the sources file, the schedule, backoff, per-host pacing and conditional GET.

A round reads every source that is due with the ordinary ingest's readers (`sources.read_sources` for files and
folders, `urls.fetch` then `sources.from_fetched` for URLs) and hands the items to the ordinary ingest
(`Newsgraph.watch_round`). What is decided here: which sources are due (`split_due`: a source that failed N rounds in a
row waits `every * 2**(N-1)`, at most MAX_BACKOFF), what a request sends (`conditional_headers`: the validators of the
source's last round), how requests to one host are paced (`HostPacer`, `PacedTransport`: one at a time, at least
`Options.host_delay` seconds apart), and each source's record of the round (`Tally`). The records are stored by the
store (`watch_sources`), which decides nothing.
"""

from __future__ import annotations

import os
import queue
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from newsgraph.errors import FetchError, InputError, OptionsError
from newsgraph.ingest.files import decode_utf8, one_line, read_file
from newsgraph.ingest.outlets import OutletTable
from newsgraph.ingest.sources import Skipped, from_fetched, is_url, of_input, read_sources
from newsgraph.ingest.urls import fetch, make_client
from newsgraph.models import Article, Failure, IngestReport, WatchRecord
from newsgraph.options import Options

MAX_BACKOFF = 24 * 3600.0
"""The longest a failing source waits between two tries, in seconds."""
FETCH_THREADS = 4
"""Hosts read at once in a round (each host's sources one after the other)."""
DUE_SLACK = 0.1
"""A source whose wait ends within this fraction of `every` after the round's start is read in that round (a round,
or a cron run, that starts a little early does not skip it)."""
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)\s*$", re.I)
_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}
_POLL = 0.2
"""Seconds between two looks at a stop request while waiting."""


def parse_every(text: str) -> float:
    """'90s', '15m', '1h' (or '1.5h') -> seconds; OptionsError for anything else or for less than a second."""
    m = _EVERY.match(text)
    seconds = float(m[1]) * _UNITS[m[2].lower()] if m else 0.0
    if not m or seconds < 1:
        raise OptionsError(f"every: {text[:40]!r} is not a period such as 90s, 15m or 1h (at least 1s)")
    return seconds


def describe_every(seconds: float) -> str:
    """Seconds as `parse_every` reads them: 900 -> '15m', 5400 -> '1.5h', 90 -> '90s'."""
    for unit, size in (("h", 3600.0), ("m", 60.0)):
        if seconds >= size and (seconds / size * 10).is_integer():
            return f"{seconds / size:g}{unit}"
    return f"{seconds:g}s"


def read_sources_file(path: str | os.PathLike[str], options: Options | None = None) -> list[str]:
    """The sources of a sources file: one feed, page, file or folder a line, blank lines and `#` comments left out
    (a whole line, or after a space), each once. InputError when the file cannot be read."""
    try:
        text = decode_utf8(read_file(Path(path), options or Options()))
    except InputError as exc:
        raise InputError(f"sources file {one_line(str(path))}: {exc}") from None
    except OSError as exc:
        raise InputError(f"sources file {one_line(str(path))}: {exc.strerror or exc}") from None
    found: dict[str, None] = {}
    for line in text.splitlines():
        source = re.sub(r"(^|\s)#.*$", "", line).strip()
        if source:
            found[source] = None
    return list(found)


def host_of(url: str) -> str:
    """The host a URL's request goes to, with its port when one is given ('example.org', '127.0.0.1:8080')."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return url
    return f"{parsed.host}:{parsed.port}" if parsed.port else parsed.host


def backoff(every: float, failures_in_a_row: int) -> float:
    """Seconds a source that failed `failures_in_a_row` rounds in a row waits: every * 2**(N-1), at most
    MAX_BACKOFF (but never less than `every`); 0 when it did not fail."""
    if failures_in_a_row <= 0:
        return 0.0
    return max(every, min(every * 2.0 ** min(failures_in_a_row - 1, 60), MAX_BACKOFF))


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def split_due(
    sources: Sequence[str], records: dict[str, WatchRecord], now: datetime, every: float
) -> tuple[list[str], list[WatchRecord]]:
    """The sources to read in the round that starts `now`, and the records of those still waiting (backoff)."""
    due: list[str] = []
    waiting: list[WatchRecord] = []
    for source in sources:
        record = records.get(source)
        if record is None or record.next_at is None:
            due.append(source)
            continue
        try:
            wait = (datetime.fromisoformat(record.next_at) - now).total_seconds()
        except ValueError:  # written by hand or by a later version: read it
            wait = 0.0
        if wait <= DUE_SLACK * every:
            due.append(source)
        else:
            waiting.append(record)
    return due, waiting


def conditional_headers(record: WatchRecord | None) -> dict[str, str]:
    """If-None-Match and If-Modified-Since from the validators of the source's last round."""
    headers: dict[str, str] = {}
    if record is not None and record.etag:
        headers["If-None-Match"] = record.etag
    if record is not None and record.last_modified:
        headers["If-Modified-Since"] = record.last_modified
    return headers


class Stop:
    """A stop request (what SIGINT and SIGTERM set): the round stops reading, stores what it read, and the watcher
    ends."""

    def __init__(self) -> None:
        self.requested = False

    def request(self) -> None:
        self.requested = True

    def sleep(self, seconds: float) -> bool:
        """Wait `seconds`, or less when a stop is requested; whether the wait ran to its end."""
        end = time.monotonic() + seconds
        while not self.requested:
            left = end - time.monotonic()
            if left <= 0:
                return True
            time.sleep(min(left, _POLL))
        return False


# --- pacing -----------------------------------------------------------------------------------


class HostPacer:
    """At most one request at a time to each host, and at least `delay` seconds from the end of one to the start of
    the next. A thread that already holds a host (a redirect, a feed's entry page on the same host) goes on."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._cond = threading.Condition()
        self._owner: dict[str, tuple[int, int]] = {}  # host -> (thread, depth)
        self._last: dict[str, float] = {}

    def acquire(self, host: str) -> None:
        me = threading.get_ident()
        with self._cond:
            while host in self._owner and self._owner[host][0] != me:
                self._cond.wait(_POLL)
            thread, depth = self._owner.get(host, (me, 0))
            self._owner[host] = (thread, depth + 1)
            if depth:
                return
            wait = self._last.get(host, -1e9) + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def release(self, host: str) -> None:
        with self._cond:
            thread, depth = self._owner[host]
            if depth > 1:
                self._owner[host] = (thread, depth - 1)
                return
            del self._owner[host]
            self._last[host] = time.monotonic()
            self._cond.notify_all()


class _Released(httpx.SyncByteStream):
    """A response's body that gives its host back to the pacer when it is closed (read to its end or abandoned)."""

    def __init__(self, stream: Any, release: Any) -> None:
        self._stream, self._release, self._done = stream, release, False

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            if not self._done:
                self._done = True
                self._release()


class PacedTransport(httpx.HTTPTransport):
    """httpx's transport, each request (redirects and feed entries' pages included) paced by a HostPacer: the host
    is held from the request until its response's body is closed."""

    def __init__(self, pacer: HostPacer, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pacer = pacer

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = f"{request.url.host}:{request.url.port}" if request.url.port else request.url.host
        self.pacer.acquire(host)
        try:
            response = super().handle_request(request)
        except BaseException:
            self.pacer.release(host)
            raise
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_Released(response.stream, lambda: self.pacer.release(host)),
            extensions=response.extensions,
        )


# --- reading a round --------------------------------------------------------------------------


@dataclass
class SourceRead:
    """One source read in a round: its items (a URL's all read, a file's or folder's read as they are taken), and for a
    URL the HTTP status and validators of its answer."""

    source: str
    items: Iterable[Any]
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None


def fetch_source(
    url: str, record: WatchRecord | None, options: Options, client: httpx.Client, outlets: OutletTable | None
) -> SourceRead:
    """A URL fetched with the validators of its last round (a 304: no items) and read as `ingest` reads it."""
    try:
        fetched = fetch(client, url, options, conditional_headers(record))
    except FetchError as exc:
        status = re.match(r"HTTP (\d{3})\b", str(exc))
        items = [Failure(one_line(url), str(exc), one_line(url))]
        return SourceRead(url, items, int(status[1]) if status else None)
    read = SourceRead(url, [], fetched.status, fetched.etag, fetched.last_modified)
    if fetched.status == 304:
        return read
    try:
        read.items = list(of_input(from_fetched(url, fetched, options, client, outlets), one_line(url)))
    except Exception as exc:  # a bug or a library failure on one source must not end the round
        read.items = [Failure(one_line(url), f"unexpected error: {exc.__class__.__name__}: {exc}", one_line(url))]
    return read


def read_round(
    sources: Sequence[str],
    records: dict[str, WatchRecord],
    options: Options,
    outlets: OutletTable | None,
    stop: Stop,
) -> Iterator[SourceRead]:
    """The round's sources as they are read: URLs fetched on up to FETCH_THREADS threads (one host per thread at a
    time, paced), files and folders read meanwhile as `ingest` reads them; URLs come as their reads end. Ends early
    when a stop is requested (a fetch under way is left to its thread, which reads nothing more)."""
    urls = [s for s in sources if is_url(s)]
    results: queue.Queue[SourceRead | None] = queue.Queue()
    threads = _start_fetching(urls, records, options, outlets, stop, results)
    for source in sources:
        if stop.requested:
            return
        if not is_url(source):
            yield SourceRead(source, read_sources([source], options, outlets))
    running = threads
    while running:
        try:
            read = results.get(timeout=_POLL)
        except queue.Empty:
            if stop.requested:
                return
            continue
        if read is None:
            running -= 1
        else:
            yield read


def _start_fetching(
    urls: Sequence[str],
    records: dict[str, WatchRecord],
    options: Options,
    outlets: OutletTable | None,
    stop: Stop,
    results: queue.Queue[SourceRead | None],
) -> int:
    """Threads that fetch the URLs, host by host, into `results` (each ends with a None); how many were started."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[host_of(url)].append(url)
    hosts: queue.Queue[list[str]] = queue.Queue()
    for group in by_host.values():
        hosts.put(group)
    pacer = HostPacer(options.host_delay)
    count = min(FETCH_THREADS, len(by_host))

    def work() -> None:
        try:
            with make_client(options, PacedTransport(pacer)) as client:
                while not stop.requested:
                    try:
                        group = hosts.get_nowait()
                    except queue.Empty:
                        return
                    for url in group:
                        if stop.requested:
                            return
                        results.put(fetch_source(url, records.get(url), options, client, outlets))
        finally:
            results.put(None)

    for _ in range(count):  # daemons: a fetch under way when the watcher stops does not hold the process
        threading.Thread(target=work, name="newsgraph-watch-fetch", daemon=True).start()
    return count


# --- the records of a round -------------------------------------------------------------------


@dataclass
class _Count:
    new: int = 0
    duplicates: int = 0
    failed: int = 0
    failure: str | None = None


@dataclass
class Tally:
    """Which source each item of a round came from, so that the ingest's report can be told source by source."""

    reads: dict[str, SourceRead] = field(default_factory=dict)
    """The sources read to their end (those a stop cut short are not recorded)."""
    of_article: dict[str, str] = field(default_factory=dict)
    of_source: dict[str, str] = field(default_factory=dict)
    counts: dict[str, _Count] = field(default_factory=lambda: defaultdict(_Count))

    def items(self, reads: Iterable[SourceRead], stop: Stop) -> Iterator[Any]:
        """The items of every read, in order; a stop request ends them between two items."""
        for read in reads:
            for item in read.items:
                if stop.requested:
                    return
                self._note(read.source, item)
                yield item
            if stop.requested and not isinstance(read.items, list):  # a folder's may have been cut short
                return
            self.reads[read.source] = read

    def _note(self, source: str, item: Any) -> None:
        if isinstance(item, Article):
            self.of_article[item.id] = source
            self.of_source[item.source] = source
        elif isinstance(item, Failure):
            count = self.counts[source]
            count.failed += 1
            if item.source == item.input and count.failure is None:  # the source itself, not one of its entries
                count.failure = item.reason
        elif isinstance(item, Skipped):
            self.of_source[item.source] = source

    def records(
        self, report: IngestReport, previous: dict[str, WatchRecord], now: datetime, every: float
    ) -> list[WatchRecord]:
        """The record of each source read to its end, from the ingest's report."""
        for article_id in report.ingested:
            if article_id in self.of_article:
                self.counts[self.of_article[article_id]].new += 1
        for source in report.duplicates:
            if source in self.of_source:
                self.counts[self.of_source[source]].duplicates += 1
        for failure in report.failures:
            if not failure.input and failure.source in self.of_source:  # found after reading (analysis, storage)
                self.counts[self.of_source[failure.source]].failed += 1
        return [next_record(previous.get(s), read, self.counts[s], now, every) for s, read in self.reads.items()]


def next_record(
    previous: WatchRecord | None, read: SourceRead, count: _Count, now: datetime, every: float
) -> WatchRecord:
    """A source's record after the round that started `now`. A source that could not be read waits its backoff. The
    validators are kept only when the source gave no failure at all: a source with a failed entry (or an article not
    stored) is fetched whole the next round, so that nothing it holds is hidden behind a 304."""
    in_a_row = (previous.failures_in_a_row if previous else 0) + 1 if count.failure else 0
    etag = last_modified = None
    if not count.failed and read.status == 304 and previous is not None:
        etag, last_modified = read.etag or previous.etag, read.last_modified or previous.last_modified
    elif not count.failed:
        etag, last_modified = read.etag, read.last_modified
    return WatchRecord(
        source=read.source,
        checked_at=iso(now),
        status=read.status,
        new_articles=count.new,
        duplicates=count.duplicates,
        failed=count.failed,
        failure=count.failure,
        etag=etag,
        last_modified=last_modified,
        failures_in_a_row=in_a_row,
        next_at=iso(now + timedelta(seconds=backoff(every, in_a_row))) if in_a_row else None,
    )
