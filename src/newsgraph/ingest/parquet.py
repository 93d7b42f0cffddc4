"""Parquet files of records, read with pyarrow (the `bulk` extra) within a bound on memory.

A Parquet file is small on disk and may be huge in memory: a page compresses a run of one character a
thousandfold, and a dictionary page holds a value once that a million rows name. So before a row group is read, the
headers of the pages of the columns a record reads are walked (`pages.py`: their sizes as written, not as the
file's footer claims), and a row group that would take more than `read_limit` to read is refused without being
read. The rows of the others are read a few at a time (as many as fit in `batch_bytes` were each as long as its
pages allow), the size of each measured before it becomes Python values: a row over Options.max_bytes is refused on
its own line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError
from newsgraph.ingest.files import BULK_EXTRA, open_regular
from newsgraph.ingest.pages import PER_VALUE, ColumnPages, column_pages
from newsgraph.ingest.records import RECORD_FIELDS
from newsgraph.options import Options

PARQUET_BATCH = 256
"""Rows of a Parquet file read at once, at most (fewer when its pages are large)."""
PARQUET_FIELDS = (*RECORD_FIELDS, "text", "html", "credited", "author", "authors")
READ_LIMIT_FLOOR = 256 << 20
"""Bytes reading a row group may take, at least (see `read_limit`): pyarrow writes up to 1,024 values to a page, so
pages of long HTML run to 100 MB."""
BATCH_FLOOR = 16 << 20
"""Bytes the rows read at once may take as Arrow values, at least (see `batch_bytes`)."""

Row = tuple[str, dict[str, Any] | InputError]
"""A row's number ('5', or '1-520' for the rows of a refused row group) and its record, or why there is none."""


def read_limit(options: Options) -> int:
    """Bytes the pages of one row group of a Parquet file may take to read: 4 times the cap on a record, 256 MB at
    least."""
    return max(4 * options.max_bytes, READ_LIMIT_FLOOR)


def batch_bytes(options: Options) -> int:
    """Bytes the rows read at once may take, as long as each may be: the cap on a record, 16 MB at least."""
    return max(options.max_bytes, BATCH_FLOOR)


