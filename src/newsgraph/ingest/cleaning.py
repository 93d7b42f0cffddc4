"""Text cleaning rules for scraped news text.

Each rule is a small function from text to text, so each can be tested on its own.
`clean_line` applies them in order to a line, `clean_text` to a document; metadata lifting
(title, byline, date line, trailer) lives in `metadata.py`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import ftfy
import ftfy.fixes

from newsgraph.resources import load_json

# --- characters -------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROLS = {
    **dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)], None),
    0x0B: "\n",
    0x0C: "\n",
    0x2028: "\n",
    0x2029: "\n",
    **dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None),
}
"""C0 and C1 control characters (NUL, escape sequences' ESC, ...) and the bidirectional overrides and
isolates (which reorder what a line appears to say) dropped; vertical tab, form feed and
the Unicode line and paragraph separators read as line breaks; tab, line feed and carriage return kept."""
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def strip_controls(text: str) -> str:
    """Text without control characters (see _CONTROLS): what is stored is safe to print and to index."""
    return text.translate(_CONTROLS)


def normalize_characters(text: str) -> str:
    """NFC-normalize, unify line ends, undo mojibake while its C1 bytes are still there ('â€\\x9d' is '”'),
    drop control and zero-width characters, fold odd spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and _MAYBE_MOJIBAKE.search(text):
        text = "\n".join(repair_mojibake(line) for line in text.split("\n"))
    text = strip_controls(text).translate(_ZERO_WIDTH)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# --- mojibake and HTML entities: ftfy -----------------------------------------------------

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,  # entities are unescape_entities' job: on every line, not only on mojibake
    fix_encoding=True,  # mojibake: 'PeÃ±a' -> 'Peña', 'itâ€™s' -> 'it’s'
    decode_inconsistent_utf8=True,  # ... also beside real accented letters: 'café and PeÃ±a'
    restore_byte_a0=False,  # 'Ã ' not read as 'à' (its no-break space folded) on its own: 'Ã la carte' stays;
    # on a line with other mojibake it is, by decode_inconsistent_utf8, which uses ftfy's defaults (6.3.1)
    replace_lossy_sequences=False,  # would write '�' for 'â€?'
    fix_c1_controls=False,  # a lone C1 control is dropped by strip_controls, not read as Windows-1252
    remove_terminal_escapes=False,  # control characters are strip_controls' job
    remove_control_chars=False,
    fix_line_breaks=False,  # line ends are normalize_characters' job
    fix_surrogates=False,
    uncurl_quotes=False,  # curly quotes are kept: quote extraction reads them
    fix_latin_ligatures=False,  # 'ﬁ', full-width letters: kept as written
    fix_character_width=False,
    normalization="NFC",  # as normalize_characters (NFKC would turn '10³' into '103')
    explain=True,  # with explain=False ftfy 6.3.1 fixes the encoding with its defaults, not restore_byte_a0=False ...
)
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MAYBE_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_HIGH + "]")
"""A UTF-8 lead byte read as Latin-1 or Windows-1252, then a continuation byte so read: lines without one are
not given to ftfy, which takes about 0.1 ms for a line of 200 characters (this test: under 0.001 ms)."""


