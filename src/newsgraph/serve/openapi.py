"""The OpenAPI 3.1 description of the HTTP API (`GET /api/v1/openapi.json`), written by hand as data: every
/api/v1 route, its parameters with their bounds, its answers (the top level of each, and the error body). A test
checks that every route of the app is here and that every GET here answers."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from newsgraph.api import Newsgraph
from newsgraph.relations.directory import MAX_ACTORS
from newsgraph.serve import pages
from newsgraph.serve.app import read
from newsgraph.serve.params import MAX_CURSOR, MAX_ID, MAX_MIN_SOURCES, MAX_Q, MAX_TEXT, _checked
from newsgraph.stories.listing import MAX_LIMIT, SORTS

Json = dict[str, Any]

SEARCH_LIMIT = 100
INGEST_BYTES = 10 * 1024 * 1024


def _ref(name: str) -> Json:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> Json:
    return {"type": [kind, "null"]}


def _array(items: Json) -> Json:
    return {"type": "array", "items": items}


def _object(required: list[str] | None = None, **properties: Json) -> Json:
    return {"type": "object", "properties": properties, "required": required or list(properties)}


def _query(name: str, schema: Json, description: str, required: bool = False) -> Json:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _path_id(what: str) -> Json:
    return {"name": "id", "in": "path", "required": True, "description": f"The {what}'s id.",
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_ID}}  # fmt: skip


def _text(most: int) -> Json:
    return {"type": "string", "maxLength": most}


def _limit(default: int, most: int) -> Json:
    return {"type": "integer", "minimum": 1, "maximum": most, "default": default}


CURSOR = _query("cursor", _text(MAX_CURSOR), "The `next` of the page before (opaque).")
ERRORS = {
    "400": {"$ref": "#/components/responses/BadParameter"},
    "503": {"$ref": "#/components/responses/Unavailable"},
}
NOT_FOUND = {"404": {"$ref": "#/components/responses/NotFound"}}


def _json(description: str, schema: Json) -> Json:
    headers = {"ETag": {"schema": {"type": "string"}}, "Cache-Control": {"schema": {"type": "string"}}}
    return {"description": description, "content": {"application/json": {"schema": schema}}, "headers": headers}


def _get(summary: str, parameters: list[Json], answer: Json, *, found: bool = False) -> Json:
    responses = {"200": answer, "304": {"description": "Not modified (If-None-Match named the ETag)."}, **ERRORS}
    responses |= NOT_FOUND if found else {}
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


STORY_PARAMETERS = [
    _query("q", _text(MAX_Q), "Words all in the title, any case."),
    _query("since", {"type": "string", "format": "date"}, "Last published on or after (YYYY-MM-DD)."),
    _query("until", {"type": "string", "format": "date"}, "First published on or before (YYYY-MM-DD)."),
    _query("outlet", _text(MAX_TEXT), "An outlet among its articles'."),
    _query("lang", {"type": "string", "pattern": "^[a-z]{2,3}$"}, "A language of its articles (ISO 639)."),
    _query("min_sources", {"type": "integer", "minimum": 0, "maximum": MAX_MIN_SOURCES, "default": 0},
           "At least this many independent outlets."),  # fmt: skip
    _query("actor", _text(MAX_TEXT), "An actor its articles mention: a country code, a name or an entity id."),
    _query("country", {"type": "string", "pattern": "^[A-Za-z]{3}$"},
           "ISO 3166 alpha-3: an actor its articles name, or a place they mention, is in that country."),  # fmt: skip
    _query("place", _text(MAX_TEXT), "A place its articles mention, by name (case and accents aside)."),
    _query("sort", {"type": "string", "enum": list(SORTS), "default": "recent"}, "recent: last published first; "
           "size: most articles first."),  # fmt: skip
    _query("limit", _limit(50, MAX_LIMIT), "Stories a page."),
    CURSOR,
]

SCHEMAS: Json = {
    "Error": _object(error=_object(code={"type": "string", "description": "bad_parameter, not_found, "
                     "method_not_allowed, internal, unavailable, ..."}, message={"type": "string"})),  # fmt: skip
    "StorySummary": _object(
        id={"type": "string"}, title=_nullable("string"), first_published=_nullable("string"),
        last_published=_nullable("string"), articles={"type": "integer"}, outlets=_array({"type": "string"}),
        independent_sources={"type": "integer"}, languages=_array({"type": "string"}),
    ),  # fmt: skip
    "StoryBrief": {"type": "object", "description": "What `newsgraph show --json` prints: story, articles, reprints, "
                   "history, actors, places, dates, quotes, events, facts, provenance, comparison_stale, ...",
                   "required": ["story", "articles", "facts"]},  # fmt: skip
    "ArticleDetail": _object(article={"type": "object"}, mentions=_array({"type": "object"}),
                             quotes=_array({"type": "object"}), events=_array({"type": "object"}),
                             places=_array({"type": "object"}), times=_array({"type": "object"})),  # fmt: skip
    "WatchRecord": _object(
        ["source", "checked_at"], source={"type": "string"}, checked_at={"type": "string"},
        status=_nullable("integer"), new_articles={"type": "integer"}, duplicates={"type": "integer"},
        failed={"type": "integer"}, failure=_nullable("string"), etag=_nullable("string"),
        last_modified=_nullable("string"), failures_in_a_row={"type": "integer"}, next_at=_nullable("string"),
    ),  # fmt: skip
    "ActorSummary": _object(
        id={"type": "string", "description": "A country code (RUS) or an entity id."}, name={"type": "string"},
        type={"type": "string"}, country=_nullable("string"), role=_nullable("string"),
        aliases=_array({"type": "string"}), mentions={"type": "integer"}, stories={"type": "integer"},
        events={"type": "integer"},
    ),  # fmt: skip
    "RelationEvent": _object(
        ["id", "article_id", "date", "type", "quad_class", "intensity", "mode"], id={"type": "string"},
        article_id={"type": "string"}, outlet=_nullable("string"), date=_nullable("string"), type={"type": "string"},
        quad_class={"type": "integer", "minimum": 1, "maximum": 4}, intensity={"type": "number"},
        mode={"type": "string"}, source=_nullable("string"), source_country=_nullable("string"),
        target=_nullable("string"), target_country=_nullable("string"), claimant=_nullable("string"),
        sentence={"type": "string"},
    ),  # fmt: skip
    "ActorProfile": _object(
        actor=_ref("ActorSummary"),
        aliases=_array(_object(name={"type": "string"}, mentions={"type": "integer"})),
        stories=_array(_object(id={"type": "string"}, title=_nullable("string"), last_published=_nullable("string"))),
        stories_total={"type": "integer"},
        partners=_array(_object(id={"type": "string"}, name={"type": "string"}, events={"type": "integer"},
                                intensity=_nullable("number"), relation={"type": "string"})),  # fmt: skip
        events=_array(_ref("RelationEvent")),
        events_total={"type": "integer"},
    ),
    "Relation": _object(
        a={"type": "string"}, b={"type": "string"}, a_name={"type": "string"}, b_name={"type": "string"},
        by={"type": "string", "enum": ["day", "week", "month"]},
        points=_array(_object(period={"type": "string"}, counts={"type": "object"}, quad_counts={"type": "object"},
                              intensity=_nullable("number"), events=_array({"type": "string"}))),  # fmt: skip
        events=_array(_ref("RelationEvent")),
    ),
    "SearchHit": _object(
        article_id={"type": "string"}, story_id=_nullable("string"), title=_nullable("string"),
        outlet=_nullable("string"), published=_nullable("string"), language=_nullable("string"),
        snippet={"type": "string", "description": "Plain text (never HTML): about 30 words around the match."},
        highlights={"type": "array", "items": {"type": "array", "items": {"type": "integer"}, "minItems": 2,
                    "maxItems": 2}, "description": "[start, end) of each matched word in the snippet."},
        score={"type": "number"},
    ),  # fmt: skip
}


def _error(description: str) -> Json:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


RESPONSES = {
    "BadParameter": _error("A parameter is unknown, repeated, malformed or out of bounds (the message names it)."),
    "NotFound": _error("Nothing has this id."),
    "Unavailable": _error("The database cannot answer now; try again."),
}

PATHS: Json = {
    "/api/v1/stories": _get(
        "Stories, filtered, in pages (keyset: a story stored meanwhile shifts no page).", STORY_PARAMETERS,
        _json("A page, and the cursor of the next (null on the last; also in a Link header).",
              _object(stories=_array(_ref("StorySummary")), next=_nullable("string"))),
    ),  # fmt: skip
    "/api/v1/stories/{id}": _get("One story's brief (`newsgraph show --json`).", [_path_id("story")],
                                 _json("The brief.", _ref("StoryBrief")), found=True),  # fmt: skip
    "/api/v1/articles/{id}": _get(
        "One article with its mentions, quotes, events, places and times.", [_path_id("article")],
        _json("The article.", _ref("ArticleDetail")), found=True,
    ),  # fmt: skip
    "/api/v1/status": _get(
        "Each watched source's last round (`newsgraph watch`), and this server's watcher with `--watch`.", [],
        _json("The sources (and the watcher).", _object(["sources"], sources=_array(_ref("WatchRecord")),
                                                       watcher={"type": "object"})),
    ),  # fmt: skip
    "/api/v1/actors": _get(
        "Actors (countries by code, other entities by id) matching a name or alias, most mentioned first.",
        [_query("q", _text(MAX_Q), "Held by its name, code or an alias, case and accents aside; empty: all."),
         _query("limit", _limit(50, MAX_ACTORS), "Actors a page."), CURSOR],
        _json("A page, and the cursor of the next (null on the last).",
              _object(actors=_array(_ref("ActorSummary")), next=_nullable("string"))),
    ),  # fmt: skip
    "/api/v1/actors/{id}": _get(
        "One actor: profile, aliases counted, stories (newest first), partners in events, latest events (50 each).",
        [{**_path_id("actor"), "description": "A country code (RUS) or an entity id."}],
        _json("The profile.", _ref("ActorProfile")), found=True,
    ),  # fmt: skip
    "/api/v1/relations": _get(
        "What two actors did to each other, period by period (`newsgraph relations --json`), or its chart.",
        [_query("a", _text(MAX_TEXT), "An actor: a country code (RUS) or name, an entity's name or id.", True),
         _query("b", _text(MAX_TEXT), "The other actor.", True),
         _query("by", {"type": "string", "enum": ["day", "week", "month"], "default": "week"}, "The period."),
         _query("format", {"type": "string", "enum": ["json", "svg"], "default": "json"}, "svg: the chart.")],
        {**_json("The relation (JSON), or its chart (SVG).", _ref("Relation")), "content": {
            "application/json": {"schema": _ref("Relation")}, "image/svg+xml": {"schema": {"type": "string"}}}},
        found=True,
    ),  # fmt: skip
    "/api/v1/export": {"get": {
        "summary": "Everything, as the export contract's JSON lines (docs/export.md), streamed from one snapshot.",
        "parameters": [_query("format", {"type": "string", "enum": ["jsonl"], "default": "jsonl"}, "Only jsonl.")],
        "responses": {"200": {"description": "One record a line, each tagged {\"record\": ...} (no ETag: not cached).",
                              "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}, **ERRORS},
    }},  # fmt: skip
    "/api/v1/openapi.json": _get("This document.", [], _json("OpenAPI 3.1.", {"type": "object"})),
    "/api/v1/search": _get(
        "Articles whose title or text hold every word and \"quoted phrase\", best first (503 past the time limit).",
        [_query("q", {"type": "string", "minLength": 1, "maxLength": MAX_Q}, "The words.", True),
         _query("limit", _limit(20, SEARCH_LIMIT), "Hits a page."), CURSOR],
        _json("A page of hits.", _object(hits=_array(_ref("SearchHit")), next=_nullable("string"),
                                         query={"type": "string"})),
    ),  # fmt: skip
    "/api/v1/ingest": {"post": {
        "summary": "Ingest articles (exists only when the server was given a token).",
        "security": [{"bearer": []}],
        "requestBody": {"required": True, "description": f"JSONL, one article a line (docs/ingest.md), at most "
                        f"{INGEST_BYTES} bytes.", "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "The ingest report.", "content": {"application/json": {"schema": {
                              "type": "object"}}}}, "400": RESPONSES["BadParameter"],
                      "401": _error("No token, or not the server's."), "413": _error("The body is over 10 MB."),
                      "429": _error("Another ingest is under way (Retry-After)."),
                      "503": RESPONSES["Unavailable"]},
    }},  # fmt: skip
}

DOCUMENT: Json = {
    "openapi": "3.1.0",
    "info": {
        "title": "newsgraph",
        "version": "1",
        "description": "The HTTP API of `newsgraph serve` (docs/serve.md). Every error is "
        '{"error": {"code", "message"}}; every response carries the security headers.',
    },
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "responses": RESPONSES,
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    },
}


def document(request: Request, ng: Newsgraph) -> Response:
    _checked(request.query_params, ())
    return read(request, DOCUMENT)


def _resolved(item: Json) -> Json:
    """A `$ref` of this document made the object it names."""
    ref = item.get("$ref")
    if not ref:
        return item
    found: Any = DOCUMENT
    for part in ref.removeprefix("#/").split("/"):
        found = found[part]
    return dict(found)


def bounds(schema: Json) -> str:
    """A parameter's schema in words: its type, bounds, choices and default."""
    words = [str(schema.get("type", ""))]
    for key, text in (("minimum", "from"), ("maximum", "to"), ("minLength", "at least"), ("maxLength", "at most")):
        if key in schema:
            words.append(f"{text} {schema[key]}{' characters' if 'Length' in key else ''}")
    if "enum" in schema:
        words.append("one of " + ", ".join(map(str, schema["enum"])))
    if "default" in schema:
        words.append(f"default {schema['default']}")
    return ", ".join(w for w in words if w)


def docs_page(request: Request, ng: Newsgraph) -> Response:
    """`/api`: the HTTP API in words, from this document (no documentation script: the document is the data)."""
    _checked(request.query_params, ())
    paths = [
        (path, [(method, {**op, "parameters": [_resolved(p) for p in op.get("parameters", [])],
                          "responses": {c: _resolved(r) for c, r in op["responses"].items()}})
                for method, op in methods.items()])
        for path, methods in PATHS.items()
    ]  # fmt: skip
    return pages.render(request, "api.html", twin="/api/v1/openapi.json", info=DOCUMENT["info"],
                        version=DOCUMENT["openapi"], paths=paths, bounds=bounds)  # fmt: skip
