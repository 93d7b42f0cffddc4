"""Hostile and odd inputs: each costs one line (or is read right), never the good input beside it."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph import Article, Failure, Newsgraph, Options, analyze, read_sources
from newsgraph.analyze import AnalysisContext, analyze_each, pipeline
from newsgraph.analyze.pipeline import chunks
from newsgraph.cli import main
from newsgraph.dates import parse_date
from newsgraph.ingest import documents, files, sources
from newsgraph.ingest.urls import FetchError, fetch, make_client
from newsgraph.models import AnalysisFailure, Notice

GOOD = (
    "Hamburg port strike begins\n\nWorkers at the port of Hamburg walked out on Tuesday, halting container "
    "handling for 48 hours. The union said talks with employers had failed.\n"
)
OTHER = (
    "Rhine water falls\n\nBarges on the Rhine sailed half-empty on Thursday as the gauge at Kaub fell below one "
    "metre, shippers said in Duisburg.\n"
)


def items(*inputs: Any, options: Options | None = None) -> list[Any]:
    return list(read_sources([str(i) for i in inputs], options or Options()))


def failures(found: list[Any]) -> dict[str, str]:
    return {f.source: f.reason for f in found if isinstance(f, Failure)}


def articles(found: list[Any]) -> list[Article]:
    return [a for a in found if isinstance(a, Article)]


# --- 1. long texts --------------------------------------------------------------------------------


def test_chunks_cut_at_paragraphs_then_sentences_and_cover_the_text() -> None:
    text = "\n\n".join(f"Paragraph {i} says one thing. It then says another thing entirely." for i in range(40))
    pieces = chunks(text, 200)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 200 for _, piece in pieces)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith(("\n\n", ". ")) for _, piece in pieces[:-1])
    one_paragraph = " ".join(["A sentence of some length, with a comma."] * 30)
    assert all(piece.endswith(". ") for _, piece in chunks(one_paragraph, 150)[:-1])
    assert [len(p) for _, p in chunks("x" * 450, 200)] == [200, 200, 50]  # no break at all: cut hard


def test_a_text_read_in_pieces_keeps_offsets_into_the_whole_text() -> None:
    body = "\n\n".join(
        f"Foreign Minister Sergei Lavrov met Kim Jong Un in Pyongyang on day {i}, officials in Moscow said."
        for i in range(12)
    )
    article = Article(id="long", text=body, published="2023-10-19", language="en")
    whole = analyze([article])[0]
    context = AnalysisContext.create(Options(chunk_chars=300))
    pieces = analyze([article], context)[0]
    assert all(body[m.start : m.end] == m.text for m in pieces.mentions)
    assert all(0 <= s.start < s.end <= len(body) for s in pieces.sentences)
    assert {(m.start, m.end, m.canonical) for m in pieces.mentions} == {
        (m.start, m.end, m.canonical) for m in whole.mentions
    }
    assert len(pieces.sentences) == len(whole.sentences)
    assert [p.name for p in pieces.places] == [p.name for p in whole.places]


# --- 2. a failure inside analysis ---------------------------------------------------------------------


def test_an_exception_in_one_articles_analysis_costs_that_article_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.find_times

    def fragile(text: str, anchor: Any, tenses: Any = None) -> Any:
        if "BOOM" in text:
            raise ValueError("a bug in a later stage")
        return real(text, anchor, tenses)

    monkeypatch.setattr(pipeline, "find_times", fragile)
    batch = [
        Article(id="bad", text="BOOM. " + GOOD, source="bad.txt"),
        Article(id="good", text=GOOD, source="good.txt"),
    ]
    with Newsgraph(tmp_path / "n.db") as ng:
        report = ng.ingest_articles(batch)
        assert report.ingested == ["good"]
        assert [str(f) for f in report.failures] == ["bad.txt: analysis failed: ValueError: a bug in a later stage"]
        assert [a.id for a in ng.articles()] == ["good"]


def test_a_model_failure_on_one_text_costs_that_article_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.english()

    class Fragile:
        meta = real.meta

        def __call__(self, text: str) -> Any:
            if "BOOM" in text:
                raise RuntimeError("the model choked")
            return real(text)

        def pipe(self, texts: Iterator[str], **kwargs: Any) -> Iterator[Any]:
            for text in texts:
                yield self(text)

    monkeypatch.setattr(pipeline, "english", lambda: Fragile())
    results = analyze_each(
        [Article(id="a", text=GOOD), Article(id="b", text="BOOM " + GOOD), Article(id="c", text=OTHER)]
    )
    assert results[1] == AnalysisFailure("b", "analysis failed: RuntimeError: the model choked")
    assert [r.article_id for r in results if not isinstance(r, AnalysisFailure)] == ["a", "c"]
    with pytest.raises(pipeline.AnalysisError, match="^b: analysis failed"):
        analyze([Article(id="b", text="BOOM " + GOOD)])


def test_published_in_other_forms_is_normalized_and_an_unreadable_one_warned(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        report = ng.ingest_articles(
            [
                Article(id="a", text=GOOD, published="Oct 28, 2025", source="a"),
                Article(id="b", text=OTHER, published="2024-13-45", source="b"),
            ]
        )
        assert sorted(report.ingested) == ["a", "b"] and not report.failures
        assert [str(w) for w in report.warnings] == [
            "b: published '2024-13-45' is not a date newsgraph reads; stored without it"
        ]
        assert {a.id: a.published for a in ng.articles()} == {"a": "2025-10-28", "b": None}


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-10-28T23:30:00-05:00", "2025-10-28"),
        ("2025-10-28T08:00:00Z", "2025-10-28"),
        ("Tue, 28 Oct 2025 09:00:00 +0000", "2025-10-28"),
        ("Oct 28, 2025", "2025-10-28"),
        ("28 October 2025", "2025-10-28"),
        ("1761642000", "2025-10-28"),
        (1761642000, "2025-10-28"),
        ("1761642000000", "2025-10-28"),
        ("not a date", None),
        ("2024-13-45", None),
        ("", None),
    ],
)
def test_common_date_forms(value: Any, day: str | None) -> None:
    assert parse_date(value) == day


def test_a_record_with_an_unreadable_date_is_stored_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text(json.dumps({"id": "r", "text": GOOD, "published": "not a date"}) + "\n", encoding="utf-8")
    found = items(f)
    [notice] = [n for n in found if isinstance(n, Notice)]
    assert str(notice) == f"{f}:1: published 'not a date' is not a date newsgraph reads; stored without it"
    [a] = articles(found)
    assert a.published is None


# --- 3. special files and the size cap -------------------------------------------------------------------


def test_devices_and_named_pipes_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    found = items("/dev/zero", fifo, good)  # would hang on the pipe, or fill memory from the device
    assert failures(found) == {
        "/dev/zero": "a character device, not a regular file; only regular files are read ('-' reads standard input)",
        str(fifo): "a named pipe, not a regular file; only regular files are read ('-' reads standard input)",
    }
    assert len(articles(found)) == 1


def test_a_socket_in_a_folder_is_refused(tmp_path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.txt"))
        assert failures(items(tmp_path)) == {
            str(
                tmp_path / "s.txt"
            ): "a socket, not a regular file; only regular files are read ('-' reads standard input)"
        }
    finally:
        sock.close()


def test_the_cap_holds_while_reading() -> None:
    class Endless:
        def read(self, n: int) -> bytes:
            return b"a" * n

    with pytest.raises(files.InputError, match="over the 1,000-byte cap"):
        files._read_capped(Endless(), 1000)
    with open(__file__, "rb") as f:
        assert len(files._read_capped(f, 10_000_000)) == Path(__file__).stat().st_size


# --- 4. a download's total deadline --------------------------------------------------------------------


class Trickle(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"<p>" + b"x" * 47)
                self.wfile.flush()
                time.sleep(0.3)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: Any) -> None:
        pass


def test_a_trickling_server_is_cut_off_at_the_deadline() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    options = Options(http_timeout=1.0)
    try:
        started = time.monotonic()
        with make_client(options) as client, pytest.raises(FetchError, match="download not finished after 1 s"):
            fetch(client, f"http://127.0.0.1:{httpd.server_address[1]}/", options)
        assert time.monotonic() - started < 3  # per read it never timed out: 30 s without the deadline
    finally:
        httpd.shutdown()


# --- 7. unreadable paths --------------------------------------------------------------------------


def test_unreadable_files_and_folders_get_one_line_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, permissions do not bind: the refusals are simulated where the OS would give them."""
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "locked" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "secret.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "ok.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    locked, secret, closed = tmp_path / "in" / "locked", tmp_path / "in" / "secret.txt", tmp_path / "closed"
    real_scandir, real_open, real_stat = os.scandir, os.open, Path.stat

    def scandir(path: Any = ".") -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def os_open(path: Any, flags: int, *args: Any) -> int:
        if Path(path) == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    def stat(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.parent == closed:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(Path, "stat", stat)
    found = items(tmp_path / "in", closed / "x.txt")
    assert failures(found) == {
        str(locked): "cannot list the folder: permission denied",
        str(secret): "permission denied",
        str(closed / "x.txt"): "permission denied",
    }
    assert [a.source for a in articles(found)] == [str(tmp_path / "in" / "ok.txt")]


# --- 8. briefs ------------------------------------------------------------------------------------


def test_a_brief_whose_title_is_its_text_is_kept(tmp_path: Path) -> None:
    flash = "Magnitude 6.1 earthquake strikes off the coast of northern Chile, no tsunami warning issued"
    f = tmp_path / "b.jsonl"
    f.write_text(json.dumps({"id": "flash", "title": flash, "text": flash}) + "\n", encoding="utf-8")
    [a] = articles(items(f))
    assert (a.title, a.text) == (flash, flash)


# --- 9. encodings ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    boms = {
        "utf-16-le": b"\xff\xfe",
        "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00",
        "utf-32-be": b"\x00\x00\xfe\xff",
    }
    text = GOOD.replace("Hamburg", "Hamburg\u2019s Köhlbrand")
    f = tmp_path / "a.txt"
    f.write_bytes(boms.get(codec, b"") + text.encode(codec))
    [a] = articles(items(f))
    assert "Köhlbrand" in a.text and a.title == "Hamburg\u2019s Köhlbrand port strike begins"
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_bytes(boms.get(codec, b"") + (json.dumps({"id": "r", "text": text}) + "\n").encode(codec))
    assert len(articles(items(jsonl))) == 1