def parquet_rows(path: Path, options: Options) -> Iterator[Row]:
    """The rows of a Parquet file as records (only the columns a record reads are read), numbered from 1. Dates and
    times become ISO 8601 text. A row over Options.max_bytes, or that cannot be read as Python values, is an
    InputError in its place; a row group whose pages would take more than `read_limit` to read is one InputError
    for all its rows. A file that is not Parquet, has neither a text nor an html column or cannot be read raises
    InputError (the rows before a read error have been given)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"reading Parquet needs pyarrow: {BULK_EXTRA}") from None
    with open_regular(path) as raw, open_regular(path) as headers:
        try:
            yield from _rows(pq, raw, headers, options)
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"not a readable Parquet file: {exc}") from None


def _rows(pq: Any, raw: Any, headers: Any, options: Options) -> Iterator[Row]:
    schema = pq.ParquetFile(raw).schema
    columns = [c for c in schema.to_arrow_schema().names if c in PARQUET_FIELDS]
    if not {"text", "html"} & set(columns):
        raise InputError("Parquet file has neither a 'text' nor an 'html' column")
    leaves = {i: schema.column(i) for i in range(len(schema)) if schema.column(i).path.split(".")[0] in columns}
    repeated = {i for i, leaf in leaves.items() if leaf.max_repetition_level > 0}
    lists = [leaves[i].path for i in repeated if leaves[i].physical_type == "BYTE_ARRAY"]  # kept as dictionaries
    parquet = pq.ParquetFile(raw, read_dictionary=lists or None, buffer_size=1 << 20)
    first = 1
    for group in range(parquet.metadata.num_row_groups):
        meta = parquet.metadata.row_group(group)
        if not meta.num_rows:
            continue
        last = first + meta.num_rows - 1
        batch = _batch_size(headers, meta, {i: i in repeated for i in leaves}, options)
        if isinstance(batch, InputError):
            yield (f"{first}-{last}" if last > first else str(first)), batch
        else:
            rows = parquet.iter_batches(batch_size=batch, row_groups=[group], columns=columns, use_threads=False)
            yield from _records(rows, first, options)
        first = last + 1


def _batch_size(headers: Any, meta: Any, leaves: dict[int, bool], options: Options) -> int | InputError:
    """How many rows of a row group to read at once so that they take at most `batch_bytes` (`leaves`: the file's
    columns to read, by index, and whether each is a list); an InputError when its pages, as their headers give them,
    would take more than `read_limit` to read, or the headers cannot be read."""
    limit = read_limit(options)
    try:
        chunks = [column_pages(headers, meta.column(i), repeated) for i, repeated in leaves.items()]
    except InputError as exc:
        return InputError(f"row group not read: {exc}")
    cost = sum(c.total if c.repeated else c.largest for c in chunks)
    if cost > limit:
        worst = max(chunks, key=lambda c: c.total if c.repeated else c.largest)
        return InputError(f"row group not read: {_too_large(worst, cost, limit)}")
    row = sum(c.largest_value for c in chunks if not c.repeated)
    return max(1, min(PARQUET_BATCH, batch_bytes(options) // max(row, 1)))


def _too_large(worst: ColumnPages, cost: int, limit: int) -> str:
    what = f"its list column '{worst.name}'" if worst.repeated else f"a page of its column '{worst.name}'"
    part = worst.total if worst.repeated else worst.largest
    return f"reading it would take {cost:,} bytes ({what}: {part:,}), over the {limit:,}-byte limit (4 x --max-bytes)"


def _records(batches: Iterator[Any], first: int, options: Options) -> Iterator[Row]:
    import pyarrow as pa

    n = first
    for batch in batches:
        sizes = _row_sizes(batch)
        batch = _pythonable(batch)
        for i in range(batch.num_rows):
            if sizes[i] > options.max_bytes:
                yield str(n), InputError(f"row over the {options.max_bytes:,}-byte cap")
            else:
                try:
                    row = batch.slice(i, 1).to_pylist()[0]
                except (ValueError, OverflowError, pa.ArrowException) as exc:
                    yield str(n), InputError(f"cannot read the row: {exc}")
                else:
                    yield str(n), {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
            n += 1


def _row_sizes(batch: Any) -> list[int]:
    """The bytes each row of a record batch would take as Python values, measured without making them."""
    total = [0] * batch.num_rows
    for column in batch.columns:
        for i, size in enumerate(_sizes(column)):
            total[i] += int(size)
    return total


def _sizes(array: Any) -> Any:
    """The bytes of each value of an Arrow array (numpy array): a string its length, a list or struct what it holds,
    a dictionary-encoded value its entry's, each value PER_VALUE more."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = array.type
    if isinstance(array, pa.ExtensionArray):
        return _sizes(array.storage)
    if pa.types.is_dictionary(kind):
        entries = _sizes(array.dictionary)
        picked = entries[array.indices.fill_null(0).to_numpy(zero_copy_only=False)] if len(entries) else 0
        return np.where(array.is_null().to_numpy(zero_copy_only=False), PER_VALUE, picked)
    if _binary(pa, kind):
        return pc.binary_length(array).fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64) + PER_VALUE
    if pa.types.is_struct(kind):
        return sum((_sizes(child) for child in array.flatten()), np.full(len(array), PER_VALUE, np.int64))
    if _listlike(pa, kind):
        parents = pc.list_parent_indices(array).to_numpy(zero_copy_only=False)
        inner = np.bincount(parents, weights=_sizes(array.flatten()), minlength=len(array))
        return inner.astype(np.int64) + PER_VALUE
    width = max(getattr(kind, "bit_width", 64) // 8, 0) if _fixed(kind) else 8
    return np.full(len(array), width + PER_VALUE, np.int64)


def _binary(pa: Any, kind: Any) -> bool:
    return bool(
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
        or pa.types.is_fixed_size_binary(kind)
        or getattr(pa.types, "is_string_view", lambda _: False)(kind)
        or getattr(pa.types, "is_binary_view", lambda _: False)(kind)
    )


def _listlike(pa: Any, kind: Any) -> bool:
    return bool(
        pa.types.is_list(kind)
        or pa.types.is_large_list(kind)
        or pa.types.is_fixed_size_list(kind)
        or pa.types.is_map(kind)
    )


def _fixed(kind: Any) -> bool:
    try:
        return int(kind.bit_width) >= 0
    except (ValueError, AttributeError):
        return False


def _pythonable(batch: Any) -> Any:
    """The batch with nanosecond timestamps and times cut to microseconds (Python's datetime has no nanoseconds)."""
    import pyarrow as pa

    columns = []
    for column in batch.columns:
        kind = column.type
        if pa.types.is_timestamp(kind) and kind.unit == "ns":
            column = column.cast(pa.timestamp("us", kind.tz), safe=False)
        elif pa.types.is_time64(kind) and kind.unit == "ns":
            column = column.cast(pa.time64("us"), safe=False)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)
