"""`newsgraph watch`: the sources file, periods, backoff, per-host pacing, and rounds against feed servers the tests
start on 127.0.0.1 whose feeds change between rounds (new items, a 304, a 500, a slow host). Nothing leaves
127.0.0.1."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import httpx
import pytest
from click.testing import CliRunner

from newsgraph import Newsgraph, Options, WatchRecord
from newsgraph.cli import main
from newsgraph.errors import InputError, OptionsError
from newsgraph.ingest import watch

STORIES = [
    ("Dock workers end strike in Rivermouth",
     "Dock workers in the port of Rivermouth ended a nine-day strike on Tuesday after the harbour board agreed to "
     "raise night-shift pay by six percent, union leader Mara Ostrand told reporters at the gate."),
    ("Flood barrier tested on the Ambler river",
     "Engineers in Lowbridge closed the new Ambler river flood barrier for the first time on Wednesday, holding back "
     "a spring tide that would have covered the market square, the town council said in a statement."),
    ("Library reopens after roof repairs",
     "The central library of Kestrel Falls reopened on Thursday after eight months of roof repairs, with a reading "
     "room for children and longer opening hours on weekends, the city's culture office announced."),
    ("Ferry line to the islands resumes",
     "The ferry line between Porthaven and the Selkie islands resumed sailing on Friday after the operator replaced "
     "both engines of its only boat, islanders who had been cut off for three weeks said on arrival."),
    ("Orchard growers report early blossom",
     "Apple growers in the Tamsin valley reported the earliest blossom in forty years on Saturday, warning that a "
     "late frost could cost them much of the harvest, the growers' cooperative said in its weekly bulletin."),
]


def rss(title: str, stories: list[tuple[str, str]]) -> bytes:
    items = "".join(f"<item><title>{escape(t)}</title><description>{escape(d)}</description></item>" for t, d in stories)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>{items}</channel></rss>".encode()


@dataclass
class Feed:
    stories: list[tuple[str, str]]
    status: int = 200
    etag: str | None = None
    delay: float = 0.0


@dataclass
class Site:
    """A feed server on 127.0.0.1: what each path serves, and a log of the requests (path, If-None-Match, start,
    end)."""

    feeds: dict[str, Feed] = field(default_factory=dict)
    log: list[tuple[str, str | None, float, float]] = field(default_factory=list)
    base: str = ""
    done: threading.Event = field(default_factory=threading.Event)
    """Set when the server stops: a slow answer under way is cut short."""

    def requests(self, path: str) -> list[str | None]:
        """The If-None-Match of each request to `path`."""
        return [sent for p, sent, _, _ in self.log if p == path]


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            started = time.monotonic()
            feed = site.feeds.get(self.path)
            sent = self.headers.get("If-None-Match")
            if feed is not None and feed.delay:
                site.done.wait(feed.delay)
            if feed is None:
                self.send_response(404)
                body = b""
            elif feed.etag is not None and sent == feed.etag:
                self.send_response(304)
                body = b""
            elif feed.status != 200:
                self.send_response(feed.status)
                body = b"down"
            else:
                self.send_response(200)
                body = rss("Harbour Gazette", feed.stories)
                self.send_header("Content-Type", "application/rss+xml")
                if feed.etag:
                    self.send_header("ETag", feed.etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            site.log.append((self.path, sent, started, time.monotonic()))

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield site
    finally:
        site.done.set()
        httpd.shutdown()
        httpd.server_close()


# --- the small parts -------------------------------------------------------------------------------


def test_sources_file_one_source_a_line_with_comments(tmp_path: Path) -> None:
    path = tmp_path / "sources.txt"
    path.write_text(
        "# the harbour feeds\nhttp://127.0.0.1:1/feed  # the gazette\n\n   \nhttp://127.0.0.1:1/a#frag\n"
        "folder/with space\nhttp://127.0.0.1:1/feed\n",
        encoding="utf-8",
    )
    assert watch.read_sources_file(path) == ["http://127.0.0.1:1/feed", "http://127.0.0.1:1/a#frag", "folder/with space"]
    with pytest.raises(InputError, match="sources file .*missing.txt"):
        watch.read_sources_file(tmp_path / "missing.txt")


def test_periods() -> None:
    assert [watch.parse_every(t) for t in ("90s", "15m", "1h", "1.5h", " 2M ")] == [90, 900, 3600, 5400, 120]
    for bad in ("15", "0s", "0.5s", "m", "15 minutes", "-1h", ""):
        with pytest.raises(OptionsError, match="not a period"):
            watch.parse_every(bad)


def test_backoff_doubles_with_each_failure_in_a_row_up_to_a_day() -> None:
    assert [watch.backoff(900, n) for n in range(5)] == [0, 900, 1800, 3600, 7200]
    assert watch.backoff(900, 8) == 86_400 and watch.backoff(900, 500) == 86_400
    assert watch.backoff(172_800, 1) == 172_800  # never sooner than a round


def test_due_sources_and_those_waiting_out_their_backoff() -> None:
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    later = WatchRecord("b", "x", next_at=(now + timedelta(minutes=20)).isoformat())
    soon = WatchRecord("c", "x", next_at=(now + timedelta(seconds=30)).isoformat())  # within the slack of a round
    done = WatchRecord("d", "x", next_at=(now - timedelta(minutes=1)).isoformat())
    records = {r.source: r for r in (later, soon, done, WatchRecord("e", "x"))}
    assert watch.split_due(["a", "b", "c", "d", "e"], records, now, 900) == (["a", "c", "d", "e"], [later])


def test_conditional_headers() -> None:
    assert watch.conditional_headers(None) == {}
    record = WatchRecord("a", "x", etag='"v1"', last_modified="Wed, 01 Jan 2026 10:00:00 GMT")
    assert watch.conditional_headers(record) == {
        "If-None-Match": '"v1"', "If-Modified-Since": "Wed, 01 Jan 2026 10:00:00 GMT",
    }  # fmt: skip


def test_one_request_at_a_time_per_host_and_a_gap_between_them() -> None:
    """Three threads, each with its own client, ask one host three times each: the server sees the nine requests
    one after the other, each at least the delay after the one before; a second host is not held up meanwhile."""
    slow = Feed(STORIES[:1], delay=0.05)
    with serving(Site({"/feed": slow})) as one, serving(Site({"/feed": Feed(STORIES[:1])})) as other:
        pacer = watch.HostPacer(0.1)

        def ask(base: str, times: int) -> None:
            with httpx.Client(transport=watch.PacedTransport(pacer)) as client:
                for _ in range(times):
                    assert client.get(f"{base}/feed").status_code == 200

        threads = [threading.Thread(target=ask, args=(one.base, 3)) for _ in range(3)]
        threads.append(threading.Thread(target=ask, args=(other.base, 1)))
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    spans = sorted((start, end) for _, _, start, end in one.log)
    assert len(spans) == 9
    gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:], strict=False)]
    assert min(gaps) >= 0.08, gaps  # (the server's clock stops a little after the response is sent)
    (other_span,) = [(start, end) for _, _, start, end in other.log]
    assert other_span[1] < spans[-1][0]  # the other host was served while the first was still being asked


# --- rounds --------------------------------------------------------------------------------------


def by_source(records: list[WatchRecord]) -> dict[str, WatchRecord]:
    return {r.source: r for r in records}


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_rounds_against_feeds_that_change(db_url: str, tmp_path: Path) -> None:
    """Four rounds, a minute apart: a feed that answers 304 when unchanged and later gains an item, a feed that fails
    (HTTP 500) twice, waits out its backoff, then recovers, a slow host that does not hold the others up, a folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ferry.txt").write_text(STORIES[3][0] + "\n\n" + STORIES[3][1], encoding="utf-8")
    site = Site({"/news": Feed(STORIES[:2], etag='"v1"'), "/broken": Feed([STORIES[4]], status=500)})
    slow_site = Site({"/slow": Feed([STORIES[2]], delay=1.0)})
    every, t0 = 60.0, datetime(2026, 1, 1, 12, tzinfo=UTC)
    with serving(site), serving(slow_site), Newsgraph(db_url, Options(host_delay=0.01, http_timeout=10)) as ng:
        news, broken, slow = f"{site.base}/news", f"{site.base}/broken", f"{slow_site.base}/slow"
        sources = [news, broken, slow, str(folder)]

        first = ng.watch_round(sources, every, now=t0)
        got = by_source(first.records)
        assert (got[news].status, got[news].new_articles, got[news].etag) == (200, 2, '"v1"')
        assert (got[broken].status, got[broken].failure, got[broken].failures_in_a_row) == (
            500, "HTTP 500 Internal Server Error", 1)  # fmt: skip
        assert got[broken].next_at == (t0 + timedelta(seconds=60)).isoformat()
        assert (got[slow].status, got[slow].new_articles) == (200, 1)
        assert (got[str(folder)].status, got[str(folder)].new_articles) == (None, 1)
        assert [f.source for f in first.report.failures] == [broken] and len(first.report.ingested) == 4
        (news_request,) = [(s, e) for p, _, s, e in site.log if p == "/news"]
        assert news_request[1] < slow_site.log[0][3]  # the slow host did not hold the others up

        second = ng.watch_round(sources, every, now=t0 + timedelta(seconds=60))
        got = by_source(second.records)
        assert site.requests("/news") == [None, '"v1"']  # the validator of the first round was sent...
        assert (got[news].status, got[news].new_articles, got[news].failure, got[news].etag) == (304, 0, None, '"v1"')
        assert (got[broken].failures_in_a_row, got[broken].next_at) == (2, (t0 + timedelta(seconds=180)).isoformat())
        assert (got[slow].duplicates, got[str(folder)].duplicates) == (1, 1)  # no validators: read again, stored once
        assert second.report.ingested == []

        site.feeds["/news"] = Feed(STORIES[:2] + [STORIES[4]], etag='"v2"')
        third = ng.watch_round(sources, every, now=t0 + timedelta(seconds=120))
        got = by_source(third.records)
        assert broken not in got and [r.source for r in third.waiting] == [broken]  # its backoff: 120 s
        assert len(site.requests("/broken")) == 2
        assert (got[news].status, got[news].new_articles, got[news].duplicates, got[news].etag) == (200, 1, 2, '"v2"')

        site.feeds["/broken"] = Feed([STORIES[4], STORIES[1]])
        fourth = ng.watch_round(sources, every, now=t0 + timedelta(seconds=180))
        got = by_source(fourth.records)
        assert (got[broken].status, got[broken].failure, got[broken].failures_in_a_row) == (200, None, 0)
        assert (got[broken].next_at, got[broken].new_articles, got[broken].duplicates) == (None, 0, 2)
        assert fourth.report.ok and not fourth.waiting

        assert by_source(ng.watch_status()) == by_source(fourth.records)
        assert len(ng.articles()) == len(STORIES)  # each once