# --- 10. control characters -----------------------------------------------------------------------------


def test_control_characters_never_reach_stored_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    body = GOOD + "\n" + ("Filler sentence about the port. " * 300) + "\x00 and \x1b[2J after the first 8 KB.\n"
    f.write_text(body, encoding="utf-8")
    [a] = articles(items(f))
    assert "\x00" not in a.text and "\x1b" not in a.text and "and [2J after" in a.text
    record = tmp_path / "r.jsonl"
    hostile = {"id": "r", "title": "Title\x1b]0;owned\x07 here", "outlet": "Out\x1b[31mlet", "text": GOOD + "\x9b"}
    record.write_text(json.dumps(hostile) + "\n", encoding="utf-8")
    [r] = articles(items(record))
    assert (r.title, r.outlet) == ("Title]0;owned here", "Out[31mlet") and "\x9b" not in r.text


# --- 11. messages that say what happened ----------------------------------------------------------------


def test_unsupported_url_schemes_are_named() -> None:
    assert failures(items("file:///etc/passwd", "ftp://example.org/x.txt")) == {
        "file:///etc/passwd": "file: URLs are not supported (only http:// and https://, files and folders)",
        "ftp://example.org/x.txt": "ftp: URLs are not supported (only http:// and https://, files and folders)",
    }


