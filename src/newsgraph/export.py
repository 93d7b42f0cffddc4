"""The export contract (docs/export.md): JSON, JSONL and CSV views of the database."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from newsgraph.analyze.linking import profiles
from newsgraph.store.db import Store

COLLECTIONS = ("articles", "stories", "entities", "quotes", "events", "times", "places")
"""Top-level keys of the JSON export; later stages fill the empty ones, none is ever renamed."""

RECORD_NAMES = {
    "articles": "article", "stories": "story", "entities": "entity", "quotes": "quote",
    "events": "event", "times": "time", "places": "place",
}  # fmt: skip
"""The `record` tag of each collection's lines in JSONL."""

CSV_TABLES = ("articles", "stories", "entities", "times", "places")


def build_export(store: Store) -> dict[str, Any]:
    """Everything in the database, read in one snapshot (whole while other processes write)."""
    with store.snapshot() as view:
        return _export(view)


def _export(store: Store) -> dict[str, Any]:
    story_of = store.story_ids()
    reuse = store.reuse()
    articles = [
        {
            "id": a.id,
            "url": a.url,
            "outlet": a.outlet,
            "title": a.title,
            "published": a.published,
            "language": a.language,
            "credited": list(a.credited),
            "story_id": story_of.get(a.id),
            "reuse_of": reuse.get(a.id, (None, None))[0],
            "reuse_overlap": reuse.get(a.id, (None, None))[1] if reuse.get(a.id, (None, None))[0] else None,
            "text": a.text,
        }
        for a in store.articles()
    ]
    stories = [
        {
            "id": st.id,
            "title": st.title,
            "article_ids": st.article_ids,
            "first_published": st.first_published,
            "last_published": st.last_published,
        }
        for st in store.stories()
    ]
    return {
        "articles": articles,
        "stories": stories,
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "role": e.role, "aliases": e.aliases}
            for e in profiles(store.mention_stats())
        ],
        "quotes": [],
        "events": [],
        "times": store.times(),
        "places": store.places(),
    }


def write_json(data: dict[str, Any], out: IO[str]) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def jsonl_lines(data: dict[str, Any]) -> Iterator[str]:
    """One line per record, each tagged with its collection: {"record": "article", ...}."""
    for collection in COLLECTIONS:
        for record in data[collection]:
            yield json.dumps({"record": RECORD_NAMES[collection], **record}, ensure_ascii=False)


def write_jsonl(data: dict[str, Any], out: IO[str]) -> None:
    for line in jsonl_lines(data):
        out.write(line + "\n")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def write_csv(data: dict[str, Any], out: IO[str], table: str = "articles") -> None:
    """One table of the export as CSV; lists are joined with '; '."""
    rows = data[table]
    if not rows:
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    out.write(buffer.getvalue())
