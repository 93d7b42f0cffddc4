"""The ASGI app: routes, JSON responses with their validators, errors as JSON, and the headers every response
carries. Each handler calls one `Newsgraph` read, which reads one snapshot of the database: what other processes
store appears on the next request."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api import Newsgraph
from newsgraph.errors import DatabaseError, NewsgraphError, OptionsError
from newsgraph.options import Options
from newsgraph.report.safe import json_text
from newsgraph.serve.params import MAX_ID, story_query

log = logging.getLogger("newsgraph.serve")

SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
]
"""On every response: JSON needs nothing from anywhere, and no page may frame it."""
MAX_QUERY = 2048
"""Bytes of query string a request may carry (400 beyond)."""
REASONS = {400: "bad_parameter", 404: "not_found", 405: "method_not_allowed", 500: "internal", 503: "unavailable"}


class SecurityHeaders:
    """ASGI middleware: SECURITY_HEADERS added to every HTTP response, whatever made it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, sending)


def error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """`{"error": {"code": ..., "message": ...}}` with `status`."""
    body = json_text({"error": {"code": REASONS.get(status, "error"), "message": message}})
    return Response(body, status, headers=headers, media_type="application/json")


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _fresh(request: Request, etag: str) -> bool:
    """Whether the client's If-None-Match names `etag` (weak or strong) or is '*'."""
    given = request.headers.get("if-none-match")
    if not given:
        return False
    tags = [t.strip().removeprefix("W/") for t in given.split(",")]
    return "*" in tags or etag in tags


def read(request: Request, value: Any, headers: dict[str, str] | None = None) -> Response:
    """A read's JSON response, with an ETag (a hash of the body) and Cache-Control: no-cache; 304 when the client's
    If-None-Match names it."""
    body = json_text(value).encode()
    etag = _etag(body)
    validators = {"ETag": etag, "Cache-Control": "no-cache", **(headers or {})}
    if _fresh(request, etag):
        return Response(status_code=304, headers=validators)
    return Response(body, 200, headers=validators, media_type="application/json")


Handler = Callable[[Request, Newsgraph], Response]


def _guarded(ng: Newsgraph, handler: Handler) -> Callable[[Request], Response]:
    """`handler` as an endpoint: a bad parameter is a 400 naming it, a database that cannot answer a 503, any other
    error a 500 with no details (the traceback goes to the log, never to the client)."""

    @functools.wraps(handler)
    def endpoint(request: Request) -> Response:
        try:
            if len(request.scope.get("query_string", b"")) > MAX_QUERY:
                raise OptionsError(f"query string: at most {MAX_QUERY} bytes")
            return handler(request, ng)
        except HTTPException:
            raise  # 404 and the like: answered by _http_error
        except OptionsError as exc:
            return error(400, str(exc))
        except DatabaseError:
            log.exception("database error in %s", request.url.path)
            return error(503, "the database cannot answer now; try again")
        except (NewsgraphError, Exception):
            log.exception("error in %s", request.url.path)
            return error(500, "internal error")

    return endpoint


def stories(request: Request, ng: Newsgraph) -> Response:
    found = ng.story_page(story_query(request.query_params))
    headers = {}
    if found.next is not None:
        url = request.url.include_query_params(cursor=found.next)
        headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'  # relative: the Host header is not echoed
    value = {"stories": [dataclasses.asdict(st) for st in found.stories], "next": found.next}
    return read(request, value, headers)


def _id(request: Request, what: str) -> str:
    value = str(request.path_params["id"])
    if len(value) > MAX_ID:
        raise HTTPException(404, f"no {what} {value[:40]!r}...")
    return value


def story(request: Request, ng: Newsgraph) -> Response:
    story_query(request.query_params, allowed=())
    sid = _id(request, "story")
    brief = ng.brief(sid)
    if brief is None:
        return error(404, f"no story {sid!r}")
    return read(request, dataclasses.asdict(brief))


def article(request: Request, ng: Newsgraph) -> Response:
    story_query(request.query_params, allowed=())
    aid = _id(request, "article")
    found = ng.article_detail(aid)
    if found is None:
        return error(404, f"no article {aid!r}")
    return read(request, {**found, "article": dataclasses.asdict(found["article"])})


def status(request: Request, ng: Newsgraph) -> Response:
    story_query(request.query_params, allowed=())
    return read(request, {"sources": [dataclasses.asdict(r) for r in ng.watch_status()]})


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if exc.status_code != 404 or exc.detail.startswith("no ") else f"no page {request.url.path}"
    if exc.status_code == 405:
        message = f"{request.method} is not allowed here (allowed: {(exc.headers or {}).get('Allow', 'GET')})"
    return error(exc.status_code, message, exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    """What escaped every handler (answered by Starlette's outermost middleware, outside SecurityHeaders: so the
    headers are set here)."""
    return error(500, "internal error", {k.decode(): v.decode() for k, v in SECURITY_HEADERS})


def create_app(db: str, options: Options | None = None) -> Starlette:
    """The API over the newsgraph database `db` (which must exist), opened once; closed when the app shuts down."""
    from newsgraph.serve import actors, exporting, openapi  # handlers that use this module's responses

    ng = Newsgraph(db, options, create=False)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        ng.close()

    routes = [
        Route("/api/v1/stories", _guarded(ng, stories), methods=["GET"]),
        Route("/api/v1/stories/{id}", _guarded(ng, story), methods=["GET"]),
        Route("/api/v1/articles/{id}", _guarded(ng, article), methods=["GET"]),
        Route("/api/v1/status", _guarded(ng, status), methods=["GET"]),
        Route("/api/v1/actors", _guarded(ng, actors.actors), methods=["GET"]),
        Route("/api/v1/actors/{id}", _guarded(ng, actors.actor), methods=["GET"]),
        Route("/api/v1/relations", _guarded(ng, actors.relations), methods=["GET"]),
        Route("/api/v1/export", _guarded(ng, exporting.export), methods=["GET"]),
        Route("/api/v1/openapi.json", _guarded(ng, openapi.document), methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeaders)
    app.state.newsgraph = ng
    return app
