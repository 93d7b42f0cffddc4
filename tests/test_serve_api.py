"""`newsgraph serve`'s actors, relations, export and OpenAPI endpoints and the story list's content filters
(docs/serve.md), through httpx's ASGI transport, on SQLite and PostgreSQL: actors found by name or alias whatever
the accents, their profile's counts and partners, relations as `relations --json` prints them, the export's bytes as
`export --format jsonl` writes them (and its snapshot released when the client goes away), and every route of the
app in the OpenAPI document."""

from __future__ import annotations

import asyncio
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from starlette.applications import Starlette
from starlette.routing import Route

from conftest import BACKENDS
from newsgraph import Newsgraph
from newsgraph.cli import main
from newsgraph.models import Article
from newsgraph.serve import create_app, exporting
from newsgraph.serve.openapi import DOCUMENT
from newsgraph.stories.linking import entity_id
from test_serve import _database, get

ARTICLES = [  # (id, title, text, published, outlet): k1 and k2 tell one story
    ("k1", "Lavrov meets Kim in Pyongyang", "Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong Un "
     "in Pyongyang on Thursday. Lavrov praised the friendship of the two countries, and Russia promised food aid to "
     "North Korea.", "2023-10-19", "Lodestar News"),
    ("k2", "Moscow pledges aid to Pyongyang", "Russia pledged fuel aid to North Korea on Monday, days after Foreign "
     "Minister Sergei Lavrov met Kim Jong Un. The Kremlin said the talks in Pyongyang went well.", "2023-10-23",
     "Quillwire"),
    ("m1", "Mexico and Spain sign a pact", "Mexican Foreign Minister Marcelo Ébrard met Spanish officials in Madrid on "
     "Friday, and Mexico signed a trade agreement with Spain. Ébrard said the pact would help farmers.", "2024-05-03",
     "Lodestar News"),
    ("u1", "Kyiv blames Moscow for shelling", "Ukraine accused Russia of shelling the city of Kharkiv on Sunday, and "
     "the Kremlin denied the attack.", "2024-02-11", "Quillwire"),
    ("f1", "Ferry runs aground near Kelso Point", "The harbour ferry Marlin ran aground near Kelso Point in Norway on "
     "Tuesday after its engine failed, and the coast guard took all 140 passengers ashore.", "2026-03-03",
     "Coast Daily"),
]  # fmt: skip


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Starlette]]:
    with _database(request.param, tmp_path_factory.mktemp("serve-api")) as db:
        with Newsgraph(db) as ng:
            assert len(ng.ingest_articles(articles(*(a[0] for a in ARTICLES))).ingested) == len(ARTICLES)
        app = create_app(db)
        yield db, app
        app.state.newsgraph.close()


def person(db: str, name: str) -> str:
    """The id of the person entity called `name`."""
    with Newsgraph(db, create=False) as ng:
        (found,) = [e.id for e in ng.entities() if e.type == "person" and e.name == name]
    return found


def ok(app: Starlette, url: str) -> Any:
    answer = get(app, url)
    assert answer.status_code == 200, answer.text
    return answer.json()


def story_of(db: str) -> dict[str, str]:
    """Each article's story id."""
    with Newsgraph(db, create=False) as ng:
        return {aid: st.id for st in ng.stories() for aid in st.article_ids}


# --- actors ---------------------------------------------------------------------------------------


