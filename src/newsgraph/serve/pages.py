"""The web pages: made on the server from the Jinja2 templates in `templates/` (autoescaping on, so every piece of
article, outlet and actor text is escaped, and control characters are taken out before), with no script at all and
one stylesheet of the package. Each page reads what it shows through one `Newsgraph` call (one snapshot) and links
to its JSON twin, the API address that gives the same data."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from newsgraph.api import Newsgraph
from newsgraph.errors import DatabaseError, NewsgraphError, OptionsError, UnknownActor
from newsgraph.models import Fact, StoryBrief, outlet_name
from newsgraph.relations.series import PERIODS
from newsgraph.report.brief import confident_facts, main_happening, outlets_text, weak_note
from newsgraph.report.text import comparison_note, quoted
from newsgraph.serve.params import MAX_Q, STORY_PARAMS, check_query_length, path_id, story_query
from newsgraph.serve.responses import respond
from newsgraph.serve.timeline import coverage

log = logging.getLogger("newsgraph.serve")

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Taken out of every value a page shows: controls (tab, line feed and carriage return kept) and the bidirectional
overrides that make a line appear to say something else."""


def _clean(value: Any) -> Any:
    """What a template prints: plain text without controls (markup the templates made themselves is kept)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _CONTROLS.sub("", value)
    return value


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsgraph.serve", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_clean,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    env.filters["pathpart"] = lambda text: quote(str(text), safe="")  # an id as one part of a path, whatever it holds
    env.filters["zip"] = lambda a, b: zip(a, b, strict=False)
    env.globals["fact_outlets"] = outlets_text
    env.globals["quoted"] = quoted
    return env


ENV = _environment()
STYLE = resources.files("newsgraph.serve").joinpath("static/style.css").read_bytes()
FIELDS: dict[str, dict[str, Any]] = {
    "q": {"label": "title words", "size": 18},
    "since": {"label": "since", "kind": "date"},
    "until": {"label": "until", "kind": "date"},
    "outlet": {"label": "outlet", "size": 14},
    "actor": {"label": "actor", "size": 14},
    "country": {"label": "country (ISO code)", "size": 5},
    "place": {"label": "place", "size": 12},
    "lang": {"label": "language", "size": 4},
    "min_sources": {"label": "independent sources ≥", "kind": "number", "size": 4},
    "sort": {"label": "order", "choices": [("recent", "newest first"), ("size", "largest first")], "default": "recent"},
}
"""The filters of the story list, as the form shows them (those `story_query` takes: STORY_PARAMS)."""
SEARCH_LIMIT = 20


def render(request: Request, template: str, *, status: int = 200, twin: str | None = None, **values: Any) -> Response:
    """`template` filled with `values`, as an HTML response with its validators."""
    body = ENV.get_template(template).render(twin=twin, **values).encode()
    return respond(request, body, "text/html; charset=utf-8", status=status)


def error_page(request: Request, status: int, message: str) -> Response:
    headings = {400: "bad request", 404: "not found", 500: "internal error", 503: "unavailable"}
    return render(request, "error.html", status=status, heading=headings.get(status, "error"), message=message,
                  status_text=str(status))  # fmt: skip


PageHandler = Callable[[Request, Newsgraph], Response]


def guarded_page(ng: Newsgraph, handler: PageHandler) -> Callable[[Request], Response]:
    """`handler` as an endpoint whose failures are pages: 400 naming the bad parameter, 404, 503 when the database
    cannot answer, 500 with no details (the traceback goes to the log)."""

    @functools.wraps(handler)
    def endpoint(request: Request) -> Response:
        try:
            check_query_length(request)
            return handler(request, ng)
        except HTTPException as exc:
            return error_page(request, exc.status_code, str(exc.detail))
        except OptionsError as exc:
            return error_page(request, 400, str(exc))
        except DatabaseError:
            log.exception("database error in %s", request.url.path)
            return error_page(request, 503, "The database cannot answer now; try again.")
        except (NewsgraphError, Exception):
            log.exception("error in %s", request.url.path)
            return error_page(request, 500, "Something went wrong on the server.")

    return endpoint


def style(request: Request) -> Response:
    return Response(STYLE, headers={"Cache-Control": "public, max-age=3600"}, media_type="text/css")


def no_icon(request: Request) -> Response:
    """No icon (browsers ask for one): 204 rather than a 404 in their console."""
    return Response(status_code=204, headers={"Cache-Control": "public, max-age=86400"})


def _given(params: QueryParams, drop: tuple[str, ...] = ()) -> dict[str, str]:
    """The parameters a form sent, without the empty ones (an empty field is no filter) and those of `drop`."""
    return {k: v for k, v in params.multi_items() if v.strip() and k not in drop}


def home(request: Request, ng: Newsgraph) -> Response:
    """`/`: the stories, newest first, with the filters of `GET /api/v1/stories` kept in the address."""
    given = _given(request.query_params)
    found = ng.story_page(story_query(QueryParams(given)))
    kept = {k: v for k, v in given.items() if k != "cursor"}
    fields = [{"name": n, "kind": "text", "size": 10, "choices": None, "default": "", **FIELDS.get(n, {"label": n})}
              for n in STORY_PARAMS if n not in ("limit", "cursor")]  # fmt: skip
    return render(
        request,
        "index.html",
        twin="/api/v1/stories" + (f"?{urlencode(given)}" if given else ""),
        stories=found.stories,
        fields=fields,
        given=kept,
        next_page=f"/?{urlencode({**kept, 'cursor': found.next})}" if found.next else None,
        first_page=f"/?{urlencode(kept)}" if "cursor" in given else None,
    )


def pieces(snippet: str, highlights: list[list[int]] | list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """A snippet cut at its highlighted spans: (text, highlighted) in order; spans out of range or overlapping
    an earlier one are ignored."""
    out, at = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in highlights):
        if start < at or end > len(snippet) or start >= end:
            continue
        out += [(snippet[at:start], False), (snippet[start:end], True)]
        at = end
    out.append((snippet[at:], False))
    return [(text, hit) for text, hit in out if text]


def search_page(request: Request, ng: Newsgraph) -> Response:
    """`/search?q=`: the articles whose text or title has the words, each with its snippet and its story."""
    given = _given(request.query_params)
    q = given.get("q", "")
    if not q:
        return render(request, "search.html", twin=None, search_q="", hits=[], next_page=None)
    found = ng.search(q, limit=SEARCH_LIMIT, cursor=given.get("cursor"))
    titles: dict[str, str | None] = {}
    for hit in found.hits:
        if hit.story_id and hit.story_id not in titles:
            story = ng.story(hit.story_id)
            titles[hit.story_id] = story.title if story else None
    hits = [{**vars(h), "story_title": titles.get(h.story_id) if h.story_id else None,
             "pieces": pieces(h.snippet, h.highlights)} for h in found.hits]  # fmt: skip
    return render(
        request,
        "search.html",
        twin=f"/api/v1/search?{urlencode(given)}",
        search_q=q,
        hits=hits,
        next_page=f"/search?{urlencode({'q': q, 'cursor': found.next})}" if found.next else None,
    )


def _facts(brief: StoryBrief, everything: bool) -> tuple[list[Fact], int]:
    """The facts a story page lists: those of at least its confidence (or all), and how many weak ones it leaves."""
    shown, weak = confident_facts(brief.facts, brief.fact_confidence)
    if everything:
        return shown + [f for f in brief.facts if f not in shown], 0
    return shown, weak


def story_page(request: Request, ng: Newsgraph) -> Response:
    """`/stories/{id}`: who covered it, when, the facts by status with each wording and its evidence, quotes by
    speaker with denials beside what they deny, events, names and provenance."""
    sid = path_id(request, "story")
    given = _given(request.query_params)
    if set(given) - {"facts"} or given.get("facts", "all") != "all":
        raise OptionsError("this page takes only facts=all")
    brief = ng.brief(sid)
    if brief is None:
        raise HTTPException(404, "No story with that id.")
    everything = given.get("facts") == "all"
    facts, weak = _facts(brief, everything)
    lead = main_happening(brief.facts, brief.fact_confidence)
    covered = sorted(brief.articles, key=lambda a: (a.published or "9999", a.id))
    quotes = [q for g in brief.quotes for q in g.quotes]
    return render(
        request,
        "story.html",
        twin=f"/api/v1/stories/{quote(sid, safe='')}",
        b=brief,
        facts=facts,
        weak=weak,
        weak_text=(weak_note(weak, brief.fact_confidence) or "").replace("`", ""),
        showing_all=everything,
        lead=lead,
        lead_outlets=outlets_text(lead) if lead else "",
        note=comparison_note(brief),
        covered=covered,
        titles={a.id: a.title for a in brief.articles},
        independent=len({outlet_name(a.outlet) for a in brief.articles if not a.reprint_of}),
        reprints=sum(1 for a in brief.articles if a.reprint_of),
        timeline=coverage(brief.articles),
        denials=[q | {"speaker": _speaker_of(brief, q["id"])} for q in map(vars, quotes)
                 if q["stance"] == "denies" and q["denies"]],  # fmt: skip
    )


def _speaker_of(brief: StoryBrief, quote: str) -> str | None:
    return next((g.speaker for g in brief.quotes for q in g.quotes if q.id == quote), None)


_SPAN = re.compile(r"([0-9]{1,9})-([0-9]{1,9})")
_ITEM = re.compile(r"([qe])([0-9]{1,6})")


def _highlight(detail: Mapping[str, Any], hl: str | None) -> tuple[tuple[int, int] | None, bool, str | None]:
    """What `hl` asks to highlight in an article: (span of its text or None, its headline?, a note when it cannot).
    `hl` is START-END (offsets into the text), `title`, or one of the article's quotes or events (q0, e2)."""
    text = detail["article"].text
    if not hl:
        return None, False, None
    if hl == "title":
        return None, True, None
    span, item = _SPAN.fullmatch(hl), _ITEM.fullmatch(hl)
    if span:
        start, end = int(span.group(1)), int(span.group(2))
    elif item:
        rows = detail["quotes" if item.group(1) == "q" else "events"]
        row = next((r for r in rows if r["idx"] == int(item.group(2))), None)
        if row is None:
            return None, False, "This article has no such quote or event (it may have been analysed again since)."
        start, end = row["start"], row["end"]
    else:
        raise OptionsError("hl: START-END, title, or a quote or event of the article (q0, e2)")
    if not 0 <= start < end <= len(text):
        return None, False, "The passage to highlight is not in this article's text (it may have been stored again)."
    return (start, end), False, None


