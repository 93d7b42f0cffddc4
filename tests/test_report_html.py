"""The static HTML report: every page opens from disk with no script, escapes article text, and shows the seed
story's corroborated quote and single-source denial (read by an HTML parser here; in headless Chromium in
tests/test_report_browser.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import Article, Newsgraph
from newsgraph.cli import main

HOSTILE = (
    'Lithuania expelled two Russian diplomats on Monday. <script>alert("x")</script> '
    '<img src=x onerror="alert(1)"> Russia condemned the decision, calling it "hostile".'
)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def test_article_text_is_escaped_and_pages_run_no_script(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "news.db") as ng:
        ng.ingest_articles([Article(id="x1", text=HOSTILE, title="<b onmouseover=alert(2)>Expulsions</b>",
                                    outlet="Lodestar News", published="2025-11-03", language="en")])  # fmt: skip
        files = ng.report(tmp_path / "report")
    pages = [f for f in files if f.suffix == ".html"]
    assert pages and (tmp_path / "report" / "index.html") in pages
    for page in pages:
        tags = parsed(page)
        assert not [t for t, _ in tags.tags if t in ("script", "iframe", "object", "embed")], page
        assert not [a for _, attrs in tags.tags for a in attrs if a.startswith("on")], page
        csp = [attrs for t, attrs in tags.tags if t == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'none'" in (csp[0]["content"] or ""), page
        assert not [attrs for t, attrs in tags.tags if t == "img" and not str(attrs.get("src", "")).endswith(".svg")]
    story = next(p for p in pages if p.name.startswith("story-"))
    text = "".join(parsed(story).text)
    assert '<script>alert("x")</script>' in text and 'onerror="alert(1)"' in text  # shown as text, not markup


def test_the_seed_report_shows_the_corroborated_quote_and_the_denial(tmp_path: Path) -> None:
    from conftest import shared_path

    db = str(tmp_path / "news.db")
    with Newsgraph(db) as ng:
        ng.ingest([str(shared_path("samples", "seeds"))])
    result = CliRunner().invoke(main, ["report", "--db", db, "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    story = next((tmp_path / "r").glob("story-*.html"))
    html = story.read_text(encoding="utf-8")
    assert "qualitatively new" in html and 'class="fact corroborated"' in html
    assert "Washington had no proof" in html and 'class="fact conflicting"' in html
    assert (tmp_path / "r" / "pair-PRK-RUS.svg").exists() and (tmp_path / "r" / "pair-PRK-RUS.html").exists()


def test_pages_are_replaced_whole_or_left_as_they_were(tmp_path: Path) -> None:
    from newsgraph.report.html import write

    assert write(tmp_path, [("index.html", "<p>first</p>"), ("a.html", "<p>a</p>")]) == [
        tmp_path / "index.html",
        tmp_path / "a.html",
    ]
    assert write(tmp_path, [("index.html", "<p>second</p>")]) == [tmp_path / "index.html"]
    with pytest.raises(UnicodeEncodeError):
        write(tmp_path, [("a.html", "<p>\ud800</p>")])  # a lone surrogate cannot be written as UTF-8
    with pytest.raises(UnicodeEncodeError):  # all or none: the index that came first is not replaced either
        write(tmp_path, [("index.html", "<p>third</p>"), ("b.html", "<p>b</p>"), ("a.html", "<p>\ud800</p>")])
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>second</p>"
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "<p>a</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "index.html"]


def test_the_pair_page_shows_each_event_s_sentence_and_the_index_keeps_dates_on_one_line() -> None:
    from newsgraph.models import Relation, RelationEvent
    from newsgraph.report.html import pair_page

    said = 'Ministers met in <b onmouseover="x()">Geneva</b> on Monday.'
    event = RelationEvent("e1", "a1", "Lodestar News", "2024-01-01", "CONSULT", 1, 1.0, "asserted", "Russia", "RUS",
                          "Ukraine", "UKR", None, said)  # fmt: skip
    page = pair_page(Relation("RUS", "UKR", "Russia", "Ukraine", "week", [], [event]), None)
    assert "Ministers met in &lt;b onmouseover=&quot;x()&quot;&gt;Geneva&lt;/b&gt; on Monday." in page
    assert "<th>the sentence</th>" in page and "<b " not in page
    assert "td.date,th.date{white-space:nowrap}" in page