def test_actors_are_listed_most_mentioned_first_with_their_counts(served: tuple[str, Starlette]) -> None:
    db, app = served
    actors = ok(app, "/api/v1/actors?limit=200")["actors"]
    with Newsgraph(db, create=False) as ng:
        entities = {e.id: e for e in ng.entities()}
        events = {a.key: a.events for a in ng.actors(limit=1000)[0]}
        mentioned: dict[str, set[str]] = {}
        stories = story_of(db)
        for aid in stories:
            for m in ng.article_detail(aid)["mentions"]:  # type: ignore[index]
                if m["entity_id"]:
                    mentioned.setdefault(m["entity_id"], set()).add(stories[aid])
    by_id = {a["id"]: a for a in actors}
    russia = by_id["RUS"]  # the country's entity is listed as the country
    assert entity_id("country", "RUS") not in by_id
    assert russia["name"] == "Russia" and russia["type"] == "country" and "Kremlin" in russia["aliases"]
    assert russia["mentions"] == entities[entity_id("country", "RUS")].mentions
    assert russia["stories"] == len(mentioned[entity_id("country", "RUS")]) == 2
    assert russia["events"] == events["RUS"] > 0
    lavrov = by_id[person(db, "Sergei Lavrov")]
    assert (lavrov["name"], lavrov["country"], lavrov["role"]) == ("Sergei Lavrov", "RUS", "foreign minister")
    assert lavrov["mentions"] == 3 and lavrov["events"] == events[lavrov["id"]] and lavrov["stories"] == 1
    order = [(-a["mentions"], -a["events"], a["id"]) for a in actors]
    assert order == sorted(order) and actors[0]["id"] == "RUS"
    assert len(by_id) == len(actors)


@pytest.mark.parametrize(
    ("q", "found"),
    [("kremlin", "RUS"), ("EBRARD", "Marcelo Ébrard"), ("marcelo ébrard", "Marcelo Ébrard"),
     ("Marcelo Ebrard", "Marcelo Ébrard"), ("prk", "PRK")],
)  # fmt: skip
def test_an_actor_is_found_by_name_alias_or_code_case_and_accents_aside(
    served: tuple[str, Starlette], q: str, found: str
) -> None:
    db, app = served
    found = found if found.isupper() else person(db, found)
    ids = [a["id"] for a in ok(app, f"/api/v1/actors?q={quote(q)}")["actors"]]
    assert found in ids
    assert "e" + "0" * 12 not in ids and ok(app, "/api/v1/actors?q=atlantis")["actors"] == []
    if q == "kremlin":
        assert ids == ["RUS"]  # an alias of Russia's, of no one else
    assert ok(app, f"/api/v1/actors?q={found[:3]}")["actors"] == [] or found.isupper()  # a part of an id is no match


def test_walking_the_actor_pages_gives_every_actor_once(served: tuple[str, Starlette]) -> None:
    _, app = served
    everyone = [a["id"] for a in ok(app, "/api/v1/actors?limit=200")["actors"]]
    walked, url = [], "/api/v1/actors?limit=3"
    while url:
        answer = get(app, url)
        page = answer.json()
        walked += [a["id"] for a in page["actors"]]
        assert (page["next"] is None) == ("link" not in answer.headers)
        url = f"/api/v1/actors?limit=3&cursor={page['next']}" if page["next"] else ""
    assert walked == everyone and len(everyone) > 6


def test_an_actor_profile_counts_its_partners_and_points_to_each_relation(served: tuple[str, Starlette]) -> None:
    db, app = served
    profile = ok(app, "/api/v1/actors/RUS")
    assert profile["actor"]["id"] == "RUS" and profile["actor"]["name"] == "Russia"
    aliases = {a["name"]: a["mentions"] for a in profile["aliases"]}
    assert aliases["Kremlin"] == 2 and profile["aliases"][0]["name"] == "Russia"
    assert sum(aliases.values()) == profile["actor"]["mentions"]
    stories = story_of(db)
    assert [s["id"] for s in profile["stories"]] == [stories["u1"], stories["k1"]]  # newest first
    assert profile["stories_total"] == 2
    partners = {p["id"]: p for p in profile["partners"]}
    kim = person(db, "Kim Jong Un")
    assert partners[kim]["events"] == 2 and partners[kim]["intensity"] == 3.0
    assert partners["PRK"]["events"] == 3 and partners["PRK"]["name"] == "North Korea"  # Kim is placed in PRK
    for partner in profile["partners"]:  # each partner's count is its relation's
        relation = ok(app, partner["relation"] + "&by=month")
        assert len(relation["events"]) == partner["events"], partner
    dates = [e["date"] for e in profile["events"]]
    assert dates == sorted(dates, reverse=True) and profile["events_total"] == len(profile["events"])
    assert ok(app, f"/api/v1/actors/{entity_id('country', 'RUS')}") == profile  # the country's entity
    assert ok(app, "/api/v1/actors/rus") == profile


