"""Bounds that keep the server answering: at most MAX_IN_FLIGHT requests at once (those beyond are told 429 at once,
with Retry-After, instead of queueing without end)."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

MAX_IN_FLIGHT = 64
"""Requests the server works on at once (Starlette runs each handler in a thread of a pool of 40)."""


class InFlightLimit:
    """ASGI middleware: a request beyond `most` under way gets 429 and `Retry-After: 1`."""

    def __init__(self, app: ASGIApp, most: int = MAX_IN_FLIGHT) -> None:
        self.app, self.most, self.under_way = app, most, 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.under_way >= self.most:
            await _too_many(send)
            return
        self.under_way += 1  # one event loop: no other coroutine runs between the test and this
        try:
            await self.app(scope, receive, send)
        finally:
            self.under_way -= 1


async def _too_many(send: Send) -> None:
    body = b'{"error": {"code": "too_many_requests", "message": "the server is busy; try again in a second"}}'
    headers = [(b"content-type", b"application/json"), (b"retry-after", b"1"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})
