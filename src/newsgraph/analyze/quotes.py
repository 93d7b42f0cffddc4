"""Who said what: direct quotes, reported speech and attributed claims, from spaCy's parse.

Two steps, both pure. `find(doc, offset)` reads one parsed piece of text: each attribution's cue
(a reporting verb, 'according to', a colon before a quotation), source (the speaker's words in the
text) and content, as character offsets. `resolve(text, quotes, mentions, countries)` then works on the
whole article: the speaker as a canonical actor (a pronoun's antecedent, an organization, a country,
a medium, or an anonymous source), the medium that carried the words (`via`), the stance (asserts or
denies), the claim a denial answers, and hedges. The lexicons are package data
(`newsgraph/data/attribution.json`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from newsgraph.models import Mention, Quote
from newsgraph.resources import load_json

_OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u2018": "\u2019", "\u201e": "\u201c"}
_QUOTE_CHARS = set('\u201c\u201d"\u00ab\u00bb\u2018\u2019\u201e')
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
_SOURCE_CUT = {"relcl", "acl", "appos", "punct", "advcl", "parataxis"}
_TRIM = " \t\n,;"


@dataclass(frozen=True)
class Lexicon:
    reporting: frozenset[str]
    object_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    denial_forms: frozenset[str]
    """The denial verbs in every form a cue may take: deny, denies, denied, denying."""
    denial_phrases: tuple[str, ...]
    claim_nouns: frozenset[str]
    hedges: frozenset[str]
    media: Mapping[str, str]
    """casefolded name -> name"""
    media_heads: frozenset[str]
    anonymous_heads: frozenset[str]
    pronouns: Mapping[str, str]


def inflections(verb: str) -> set[str]:
    """A regular English verb's forms: deny -> deny, denies, denied, denying; dispute -> disputes,
    disputed, disputing; reject -> rejects, rejected, rejecting."""
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    forms = {verb, verb + "ed", verb + "ing", verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")}
    return forms


def load_lexicon() -> Lexicon:
    """The project's attribution lexicons (package data, not an input: read once, when the module loads)."""
    data = load_json("attribution.json")
    return Lexicon(
        reporting=frozenset(data["reporting_verbs"]),
        object_verbs=frozenset(data["content_object_verbs"]),
        denial_verbs=frozenset(data["denial_verbs"]),
        denial_forms=frozenset(f for v in data["denial_verbs"] for f in inflections(v)),
        denial_phrases=tuple(data["denial_phrases"]),
        claim_nouns=frozenset(data["claim_nouns"]),
        hedges=frozenset(data["hedges"]),
        media=MappingProxyType({m.casefold(): m for m in data["media"]}),
        media_heads=frozenset(data["media_heads"]),
        anonymous_heads=frozenset(data["anonymous_heads"]),
        pronouns=MappingProxyType(dict(data["pronouns"])),
    )


LEXICON = load_lexicon()


def lexicon() -> Lexicon:
    return LEXICON


# --- step 1: cue, source and content spans in one parsed piece ------------------------------------------


MAX_QUOTATION = 5000
"""Characters beyond which an unclosed quotation mark is taken for a stray one."""


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text in quotation marks, the marks included: curly, straight, guillemets, single curly
    quotes that open at a word's start (not apostrophes); a quotation may run over sentences, not over
    a paragraph that does not continue it, nor over MAX_QUOTATION characters."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN_CLOSE and (ch != "\u2018" or i == 0 or not text[i - 1].isalnum()):
            if ch == '"' and i > 0 and text[i - 1].isalnum() and i + 1 < n and not text[i + 1].isspace():
                i += 1  # 12"3 and the like
                continue
            close = _closing(text, i + 1, _OPEN_CLOSE[ch], min(n, i + MAX_QUOTATION))
            if close is not None and close > i + 1:
                spans.append((i, close + 1))
                i = close + 1
                continue
        i += 1
    return spans


MAX_QUOTED_PARAGRAPHS = 4
"""Paragraphs one quotation may run over (each opening with a quotation mark, as multi-paragraph quotes do)."""


