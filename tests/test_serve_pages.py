"""`newsgraph serve`'s web pages through httpx's ASGI transport, on SQLite and PostgreSQL: the story list with its
filters kept in the address, a story page (coverage, facts with evidence links, claims beside their denials), an
article with the evidence highlighted, a relation, the status; HTML error pages; every page's JSON twin; a hostile
article escaped on every page; the pages' security policy; `--watch` in the server, and `POST /api/v1/ingest` with a
token."""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.applications import Starlette

from conftest import BACKENDS
from newsgraph import Newsgraph
from newsgraph.cli import main
from newsgraph.models import Article
from newsgraph.serve import create_app
from newsgraph.serve.pages import pieces
from test_serve import _database, get, plan_articles

HOSTILE_TEXT = (
    'The Orlen mill in Dunmore closed on Sunday. <script>window.__ran = "script"</script> '
    '<img src="x" onerror="window.__ran = \'onerror\'"> <a href="javascript:window.__ran=1">click</a> '
    "Plant manager Rui Salo said nobody was hurt.\x1b[31m \u202eevil"
)
HOSTILE = Article(id="h1<script>", text=HOSTILE_TEXT, title='<script>alert("t")</script> Mill closes',
                  outlet='"><img src=x onerror=alert(1)>', published="2026-06-01", language="en",
                  url="javascript:alert(document.cookie)")  # fmt: skip
CSP_FORBIDS = ("unsafe-inline", "unsafe-eval", "*")


@pytest.fixture(scope="module", params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Starlette]]:
    with _database(request.param, tmp_path_factory.mktemp("pages")) as db:
        with Newsgraph(db) as ng:
            ng.ingest_articles([*plan_articles(), HOSTILE])
        app = create_app(db)
        yield db, app
        app.state.newsgraph.close()


def page(app: Starlette, url: str, status: int = 200) -> str:
    answer = get(app, url)
    assert answer.status_code == status, (url, answer.status_code, answer.text[:500])
    assert answer.headers["content-type"].startswith("text/html")
    return answer.text


def story_of(db: str, article_id: str) -> str:
    with Newsgraph(db, create=False) as ng:
        return next(st.id for st in ng.stories() if article_id in st.article_ids)


def test_the_list_shows_each_story_with_its_sources_span_and_conflicts(site: tuple[str, Starlette]) -> None:
    db, app = site
    text = page(app, "/")
    with Newsgraph(db, create=False) as ng:
        stories = ng.stories()
    for st in stories:
        assert f'href="/stories/{st.id}"' in text
    bridge = story_of(db, "r1")  # r2 reprints r1 (Coast Daily reprints River Times)
    row = text[text.index(f'href="/stories/{bridge}"') :].split("</tr>")[0]
    cells = [re.sub(r"<[^>]+>", "", "<td" + c).strip() for c in row.split("<td")[1:]]
    assert cells[:3] == ["2", "1", "1"], cells  # 2 articles, 1 independent source (River Times), 1 reprint
    assert "2026-01-09 – 2026-01-10" in html.unescape(row)
    assert '<link rel="alternate" type="application/json" href="/api/v1/stories">' in text


def test_filters_are_kept_in_the_address_and_in_the_form(site: tuple[str, Starlette]) -> None:
    db, app = site
    text = page(app, "/?lang=fr&since=&sort=recent")
    assert 'value="fr"' in text and story_of(db, "o1") in text
    assert story_of(db, "f1") not in text  # an English story is filtered out
    assert 'href="/api/v1/stories?lang=fr&amp;sort=recent"' in text  # its JSON twin, the empty filter left out
    one = page(app, "/?limit=1&sort=size")
    nxt = re.search(r'href="(/\?[^"]*cursor=[^"]+)" rel="next"', one)
    assert nxt, one
    second = page(app, html.unescape(nxt.group(1)))
    assert "first page" in second and "sort=size" in html.unescape(nxt.group(1))
    assert "lang:" in page(app, "/?lang=ENGLISH", 400)


