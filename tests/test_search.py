"""Full-text search over articles (`Newsgraph.search`, `GET /api/v1/search`, newsgraph.search) on SQLite and
PostgreSQL: words of titles and texts, diacritics, other languages, story ids, snippets and their highlights, hostile
queries, pages, articles stored after the app started, the migration from schema 11, and the time limit."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, insert, text
from starlette.applications import Starlette

from conftest import BACKENDS
from newsgraph import Newsgraph, search
from newsgraph.errors import OptionsError, SearchTimeout
from newsgraph.models import Article
from newsgraph.serve import create_app
from newsgraph.store import Store, database_url, schema, searching
from newsgraph.store.searching import CREATE_FTS
from test_serve import _database, get

ARTICLES = [  # (id, title, text, language): written for these tests
    ("en1", "Lighthouse keeper rescues stranded kayakers",
     "A lighthouse keeper on the island of Merrow pulled three kayakers from the cold water on Saturday after their "
     "boats overturned in a sudden squall. The keeper, Tobias Wren, said the sea had turned within minutes.", "en"),
    ("en2", "Kayak race cancelled after squall warning",
     "Organisers cancelled the Merrow kayak race on Sunday after forecasters warned of another squall. Tobias Wren, "
     "the lighthouse keeper who rescued three paddlers the day before, said the decision was wise.", "en"),
    ("en3", "Bakery wins regional bread prize",
     "A small bakery in Ostley won the regional bread prize on Monday for its rye loaf, beating forty entries. The "
     "baker said the secret was patience and a very old sourdough starter.", "en"),
    ("de1", "Neue Straßenbahn für Zürich",
     "Die Verkehrsbetriebe in Zürich haben am Dienstag eine neue Straßenbahnlinie eröffnet. Die Fahrgäste lobten die "
     "leisen Wagen und die kürzeren Wartezeiten.", "de"),
    ("fr1", "Le festival de théâtre s'ouvre à Avignon",
     "Le festival de théâtre a ouvert ses portes mercredi à Avignon, avec des pièces jouées dans la cour du palais. "
     "Les organisateurs attendent une fréquentation record cette année.", "fr"),
    ("ru1", "Новый мост в Казани",
     "В Казани в четверг открыли новый мост через реку. Мэр города сказал, что мост сократит время в пути.", "ru"),
]  # fmt: skip
LATE = Article(id="late", title="Beekeepers count their hives", language="en", published="2026-06-01",
               text="Beekeepers in the valley of Harl counted their hives on Friday and found that most colonies had "
                    "survived the long winter.")  # fmt: skip


def articles() -> list[Article]:
    return [
        Article(id=i, title=t, text=body, language=lang, outlet=f"Outlet {k % 3}", published=f"2026-05-0{k + 1}")
        for k, (i, t, body, lang) in enumerate(ARTICLES)
    ]


@pytest.fixture(scope="module", params=BACKENDS)
def searched(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Starlette]]:
    """A database holding ARTICLES, and the app over it."""
    with _database(request.param, tmp_path_factory.mktemp("search")) as db:
        with Newsgraph(db) as ng:
            assert len(ng.ingest_articles(articles()).ingested) == len(ARTICLES)
        app = create_app(db)
        yield db, app
        app.state.newsgraph.close()


def hits(app: Starlette, q: str, **params: Any) -> list[dict[str, Any]]:
    answer = _search(app, q, **params)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["hits"])


def _search(app: Starlette, q: str, **params: Any) -> httpx.Response:
    query = httpx.QueryParams({"q": q, **params})
    return get(app, f"/api/v1/search?{query}")


def ids(app: Starlette, q: str, **params: Any) -> list[str]:
    return [h["article_id"] for h in hits(app, q, **params)]


def backend(db: str) -> str:
    return "postgresql" if "://" in db else "sqlite"


def test_words_of_the_title_and_of_the_text_are_found(searched: tuple[str, Starlette]) -> None:
    _, app = searched
    assert ids(app, "bakery") == ["en3"]  # title and text
    assert ids(app, "sourdough") == ["en3"]  # only in the text
    assert ids(app, "cancelled race") == ["en2"]  # every word, in any order, title or text
    assert set(ids(app, "MERROW")) == {"en1", "en2"}  # any case
    assert ids(app, "lighthouse bakery") == []  # words are ANDed
    assert ids(app, '"keeper rescues"') == ["en1"] and ids(app, '"rescues keeper"') == []  # a phrase in its order


def test_a_word_in_the_title_counts_more(searched: tuple[str, Starlette]) -> None:
    _, app = searched
    found = hits(app, "squall")  # en2's title and text, en1's text only
    assert [h["article_id"] for h in found] == ["en2", "en1"] and found[0]["score"] > found[1]["score"]


def test_diacritics_and_other_languages(searched: tuple[str, Starlette]) -> None:
    db, app = searched
    assert ids(app, "zürich") == ["de1"] and ids(app, "Straßenbahn") == ["de1"]
    assert ids(app, "théâtre avignon") == ["fr1"]
    assert ids(app, "мост") == ["ru1"] and ids(app, "Казани") == ["ru1"]
    if backend(db) == "sqlite":  # unicode61 with remove_diacritics; PostgreSQL's 'simple' keeps them (docs/serve.md)
        assert ids(app, "zurich") == ["de1"] and ids(app, "theatre") == ["fr1"] and ids(app, "FAHRGASTE") == ["de1"]


def test_each_hit_carries_its_article_and_story(searched: tuple[str, Starlette]) -> None:
    db, app = searched
    with Newsgraph(db, create=False) as ng:
        story_of = {aid: st.id for st in ng.stories() for aid in st.article_ids}
        stored = {a.id: a for a in ng.articles()}
    found = hits(app, "keeper")
    assert {h["article_id"] for h in found} == {"en1", "en2"}
    for h in found:
        a = stored[h["article_id"]]
        assert h["story_id"] == story_of[a.id] and h["story_id"]
        assert (h["title"], h["outlet"], h["published"], h["language"]) == (a.title, a.outlet, a.published, a.language)
        assert isinstance(h["score"], float)


@pytest.mark.parametrize("q", ["keeper squall", '"lighthouse keeper" wren', "zurich", "мост", "bread rye"])
def test_the_highlights_are_the_query_words_in_the_snippet(searched: tuple[str, Starlette], q: str) -> None:
    db, app = searched
    wanted = {search.fold(m.group()) for m in search.words(q)}
    with Newsgraph(db, create=False) as ng:
        texts = {a.id: " ".join(a.text.split()) for a in ng.articles()}
    found = hits(app, q)
    if backend(db) == "postgresql" and q == "zurich":
        return  # diacritics matter there
    assert found
    for h in found:
        snippet, spans = h["snippet"], h["highlights"]
        assert snippet.removeprefix("… ").removesuffix(" …") in texts[h["article_id"]]  # plain text, the article's
        assert len(snippet.split()) <= search.SNIPPET_WORDS + 2 and "<" not in snippet
        assert spans and all(0 <= s < e <= len(snippet) for s, e in spans) and spans == sorted(spans)
        assert {search.fold(snippet[s:e]) for s, e in spans} <= wanted
        for s, e in spans:  # whole words
            assert (s == 0 or not snippet[s - 1].isalnum()) and (e == len(snippet) or not snippet[e].isalnum())


def test_a_snippet_is_cut_around_the_matches() -> None:
    body = " ".join(f"w{i}" for i in range(200)) + " harbour pilot " + " ".join(f"v{i}" for i in range(200))
    shown, spans = search.snippet(body, search.parse("pilot harbour"))
    assert shown.startswith("… ") and shown.endswith(" …") and len(shown.split()) == search.SNIPPET_WORDS + 2
    assert [shown[s:e] for s, e in spans] == ["harbour", "pilot"]
    shown, spans = search.snippet("Nothing here matches.", search.parse("pilot"))
    assert (shown, spans) == ("Nothing here matches.", [])


HOSTILE = [
    '"', '""', '"unclosed phrase', "keeper*", "*", "NEAR(keeper wren)", "keeper AND OR squall", "AND", "OR NOT",
    "-keeper", "title:keeper", "keeper:", "(keeper", ")", "^keeper", "keeper + squall", "{title}: keeper", "'; DROP",
    "\\", "%", "_", "日本語", "🙂", "ﬁ", "\u0301", "\x00", "a" * 200, "keeper " * 28, " ".join("abcdefghijklmnopq"),
]  # fmt: skip


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_are_answered_or_refused_never_a_500(searched: tuple[str, Starlette], q: str) -> None:
    _, app = searched
    answer = _search(app, q)
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 400:
        assert answer.json()["error"]["code"] == "bad_parameter" and answer.json()["error"]["message"].startswith("q")


def test_the_bounds_of_the_parameters(searched: tuple[str, Starlette]) -> None:
    _, app = searched
    for url, says in [
        ("/api/v1/search", "q: required"),
        ("/api/v1/search?q=", "q: required"),
        ("/api/v1/search?q=%20%20", "q: required"),
        ("/api/v1/search?q=" + "a" * 201, "q: at most 200 characters"),
        ("/api/v1/search?q=" + "a" * 10_000, "query string: at most"),
        ("/api/v1/search?q=*", "q: give at least one word"),
        ("/api/v1/search?q=" + "+".join("abcdefghijklmnopq"), "q: at most 16 words"),
        ("/api/v1/search?q=keeper&limit=0", "limit:"),
        ("/api/v1/search?q=keeper&limit=101", "limit:"),
        ("/api/v1/search?q=keeper&limit=x", "limit:"),
        ("/api/v1/search?q=keeper&cursor=abc", "cursor:"),
        ("/api/v1/search?q=keeper&sort=new", "sort: unknown parameter"),
        ("/api/v1/search?q=keeper&q=wren", "q: given more than once"),
    ]:
        answer = get(app, url)
        assert answer.status_code == 400, url
        assert answer.json()["error"]["message"].startswith(says), (url, answer.text)
    other = get(app, "/api/v1/search?q=keeper&limit=1").json()["next"]
    answer = get(app, f"/api/v1/search?q=squall&cursor={other}")  # a cursor of another query
    assert answer.status_code == 400 and answer.json()["error"]["message"].startswith("cursor:")


def test_fts5_gets_a_valid_query_from_any_input() -> None:
    """Random strings of FTS5's syntax characters and words: each is a valid MATCH query once parsed, or refused."""
    conn = sqlite3.connect(":memory:")
    conn.execute(CREATE_FTS)
    conn.execute("INSERT INTO article_search VALUES ('a', 'near and or not', 'keeper \"wren\" * ( ) : ^ -')")
    pieces = ['"', "*", "(", ")", ":", "^", "-", "+", "NEAR", "AND", "OR", "NOT", "keeper", "wren", " ", "{", "}",
              "'", ",", ".", "é", "ß", "日本", "\u0301", "0", "title", "_"]  # fmt: skip
    rng = random.Random(25)
    refused = 0
    for _ in range(2000):
        q = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        try:
            match = search.parse(q).fts5()
        except OptionsError:
            refused += 1
            continue
        conn.execute("SELECT article_id FROM article_search WHERE article_search MATCH ?", (match,)).fetchall()
    assert 0 < refused < 1000


