"""Spans of one article (mentions, places, quotes, time expressions, quotations) indexed by where they are: the
spans inside a range, around a range, or the last of a kind that ends before a point, each found by bisection. A scan
of all of an article's spans for each mention, quote or trigger is quadratic in the article's length (a 2 MB text
has tens of thousands of each); these lookups keep its analysis linear. Pure data, built once per article."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence


class SpanIndex:
    """Spans given as (start, end), answered by their indexes in the order given (so that a caller's `next`, `min`
    or `max` over them finds what a scan of the whole list would)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self._order = order
        self._starts = [spans[k][0] for k in order]
        self._ends = [spans[k][1] for k in order]
        size = 1
        while size < len(order):
            size *= 2
        self._size = size
        tree = [-1] * (2 * size)  # the longest reach (greatest end) of the spans under each node, in start order
        tree[size : size + len(order)] = self._ends
        for node in range(size - 1, 0, -1):
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
        self._tree = tree

    def __len__(self) -> int:
        return len(self._order)

    def inside(self, start: int, end: int) -> list[int]:
        """The spans within [start, end] (start <= s and e <= end), in the order given."""
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return sorted(self._order[i] for i in range(lo, hi) if self._ends[i] <= end)

    def starting(self, start: int, end: int) -> list[int]:
        """The spans that start in [start, end), in the order given."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return sorted(self._order[lo:hi])

    def around(self, start: int, end: int) -> list[int]:
        """The spans that hold [start, end] (s <= start and end <= e), in the order given: of the spans that start
        by `start`, those that reach `end`, found down a tree of their reaches (a long span early in the text costs
        no scan of all those after it)."""
        count = bisect_right(self._starts, start)  # the spans in start order [0, count) start by `start`
        found: list[int] = []
        stack = [(1, 0, self._size)]
        while stack:
            node, lo, hi = stack.pop()
            if lo >= count or self._tree[node] < end:
                continue
            if hi - lo == 1:
                found.append(self._order[lo])
                continue
            mid = (lo + hi) // 2
            stack += [(2 * node, lo, mid), (2 * node + 1, mid, hi)]
        return sorted(found)


class Latest:
    """Of some spans given as (index, end), the one of greatest index that ends by a point: 'the last person named
    before the pronoun', when the last is the last in the order given."""

    def __init__(self, items: Iterable[tuple[int, int]]) -> None:
        by_end = sorted(items, key=lambda item: item[1])
        self._ends = [end for _, end in by_end]
        self._best: list[int] = []  # the greatest index among the spans that end by each end, in end order
        for index, _ in by_end:
            self._best.append(max(index, self._best[-1]) if self._best else index)

    def before(self, at: int) -> int | None:
        """The greatest index of a span that ends by `at` (e <= at), None when none does."""
        count = bisect_right(self._ends, at)
        return self._best[count - 1] if count else None


class Covered:
    """Whether a range overlaps any of some spans, in log time: a prefix maximum of their ends in start order."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []
        for _, e in ordered:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span starts before `end` and ends after `start`."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start
