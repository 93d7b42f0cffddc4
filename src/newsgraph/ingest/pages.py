"""The pages of a Parquet column chunk, read from their own headers: what reading them will take, known before pyarrow
decompresses any of them. A page header is a Thrift struct in the compact protocol; just enough of it is read here
(no Thrift library): the page's sizes and its number of values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.errors import InputError

HEADER_WINDOW = 1 << 16
"""Bytes read at first for a page header (most take under 100; statistics make some longer)."""
MAX_HEADER = 16 << 20
"""A page header longer than this is refused (pyarrow's own limit)."""
PER_VALUE = 8
"""Bytes counted for each value of a page besides its data: its levels and offset once decoded."""
_MAX_DEPTH = 32


@dataclass(frozen=True)
class ColumnPages:
    """What reading one column chunk takes, from its page headers."""

    name: str
    repeated: bool
    """A list column: one row may span all its pages."""
    total: int
    """Bytes of all its pages, compressed and not, and PER_VALUE for each value."""
    largest: int
    """The same for its largest page."""
    largest_value: int
    """Bytes of its largest uncompressed page: no one value, nor dictionary entry, is longer."""


def column_pages(f: Any, chunk: Any, repeated: bool) -> ColumnPages:
    """The pages of a column chunk (pyarrow ColumnChunkMetaData) of the open file `f`, walked from the chunk's
    first page to its end or its last value. InputError when a header cannot be read."""
    start = chunk.data_page_offset
    dictionary = chunk.dictionary_page_offset
    if chunk.has_dictionary_page and dictionary and 0 < dictionary < start:
        start = dictionary
    end, values = start + chunk.total_compressed_size, 0
    total = largest = largest_value = 0
    while start < end and values < chunk.num_values:
        length, (kind, uncompressed, compressed, count) = _header(f, start)
        if compressed < 0 or uncompressed < 0 or count < 0:
            raise InputError(f"a page header of column '{chunk.path_in_schema}' gives a negative size")
        cost = compressed + uncompressed + PER_VALUE * count
        total, largest = total + cost, max(largest, cost)
        largest_value = max(largest_value, uncompressed)
        values += count if kind != _DICTIONARY_PAGE else 0
        start += length + compressed
    return ColumnPages(chunk.path_in_schema, repeated, total, largest, largest_value)


_DICTIONARY_PAGE = 2


def _header(f: Any, at: int) -> tuple[int, tuple[int, int, int, int]]:
    """(length of the header, (page type, uncompressed size, compressed size, values)) of the page at `at`."""
    window = HEADER_WINDOW
    while True:
        f.seek(at)
        data = f.read(window)
        try:
            reader = _Compact(data)
            return reader.pos_after(reader.page_header)
        except EOFError:
            if len(data) < window or window >= MAX_HEADER:
                raise InputError(f"a page header at byte {at:,} is cut short or over {MAX_HEADER:,} bytes") from None
            window *= 4
        except (IndexError, ValueError, RecursionError) as exc:
            raise InputError(f"a page header at byte {at:,} cannot be read: {exc}") from None


class _Compact:
    """Thrift's compact protocol, reading: varints, field headers, and skipping what is not wanted."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def pos_after(self, read: Any) -> tuple[int, Any]:
        value = read()
        return self.pos, value

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise EOFError  # the header runs past the bytes read so far
        self.pos += 1
        return self.data[self.pos - 1]

    def varint(self) -> int:
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 63:
                raise ValueError("a varint over 64 bits")

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def advance(self, n: int) -> None:
        if n < 0:
            raise ValueError("a negative length")
        if self.pos + n > len(self.data):
            raise EOFError  # the header runs past the bytes read so far
        self.pos += n

    def fields(self) -> Any:
        """(field id, type) of each field of a struct, up to its stop byte; the caller reads or skips each value."""
        field = 0
        while head := self.byte():
            kind, delta = head & 0x0F, head >> 4
            field = field + delta if delta else self.zigzag()
            yield field, kind

    def skip(self, kind: int, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            raise ValueError("nested too deeply")
        if kind in (1, 2):  # true, false: in the field header itself
            return
        if kind == 3:
            self.advance(1)
        elif kind in (4, 5, 6):
            self.varint()
        elif kind == 7:
            self.advance(8)
        elif kind == 8:
            self.advance(self.varint())
        elif kind in (9, 10):
            self._skip_list(depth)
        elif kind == 11:
            self._skip_map(depth)
        elif kind == 12:
            for _, inner in self.fields():
                self.skip(inner, depth + 1)
        else:
            raise ValueError(f"unknown Thrift type {kind}")

    def _skip_list(self, depth: int) -> None:
        head = self.byte()
        size, kind = head >> 4, head & 0x0F
        if size == 15:
            size = self.varint()
        if kind in (1, 2):  # booleans in a list: a byte each
            self.advance(size)
            return
        for _ in range(size):
            self.skip(kind, depth + 1)

    def _skip_map(self, depth: int) -> None:
        size = self.varint()
        if size:
            kinds = self.byte()
            for _ in range(size):
                self.skip(kinds >> 4, depth + 1)
                self.skip(kinds & 0x0F, depth + 1)

    def page_header(self) -> tuple[int, int, int, int]:
        """PageHeader: 1 type, 2 uncompressed_page_size, 3 compressed_page_size, and in the data page header
        (5, or 8 for version 2) or the dictionary page header (7), field 1: num_values."""
        got = {1: 0, 2: 0, 3: 0}
        values = 0
        for field, kind in self.fields():
            if field in got and kind == 5:
                got[field] = self.zigzag()
            elif field in (5, 7, 8) and kind == 12:
                for inner, inner_kind in self.fields():
                    if inner == 1 and inner_kind == 5:
                        values = self.zigzag()
                    else:
                        self.skip(inner_kind, 1)
            else:
                self.skip(kind)
        return got[1], got[2], got[3], values