def test_walking_the_pages_gives_every_hit_once(searched: tuple[str, Starlette]) -> None:
    _, app = searched
    everything = ids(app, "the", limit="100")
    assert len(everything) == 3
    seen, url = [], "/api/v1/search?q=the&limit=1"
    while url:
        answer = get(app, url)
        body = answer.json()
        assert answer.status_code == 200 and len(body["hits"]) == 1 and body["query"] == "the"
        seen += [h["article_id"] for h in body["hits"]]
        if body["next"] is None:
            assert "link" not in answer.headers
            break
        link = answer.headers["link"]
        url = link[1 : link.index(">")]
        assert url.startswith("/api/v1/search?") and "limit=1" in url
    assert seen == everything and len(set(seen)) == len(seen)


def test_a_read_has_validators(searched: tuple[str, Starlette]) -> None:
    _, app = searched
    answer = get(app, "/api/v1/search?q=keeper")
    assert answer.headers["cache-control"] == "no-cache" and answer.headers["etag"]
    assert get(app, "/api/v1/search?q=keeper", **{"If-None-Match": answer.headers["etag"]}).status_code == 304


def test_an_article_stored_after_the_app_started_is_found(searched: tuple[str, Starlette]) -> None:
    db, app = searched
    assert ids(app, "beekeepers") == []
    with Newsgraph(db) as ng:  # another process's writer, in effect
        assert ng.ingest_articles([LATE]).ingested == ["late"]
    assert ids(app, "beekeepers hives") == ["late"]


