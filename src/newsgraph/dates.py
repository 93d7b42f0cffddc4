"""Dates as newsgraph reads them: any common written form of a publication date -> YYYY-MM-DD.

A leaf module (it imports nothing of newsgraph), so that options can check a date as ingest reads one.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _to_iso(d: date | datetime) -> str | None:
    """YYYY-MM-DD, for years a news date can have (1800-2200); None otherwise."""
    return d.isoformat()[:10] if 1800 <= d.year <= 2200 else None


_EPOCH = re.compile(r"^\d{9,10}(?:\.\d+)?$|^\d{12,13}$")
"""Seconds since 1970 (2001-09-09 onwards), or milliseconds."""


def parse_date(value: Any) -> str | None:
    """Normalize a date given as ISO text (with or without time and zone: the date as written), RFC 2822
    text, free text with a year ('Oct 28, 2025'), epoch seconds or milliseconds, date or datetime."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return _to_iso(value)
    text = str(value).strip()
    if not text:
        return None
    if _EPOCH.match(text):
        seconds = float(text) / (1000 if len(text) >= 12 and "." not in text else 1)
        try:
            return _to_iso(datetime.fromtimestamp(seconds, tz=UTC))
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return _to_iso(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _to_iso(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text)


MAX_DATE_CHARS = 100
"""Longer text is no date (and would keep dateparser busy for seconds)."""


def _dateparser(text: str) -> str | None:
    if len(text) > MAX_DATE_CHARS or not _YEAR.search(text):
        return None
    import dateparser  # slow to import: only when a date needs it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            text,
            settings={
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    return _to_iso(parsed) if parsed else None