def test_a_source_with_a_failed_entry_keeps_no_validators(tmp_path: Path) -> None:
    """An entry that could not be read (too short) is a failure of the round: the feed's ETag is not kept, so the next
    round reads the whole feed again instead of being told 304 (nothing it holds is hidden)."""
    site = Site({"/news": Feed([STORIES[0], ("Brief", "Too short.")], etag='"v1"')})
    with serving(site), Newsgraph(tmp_path / "news.db", Options(host_delay=0.01)) as ng:
        url = f"{site.base}/news"
        first = ng.watch_round([url], 60)
        (record,) = first.records
        assert (record.new_articles, record.failed, record.failure, record.etag) == (1, 1, None, None)
        assert record.failures_in_a_row == 0 and record.next_at is None  # the source itself was read: no backoff
        ng.watch_round([url], 60)
    assert site.requests("/news") == [None, None]


# --- the command ---------------------------------------------------------------------------------


def test_watch_once_exit_status_and_lines(tmp_path: Path) -> None:
    site = Site({"/news": Feed(STORIES[:1], etag='"v1"'), "/broken": Feed([], status=500)})
    db, sources = str(tmp_path / "news.db"), tmp_path / "sources.txt"
    with serving(site):
        sources.write_text(f"# feeds\n{site.base}/news\n{site.base}/broken\n", encoding="utf-8")
        args = ["watch", str(sources), "--once", "--db", db, "--host-delay", "0", "--every", "1h"]
        failed = CliRunner().invoke(main, args)
        sources.write_text(f"{site.base}/news\n", encoding="utf-8")
        fine = CliRunner().invoke(main, [*args, "-v"])
    assert failed.exit_code == 2, failed.output
    assert f"failed: {site.base}/broken: HTTP 500 Internal Server Error" in failed.stderr.splitlines()
    assert "2 sources read; 1 new article, 0 duplicates, 1 failed" in failed.stdout
    assert fine.exit_code == 0, fine.output
    assert f"watched: {site.base}/news: HTTP 304, 0 new, 0 duplicates" in fine.stderr
    assert "1 source read (1 not modified); 0 new articles, 0 duplicates, 0 failed" in fine.stdout
    bad = CliRunner().invoke(main, ["watch", str(sources), "--once", "--db", db, "--every", "15"])
    assert bad.exit_code == 1 and "not a period such as 90s, 15m or 1h" in bad.output
    gone = CliRunner().invoke(main, ["watch", str(tmp_path / "gone.txt"), "--once", "--db", db])
    assert gone.exit_code == 1 and "sources file" in gone.output and "gone.txt" in gone.output


