"""Who said what: direct quotes, reported speech and attributed claims, from spaCy's parse.

Two steps, both pure. `find(doc, lex, offset)` (`cues`) reads one parsed piece of text: each attribution's cue, source
and content, as character offsets. `resolve(text, quotes, mentions, lex, lemmas)` (`speakers`) then works on the whole
article: the speaker as a canonical actor, the medium that carried the words, the stance (asserts or denies), hedges
and the claim a denial answers. The lexicon (`lexicon`) is package data (`newsgraph/data/attribution.json`) that
travels in the analysis context.
"""

from newsgraph.analyze.quotes.cues import find, kind_of_content, quotation_spans
from newsgraph.analyze.quotes.lexicon import AttributionLexicon, inflections, load_lexicon
from newsgraph.analyze.quotes.speakers import Mentions, resolve, speaker_of

__all__ = [
    "AttributionLexicon",
    "Mentions",
    "find",
    "inflections",
    "kind_of_content",
    "load_lexicon",
    "quotation_spans",
    "resolve",
    "speaker_of",
]
