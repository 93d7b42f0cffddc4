"""How many records the inputs of an ingest hold, counted cheaply: the total of a progress bar."""

from __future__ import annotations

import os
from pathlib import Path

from newsgraph.ingest.sources import FEED_SUFFIXES, JSONL_SUFFIXES, SUPPORTED, special_file, walk


def count_records(sources: list[str]) -> int | None:
    """How many records the inputs hold, counted cheaply (files, JSONL lines, feed entries); None when
    unknown (standard input)."""
    total = 0
    for name in sources:
        if name == "-":
            return None
        path = Path(name)
        try:
            files = [f for f in walk(path) if isinstance(f, Path)] if path.is_dir() else [path]
        except OSError:
            files = []
        total += sum(_records_in(f) for f in files) if files else 1
    return total


ESTIMATE_BYTES = 1 << 30
"""Bytes of one file read to count its records for the progress total (a larger file counts what is in them)."""


def _records_in(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        return 1
    if suffix not in JSONL_SUFFIXES | FEED_SUFFIXES:
        return 1
    marks = (b"\n",) if suffix in JSONL_SUFFIXES else (b"<item", b"<entry")
    count = 0
    try:
        if special_file(os.stat(path).st_mode) is not None:
            return 1  # a device or a pipe: ingest refuses it, and reading it here might never end
        with path.open("rb") as f:
            tail = b""
            read = 0
            while read < ESTIMATE_BYTES and (chunk := f.read(1 << 20)):
                read += len(chunk)
                window = tail + chunk
                count += sum(window.count(m) for m in marks) - sum(tail.count(m) for m in marks)
                tail = window[-8:]
    except OSError:
        return 1
    return max(count, 1)
