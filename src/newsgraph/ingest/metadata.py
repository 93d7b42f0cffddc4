"""Metadata lifted from scraped text and page fields: outlet, title, date, URL, credits."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsgraph.dates import parse_date
from newsgraph.ingest.outlets import OutletTable

# --- outlets and wire agencies ------------------------------------------------------
# Each function takes the outlet table to look names up in (`OutletTable.build(registry.outlets)` for
# a names file's outlets); None is the package's own table.


def _table(outlets: OutletTable | None) -> OutletTable:
    return outlets if outlets is not None else OutletTable.default()


def host_of(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def outlet_from_url(url: str | None, outlets: OutletTable | None = None) -> str | None:
    """The outlet that publishes under a URL's host (subdomains included), else the bare host."""
    host = host_of(url) if url else None
    if not host:
        return None
    return _table(outlets).outlet_of_host(host) or host


def known_outlet(name: str, outlets: OutletTable | None = None) -> str | None:
    """The display name of a known outlet, from its name or an alias."""
    return _table(outlets).outlet(name)


def split_title_suffix(
    title: str, *, require_separator: bool = True, outlets: OutletTable | None = None
) -> tuple[str, str | None]:
    """Split an outlet suffix off a page title: 'Kim ... Russia" Euronews Italian' -> (.., Euronews).

    Without a separator (' | ', ' - ') the suffix is only split when `require_separator` is False,
    as when the headline is repeated on the next line with the outlet appended.
    """
    table = _table(outlets)
    m = table.suffix_pattern.match(title)
    if m and (m.group("sep").strip() or not require_separator):
        return m.group("title").rstrip(" |-–—:·•»"), table.outlet(m.group("outlet"))
    m2 = re.match(r"^(?P<title>.{8,}?\S)\s+\|\s+(?P<outlet>[^|]{2,40})$", title)
    if m2 and len(m2.group("outlet").split()) <= 4:
        outlet = m2.group("outlet").strip()
        return m2.group("title"), table.outlet(outlet) or outlet
    return title, None


def canonical_credit(name: str, outlets: OutletTable | None = None) -> str:
    """Wire agencies under their canonical name ('Agence France-Presse' -> 'AFP'); people as given."""
    return _table(outlets).wire(name) or name.strip()


def is_wire(name: str, outlets: OutletTable | None = None) -> bool:
    return _table(outlets).wire(name) is not None


# --- dates ----------------------------------------------------------------------------

_MONTHS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|"
    r"enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|"
    r"januar|februar|märz|juni|juli|oktober|dezember)"
)
_DATE_HINT = re.compile(rf"\b(?:{_MONTHS})\b|\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}(?!\d)", re.I)
_DATE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?published|updated|last\s+updated|posted|date|created|modified|"
    r"pubblicato|publié|veröffentlicht|aktualisiert|publicado)\s*(?:on|at|:)?\s*",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MAX_DATE_WORDS = 8


def date_line(line: str) -> str | None:
    """The date of a line that is only a date ('October 20, 2023', 'Published 20.10.2023 14:02')."""
    text = _DATE_PREFIX.sub("", line.strip()).strip(" |·•-–—")
    if not text or len(text) > 60 or len(text.split()) > _MAX_DATE_WORDS:
        return None
    if not _DATE_HINT.search(text) or not _YEAR.search(text):
        return None
    if re.search(r"[.!?]$", text) and not re.search(r"\d\.$|\b[A-Za-z]{3,4}\.$", text):
        return None
    return parse_date(text)


# --- bylines and credit lines ------------------------------------------------------

