"""Responses every handler shares: a read's body with its validators (ETag, 304), and the headers every response
carries (the Content-Security-Policy of the pages: no script at all, styles and images from this server only)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
"""No script runs on any page (none is needed: the pages are made on the server), no inline style, nothing from
another host; forms only submit here; no page may be framed."""
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
"""On every response, whatever made it."""


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def fresh(request: Request, etag: str) -> bool:
    """Whether the client's If-None-Match names `etag` (weak or strong) or is '*'."""
    given = request.headers.get("if-none-match")
    if not given:
        return False
    tags = [t.strip().removeprefix("W/") for t in given.split(",")]
    return "*" in tags or etag in tags


def respond(
    request: Request,
    body: bytes,
    media_type: str,
    headers: Mapping[str, str] | None = None,
    status: int = 200,
    etag: str | None = None,
) -> Response:
    """A read's response: `body` with an ETag (a hash of it, or `etag` when the caller has it) and Cache-Control:
    no-cache (clients ask again, and get a 304 when nothing changed); 304 when the client's If-None-Match names it."""
    etag = etag or etag_of(body)
    validators = {"ETag": etag, "Cache-Control": "no-cache", **(headers or {})}
    if status == 200 and fresh(request, etag):
        return Response(status_code=304, headers=validators)
    return Response(body, status, headers=validators, media_type=media_type)