def test_a_story_page_links_each_evidence_to_its_highlighted_sentence(site: tuple[str, Starlette]) -> None:
    db, app = site
    sid = story_of(db, "f1")
    text = page(app, f"/stories/{sid}")
    assert "Who covered it" in text and "Coast Daily" in text and "Harbour Herald" in text
    links = [html.unescape(u) for u in re.findall(r'href="(/articles/[^"]+\?hl=[^"]+)"', text)]
    assert links, "no evidence link"
    with Newsgraph(db, create=False) as ng:
        texts = {a.id: a.text for a in ng.articles()}
    for link in links[:10]:
        article_page = page(app, link)
        marked = re.search(r'<mark id="hl">(.*?)</mark>', article_page, re.S)
        assert marked, link
        aid = link.split("/articles/")[1].split("?")[0]
        hl = link.split("hl=")[1].split("#")[0]
        if re.fullmatch(r"\d+-\d+", hl):
            start, end = map(int, hl.split("-"))
            assert html.unescape(marked.group(1)) == texts[aid][start:end]
    assert f'href="/api/v1/stories/{sid}"' in text


def test_an_article_page_refuses_a_bad_highlight_and_notes_a_stale_one(site: tuple[str, Starlette]) -> None:
    _, app = site
    assert "hl:" in page(app, "/articles/f1?hl=evil", 400)
    text = page(app, "/articles/f1?hl=5000-6000")
    assert "<mark" not in text and "not in this article" in text
    assert "<mark id=\"hl\">" in page(app, "/articles/f1?hl=title")
    assert "No article" in page(app, "/articles/nope", 404)
    assert "There is no page here" in page(app, "/no/such/page", 404)


def test_a_hostile_article_is_text_on_every_page(site: tuple[str, Starlette]) -> None:
    db, app = site
    sid = story_of(db, HOSTILE.id)
    from urllib.parse import quote

    urls = ["/", f"/stories/{quote(sid)}", f"/articles/{quote(HOSTILE.id)}", f"/articles/{quote(HOSTILE.id)}?hl=title",
            f"/articles/{quote(HOSTILE.id)}?hl=0-40", "/status", "/?outlet=%22%3E%3Cscript%3E"]  # fmt: skip
    for url in urls:
        answer = get(app, url)
        assert answer.status_code in (200, 404), (url, answer.status_code)
        text = answer.text
        assert "<script" not in text.lower(), url
        assert not re.search(r"<[^>]+\son\w+\s*=", text), url  # no event handler attribute in any tag
        assert 'href="javascript:' not in text.lower(), url
        assert "\x1b" not in text and "\u202e" not in text, url
        policy = answer.headers["content-security-policy"]
        assert "script-src" not in policy and "default-src 'none'" in policy, policy
        assert not any(word in policy.split() or f"'{word}'" in policy for word in CSP_FORBIDS), policy
    article_page = get(app, f"/articles/{quote(HOSTILE.id)}").text
    assert "&lt;script&gt;window.__ran" in article_page  # shown as the text it is


def test_a_snippet_is_cut_at_its_highlights() -> None:
    # pieces of a snippet: highlighted spans out of range or overlapping are ignored, the rest is kept in order
    assert pieces("one two three", [[4, 7]]) == [("one ", False), ("two", True), (" three", False)]
    assert pieces("abc", [[1, 9], [0, 1]]) == [("a", True), ("bc", False)]
    assert pieces("abcdef", [[0, 3], [2, 4]]) == [("abc", True), ("def", False)]


def test_a_relation_page_and_the_status_page(site: tuple[str, Starlette]) -> None:
    db, app = site
    text = page(app, "/relations/NOR/SWE")
    assert "Norway" in text and "Sweden" in text and "criticized" in text  # the sentence behind the event
    assert 'src="/api/v1/relations?a=NOR&amp;b=SWE&amp;by=week&amp;format=svg"' in text
    assert "no actor" in page(app, "/relations/NOR/Atlantis", 404)
    status = page(app, "/status")
    assert re.search(r"\d+ articles, \d+ stories", status)
    style = get(app, "/static/style.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")


