"""Step one of who said what, on one parsed piece of text: each attribution's cue (a reporting verb, 'according
to', a colon before a quotation or in a headline), source (the speaker's words in the text) and content, as character
offsets, and whether the content is a direct quote, reported speech or both."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any

from newsgraph.analyze.quotes.lexicon import AttributionLexicon
from newsgraph.analyze.spans import SpanIndex
from newsgraph.analyze.tokens import SUBJECTS, full, grammatical_subject, span, subtree
from newsgraph.models import Quote

_OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u2018": "\u2019", "\u201e": "\u201c"}


_QUOTE_CHARS = set('\u201c\u201d"\u00ab\u00bb\u2018\u2019\u201e')


_CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")


_SOURCE_CUT = {"relcl", "acl", "appos", "punct", "advcl", "parataxis"}


_TRIM = " \t\n,;"
_TRIM_END = _TRIM + "."
"""A content ends before the sentence's full stop (a quotation keeps its own, inside its marks)."""


_COMMA = re.compile(r"\s*,\s*")
_AS_SAYING = re.compile(r"\s+as\s+say(?:ing)?\b")


MAX_QUOTATION = 5000
"""Characters beyond which an unclosed quotation mark is taken for a stray one."""


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text in quotation marks, the marks included: curly, straight, guillemets, two apostrophes
    (''...'', as some newspapers write them), single curly quotes that open at a word's start (not
    apostrophes); a curly opening mark may close straight and a straight one curly ("...”). A quotation may
    run over sentences, not over a paragraph that does not continue it, nor over MAX_QUOTATION characters."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while (found := _OPENING.search(text, i)) is not None:  # the next mark that may open one (most text is none)
        i = found.start()
        ch = text[i]
        if ch == "'" and text.startswith("''", i) and (i == 0 or not text[i - 1].isalnum()):
            close = _closing(text, i + 2, ("''",), min(n, i + MAX_QUOTATION))
            if close is not None and close > i + 2:
                spans.append((i, close + 2))
                i = close + 2
                continue
        elif ch in _OPEN_CLOSE and (ch != "\u2018" or i == 0 or not text[i - 1].isalnum()):
            if ch == '"' and i > 0 and text[i - 1].isalnum() and i + 1 < n and not text[i + 1].isspace():
                i += 1  # 12"3 and the like
                continue
            close = _closing(text, i + 1, _CLOSERS.get(ch, (_OPEN_CLOSE[ch],)), min(n, i + MAX_QUOTATION))
            if close is not None and close > i + 1:
                spans.append((i, close + 1))
                i = close + 1
                continue
        i += 1
    return spans


_OPENING = re.compile("[" + re.escape("".join(_OPEN_CLOSE)) + "']")
"""A character that may open a quotation: a quotation mark, or the first of two apostrophes."""


_CLOSERS = {"\u201c": ("\u201d", '"'), '"': ('"', "\u201d")}
"""Closing marks that also close a double quotation (a curly opening mark closed straight, and the reverse)."""


class Quotations(list[tuple[int, int]]):
    """The quotations of a text (`quotation_spans`: in order, none inside another), looked up by bisection: a scan
    of them all for each verb is quadratic in the length of a piece."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        super().__init__(spans)
        self.starts = [s for s, _ in spans]

    def holding(self, at: int) -> tuple[int, int] | None:
        """The quotation `at` lies strictly inside (s < at < e), if one."""
        k = bisect_left(self.starts, at) - 1
        return self[k] if k >= 0 and at < self[k][1] else None

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations within [start, end], in order."""
        lo, hi = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return [(s, e) for s, e in self[lo:hi] if e <= end]

    def after(self, at: int) -> tuple[int, int] | None:
        """The first quotation that starts after `at`, if one."""
        k = bisect_right(self.starts, at)
        return self[k] if k < len(self) else None


MAX_QUOTED_PARAGRAPHS = 4
"""Paragraphs one quotation may run over (each opening with a quotation mark, as multi-paragraph quotes do)."""


def _closing(text: str, start: int, marks: tuple[str, ...], limit: int) -> int | None:
    """Where the quotation opened before `start` closes (at the first of `marks`), searched with str.find (hostile
    text full of unclosed marks costs little); None when a paragraph that does not go on with it comes first, or
    after MAX_QUOTED_PARAGRAPHS that do."""
    j = start
    paragraphs = 0
    while j < limit and paragraphs <= MAX_QUOTED_PARAGRAPHS:
        c = min((k for k in (text.find(m, j, limit) for m in marks) if k >= 0), default=-1)
        nl = text.find("\n", j, c if c >= 0 else limit)
        if nl >= 0:
            after = text[nl + 1 : nl + 2]
            if after != "\n" and after not in _OPEN_CLOSE and after != "'":
                return None  # a paragraph ends before the quotation closes, and the next one does not go on with it
            paragraphs += after != "\n"
            j = nl + 1
            continue
        if c < 0:
            return None
        if text[c] == "\u2019" and c + 1 < len(text) and text[c + 1].isalnum():
            j = c + 1  # an apostrophe, not the closing mark
            continue
        return c
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and punctuation at its ends. Takes the text, not the doc: `Doc.text` builds the
    whole text anew at each read."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def _source_tokens(head: Any) -> list[Any]:
    return subtree(head, _SOURCE_CUT)


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


def _speech_tag(token: Any, lex: AttributionLexicon) -> bool:
    """'she said' inside another clause ('Overall, she said, groups are finding ...'): a reporting verb with a
    subject and no complement of its own, hung from the clause it reports."""
    return (
        token.dep_ == "parataxis"
        and token.lemma_.lower() in lex.reporting
        and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in token.children)
    )


