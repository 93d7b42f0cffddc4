"""Each input format, read through the same path the CLI uses."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsgraph import Article, Failure, Options, read_sources
from newsgraph.ingest.sources import Skipped

BODY = (
    "Workers at the port of Hamburg walked out on Tuesday, halting container handling for "
    "48 hours. The union said talks with employers had failed after four rounds."
)

PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>Hamburg port strike begins | The Guardian</title>
<meta property="og:site_name" content="The Guardian">
<meta property="article:published_time" content="2025-10-28T08:00:00Z">
<meta name="author" content="Hannah Birkett">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Hamburg port strike begins</h1><p>{BODY}</p>
<p>Ships queued in the Elbe estuary as cranes stood idle, port data showed on Tuesday evening.</p></article>
<footer>Sign up for our newsletter. Copyright 2025.</footer></body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbor Gazette</title><link>https://harbor-gazette.example/</link><description>news</description>
<item><title>Hamburg port strike begins</title><link>https://harbor-gazette.example/a1</link>
<pubDate>Tue, 28 Oct 2025 09:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>{BODY}</p><p>Second paragraph of the story, long enough to count.</p>]]></content:encoded></item>
<item><title>Rhine water falls</title><link>https://harbor-gazette.example/a2</link>
<pubDate>Thu, 30 Oct 2025 09:00:00 +0000</pubDate>
<description>&lt;p&gt;Barges on the Rhine sailed half-empty on Thursday as the gauge at Kaub fell below one metre.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:x</id><updated>2025-10-28T09:00:00Z</updated>
<entry><title>Hamburg port strike begins</title><id>urn:1</id><link href="https://www.dw.com/en/strike/a-1"/>
<updated>2025-10-28T09:00:00Z</updated><author><name>Tobias Kramer</name></author>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


def articles(items: list) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_text_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"Hamburg port strike begins\n\nBy Jane Doe\n\nOctober 28, 2025\n\n{BODY}\n", encoding="utf-8")
    [a] = articles(list(read_sources([f])))
    assert (a.title, a.published, a.credited, a.language) == (
        "Hamburg port strike begins",
        "2025-10-28",
        ["Jane Doe"],
        "en",
    )
    assert a.text == BODY


def test_markdown_file(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(f"# Hamburg port strike begins\n\n**By [Reuters](#)**\n\n{BODY}\n", encoding="utf-8")
    [a] = articles(list(read_sources([f])))
    assert a.title == "Hamburg port strike begins" and a.credited == ["Reuters"] and a.text == BODY


def test_html_page(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    [a] = articles(list(read_sources([f])))
    assert a.title == "Hamburg port strike begins"
    assert a.outlet == "The Guardian"
    assert a.published == "2025-10-28"
    assert a.credited == ["Hannah Birkett"]
    assert BODY in a.text and "Ships queued" in a.text
    assert "newsletter" not in a.text and "Home" not in a.text and not a.text.startswith("Hamburg port strike begins")


def test_json_record_and_list(tmp_path: Path) -> None:
    record = {
        "id": "r1",
        "text": BODY,
        "title": "T1",
        "url": "https://www.reuters.com/x",
        "published": "2025-10-28T10:00:00Z",
        "language": "en",
    }
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "many.json").write_text(
        json.dumps([{**record, "id": "r2", "html": PAGE, "text": None, "url": None}]), encoding="utf-8"
    )
    found = {a.id: a for a in articles(list(read_sources([tmp_path / "one.json", tmp_path / "many.json"])))}
    assert found["r1"].outlet == "Reuters" and found["r1"].published == "2025-10-28" and found["r1"].title == "T1"
    assert found["r2"].outlet == "The Guardian" and found["r2"].title == "T1"


def test_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "a", "text": BODY, "outlet": "Euronews"}),
        "{not json",
        "",
        json.dumps({"id": "b", "text": BODY + " More."}),
        json.dumps({"id": "c"}),
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_sources([f]))
    assert [a.id for a in articles(items)] == ["a", "b"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [x.source for x in failures] == [f"{f}:2", f"{f}:5"]
    assert "malformed JSON" in failures[0].reason and "neither" in failures[1].reason


def test_rss_and_atom(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    found = articles(list(read_sources([tmp_path / "feed.rss", tmp_path / "feed.atom"])))
    assert [a.title for a in found] == ["Hamburg port strike begins", "Rhine water falls", "Hamburg port strike begins"]
    assert found[0].outlet == "Harbor Gazette" and found[0].published == "2025-10-28"
    assert found[0].url == "https://harbor-gazette.example/a1"
    assert found[0].text.split("\n\n")[0] == BODY
    assert found[2].outlet == "DW" and found[2].credited == ["Tobias Kramer"]
    assert found[0].source.endswith("feed.rss#1")


def test_folder_is_walked_recursively_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(f"Title one\n\n{BODY}", encoding="utf-8")
    (tmp_path / "b.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    items = list(read_sources([tmp_path]))
    assert len(articles(items)) == 2
    assert [i.source for i in items if isinstance(i, Skipped)] == [str(tmp_path / "image.png")]


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page").write_text(PAGE, encoding="utf-8")
    [a] = articles(list(read_sources([tmp_path / "page"])))
    assert a.outlet == "The Guardian"


def test_html_in_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Tuesday evening", "Tuesday évening")
    (tmp_path / "latin.html").write_bytes(page.encode("latin-1"))
    [a] = articles(list(read_sources([tmp_path / "latin.html"])))
    assert "évening" in a.text


# --- URLs, against a server on 127.0.0.1 only -------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"missing"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    short_feed = (
        RSS.replace("https://harbor-gazette.example/a1", f"{base}/article")
        .replace("<content:encoded>", "<description>Short teaser.</description><!--")
        .replace("</content:encoded>", "-->")
    )
    Handler.routes = {
        "/article": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/feed": (200, "application/rss+xml", short_feed.encode()),
        "/big": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
        "/slow": (200, "text/html", PAGE.encode()),
        "/binary": (200, "application/octet-stream", b"\x00\x01\x02" * 100),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


def test_url_page(server: str) -> None:
    [a] = articles(list(read_sources([f"{server}/article"])))
    assert a.outlet == "The Guardian" and a.url == f"{server}/article" and BODY in a.text


def test_url_feed_fetches_pages_of_short_entries(server: str) -> None:
    found = articles(list(read_sources([f"{server}/feed"])))
    assert len(found) == 2
    assert "Ships queued" in found[0].text  # the page, not the teaser
    assert found[0].title == "Hamburg port strike begins" and found[0].published == "2025-10-28"
    assert "Kaub" in found[1].text  # its link is not fetchable: the summary is kept


def test_url_failures(server: str) -> None:
    options = Options(max_bytes=2000, http_timeout=0.5, max_redirects=3)
    sources = [
        f"{server}/missing",
        f"{server}/loop",
        f"{server}/big",
        f"{server}/slow",
        f"{server}/binary",
        f"{server}/article",
    ]
    items = list(read_sources(sources, options))
    reasons = {i.source.rsplit("/", 1)[1]: i.reason for i in items if isinstance(i, Failure)}
    assert reasons["missing"].startswith("HTTP 404")
    assert "redirects" in reasons["loop"]
    assert "cap" in reasons["big"]
    assert "timed out" in reasons["slow"]
    assert "binary" in reasons["binary"]
    assert "article" not in reasons


def test_page_address_on_the_first_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"https://www.npr.org/2025/10/28/strike\n\nHamburg port strike begins\n\n{BODY}\n", encoding="utf-8")
    [a] = articles(list(read_sources([f])))
    assert (a.url, a.outlet, a.title, a.text) == (
        "https://www.npr.org/2025/10/28/strike",
        "NPR",
        "Hamburg port strike begins",
        BODY,
    )


def test_date_line_above_the_headline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"Friday, June 7, 2013\n\nHamburg port strike begins\n\n{BODY}\n", encoding="utf-8")
    [a] = articles(list(read_sources([f])))
    assert (a.published, a.title, a.text) == ("2013-06-07", "Hamburg port strike begins", BODY)


def test_jsonl_streams_plain_or_gzipped_with_a_cap_per_line_not_per_file(tmp_path: Path) -> None:
    import gzip as gz

    body = "Rescuers in Lima, Peru, searched collapsed buildings on Tuesday after the earthquake struck the coast."
    lines = [json.dumps({"id": f"r{i}", "text": f"{body} Report {i}."}) for i in range(300)]
    plain = tmp_path / "big.jsonl"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    packed = tmp_path / "big.jsonl.gz"
    with gz.open(packed, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines[:10] + ["x" * 5000] + lines[10:20]) + "\n")
    options = Options(max_bytes=4096)  # each file is larger than this; each good line is not
    items = list(read_sources([plain, packed], options))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) == 320 and articles[-1].id == "r19"
    assert [(f.source, f.reason) for f in failures] == [(f"{packed}:11", "line over the 4,096-byte cap")]

    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gz.compress(("\n".join(lines[:50]) + "\n").encode())[:-40])  # truncated stream
    items = list(read_sources([cut], Options()))
    kept = [i for i in items if isinstance(i, Article)]
    (failure,) = [i for i in items if isinstance(i, Failure)]
    assert 0 < len(kept) < 50 and failure.source == str(cut) and failure.reason.startswith("cannot read further")


def test_a_folder_s_gzipped_jsonl_is_read_not_skipped(tmp_path: Path) -> None:
    import gzip as gz

    record = {"id": "z1", "text": "The port of Velmora reopened on Tuesday after a strike by dock workers ended."}
    with gz.open(tmp_path / "day.ndjson.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    (tmp_path / "notes.tar.gz").write_bytes(b"\x1f\x8b")
    items = list(read_sources([tmp_path], Options()))
    assert [i.id for i in items if isinstance(i, Article)] == ["z1"]
    assert [i.source for i in items if isinstance(i, Skipped)] == [str(tmp_path / "notes.tar.gz")]


def test_streamed_jsonl_in_utf16_empty_or_binary(tmp_path: Path) -> None:
    import gzip as gz

    record = json.dumps({"id": "u1", "text": "Schools in Ercis will remain closed until Friday, officials said."})
    (tmp_path / "a.jsonl.gz").write_bytes(gz.compress(("\n" + record + "\n").encode("utf-16")))
    (tmp_path / "b.jsonl").write_bytes(b"")
    (tmp_path / "c.jsonl").write_bytes(b"\x00\x01\x02" * 100)
    items = list(read_sources([tmp_path], Options()))
    assert [i.id for i in items if isinstance(i, Article)] == ["u1"]
    assert [(Path(i.source).name, i.reason) for i in items if isinstance(i, Failure)] == [
        ("b.jsonl", "empty file"),
        ("c.jsonl", "binary file, not text"),
    ]


def test_zstd_jsonl_streams_like_gzip(tmp_path: Path) -> None:
    import zstandard

    body = "Flooding closed the coastal road near Velmora on Monday, the regional transport office said."
    lines = [json.dumps({"id": f"z{i}", "text": f"{body} Update {i}."}) for i in range(40)]
    data = ("\n".join(lines[:5] + ["y" * 5000] + lines[5:]) + "\n").encode()
    packed = tmp_path / "day.jsonl.zst"
    packed.write_bytes(zstandard.ZstdCompressor().compress(data[:2000]) + zstandard.ZstdCompressor().compress(data[2000:]))
    cut = tmp_path / "cut.ndjson.zst"
    cut.write_bytes(zstandard.ZstdCompressor().compress(data[:3000]) + zstandard.ZstdCompressor().compress(data[3000:])[:-9])
    (tmp_path / "junk.jsonl.zst").write_bytes(b"not zstd at all, only text")
    items = list(read_sources([tmp_path], Options(max_bytes=4096)))
    by_file: dict[str, list[str]] = {}
    for i in items:
        if isinstance(i, Article):
            by_file.setdefault(Path(i.source.rsplit(":", 1)[0]).name, []).append(i.id)
    assert by_file["day.jsonl.zst"] == [f"z{i}" for i in range(40)]  # two frames, read across
    assert 0 < len(by_file.get("cut.ndjson.zst", [])) < 40
    failures = {(Path(f.source).name, f.reason.split(":")[0]) for f in items if isinstance(f, Failure)}
    assert failures == {
        ("day.jsonl.zst:6", "line over the 4,096-byte cap"),
        ("cut.ndjson.zst", "cannot read further"),
        ("junk.jsonl.zst", "cannot read further"),
    }


def test_parquet_rows_are_records_read_in_batches(tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsgraph.ingest import parquet

    n = parquet.PARQUET_BATCH * 2 + 7
    body = "Dock workers in Velmora ended their strike on Tuesday after the port authority raised wages by 4 percent."
    table = pa.table(
        {
            "id": [f"p{i}" for i in range(n)],
            "text": [None if i == 3 else f"{body} Shift {i}." for i in range(n)],
            "title": [f"Strike ends, shift {i}" for i in range(n)],
            "published": [dt.datetime(2024, 5, 7, 9, 30, tzinfo=dt.UTC)] * n,
            "outlet": ["Lodestar News"] * n,
            "authors": [["Ana Ruiz", "Tom Vale"]] * n,
            "views": list(range(n)),  # not a record's field: not read
        }
    )
    path = tmp_path / "dump.parquet"
    pq.write_table(table, path, row_group_size=100)
    items = list(read_sources([path], Options()))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == n - 1 and articles[0].id == "p0" and articles[-1].id == f"p{n - 1}"
    first = articles[0]
    assert (first.published, first.outlet, first.title, first.source) == (
        "2024-05-07",
        "Lodestar News",
        "Strike ends, shift 0",
        f"{path}:1",
    )
    assert first.credited == ["Ana Ruiz", "Tom Vale"]
    assert [(f.source, f.reason) for f in items if isinstance(f, Failure)] == [
        (f"{path}:4", "record has neither 'text' nor 'html'")
    ]


def test_parquet_that_cannot_be_read_is_one_failure(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"headline": ["a"], "body": ["b"]}), tmp_path / "other.parquet")
    (tmp_path / "fake.parquet").write_bytes(b"PAR1 this is not parquet")
    good = tmp_path / "good.parquet"
    pq.write_table(pa.table({"text": ["A ferry ran aground off Velmora on Sunday; all 40 passengers were rescued."]}), good)
    pq.write_table(pa.table({"text": ["x" * 5000, "A short and good record about the Velmora ferry."]}), tmp_path / "big.parquet")
    items = list(read_sources([tmp_path], Options(max_bytes=4096)))
    assert [i.source for i in items if isinstance(i, Article)] == [f"{tmp_path / 'big.parquet'}:2", f"{good}:1"]
    reasons = {Path(f.source).name: f.reason for f in items if isinstance(f, Failure)}
    assert reasons["other.parquet"] == "Parquet file has neither a 'text' nor an 'html' column"
    assert reasons["fake.parquet"].startswith("not a readable Parquet file")
    assert reasons["big.parquet:1"] == "row over the 4,096-byte cap"
    assert len(reasons) == 3
