"""Helpers over spaCy's parse that who-said-what (`quotes`) and who-did-what (`events`) both read with: spans of
tokens, a token's subtree without some of its branches, the text between two offsets, and how far back a pronoun
reaches. Pure functions of the tokens."""

from __future__ import annotations

from typing import Any

PRONOUN_REACH = 1500
"""Characters back to which a pronoun ('he said', 'she met') takes the last person who spoke or acted."""
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
"""Dependencies of a verb's subject, active or passive."""


def span(tokens: list[Any]) -> tuple[int, int]:
    """The characters a run of tokens covers, from the first token's start to the last one's end."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def full(token: Any) -> tuple[int, int]:
    """The characters of the token's whole subtree."""
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def subtree(token: Any, cut: set[str] | frozenset[str] = frozenset()) -> list[Any]:
    """The token's subtree, without the subtrees of children whose dependency is in `cut`, as a
    contiguous run from the token's side."""
    out = [token]
    for child in token.children:
        if child.dep_ not in cut:
            out.extend(subtree(child, cut))
    out.sort(key=lambda t: t.i)
    i = next(k for k, t in enumerate(out) if t.i == token.i)  # keep the contiguous run around the token
    lo = hi = i
    while lo > 0 and out[lo - 1].i == out[lo].i - 1:
        lo -= 1
    while hi < len(out) - 1 and out[hi + 1].i == out[hi].i + 1:
        hi += 1
    return out[lo : hi + 1]


def grammatical_subject(verb: Any) -> Any | None:
    """The verb's grammatical subject (active or passive); a verb conjoined to another takes its subject ('X said
    ... and added ...')."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return grammatical_subject(verb.head)
    return None


def between(doc: Any, start: int, end: int) -> str:
    """The doc's text from character `start` to `end`, read from the tokens there (`Doc.text` rebuilds the
    whole text on each read: once per trigger is quadratic in a long article)."""
    if end <= start:
        return ""
    found = doc.char_span(start, end, alignment_mode="expand")
    if found is None or not len(found):
        return ""
    return str(found.text_with_ws)[start - found.start_char : end - found.start_char]


def content_lemmas(doc: Any, offset: int = 0) -> list[tuple[int, str]]:
    """(offset in the article, lemma) of each content word of a parsed piece of text: alphabetic, longer than two
    letters, neither it nor its lemma a stop word ('having' -> 'have' is one), its lemma as spaCy gives it,
    case-folded ('wanted', 'wants' -> 'want')."""
    out = []
    for t in doc:
        if t.is_alpha and not t.is_stop and len(t) > 2 and t.lemma_:
            lemma = t.lemma_.casefold()
            if not doc.vocab[lemma].is_stop:
                out.append((t.idx + offset, lemma))
    return out