def test_malformed_json_message_reads_well(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text('{"id": "x", "text": "unterminated', encoding="utf-8")
    [reason] = failures(items(f)).values()
    assert reason == "malformed JSON: Unterminated string (line 1, column 21)"


# --- 14. dates and outlets from paths ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "published", "outlet"),
    [
        ("nyt_2016-02-01_slug.txt", "2016-02-01", "The New York Times"),
        ("2016/02/01/slug.txt", "2016-02-01", None),
        ("reuters/2016-02-01/slug.txt", "2016-02-01", "Reuters"),
        ("bbc/2016/02/01/slug.txt", "2016-02-01", "BBC"),
        ("articles/20160201-slug.txt", "2016-02-01", None),
        ("apnews.com/2016_02_01_story.txt", "2016-02-01", "Associated Press"),
        ("plain/slug-2016.txt", None, None),
        ("bad/2016-02-31_slug.txt", None, None),
        ("wash-post/2016-02-01/slug.txt", "2016-02-01", "The Washington Post"),  # issue 22: slugs of outlets
        ("huff-post_2016-02-01_slug.txt", "2016-02-01", "HuffPost"),
        ("usa-today/2016/02/01/slug.txt", "2016-02-01", "USA Today"),
        ("harbor-gazette/2016-02-01/slug.txt", "2016-02-01", "harbor-gazette"),  # unknown: as written
        ("business/2016-02-01/slug.txt", "2016-02-01", "business"),  # one word is no shortened 'Business Insider'
        ("asia/2016-02-01/slug.txt", "2016-02-01", "asia"),  # asia.nikkei.com: a host under a site names no outlet
    ],
)
def test_dates_and_outlets_from_paths(tmp_path: Path, relative: str, published: str | None, outlet: str | None) -> None:
    root = tmp_path / "corpus"
    f = root / relative
    f.parent.mkdir(parents=True)
    f.write_text(GOOD, encoding="utf-8")
    [a] = articles(items(root))
    assert (a.published, a.outlet) == (published, outlet)


