"""PETRARCH-2's verb patterns on spaCy's parse: what follows a verb ('ask for financial aid', 'stage a
demonstration', 'put troops on alert') gives its CAMEO code, and the project's CAMEO -> PLOVER table its label.

The patterns are package data (`newsgraph/data/event_patterns.json`, converted by scripts/petrarch_verbs.py from
PETRARCH-2's CAMEO.2.0.txt, MIT): per verb, elements written 'noun', 'modifier_noun' or '(preposition noun)',
one or two of them. A verb's elements are read off the parse (its particle, its objects with their modifiers,
its prepositional phrases), each as its words and as the synonym sets those words are in, and looked up: a
dictionary look-up per candidate, no scan of the patterns."""

from __future__ import annotations

from itertools import product
from typing import Any

from newsgraph.analyze.events.lexicon import EventLexicon, cameo_label
from newsgraph.analyze.events.phrases import lemma_of, objects_of

_MODIFIERS = ("amod", "compound", "nmod")


def _forms(token: Any, lex: EventLexicon) -> list[str]:
    """A noun as the patterns may write it: its lemma, its form, the synonym sets of either."""
    words = dict.fromkeys((lemma_of(token, lex), token.lower_))
    out = list(words)
    for word in words:
        out += [s for s in lex.cameo_sets.get(word, ()) if s not in out]
    return out


def _noun_forms(token: Any, lex: EventLexicon) -> list[tuple[str, int]]:
    """(written form, specificity): 'aid' (1), and with each modifier before it 'financial_aid' (2)."""
    heads = _forms(token, lex)
    out = [(h, 1) for h in heads]
    for mod in (c for c in token.children if c.dep_ in _MODIFIERS and c.i < token.i):
        out += [(f"{m}_{h}", 2) for m, h in product(_forms(mod, lex), heads)]
    return out


Form = tuple[str, int, Any | None]
"""A written form of an element, its specificity, and the noun it names (None for a particle or a bare
preposition)."""


def _elements(verb: Any, lex: EventLexicon) -> list[tuple[int, list[Form]]]:
    """The verb's elements in text order: (position, their written forms)."""
    out: list[tuple[int, list[Form]]] = []
    direct = [o for o in objects_of(verb) if o.head.i == verb.i or o.head.dep_ == "dobj"]
    for child in verb.children:
        if child.dep_ == "prt":
            out.append((child.i, [(child.lower_, 1, None)]))
        elif child.dep_ == "prep":
            prep = child.lower_
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            forms: list[Form] = [(f"({prep})", 1, None)]
            if pobj is not None:
                forms += [(f"({prep} {f})", n + 1, pobj) for f, n in _noun_forms(pobj, lex)]
            out.append((child.i, forms))
    for obj in direct:
        out.append((obj.i, [(f, n, obj) for f, n in _noun_forms(obj, lex)]))
    out.sort(key=lambda e: e[0])
    return out


def pattern_label(verb: Any, lex: EventLexicon) -> tuple[str, Any | None] | None:
    """(label, the noun the pattern matched) of the most specific pattern of the verb's blocks that what follows
    it matches: two elements before one, 'financial_aid' before 'aid'; None when none does."""
    blocks = [lex.cameo_patterns[k] for k in lex.cameo_blocks.get(lemma_of(verb, lex), ())]
    if not blocks:
        return None
    elements = [forms for _, forms in _elements(verb, lex)]
    candidates: list[Form] = [form for forms in elements for form in forms]
    for k, first in enumerate(elements):
        for second in elements[k + 1 :]:
            pairs = product(first, second)
            candidates += [(f"{a} {b}", m + n + 2, x if x is not None else y) for (a, m, x), (b, n, y) in pairs]
    best: tuple[int, str, Any | None] | None = None
    for key, weight, noun in candidates:
        for block in blocks:
            code = block.get(key)
            if code is not None and (best is None or weight > best[0]):
                best = (weight, code, noun)
    if best is None:
        return None
    return cameo_label(best[1], lex), best[2]


def phrasal_label(verb: Any, lex: EventLexicon) -> str | None:
    """The label of PETRARCH-2's multi-word verb the verb makes with its particle or the preposition right after
    it ('gun down', 'cordon off'); None when it makes none, or a public statement (CAMEO 01)."""
    lemma = lemma_of(verb, lex)
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and child.i <= verb.i + 2:
            code = lex.cameo_phrasal.get(f"{lemma} {child.lower_}")
            if code is not None:
                label = cameo_label(code, lex)
                return None if label == "NONE" else label
    return None


def verb_label(verb: Any, lex: EventLexicon) -> str | None:
    """The label of the code PETRARCH-2 gives the verb alone ('summon': CAMEO 040); None when it gives none, or
    a public statement or an intent (CAMEO 01, 03: the grammar reads intent as the mode of the verb it governs)."""
    code = lex.cameo_verbs.get(lemma_of(verb, lex))
    if code is None or code.startswith(("01", "03")):
        return None
    return cameo_label(code, lex)
