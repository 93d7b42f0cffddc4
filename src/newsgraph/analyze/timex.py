"""Time expressions found and normalized in the TIMEX3 manner, relative to an anchor date.

`find_times(text, anchor)` returns each expression's span, TIMEX3 type (DATE, TIME, DURATION or
SET) and value (`2023-10-19`, `2023-09`, `2023-W42`, `P2D`, `PAST_REF`, ...). The anchor is the
article's publication date. Recognition is by patterns over the text (longest match wins);
normalization resolves direction (last/next/this, a weekday before or after the anchor),
granularity (a month named without a year is that month of the anchor's year) and vague
references. A weekday or month named alone points back (news mostly reports what happened) unless the tense
of its verb, when the caller gives it (`tense.time_word_tenses` of the parse), says otherwise.
Pure functions: no model, no database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from newsgraph.models import Timex

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "twenty-four": 24, "twenty four": 24, "forty-eight": 48,
}  # fmt: skip
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W2", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q",
}  # fmt: skip
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d+|" + "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True)) + r"|several|few|many)"
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|centurie|quarter)"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def _shift_month(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _granular(d: date, unit: str) -> str:
    """A date as a value of the unit's granularity: day -> 2023-10-19, week -> 2023-W42, ..."""
    if unit == "D":
        return d.isoformat()
    if unit == "W":
        return _week(d)
    if unit == "M":
        return d.strftime("%Y-%m")
    if unit == "Q":
        return _quarter(d)
    if unit == "DE":
        return str(d.year)[:3]
    if unit == "CE":
        return str(d.year)[:2]
    return str(d.year)


def _offset(anchor: date, unit: str, n: int) -> date:
    if unit == "D":
        return anchor + timedelta(days=n)
    if unit in ("W", "W2"):
        return anchor + timedelta(weeks=n * (2 if unit == "W2" else 1))
    if unit == "M":
        return _shift_month(anchor, n)
    if unit == "Q":
        return _shift_month(anchor, 3 * n)
    if unit == "DE":
        return date(anchor.year + 10 * n, 1, 1)
    if unit == "CE":
        return date(anchor.year + 100 * n, 1, 1)
    return date(anchor.year + n, 1, 1)


def _duration(n: int | None, unit: str) -> str:
    count = "X" if n is None else str(n)
    if unit in ("S", "H"):
        return f"PT{count}{unit}"
    if unit == "W2":
        return f"P{'X' if n is None else 2 * n}W"
    return f"P{count}{unit}"


def _unit(word: str) -> str:
    word = word.lower().rstrip("s")
    if word == "centurie":
        word = "century"
    return UNITS[word]


# --- handlers: match, anchor -> (type, value) or None ------------------------------------

Handler = Callable[[re.Match[str], date], tuple[str, str] | None]
_RULES: list[tuple[re.Pattern[str], Handler, tuple[str, ...]]] = []
"""(pattern, handler, needs): a rule is tried only on a text whose lower case holds one of its `needs` (every match
of it does), or on every text when it has none; `_scan` reads the text once per rule it tries."""


def rule(pattern: str, flags: int = re.IGNORECASE, needs: tuple[str, ...] = ()) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(pattern, flags), handler, needs))
        return handler

    return register


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _date_and_clock(d: date | None, hour: str | None, minute: str | None, second: str | None) -> tuple[str, str] | None:
    if d is None:
        return None
    if hour:
        return TIME, f"{d.isoformat()}T{hour}:{minute}" + (f":{second}" if second else "")
    return DATE, d.isoformat()