def _actors(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An article's named entities, one row each (its mentions counted), most mentioned first."""
    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        key = m.get("entity_id") or f"{m['label']}:{m['text']}"
        row = rows.setdefault(key, {**m, "count": 0})
        row["count"] += 1
    return sorted(rows.values(), key=lambda r: (-r["count"], str(r.get("name") or r["text"])))


def _web_url(url: str | None) -> str | None:
    """The article's address when it is a web address (anything else, `javascript:` among them, is shown as text)."""
    return url if url and re.match(r"https?://[^\s\"'<>]+\Z", url, re.IGNORECASE) else None


def article_page(request: Request, ng: Newsgraph) -> Response:
    """`/articles/{id}?hl=...#hl`: the article's text with the sentence an evidence points to highlighted (the
    `#hl` of the address scrolls it into view), and what was read in it, each linking to its own highlight."""
    aid = path_id(request, "article")
    given = _given(request.query_params)
    if set(given) - {"hl"}:
        raise OptionsError("this page takes only hl")
    detail = ng.article_detail(aid)
    if detail is None:
        raise HTTPException(404, "No article with that id.")
    span, in_title, note = _highlight(detail, given.get("hl"))
    text = detail["article"].text
    start, end = span or (len(text), len(text))
    return render(
        request,
        "article.html",
        twin=f"/api/v1/articles/{quote(aid, safe='')}",
        a=detail["article"],
        story_id=detail["story_id"],
        reuse_of=detail["reuse_of"],
        before=text[:start],
        marked=text[start:end] if span else None,
        after=text[end:],
        highlight_title=in_title,
        hl_note=note,
        web_url=_web_url(detail["article"].url),
        quotes=detail["quotes"],
        events=detail["events"],
        actors=_actors(detail["mentions"]),
        places=list({(p["name"], p["country"]): p for p in detail["places"]}.values()),
        times=list({(t["text"], t["value"]): t for t in detail["times"]}.values()),
    )


def relation_page(request: Request, ng: Newsgraph) -> Response:
    """`/relations/{a}/{b}?by=week`: what two actors did to each other, the chart, and every event with the sentence
    it was read from."""
    a, b = (str(request.path_params[k]) for k in ("a", "b"))
    given = _given(request.query_params)
    if set(given) - {"by"}:
        raise OptionsError("this page takes only by")
    by = given.get("by", "week")
    try:
        relation = ng.relations(a, b, by)
    except UnknownActor as exc:
        raise HTTPException(404, str(exc)) from exc
    query = urlencode({"a": a, "b": b, "by": by})
    return render(request, "relation.html", twin=f"/api/v1/relations?{query}", r=relation, periods=PERIODS,
                  chart=f"/api/v1/relations?{query}&format=svg")  # fmt: skip


def status_page(request: Request, ng: Newsgraph) -> Response:
    """`/status`: what is stored, and the watcher's last result for each source (and this server's rounds)."""
    if request.query_params:
        raise OptionsError("this page takes no parameters")
    watcher = getattr(request.app.state, "watcher", None)
    return render(
        request,
        "status.html",
        twin="/api/v1/status",
        counts=ng.counts(),
        sources=ng.watch_status(),
        rounds=list(reversed(watcher.rounds)) if watcher else [],
        watching=watcher.sources_file if watcher else None,
        every=watcher.every_text if watcher else None,
        watch_error=watcher.error if watcher else None,
    )


def actors_page(request: Request, ng: Newsgraph) -> Response:
    """`/actors?q=`: actors whose name or an alias holds the words, most mentioned first."""
    given = _given(request.query_params)
    if set(given) - {"q", "cursor"}:
        raise OptionsError("this page takes only q and cursor")
    q = given.get("q", "")
    if len(q) > MAX_Q:
        raise OptionsError(f"q: at most {MAX_Q} characters")
    found = ng.actor_page(q, 50, given.get("cursor"))
    kept = {"q": q} if q else {}
    return render(request, "actors.html", twin="/api/v1/actors" + (f"?{urlencode(given)}" if given else ""),
                  actors=found.actors, q=q,
                  next_page=f"/actors?{urlencode({**kept, 'cursor': found.next})}" if found.next else None)  # fmt: skip


def actor_page(request: Request, ng: Newsgraph) -> Response:
    """`/actors/{id}`: an actor's profile, aliases, partners (each linking to the relation), stories and events."""
    aid = path_id(request, "actor")
    if request.query_params:
        raise OptionsError("this page takes no parameters")
    profile = ng.actor(aid)
    if profile is None:
        raise HTTPException(404, "No actor with that id.")
    return render(request, "actor.html", twin=f"/api/v1/actors/{quote(aid, safe='')}", p=profile)
