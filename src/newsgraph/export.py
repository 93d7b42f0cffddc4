"""The export contract (docs/export.md): JSON, JSONL, CSV and Parquet views of the database.

The collections are read as streams from one snapshot of the database (`stream`) and written record
by record (`export_to`), so that an export's memory does not grow with the database; `build_export` gathers the
same streams into one dict for the Python API. An export reads what is stored and computes nothing: a story's
facts are its stored comparison, marked stale when the story changed since.
"""

from __future__ import annotations

import csv
import heapq
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, nullcontext
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from newsgraph.atomic import atomic_write
from newsgraph.compare.facts import STATUSES
from newsgraph.errors import MissingDependency, OptionsError, OutputError
from newsgraph.models import Embedding, event_id, outlet_name, quote_id
from newsgraph.store import CHUNK, Store
from newsgraph.stories.linking import profiles

COLLECTIONS = ("articles", "stories", "entities", "quotes", "events", "times", "places")
"""Top-level keys of the JSON export; later stages fill the empty ones, none is ever renamed."""

RECORD_NAMES = {
    "articles": "article", "stories": "story", "entities": "entity", "quotes": "quote",
    "events": "event", "times": "time", "places": "place",
}  # fmt: skip
"""The `record` tag of each collection's lines in JSONL."""

CSV_TABLES = ("articles", "stories", "facts", "entities", "quotes", "events", "times", "places")
"""Tables `write_csv` writes: the collections, and `facts` (one row per fact of a story, from `stories`)."""
PARQUET_TABLES = (*CSV_TABLES, "embeddings")
"""Tables the Parquet format writes: those of CSV and each article's embedding (numbers for programs, left out of the
readable formats)."""
FORMATS = ("json", "jsonl", "csv", "parquet")
"""What `export_to` writes: the whole contract (json, jsonl) or one table (csv, parquet)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A CSV text cell beginning with one of these is read as a formula by spreadsheets (OWASP, "CSV
Injection"): it is written with a single quote before it."""

ENTITY_RUN = 5_000
"""Entities are sorted in memory up to this many (about 2 KB each); beyond, in sorted runs of this size
kept in temporary files and merged."""
MERGE_FAN_IN = 64
"""Temporary files merged at once (more are merged into larger runs first)."""

Records = Mapping[str, Iterable[dict[str, Any]]]
"""The export's collections by name, as lists (`build_export`) or as streams (`stream`)."""
Stream = Generator[dict[str, Any], None, None]
"""One collection read lazily; closing it closes its database cursor."""


@contextmanager
def stream(store: Store, chunk: int = CHUNK) -> Iterator[dict[str, Stream]]:
    """The export's collections as lazy streams over one snapshot of the database (whole while other
    processes write), each read `chunk` rows at a time; read them inside the `with` block."""
    with store.snapshot() as view, _closing() as opened:
        yield opened(collections(view, chunk))


@contextmanager
def _closing() -> Iterator[Callable[[dict[str, Stream]], dict[str, Stream]]]:
    """A function that keeps the streams it is given, each closed (its cursor with it) when the block ends, also when
    it ends early (a failed write, a reader that closed the pipe): before the snapshot's connection is closed."""
    opened: list[Stream] = []

    def keep(streams: dict[str, Stream]) -> dict[str, Stream]:
        opened.extend(streams.values())
        return streams

    try:
        yield keep
    finally:
        for one in opened:
            one.close()


def collections(view: Store, chunk: int = CHUNK) -> dict[str, Stream]:
    """The collections of the export of `view` (a snapshot), in contract order, not read yet."""
    return {
        "articles": _articles(view, chunk),
        "stories": _stories(view, chunk),
        "entities": _entities(view, chunk),
        "quotes": _quotes(view, chunk),
        "events": _events(view, chunk),
        "times": _flat(view.iter_times(chunk)),
        "places": _flat(view.iter_places(chunk)),
    }


def build_export(store: Store) -> dict[str, Any]:
    """Everything in the database, read in one snapshot (whole while other processes write)."""
    with stream(store) as data:
        return {name: list(records) for name, records in data.items()}


def _flat(chunks: Iterable[list[dict[str, Any]]]) -> Stream:
    for rows in chunks:
        yield from rows


def _embeddings(view: Store, chunk: int) -> Stream:
    """Each article's embedding as its unit vector of floats (`newsgraph.vectors.Embedding`)."""
    for row in _flat(view.iter_embeddings(chunk)):
        vector = Embedding(row["model"], bytes(row["vector"]), float(row["scale"])).array()
        yield {"article_id": row["article_id"], "model": row["model"], "embedding": [float(x) for x in vector]}