def test_pages_answer_304_to_a_client_that_has_them(site: tuple[str, Starlette]) -> None:
    _, app = site
    first = get(app, "/")
    again = get(app, "/", **{"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("backend", BACKENDS)
def test_ingest_needs_the_token_and_bounds_its_body(backend: str, tmp_path: Path) -> None:
    with _database(backend, tmp_path) as db:
        Newsgraph(db).close()
        assert get(create_app(db), "/api/v1/ingest", method="POST").status_code in (404, 405)  # no token: no route
        app = create_app(db, token="s3cret")
        line = {"id": "p1", "text": "The harbour of Kelso reopened on Monday after a storm closed it for two days, "
                "the port authority said.", "title": "Kelso harbour reopens", "outlet": "Kelso Times",
                "published": "2026-02-03"}  # fmt: skip
        body = (json.dumps(line) + "\n" + "{not json\n").encode()
        assert _post(app, body, "wrong").status_code == 401
        assert _post(app, body, None).status_code == 401
        answer = _post(app, body, "s3cret")
        assert answer.status_code == 200, answer.text
        report = answer.json()
        assert report["ingested"] == ["p1"] and len(report["failures"]) == 1
        assert get(app, "/api/v1/articles/p1").status_code == 200
        again = _post(app, body, "s3cret").json()
        assert again["ingested"] == [] and len(again["duplicates"]) == 1  # the same line again: stored once
        from newsgraph.serve.ingesting import MAX_BODY

        assert _post(app, b"x" * (MAX_BODY + 1), "s3cret").status_code == 413
        app.state.newsgraph.close()


def _post(app: Starlette, body: bytes, token: str | None) -> object:
    import asyncio

    import httpx

    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            async with app.router.lifespan_context(app):
                return await client.post("/api/v1/ingest", content=body, headers=headers)

    return asyncio.run(go())


@pytest.mark.slow
def test_serve_watch_ingests_a_folder_and_status_shows_the_rounds(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    Newsgraph(db).close()
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"id": "w1", "text": "Firefighters in Dunmore put out a fire at the "
                                                "Orlen paper mill on Sunday night, the city said.", "title": "Mill fire",
                                                "outlet": "Dunmore Echo", "published": "2026-05-05"}) + "\n")  # fmt: skip
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# the inbox\n{folder}\n")
    app = create_app(db, watch=str(sources), every=1.0)

    import asyncio

    import httpx

    async def go() -> tuple[dict[str, object], str]:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    status = (await client.get("/api/v1/status")).json()
                    if status["watcher"]["rounds"] and status["sources"]:
                        break
                    await asyncio.sleep(0.2)
                return status, (await client.get("/status")).text

    status, text = asyncio.run(go())
    assert status["watcher"]["rounds"][0]["new_articles"] == 1, status
    assert status["sources"][0]["new_articles"] == 1
    assert "This server's watch rounds" in text and str(folder) in text
    with Newsgraph(db, create=False) as ng:
        assert [a.id for a in ng.articles()] == ["w1"]
    app.state.newsgraph.close()


def test_serve_command_takes_watch_cors_and_token() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--watch", "--every", "--cors", "--token"):
        assert option in result.output


