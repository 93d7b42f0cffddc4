"""`POST /api/v1/ingest`: articles as JSONL in the request's body (at most MAX_BODY bytes), stored like `newsgraph
ingest` stores a .jsonl file. It exists only when the server was started with a token, and needs
`Authorization: Bearer TOKEN`. One ingest at a time: another request meanwhile is told 429."""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
import threading

from starlette.requests import Request
from starlette.responses import Response

from newsgraph.api import Newsgraph
from newsgraph.errors import DatabaseError
from newsgraph.models import IngestReport
from newsgraph.options import Options
from newsgraph.report.safe import json_text

MAX_BODY = 10 * 1024 * 1024
"""Bytes of JSONL one request may carry (413 beyond)."""


def _answer(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    body = json_text({"error": {"code": code, "message": message}})
    return Response(body, status, headers=headers, media_type="application/json")


def report_json(report: IngestReport) -> dict[str, object]:
    """What the request is answered: the ids stored, the duplicates, each failure in one line, the warnings."""
    return {
        "ingested": report.ingested,
        "duplicates": report.duplicates,
        "failures": [dataclasses.asdict(f) for f in report.failures],
        "warnings": [dataclasses.asdict(w) for w in report.warnings],
    }


class Ingesting:
    """The endpoint (`handle`), with its own connection to the database, opened at the first ingest."""

    def __init__(self, db: str, options: Options | None, token: str | None) -> None:
        self.db, self.options = db, options
        self._token = (token or "").encode()
        self._busy = threading.Lock()
        self._ng: Newsgraph | None = None

    def _authorized(self, request: Request) -> bool:
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        return bool(self._token) and scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(),
                                                                                         self._token)  # fmt: skip

    async def _body(self, request: Request) -> bytes | None:
        """The body, or None when it is longer than MAX_BODY (read no further than that)."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:
            return None
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_BODY:
                return None
        return bytes(data)

    async def handle(self, request: Request) -> Response:
        if not self._authorized(request):
            return _answer(401, "unauthorized", "this needs Authorization: Bearer TOKEN (the server's --token)",
                           {"WWW-Authenticate": "Bearer"})  # fmt: skip
        data = await self._body(request)
        if data is None:
            return _answer(413, "too_large", f"the body is over {MAX_BODY // (1024 * 1024)} MB: send it in parts")
        if not self._busy.acquire(blocking=False):
            return _answer(429, "too_many_requests", "another ingest is under way; try again", {"Retry-After": "5"})
        try:
            report = await asyncio.to_thread(self._ingest, data)
        except DatabaseError as exc:
            return _answer(503, "unavailable", f"the database cannot store now: {exc}")
        finally:
            self._busy.release()
        return Response(json_text(report_json(report)), 200, media_type="application/json")

    def _ingest(self, data: bytes) -> IngestReport:
        if self._ng is None:
            self._ng = Newsgraph(self.db, self.options, create=False)
        return self._ng.ingest_jsonl(data, "POST /api/v1/ingest")

    def close(self) -> None:
        if self._ng is not None:
            self._ng.close()
            self._ng = None
