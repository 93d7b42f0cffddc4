"""`newsgraph serve`'s HTTP API (docs/serve.md), through httpx's ASGI transport (no socket), on SQLite and
PostgreSQL: the story list with each filter and its keyset pages, a story's brief (the JSON of `show --json`), an
article, the watcher's status, errors as JSON, validators, security headers, and what another process stores
appearing on the next request."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from starlette.applications import Starlette
from starlette.routing import Route

from conftest import BACKENDS, postgres_database
from newsgraph import Newsgraph
from newsgraph.cli import main, serve_command
from newsgraph.errors import DatabaseError
from newsgraph.models import Article
from newsgraph.serve import DEFAULT_HOST, bind_warning, create_app
from newsgraph.serve.responses import CSP

TOPICS = {
    "ferry": "The harbour ferry Marlin ran aground near Kelso Point on Tuesday morning after its engine failed, and "
    "the coast guard took all 140 passengers ashore. Captain Ida Rask said the crew had warned of engine trouble.",
    "ferry2": "All 140 passengers of the harbour ferry Marlin were taken ashore by the coast guard on Tuesday when "
    "the ferry ran aground near Kelso Point. Its engine had failed, said Captain Ida Rask, whose crew had reported "
    "trouble with the engine before.",
    "budget": "The city council of Brantwood approved a budget of 42 million dollars for new schools on Monday, after "
    "a debate that lasted six hours. Mayor Olen Fisk said the vote was a victory for families. On Tuesday, Norway "
    "criticized Sweden over the school plan, and police arrested two protesters outside the council hall.",
    "bridge": "Engineers closed the old Varna river bridge on Friday after inspectors found deep cracks in two of its "
    "pillars. Transport minister Petra Lind said a temporary crossing would open within a month.",
    "orchestra": "The Halden symphony orchestra announced on Wednesday that it will tour eleven cities next spring, "
    "its first tour in a decade. Conductor Amos Varga said the musicians had rehearsed all winter.",
}
PLAN = [  # (id, topic, title, outlet, published, language): r2 reprints r1, f2 tells f1's news in its own words
    ("f1", "ferry", "Ferry Marlin runs aground near Kelso Point", "Coast Daily", "2026-03-03", "en"),
    ("f2", "ferry2", "Marlin ferry aground, passengers safe", "Harbour Herald", "2026-03-04", "en"),
    ("b1", "budget", "Brantwood council approves school budget", "Brantwood Post", "2026-02-02", "en"),
    ("r1", "bridge", "Varna bridge closed after cracks found", "River Times", "2026-01-09", "en"),
    ("r2", "bridge", "Cracks close the Varna river bridge", "Coast Daily", "2026-01-10", "en"),
    ("o1", "orchestra", "Halden orchestra plans a spring tour", "Music Weekly", "2026-04-01", "fr"),
]
NEWS = ("late", "A fire at the Orlen paper mill in Dunmore forced 300 workers out on Sunday night, and firefighters "
        "fought the blaze until dawn. Plant manager Rui Salo said nobody was hurt.")  # fmt: skip


def plan_articles() -> list[Article]:
    return [
        Article(id=i, text=TOPICS[t], title=title, outlet=outlet, published=day, language=lang)
        for i, t, title, outlet, day, lang in PLAN
    ]


def late_article() -> Article:
    return Article(id=NEWS[0], text=NEWS[1], title="Fire at the Orlen paper mill", outlet="Dunmore Echo",
                   published="2026-05-05", language="en")  # fmt: skip


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Starlette]]:
    """A database holding PLAN's articles (and one watched folder), and the app over it."""
    with _database(request.param, tmp_path_factory.mktemp("serve")) as db:
        folder = tmp_path_factory.mktemp("watched")
        with Newsgraph(db) as ng:
            assert len(ng.ingest_articles(plan_articles()).ingested) == len(PLAN)
            ng.watch_round([str(folder), str(folder / "missing")], 60, now=datetime(2026, 5, 1, tzinfo=UTC))
        app = create_app(db)
        yield db, app
        app.state.newsgraph.close()


@pytest.fixture(params=BACKENDS)
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with _database(request.param, tmp_path) as db:
        yield db


def _database(backend: str, folder: Path) -> Any:
    if backend == "postgresql":
        return postgres_database()

    class File:
        def __enter__(self) -> str:
            return str(folder / "news.db")

        def __exit__(self, *exc: object) -> None:
            return None

    return File()


def get(app: Starlette, url: str, method: str = "GET", raise_app_exceptions: bool = True, **headers: str) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.request(method, url, headers=headers)

    return asyncio.run(go())


