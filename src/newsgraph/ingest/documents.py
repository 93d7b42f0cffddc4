"""One document -> its article, or the reason there is none (text and HTML; records and feeds come through here)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.dates import parse_date
from newsgraph.ingest import metadata as md
from newsgraph.ingest.article import EmptyArticle, build_article
from newsgraph.ingest.html import extract_page
from newsgraph.ingest.outlets import OutletTable
from newsgraph.models import Article, Failure, Notice
from newsgraph.options import Options


@dataclass(frozen=True)
class Skipped:
    """A file met while walking a folder that is not of a supported kind."""

    source: str


Item = Article | Failure | Notice | Skipped


def article_or_failure(
    source: str, raw: str, options: Options, outlets: OutletTable | None = None, **fields: Any
) -> Iterator[Item]:
    """The article (after a notice if its given date cannot be read), or the reason there is none."""
    given = fields.get("published")
    if given and parse_date(given) is None:
        yield Notice(source, f"published {str(given)[:60]!r} is not a date newsgraph reads; stored without it")
        fields["published"] = None
    try:
        yield build_article(raw, source=source, options=options, outlets=outlets, **fields)
    except EmptyArticle as exc:
        yield Failure(source, str(exc))


def from_text(source: str, text: str, options: Options, outlets: OutletTable | None = None) -> Iterator[Item]:
    yield from article_or_failure(source, text, options, outlets)


def from_html(
    source: str, html: str, options: Options, url: str | None = None, outlets: OutletTable | None = None, **hints: Any
) -> Iterator[Item]:
    page = extract_page(html, url=url)
    if page is None:
        yield Failure(source, "no article text found in the page")
        return
    fields: dict[str, Any] = {
        "title": page.title,
        "url": page.url or url,
        "outlet": page.outlet,
        "published": page.published,
        "credited": [md.canonical_credit(a, outlets) for a in page.authors],
    }
    fields.update({k: v for k, v in hints.items() if v})
    yield from article_or_failure(source, page.text, options, outlets, **fields)
