"""A story's coverage over time, as the bars of a small chart: its articles per day, independent reports and
reprints, every day from the first to the last (a day with none is an empty slot, not left out)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from newsgraph.models import BriefArticle

WIDTH, HEIGHT, BASE = 720, 90, 72
"""The chart's size and the y of its base line (room for the dates below)."""
MAX_SLOT = 36
"""The widest a day's slot is (a story of a few days is a small chart, not a few wide blocks)."""
MAX_DAYS = 120
"""At most this many days: a story spread wider is charted over its last MAX_DAYS."""


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def coverage(articles: Sequence[BriefArticle]) -> dict[str, Any] | None:
    """The chart's geometry (width, height, base, bar width, first and last day, one bar a day with its counts and
    rectangles), or None when fewer than two articles are dated."""
    dated = [(d, bool(a.reprint_of)) for a in articles if (d := _day(a.published))]
    if len(dated) < 2:
        return None
    last = max(d for d, _ in dated)
    first = max(min(d for d, _ in dated), last - timedelta(days=MAX_DAYS - 1))
    days = (last - first).days + 1
    original = Counter(d for d, copy in dated if not copy and d >= first)
    copies = Counter(d for d, copy in dated if copy and d >= first)
    top = max((original[d] + copies[d] for d in original | copies), default=1)
    slot = min(WIDTH / days, MAX_SLOT)
    width = round(slot * days, 1)
    bar = max(1.0, round(slot * 0.8, 1))
    scale = (BASE - 6) / top
    bars = []
    for i in range(days):
        day = first + timedelta(days=i)
        h_original, h_copies = original[day] * scale, copies[day] * scale
        if not h_original and not h_copies:
            continue
        bars.append({
            "day": day.isoformat(), "original": original[day], "reprints": copies[day], "x": round(i * slot, 1),
            "y_original": round(BASE - h_original, 1), "h_original": round(h_original, 1),
            "y_reprints": round(BASE - h_original - h_copies, 1), "h_reprints": round(h_copies, 1),
        })  # fmt: skip
    return {"width": max(width, 160), "height": HEIGHT, "base": BASE, "bar": bar, "bars": bars,
            "first": first.isoformat(), "last": last.isoformat()}  # fmt: skip