def listed(app: Starlette, query: str = "") -> list[str]:
    answer = get(app, f"/api/v1/stories?limit=200{query}")
    assert answer.status_code == 200, answer.text
    return [st["id"] for st in answer.json()["stories"]]


def expected(db: str) -> list[dict[str, Any]]:
    """Each story as the test works it out from `stories()` and `articles()` (not from the listing code)."""
    with Newsgraph(db, create=False) as ng:
        stories, articles = ng.stories(), {a.id: a for a in ng.articles()}
    out = []
    for st in stories:
        members = [articles[i] for i in st.article_ids]
        out.append({"id": st.id, "title": st.title or "", "first": st.first_published, "last": st.last_published,
                    "n": len(members), "outlets": st.outlets, "langs": {a.language for a in members},
                    "ids": st.article_ids})  # fmt: skip
    return out


def test_the_list_gives_every_story_newest_first_with_its_fields(served: tuple[str, Starlette]) -> None:
    db, app = served
    body = get(app, "/api/v1/stories").json()
    want = expected(db)
    assert len(want) >= 3
    assert body["next"] is None
    assert [st["last_published"] for st in body["stories"]] == sorted((st["last"] for st in want), reverse=True)
    by_id = {st["id"]: st for st in want}
    for st in body["stories"]:
        mine = by_id[st["id"]]
        assert (st["title"], st["first_published"], st["last_published"], st["articles"], st["outlets"]) == (
            mine["title"], mine["first"], mine["last"], mine["n"], mine["outlets"])  # fmt: skip
        assert set(st["languages"]) == mine["langs"]
    sizes = [st["articles"] for st in get(app, "/api/v1/stories?sort=size").json()["stories"]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ("&q=VARNA+bridge", lambda st: {"varna", "bridge"} <= set(st["title"].casefold().split())),
        ("&since=2026-03-01", lambda st: st["last"] >= "2026-03-01"),
        ("&until=2026-02-02", lambda st: st["first"] <= "2026-02-02"),
        ("&since=2026-02-01&until=2026-03-03", lambda st: st["last"] >= "2026-02-01" and st["first"] <= "2026-03-03"),
        ("&outlet=Coast+Daily", lambda st: "Coast Daily" in st["outlets"]),
        ("&lang=fr", lambda st: "fr" in st["langs"]),
        ("&min_sources=2", lambda st: "f2" in st["ids"]),  # the bridge's two outlets are one source (a reprint)
    ],
)
def test_each_filter_keeps_the_stories_it_names(served: tuple[str, Starlette], query: str, keep: Any) -> None:
    db, app = served
    want = {st["id"] for st in expected(db) if keep(st)}
    everything = set(listed(app))
    assert want and want != everything  # the filter has something to keep and something to leave out
    assert set(listed(app, query)) == want


