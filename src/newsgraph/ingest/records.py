"""Records -> articles: JSON files, JSONL lines (files and standard input) and Parquet rows; a bad record is one
failure and the records beside it go on."""

from __future__ import annotations

import json
import re
import sys
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
        data = parse_json(text, whole_file=True)
    except InputError as exc:
        yield Failure(source, str(exc))
        return
    records = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else [data]
    for i, record in enumerate(records, start=1):
        yield from _guarded(f"{source}[{i}]" if len(records) > 1 else source, record, options, outlets)


MAX_JSON_DEPTH = 64
"""Arrays and objects nested deeper than this are refused before parsing. A record is a flat object (with a list of
names at most); Python's parser recurses, so a line of 100,000 '[' would raise RecursionError, not a JSON error."""
TOO_DEEP = f"too deeply nested (over {MAX_JSON_DEPTH} levels of arrays and objects)"
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text: str) -> bool:
    """Whether arrays and objects nest deeper than MAX_JSON_DEPTH (brackets inside strings do not count): one pass
    over the brackets, with no parse."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for m in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if m[0] in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            return True
    return False


def parse_json(text: str, whole_file: bool = False) -> Any:
    """The JSON value of a line (or of a whole file: its errors give the line too); InputError, with the reason
    shown, for malformed JSON and for nesting deeper than MAX_JSON_DEPTH."""
    if too_deep(text):
        raise InputError(TOO_DEEP)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if whole_file else f"column {exc.colno}"
        raise InputError(f"malformed JSON: {_json_problem(exc)} ({where})") from None
    except RecursionError:  # a parse begun deep in the stack
        raise InputError(TOO_DEEP) from None
    except ValueError:  # Python converts integers of at most sys.get_int_max_str_digits() digits
        raise InputError(f"malformed JSON: a number of over {sys.get_int_max_str_digits():,} digits") from None


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
            record = parse_json(line)
        except InputError as exc:
            yield Failure(f"{source}:{lineno}", str(exc))
            continue
        yield from _guarded(f"{source}:{lineno}", record, options, outlets)


def from_parquet(source: str, rows: Iterable[tuple[str, dict[str, Any] | InputError]], options: Options,
                 outlets: OutletTable | None = None) -> Iterator[Item]:  # fmt: skip
    """One record per row ('file.parquet:N' names row N, from 1; 'file.parquet:N-M' the rows of a row group not
    read); a bad row is one failure, the others go on."""
    for n, row in rows:
        if isinstance(row, InputError):
            yield Failure(f"{source}:{n}", str(row))
        else:
            yield from _guarded(f"{source}:{n}", row, options, outlets)