def _closing(text: str, start: int, mark: str, limit: int) -> int | None:
    """Where the quotation opened before `start` closes, searched with str.find (hostile text full of
    unclosed marks costs little); None when a paragraph that does not go on with it comes first, or
    after MAX_QUOTED_PARAGRAPHS that do."""
    j = start
    paragraphs = 0
    while j < limit and paragraphs <= MAX_QUOTED_PARAGRAPHS:
        c = text.find(mark, j, limit)
        nl = text.find("\n", j, c if c >= 0 else limit)
        if nl >= 0:
            after = text[nl + 1 : nl + 2]
            if after != "\n" and after not in _OPEN_CLOSE:
                return None  # a paragraph ends before the quotation closes, and the next one does not go on with it
            paragraphs += after != "\n"
            j = nl + 1
            continue
        if c < 0:
            return None
        if mark == "\u2019" and c + 1 < len(text) and text[c + 1].isalnum():
            j = c + 1  # an apostrophe, not the closing mark
            continue
        return c
    return None


def _span(tokens: list[Any]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def subtree(token: Any, cut: set[str] | frozenset[str] = frozenset()) -> list[Any]:
    """The token's subtree, without the subtrees of children whose dependency is in `cut`, as a
    contiguous run from the token's side."""
    out = [token]
    for child in token.children:
        if child.dep_ not in cut:
            out.extend(_subtree(child, cut))
    out.sort(key=lambda t: t.i)
    # keep the contiguous run around the token
    i = next(k for k, t in enumerate(out) if t.i == token.i)
    lo = hi = i
    while lo > 0 and out[lo - 1].i == out[lo].i - 1:
        lo -= 1
    while hi < len(out) - 1 and out[hi + 1].i == out[hi].i + 1:
        hi += 1
    return out[lo : hi + 1]


_subtree = subtree


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and punctuation at its ends. Takes the text, not the doc: `Doc.text` builds the
    whole text anew at each read."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _subject(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    if verb.dep_ in ("conj",) and verb.head.pos_ in ("VERB", "AUX"):  # 'X said ... and added ...'
        return _subject(verb.head)
    return None


def _source_tokens(subject: Any) -> list[Any]:
    return _subtree(subject, _SOURCE_CUT)


def _cue_tokens(verb: Any) -> list[Any]:
    """The verb with its auxiliaries, negation and particles right before or after it ('has said',
    'did not say', 'pointed out')."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i:
            tokens.append(child)
        if child.dep_ == "prt":
            tokens.append(child)
    tokens.sort(key=lambda t: t.i)
    run = [tokens[-1]]
    for t in reversed(tokens[:-1]):  # contiguous only
        if t.i == run[0].i - 1:
            run.insert(0, t)
    if verb not in run:
        return [verb]
    return run


def _content_head(verb: Any, lex: Lexicon) -> Any | None:
    for child in verb.children:
        if child.dep_ in _CONTENT_DEPS and child.i != verb.i:
            return child
    if verb.lemma_.lower() in lex.object_verbs:
        for child in verb.children:
            if child.dep_ in ("dobj", "obj"):
                return child
    return None


def _according_to(doc: Any) -> list[tuple[Any, Any]]:
    """(cue 'according', source head) of each 'according to X, ...'."""
    out = []
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                out.append((token, pobj))
    return out


def _paragraph_cut(text: str, span: tuple[int, int], anchor: int) -> tuple[int, int]:
    """The span cut at the line breaks between it and `anchor` (a heading or caption the parser ran
    into the sentence stays out)."""
    start, end = span
    before = text.rfind("\n", start, anchor)
    if before >= 0:
        start = before + 1
    after = text.find("\n", max(anchor, start), end)
    if after >= 0:
        end = after
    return start, end


def _full(token: Any) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def _inherited_subject(verb: Any) -> Any | None:
    """'X denounced ..., insisting ...', 'X lashed out ... while touting ...': the subject of the clause
    the verb hangs from."""
    own = _subject(verb)
    if own is not None:
        return own
    if verb.dep_ in ("advcl", "conj", "xcomp", "pcomp") and verb.head is not verb:
        return _subject(verb.head)
    return None


def find(doc: Any, offset: int = 0) -> list[Quote]:
    """The attributions of one parsed piece of text; offsets shifted by `offset` into the article."""
    lex = lexicon()
    text = doc.text
    quotations = quotation_spans(text)
    found: list[Quote] = []

    def in_quotation(at: int) -> bool:
        return any(s < at < e for s, e in quotations)

    def add(cue: tuple[int, int], source: tuple[int, int] | None, content: tuple[int, int], via: str | None) -> None:
        start, end = _trimmed(text, *content)
        if end - start >= 2:
            found.append(_quote(text, offset, (start, end), cue, source, via))

    for cue_token, source_head in _according_to(doc):
        if in_quotation(cue_token.idx):
            continue
        src = _paragraph_cut(text, _span(_source_tokens(source_head)), source_head.idx)
        sent = cue_token.sent
        phrase = _subtree(cue_token)
        p0, p1 = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
        s0, s1 = sent.start_char, sent.end_char
        clause = (p1, s1) if p0 <= s0 + 1 else (s0, p0)
        clause = _paragraph_cut(text, clause, clause[0] if p0 <= s0 + 1 else clause[1] - 1)
        add((cue_token.idx, doc[cue_token.i + 1].idx + 2), src, clause, None)

    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or lemma not in lex.reporting or in_quotation(verb.idx):
            continue  # inside a quotation: the quoted speaker's own words ('we can safely say')
        if lemma == "quote" and any(c.lemma_.lower() == "say" for c in verb.children):
            continue  # 'was quoted as saying': the cue is 'saying'
        if any(c.dep_ == "auxpass" for c in verb.children) and lemma not in ("report", "quote"):
            continue  # 'is expected to', 'was described as': no speaker speaks
        subject = _inherited_subject(verb)
        via = None
        if verb.head.lemma_.lower() == "quote" and verb.head is not verb:  # 'X was quoted as saying by Y'
            subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), subject)
            agent = next((c for c in verb.head.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            via = text[slice(*_span(_source_tokens(pobj)))] if pobj is not None else None
        if subject is None:
            continue
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if via is None and agent is not None:  # 'X was quoted by Y'
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            via = text[slice(*_span(_source_tokens(pobj)))] if pobj is not None else None
        head = _content_head(verb, lex)
        content: tuple[int, int] | None = None
        if head is not None and not (subject.i < head.i and head.left_edge.i <= subject.i):
            content = _extend_to_quotes(text, _full(head))
        else:
            # '"...," he said': the quotation before the speech tag, in the same sentence
            cut = min(subject.left_edge.idx, verb.idx)
            ahead = [(s, e) for s, e in quotations if verb.sent.start_char <= s and e <= cut + 1]
            if ahead:
                content = (ahead[0][0], ahead[-1][1])
            elif verb.i > verb.sent.start and verb.dep_ in ("parataxis", "ROOT"):
                before = text[verb.sent.start_char : cut].rstrip(" ,")
                if len(before.split()) >= 3:
                    content = (verb.sent.start_char, verb.sent.start_char + len(before))
        if content is None:
            continue
        content = _whole_quotations(content, quotations, verb.idx)
        content = _paragraph_cut(text, content, content[0] if content[0] > verb.idx else content[1] - 1)
        content = _run_on(text, content, verb)
        source = _paragraph_cut(text, _span(_source_tokens(subject)), subject.idx)
        if content[0] < source[1] and source[0] < content[1]:
            continue  # the source inside its own content: a misparse
        if "\n" in text[min(source[1], verb.idx) : max(source[0], verb.idx)]:
            continue  # a heading taken for the subject of the next line's verb
        if content[1] <= verb.idx:  # '"...," he said, "...": one quote split by its speech tag
            tag_end = max(verb.idx + len(verb), subject.right_edge.idx + len(subject.right_edge))
            go_on = re.match(r"\s*,\s*", text[tag_end:])
            after = next((e for s, e in quotations if go_on and s == tag_end + go_on.end()), None)
            content = (content[0], after) if after is not None else content
            split = after is not None
        else:
            split = False
        cue = _span(_cue_tokens(verb))
        tail = re.match(r"\s+as\s+say(?:ing)?\b", text[cue[1] :]) if lemma == "quote" else None
        if lemma == "quote" and via is None:  # 'X was quoted as saying by Y': the 'by' hangs anywhere
            by = next((t for t in verb.sent if t.i > verb.i and t.lower_ == "by" and t.dep_ in ("agent", "prep")), None)
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            via = text[slice(*_span(_source_tokens(pobj)))] if pobj is not None else None
        add((cue[0], cue[1] + tail.end()) if tail else cue, source, content, via)
        if split and found:
            found[-1] = replace(found[-1], kind="direct")
    found = _colon_continuations(text, found, quotations, offset)
    found.extend(_headline_attributions(text, found, offset))
    found.extend(_unattached_quotations(doc, found, offset))
    found.sort(key=lambda q: q.start)
    return found


_HEADLINE = re.compile(r"^(?P<source>[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,4}): (?P<content>\S.{8,})$", re.M)
_NOT_SPEAKERS = frozenset(
    {"update", "updated", "watch", "video", "photos", "live", "breaking", "exclusive", "opinion", "analysis"}
)


def _headline_attributions(text: str, found: list[Quote], offset: int) -> list[Quote]:
    """'Graham: Trump's rhetoric is destroying the party' - a headline (or any one-line paragraph) that
    gives its speaker's words after their name and a colon."""
    out = []
    for m in _HEADLINE.finditer(text):
        if m["source"].casefold() in _NOT_SPEAKERS or any(
            q.start - offset <= m.start() < q.end - offset for q in found
        ):
            continue
        start, end = m.start("content"), m.end("content")
        while end > start and text[end - 1] in " .":
            end -= 1
        colon = (m.end("source"), m.end("source") + 1)
        out.append(_quote(text, offset, (start, end), colon, (m.start("source"), m.end("source"))))
    return out


def _colon_continuations(text: str, found: list[Quote], quotations: list[tuple[int, int]], offset: int) -> list[Quote]:
    """'X declared that ...: "a stable plan."': the quotation after the colon belongs to the content."""
    out = []
    for q in found:
        end = q.end - offset
        rest = text[end : end + 3]
        if rest.startswith(":"):
            after = next(((s, e) for s, e in quotations if end < s <= end + 3), None)
            if after is not None:
                content = text[q.start - offset : after[1]]
                q = replace(q, end=after[1] + offset, text=content, kind=_kind(content))
        out.append(q)
    return out


_GOES_ON = re.compile(r"^,?\s+(?:but|and|or|while|yet)\s", re.I)


def _run_on(text: str, content: tuple[int, int], verb: Any) -> tuple[int, int]:
    """Content the parse cut short: a clause after the tag that goes on in coordinated words ('... but
    would now root for ...') runs to the sentence's end."""
    start, end = content
    sent_end = verb.sent.end_char
    if start > verb.idx and end < sent_end and _GOES_ON.match(text[end:sent_end]):
        end = sent_end
        while end > start and text[end - 1] in ". \n":
            end -= 1
    return start, end


def _whole_quotations(content: tuple[int, int], quotations: list[tuple[int, int]], tag: int) -> tuple[int, int]:
    """A content that starts or ends inside a quotation before the speech tag grows to the whole quotation:
    the parse sees the last sentence of a quote of several ('"The strike is over. We are glad," he said')."""
    start, end = content
    for s, e in quotations:
        if e <= tag + 1 and (s < start < e or s < end < e):
            start, end = min(start, s), max(end, e)
    return start, end


def _inside(token: Any, span: tuple[int, int]) -> bool:
    return span[0] <= token.idx < span[1]


def _extend_to_quotes(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content span grown to the quotation marks right around it."""
    start, end = span
    if start > 0 and text[start - 1] in _QUOTE_CHARS:
        start -= 1
    while end < len(text) and text[end] in ".,!?" and end + 1 <= len(text):
        if end + 1 < len(text) and text[end + 1] in _QUOTE_CHARS:
            end += 2
            break
        break
    if end < len(text) and text[end] in _QUOTE_CHARS:
        end += 1
    return start, end


def _kind(content: str) -> str:
    stripped = content.strip(" .,;:")
    if stripped[:1] in _QUOTE_CHARS and stripped[-1:] in _QUOTE_CHARS and len(quotation_spans(stripped)) == 1:
        return "direct"
    if any(c in _QUOTE_CHARS for c in content) and quotation_spans(content):
        return "mixed"
    return "indirect"


def _unattached_quotations(doc: Any, found: list[Quote], offset: int) -> list[Quote]:
    """Quotations no attribution took that a colon introduces ('He said: "..."' parsed apart): cue ':',
    the speaker left to whoever reads the sentence before."""
    out: list[Quote] = []
    text = doc.text
    covered = [(q.start - offset, q.end - offset) for q in found]
    for start, end in quotation_spans(text):
        if any(s <= start and end <= e for s, e in covered) or end - start < 12:
            continue
        before = text[max(0, start - 20) : start].rstrip()
        if before.endswith(":"):
            colon = start - (len(text[max(0, start - 20) : start]) - len(before)) - 1
            out.append(_quote(text, offset, (start, end), (colon, colon + 1), None, None, kind="direct"))
    return out


def _quote(
    text: str,
    offset: int,
    content: tuple[int, int],
    cue: tuple[int, int],
    source: tuple[int, int] | None,
    via: str | None = None,
    kind: str | None = None,
) -> Quote:
    """A Quote from spans of one piece's text, its offsets shifted into the article."""
    start, end = content
    return Quote(
        start=start + offset,
        end=end + offset,
        text=text[start:end],
        kind=kind or _kind(text[start:end]),
        cue=text[cue[0] : cue[1]],
        cue_start=cue[0] + offset,
        cue_end=cue[1] + offset,
        source_start=source[0] + offset if source else None,
        source_end=source[1] + offset if source else None,
        via=via,
    )


# --- step 2: speakers, media, stance over the whole article ---------------------------------------------


_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


def _mention_in(mentions: list[Mention], start: int, end: int) -> int | None:
    """The index of the mention that heads the source: in English the head comes last, so the mention
    that ends last ('North Korean leader Kim Jong Un' -> Kim Jong Un), the longer on a tie."""
    best: tuple[int, int, int] | None = None
    for k, m in enumerate(mentions):
        if start <= m.start and m.end <= end and m.label in _SPEAKER_LABELS:
            key = (m.end, m.end - m.start)
            if best is None or key > best[1:]:
                best = (k, *key)
    return best[0] if best else None


def _kind_of(m: Mention, text: str, lex: Lexicon) -> str:
    if m.text.casefold() in lex.media or (m.canonical or "").casefold() in lex.media:
        return "media"
    if m.kind == "person" or m.label == "PERSON":
        return "person"
    if m.kind == "country" or m.label == "GPE":
        return "country"
    return "organization"


def _antecedent(mentions: list[Mention], before: int, gender: str, text: str) -> int | None:
    """The mention a pronoun before `before` refers back to: the last person for 'he'/'she', the last
    organization or country for 'it', the last of any for 'they'."""
    for k in range(len(mentions) - 1, -1, -1):
        m = mentions[k]
        if m.end > before:
            continue
        if gender in ("male", "female", "self", "relative") and (m.kind == "person" or m.label == "PERSON"):
            return k
        if gender == "thing" and m.label in ("ORG", "GPE") or gender == "plural" and m.label in ("ORG", "GPE", "NORP"):
            return k
    return None


_COLLECTIVES = ("analysts", "researchers", "group", "think tank", "monitor", "organization", "organisation", "firm")
_PERSON_NOUNS = ("minister", "president", "leader", "envoy", "spokesman", "spokeswoman", "diplomat", "official")


def _named_by_head(mentions: list[Mention], before: int, head: str) -> int | None:
    """'the union' after 'Hafen-Union', 'the ministry' after 'the Defence Ministry': the last organization
    named before whose name holds the noun."""
    if len(head) < 4:
        return None
    for k in range(len(mentions) - 1, -1, -1):
        m = mentions[k]
        if m.end <= before and m.label == "ORG" and re.search(rf"(?:\b|-){re.escape(head)}\b", m.text.casefold()):
            return k
    return None


def _nominal_antecedent(text: str, mentions: list[Mention], before: int, head: str) -> int | None:
    """'the minister' -> the last person named before; 'the group', 'the agency' -> the last
    organization, or a name introduced as one ('analysts Beyond Parallel')."""
    for k in range(len(mentions) - 1, -1, -1):
        m = mentions[k]
        if m.end > before:
            continue
        if head in _PERSON_NOUNS:
            if m.label == "PERSON":
                return k
            continue
        lead = text[max(0, m.start - 40) : m.start].casefold()
        if (m.label == "ORG" and m.kind != "country") or any(lead.rstrip().endswith(c) for c in _COLLECTIVES):
            return k
    return None


PRONOUN_REACH = 1500
"""Characters back to which a pronoun ('he said') takes the last person quoted as its antecedent."""


def resolve(text: str, quotes: list[Quote], mentions: list[Mention]) -> list[Quote]:
    """The speaker of each attribution as an actor, its medium, stance, hedge and the claim it denies."""
    lex = lexicon()
    out: list[Quote] = []
    last_person: tuple[int, Quote] | None = None  # (end of its source, the quote)
    for q in _trim_tags(quotes):
        q = _speaker(text, q, mentions, lex, last_person)
        q = _stance(text, q, lex)
        if q.speaker_kind == "person" and q.source_end is not None:
            last_person = (q.source_end, q)
        out.append(q)
    out = [replace(q, via=_medium(q.via, lex)) if q.via else q for q in out]
    return _link_denials(text, _via(out), lex, mentions)


def speaker_of(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[str | None, str | None, int | None]:
    """The actor the words text[start:end] name, as a speaker would be resolved: (name, kind, index of its
    mention); a pronoun takes its antecedent, 'the minister' the last person named before."""
    q = _speaker(text, Quote(start, end, "", "direct", source_start=start, source_end=end), mentions, LEXICON, None)
    return q.speaker, q.speaker_kind, q.speaker_mention


def _medium(words: str, lex: Lexicon) -> str:
    """A medium by its name when the lexicon knows it ("Russia's RIA Novosti news agency" -> RIA Novosti)."""
    low = words.casefold()
    hits = [name for key, name in lex.media.items() if re.search(rf"\b{re.escape(key)}\b", low)]
    return max(hits, key=len) if hits else re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I)


def _trim_tags(quotes: list[Quote]) -> list[Quote]:
    """'X said (he wants ...), state media reported': another attribution's speech tag closing a content
    is cut off it."""
    out = []
    for q in quotes:
        for o in quotes:
            if o is q or o.source_start is None or o.end > o.source_start:
                continue
            if q.start < o.source_start < q.end and (o.cue_end or 0) >= q.end - 1:
                cut = o.source_start
                text = q.text[: cut - q.start].rstrip(" ,;")
                q = replace(q, end=q.start + len(text), text=text, kind=_kind(text))
        out.append(q)
    return out


def _via(quotes: list[Quote]) -> list[Quote]:
    """A person's words inside what a medium reported ('Kim said ..., the KCNA news agency said'): the
    medium is their `via`."""
    out = list(quotes)
    for i, q in enumerate(out):
        if q.via or q.speaker_kind not in ("person", "country", "organization") or q.cue_start is None:
            continue
        for o in out:
            if o is q or o.speaker_kind != "media":
                continue
            if o.start <= q.cue_start < o.end or (q.start <= o.start and o.end <= q.end + 2):
                out[i] = replace(q, via=o.speaker)  # inside what it reported, or it reported the same words
                break
    return out


_POSTMODIFIER = re.compile(r"\s(?:at|of|for|in|from|with|on|close to|near)\s", re.I)


def _head_part(source: str) -> int:
    """Where the source's head noun phrase ends: before a prepositional phrase that follows it ('a
    spokesman at Burchardkai', 'a source close to the talks')."""
    m = _POSTMODIFIER.search(source)
    return m.start() if m else len(source)


def _speaker(
    text: str, q: Quote, mentions: list[Mention], lex: Lexicon, last_person: tuple[int, Quote] | None
) -> Quote:
    if q.source_start is None or q.source_end is None:
        return q
    source = text[q.source_start : q.source_end]
    words = source.split()
    low = source.casefold().strip()
    bare = re.sub(r"^(?:the|a|an)\s+", "", " ".join(words), flags=re.I)
    media_name = next((name for key, name in lex.media.items() if key in low.split() or key == bare.casefold()), None)
    head_end = q.source_start + _head_part(source)
    mention = _mention_in(mentions, q.source_start, head_end)
    if mention is not None and re.match(r"\s*['’]s\b", text[mentions[mention].end : head_end]):
        # 'Hamburg's economy senator': the mention is a possessor, not the speaker, who goes unnamed
        return replace(
            q, speaker=re.sub(r"^(?:the|a|an)\s+", "", " ".join(words), flags=re.I), speaker_kind="anonymous"
        )
    if low in lex.pronouns:
        gender = lex.pronouns[low]
        if gender in ("male", "female") and last_person and q.source_start - last_person[0] < PRONOUN_REACH:
            prev = last_person[1]
            return replace(q, speaker=prev.speaker, speaker_kind="person", speaker_mention=prev.speaker_mention)
        k = _antecedent(mentions, q.source_start, gender, text)
        if k is not None:
            m = mentions[k]
            return replace(q, speaker=m.canonical or m.text, speaker_kind=_kind_of(m, text, lex), speaker_mention=k)
        return q
    head_words = source[: head_end - q.source_start].split()
    head = head_words[-1].casefold().strip(".,") if head_words else ""
    if media_name and (mention is None or mentions[mention].text.casefold() in lex.media):
        return replace(q, speaker=media_name, speaker_kind="media", speaker_mention=mention)
    headed = mention is not None and mentions[mention].end >= head_end - 1
    if mention is not None and (headed or head not in lex.media_heads | lex.anonymous_heads):
        m = mentions[mention]
        kind = _kind_of(m, text, lex)
        return replace(q, speaker=m.canonical or m.text, speaker_kind=kind, speaker_mention=mention)
    if head in lex.media_heads:
        return replace(q, speaker=bare, speaker_kind="media")
    if low.startswith(("the ", "this ", "that ")) and len(words) <= 3:
        k = _named_by_head(mentions, q.source_start, head)
        k = k if k is not None else _nominal_antecedent(text, mentions, q.source_start, head)
        if k is not None:
            m = mentions[k]
            return replace(q, speaker=m.canonical or m.text, speaker_kind=_kind_of(m, text, lex), speaker_mention=k)
    if head in lex.anonymous_heads:
        return replace(q, speaker=bare, speaker_kind="anonymous")
    return replace(q, speaker=bare or None, speaker_kind="anonymous" if bare else None)


def _stance(text: str, q: Quote, lex: Lexicon) -> Quote:
    cue_words = set(re.findall(r"[a-z]+", (q.cue or "").casefold()))
    cue_lemma_hit = bool(cue_words & lex.denial_forms)
    content = q.text.casefold()
    denies = cue_lemma_hit or (
        q.kind == "indirect" and any(re.search(rf"\b{re.escape(p)}\b", content) for p in lex.denial_phrases)
    )
    sentence = _sentence_around(text, q.start)
    hedged = any(re.search(rf"\b{re.escape(h)}\b", content) for h in lex.hedges) or bool(
        re.search(r"\b(?:reportedly|allegedly)\b", sentence.casefold())
    )
    return replace(q, stance="denies" if denies else "asserts", hedged=hedged)


_STOP = frozenset(
    ["the", "a", "an", "of", "to", "in", "on", "and", "or", "that", "was", "were", "is", "are", "be", "been"]
    + ["had", "has", "have", "with", "for", "by", "at", "from", "it", "its"]
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if w not in _STOP and len(w) > 2}


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind("\n", 0, at), text.rfind(". ", 0, at)) + 1
    end = min((i for i in (text.find("\n", at), text.find(". ", at)) if i >= 0), default=len(text))
    return text[start:end]


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _words(text)}