def test_a_person_profile_and_unknown_actors(served: tuple[str, Starlette]) -> None:
    db, app = served
    lavrov_id, kim = person(db, "Sergei Lavrov"), person(db, "Kim Jong Un")
    lavrov = ok(app, f"/api/v1/actors/{lavrov_id}")
    assert {a["name"]: a["mentions"] for a in lavrov["aliases"]} == {"Sergei Lavrov": 2, "Lavrov": 1}
    assert [(p["id"], p["events"]) for p in lavrov["partners"]] == [(kim, 2), ("PRK", 1)]
    assert lavrov["partners"][0]["relation"] == f"/api/v1/relations?a={lavrov_id}&b={kim}"
    for url in ("/api/v1/actors/e000000000000", "/api/v1/actors/FRA", "/api/v1/actors/" + "x" * 300):
        answer = get(app, url)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found", url


@pytest.fixture(params=BACKENDS)
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with _database(request.param, tmp_path) as db:
        yield db


def articles(*ids: str) -> list[Article]:
    return [Article(id=i, title=t, text=x, published=d, outlet=o, language="en") for i, t, x, d, o in ARTICLES
            if i in ids]  # fmt: skip


def test_an_actor_another_process_stores_is_listed_on_the_next_request(fresh_db: str) -> None:
    """The list is read whole once per state of the database: an article stored meanwhile is a new state."""
    with Newsgraph(fresh_db) as ng:
        ng.ingest_articles(articles("k1"))
    app = create_app(fresh_db)
    try:
        before = ok(app, "/api/v1/actors?q=ebrard")["actors"]
        russia = ok(app, "/api/v1/actors?q=russia")["actors"][0]
        with Newsgraph(fresh_db) as other:
            other.ingest_articles(articles("m1", "u1"))
        assert before == [] and "Marcelo Ébrard" in [a["name"] for a in ok(app, "/api/v1/actors?q=ebrard")["actors"]]
        again = ok(app, "/api/v1/actors?q=russia")["actors"][0]
        assert again["mentions"] > russia["mentions"] and again["stories"] == russia["stories"] + 1
    finally:
        app.state.newsgraph.close()


# --- relations ------------------------------------------------------------------------------------


def test_a_relation_is_the_json_relations_prints(served: tuple[str, Starlette]) -> None:
    db, app = served
    answer = get(app, "/api/v1/relations?a=RUS&b=North%20Korea&by=week")
    printed = CliRunner().invoke(main, ["relations", "RUS", "North Korea", "--db", db, "--json", "--by", "week"])
    assert printed.exit_code == 0, printed.output
    assert answer.status_code == 200 and answer.json() == json.loads(printed.output)  # the same JSON, compact
    relation = answer.json()
    assert [p["period"] for p in relation["points"]] == ["2023-10-16", "2023-10-23"]
    assert relation["a_name"] == "Russia" and relation["b_name"] == "North Korea"
    assert [p["period"] for p in ok(app, "/api/v1/relations?a=RUS&b=PRK&by=month")["points"]] == ["2023-10-01"]


