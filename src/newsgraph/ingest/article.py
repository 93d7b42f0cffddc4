"""Assemble a clean Article from scraped text plus whatever metadata the source gave."""

from __future__ import annotations

import hashlib
import re

from newsgraph.dates import parse_date
from newsgraph.errors import EmptyArticle
from newsgraph.ingest import metadata as md
from newsgraph.ingest.cleaning import (
    clean_line,
    is_boilerplate,
    normalize_characters,
    settle_paragraphs,
)
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.outlets import OutletTable
from newsgraph.models import Article
from newsgraph.options import Options

_HEADER_LINES = 8


def content_hash(text: str, outlet: str | None = None, title: str | None = None) -> str:
    """Hash of outlet, headline and body, blind to case and spacing.

    The same content ingested twice is one article; a reprint of it by another outlet, or
    under another headline, is an article of its own (reprint detection links the two).
    """
    folded = "\x1f".join(re.sub(r"\s+", " ", part or "").strip().casefold() for part in (outlet, title, text))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _field(value: str | None) -> str | None:
    """A metadata field as given by a source, on one line and without control characters."""
    return " ".join(normalize_characters(value).split()) or None if value else None


def build_article(
    raw: str,
    *,
    source: str,
    options: Options,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
    credited: list[str] | None = None,
    outlets: OutletTable | None = None,
) -> Article:
    """Clean `raw` and lift its metadata; fields given by the source win over lifted ones, and those
    win over `options.outlet` and `options.published` (the run's, or what the file's path says).

    Outlets and wire agencies are looked up in `outlets` (None: the package's table).
    """
    title, url, outlet, published = (_field(v) for v in (title, url, outlet, published))
    lines = [clean_line(line) for line in normalize_characters(raw).split("\n")]
    credits: list[str] = [c for c in (_field(c) for c in credited or []) if c]

    def credit(names: list[str]) -> None:
        for name in names:
            name = md.canonical_credit(name, outlets)
            if name not in credits:
                credits.append(name)

    # trailers ("Original url: <...>") and closing credit lines
    kept: list[str] = []
    i = 0
    while i < len(lines):
        trailer = md.trailer_url(lines, i) if lines[i] else None
        if trailer:
            url = url or trailer[0]
            i += trailer[1]
            continue
        names = md.credit_line(lines[i], outlets) if lines[i] else None
        if names:
            credit(names)
        elif lines[i] and not is_boilerplate(lines[i]):
            kept.append(lines[i])
        i += 1
    if kept and (last_url := md.bare_url(kept[-1])):
        url = url or last_url
        kept.pop()
    if kept and (first_url := md.bare_url(kept[0])):  # some scrapes open with the page address
        url = url or first_url
        kept.pop(0)

    # header: headline, its repetition with the outlet appended, byline, date line
    suffix_outlet: str | None = None
    body_start = 0
    while body_start < min(len(kept) - 1, 3):  # some pages put the date or byline above the headline
        line = kept[body_start]
        if (day := md.date_line(line)) is not None:
            published = published or day
        elif (names := md.byline(line, outlets)) is not None:
            credit(names)
        else:
            break
        body_start += 1
    kept = kept[body_start:]
    body_start = 0
    if title is None and len(kept) > 1 and md.opens_with_headline(kept[0], kept[1]):
        title, suffix_outlet = md.split_title_suffix(kept[0], outlets=outlets)
        body_start = 1
    j = body_start
    while j < min(len(kept) - 1, body_start + _HEADER_LINES):  # the last line is body: a brief is its headline
        line = kept[j]
        if title and md.same_headline(title, line) and md.looks_like_headline(line):
            variant, variant_outlet = md.split_title_suffix(line, require_separator=False, outlets=outlets)
            suffix_outlet = suffix_outlet or variant_outlet
            if len(variant) > len(title):
                title = variant
        elif (names := md.byline(line, outlets)) is not None:
            credit(names)
        elif (day := md.date_line(line)) is not None:
            published = published or day
        else:
            break
        j += 1
    body_lines = kept[j:]
    # trailing date line ("Published 20/10/2023") closes some pages
    if body_lines and (day := md.date_line(body_lines[-1])) is not None:
        published = published or day
        body_lines.pop()

    paragraphs = settle_paragraphs(body_lines)
    text = "\n\n".join(paragraphs)
    if len(text) < options.min_text_chars:
        raise EmptyArticle("no article text after cleaning")
    for para in paragraphs[:3]:
        wire = md.dateline_credit(para, outlets)
        if wire:
            credit([wire])
            break

    if title:
        title, title_outlet = md.split_title_suffix(md.strip_headline_period(title), outlets=outlets)
        suffix_outlet = suffix_outlet or title_outlet
    outlet = (md.known_outlet(outlet, outlets) or outlet) if outlet else None
    outlet = outlet or (md.outlet_from_url(url, outlets) if url else None) or suffix_outlet
    if not outlet and options.outlet:  # the run's, or the one its file's path names
        outlet = md.known_outlet(options.outlet, outlets) or options.outlet
    published = published or options.published

    digest = content_hash(text, outlet, title)
    return Article(
        id=id or digest[:16],
        text=text,
        title=title or None,
        url=url,
        outlet=outlet,
        published=parse_date(published) if published else None,
        language=language or detect_language(text),
        credited=credits,
        source=source,
        content_hash=digest,
    )