def schema_11_database(url: str) -> None:
    """A schema-11 database (today's tables, no search index) holding two articles."""
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        schema.metadata.create_all(conn)
        conn.execute(insert(schema.schema_version).values(version=11))
        for aid, title, body, _ in ARTICLES[:2]:
            conn.execute(
                insert(schema.articles).values(id=aid, content_hash=aid, credited=[], text=body, title=title,
                                               source="x", ingested_at="2026-01-01")  # fmt: skip
            )
    engine.dispose()


def test_schema_11_is_upgraded_and_its_articles_indexed(db_url: str) -> None:
    schema_11_database(db_url)
    with Newsgraph(db_url) as ng:
        assert ng._store.upgraded_from == 11
        assert {h.article_id for h in ng.search("keeper").hits} == {"en1", "en2"}
        assert [h.article_id for h in ng.search("cancelled").hits] == ["en2"]
        assert ng.ingest_articles([LATE]).ingested == ["late"]
        assert [h.article_id for h in ng.search("hives").hits] == ["late"]
    engine = create_engine(database_url(db_url))
    with engine.connect() as conn:
        if backend(db_url) == "postgresql":
            found = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_articles_search'")).all()
            assert len(found) == 1 and "gin (search_document)" in found[0][0]
            query = "SELECT count(*) FROM articles WHERE search_document IS NOT NULL AND length(search_document) > 0"
            assert conn.execute(text(query)).scalar() == 3  # the stored articles computed by the migration
        else:
            assert conn.execute(text("SELECT count(*) FROM article_search")).scalar() == 3
    engine.dispose()