def test_a_relation_chart_is_an_svg_with_validators(served: tuple[str, Starlette]) -> None:
    _, app = served
    answer = get(app, "/api/v1/relations?a=RUS&b=PRK&format=svg")
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/svg+xml"
    assert answer.text.startswith("<?xml") and "<svg" in answer.text and "Russia" in answer.text
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    again = get(app, "/api/v1/relations?a=RUS&b=PRK&format=svg", **{"If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("query", "status", "named"),
    [
        ("a=RUS&b=Atlantis", 404, "Atlantis"),
        ("a=RUS&b=PRK&by=year", 400, "by"),
        ("a=RUS&b=PRK&format=png", 400, "format"),
        ("a=RUS", 400, "b: required"),
        ("a=RUS&b=PRK&a=USA", 400, "a: given more than once"),
        ("a=RUS&b=PRK&color=red", 400, "color"),
        ("a=&b=PRK", 400, "a:"),
    ],
)
def test_relation_errors(served: tuple[str, Starlette], query: str, status: int, named: str) -> None:
    _, app = served
    answer = get(app, f"/api/v1/relations?{query}")
    assert answer.status_code == status and named in answer.json()["error"]["message"]


# --- export ---------------------------------------------------------------------------------------


def test_the_export_is_the_bytes_export_writes(served: tuple[str, Starlette], monkeypatch: pytest.MonkeyPatch) -> None:
    db, app = served
    monkeypatch.setattr(exporting, "CHUNK_CHARS", 2000)  # many chunks
    answer = get(app, "/api/v1/export?format=jsonl")
    printed = CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl"])
    assert printed.exit_code == 0
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/x-ndjson"
    assert answer.content == printed.stdout_bytes
    records = Counter(json.loads(line)["record"] for line in answer.text.splitlines())
    assert records["article"] == len(ARTICLES) and records["event"] > 0
    assert get(app, "/api/v1/export").content == answer.content  # jsonl by default
    monkeypatch.setattr(app.state.newsgraph, "export_chunks", lambda *a: 1 / 0)  # HEAD reads nothing
    head = get(app, "/api/v1/export", "HEAD")
    assert head.status_code == 200 and head.content == b"" and head.headers["content-type"] == "application/x-ndjson"
    assert app.state.newsgraph._store.engine.pool.checkedout() == 0


@pytest.mark.parametrize("query", ["format=csv", "format=json", "table=articles", "format=jsonl&format=jsonl"])
def test_the_export_refuses_other_formats(served: tuple[str, Starlette], query: str) -> None:
    _, app = served
    answer = get(app, f"/api/v1/export?{query}")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "bad_parameter"


def test_a_client_gone_midway_releases_the_snapshot(
    served: tuple[str, Starlette], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, app = served
    monkeypatch.setattr(exporting, "CHUNK_CHARS", 1)  # a line a chunk
    chunks: list[bytes] = []
    opened: list[int] = []
    ng = app.state.newsgraph
    pool = ng._store.engine.pool
    kept: list[Any] = []  # the generator, kept alive here: only closing it releases the snapshot
    export_chunks = ng.export_chunks
    monkeypatch.setattr(ng, "export_chunks", lambda *a: kept.append(export_chunks(*a)) or kept[-1])

    async def go() -> None:
        first = asyncio.Event()
        requested = False

        async def receive() -> dict[str, Any]:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await first.wait()
            opened.append(pool.checkedout())  # the snapshot, held while the response streams
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body" and message.get("body"):
                chunks.append(message["body"])
                first.set()
                await asyncio.sleep(0.05)  # the client is slow: it goes away before the end

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": "/api/v1/export", "raw_path": b"/api/v1/export", "query_string": b"", "headers": [],
                 "server": ("testserver", 80), "client": ("127.0.0.1", 1), "root_path": ""}  # fmt: skip
        await app(scope, receive, send)

    asyncio.run(go())
    assert pool.checkedout() == 0 and kept and kept[0].gi_frame is None  # closed
    monkeypatch.undo()
    total = len(get(app, "/api/v1/export").text.splitlines())
    assert opened == [1] and 1 <= len(chunks) < total
    assert pool.checkedout() == 0


def test_a_send_that_fails_midway_releases_the_snapshot(
    served: tuple[str, Starlette], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ASGI 2.4: the server tells of a client gone away by a send that fails (OSError), not by a message."""
    _, app = served
    monkeypatch.setattr(exporting, "CHUNK_CHARS", 1)
    ng = app.state.newsgraph
    kept: list[Any] = []
    export_chunks = ng.export_chunks
    monkeypatch.setattr(ng, "export_chunks", lambda *a: kept.append(export_chunks(*a)) or kept[-1])
    sent: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body" and message.get("body"):
            if sent:
                raise OSError("connection reset")
            sent.append(message["body"])

    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": "/api/v1/export", "raw_path": b"/api/v1/export", "query_string": b"",
             "headers": [], "server": ("testserver", 80), "client": ("127.0.0.1", 1), "root_path": ""}  # fmt: skip
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the app makes of it, after the snapshot is released
        asyncio.run(app(scope, receive, send))
    assert len(sent) == 1 and kept and kept[0].gi_frame is None
    assert ng._store.engine.pool.checkedout() == 0


# --- story filters --------------------------------------------------------------------------------


def listed(app: Starlette, query: str) -> list[str]:
    return [st["id"] for st in ok(app, f"/api/v1/stories?limit=200&{query}")["stories"]]


def test_story_filters_keep_the_stories_of_an_actor_a_country_or_a_place(served: tuple[str, Starlette]) -> None:
    db, app = served
    st = story_of(db)
    assert len(set(st.values())) == 4
    assert listed(app, "actor=Kim%20Jong%20Un") == [st["k1"]]
    assert listed(app, f"actor={person(db, 'Kim Jong Un')}") == [st["k1"]]
    assert listed(app, "actor=Russia") == [st["u1"], st["k1"]]  # newest first
    assert listed(app, "actor=RUS&country=ESP") == []
    assert listed(app, "actor=marcelo%20%C3%A9brard") == [st["m1"]]
    assert listed(app, "actor=Atlantis") == []
    assert listed(app, "country=esp") == [st["m1"]]  # Spain named, Madrid placed
    assert listed(app, "country=NOR") == [st["f1"]]  # a place in Norway
    assert listed(app, "place=MADRID") == [st["m1"]]
    assert listed(app, "place=Kharkiv&q=shelling") == [st["u1"]]
    assert listed(app, "place=Kharkiv&q=ferry") == []
    assert listed(app, "place=Atlantis") == []


def test_a_filtered_list_pages_by_its_keyset(served: tuple[str, Starlette]) -> None:
    db, app = served
    st = story_of(db)
    walked, url = [], "/api/v1/stories?actor=RUS&limit=1"
    while url:
        page = ok(app, url)
        walked += [s["id"] for s in page["stories"]]
        url = f"/api/v1/stories?actor=RUS&limit=1&cursor={page['next']}" if page["next"] else ""
    assert walked == [st["u1"], st["k1"]]
    walked = [s["id"] for s in ok(app, "/api/v1/stories?country=RUS&sort=size&limit=1")["stories"]]
    assert walked == [st["k1"]]  # two articles


@pytest.mark.parametrize(("query", "named"), [("country=RU", "country"), ("country=R1S", "country"), ("actor=", "actor"),
                                              ("place=%20", "place"), ("actor=a&actor=b", "actor")])  # fmt: skip
def test_bad_story_filters_are_refused(served: tuple[str, Starlette], query: str, named: str) -> None:
    _, app = served
    answer = get(app, f"/api/v1/stories?{query}")
    assert answer.status_code == 400 and answer.json()["error"]["message"].startswith(named)


# --- OpenAPI --------------------------------------------------------------------------------------


def test_the_openapi_document_covers_every_route_and_every_get_answers(served: tuple[str, Starlette]) -> None:
    db, app = served
    served_doc = ok(app, "/api/v1/openapi.json")
    assert served_doc == json.loads(json.dumps(DOCUMENT)) and served_doc["openapi"] == "3.1.0"
    routes = {re.sub(r":\w+}", "}", r.path): set(r.methods or ())  # "{id:path}" is "{id}" to a client
              for r in app.routes if isinstance(r, Route) and r.path.startswith("/api/v1")}  # fmt: skip
    paths = served_doc["paths"]
    for path, methods in routes.items():
        assert path in paths, path
        assert {m.lower() for m in methods} - {"head"} <= set(paths[path]), path
    st = story_of(db)
    ids = {"/api/v1/stories/{id}": st["k1"], "/api/v1/articles/{id}": "k1", "/api/v1/actors/{id}": "RUS"}
    for path, operations in paths.items():
        if path not in routes:
            assert path == "/api/v1/ingest", path  # only with a token
            continue
        if "get" in operations:
            answer = get(app, path.replace("{id}", ids.get(path, "")))
            assert answer.status_code not in (404, 405), path
    text = json.dumps(served_doc)
    for ref in {r.split('"')[0] for r in text.split('"$ref": "#/')[1:]}:  # every reference resolves
        node: Any = served_doc
        for part in ref.split("/"):
            node = node[part]
    stories = {p["name"]: p for p in paths["/api/v1/stories"]["get"]["parameters"]}
    assert stories["limit"]["schema"]["maximum"] == 200 and {"actor", "country", "place"} <= set(stories)


# --- the directory's counting (pure) --------------------------------------------------------------


Side = tuple[str | None, str | None]


def event_row(idx: int, source: Side, target: Side, **more: Any) -> dict[str, Any]:
    """An event row as `Store.events_of` gives it: participants as (entity id, country)."""
    return {
        "article_id": "a", "idx": idx, "trigger_start": idx * 10, "type": "CONSULT", "quad_class": 1, "intensity": 3.0,
        "mode": "asserted", "date": "2024-01-0" + str(idx + 1), "source": source[0], "source_id": source[0],
        "source_country": source[1], "source_kind": None, "target": target[0], "target_id": target[0],
        "target_country": target[1], "target_kind": None, "claimant": None, "outlet": None, "sentence": "",
    } | more  # fmt: skip


def test_partners_count_an_event_once_and_leave_out_negated_and_inner_events() -> None:
    from newsgraph.relations.directory import partners, recent_events

    rows = [
        event_row(0, ("lavrov", "RUS"), ("kim", "PRK")),
        event_row(0, ("kim", "PRK"), ("lavrov", "RUS")),  # the same meeting stored the other way
        event_row(1, ("lavrov", "RUS"), ("kim", "PRK"), mode="negated", type="ASSAULT"),
        event_row(2, ("lavrov", "RUS"), ("putin", "RUS"), intensity=5.0),  # within RUS
        event_row(3, (None, "RUS"), (None, "PRK"), intensity=7.0, mode="hypothetical", type="AID"),
    ]
    found = {p.id: (p.events, p.intensity) for p in partners(rows, ["RUS"], {"PRK": "North Korea"})}
    assert found == {"PRK": (2, 3.0), "kim": (1, 3.0)}  # the hypothetical aid counted, not averaged
    assert {p.id: p.events for p in partners(rows, ["lavrov"], {})} == {"PRK": 1, "kim": 1, "RUS": 1, "putin": 1}
    events, total = recent_events(rows)
    assert [e.id for e in events] == ["a:e3", "a:e2", "a:e1", "a:e0"] and total == 4


def test_kept_story_counts_are_read_again_when_the_database_changes() -> None:
    """The story counts are kept for one count of committed writes (`Store.changes`), read again for another."""
    from newsgraph.actor_reads import Memo

    class View:
        stories, reads = 1, 0

        def entity_story_counts(self, ids: list[str]) -> dict[str, int]:
            self.reads += 1
            return {i: self.stories for i in ids if i != "e0"}

    view, memo = View(), Memo()
    assert memo.story_counts(view, ["e1", "e0"], (5,)) == {"e1": 1, "e0": 0}  # type: ignore[arg-type]
    assert memo.story_counts(view, ["e0", "e1"], (5,)) == {"e1": 1, "e0": 0} and view.reads == 1  # type: ignore[arg-type]
    view.stories = 2  # a write (a story assignment, say) raised the count to 6
    assert memo.story_counts(view, ["e1"], (6,))["e1"] == 2 and view.reads == 2  # type: ignore[arg-type]