@pytest.mark.processes
def test_sigterm_during_a_round_stores_every_batch_read(tmp_path: Path) -> None:
    """SIGTERM while a round waits for a slow host, after one batch (2 articles) of a quick feed is stored and a third
    article is read into the next: the watcher stores that batch too, records the quick feed (not the slow one, whose
    answer never came), and ends within seconds with status 0."""
    quick, slow = Site({"/news": Feed(STORIES[:3])}), Site({"/slow": Feed(STORIES[3:], delay=120)})
    db, sources = tmp_path / "news.db", tmp_path / "sources.txt"
    with serving(quick), serving(slow):
        sources.write_text(f"{quick.base}/news\n{slow.base}/slow\n", encoding="utf-8")
        command = [sys.executable, "-m", "newsgraph.cli", "watch", str(sources), "--db", str(db), "--every", "1h",
                   "--batch-size", "2", "--host-delay", "0", "--timeout", "300"]  # fmt: skip
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 300
            while stored(db) < 2 and run.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            assert stored(db) == 2 and run.poll() is None, "the first batch was not stored in 300 s"
            time.sleep(0.5)  # the third article read meanwhile, the round waiting for the slow host
            run.send_signal(signal.SIGTERM)
            started = time.monotonic()
            out, err = run.communicate(timeout=60)
            took = time.monotonic() - started
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()
    assert run.returncode == 0, err
    assert took < 10, f"{took:.1f} s from SIGTERM to the end"
    assert stored(db) == 3  # the batch under way when the signal came is stored too
    assert "SIGTERM: stopping" in err and "stopped" in out
    with sqlite3.connect(db) as conn:
        recorded = conn.execute("SELECT source, status, new_articles FROM watch_sources").fetchall()
    assert recorded == [(f"{quick.base}/news", 200, 3)]


@pytest.mark.processes
def test_sigterm_between_rounds_ends_the_watcher_at_once(tmp_path: Path) -> None:
    """A watcher waiting for its next round (an hour away) ends within seconds of SIGTERM, with status 0."""
    site = Site({"/news": Feed(STORIES[:1])})
    db, sources = tmp_path / "news.db", tmp_path / "sources.txt"
    with serving(site):
        sources.write_text(f"{site.base}/news\n", encoding="utf-8")
        command = [sys.executable, "-m", "newsgraph.cli", "watch", str(sources), "--db", str(db), "--every", "1h"]
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 300
            while "round " not in (out := _read_some(run)) and run.poll() is None and time.monotonic() < deadline:
                pass
            assert "1 new article" in out and run.poll() is None, out
            run.send_signal(signal.SIGTERM)
            started = time.monotonic()
            _, err = run.communicate(timeout=60)
            took = time.monotonic() - started
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()
    assert run.returncode == 0 and took < 5, (run.returncode, took, err)
    assert len(site.log) == 1  # no second round


def _read_some(run: subprocess.Popen[str]) -> str:
    """A line of the process's standard output ('' when it has ended)."""
    assert run.stdout is not None
    return run.stdout.readline()


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the schema not made yet
        return 0