def _cue_class(lemma: str, lex: AttributionLexicon) -> str | None:
    """What a verb reports, by its lemma: 'speech', 'cognition' (thought), 'attitude' (wants, supports), a cue only
    with its preposition ('prepositional': 'talked about'), or None (no attribution)."""
    if lemma in lex.reporting:
        return "cognition" if lemma in lex.cognition else "speech"
    if lemma in lex.attitudes:
        return "attitude"
    return "prepositional" if lemma in lex.prepositional else None


def _preposition(verb: Any, lex: AttributionLexicon) -> Any | None:
    """The preposition that makes the verb a cue ('called for', 'talked about'), when it has an object."""
    preps = lex.prepositional.get(verb.lemma_.lower())
    if not preps:
        return None
    return next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and _object_of(c)), None)


def _named(verb: Any, lex: AttributionLexicon) -> tuple[Any, Any] | None:
    """'called him a liar', 'labeled the plan "a disaster"': (the object, what it is called) of a naming verb."""
    if verb.lemma_.lower() not in lex.naming:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    called = next((c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i), None)
    return (obj, called) if obj is not None and called is not None and obj.i > verb.i else None


_CLAUSE_CUT = frozenset({"cc", "conj", "punct", "parataxis", "advcl", "appos"})


def _speakerless(verb: Any, lex: AttributionLexicon) -> tuple[int, int] | None:
    """The clause of a passive that says who or what is expected, believed, said ('Nabisco is expected to cut 300
    jobs'): from its subject (not a phrase before it) to the end of what the verb governs, without coordinated clauses;
    None for another verb,
    one with an agent ('is expected by analysts'), or one in a relative clause."""
    if verb.lemma_.lower() not in lex.passives or verb.dep_ in ("relcl", "acl", "xcomp", "ccomp"):
        return None
    if not any(c.dep_ == "nsubjpass" for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
        return None
    kept = [c for c in verb.children if c.dep_ not in _CLAUSE_CUT and (c.i > verb.i or c.dep_ == "nsubjpass")]
    first = min([verb, *(c.left_edge for c in kept)], key=lambda t: t.i)
    last = max([verb, *(c.right_edge for c in kept)], key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _after_verb(verb: Any) -> tuple[int, int]:
    """What a verb governs after it, without coordinated clauses and punctuation: 'show [Clinton up by 10 points]'."""
    kept = [c for c in verb.children if c.i > verb.i and c.dep_ not in _CLAUSE_CUT]
    first = min((c.left_edge for c in kept), key=lambda t: t.i)
    last = max((c.right_edge for c in kept), key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _without_trailing_aside(head: Any) -> tuple[int, int]:
    """The head's subtree without a comma-set relative clause that ends it ('... the visa program, which allows ...'):
    the writer's aside, not what was said (an apposition that ends it stays: PolNeAR's annotators keep those more
    often than not)."""
    start, end = full(head)
    doc = head.doc
    for token in head.subtree:
        if token.dep_ == "relcl" and token.left_edge.i > head.left_edge.i:
            comma = doc[token.left_edge.i - 1]
            if comma.text == "," and token.right_edge.i == head.right_edge.i:
                return start, comma.idx
    return start, end


def _object_of(prep: Any) -> Any | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _content_head(verb: Any, lex: AttributionLexicon) -> Any | None:
    lemma = verb.lemma_.lower()
    if lemma in lex.tag_only:
        return None
    for child in verb.children:
        if child.dep_ in _CONTENT_DEPS and child.i != verb.i and not _speech_tag(child, lex):
            return child
    if lemma in lex.object_verbs or lemma in lex.attitudes or lemma in lex.findings:
        for child in verb.children:
            if child.dep_ in ("dobj", "obj"):
                return child
    return None


_DOUBLE_MARKS = ("\u201c", "\u201d", '"', "\u00ab", "\u00bb", "\u201e")


def _thing_named(head: Any, text: str, content: tuple[int, int], lex: AttributionLexicon) -> bool:
    """Whether a verb's content is a noun phrase naming a thing or a person ('the referees', 'a ceasefire'), not
    words reported: no quotation marks in it, no clause of its own ('his claim that ...'), and no noun of words
    ('denounced the allegations' reports a stance on what was said)."""
    if head.dep_ not in ("dobj", "obj") or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if head.lemma_.lower() in lex.claim_nouns or head.lower_ in lex.claim_nouns:
        return False
    if any(mark in text[content[0] : content[1]] for mark in _DOUBLE_MARKS):
        return False
    return not any(c.dep_ in ("acl", "relcl", "ccomp") and c.pos_ in ("VERB", "AUX") for c in head.children)


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


def _content_around_tag(text: str, verb: Any, subject: Any, quotations: Quotations) -> tuple[int, int] | None:
    """The content of a speech tag without a clausal complement: the quotation(s) before it in its sentence
    ('"...," he said'), the reported speech before it ('Debt is a burden, he said'), or, for a tag inside its
    sentence ('But, he said, the plan failed'), the clause around it."""
    cut = min(subject.left_edge.idx, verb.idx)
    sent = verb.sent
    opened = quotations.holding(sent.start_char)  # the parse cut a quotation of several sentences
    start = opened[0] if opened else sent.start_char
    ahead = quotations.within(start, cut + 1) or _adjacent_quotation(text, quotations, cut)
    before = text[start:cut].rstrip(" ,")
    lead = len(text[start : ahead[0][0]].split()) if ahead and ahead[0][0] >= start else 0
    if ahead and lead < 3:
        return ahead[0][0], ahead[-1][1]
    if verb.dep_ == "parataxis" and verb.head.i > verb.i and verb.head.sent == sent:
        tag_end = max(verb.idx + len(verb), subject.right_edge.idx + len(subject.right_edge))
        after = _COMMA.match(text, tag_end)
        if after is not None and after.end() < sent.end_char:
            end = verb.head.right_edge.idx + len(verb.head.right_edge)
            return (start if len(before.split()) >= 3 else after.end()), end
    if verb.i > sent.start and verb.dep_ in ("parataxis", "ROOT") and len(before.split()) >= 3:
        return start, start + len(before)
    return (ahead[0][0], ahead[-1][1]) if ahead else None


def _adjacent_quotation(text: str, quotations: Quotations, at: int) -> list[tuple[int, int]]:
    """The quotation that closes right before `at`, with nothing but spaces and commas between (in one
    paragraph), as a list of none or one."""
    k = bisect_right(quotations.starts, at) - 1
    if k >= 0 and quotations[k][1] <= at and not text[quotations[k][1] : at].strip(" ,"):
        return [quotations[k]]
    return []


_LEADS = ("but", "and", "yet", "so", "still", "now")


def _for_speaker(doc: Any, lex: AttributionLexicon) -> list[tuple[Any, Any, int]]:
    """(cue 'For', source head, where the content starts) of each 'For the minister, the plan is ...' that opens a
    sentence (after 'But', 'And' at most): a view given without a verb of saying. The source is a name or a noun that
    names a speaker ('the minister', 'officials'), not a name: 'For Trump, the night was a triumph' is mostly the
    writer's view (PolNeAR's annotators mark few such)."""
    out = []
    for sent in doc.sents:
        k = sent.start + (doc[sent.start].lower_ in _LEADS)
        k += k > sent.start and k < sent.end and doc[k].text == ","  # 'But, for the minister, ...'
        token = doc[k] if k < sent.end else None
        if token is None or token.lower_ != "for" or token.dep_ != "prep":
            continue
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.right_edge.i + 2 >= sent.end or doc[pobj.right_edge.i + 1].text != ",":
            continue
        noun = pobj.lemma_.lower()
        if noun in lex.person_nouns or pobj.lower_ in lex.anonymous_heads:  # not a name: 'For Trump, the night ...'
            out.append((token, pobj, doc[pobj.right_edge.i + 2].idx))
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


def _inherited_subject(verb: Any) -> Any | None:
    """'X denounced ..., insisting ...', 'X lashed out ... while touting ...': the subject of the clause
    the verb hangs from."""
    own = grammatical_subject(verb)
    if own is not None:
        return own
    if verb.dep_ in ("advcl", "conj", "xcomp", "pcomp") and verb.head is not verb:
        return grammatical_subject(verb.head)
    return None


def find(doc: Any, lex: AttributionLexicon, offset: int = 0) -> list[Quote]:
    """The attributions of one parsed piece of text; offsets shifted by `offset` into the article."""
    text = doc.text
    quotations = Quotations(quotation_spans(text))
    found: list[Quote] = []

    def in_quotation(at: int) -> bool:
        return quotations.holding(at) is not None

    def add(
        cue: tuple[int, int], source: tuple[int, int] | None, content: tuple[int, int], via: str | None, sure: float
    ) -> None:
        start, end = _trimmed(text, *content)
        if end - start >= 2:
            found.append(_quote(text, offset, (start, end), cue, source, via, confidence=sure))

    for cue_token, source_head in _according_to(doc):
        if in_quotation(cue_token.idx):
            continue
        src = _paragraph_cut(text, span(_source_tokens(source_head)), source_head.idx)
        sent = cue_token.sent
        phrase = subtree(cue_token)
        p0, p1 = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
        s0, s1 = sent.start_char, sent.end_char
        clause = (p1, s1) if p0 <= s0 + 1 else (s0, p0)
        clause = _paragraph_cut(text, clause, clause[0] if p0 <= s0 + 1 else clause[1] - 1)
        add((cue_token.idx, doc[cue_token.i + 1].idx + 2), src, clause, None, lex.confidence["according_to"])

    for cue_token, source_head, begins in _for_speaker(doc, lex):
        src = span(_source_tokens(source_head))
        end = cue_token.sent.end_char
        add((cue_token.idx, cue_token.idx + len(cue_token)), src, (begins, end), None, lex.confidence["no_verb"])

    for verb in doc:
        lemma = verb.lemma_.lower()
        named = _named(verb, lex)
        tier = "speech" if named is not None else _cue_class(lemma, lex)
        if verb.pos_ not in ("VERB", "AUX") or tier is None or in_quotation(verb.idx):
            continue  # inside a quotation: the quoted speaker's own words ('we can safely say')
        if tier in ("attitude", "prepositional") and verb.dep_ == "xcomp":
            continue  # 'wants to see', 'tried to back': the verb that governs it is the cue
        if lemma == "quote" and any(c.lemma_.lower() == "say" for c in verb.children):
            continue  # 'was quoted as saying': the cue is 'saying'
        if any(c.dep_ == "auxpass" for c in verb.children) and lemma not in ("report", "quote"):
            claim = _speakerless(verb, lex)  # 'Obama is expected to join': attributed to no one
            if claim is not None:
                add(span(_cue_tokens(verb)), None, claim, None, lex.confidence["passive"])
            continue  # 'was described as': no speaker speaks
        subject = _inherited_subject(verb)
        via = None
        if verb.head.lemma_.lower() == "quote" and verb.head is not verb:  # 'X was quoted as saying by Y'
            subject = next((c for c in verb.head.children if c.dep_ in SUBJECTS), subject)
            agent = next((c for c in verb.head.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            via = text[slice(*span(_source_tokens(pobj)))] if pobj is not None else None
        if subject is None:
            continue
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if via is None and agent is not None:  # 'X was quoted by Y'
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            via = text[slice(*span(_source_tokens(pobj)))] if pobj is not None else None
        prep = _preposition(verb, lex) if named is None else None
        head = _object_of(prep) if prep is not None else _content_head(verb, lex)
        tier = "prepositional" if prep is not None and head is not None else tier
        content: tuple[int, int] | None = None
        if named is not None:
            content = _extend_to_quotes(text, (named[0].left_edge.idx, full(named[1])[1]))
        elif head is not None and head.dep_ == "dobj" and lemma in lex.findings and head.i > verb.i:
            content = _extend_to_quotes(text, _after_verb(verb))  # 'Polls show Clinton up by 10 points'
            tier = "attitude"  # 'found a job' as often: low confidence
        elif head is not None and not (subject.i < head.i and head.left_edge.i <= subject.i):
            content = _extend_to_quotes(text, _without_trailing_aside(head))
            if tier == "speech" and _thing_named(head, text, content, lex):
                tier = "object"  # 'criticized the referees', 'announced a ceasefire': a thing, not words reported
        elif tier in ("speech", "cognition"):
            content = _content_around_tag(text, verb, subject, quotations)
        if content is None:
            continue
        content = _whole_quotations(content, quotations, verb.idx)
        content = _paragraph_cut(text, content, content[0] if content[0] > verb.idx else content[1] - 1)
        source = _paragraph_cut(text, span(_source_tokens(subject)), subject.idx)
        if content[0] < source[1] and source[0] < content[1]:
            continue  # the source inside its own content: a misparse
        if "\n" in text[min(source[1], verb.idx) : max(source[0], verb.idx)]:
            continue  # a heading taken for the subject of the next line's verb
        if content[1] <= verb.idx:  # '"...," he said, "...": one quote split by its speech tag
            tag_end = max(verb.idx + len(verb), subject.right_edge.idx + len(subject.right_edge))
            go_on = _COMMA.match(text, tag_end)
            at = go_on.end() if go_on else -1
            nxt = quotations.after(at - 1) if go_on else None
            after = nxt[1] if nxt is not None and nxt[0] == at else None
            content = (content[0], after) if after is not None else content
            split = after is not None
        else:
            split = False
        cue = span(_cue_tokens(verb))
        if tier == "prepositional" and prep is not None and prep.i == verb.i + 1:
            cue = (cue[0], prep.idx + len(prep))  # 'called for', 'talked about'
        tail = _AS_SAYING.match(text, cue[1]) if lemma == "quote" else None
        if lemma == "quote" and via is None:  # 'X was quoted as saying by Y': the 'by' hangs anywhere
            by = next((t for t in verb.sent if t.i > verb.i and t.lower_ == "by" and t.dep_ in ("agent", "prep")), None)
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            via = text[slice(*span(_source_tokens(pobj)))] if pobj is not None else None
        add((cue[0], tail.end()) if tail else cue, source, content, via, lex.confidence[tier])
        if split and found:
            found[-1] = replace(found[-1], kind="direct")
    found = _colon_continuations(text, found, quotations, offset)
    found = _tag_continuations(text, found, quotations, offset)
    found.extend(_headline_attributions(text, found, offset, lex))
    found.extend(_unattached_quotations(text, quotations, found, offset, lex.confidence["colon"]))
    found.sort(key=lambda q: q.start)
    return found


_HEADLINE = re.compile(r"^(?P<source>[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,4}): (?P<content>\S.{8,})$", re.M)


def _headline_attributions(text: str, found: list[Quote], offset: int, lex: AttributionLexicon) -> list[Quote]:
    """'Graham: Trump's rhetoric is destroying the party' - a headline (or any one-line paragraph) that
    gives its speaker's words after their name and a colon."""
    out = []
    spans = SpanIndex([(q.start - offset, q.end - offset) for q in found])
    for m in _HEADLINE.finditer(text):
        label = m["source"].casefold()
        if label in lex.not_speakers or label.split()[0] in lex.not_speakers or spans.around(m.start(), m.start() + 1):
            continue
        start, end = m.start("content"), m.end("content")
        while end > start and text[end - 1] in " .":
            end -= 1
        colon = (m.end("source"), m.end("source") + 1)
        source = (m.start("source"), m.end("source"))
        out.append(_quote(text, offset, (start, end), colon, source, confidence=lex.confidence["headline"]))
    return out


def _colon_continuations(text: str, found: list[Quote], quotations: Quotations, offset: int) -> list[Quote]:
    """'X declared that ...: "a stable plan."': the quotation after the colon belongs to the content."""
    out = []
    for q in found:
        end = q.end - offset
        rest = text[end : end + 3]
        if rest.startswith(":"):
            after = quotations.after(end)
            if after is not None and after[0] <= end + 3:
                content = text[q.start - offset : after[1]]
                q = replace(q, end=after[1] + offset, text=content, kind=kind_of_content(content))
        out.append(q)
    return out


_TAG_REST = re.compile(r"[^\n\"\u201c\u201d\u00ab\u00bb]{0,300}")
"""The rest of a speech tag's paragraph after its speaker, up to a quotation mark ('he said of the plan. ')."""
_FULL_STOP = re.compile(r"[.?!]\s+")


def _quotation_after_tag(text: str, tag_end: int, quotations: Quotations) -> tuple[int, int] | None:
    """The quotation that opens the sentence after a speech tag's ('said Ms. Warren, a senator. "..."': any full stop
    of the tag's rest may be the sentence's, 'Ms.' too), if one does."""
    rest = _TAG_REST.match(text, tag_end)
    if rest is None:
        return None
    for stop in _FULL_STOP.finditer(text, tag_end, rest.end() + 1):
        nxt = quotations.after(stop.end() - 1)
        if nxt is not None and nxt[0] == stop.end():
            return nxt
    return None


def _tag_continuations(text: str, found: list[Quote], quotations: Quotations, offset: int) -> list[Quote]:
    """'"We won," he said. "The count is over."': a quotation tagged after it runs on through the quotation that opens
    the next sentence, in the same paragraph, when no attribution of its own takes that one (one quote split by its
    speech tag and a full stop)."""
    taken = SpanIndex([(q.start - offset, q.end - offset) for q in found])
    out = []
    for q in found:
        if q.cue_start is not None and q.end <= q.cue_start and q.kind == "direct":
            tag_end = max(q.cue_end or 0, q.source_end or 0) - offset
            nxt = _quotation_after_tag(text, tag_end, quotations)
            if nxt is not None and not taken.around(nxt[0], nxt[1]):
                content = text[q.start - offset : nxt[1]]
                q = replace(q, end=nxt[1] + offset, text=content)
        out.append(q)
    return out


def _whole_quotations(content: tuple[int, int], quotations: Quotations, tag: int) -> tuple[int, int]:
    """A content that starts or ends inside a quotation before the speech tag grows to the whole quotation:
    the parse sees the last sentence of a quote of several ('"The strike is over. We are glad," he said')."""
    start, end = content
    for s, e in sorted({q for q in (quotations.holding(start), quotations.holding(end)) if q is not None}):
        if e <= tag + 1 and (s < start < e or s < end < e):
            start, end = min(start, s), max(end, e)
        elif start <= s < end < e:  # 'X said that "the plan failed. We lost."': the parse ends at a full stop
            end = e
    return start, end


def _mark_at(text: str, at: int) -> int:
    """The length of the quotation mark at `at` (2 for two apostrophes), 0 when none is there."""
    if text.startswith("''", at):
        return 2
    return 1 if at < len(text) and text[at] in _QUOTE_CHARS else 0


def _extend_to_quotes(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content span grown to the quotation marks right around it."""
    start, end = span
    if start >= 2 and text.startswith("''", start - 2):
        start -= 2
    elif start > 0 and text[start - 1] in _QUOTE_CHARS:
        start -= 1
    if end < len(text) and text[end] in ".,!?" and _mark_at(text, end + 1):
        end += 1
    return start, end + _mark_at(text, end)


def kind_of_content(content: str) -> str:
    stripped = content.strip(" .,;:")
    spans = quotation_spans(stripped)
    if len(spans) == 1 and spans[0] == (0, len(stripped)):
        return "direct"
    return "mixed" if spans else "indirect"


def _unattached_quotations(
    text: str, quotations: Quotations, found: list[Quote], offset: int, sure: float
) -> list[Quote]:
    """Quotations no attribution took that a colon introduces ('He said: "..."' parsed apart): cue ':',
    the speaker left to whoever reads the sentence before."""
    out: list[Quote] = []
    covered = SpanIndex([(q.start - offset, q.end - offset) for q in found])
    for start, end in quotations:
        if end - start < 12 or covered.around(start, end):
            continue
        before = text[max(0, start - 20) : start].rstrip()
        if before.endswith(":"):
            colon = start - (len(text[max(0, start - 20) : start]) - len(before)) - 1
            out.append(_quote(text, offset, (start, end), (colon, colon + 1), None, None, "direct", sure))
    return out


def _quote(
    text: str,
    offset: int,
    content: tuple[int, int],
    cue: tuple[int, int],
    source: tuple[int, int] | None,
    via: str | None = None,
    kind: str | None = None,
    confidence: float = 1.0,
) -> Quote:
    """A Quote from spans of one piece's text, its offsets shifted into the article."""
    start, end = content
    return Quote(
        start=start + offset,
        end=end + offset,
        text=text[start:end],
        kind=kind or kind_of_content(text[start:end]),
        cue=text[cue[0] : cue[1]],
        cue_start=cue[0] + offset,
        cue_end=cue[1] + offset,
        source_start=source[0] + offset if source else None,
        source_end=source[1] + offset if source else None,
        via=via,
        confidence=confidence,
    )