def test_the_text_wins_over_the_path_and_the_run_over_both(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "nyt").mkdir(parents=True)
    (root / "nyt" / "2016-02-01_a.txt").write_text("October 28, 2025\n\n" + GOOD, encoding="utf-8")
    (root / "nyt" / "b.txt").write_text(OTHER, encoding="utf-8")
    found = {Path(a.source).name: (a.published, a.outlet) for a in articles(items(root))}
    assert found == {"2016-02-01_a.txt": ("2025-10-28", "The New York Times"), "b.txt": (None, None)}
    run = Options(outlet="Harbor Gazette", published="2020-01-02")
    found = {Path(a.source).name: (a.published, a.outlet) for a in articles(items(root, options=run))}
    assert found == {
        "2016-02-01_a.txt": ("2025-10-28", "Harbor Gazette"),
        "b.txt": ("2020-01-02", "Harbor Gazette"),
    }
    plain = Options(dates_from_paths=False)
    assert {a.published for a in articles(items(root / "nyt" / "2016-02-01_a.txt", options=plain))} == {"2025-10-28"}


# --- 12. similarity input ------------------------------------------------------------------------------


def test_similarity_validates_each_line(tmp_path: Path) -> None:
    pairs = tmp_path / "p.jsonl"
    lines = [
        json.dumps({"id": "ok", "text1": GOOD, "text2": GOOD}),
        json.dumps({"text1": 5, "text2": None}),
        "[1, 2]",
        "{bad",
        json.dumps({"id": "nolang", "text1": GOOD, "text2": OTHER, "lang1": 3}),
        json.dumps({"id": "missing", "text1": GOOD}),
        json.dumps({"id": "ok2", "text1": GOOD, "text2": OTHER}),
    ]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["similarity", str(pairs)])
    assert result.exit_code == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok", "ok2"]
    assert result.stderr.splitlines() == [
        "failed: line 2: 'text1' must be a non-empty string",
        "failed: line 3: expected a JSON object, got list",
        "failed: line 4: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        "failed: line 5: 'lang1' must be a language code such as 'en'",
        "failed: line 6: no 'text2'",
    ]


class FeedServer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/feed":
            body = (
                "<?xml version='1.0'?><rss version='2.0'><channel><title>Harbor Gazette</title>"
                f"<item><title>Hamburg port strike</title><link>{base}/big</link><description>Read more.</description></item>"
                "</channel></rss>"
            ).encode()
            ctype = "application/rss+xml"
        else:
            body, ctype = b"<html><body><p>" + b"x " * 3000 + b"</p></body></html>", "text/html"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_a_feed_entry_whose_page_cannot_be_had_says_why() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        found = items(f"{base}/feed", options=Options(max_bytes=2000))
    finally:
        httpd.shutdown()
    assert failures(found) == {
        f"{base}/feed#1": f"page {base}/big: response of 6,033 bytes is over the 2,000-byte cap; "
        "the feed's summary is too short to stand in"
    }


def test_an_unforeseen_failure_in_one_record_costs_that_record_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input has no file around its records to fail instead: each record is guarded."""
    real = documents.build_article

    def fragile(raw: str, **kwargs: Any) -> Article:
        if "BOOM" in raw:
            raise KeyError("a bug")
        return real(raw, **kwargs)

    monkeypatch.setattr(documents, "build_article", fragile)
    lines = [json.dumps({"id": "a", "text": "BOOM " + GOOD}), json.dumps({"id": "b", "text": GOOD})]
    found = list(sources.from_jsonl("<stdin>", lines, Options()))
    assert failures(found) == {"<stdin>:1": "unexpected error: KeyError: 'a bug'"}
    assert [a.id for a in articles(found)] == ["b"]


def test_review_findings_on_odd_values(tmp_path: Path) -> None:
    from newsgraph.ingest.cleaning import clean_text
    from newsgraph.ingest.counting import count_records
    from newsgraph.ingest.sources import unsupported_scheme

    assert parse_date("2016 " * 40000) is None  # no date, and no seconds spent in dateparser
    assert parse_date("0001-01-01") is None and parse_date("0999-05-05T00:00") is None
    assert clean_text("Hello &#x2028; world &#8203;x &#x202e;evil &#12; ok") == "Hello world x evil ok"
    assert unsupported_scheme("HTTP://example.org/feed") is None
    link = tmp_path / "zero.jsonl"
    link.symlink_to("/dev/zero")
    done: list[int | None] = []
    worker = threading.Thread(target=lambda: done.append(count_records([str(link)])), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert done == [1]  # a device is not read to count its records
