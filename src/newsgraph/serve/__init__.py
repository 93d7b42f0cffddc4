"""`newsgraph serve`: the HTTP API over a database, an ASGI app (Starlette) run by uvicorn (docs/serve.md).

`create_app(db, options)` returns the app, so that it can be mounted in another ASGI application; its handlers call
the `Newsgraph` API only (never the store)."""

from __future__ import annotations

from newsgraph.serve.app import create_app
from newsgraph.serve.binding import DEFAULT_HOST, bind_warning

__all__ = ["DEFAULT_HOST", "bind_warning", "create_app"]
