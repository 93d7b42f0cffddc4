"""`GET /api/v1/export` (docs/serve.md): the export contract as JSON lines, streamed from one snapshot of the database
as it is read, never whole in memory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Generator, Mapping

import anyio
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from newsgraph.api import Newsgraph
from newsgraph.errors import OptionsError
from newsgraph.serve.params import _checked

log = logging.getLogger("newsgraph.serve")

EXPORT_PARAMS = ("format",)
EXPORT_FORMATS = ("jsonl",)
CHUNK_CHARS = 65_536
"""Characters of the export sent as one chunk (whole lines: a longer line is a chunk alone)."""


class SnapshotStream(StreamingResponse):
    """A streamed response over a generator that holds a database snapshot: each chunk read in a worker thread, and
    the generator closed, in a worker thread too, when the response ends however it ends (read to the end, the
    client gone away, sending failed, the server shutting down): the snapshot is released then, not whenever the
    generator is collected."""

    def __init__(self, chunks: Generator[str, None, None], media_type: str, headers: Mapping[str, str]) -> None:
        self._chunks = chunks
        super().__init__(self._read(), media_type=media_type, headers=headers)

    async def _read(self) -> AsyncIterator[bytes]:
        while (chunk := await anyio.to_thread.run_sync(next, self._chunks, None)) is not None:
            yield chunk.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except ClientDisconnect:  # the client went away: nothing to report
            raise
        except Exception:  # a database error midway: the status was sent, the body is cut short
            log.exception("the export stream of %s broke off", scope.get("path"))
            raise
        finally:
            with anyio.CancelScope(shield=True):  # also when the request was cancelled
                await anyio.to_thread.run_sync(self._chunks.close)


def export(request: Request, ng: Newsgraph) -> Response:
    given = _checked(request.query_params, EXPORT_PARAMS)
    fmt = given.get("format", "jsonl")
    if fmt not in EXPORT_FORMATS:
        raise OptionsError(f"format: one of {', '.join(EXPORT_FORMATS)} (csv and parquet write one table a file, and "
                           "json is one document: `newsgraph export`)")  # fmt: skip
    headers = {"Cache-Control": "no-store", "Content-Disposition": 'attachment; filename="newsgraph.jsonl"'}
    if request.method == "HEAD":  # the headers only: nothing is read
        return Response(headers=headers, media_type="application/x-ndjson")
    return SnapshotStream(ng.export_chunks(fmt, CHUNK_CHARS), "application/x-ndjson", headers)