def bulk_database(url: str, n: int) -> None:
    """A database of `n` articles (stored directly: no analysis) whose texts all share the word 'common'."""
    rng = random.Random(7)
    vocabulary = [f"word{i}" for i in range(500)]
    store = Store(url)
    rows = []
    for i in range(n):
        body = "common " + " ".join(rng.choice(vocabulary) for _ in range(150))
        rows.append({"id": f"b{i}", "content_hash": f"h{i}", "credited": [], "text": body, "title": f"Bulk {i}",
                     "source": "x", "ingested_at": "2026-01-01", "published": f"2026-01-{i % 28 + 1:02d}"})  # fmt: skip
    with store.writing() as writer:
        writer.conn.execute(insert(schema.articles), rows)
        searching.index(writer.conn, [(r["id"], r["title"], r["text"]) for r in rows])
    store.close()


def test_a_search_past_its_time_limit_is_stopped(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    bulk_database(db_url, 3000)
    with Newsgraph(db_url) as ng:
        assert len(ng.search("common", limit=100).hits) == 100  # in time
        monkeypatch.setattr(search, "SEARCH_SECONDS", 0.001)
        with pytest.raises(SearchTimeout):
            ng.search("common")
        assert len(ng.articles()) == 3000  # the connection reads on: its progress handler was removed
        monkeypatch.setattr(search, "SEARCH_SECONDS", 5.0)
        assert len(ng.search("common word1").hits) > 0
    app = create_app(db_url)
    try:
        monkeypatch.setattr(search, "SEARCH_SECONDS", 0.001)
        answer = get(app, "/api/v1/search?q=common")
        assert answer.status_code == 503 and answer.json()["error"]["code"] == "unavailable"
        assert "took too long" in answer.json()["error"]["message"]
        monkeypatch.setattr(search, "SEARCH_SECONDS", 5.0)
        assert get(app, "/api/v1/search?q=common&limit=1").status_code == 200
    finally:
        app.state.newsgraph.close()


def test_the_api_refuses_bad_arguments(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        assert ng.search("anything").hits == [] and ng.search("anything").next is None
        for bad in ({"limit": 0}, {"limit": 101}, {"limit": True}, {"cursor": "x"}):
            with pytest.raises(OptionsError):
                ng.search("keeper", **bad)
        with pytest.raises(OptionsError, match="at most 200"):
            ng.search("a" * 201)