_BYLINE = re.compile(r"^(?:by|par|di|von|por|de)\s+(?P<names>.{2,160})$", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|/|\||\bwith\b|\bet\b|\be\b|\bund\b|\by\b)\s*", re.I)
_NAME_TAIL = re.compile(
    r"\s+(?:in|from|at|en|a|aus)\s+[A-Z][\w .'-]*$|"
    r"\s*[-–—,]?\s*(?:staff|senior|chief|special)?\s*(?:writer|reporter|correspondent|editor|"
    r"journalist|contributor)s?\b.*$",
    re.I,
)
_CREDIT_LINES = (
    re.compile(
        r"^\(?(?:additional\s+)?(?:reporting|writing)\s+by\s+(?P<names>[^;)]+?)"
        r"(?:;\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+[^;)]+)*\)?\.?$",
        re.I,
    ),
    re.compile(r"^[-–—]?\s*with\s+(?P<names>[\w .&-]{2,60}?)\s*\.?$", re.I),
    re.compile(r"^(?P<names>[\w .&'-]{2,60}?)\s+contributed to this (?:report|story|article)\.?$", re.I),
    re.compile(r"^[-–—]\s*(?P<names>[\w .&'-]{2,40}?)\s*$"),
    re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<names>[\w .&'-]{2,40}?)\.?$", re.I),
)
_DESK = re.compile(r"\b(?:newsroom|bureau|desk|staff|team|agencies|wires?)\b", re.I)
_NAME = re.compile(r"^[A-Z\u00c0-\u024f][\w.'’-]*(?:\s+[\w.'’-]+){0,4}$")


def split_names(names: str, outlets: OutletTable | None = None) -> list[str]:
    """Names in a byline or credit: 'Jane Doe in Berlin and AFP' -> ['Jane Doe', 'AFP']."""
    out: list[str] = []
    for piece in _NAME_SPLIT.split(names):
        piece = _NAME_TAIL.sub("", piece.strip(" .:-–—()")).strip(" .:-–—()")
        if _DESK.search(piece) and not is_wire(piece, outlets):  # 'Ankara newsroom', 'Reuters staff': no one
            continue  # to credit by name (but a wire agency named '... Wire' is one)
        if piece and _NAME.match(piece) and date_line(piece) is None:
            credit = canonical_credit(piece, outlets)
            if credit not in out:
                out.append(credit)
    return out


def byline(line: str, outlets: OutletTable | None = None) -> list[str] | None:
    """The credited names of a byline ('By [AFP](#)' after markdown unwrap: 'By AFP'), else None."""
    m = _BYLINE.match(line.strip())
    if not m:
        return None
    names = m.group("names")
    names = re.split(r"\s+[|·•]\s+", names)[0]  # 'By AFP | October 20, 2023'
    found = split_names(names, outlets)
    return found or None


def credit_line(line: str, outlets: OutletTable | None = None) -> list[str] | None:
    """Credits in a closing line ('Reporting by ...', 'With AFP', 'AFP contributed to this report')."""
    stripped = line.strip()
    if len(stripped) > 200:
        return None
    for i, pattern in enumerate(_CREDIT_LINES):
        m = pattern.match(stripped)
        if not m:
            continue
        names = split_names(m.group("names"), outlets)
        # the "With X", "- X" and "(c) X" forms only count for known wire agencies
        if i in (1, 3, 4) and not all(is_wire(n, outlets) for n in names):
            continue
        if names:
            return names
    return None


_DATELINE = re.compile(r"^[A-Z][A-Za-z0-9\u00c0-\u024f .,'-]{1,60}?\((?P<wire>[A-Za-z][\w .&-]{0,30})\)\s*[-–—:]")


def dateline_credit(paragraph: str, outlets: OutletTable | None = None) -> str | None:
    """The wire agency of a dateline: 'PARIS (AFP) - ...', 'WASHINGTON, Oct 20 (Reuters) -'."""
    m = _DATELINE.match(paragraph)
    if m and is_wire(m.group("wire"), outlets):
        return canonical_credit(m.group("wire"), outlets)
    return None


# --- trailers ---------------------------------------------------------------------------

_URL = re.compile(r"<?(?P<url>https?://[^\s<>\"]+?)>?[.,;]?$")
_TRAILER = re.compile(
    r"^(?:original\s+(?:url|link|article|source)|source\s+url|canonical(?:\s+url)?|url|link|"
    r"source|read\s+(?:the\s+)?(?:original|more\s+at))\s*:\s*(?P<rest>.*)$",
    re.I,
)


def bare_url(line: str) -> str | None:
    m = _URL.fullmatch(line.strip())
    return m.group("url") if m else None


def trailer_url(lines: list[str], i: int) -> tuple[str, int] | None:
    """A trailer such as 'Original url:' with its URL on the same or the next non-empty line.

    Returns the URL and how many lines (from i) it spans, counting blank lines between.
    """
    m = _TRAILER.match(lines[i].strip())
    if not m:
        return None
    rest = m.group("rest").strip()
    if rest:
        url = bare_url(rest)
        return (url, 1) if url else None
    for j in range(i + 1, min(i + 4, len(lines))):
        if lines[j].strip():
            url = bare_url(lines[j])
            return (url, j - i + 1) if url else None
    return None


# --- headlines ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def same_headline(a: str, b: str) -> bool:
    """Two lines that are one headline, as when a page repeats it with the outlet appended."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.8 and len(wa & wb) / len(wa | wb) >= 0.6


def looks_like_headline(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 30 and len(line) <= 250


_INNER_SENTENCE_END = re.compile(r"[a-z]{2,}[.!?]\s+[A-Z]")
_MAX_PERIOD_HEADLINE_WORDS = 20


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.7


def opens_with_headline(first: str, second: str) -> bool:
    """Whether the first line of a text (followed by `second`) is its headline, not its lede.

    A headline is short and does not end in a full stop. Some corpora add one: a line ending in
    a full stop still counts when it is short (ledes run longer) and is one sentence or Title Case.
    """
    if not second or not looks_like_headline(first):
        return False
    if not first.endswith("."):
        return True
    return len(first.split()) <= _MAX_PERIOD_HEADLINE_WORDS and (
        _title_case(first) or not _INNER_SENTENCE_END.search(first)
    )


_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|\.[A-Za-z]{1,3}|\b(?:Inc|Co|Ltd|Jr|Sr|St|No|vs))\.$")


def strip_headline_period(title: str) -> str:
    """'Cruz looks to ease bad blood.' -> 'Cruz looks to ease bad blood' (but not 'U.S.')."""
    if title.endswith(".") and not title.endswith("..") and not _ABBREVIATION_END.search(title):
        return title[:-1].rstrip()
    return title


def outlet_in_table(url: str | None, outlets: OutletTable | None = None) -> str | None:
    """The known outlet of a URL's host, without the bare-host fallback."""
    found = outlet_from_url(url, outlets)
    return found if found and found != host_of(url or "") else None