def _link_denials(text: str, quotes: list[Quote], lex: Lexicon, mentions: list[Mention] | None = None) -> list[Quote]:
    """A denial answers a claim made before it by another speaker: the one its sentence names the
    speaker of ('insisting Washington had no proof' -> the United States' claim), else the one whose
    words it shares most, else (for 'the allegations') the last."""
    out = list(quotes)
    for i, q in enumerate(out):
        if q.stance != "denies":
            continue
        siblings = [o for o in out if o.cue_start is not None and abs((o.cue_start or 0) - (q.cue_start or 0)) < 200]
        window = " ".join(o.text for o in siblings if o.source_start == q.source_start) or q.text
        named = {m.canonical or m.text for m in mentions or [] if q.start <= m.start and m.end <= q.end + len(window)}
        named |= {
            m.canonical or m.text
            for m in mentions or []
            if any(o.start <= m.start < o.end for o in siblings if o.source_start == q.source_start)
        }
        names_claim = any(re.search(rf"\b{n}\b", q.text.casefold()) for n in lex.claim_nouns)
        best: tuple[int, int] | None = None
        for j in range(i - 1, -1, -1):
            other = out[j]
            if other.stance != "asserts" or not other.speaker or other.speaker == q.speaker:
                continue
            score = len(_stems(window) & _stems(other.text)) + (3 if other.speaker in named else 0)
            if best is None or score > best[1]:
                best = (j, score)
        if best is not None and (best[1] >= 2 or names_claim):
            out[i] = replace(q, denies=best[0])
    return out
