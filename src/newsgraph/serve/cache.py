"""Answers kept while the database does not change: each read's body is kept with the database's count of committed
write transactions (`Newsgraph.changes`) when it was made, and given again, with no other read, to a request for the
same address while that count is the same. Any process's write raises the count, so what it stored appears on the
next request as before. The count is read before the answer is made, so a kept answer is never older than its
count. Bounded in entries and bytes, least recently used out first."""

from __future__ import annotations

import asyncio
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from newsgraph.api import Newsgraph
from newsgraph.serve.responses import etag_of, respond

MAX_ENTRIES = 4096
MAX_BYTES = 256 * 1024 * 1024
"""At most this many answers and bytes kept: room for the briefs of a few hundred large stories (the story JSON of
the load benchmark's 200 largest stories is about 40 MB), so that a walk over them does not push each out before
it is asked again."""


@dataclass(frozen=True)
class Kept:
    changes: int
    body: bytes
    media_type: str
    headers: dict[str, str]
    etag: str


class AnswerCache:
    """The kept answers, by address (path and query string)."""

    def __init__(self, entries: int = MAX_ENTRIES, size: int = MAX_BYTES) -> None:
        self.entries, self.size = entries, size
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, changes: int) -> Kept | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is None or kept.changes != changes:
                return None
            self._kept.move_to_end(key)
            return kept

    def put(self, key: str, kept: Kept) -> None:
        if len(kept.body) > self.size // 8:
            return  # one answer never takes much of the room
        with self._lock:
            old = self._kept.pop(key, None)
            self._bytes -= len(old.body) if old else 0
            self._kept[key] = kept
            self._bytes += len(kept.body)
            while len(self._kept) > self.entries or self._bytes > self.size:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped.body)


KEPT_HEADERS = ("link",)
"""Headers of an answer kept with it (the validators are made again from the body)."""


COLD_RENDERS = 2
"""Answers made at once (the others wait their turn): each takes a core and holds its rows in memory, and this
machine has two; 32 made at once only share the cores and multiply the memory."""


class Renders:
    """One making of each answer at a time (requests for an answer being made wait for it: `flights`), and at most
    COLD_RENDERS makings at once."""

    def __init__(self, most: int = COLD_RENDERS) -> None:
        self.slots = asyncio.Semaphore(most)
        self.flights: dict[str, asyncio.Lock] = {}


def cached(ng: Newsgraph, cache: AnswerCache, endpoint: Callable[[Request], Response]) -> Callable[..., Any]:
    """`endpoint` answering from `cache` while the database's change count is the one its answer was made at. A kept
    answer is given on the event loop (the change count is one indexed read of one row); the others are made in the
    thread pool, one making per address at a time and at most COLD_RENDERS at once (`Renders`)."""
    renders = Renders()

    @functools.wraps(endpoint)
    async def answer(request: Request) -> Response:
        key = f"{request.url.path}?{request.url.query}"
        try:
            changes = ng.changes()
        except Exception:  # the endpoint says what is wrong with the database, as it does without the cache
            return await run_in_threadpool(endpoint, request)
        kept = cache.get(key, changes)
        if kept is None:
            flight = renders.flights.setdefault(key, asyncio.Lock())
            try:
                async with flight:
                    kept = cache.get(key, changes)  # made meanwhile by the request this one waited for
                    if kept is None:
                        async with renders.slots:
                            response = await run_in_threadpool(endpoint, request)
                        kept = _keep(cache, key, changes, response)
                        if kept is None or "if-none-match" not in request.headers:
                            return response
            finally:
                if not flight.locked() and renders.flights.get(key) is flight:
                    del renders.flights[key]
        return respond(request, kept.body, kept.media_type, kept.headers, etag=kept.etag)

    return answer


def _keep(cache: AnswerCache, key: str, changes: int, response: Response) -> Kept | None:
    """`response` kept for `changes` when it is a whole 200 (a streamed answer has no body: not kept)."""
    body = getattr(response, "body", None)
    if response.status_code != 200 or not isinstance(body, bytes):
        return None
    headers = {k: v for k, v in response.headers.items() if k in KEPT_HEADERS}
    kept = Kept(changes, body, response.media_type or "application/json", headers,
                response.headers.get("etag") or etag_of(body))  # fmt: skip
    cache.put(key, kept)
    return kept