def unescape_entities(text: str) -> str:
    """HTML entities decoded by ftfy (named ones ending in ';', and '&#...;'; also on a line holding '<', which
    ftfy.fix_text's "auto" would skip), again while some are left:
    '&quot;Yes&quot; &amp; no' -> '"Yes" & no', '&amp;quot;' -> '"'; 'AT&T' and '&not that' stay."""
    while "&" in text and ";" in text:
        unescaped = ftfy.fixes.unescape_html(text)
        if unescaped == text:
            break
        text = unicodedata.normalize("NFC", unescaped)
    return text


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 or Latin-1 undone by ftfy: 'PeÃ±a' -> 'Peña', 'itâ€™s' -> 'it’s'.
    Real 'Ã' or 'â' text stays."""
    if text.isascii() or not _MAYBE_MOJIBAKE.search(text):
        return text
    return ftfy.fix_text(text, _FTFY)


def repair_encoding(text: str) -> str:
    """HTML entities and mojibake: see unescape_entities and repair_mojibake."""
    return repair_mojibake(unescape_entities(text))


# --- entities lost in scraping ---------------------------------------------

# '&quot;' that lost its '&' and ';' is 'quot' glued to the words around it ('quotStable ... Russiaquot'),
# but many words hold 'quot' too (quota, quotidian, aliquot, Pequot; French quotidien, German Quote).
# Each 'quot' is read from what touches it: surely an entity when it is 'quot;' or is followed by a
# capital, a digit or an opening mark at a word's start, follows a digit or closing punctuation, or
# stands alone; maybe one when lower case follows it at a word's start ('quotfair', 'quota') or it ends
# a word ('payquot', 'aliquot'). Whether a maybe is one is decided by its line: see _lost_quots.
_QUOT = re.compile(r"quot(;?)")
_OPENING_MARKS = frozenset("'‘“([.$€£-")
_CLOSING_MARKS = frozenset(".,!?;:%)]…’”")


class _Quot(NamedTuple):
    """One 'quot' of a line that may be a lost '&quot;'."""

    start: int
    end: int
    opens: bool
    closes: bool
    sure: bool


def _read_quot(text: str, match: re.Match[str]) -> _Quot | None:
    """What the letters around one 'quot' say it is; None inside a word ('unquote', 'aliquots'). A 'quot'
    next to it is read as the quotation mark it may become."""
    start, end = match.span()
    before = '"' if text.endswith(("quot", "quot;"), 0, start) else text[start - 1] if start else " "
    after = '"' if text.startswith("quot", end) else text[end] if end < len(text) else " "
    if before.isalnum():
        return None if after.isalnum() else _Quot(start, end, False, True, before.isdigit())
    if after.isalnum():
        return _Quot(start, end, True, False, bool(match.group(1)) or after.isupper() or after.isdigit())
    if before in _CLOSING_MARKS:
        return _Quot(start, end, False, True, True)
    if after in _OPENING_MARKS:
        return _Quot(start, end, True, False, True)
    return _Quot(start, end, True, True, True) if before.isspace() and after.isspace() else None


def _only_maybes_in_pairs(found: list[_Quot], text: str) -> bool:
    """True for a line whose quotation marks are all maybes that open and close in turn ('quotfair payquot.')."""
    if not found or any(q.sure for q in found) or any(mark in text for mark in '"“”'):
        return False
    return len(found) % 2 == 0 and all(q.closes if i % 2 else q.opens for i, q in enumerate(found))


def _lost_quots(found: list[_Quot], text: str) -> list[_Quot]:
    """Every maybe of a line that has nothing else and pairs them all; else the sure ones, and each maybe
    that pairs with a sure one (see _pairs_with_sure)."""
    if _only_maybes_in_pairs(found, text):
        return found
    inside, taken = False, []
    for i, quot in enumerate(found):
        if quot.sure or _pairs_with_sure(quot, found[i + 1] if i + 1 < len(found) else None, inside):
            taken.append(quot)
            inside = not inside if quot.opens and quot.closes else quot.opens
    return taken


def _pairs_with_sure(maybe: _Quot, following: _Quot | None, inside: bool) -> bool:
    """An opening right before a sure closing; the closing of a quotation a taken one opened, unless the next
    one surely closes it instead ('quotWe took an aliquot,quot')."""
    sure_close = following is not None and following.sure and following.closes
    if maybe.opens:
        return not inside and sure_close and following is not None and not following.opens
    return inside and not sure_close


def repair_lost_quot(text: str) -> str:
    """'&quot;' that lost its '&' and ';': 'quotStable ... Russiaquot' -> '"Stable ... Russia"'."""
    if "quot" not in text:
        return text
    found = [quot for match in _QUOT.finditer(text) if (quot := _read_quot(text, match))]
    pieces, last = [], 0
    for quot in _lost_quots(found, text):
        pieces += [text[last : quot.start], '"']
        last = quot.end
    return "".join(pieces) + text[last:]


_CURLY = (
    (re.compile(r"(?<![A-Za-z])ldquo;?(?=\w)"), "“"),
    (re.compile(r"(?<=[\w.,!?])rdquo;?(?![A-Za-z])"), "”"),
    (re.compile(r"(?<=[A-Za-z])rsquo;?(?=(?:s|t|ll|re|ve|d|m)\b)"), "’"),
)


def repair_lost_curly_quotes(text: str) -> str:
    """'&ldquo;', '&rdquo;' and '&rsquo;' that lost their '&' and ';': 'ldquoHellordquo', 'Russiarsquos'."""
    if "dquo" in text or "rsquo" in text:
        for pattern, char in _CURLY:
            text = pattern.sub(char, text)
    return text


def repair_lost_entities(text: str) -> str:
    """Entities whose '&' and ';' were lost in scraping (ftfy decodes the whole ones, see repair_encoding):
    `quotStable ... Russiaquot` -> `"Stable ... Russia"`."""
    return repair_lost_curly_quotes(repair_lost_quot(text))


# --- markdown -----------------------------------------------------------------

_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_MD_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_ITALIC_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_QUOTE = re.compile(r"^(?:>\s?)+")
_MD_BULLET = re.compile(r"^[*+-]\s+(?=\S)")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")


def unwrap_markdown(line: str) -> str:
    """Keep the words of markdown links and emphasis, drop the markup and images."""
    if _MD_RULE.match(line):
        return ""
    line = _MD_HEADING.sub("", line)
    line = _MD_QUOTE.sub("", line)
    line = _MD_BULLET.sub("", line)
    if "](" in line or "][" in line:
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_REF_LINK.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _MD_BOLD.sub(r"\2", line)
        line = _MD_ITALIC_STAR.sub(r"\1", line)
        line = _MD_ITALIC_UNDER.sub(r"\1", line)
    return line.strip()


# --- boilerplate ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern[str]:
    patterns = load_json("boilerplate.json")["line_patterns"]
    return re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")$", re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """True for a whole line that pages carry but articles do not (ADVERTISING, Related: ...)."""
    stripped = line.strip().strip("|·•-–— ")
    return bool(stripped) and len(stripped) < 200 and bool(_boilerplate().match(stripped))


# --- paragraphs -------------------------------------------------------------------

_ENDS_SENTENCE = re.compile(r"[.!?:;…\"'”’»)\]]$")
_STARTS_LOWER = re.compile(r"^[a-z\u00df-\u00ff]")


def join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Join a paragraph that stops mid-sentence to the next one when it goes on in lower case."""
    out: list[str] = []
    for para in paragraphs:
        if out and not _ENDS_SENTENCE.search(out[-1]) and _STARTS_LOWER.match(para):
            out[-1] = f"{out[-1]} {para}"
        else:
            out.append(para)
    return out


