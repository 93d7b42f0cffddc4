"""Time expressions in text not in English, from dateparser's own language data (its month and weekday names,
its words for 'today', 'yesterday', 'last week', ...), normalized as `timex.find_times` normalizes English ones.

dateparser's `search_dates` reads every span of a text as a possible date: some 60 ms for a news article, and it
takes numbers and stray words for dates (docs/benchmarks.md, "Non-English analysis"). Here its language data is
compiled once per language into one pattern over the whole text instead: a day number and a month name ('am 19.
Oktober', '19 октября 2023 года', '19 de octubre de 2023'), a month and a year, a month named alone (its longer
names only), a weekday, a relative day, week, month or year ('вчера', 'el año pasado'); the numeric forms written
the same in every language (ISO dates, 19.10.2023 in a language that writes the day first, a year); Chinese and
Japanese '2023年10月19日'. Inflected month names ('в октябре', 'w październiku') are found by the stem their
forms share in the data. Pure functions: no model, no database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from newsgraph.analyze.timex import _PROBES, DATE, _granular, _offset, _unanchored, _valid, _year_for
from newsgraph.models import Timex

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)  # fmt: skip
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE = {
    "0 day ago": ("D", 0), "1 day ago": ("D", -1), "0 week ago": ("W", 0), "1 week ago": ("W", -1),
    "in 1 week": ("W", 1), "0 month ago": ("M", 0), "1 month ago": ("M", -1), "in 1 month": ("M", 1),
    "0 year ago": ("Y", 0), "1 year ago": ("Y", -1), "in 1 year": ("Y", 1),
}  # fmt: skip
"""dateparser's relative phrases read here, as (unit, shift): 'tomorrow' is not, its words are also 'morning'
('mañana', 'Morgen')."""
MIN_WORD = 4
"""The shortest month or weekday name read (shorter ones are abbreviations: 'mar', 'so', 'пн')."""
MIN_ALONE = 5
"""The shortest month name read without a day or year next to it ('mars', 'Juni', 'Mayo' may be words or names)."""
MIN_STEM = 5
"""The shortest stem shared by a month's forms that its other inflections are found by ('октябр' -> 'октябре')."""

_YEAR = r"((?:1[6-9]|20)\d\d)"
_DAY = r"(?<![\d.,])(\d{1,2})\.?"
_CJK = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?|(\d{4})\s*年")
_NUMERIC = re.compile(r"(?<![\d.])(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))(?![\d.]\d)")
_YEAR_ALONE = re.compile(rf"(?<![\d.,-]){_YEAR}(?!\s*%|[\d.,-]\d|\d)")


@dataclass(frozen=True)
class Calendar:
    """One language's names of months and weekdays and its relative words, compiled."""

    pattern: re.Pattern[str]
    months: dict[str, int]
    """lower-case form (or stem) -> month"""
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    stems: tuple[tuple[str, int], ...]
    day_first: bool


def _forms(info: dict[str, object], name: str, shortest: int = MIN_WORD) -> list[str]:
    raw = info.get(name) or []
    words = [w.lower() for w in raw if isinstance(w, str)] if isinstance(raw, list) else []
    return sorted({w for w in words if len(w) >= shortest and not w.endswith(".")}, key=len, reverse=True)


_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _unspaced(info: dict[str, object]) -> bool:
    """Whether the language is written without spaces between words (Chinese, Japanese): its month names are read
    by the numeric pattern ('10月'), its other words anywhere in a run of characters."""
    return any(_HAN.search(w) for w in _forms(info, "january", 1))


def _stem(forms: list[str]) -> str:
    """The longest start all forms share, when long enough to stand for them."""
    if len(forms) < 2:
        return ""
    first, last = min(forms), max(forms)
    n = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    return first[:n] if n >= MIN_STEM else ""


NEVER = r"(?!)"


def _alternation(words: list[str], escape: bool = True) -> str:
    return "|".join(re.escape(w) if escape else w for w in sorted(set(words), key=len, reverse=True))


