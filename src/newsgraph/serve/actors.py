"""`GET /api/v1/actors`, `GET /api/v1/actors/{id}` and `GET /api/v1/relations` (docs/serve.md): each one `Newsgraph`
read, its parameters checked and bounded."""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from newsgraph.api import Newsgraph
from newsgraph.errors import OptionsError, UnknownActor
from newsgraph.relations.directory import MAX_ACTORS, ActorProfile
from newsgraph.relations.series import PERIODS
from newsgraph.report.charts import svg_text
from newsgraph.serve.app import error, read
from newsgraph.serve.params import MAX_CURSOR, MAX_Q, _checked, _int, _text, named, path_id
from newsgraph.serve.responses import respond

ACTOR_PARAMS = ("q", "limit", "cursor")
RELATION_PARAMS = ("a", "b", "by", "format")
RELATION_FORMATS = ("json", "svg")
PROFILE_ITEMS = 50
"""Stories, partners and events an actor's profile lists at most (each list also says how many there are)."""


def actors(request: Request, ng: Newsgraph) -> Response:
    given = _checked(request.query_params, ACTOR_PARAMS)
    found = ng.actor_page(
        q=_text("q", given.get("q", ""), MAX_Q),
        limit=_int("limit", given["limit"], 1, MAX_ACTORS) if "limit" in given else 50,
        cursor=_text("cursor", given["cursor"], MAX_CURSOR) if "cursor" in given else None,
    )
    headers = {}
    if found.next is not None:
        url = request.url.include_query_params(cursor=found.next)
        headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
    return read(request, {"actors": [dataclasses.asdict(a) for a in found.actors], "next": found.next}, headers)


def relation_path(a: str, b: str) -> str:
    """The address of the relation between actors `a` and `b` (relative: the Host header is not echoed)."""
    return "/api/v1/relations?" + urlencode({"a": a, "b": b})


def profile_json(found: ActorProfile) -> dict[str, Any]:
    """An actor's profile as the API answers it: each partner with the address of its relation."""
    value = dataclasses.asdict(found)
    for partner in value["partners"]:
        partner["relation"] = relation_path(found.actor.id, partner["id"])
    return value


def actor(request: Request, ng: Newsgraph) -> Response:
    _checked(request.query_params, ())
    aid = path_id(request, "actor")
    found = ng.actor(aid, PROFILE_ITEMS)
    if found is None:
        return error(404, f"no actor {aid!r}")
    return read(request, profile_json(found))


def _required(given: dict[str, str], name: str) -> str:
    if name not in given:
        raise OptionsError(f"{name}: required (an actor: a country code such as RUS, a name, or an entity id)")
    return named(name, given[name])


def relations(request: Request, ng: Newsgraph) -> Response:
    given = _checked(request.query_params, RELATION_PARAMS)
    a, b = _required(given, "a"), _required(given, "b")
    by, fmt = given.get("by", "week"), given.get("format", "json")
    if by not in PERIODS:
        raise OptionsError(f"by: one of {', '.join(PERIODS)}")
    if fmt not in RELATION_FORMATS:
        raise OptionsError(f"format: one of {', '.join(RELATION_FORMATS)}")
    try:
        relation = ng.relations(a, b, by)
    except UnknownActor as exc:
        return error(404, str(exc))
    if fmt == "json":
        return read(request, dataclasses.asdict(relation))
    return _svg(request, svg_text(relation).encode())


def _svg(request: Request, body: bytes) -> Response:
    """An SVG image with the validators `read` gives JSON (the security headers forbid it any script)."""
    return respond(request, body, "image/svg+xml")
