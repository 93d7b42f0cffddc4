"""`GET /api/v1/search?q=`: full-text search over the articles (`Newsgraph.search`, newsgraph.search)."""

from __future__ import annotations

import dataclasses

from starlette.requests import Request
from starlette.responses import Response

from newsgraph.api import Newsgraph
from newsgraph.errors import OptionsError, SearchTimeout
from newsgraph.search import DEFAULT_LIMIT, MAX_LIMIT, MAX_Q
from newsgraph.serve.app import error, read
from newsgraph.serve.params import MAX_CURSOR, _checked, _int, _text

SEARCH_PARAMS = ("q", "limit", "cursor")


def search(request: Request, ng: Newsgraph) -> Response:
    """The page of hits `q`, `limit` and `cursor` ask for, with a Link header to the next page; 400 for a bad
    parameter, 503 for a search stopped at its time limit."""
    given = _checked(request.query_params, SEARCH_PARAMS)
    if not given.get("q", "").strip():
        raise OptionsError("q: required (the words to search for)")
    q = _text("q", given["q"], MAX_Q)
    limit = _int("limit", given["limit"], 1, MAX_LIMIT) if "limit" in given else DEFAULT_LIMIT
    cursor = _text("cursor", given["cursor"], MAX_CURSOR) if "cursor" in given else None
    try:
        found = ng.search(q, limit, cursor)
    except SearchTimeout as exc:
        return error(503, str(exc), {"Retry-After": "5"})
    headers = {}
    if found.next is not None:
        url = request.url.include_query_params(cursor=found.next)
        headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'  # relative: the Host header is not echoed
    value = {"hits": [dataclasses.asdict(h) for h in found.hits], "next": found.next, "query": found.query}
    return read(request, value, headers)
