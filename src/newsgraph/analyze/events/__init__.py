"""Who did what to whom: political events in PLOVER's types, from spaCy's dependency parse.

Dictionaries and rules on the parse, the approach of PETRARCH2, in two pure steps like `quotes`:
`find(doc, lex, offset)` (`triggers`, with the participants' phrases from `phrases`) reads one parsed piece of text;
`resolve(...)` (`resolve`) then works on the whole article. The lexicon (`lexicon`) is package data
(`newsgraph/data/events.json`) that travels in the analysis context; docs/events.md says how it was written and how
intensity is scored.
"""

from newsgraph.analyze.events.lexicon import (
    COOPERATIVE,
    FORCEFUL,
    JOINT,
    MODE_SCALE,
    SYMMETRIC,
    UNKNOWN_SOURCE,
    EventLexicon,
    coded,
    load_lexicon,
    score,
)
from newsgraph.analyze.events.phrases import Participant
from newsgraph.analyze.events.resolve import resolve
from newsgraph.analyze.events.triggers import GRAMMAR_MODES, Found, find

__all__ = [
    "COOPERATIVE",
    "FORCEFUL",
    "GRAMMAR_MODES",
    "JOINT",
    "MODE_SCALE",
    "SYMMETRIC",
    "UNKNOWN_SOURCE",
    "EventLexicon",
    "Found",
    "Participant",
    "coded",
    "find",
    "load_lexicon",
    "resolve",
    "score",
]
