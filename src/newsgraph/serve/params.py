"""Query parameters, each checked and bounded: a bad one (unknown, repeated, malformed, out of bounds) is an
OptionsError whose message names it (a 400)."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request

from newsgraph.errors import OptionsError
from newsgraph.stories.listing import MAX_LIMIT, SORTS, StoryQuery

MAX_QUERY = 2048
"""Bytes of query string a request may carry (400 beyond)."""
MAX_Q = 200
"""Characters of `q`."""
MAX_TEXT = 200
"""Characters of `outlet`."""
MAX_CURSOR = 512
MAX_ID = 200
"""Characters of an id in a path (a longer one is no id: 404)."""
MAX_MIN_SOURCES = 10_000
STORY_PARAMS = ("q", "since", "until", "outlet", "lang", "min_sources", "sort", "limit", "cursor", "actor", "country",
                "place")  # fmt: skip
_LANG = re.compile(r"[a-z]{2,3}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_COUNTRY = re.compile(r"[A-Za-z]{3}")


def _text(name: str, value: str, most: int) -> str:
    if len(value) > most:
        raise OptionsError(f"{name}: at most {most} characters")
    return value


def _day(name: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat() if _DAY.fullmatch(value) else _bad_day(name)
    except ValueError:
        return _bad_day(name)


def _bad_day(name: str) -> str:
    raise OptionsError(f"{name}: a date as YYYY-MM-DD")


def _int(name: str, value: str, low: int, high: int) -> int:
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise OptionsError(f"{name}: a whole number from {low} to {high}")
    return int(value)


def _checked(params: QueryParams, allowed: Collection[str]) -> dict[str, str]:
    """The parameters as a dict: an unknown or repeated one is refused."""
    for name in params:
        if name not in allowed:
            raise OptionsError(f"{_text('parameter', name, 40)}: unknown parameter" + (
                f" (known: {', '.join(allowed)})" if allowed else " (this address takes none)"))  # fmt: skip
        if len(params.getlist(name)) > 1:
            raise OptionsError(f"{name}: given more than once")
    return dict(params)


def story_query(params: QueryParams, allowed: Collection[str] = STORY_PARAMS) -> StoryQuery:
    """The StoryQuery of `GET /api/v1/stories` from its parameters (with `allowed=()`: checks there are none)."""
    given = _checked(params, allowed)
    lang = given.get("lang")
    if lang is not None and not _LANG.fullmatch(lang):
        raise OptionsError("lang: a language code of 2 or 3 lower-case letters (ISO 639), e.g. en")
    sort = given.get("sort", "recent")
    if sort not in SORTS:
        raise OptionsError(f"sort: one of {', '.join(SORTS)}")
    return StoryQuery(
        q=_text("q", given.get("q", ""), MAX_Q),
        since=_day("since", given["since"]) if "since" in given else None,
        until=_day("until", given["until"]) if "until" in given else None,
        outlet=_text("outlet", given["outlet"], MAX_TEXT) if "outlet" in given else None,
        lang=lang,
        min_sources=_int("min_sources", given["min_sources"], 0, MAX_MIN_SOURCES) if "min_sources" in given else 0,
        sort=sort,
        limit=_int("limit", given["limit"], 1, MAX_LIMIT) if "limit" in given else 50,
        cursor=_text("cursor", given["cursor"], MAX_CURSOR) if "cursor" in given else None,
        actor=named("actor", given["actor"]) if "actor" in given else None,
        country=country(given["country"]) if "country" in given else None,
        place=named("place", given["place"]) if "place" in given else None,
    )


def named(name: str, value: str) -> str:
    """A name or id: not blank, at most MAX_TEXT characters."""
    if not value.strip():
        raise OptionsError(f"{name}: a name or id (not empty)")
    return _text(name, value, MAX_TEXT)


def country(value: str, name: str = "country") -> str:
    """An ISO 3166 alpha-3 code, any case (given upper-case)."""
    if not _COUNTRY.fullmatch(value):
        raise OptionsError(f"{name}: a country code of 3 letters (ISO 3166 alpha-3), e.g. RUS")
    return value.upper()


def check_query_length(request: Request) -> None:
    """OptionsError (a 400) for a query string over MAX_QUERY bytes."""
    if len(request.scope.get("query_string", b"")) > MAX_QUERY:
        raise OptionsError(f"query string: at most {MAX_QUERY} bytes")


def path_id(request: Request, what: str) -> str:
    """The `id` of the request's path; over MAX_ID characters it is no id: a 404 naming `what`."""
    value = str(request.path_params["id"])
    if len(value) > MAX_ID:
        raise HTTPException(404, f"no {what} {value[:40]!r}...")
    return value