def test_walking_the_pages_gives_every_story_once(served: tuple[str, Starlette]) -> None:
    db, app = served
    for sort in ("recent", "size"):
        seen, url, pages = [], f"/api/v1/stories?limit=2&sort={sort}", 0
        while url:
            answer = get(app, url)
            body, pages = answer.json(), pages + 1
            assert len(body["stories"]) <= 2
            seen += [st["id"] for st in body["stories"]]
            if body["next"] is None:
                assert "link" not in answer.headers
                break
            link = answer.headers["link"]
            assert link.startswith("</api/v1/stories?") and link.endswith('>; rel="next"')
            url = link[1 : link.index(">")]
            assert f"cursor={body['next']}" in url and f"sort={sort}" in url and "limit=2" in url
        assert seen == listed(app, f"&sort={sort}")
        assert len(seen) == len(set(seen)) == len(expected(db)) and pages == -(-len(seen) // 2)


def test_a_story_is_the_json_show_prints(served: tuple[str, Starlette]) -> None:
    db, app = served
    sid = next(st["id"] for st in expected(db) if st["n"] == 2)
    answer = get(app, f"/api/v1/stories/{sid}")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    shown = CliRunner().invoke(main, ["show", sid, "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    assert answer.json() == json.loads(shown.output)  # the same JSON (the API's compact, the command's indented)
    assert answer.json()["story"]["id"] == sid and len(answer.json()["articles"]) == 2


def test_an_article_comes_with_its_text_mentions_quotes_and_events(served: tuple[str, Starlette]) -> None:
    _, app = served
    body = get(app, "/api/v1/articles/b1").json()
    assert set(body) == {"article", "story_id", "reuse_of", "mentions", "quotes", "events", "places", "times"}
    assert body["story_id"] and body["reuse_of"] is None
    assert get(app, "/api/v1/articles/r2").json()["reuse_of"] == "r1"
    assert body["article"]["text"] == TOPICS["budget"] and body["article"]["outlet"] == "Brantwood Post"
    assert "Olen Fisk" in {m["text"] for m in body["mentions"]}
    assert "the vote was a victory for families" in {q["text"] for q in body["quotes"]}
    assert ("Norway", "criticized", "Sweden") in {(e["source"], e["trigger"], e["target"]) for e in body["events"]}
    assert {"Norway", "Sweden"} <= {p["name"] for p in body["places"]}
    rows = [r for key in ("mentions", "quotes", "events", "places", "times") for r in body[key]]
    assert all(r["article_id"] == "b1" for r in rows)


def test_the_status_gives_the_watchers_records(served: tuple[str, Starlette]) -> None:
    _, app = served
    sources = get(app, "/api/v1/status").json()["sources"]
    assert [s["source"] for s in sources] == sorted(s["source"] for s in sources)
    assert {s["checked_at"][:10] for s in sources} == {"2026-05-01"}
    failed = [s for s in sources if s["failure"]]
    assert len(sources) == 2 and len(failed) == 1 and failed[0]["source"].endswith("missing")


@pytest.mark.parametrize(
    ("url", "status", "named"),
    [
        ("/api/v1/stories/nope", 404, "nope"),
        ("/api/v1/articles/nope", 404, "nope"),
        ("/api/v1/elsewhere", 404, "/api/v1/elsewhere"),
        ("/api/v1/stories/" + "x" * 300, 404, "no story"),
        ("/api/v1/stories?limit=0", 400, "limit"),
        ("/api/v1/stories?limit=201", 400, "limit"),
        ("/api/v1/stories?limit=ten", 400, "limit"),
        ("/api/v1/stories?since=2026-13-01", 400, "since"),
        ("/api/v1/stories?until=2026-W01-1", 400, "until"),
        ("/api/v1/stories?q=" + "a" * 201, 400, "q"),
        ("/api/v1/stories?min_sources=-1", 400, "min_sources"),
        ("/api/v1/stories?sort=oldest", 400, "sort"),
        ("/api/v1/stories?lang=English", 400, "lang"),
        ("/api/v1/stories?cursor=bm90IGEgY3Vyc29y", 400, "cursor"),
        ("/api/v1/stories?colour=red", 400, "colour"),
        ("/api/v1/stories?limit=2&limit=3", 400, "limit"),
        ("/api/v1/stories?q=" + "a" * 3000, 400, "query string"),
        ("/api/v1/status?x=1", 400, "x"),
    ],
)
def test_errors_are_json_with_their_status(served: tuple[str, Starlette], url: str, status: int, named: str) -> None:
    _, app = served
    answer = get(app, url)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert error["code"] == {400: "bad_parameter", 404: "not_found"}[status]
    assert error["message"].startswith(named) or named in error["message"]
    assert "Traceback" not in answer.text


def test_a_cursor_of_another_sort_is_refused(served: tuple[str, Starlette]) -> None:
    _, app = served
    cursor = get(app, "/api/v1/stories?limit=1&sort=size").json()["next"]
    assert cursor and get(app, f"/api/v1/stories?limit=1&sort=size&cursor={cursor}").status_code == 200
    assert get(app, f"/api/v1/stories?limit=1&cursor={cursor}").json()["error"]["message"].startswith("cursor")


def test_a_wrong_method_is_405_a_handler_bug_a_bare_500_and_the_database_away_a_503(
    served: tuple[str, Starlette], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, app = served
    answer = get(app, "/api/v1/stories", method="POST")
    assert answer.status_code == 405 and answer.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in answer.headers["allow"]

    def broken(query: object) -> None:
        raise RuntimeError("secret detail at /srv/x.py line 3")

    monkeypatch.setattr(app.state.newsgraph, "story_page", broken)
    answer = get(app, "/api/v1/stories?limit=11")  # an address not asked before (answers are kept: serve/cache.py)
    assert answer.status_code == 500
    assert answer.json() == {"error": {"code": "internal", "message": "internal error"}}
    assert answer.headers["x-content-type-options"] == "nosniff"

    def unreachable(query: object) -> None:
        raise DatabaseError("database error: connection to server at 10.1.2.3 refused")

    monkeypatch.setattr(app.state.newsgraph, "story_page", unreachable)
    answer = get(app, "/api/v1/stories?limit=12")
    assert answer.status_code == 503 and answer.json()["error"]["code"] == "unavailable"
    assert "10.1.2.3" not in answer.text


def test_an_error_outside_the_handlers_is_a_bare_500_with_the_headers(served: tuple[str, Starlette]) -> None:
    db, _ = served
    app = create_app(db)
    try:

        def unguarded(request: object) -> None:
            raise RuntimeError("secret detail")

        app.router.routes.append(Route("/boom", unguarded))
        answer = get(app, "/boom", raise_app_exceptions=False)
        assert answer.status_code == 500 and answer.json() == {"error": {"code": "internal", "message": "internal error"}}
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
    finally:
        app.state.newsgraph.close()


def test_reads_carry_an_etag_that_answers_304(served: tuple[str, Starlette]) -> None:
    _, app = served
    for url in ("/api/v1/stories", "/api/v1/stories/" + listed(app)[0], "/api/v1/articles/f1", "/api/v1/status"):
        first = get(app, url)
        etag = first.headers["etag"]
        assert first.headers["cache-control"] == "no-cache" and etag.startswith('"')
        again = get(app, url, **{"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert get(app, url, **{"If-None-Match": f'"other", W/{etag}'}).status_code == 304
        assert get(app, url, **{"If-None-Match": '"other"'}).status_code == 200
    assert get(app, "/api/v1/stories?limit=1").headers["etag"] != get(app, "/api/v1/stories").headers["etag"]


def test_every_response_carries_the_security_headers_and_no_cors(served: tuple[str, Starlette]) -> None:
    _, app = served
    etag = get(app, "/api/v1/status").headers["etag"]
    answers = [get(app, "/api/v1/stories"), get(app, "/nowhere"), get(app, "/api/v1/stories?limit=0"),
               get(app, "/api/v1/status", **{"If-None-Match": etag}), get(app, "/api/v1/status", method="DELETE"),
               get(app, "/api/v1/stories", Origin="https://elsewhere.example")]  # fmt: skip
    assert [a.status_code for a in answers] == [200, 404, 400, 304, 405, 200]
    for answer in answers:
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert not [h for h in answer.headers if h.startswith("access-control-")]


def test_what_another_process_stores_appears_on_the_next_request(fresh_db: str) -> None:
    with Newsgraph(fresh_db) as ng:
        ng.ingest_articles(plan_articles())
    app = create_app(fresh_db)
    try:
        before = listed(app)
        first = get(app, "/api/v1/stories?limit=2")  # a page walk under way while another process writes
        with Newsgraph(fresh_db) as other:
            assert other.ingest_articles([late_article()]).ingested
        after = get(app, "/api/v1/stories?limit=200").json()["stories"]
        assert len(after) == len(before) + 1 and after[0]["title"] == "Fire at the Orlen paper mill"
        assert get(app, "/api/v1/articles/late").json()["article"]["outlet"] == "Dunmore Echo"
        seen, cursor = [st["id"] for st in first.json()["stories"]], first.json()["next"]
        while cursor:
            body = get(app, f"/api/v1/stories?limit=2&cursor={cursor}").json()
            seen, cursor = seen + [st["id"] for st in body["stories"]], body["next"]
        assert sorted(seen) == sorted(before)  # the new (newest) story sorts before the cursor: no repeat, no gap
    finally:
        app.state.newsgraph.close()


def test_serve_help_and_its_defaults() -> None:
    shown = CliRunner().invoke(main, ["serve", "--help"])
    assert shown.exit_code == 0 and "--host" in shown.output and "127.0.0.1" in shown.output
    params = serve_command.make_context("serve", ["--db", "x.db"]).params
    assert (params["host"], params["port"]) == (DEFAULT_HOST, 8000) == ("127.0.0.1", 8000)
    assert serve_command.make_context("serve", ["--host", "0.0.0.0", "--port", "9"]).params["host"] == "0.0.0.0"


def test_a_host_other_than_this_machine_is_warned_of() -> None:
    for host in ("127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2"):
        assert bind_warning(host) is None, host
    for host in ("0.0.0.0", "::", "192.168.1.5", "news.example"):
        warning = bind_warning(host)
        assert warning and warning.startswith("warning:") and host in warning


def test_serve_warns_then_runs_uvicorn_with_the_host_given(
    served: tuple[str, Starlette], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db, _ = served
    ran: list[tuple[object, str, int]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: ran.append((app, host, port)))
    quiet = CliRunner().invoke(main, ["serve", "--db", db])
    loud = CliRunner().invoke(main, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "8123"])
    assert quiet.exit_code == loud.exit_code == 0, (quiet.output, loud.output)
    assert "warning" not in quiet.output and "warning: listening on 0.0.0.0" in loud.output
    assert [(h, p) for _, h, p in ran] == [("127.0.0.1", 8000), ("0.0.0.0", 8123)]
    assert all(isinstance(app, Starlette) for app, _, _ in ran)
    missing = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and not ran[2:]
