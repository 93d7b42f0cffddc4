"""Which way a weekday, a month or a holiday named alone points: the tense of the verb that governs it.

'Talks will resume Tuesday', 'the minister is meeting him Tuesday', 'he is expected to arrive in March' point
ahead of the publication date; 'the talks resumed Tuesday' points back. `time_word_tenses(doc)` gives, for each
weekday and month name of a parse, 'future' or 'past' when its governing verb says so (nothing when it does not:
then the time expression keeps the resolution of `timex`, the most recent such day). Pure: a spaCy doc in, offsets
out.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.analyze.timex import HOLIDAYS, MONTHS, WEEKDAYS

FUTURE_AUXILIARIES = frozenset({"will", "'ll", "’ll", "shall", "wo"})
"""Auxiliaries of the future ('wo' is spaCy's token of "won't")."""
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl"})
"""A verb without tense of its own takes the tense of the verb it hangs from through these."""
PLANNING = frozenset(
    {"expect", "plan", "schedule", "set", "due", "intend", "hope", "aim", "prepare", "slate", "anticipate", "forecast",
     "predict"}
)  # fmt: skip
"""Verbs whose present points ahead: 'the vote is set for Thanksgiving', 'shops expect crowds at Christmas'."""
REACH = 6
"""How many heads up a time word's verb is sought."""


def _auxiliaries(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def tense_of(verb: Any, depth: int = 0) -> str | None:
    """'future', 'past' or 'present' of a verb by its auxiliaries and tag, else of the verb its clause hangs from
    ('expected to arrive': the tense of 'is expected', where a present passes on as the future it announces)."""
    auxiliaries = _auxiliaries(verb)
    if any(a.lower_ in FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    if any(a.tag_ == "MD" for a in auxiliaries):
        return None  # 'would reopen in March', 'could meet Tuesday': no direction a modal's tense gives
    if any(a.lemma_ == "go" and a.tag_ == "VBG" for a in auxiliaries):  # is going to meet
        return "future"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "future"  # is meeting him Tuesday: the present progressive of a plan
    for a in auxiliaries:
        if a.tag_ == "VBD":
            return "past"
        if a.tag_ in ("VBZ", "VBP"):
            return "future" if verb.lemma_ in PLANNING else "present"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "future" if verb.lemma_ in PLANNING else "present"
    if verb.dep_ in CLAUSE_LINKS and verb.head is not verb and depth < REACH:
        above = tense_of(verb.head, depth + 1)
        return "future" if verb.dep_ == "xcomp" and above == "present" else above
    return None


def _governing_verb(token: Any) -> Any | None:
    for _ in range(REACH):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


_NAMES = sorted((*WEEKDAYS, *MONTHS, *(re.escape(h).replace("'", "['’]") for h in HOLIDAYS)), key=len, reverse=True)
_TIME_WORD = re.compile(r"\b(?:" + "|".join(_NAMES) + r")\b", re.I)
_FIRST_WORDS = frozenset(name.replace("\\", "").split()[0].split("[")[0] for name in _NAMES)
_CAPITALIZED = re.compile(r"\b[A-Z][A-Za-z]*")


def time_word_tenses(doc: Any, offset: int = 0) -> list[tuple[int, str]]:
    """(character offset + `offset`, 'future' or 'past') of each weekday and month name whose verb has that tense
    (the names found in the text first: most tokens are none); a holiday's by its first word."""
    out: list[tuple[int, str]] = []
    text = doc.text
    for word in _CAPITALIZED.finditer(text):  # names of days, months and holidays are written with a capital
        if word.group().casefold() not in _FIRST_WORDS or (m := _TIME_WORD.match(text, word.start())) is None:
            continue
        span = doc.char_span(m.start(), m.end())
        if span is None or not len(span):
            continue
        token = span[0]
        verb = _governing_verb(token)
        tense = tense_of(verb) if verb is not None else None
        if tense in ("future", "past"):
            out.append((token.idx + offset, tense))
    return out