@rule(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\b")
def _iso(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return _date_and_clock(_valid(int(m[1]), int(m[2]), int(m[3])), m[4], m[5], m[6])


@rule(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?\b", needs=("/",))
def _us_numeric(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    year = int(m[3]) + (1900 if len(m[3]) == 2 and int(m[3]) > 30 else 2000 if len(m[3]) == 2 else 0)
    return _date_and_clock(_valid(year, int(m[1]), int(m[2])), m[4], m[5], m[6])


@rule(r"\b((?:19|20)\d\d)(\d\d)(\d\d)\b")
def _compact(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    d = _valid(int(m[1]), int(m[2]), int(m[3]))
    return (DATE, d.isoformat()) if d else None


def _calendar_date(month_word: str, day: str, year: str | None, anchor: date) -> tuple[str, str] | None:
    month = _month(month_word)
    d = _valid(int(year) if year else _year_for(month, anchor), month, int(day))
    return (DATE, d.isoformat()) if d else None


def _year_for(month: int, anchor: date) -> int:
    """The year of a month (and day) named without one: the one that puts it nearest the anchor."""
    ahead = month - anchor.month
    if ahead > 2:  # news looks back: a month well ahead of the anchor is last year's
        return anchor.year - 1
    if ahead < -9:  # ... unless it is just across the new year
        return anchor.year + 1
    return anchor.year


@rule(rf"\b(?:{_WEEKDAY},?\s+)?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+({_YEAR})\b)?", 0)
def _month_day(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return _calendar_date(m[1], m[2], m[3], anchor)


@rule(rf"\b(?:{_WEEKDAY},?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b(?:,?\s+({_YEAR})\b)?", 0)
def _day_month(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return _calendar_date(m[2], m[1], m[3], anchor)


@rule(rf"\b(?:(?:early|mid|late)[- ])?({_MONTH})(?:,?\s+({_YEAR}))?\b", 0)
def _month_only(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    word = m[1]
    if word in ("May", "Mar.", "Jun", "Jul", "Dec", "Jan", "Feb", "Apr", "Aug", "Sep", "Oct", "Nov") and not m[2]:
        return None  # 'May' the verb, and bare abbreviations, need a year to be a month
    month = _month(word)
    year = int(m[2]) if m[2] else _year_for(month, anchor)
    return DATE, f"{year}-{month:02d}"


@rule(rf"\b(?:(?:early|mid|late)[- ])?({_YEAR})(?!\s*(?:%|percent|[-/]\d))\b")
def _year(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return DATE, m[1]


@rule(r"\b(?:the\s+)?(?:early\s+|mid-?|late\s+)?(1[6-9]\d|20\d)0'?s\b", needs=("0s", "0's"))
def _decade(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return DATE, m[1]


@rule(r"\bfiscal\s+(?:year\s+)?(" + _YEAR + r")\b", needs=("fiscal",))
def _fiscal(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return DATE, m[1]


@rule(
    r"\b(?:the\s+)?(?:(this|last|next|previous|same)\s+year'?s?\s+)?"
    r"(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b",
    needs=("quarter",),
)
def _quarter_rule(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    q = ORDINALS[m[2].lower()]
    year = anchor.year + (
        -1 if (m[1] or "").lower() in ("last", "previous") else 1 if (m[1] or "").lower() == "next" else 0
    )
    if not m[1] and q > (anchor.month - 1) // 3 + 1:
        year -= 1  # a quarter not yet begun is last year's
    return DATE, f"{year}-Q{q}"


@rule(
    r"\b(?:(?:early|late)\s+)?(today|tonight|yesterday|tomorrow)(?:\s+(" + _PART + r"))?\b",
    needs=("today", "tonight", "yesterday", "tomorrow"),
)
def _deictic(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    word = m[1].lower()
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    d = (anchor + timedelta(days=shift)).isoformat()
    return DATE, d  # 'tonight', 'yesterday morning': the day


@rule(r"\b(this|last)\s+(" + _PART + r")\b", needs=("morning", "afternoon", "evening", "night"))
def _part_of_day(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    part = m[2].lower()
    d = anchor - timedelta(days=1) if m[1].lower() == "last" and part in ("night", "evening") else anchor
    return TIME, f"{d.isoformat()}T{PARTS_OF_DAY[part]}"


_WEEKDAY_RE = re.compile(
    r"\b(?:(last|next|this|coming|past|previous)\s+)?(" + _WEEKDAY + r")(?:\s+(" + _PART + r"))?\b", re.IGNORECASE
)


@rule(_WEEKDAY_RE.pattern)
def _weekday(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    target = WEEKDAYS[m[2].lower()]
    word = (m[1] or "").lower()
    delta = (target - anchor.weekday()) % 7
    if word in ("next", "coming"):
        d = anchor + timedelta(days=delta or 7)
    elif word == "this":
        d = anchor + timedelta(days=target - anchor.weekday())
    else:  # news mostly reports what happened: the most recent such day (the anchor itself included)
        d = anchor - timedelta(days=(anchor.weekday() - target) % 7)
        if word in ("last", "past", "previous") and d == anchor:
            d -= timedelta(days=7)
    return DATE, d.isoformat()  # 'Wednesday night': the day (news rarely needs the part of it)


_REL_UNITS = r"(week|month|year|quarter|decade|century|weekend|spring|summer|fall|autumn|winter)"


@rule(
    r"\b(?:(early|late|mid|earlier|later)[- ])?(last|next|this|the\s+coming|the\s+current|the\s+previous|the\s+past"
    r"|the\s+last|the\s+next|current|previous|coming)\s+" + _REL_UNITS + r"\b"
)
def _relative_unit(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    word = " ".join(m[2].lower().split()).removeprefix("the ")
    unit_word = m[3].lower()
    if word in ("past", "last") and m[2].lower().startswith("the"):  # 'the past year': a duration
        if unit_word in SEASONS or unit_word == "weekend":
            return None
        return DURATION, _duration(1, _unit(unit_word))
    shift = -1 if word in ("last", "previous") else 1 if word in ("next", "coming") else 0
    if unit_word in SEASONS:
        return DATE, f"{anchor.year + shift}-{SEASONS[unit_word]}"
    if unit_word == "weekend":
        return DATE, f"{_week(anchor + timedelta(weeks=shift))}-WE"
    unit = _unit(unit_word)
    return DATE, _granular(_offset(anchor, unit, shift), unit)


@rule(
    r"\b(" + _NUM + r")[- ]" + _UNIT + r"s?\s+(ago|earlier|before|later|from\s+now|hence)\b",
    needs=("ago", "earlier", "before", "later", "now", "hence"),
)
def _ago(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    n = _number(m[1])
    words = re.split(r"[\s-]+", m[0].lower())
    unit = _unit(words[1])
    if n is None:
        return DATE, "PAST_REF" if m[2].lower() in ("ago", "earlier", "before") else "FUTURE_REF"
    sign = -1 if m[2].lower() in ("ago", "earlier", "before") else 1
    if unit in ("S", "H") or words[1].startswith("minute"):
        return None
    return DATE, _granular(_offset(anchor, unit, sign * n), "D" if unit == "D" else unit)


@rule(
    r"\b(?:the\s+)?(?:(?:past|last|next|previous|coming|first|recent|following|final|full)\s+)?"
    r"(" + _NUM + r")(\s*½|\s+1/2)?[- ](and[- ]a[- ]half[- ])?" + _UNIT + r"s?(?:-long)?\b(?![- ]old)"
)
def _duration_rule(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    words = re.split(r"[\s-]+", m[0].lower())
    unit_word = next(w for w in reversed(words) if w.rstrip("s") in UNITS or w == "centuries")
    n = _number(m[1])
    if n is None and m[1].lower() not in ("several", "few", "many"):
        return None
    if n is not None and n >= 1600 and words[0] == "the":
        return None  # 'the 1988 quarter': a year, not 1,988 quarters
    unit = _unit(unit_word)
    if unit_word.startswith("minute"):
        return DURATION, f"PT{'X' if n is None else n}M"
    if n is not None and (m[2] or m[3]):
        return DURATION, _and_a_half(n, unit)
    return DURATION, _duration(n, unit)


_HALVES = {"Y": "6M", "M": "15D", "D": "T12H", "H": "30M", "W": "3DT12H"}


def _and_a_half(n: int, unit: str) -> str:
    """'5 1/2 hours' -> PT5H30M, 'two and a half years' -> P2Y6M (a half of the next smaller unit)."""
    if unit not in _HALVES:
        return _duration(n, unit)
    whole = _duration(n, unit)
    return f"{whole}{_HALVES[unit]}"


@rule(r"\b(?:the\s+)?(?:past|last|next|previous|coming)\s+(?:few\s+|several\s+)?" + _UNIT + r"s\b")
def _vague_duration(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    unit_word = m[0].lower().split()[-1]
    unit = _unit(unit_word)
    return DURATION, "PTXH" if unit == "H" else _duration(None, unit)


def _constant(pattern: str, kind: str, value: str, needs: tuple[str, ...] = ()) -> None:
    """A rule whose expressions all have one value: vague references to the present, past or future."""
    rule(pattern, needs=needs)(lambda m, anchor: (kind, value))


_constant(r"\b(now|currently|at present|right now|nowadays|at the moment|these days)\b", DATE, "PRESENT_REF")
_constant(
    r"\b(recently|lately|(?<=in )the past(?! \w+ (?:days|weeks|months|years))|recent\s+(?:days|weeks|months|years))\b",
    DATE,
    "PAST_REF",
    ("recent", "lately", "past"),
)
_constant(
    r"\b(the (?:near |distant |foreseeable )?future|the coming years?|the (?:near|short) term)\b",
    DATE,
    "FUTURE_REF",
    ("future", "coming year", "term"),
)
_constant(r"(?<=\bfor )years\b|(?<=\bin recent )years\b", DURATION, "PXY", ("years",))
_constant(r"(?<=\bfor )decades\b|(?<=\bin recent )decades\b", DURATION, "PXDE", ("decades",))
_constant(r"(?<=\bfor )months\b", DURATION, "PXM", ("months",))
_constant(r"(?<=\bfor )weeks\b", DURATION, "PXW", ("weeks",))


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1: the last) such weekday of the month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = _shift_month(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "easter": _easter,
    "easter sunday": _easter,
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "independence day": lambda y: date(y, 7, 4),
    "the fourth of july": lambda y: date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "halloween": lambda y: date(y, 10, 31),
    "veterans day": lambda y: date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "boxing day": lambda y: date(y, 12, 26),
}
"""Fixed and movable holidays news dates things by (US and Western calendars)."""
_HOLIDAY_WORDS: tuple[str, ...] = ("new year", "valentine", "easter", "memorial", "independence", "july", "labor")
_HOLIDAY_WORDS += ("halloween", "veterans", "thanksgiving", "christmas", "boxing")
"""One of these is in every holiday's name."""
_HOLIDAY = "|".join(sorted((re.escape(h).replace("'", "['’]") for h in HOLIDAYS), key=len, reverse=True))


_NAME_BEFORE = re.compile(r"(?:[A-Z][\w.-]*|[\w-]+['’]s)\s+$")
_NAME_AFTER = re.compile(r"^\s+[A-Z]")


def _in_a_name(m: re.Match[str], group: int) -> bool:
    """'Easter Island', 'Ukraine's Independence Day', 'the Arab Spring': part of a proper name."""
    before = m.string[max(0, m.start(group) - 30) : m.start(group)]
    after = m.string[m.end(group) : m.end(group) + 3]
    return bool(_NAME_AFTER.match(after) or (m.start(group) == m.start() and _NAME_BEFORE.search(before)))


@rule(rf"\b(?:(last|next|this)\s+)?({_HOLIDAY})\b", needs=_HOLIDAY_WORDS)
def _holiday(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    if _in_a_name(m, 2):
        return None
    day_of = HOLIDAYS[m[2].lower().replace("’", "'")]
    this_year = day_of(anchor.year)
    word = (m[1] or "").lower()
    if word == "last":
        d = this_year if this_year < anchor else day_of(anchor.year - 1)
    elif word == "next":
        d = this_year if this_year > anchor else day_of(anchor.year + 1)
    else:  # the one nearest the anchor, news looking back: one well ahead of the anchor is last year's
        d = this_year if this_year - anchor <= timedelta(days=HOLIDAY_AHEAD) else day_of(anchor.year - 1)
    return DATE, d.isoformat()


HOLIDAY_AHEAD = 92
"""A holiday named without a year is this year's when at most this many days (about a quarter) ahead of the anchor,
else last year's ('was found Thanksgiving Day' in January: the November before)."""


@rule(
    rf"\b(?:(?:[Tt]he|[Tt]his past|[Tt]his)\s+)?(?:(?:early|late|mid)[- ])?(spring|summer|autumn|winter)\b"
    rf"(?:\s+of\s+({_YEAR})\b)?",
    0,
    needs=("spring", "summer", "autumn", "winter"),
)
def _season(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    """'this summer', 'the spring of 2021'; lower case only: 'Arab Spring', 'Winter Olympics' are names
    ('fall' only with last/next/this: a verb otherwise)."""
    if _in_a_name(m, 1):
        return None
    return DATE, f"{m[2] or anchor.year}-{SEASONS[m[1]]}"


@rule(
    r"\bthe\s+(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    needs=("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"),
)
def _spelled_decade(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    tens = _TENS[m[1].lower()[:-3] + "y"]
    century = anchor.year // 100 * 100
    start = century + 10 * tens if century + 10 * tens <= anchor.year else century - 100 + 10 * tens
    return DATE, str(start // 10)


@rule(
    r"\b(daily|every\s+(?:day|week|month|year|quarter)|each\s+(?:day|week|month|year)|per\s+(?:day|week|month|year))\b"
)
def _set(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    word = m[1].lower().split()[-1]
    return SET, _duration(1, "D" if word == "daily" else _unit(word))


@rule(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:[A-Z]{2,4}T|GMT|UTC))?")
def _clock(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    hour = int(m[1]) % 12 + (12 if m[3].lower().startswith("p") else 0)
    if hour > 23:
        return None
    return TIME, f"{anchor.isoformat()}T{hour:02d}:{m[2] or '00'}"


_CLOCK = (
    r"(?:(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|(noon|midday|midnight)\b)"
    r"(?:\s+(?:[A-Z]{2,4}T|GMT|UTC))?"
)
_ON_DAY = (
    rf",?\s+(?:(?:on|this|last|next)\s+)?"
    rf"(?:({_WEEKDAY})|({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+({_YEAR}))?)"
)


@rule(_CLOCK + _ON_DAY, re.IGNORECASE)
def _clock_on_day(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    """'9 a.m. Tuesday', '5 p.m. EST, Nov. 6', 'midnight Friday': the time on that day."""
    day = m.string[m.start(5) if m[5] else m.start(6) : m.end()]
    found = _weekday(_WEEKDAY_RE.match(day), anchor) if m[5] else _calendar_date(m[6], m[7], m[8], anchor)  # type: ignore[arg-type]
    if found is None:
        return None
    if m[4]:
        clock = "24:00" if m[4].lower() == "midnight" else "12:00"
    else:
        hour = int(m[1]) % 12 + (12 if m[3].lower().startswith("p") else 0)
        clock = f"{hour:02d}:{m[2] or '00'}"
    return TIME, f"{found[1]}T{clock}"


@rule(r"\b(noon|midday|midnight)\b", needs=("noon", "midday", "midnight"))
def _noon(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return TIME, f"{anchor.isoformat()}T{'24:00' if m[1].lower() == 'midnight' else '12:00'}"


@rule(r"\b(last|this|next)\s+(" + _MONTH + r")\b", 0)
def _directed_month(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    month = _month(m[2])
    word = m[1]
    if word == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif word == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    return DATE, f"{year}-{month:02d}"


@rule(r"\bthe\s+(?:latest|current|same|most recent|fiscal)?\s*(quarter|year|week|month|weekend)\b")
def _anaphoric(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    unit_word = m[1].lower()
    if unit_word == "weekend":  # the weekend just past, unless the anchor is in one or on a Friday
        return DATE, f"{_week(anchor if anchor.weekday() >= 4 else anchor - timedelta(weeks=1))}-WE"
    unit = _unit(unit_word)
    if unit == "Q":  # the quarter reported on is the last one completed
        return DATE, _quarter(_shift_month(anchor, -3))
    return DATE, _granular(anchor, unit)


@rule(r"\b(current)\b", needs=("current",))
def _current(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return DATE, "PRESENT_REF"


@rule(r"\b(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:quarter|period))?\b", needs=("year-",))
def _year_ago(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    return DATE, str(anchor.year - 1)  # made a quarter by _in_quarter_context when the text reports one


_YEAR_BACK = re.compile(r"^(?:the\s+)?(?:a\s+year\s+(?:ago|earlier)|year-(?:ago|earlier).*)$", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q(\d)$")


def _in_quarter_context(found: list[Timex]) -> list[Timex]:
    """In a report on a quarter, 'a year ago' and 'the year-earlier period' mean that quarter a year before."""
    out, quarter = [], None
    for t in found:
        m = _QUARTER_VALUE.match(t.value)
        if m:
            quarter = (int(m[1]), m[2])
        elif quarter and _YEAR_BACK.match(t.text):
            t = Timex(t.start, t.end, t.text, t.type, f"{quarter[0] - 1}-Q{quarter[1]}")
        out.append(t)
    return out


_TENS = {"ninety": 9, "eighty": 8, "seventy": 7, "sixty": 6, "fifty": 5, "forty": 4, "thirty": 3, "twenty": 2}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


@rule(
    r"\b(?:the\s+year\s+)?(?:nineteen[- ](ninety|eighty|seventy|sixty|fifty|forty|thirty|twenty)(?:[- ]("
    + "|".join(_ONES)
    + r"))?|two[- ]thousand(?:[- ](?:and[- ])?("
    + "|".join(_ONES)
    + r"))?)\b",
    needs=("nineteen", "thousand"),
)
def _spelled_year(m: re.Match[str], anchor: date) -> tuple[str, str] | None:
    if m[1]:
        return DATE, str(1900 + 10 * _TENS[m[1].lower()] + (_ONES[m[2].lower()] if m[2] else 0))
    return DATE, str(2000 + (_ONES[m[3].lower()] if m[3] else 0))


def _scan(text: str, anchor: date) -> list[tuple[int, int, int, Timex]]:
    found = []
    lower = text.lower()
    for priority, (pattern, handler, needs) in enumerate(_RULES):
        if needs and not any(word in lower for word in needs):
            continue  # no match is possible: the whole text need not be read
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            try:
                result = handler(m, anchor)
            except (OverflowError, ValueError, KeyError):  # KeyError: case-folds the tables do not know ('ſunday')
                continue
            if result is not None:
                timex = Timex(m.start(), m.end(), m.group(0), *result)
                found.append((m.start(), -(m.end() - m.start()), priority, timex))
    return found


_PROBES = (date(2001, 3, 14), date(2002, 9, 3))


def _unanchored(value: str, other: str) -> str:
    """A value that depends on the anchor, with the parts that do X'd out."""
    if value == other:
        return value
    if value[4:] == other[4:]:
        return "XXXX" + value[4:]
    return re.sub(r"\d", "X", value)


def find_times(text: str, anchor: date | str | None, tenses: Mapping[int, str] | None = None) -> list[Timex]:
    """Time expressions of the text, normalized against the anchor (the publication date).

    Without an anchor, the parts of a value that depend on it are X'd out ('Thursday' ->
    'XXXX-XX-XX'), as TIMEX3 does for what the text leaves unknown. `tenses`: 'future' or 'past' by the
    offset of a weekday or month name, the tense of its verb: 'will resume Tuesday' is the next Tuesday,
    'arrived in November' (published in February) the November before.
    """
    if isinstance(anchor, str):
        try:
            anchor = date.fromisoformat(anchor[:10])
        except ValueError:  # not an ISO date: read as no anchor, as for an undated article
            anchor = None
    found = _scan(text, anchor or _PROBES[0])
    if anchor is None:
        other = {(t.start, t.end): t.value for *_, t in _scan(text, _PROBES[1])}
        found = [
            (a, b, c, Timex(t.start, t.end, t.text, t.type, _unanchored(t.value, other.get((t.start, t.end), ""))))
            for a, b, c, t in found
        ]
    found.sort()
    chosen: list[Timex] = []
    taken_until = -1
    for start, _neg_len, _priority, timex in found:  # longest first at each start, no overlaps
        if start >= taken_until:
            chosen.append(timex)
            taken_until = timex.end
    if tenses and anchor is not None:
        chosen = [_directed(t, tenses.get(t.start), anchor) for t in chosen]
    return _in_quarter_context(chosen)


def _directed(timex: Timex, tense: str | None, anchor: date) -> Timex:
    """A weekday, a month or a holiday named alone, resolved by the tense of its verb: a future one is the next such
    day (the anchor's own included), month or holiday; a past month or holiday the last one not after the anchor."""
    words = timex.text.lower().split()
    if tense is None or timex.type != DATE or not words:
        return timex
    if words[0] in WEEKDAYS and (len(words) == 1 or words[1] in PARTS_OF_DAY) and tense == "future":
        ahead = (WEEKDAYS[words[0]] - anchor.weekday()) % 7
        return Timex(timex.start, timex.end, timex.text, DATE, (anchor + timedelta(days=ahead)).isoformat())
    holiday = HOLIDAYS.get(" ".join(words).replace("’", "'"))
    if holiday is not None:  # a future 'Thanksgiving' is the next one, a past one the last
        this_year = holiday(anchor.year)
        if tense == "future":
            d = this_year if this_year >= anchor else holiday(anchor.year + 1)
        else:
            d = this_year if this_year <= anchor else holiday(anchor.year - 1)
        return Timex(timex.start, timex.end, timex.text, DATE, d.isoformat())
    if len(words) == 1 and words[0] in MONTHS and re.fullmatch(r"\d{4}-\d\d", timex.value):
        month = MONTHS[words[0]]
        if tense == "future":
            year = anchor.year if month >= anchor.month else anchor.year + 1
        else:
            year = anchor.year if month <= anchor.month else anchor.year - 1
        return Timex(timex.start, timex.end, timex.text, DATE, f"{year}-{month:02d}")
    return timex