_MAX_PASSES = 4


def clean_line(line: str) -> str:
    """All per-line rules: mojibake, entities, markdown, spaces; applied again while they change the line
    (markup nested in markup, '- - item', '&amp;quot;'), so that cleaning clean text changes nothing."""
    for _ in range(_MAX_PASSES):
        repaired = strip_controls(repair_lost_entities(repair_encoding(line))).translate(_ZERO_WIDTH)  # '&#x202e;'
        cleaned = _SPACES.sub(" ", unwrap_markdown(repaired).replace("\n", " ")).strip()
        if cleaned == line:
            break
        line = cleaned
    return line


def clean_text(text: str) -> str:
    """Clean a whole body of text: characters, entities, markdown, boilerplate, broken paragraphs.

    Paragraphs come out separated by one blank line.
    """
    lines = [clean_line(line) for line in normalize_characters(text).split("\n")]
    return "\n\n".join(settle_paragraphs([line for line in lines if line and not is_boilerplate(line)]))


def settle_paragraphs(paragraphs: list[str]) -> list[str]:
    """Broken paragraphs joined, and the line rules applied again to what joining made ('... the' +
    'quot ...' is one line, whose entity is then repaired), until nothing changes."""
    for _ in range(_MAX_PASSES):
        joined = [clean_line(p) for p in join_broken_paragraphs(paragraphs)]
        joined = [p for p in joined if p and not is_boilerplate(p)]
        if joined == paragraphs:
            break
        paragraphs = joined
    return paragraphs
