"""Parquet files of records, read with pyarrow (the `bulk` extra)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError
from newsgraph.ingest.files import BULK_EXTRA, open_regular
from newsgraph.ingest.records import RECORD_FIELDS
from newsgraph.options import Options

PARQUET_BATCH = 256
"""Rows of a Parquet file read at once."""

PARQUET_FIELDS = (*RECORD_FIELDS, "text", "html", "credited", "author", "authors")


def parquet_rows(path: Path, options: Options) -> Iterator[dict[str, Any] | InputError]:
    """The rows of a Parquet file as records, PARQUET_BATCH rows in memory at a time; only the columns a record
    reads are read. Dates and times become ISO 8601 text. A row whose text and html are over Options.max_bytes
    is an InputError in its place; a file that is not Parquet, has neither a text nor an html column or
    cannot be read raises InputError (the rows before a read error have been given)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"reading Parquet needs pyarrow: {BULK_EXTRA}") from None
    with open_regular(path) as raw:
        try:
            parquet = pq.ParquetFile(raw)
            columns = [c for c in parquet.schema_arrow.names if c in PARQUET_FIELDS]
            if not {"text", "html"} & set(columns):
                raise InputError("Parquet file has neither a 'text' nor an 'html' column")
            for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
                for row in batch.to_pylist():
                    size = sum(len(v) for k in ("text", "html") if isinstance(v := row.get(k), str))
                    if size > options.max_bytes:
                        yield InputError(f"row over the {options.max_bytes:,}-byte cap")
                        continue
                    yield {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"not a readable Parquet file: {exc}") from None
