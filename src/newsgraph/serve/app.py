"""The ASGI app: routes, JSON responses with their validators, errors as JSON, and the headers every response
carries. Each handler calls one `Newsgraph` read, which reads one snapshot of the database: what other processes
store appears on the next request."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api import Newsgraph
from newsgraph.errors import DatabaseError, NewsgraphError, OptionsError
from newsgraph.ingest.watch import describe_every
from newsgraph.options import Options
from newsgraph.report.safe import json_text
from newsgraph.serve import pages
from newsgraph.serve.cache import AnswerCache, cached
from newsgraph.serve.ingesting import Ingesting
from newsgraph.serve.limits import MAX_IN_FLIGHT, InFlightLimit
from newsgraph.serve.params import check_query_length, path_id, story_query
from newsgraph.serve.responses import SECURITY_HEADERS, respond
from newsgraph.serve.watcher import Watcher

log = logging.getLogger("newsgraph.serve")

REASONS = {
    400: "bad_parameter", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
    429: "too_many_requests", 500: "internal", 503: "unavailable",
}  # fmt: skip


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


def read(request: Request, value: Any, headers: dict[str, str] | None = None) -> Response:
    """A read's JSON response (compact: the C encoder, a third smaller than `--json`'s indented text; the same JSON
    value), with an ETag (a hash of the body) and Cache-Control: no-cache; 304 when the client's If-None-Match names
    it."""
    return respond(request, json_text(value, indent=None).encode(), "application/json", headers)


Handler = Callable[[Request, Newsgraph], Response]


def _guarded(ng: Newsgraph, handler: Handler) -> Callable[[Request], Response]:
    """`handler` as an endpoint: a bad parameter is a 400 naming it, a database that cannot answer a 503, any other
    error a 500 with no details (the traceback goes to the log, never to the client)."""

    @functools.wraps(handler)
    def endpoint(request: Request) -> Response:
        try:
            check_query_length(request)
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


def story(request: Request, ng: Newsgraph) -> Response:
    story_query(request.query_params, allowed=())
    sid = path_id(request, "story")
    brief = ng.brief(sid)
    if brief is None:
        return error(404, f"no story {sid!r}")
    return read(request, dataclasses.asdict(brief))


def article(request: Request, ng: Newsgraph) -> Response:
    story_query(request.query_params, allowed=())
    aid = path_id(request, "article")
    found = ng.article_detail(aid)
    if found is None:
        return error(404, f"no article {aid!r}")
    return read(request, {**found, "article": dataclasses.asdict(found["article"])})


def status(request: Request, ng: Newsgraph) -> Response:
    story_query(request.query_params, allowed=())
    watcher = getattr(request.app.state, "watcher", None)
    value: dict[str, Any] = {"sources": [dataclasses.asdict(r) for r in ng.watch_status()]}
    if watcher is not None:
        value["watcher"] = {
            "sources_file": watcher.sources_file,
            "every_seconds": watcher.every,
            "running": watcher.error is None,
            "error": watcher.error,
            "rounds": [dataclasses.asdict(r) for r in reversed(watcher.rounds)],
        }
    return read(request, value)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if not request.url.path.startswith("/api/"):  # a page's address: a page says it
        return pages.error_page(request, exc.status_code, "There is no page here." if exc.status_code == 404 else
                                str(exc.detail))  # fmt: skip
    message = exc.detail if exc.status_code != 404 or exc.detail.startswith("no ") else f"no page {request.url.path}"
    if exc.status_code == 405:
        message = f"{request.method} is not allowed here (allowed: {(exc.headers or {}).get('Allow', 'GET')})"
    return error(exc.status_code, message, exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    """What escaped every handler (answered by Starlette's outermost middleware, outside SecurityHeaders: so the
    headers are set here)."""
    return error(500, "internal error", {k.decode(): v.decode() for k, v in SECURITY_HEADERS})


def create_app(
    db: str,
    options: Options | None = None,
    *,
    watch: str | None = None,
    every: float = 900.0,
    cors: Sequence[str] = (),
    token: str | None = None,
) -> Starlette:
    """The web app and API over the newsgraph database `db` (which must exist), opened once; closed when the app shuts
    down. With `watch` (a sources file), a watcher ingests its sources every `every` seconds in a thread of the app.
    With `cors`, pages of these origins may read the API from a browser. With `token`, `POST /api/v1/ingest` exists
    and takes `Authorization: Bearer TOKEN`."""
    from newsgraph.serve import actors, exporting, openapi, searching  # handlers that use this module's responses

    ng = Newsgraph(db, options, create=False)
    watcher = Watcher(db, options, watch, every, describe_every(every)) if watch else None

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if watcher is not None:
            watcher.start()
        try:
            yield
        finally:
            if watcher is not None:
                await asyncio.to_thread(watcher.stop)
            ingest_endpoint.close()
            ng.close()

    ingest_endpoint = Ingesting(db, options, token)
    cache = AnswerCache()

    def page(handler: pages.PageHandler) -> Callable[[Request], Response]:
        return cached(ng, cache, pages.guarded_page(ng, handler))

    def api(handler: Handler) -> Callable[[Request], Response]:
        return cached(ng, cache, _guarded(ng, handler))

    routes = [
        Route("/", page(pages.home), methods=["GET"]),
        Route("/search", page(pages.search_page), methods=["GET"]),
        Route("/stories/{id}", page(pages.story_page), methods=["GET"]),
        Route("/articles/{id:path}", page(pages.article_page), methods=["GET"]),
        Route("/relations/{a}/{b}", page(pages.relation_page), methods=["GET"]),
        Route("/actors", page(pages.actors_page), methods=["GET"]),
        Route("/actors/{id}", page(pages.actor_page), methods=["GET"]),
        Route("/api", page(openapi.docs_page), methods=["GET"]),
        Route("/status", pages.guarded_page(ng, pages.status_page), methods=["GET"]),  # the watcher's state: not kept
        Route("/static/style.css", pages.style, methods=["GET"]),
        Route("/favicon.ico", pages.no_icon, methods=["GET"]),
        Route("/api/v1/stories", api(stories), methods=["GET"]),
        Route("/api/v1/stories/{id}", api(story), methods=["GET"]),
        Route("/api/v1/articles/{id:path}", api(article), methods=["GET"]),
        Route("/api/v1/status", _guarded(ng, status), methods=["GET"]),
        Route("/api/v1/search", api(searching.search), methods=["GET"]),
        Route("/api/v1/actors", api(actors.actors), methods=["GET"]),
        Route("/api/v1/actors/{id}", api(actors.actor), methods=["GET"]),
        Route("/api/v1/relations", api(actors.relations), methods=["GET"]),
        Route("/api/v1/export", _guarded(ng, exporting.export), methods=["GET"]),  # streamed: never kept
        Route("/api/v1/openapi.json", api(openapi.document), methods=["GET"]),
    ]
    if token:
        routes.append(Route("/api/v1/ingest", ingest_endpoint.handle, methods=["POST"]))
    middleware = [Middleware(SecurityHeaders), Middleware(InFlightLimit, most=MAX_IN_FLIGHT)]
    if cors:
        methods = ["GET", "POST"] if token else ["GET"]
        headers = ["Authorization", "Content-Type"]
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors), allow_methods=methods,
                                     allow_headers=headers, expose_headers=["ETag", "Link"]))  # fmt: skip
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
        lifespan=lifespan,
    )
    app.state.newsgraph = ng
    app.state.watcher = watcher
    return app