@cache
def calendar(language: str) -> Calendar | None:
    """The language's calendar words from dateparser's data, compiled once per process; None when dateparser does
    not know the language."""
    from dateparser.languages.loader import default_loader

    try:
        info = default_loader.get_locale(language).info
    except (ValueError, KeyError):
        return None
    unspaced = _unspaced(info)
    shortest = 2 if unspaced else MIN_WORD
    months = {} if unspaced else {w: i + 1 for i, name in enumerate(MONTH_NAMES) for w in _forms(info, name)}
    stems = () if unspaced else tuple((s, i + 1) for i, n in enumerate(MONTH_NAMES) if (s := _stem(_forms(info, n))))
    weekdays = {w: i for i, name in enumerate(WEEKDAY_NAMES) for w in _forms(info, name, shortest)}
    kinds = info.get("relative-type") or {}
    pairs = kinds.items() if isinstance(kinds, dict) else ()
    shortest_relative = 2 if unspaced else 3  # two characters, or three letters ('dün', 'hoy')
    relative = {
        " ".join(w.lower().split()): RELATIVE[k]
        for k, ws in pairs
        if k in RELATIVE
        for w in ws
        if len(w) >= shortest_relative
    }
    if not (months or weekdays or relative):
        return None
    alternatives = [_alternation(list(months)), *(re.escape(s) + r"\w{0,3}" for s, _ in stems)]
    month = "(" + ("|".join(filter(None, alternatives)) or NEVER) + ")"
    skip = [w for w in info.get("skip") or [] if isinstance(w, str) and w.strip().isalpha()]
    join = r"(?:\s+(?:" + _alternation(skip) + r")\s+|,?\s+)" if skip else r",?\s+"
    parts = [
        rf"{_DAY}{join}{month}(?:{join}{_YEAR})?",
        rf"{month}{join}{_YEAR}",
        rf"{month}(?:{join}(\d{{1,2}})(?!\d)(?:,?\s+{_YEAR})?)?",
    ]
    parts.append("(" + (_alternation(list(weekdays)) or NEVER) + ")")
    parts.append("(" + (_alternation([r"\s+".join(map(re.escape, w.split())) for w in relative], False) or NEVER) + ")")
    body = "|".join(f"(?:{p})" for p in parts)
    pattern = re.compile(body if unspaced else rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    order = str(info.get("date_order") or "DMY")
    return Calendar(pattern, months, weekdays, relative, stems, not order.startswith("M"))


def _month_of(cal: Calendar, word: str) -> int | None:
    word = word.lower()
    if word in cal.months:
        return cal.months[word]
    return next((m for s, m in cal.stems if word.startswith(s)), None)


def _read(cal: Calendar, m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    """(type, value) of one match of the calendar's pattern (its groups: day, month, year | month, year | month,
    day, year | weekday | relative word)."""
    g = m.groups()
    if g[1]:  # day month [year]
        month = _month_of(cal, g[1])
        d = _valid(int(g[2]) if g[2] else _year_for(month, anchor), month, int(g[0])) if month else None
        return (DATE, d.isoformat()) if d else None
    if g[3]:  # month year
        month = _month_of(cal, g[3])
        return (DATE, f"{g[4]}-{month:02d}") if month else None
    if g[5]:  # month [day [year]] ('October 19' only where the month comes first: never a count after a month)
        return _month_first(cal, g[5], g[6], g[7], anchor)
    if g[8]:  # weekday: the most recent one, the anchor's own included (news reports what happened)
        back = (anchor.weekday() - cal.weekdays[g[8].lower()]) % 7
        return DATE, (anchor - timedelta(days=back)).isoformat()
    if g[9]:
        unit, shift = cal.relative[" ".join(g[9].lower().split())]
        return DATE, _granular(_offset(anchor, unit, shift), unit)
    return None


def _month_first(cal: Calendar, word: str, day: str | None, year: str | None, anchor: date) -> tuple[str, str] | None:
    month = _month_of(cal, word)
    if month is None:
        return None
    if day and not cal.day_first:
        d = _valid(int(year) if year else _year_for(month, anchor), month, int(day))
        return (DATE, d.isoformat()) if d else None
    if day or len(word) < MIN_ALONE:
        return None  # 'Mai 3 Menschen': no date; a short name alone is too often a word
    return DATE, f"{_year_for(month, anchor)}-{month:02d}"


def _cjk(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    if m[4]:
        return DATE, m[4]
    month = int(m[2])
    year = int(m[1]) if m[1] else _year_for(month, anchor) if 1 <= month <= 12 else 0
    if m[3]:
        d = _valid(year, month, int(m[3]))
        return (DATE, d.isoformat()) if d else None
    return (DATE, f"{year}-{month:02d}") if 1 <= month <= 12 else None


def _numeric(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    d = _valid(int(m[1]), int(m[2]), int(m[3])) if m[1] else _valid(int(m[6]), int(m[5]), int(m[4]))
    return (DATE, d.isoformat()) if d else None


def _year(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return DATE, m[1]


Reader = Callable[[re.Match[str], date], tuple[str, str] | None]


def _scan(text: str, cal: Calendar | None, anchor: date) -> list[tuple[int, int, Timex]]:
    readers: list[tuple[re.Pattern[str], Reader]] = [(_NUMERIC, _numeric), (_CJK, _cjk), (_YEAR_ALONE, _year)]
    if cal is not None:
        readers.insert(0, (cal.pattern, lambda m, a: _read(cal, m, a)))
    found = []
    for pattern, reader in readers:
        for m in pattern.finditer(text):
            try:
                result = reader(m, anchor)
            except (ValueError, OverflowError, KeyError):
                continue
            if result is not None:
                found.append((m.start(), m.start() - m.end(), Timex(m.start(), m.end(), m.group(0), *result)))
    return found


def find_foreign_times(text: str, language: str, anchor: date | str | None) -> list[Timex]:
    """Time expressions of a text in `language` (an ISO 639-1 code dateparser knows), normalized against the anchor
    (the publication date) as English ones are: without one, what depends on it is X'd out."""
    if isinstance(anchor, str):
        try:
            anchor = date.fromisoformat(anchor[:10])
        except ValueError:
            anchor = None
    cal = calendar(language)
    found = _scan(text, cal, anchor or _PROBES[0])
    if anchor is None:
        other = {(t.start, t.end): t.value for *_, t in _scan(text, cal, _PROBES[1])}
        found = [
            (a, b, Timex(t.start, t.end, t.text, t.type, _unanchored(t.value, other.get((t.start, t.end), ""))))
            for a, b, t in found
        ]
    chosen: list[Timex] = []
    taken_until = -1
    for start, _neg, timex in sorted(found, key=lambda f: (f[0], f[1])):  # longest first at each start
        if start >= taken_until:
            chosen.append(timex)
            taken_until = timex.end
    return chosen