def _articles(view: Store, chunk: int) -> Stream:
    for a in _flat(view.iter_articles(chunk)):
        yield {
            "id": a["id"],
            "url": a["url"],
            "outlet": a["outlet"],
            "title": a["title"],
            "published": a["published"],
            "language": a["language"],
            "credited": a["credited"],
            "story_id": a["story_id"],
            "reuse_of": a["reuse_of"],
            "reuse_overlap": a["reuse_overlap"] if a["reuse_of"] else None,
            "text": a["text"],
        }


def _stories(view: Store, chunk: int) -> Stream:
    """Stories with their stored comparison; `comparison_stale` when the story changed since it was compared (compare
    turned off, or another ingest under way), or was never compared (then no facts). When it was compared is left
    out: the export of the same articles is the same whenever it was made."""
    for stories in view.iter_stories(chunk):
        compared = view.comparisons([st.id for st in stories], stale=True)
        for st in stories:
            comparison = compared.get(st.id)
            facts, provenance = comparison.as_json() if comparison else ([], [])
            yield {
                "id": st.id,
                "title": st.title,
                "article_ids": st.article_ids,
                "first_published": st.first_published,
                "last_published": st.last_published,
                "facts": facts,
                "provenance": provenance,
                "comparison_stale": comparison is None or comparison.stale,
            }


def export_to(store: Store, out: str | os.PathLike[str] | IO[Any], fmt: str = "json", table: str | None = None) -> None:
    """The export in format `fmt` (FORMATS; csv and parquet: one `table` of CSV_TABLES, articles by default) written
    into `out`: a path, or an open file (text, or binary for parquet). A path that is a regular file or none yet is
    written under a temporary name and renamed when complete; another (a device, a pipe) is written as it is.

    A write that fails is one OutputError, but for a reader that closed the pipe being written (BrokenPipeError, as
    Python's own writes raise it: the caller decides whether that ends the export quietly, as the command does). Either
    way the database's cursors are closed before its connection."""
    if fmt not in FORMATS:
        raise OptionsError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    table = table or "articles"
    tables = PARQUET_TABLES if fmt == "parquet" else CSV_TABLES
    if table not in tables:
        raise OptionsError(f"unknown table {table!r} for {fmt}: one of {', '.join(tables)}")
    if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise MissingDependency("the parquet format needs pyarrow: pip install 'newsgraph[bulk]'")
    try:
        _write(store, out, fmt, table)
    except BrokenPipeError:  # whoever read the export stopped reading
        raise
    except OSError as exc:  # a full disk, a folder that cannot be written: the earlier file, if any, stays
        raise OutputError.writing(f"the export to {getattr(out, 'name', out)}", exc) from exc


def _write(store: Store, out: str | os.PathLike[str] | IO[Any], fmt: str, table: str) -> None:
    with _output(out, binary=fmt == "parquet") as file:
        if fmt == "parquet":
            with store.snapshot() as view, _closing() as opened:
                if table == "embeddings":
                    write_parquet(lambda: opened({"embeddings": _embeddings(view, CHUNK)})["embeddings"], file)
                else:
                    write_parquet(lambda: table_rows(opened(collections(view)), table), file)
            return
        with stream(store) as data:
            if fmt == "json":
                write_json(data, file)
            elif fmt == "jsonl":
                write_jsonl(data, file)
            else:
                write_csv(data, file, table)


def _output(out: str | os.PathLike[str] | IO[Any], binary: bool) -> Any:
    """A context manager giving the file to write: `out` itself when it is an open file; for a path, a file written
    under a temporary name (`atomic_write`), or the path opened as it is when it is a device or a pipe."""
    if hasattr(out, "write"):
        return nullcontext(out)
    path = Path(os.fspath(out))
    if path.exists() and not path.is_file():  # /dev/null, a named pipe: nothing to rename
        return open(path, "wb") if binary else open(path, "w", encoding="utf-8")
    return atomic_write(path, binary)


def _story_row(story: dict[str, Any]) -> dict[str, Any]:
    """A story as one CSV row: its facts counted by status instead of listed (the `facts` table lists them)."""
    row = {k: v for k, v in story.items() if k not in ("facts", "provenance")}
    return row | {f"facts_{status}": sum(f["status"] == status for f in story["facts"]) for status in STATUSES}


