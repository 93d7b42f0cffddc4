"""Records -> articles: JSON files, JSONL lines (files and standard input) and Parquet rows; a bad record is one
failure and the records beside it go on."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsgraph.errors import InputError
from newsgraph.ingest import metadata as md
from newsgraph.ingest.documents import Item, article_or_failure, from_html
from newsgraph.ingest.files import decode_utf8
from newsgraph.ingest.outlets import OutletTable
from newsgraph.models import Failure
from newsgraph.options import Options

RECORD_FIELDS = ("id", "title", "url", "outlet", "published", "language")


def _scalar(value: Any) -> bool:
    """A field value to read as text: a non-empty string or a number (lists, objects and booleans are not)."""
    return (isinstance(value, str) and bool(value.strip())) or (
        isinstance(value, int | float) and not isinstance(value, bool)
    )


def from_record(source: str, record: Any, options: Options, outlets: OutletTable | None = None) -> Iterator[Item]:
    """One JSON record: {id, text | html, title, url, outlet, published, language, credited}."""
    if not isinstance(record, dict):
        yield Failure(source, f"expected a JSON object, got {type(record).__name__}")
        return
    fields: dict[str, Any] = {k: str(record[k]) for k in RECORD_FIELDS if _scalar(record.get(k))}
    credited = record.get("credited") or record.get("author") or record.get("authors") or []
    if isinstance(credited, str):
        credited = md.split_names(credited, outlets)
    elif not isinstance(credited, list):  # a number, an object: not names
        credited = []
    fields["credited"] = [md.canonical_credit(c, outlets) for c in credited if isinstance(c, str) and c.strip()]
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        yield from article_or_failure(source, text, options, outlets, **fields)
    elif isinstance(html, str) and html.strip():
        url = fields.pop("url", None)
        yield from from_html(source, html, options, url=url, outlets=outlets, **fields)
    else:
        yield Failure(source, "record has neither 'text' nor 'html'")


def _guarded(source: str, record: Any, options: Options, outlets: OutletTable | None) -> Iterator[Item]:
    """One record, whatever it holds: a failure nobody foresaw costs this record only (standard input
    has no file around it to fail instead)."""
    try:
        yield from from_record(source, record, options, outlets)
    except Exception as exc:
        yield Failure(source, f"unexpected error: {exc.__class__.__name__}: {exc}")


def from_json(source: str, text: str, options: Options, outlets: OutletTable | None = None) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(source, f"malformed JSON: {_json_problem(exc)} (line {exc.lineno}, column {exc.colno})")
        return
    records = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else [data]
    for i, record in enumerate(records, start=1):
        yield from _guarded(f"{source}[{i}]" if len(records) > 1 else source, record, options, outlets)


def _json_problem(exc: json.JSONDecodeError) -> str:
    """The decoder's message without its dangling 'at' ('Unterminated string starting at')."""
    return re.sub(r"\s+(?:starting\s+)?at$", "", exc.msg)


def from_jsonl(
    source: str, lines: Iterable[str | bytes | InputError], options: Options, outlets: OutletTable | None = None
) -> Iterator[Item]:
    """One record per line; a bad line is one failure and the other lines go on."""
    for lineno, raw in enumerate(lines, start=1):
        if isinstance(raw, InputError):
            yield Failure(f"{source}:{lineno}", str(raw))
            continue
        try:
            line = decode_utf8(raw) if isinstance(raw, bytes) else raw
        except InputError as exc:
            yield Failure(f"{source}:{lineno}", str(exc))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(f"{source}:{lineno}", f"malformed JSON: {_json_problem(exc)} (column {exc.colno})")
            continue
        yield from _guarded(f"{source}:{lineno}", record, options, outlets)


def from_parquet(source: str, rows: Iterable[dict[str, Any] | InputError], options: Options,
                 outlets: OutletTable | None = None) -> Iterator[Item]:  # fmt: skip
    """One record per row ('file.parquet:N' names row N, from 1); a bad row is one failure, the others go on."""
    for n, row in enumerate(rows, start=1):
        if isinstance(row, InputError):
            yield Failure(f"{source}:{n}", str(row))
        else:
            yield from _guarded(f"{source}:{n}", row, options, outlets)