def test_cors_only_for_the_origins_given(site: tuple[str, Starlette]) -> None:
    db, app = site
    assert "access-control-allow-origin" not in get(app, "/api/v1/stories", Origin="https://a.example").headers
    allowed = create_app(db, cors=["https://a.example"])
    assert get(allowed, "/api/v1/stories", Origin="https://a.example").headers["access-control-allow-origin"] == (
        "https://a.example")  # fmt: skip
    assert "access-control-allow-origin" not in get(allowed, "/api/v1/stories", Origin="https://b.example").headers
    allowed.state.newsgraph.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_answers_are_kept_until_any_process_writes(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _database(backend, tmp_path) as db:
        with Newsgraph(db) as ng:
            ng.ingest_articles(plan_articles()[:2])
        app = create_app(db)
        sid = story_of(db, "f1")
        first = get(app, f"/api/v1/stories/{sid}")
        calls: list[str] = []
        real = app.state.newsgraph.brief
        monkeypatch.setattr(app.state.newsgraph, "brief", lambda s: calls.append(s) or real(s))
        again = get(app, f"/api/v1/stories/{sid}")
        assert again.text == first.text and calls == []  # kept: no read but the change count
        assert get(app, f"/api/v1/stories/{sid}", **{"If-None-Match": first.headers["etag"]}).status_code == 304
        with Newsgraph(db) as other:  # another writer: the count changes, the answer is made again
            other.ingest_articles(plan_articles()[2:3])
        assert get(app, f"/api/v1/stories/{sid}").status_code == 200 and calls == [sid]
        titles = [st["title"] for st in get(app, "/api/v1/stories").json()["stories"]]
        assert "Brantwood council approves school budget" in titles, titles  # the new story is listed at once
        app.state.newsgraph.close()


def test_actor_pages_and_the_api_page(site: tuple[str, Starlette]) -> None:
    _, app = site
    listed = page(app, "/actors?q=norw")
    assert 'href="/actors/NOR"' in listed and 'href="/actors/SWE"' not in listed
    assert 'href="/api/v1/actors?q=norw"' in listed
    norway = page(app, "/actors/NOR")
    assert 'href="/actors/SWE"' in norway and 'href="/relations/NOR/SWE"' in norway  # a partner, and the relation
    assert "criticized" in norway  # its latest event with its sentence
    assert "No actor" in page(app, "/actors/XX-nobody", 404)
    from newsgraph.serve.openapi import PATHS

    documented = page(app, "/api")
    for path, methods in PATHS.items():
        for method in methods:
            assert f"{method.upper()} {path}" in html.unescape(documented), path


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_article_id_with_a_slash_a_hash_and_a_question_mark(backend: str, tmp_path: Path) -> None:
    odd = Article(id="wire/2026?x#1", text=plan_articles()[0].text, title="Ferry aground", outlet="Coast Daily",
                  published="2026-03-03", language="en")  # fmt: skip
    with _database(backend, tmp_path) as db:
        with Newsgraph(db) as ng:
            ng.ingest_articles([odd])
        app = create_app(db)
        sid = story_of(db, odd.id)
        story = page(app, f"/stories/{sid}")
        link = 'href="/articles/wire%2F2026%3Fx%231"'
        assert link in story, re.findall(r'href="/articles/[^"]*"', story)[:3]
        assert "Ferry aground" in page(app, "/articles/wire%2F2026%3Fx%231")
        assert get(app, "/api/v1/articles/wire%2F2026%3Fx%231").json()["article"]["id"] == odd.id
        app.state.newsgraph.close()


def test_requests_for_one_answer_at_once_make_it_once(
    site: tuple[str, Starlette], monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    import httpx

    db, app = site
    sid = story_of(db, "b1")
    made: list[str] = []
    real = app.state.newsgraph.brief

    def slow(story_id: str) -> object:
        made.append(story_id)
        time.sleep(0.3)
        return real(story_id)

    monkeypatch.setattr(app.state.newsgraph, "brief", slow)

    async def go() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            return await asyncio.gather(*(client.get(f"/api/v1/stories/{sid}?") for _ in range(8)))

    answers = asyncio.run(go())
    assert {a.status_code for a in answers} == {200} and len({a.text for a in answers}) == 1
    assert made == [sid]  # the seven others waited for the first and were given its answer


def test_a_long_query_string_is_a_400_page(site: tuple[str, Starlette]) -> None:
    _, app = site
    assert "query string: at most 2048 bytes" in page(app, "/?q=" + "x" * 3000, 400)