def _fact_rows(stories: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The `facts` CSV table: one row per fact of every story (weak ones too), its evidence as 'article_id:start-end'
    items, its outlets by name ('unknown outlet' for an article with none), its confidence and the slots its wordings
    agree on."""
    for story in stories:
        for f in story["facts"]:
            yield {
                "story_id": story["id"],
                "kind": f["kind"],
                "status": f["status"],
                "who": f["who"],
                "text": f["text"],
                "outlets": [outlet_name(o, f["article_ids"]) for o in f["outlets"]],
                "article_ids": f["article_ids"],
                "variants": len(f["variants"]),
                "evidence": [f"{e['article_id']}:{e['start']}-{e['end']}" if e.get("part", "text") == "text"
                             else f"{e['article_id']}:title" for e in f["evidence"]],  # fmt: skip
                "confidence": f.get("confidence", 1.0),
                "agreed": f.get("agreed", []),
            }


def _events(view: Store, chunk: int) -> Stream:
    for e in _flat(view.iter_events(chunk)):
        aid = e["article_id"]
        yield {
            "id": event_id(aid, e["idx"]),
            "article_id": aid,
            "sentence": e["sentence"],
            "start": e["start"],
            "end": e["end"],
            "type": e["type"],
            "quad_class": e["quad_class"],
            "source": e["source"],
            "source_id": e["source_id"],
            "source_country": e["source_country"],
            "target": e["target"],
            "target_id": e["target_id"],
            "target_country": e["target_country"],
            "date": e["date"],
            "place": e["place"],
            "mode": e["mode"],
            "claimant": e["claimant"],
            "intensity": e["intensity"],
            "trigger": e["trigger"],
            "trigger_start": e["trigger_start"],
            "trigger_end": e["trigger_end"],
            "place_country": e["place_country"],
            "claim_quote": None if e["claimant_quote"] is None else quote_id(aid, e["claimant_quote"]),
            "main": bool(e["main"]),
        }


def _quotes(view: Store, chunk: int) -> Stream:
    """Quotes by article and position; `speaker_id` is the entity its speaker's mention names now."""
    for q in _flat(view.iter_quotes(chunk)):
        aid = q["article_id"]
        yield {
            "id": quote_id(aid, q["idx"]),
            "article_id": aid,
            "speaker": q["speaker"],
            "speaker_id": q["speaker_id"],
            "speaker_kind": q["speaker_kind"],
            "via": q["via"],
            "source_start": q["source_start"],
            "source_end": q["source_end"],
            "cue": q["cue"],
            "cue_start": q["cue_start"],
            "cue_end": q["cue_end"],
            "text": q["text"],
            "kind": q["kind"],
            "stance": q["stance"],
            "denies_quote": None if q["denies"] is None else quote_id(aid, q["denies"]),
            "hedged": bool(q["hedged"]),
            "confidence": float(q["confidence"]),
            "start": q["start"],
            "end": q["end"],
        }


def _entities(view: Store, chunk: int) -> Stream:
    """Entity profiles, counted entity by entity from the streamed mention statistics (`profiles` is per
    entity), in the order `profiles` gives them: by type, name and id."""
    records = (
        {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "role": e.role, "sector": e.sector}
        | {"aliases": e.aliases}
        for stats in view.iter_mention_stats(chunk)
        for e in profiles(stats)
    )
    return _sorted(records, lambda r: (r["type"], r["name"], r["id"]), ENTITY_RUN)


def _sorted(
    records: Iterator[dict[str, Any]], key: Callable[[dict[str, Any]], Any], run: int, fan_in: int = MERGE_FAN_IN
) -> Stream:
    """`records` sorted by `key` (unique per record) in bounded memory: up to `run` of them in memory,
    more as sorted runs of `run` in temporary files (JSON lines), merged `fan_in` files at a time."""
    batch = sorted(islice(records, run), key=key)
    if len(batch) < run:
        yield from batch
        return
    with ExitStack() as files:

        def spill(rows: Iterable[dict[str, Any]]) -> IO[str]:
            file = files.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
            file.writelines(json.dumps(r) + "\n" for r in rows)
            file.seek(0)
            return file

        runs: list[IO[str]] = []
        while batch:
            runs.append(spill(batch))
            batch = sorted(islice(records, run), key=key)
        while len(runs) > fan_in:
            merged = spill(_merge(runs[:fan_in], key))
            for done in runs[:fan_in]:
                done.close()
            runs = runs[fan_in:] + [merged]
        yield from _merge(runs, key)


def _merge(runs: list[IO[str]], key: Callable[[dict[str, Any]], Any]) -> Iterator[dict[str, Any]]:
    return heapq.merge(*((json.loads(line) for line in run) for run in runs), key=key)


def write_json(data: Records, out: IO[str]) -> None:
    """The same text as `json.dump(data, out, ensure_ascii=False, indent=2)` and a newline, written record
    by record as the collections are read."""
    if not data:
        out.write("{}\n")
        return
    out.write("{")
    for i, (name, records) in enumerate(data.items()):
        out.write(("," if i else "") + "\n  " + json.dumps(name, ensure_ascii=False) + ": [")
        written = 0
        for record in records:
            text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            out.write(("," if written else "") + "\n    " + text)
            written += 1
        out.write("\n  ]" if written else "]")
    out.write("\n}\n")


def jsonl_lines(data: Records) -> Iterator[str]:
    """One line per record, each tagged with its collection: {"record": "article", ...}."""
    for collection in COLLECTIONS:
        for record in data[collection]:
            yield json.dumps({"record": RECORD_NAMES[collection], **record}, ensure_ascii=False)


def write_jsonl(data: Records, out: IO[str]) -> None:
    for line in jsonl_lines(data):
        out.write(line + "\n")


def _cell(value: Any) -> Any:
    """A CSV cell: lists joined with '; ', None empty, numbers as they are, text starting like a formula
    after a single quote ('=HYPERLINK(...) is text to a spreadsheet)."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_rows(data: Records, table: str) -> Iterator[dict[str, Any]]:
    """The rows of one table of the export (CSV_TABLES): a collection's records, the stories with their facts
    counted, or one row per fact."""
    if table == "facts":
        return _fact_rows(data["stories"])
    if table == "stories":
        return (_story_row(st) for st in data["stories"])
    return iter(data[table])


def write_csv(data: Records, out: IO[str], table: str = "articles") -> None:
    """One table of the export as CSV, row by row: text cells in double quotes (a formula-like start
    neutralized, see `_cell`), numbers bare; nothing for an empty table."""
    rows = table_rows(data, table)
    first = next(rows, None)
    if first is None:
        return
    writer = csv.DictWriter(out, fieldnames=list(first), lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    for row in chain([first], rows):
        writer.writerow({k: _cell(v) for k, v in row.items()})


# --- Parquet --------------------------------------------------------------------------------

PARQUET_ROWS = 2_048
"""Rows written to a Parquet file at once (a row group holds up to 64 of these batches)."""

_SCALARS = ("bool", "int", "float", "str")


def _kind(value: Any) -> str:
    """What a cell holds: null, bool, int, float, str, list:KIND (a list of scalars) or json (anything nested)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        inner = "null"
        for item in value:
            inner = _merge_kinds(inner, _kind(item))
        return f"list:{inner}" if inner in ("null", *_SCALARS) else "json"
    return "json"


def _merge_kinds(a: str, b: str) -> str:
    """The narrowest kind holding both: int and float make float, scalars of other kinds make str, lists merge
    their items, and anything else makes json (a cell's JSON text)."""
    if a == b or b == "null":
        return a
    if a == "null":
        return b
    if {a, b} == {"int", "float"}:
        return "float"
    if a in _SCALARS and b in _SCALARS:
        return "str"
    if a.startswith("list:") and b.startswith("list:"):
        inner = _merge_kinds(a[5:], b[5:])
        return f"list:{inner}" if inner in ("null", *_SCALARS) else "json"
    return "json"


def column_kinds(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each column's kind over all rows, in the order columns first appear."""
    kinds: dict[str, str] = {}
    for row in rows:
        for key, value in row.items():
            kinds[key] = _merge_kinds(kinds.get(key, "null"), _kind(value))
    return kinds


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    scalar = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64()}
    if kind.startswith("list:"):
        return pa.list_(scalar.get(kind[5:], pa.string()))
    return scalar.get(kind, pa.string())


def _parquet_cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "str" or kind == "list:str":
        return [str(v) for v in value] if isinstance(value, list) else str(value)
    if kind == "float" or kind == "list:float":
        return [float(v) for v in value] if isinstance(value, list) else float(value)
    return value


def write_parquet(rows: Callable[[], Iterable[dict[str, Any]]], out: IO[bytes]) -> int:
    """One table as Parquet (zstd-compressed), its rows read twice from `rows()`: once for the type of each
    column, once to write them PARQUET_ROWS at a time. Lists of numbers or text are Parquet lists, objects
    and lists of objects are JSON text, a null is a null. Returns the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = column_kinds(rows())
    schema = pa.schema([(name, _arrow_type(kind)) for name, kind in kinds.items()])
    written = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in _batches(rows(), PARQUET_ROWS):
            columns = {name: [_parquet_cell(row.get(name), kind) for row in batch] for name, kind in kinds.items()}
            writer.write_table(pa.table(columns, schema=schema))
            written += len(batch)
    return written


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch
