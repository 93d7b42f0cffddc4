"""Step two of who said what, over the whole article: the speaker of each attribution as a canonical actor (a
pronoun's antecedent, an organization named by its head noun, a country, a medium, or an anonymous source), the
medium that carried the words (`via`), the stance (asserts or denies), hedges, and the claim a denial answers."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache, lru_cache

from newsgraph.analyze.quotes.cues import kind_of_content, quotation_spans
from newsgraph.analyze.quotes.lexicon import AttributionLexicon
from newsgraph.analyze.spans import Latest, SpanIndex
from newsgraph.analyze.tokens import PRONOUN_REACH
from newsgraph.models import Lemmas, Mention, Quote
from newsgraph.options import QUOTE_CONFIDENCE


@cache
def _postmodifier(prepositions: tuple[str, ...]) -> re.Pattern[str]:
    """A prepositional phrase after a source's head noun ('a spokesman at ...', 'a source close to ...')."""
    return re.compile(r"\s(?:" + "|".join(re.escape(p) for p in prepositions) + r")\s", re.I)


_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
_WORD = re.compile(r"\w+")


def _mention_in(mentions: Mentions, start: int, end: int) -> int | None:
    """The index of the mention that heads the source: in English the head comes last, so the mention
    that ends last ('North Korean leader Kim Jong Un' -> Kim Jong Un), the longer on a tie."""
    best: tuple[int, int, int] | None = None
    for k in mentions.inside(start, end):
        m = mentions.items[k]
        if m.label in _SPEAKER_LABELS:
            key = (m.end, m.end - m.start)
            if best is None or key > best[1:]:
                best = (k, *key)
    return best[0] if best else None


class Mentions:
    """An article's mentions as the speaker's lookups read them, indexed once: those within a source, and the last
    of a kind named before a pronoun or a noun ('he', 'the ministry', 'the group')."""

    def __init__(self, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]] = ()) -> None:
        self.items = list(mentions)
        self._spans = SpanIndex([(m.start, m.end) for m in self.items])
        self._quoted = SpanIndex(quoted)
        """The text's quotations and what its quotes say: a name inside one is the speaker's word, not who speaks."""
        self._latest: dict[object, Latest] = {}
        self._organizations: dict[str, list[int]] | None = None

    def inside(self, start: int, end: int) -> list[int]:
        """The indexes of the mentions within [start, end], in order."""
        return self._spans.inside(start, end)

    def starting(self, start: int, end: int) -> list[int]:
        """The indexes of the mentions that start in [start, end), in order."""
        return self._spans.starting(start, end)

    def last(
        self, kind: object, before: int, which: Callable[[Mention], bool], among: Iterable[int] | None = None
    ) -> int | None:
        """The index of the last mention (in order) of a kind (`which` says which mentions are of it, of those
        `among` when given; `kind` names it, the same for the same kind) that ends by `before`."""
        if kind not in self._latest:
            ks = range(len(self.items)) if among is None else among
            self._latest[kind] = Latest((k, self.items[k].end) for k in ks if which(self.items[k]))
        return self._latest[kind].before(before)

    def quoted(self, k: int) -> bool:
        """The mention lies inside a quotation or a quote's content."""
        m = self.items[k]
        return bool(self._quoted.around(m.start, m.end))

    def organizations_with(self, word: str) -> list[int]:
        """The organizations whose names hold the word (case-folded, a whole word), in order."""
        if self._organizations is None:
            self._organizations = {}
            for k, m in enumerate(self.items):
                if m.label == "ORG":
                    for w in dict.fromkeys(_WORD.findall(m.text.casefold())):
                        self._organizations.setdefault(w, []).append(k)
        return self._organizations.get(word, [])


def of(mentions: Sequence[Mention] | Mentions) -> Mentions:
    return mentions if isinstance(mentions, Mentions) else Mentions(mentions)


def _kind_of(m: Mention, text: str, lex: AttributionLexicon) -> str:
    if m.text.casefold() in lex.media or (m.canonical or "").casefold() in lex.media:
        return "media"
    if m.kind == "person" or m.label == "PERSON":
        return "person"
    if m.kind == "country":
        return "country"
    return "organization"  # a state's, a city's government ('Texas said'), a company, a group


_PERSON_PRONOUNS = ("male", "female", "self", "relative")
_ANTECEDENT_LABELS = {"thing": ("ORG", "GPE"), "plural": ("ORG", "GPE", "NORP")}


def _antecedent(mentions: Mentions, before: int, gender: str) -> int | None:
    """The mention a pronoun before `before` refers back to: the last person named outside quotations for
    'he'/'she', the last organization or country for 'it', the last of any for 'they'."""
    if gender in _PERSON_PRONOUNS:
        def person(m: Mention) -> bool:
            return m.kind == "person" or m.label == "PERSON"

        unquoted = (k for k in range(len(mentions.items)) if not mentions.quoted(k))  # read once, then cached
        return mentions.last("person", before, person, unquoted)
    labels = _ANTECEDENT_LABELS.get(gender)
    return mentions.last(gender, before, lambda m: m.label in labels) if labels else None


def _named_by_head(mentions: Mentions, before: int, head: str) -> int | None:
    """'the union' after 'Hafen-Union', 'the ministry' after 'the Defence Ministry': the last organization
    named before whose name holds the noun."""
    if len(head) < 4:
        return None
    pattern = rf"(?:\b|-){re.escape(head)}\b"

    def holds(m: Mention) -> bool:
        return m.label == "ORG" and bool(re.search(pattern, m.text.casefold()))

    among = mentions.organizations_with(head) if _WORD.fullmatch(head) else None  # a word: only names that hold it
    return mentions.last(("head", head), before, holds, among)


def _nominal_antecedent(text: str, mentions: Mentions, before: int, head: str, lex: AttributionLexicon) -> int | None:
    """'the minister' -> the last person named before; 'the group', 'the agency' -> the last
    organization, or a name introduced as one ('analysts Beyond Parallel')."""
    if head in lex.person_nouns:
        return mentions.last("PERSON", before, lambda m: m.label == "PERSON")

    def group(m: Mention) -> bool:
        lead = text[max(0, m.start - 40) : m.start].casefold().rstrip()
        return (m.label == "ORG" and m.kind != "country") or any(lead.endswith(c) for c in lex.collective_nouns)

    return mentions.last("group", before, group)


def resolve(
    text: str,
    quotes: list[Quote],
    mentions: list[Mention],
    lex: AttributionLexicon,
    lemmas: Lemmas,
    min_confidence: float = QUOTE_CONFIDENCE,
) -> list[Quote]:
    """The speaker of each attribution as an actor, its medium, stance, hedge and the claim it denies (`lemmas`: the
    article's content words, by which a denial is matched to the claim it answers). Names inside what was said (a
    quotation, or the content of an attribution at least `min_confidence` sure) are no speakers of later quotes:
    'thanked John Smith' says nothing, and he may be who 'he said' next."""
    out: list[Quote] = []
    last_person: tuple[int, Quote] | None = None  # (end of its source, the quote)
    said = [(q.start, q.end) for q in quotes if q.confidence >= min_confidence]
    index = Mentions(mentions, quotation_spans(text) + said)  # what was said
    for q in _trim_tags(quotes):
        q = _speaker(text, q, index, lex, last_person)
        q = _stance(text, q, lex)
        if q.speaker_kind == "person" and q.source_end is not None:
            last_person = (q.source_end, q)
        out.append(q)
    out = [replace(q, via=_medium(q.via, lex)) if q.via else q for q in out]
    out = _one_kind(_denying_siblings(out, lex))
    return _link_denials(_via(out), lex, lemmas, index)


def _denying_siblings(quotes: list[Quote], lex: AttributionLexicon) -> list[Quote]:
    """'X denounced the allegations, insisting Washington had no proof': reported words with a denial phrase deny
    when their speaker (the same source words) denies by a verb in the same breath."""
    denying = {q.source_start for q in quotes if q.stance == "denies" and q.source_start is not None}
    out = []
    for q in quotes:
        if q.stance == "asserts" and q.kind == "indirect" and q.source_start in denying:
            content = q.text.casefold()
            if any(re.search(rf"\b{re.escape(p)}\b", content) for p in lex.denial_phrases):
                q = replace(q, stance="denies")
        out.append(q)
    return out


_KIND_ORDER = ("person", "country", "organization", "media", "anonymous")


def _one_kind(quotes: list[Quote]) -> list[Quote]:
    """One speaker, one kind: a name the analysis typed differently in one article (a person here, an organization
    or an unnamed source there) takes the kind most of its quotes give, a named kind before 'anonymous'."""
    kinds: dict[str, Counter[str]] = {}
    for q in quotes:
        if q.speaker and q.speaker_kind:
            kinds.setdefault(q.speaker, Counter())[q.speaker_kind] += 1
    chosen = {}
    for speaker, counts in kinds.items():
        if len(counts) > 1:
            named = [k for k in counts if k != "anonymous"] or list(counts)
            chosen[speaker] = min(named, key=lambda k: (-counts[k], _KIND_ORDER.index(k)))
    return [replace(q, speaker_kind=chosen[q.speaker]) if q.speaker in chosen else q for q in quotes]


def speaker_of(
    text: str, start: int, end: int, mentions: Sequence[Mention] | Mentions, lex: AttributionLexicon
) -> tuple[str | None, str | None, int | None]:
    """The actor the words text[start:end] name, as a speaker would be resolved: (name, kind, index of its
    mention); a pronoun takes its antecedent, 'the minister' the last person named before. (Pass the article's
    `Mentions`, indexed once, when asking of many words.)"""
    q = _speaker(text, Quote(start, end, "", "direct", source_start=start, source_end=end), of(mentions), lex, None)
    return q.speaker, q.speaker_kind, q.speaker_mention


def _medium(words: str, lex: AttributionLexicon) -> str:
    """A medium by its name when the lexicon knows it ("Russia's RIA Novosti news agency" -> RIA Novosti)."""
    low = words.casefold()
    hits = [name for key, name in lex.media.items() if re.search(rf"\b{re.escape(key)}\b", low)]
    return max(hits, key=len) if hits else re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I)


def _trim_tags(quotes: list[Quote]) -> list[Quote]:
    """'X said (he wants ...), state media reported': another attribution's speech tag closing a content
    is cut off it."""
    tagged = [k for k, o in enumerate(quotes) if o.source_start is not None and o.end <= o.source_start]
    tags = SpanIndex([(quotes[k].source_start or 0, quotes[k].source_start or 0) for k in tagged])
    out = []
    for i, q in enumerate(quotes):
        for o in (quotes[tagged[t]] for t in tags.starting(q.start + 1, q.end) if tagged[t] != i):
            source_start = o.source_start or 0
            if q.start < source_start < q.end and (o.cue_end or 0) >= q.end - 1:
                text = q.text[: source_start - q.start].rstrip(" ,;")
                q = replace(q, end=q.start + len(text), text=text, kind=kind_of_content(text))
        out.append(q)
    return out


def _via(quotes: list[Quote]) -> list[Quote]:
    """A person's words inside what a medium reported ('Kim said ..., the KCNA news agency said'): the
    medium is their `via`."""
    out = list(quotes)
    media = [k for k, o in enumerate(out) if o.speaker_kind == "media"]
    spans = SpanIndex([(out[k].start, out[k].end) for k in media])
    for i, q in enumerate(out):
        if q.via or q.speaker_kind not in ("person", "country", "organization") or q.cue_start is None:
            continue
        found = spans.around(q.cue_start, q.cue_start + 1) + spans.inside(q.start, q.end + 2)  # inside what it
        if found:  # reported, or it reported the same words
            out[i] = replace(q, via=out[media[min(found)]].speaker)
    return out


def _head_part(source: str, lex: AttributionLexicon) -> int:
    """Where the source's head noun phrase ends: before a prepositional phrase that follows it ('a
    spokesman at Burchardkai', 'a source close to the talks')."""
    m = _postmodifier(lex.postmodifier_prepositions).search(source)
    return m.start() if m else len(source)


def _speaker(
    text: str, q: Quote, index: Mentions, lex: AttributionLexicon, last_person: tuple[int, Quote] | None
) -> Quote:
    if q.source_start is None or q.source_end is None:
        return q
    source = text[q.source_start : q.source_end]
    words = source.split()
    low = source.casefold().strip()
    bare = re.sub(r"^(?:the|a|an)\s+", "", " ".join(words), flags=re.I)
    media_name = next((name for key, name in lex.media.items() if key in low.split() or key == bare.casefold()), None)
    head_end = q.source_start + _head_part(source, lex)
    mentions = index.items
    mention = _mention_in(index, q.source_start, head_end)
    if mention is not None and re.match(r"\s*['’]s\b", text[mentions[mention].end : head_end]):
        # 'Hamburg's economy senator': the mention is a possessor, not the speaker, who goes unnamed
        return replace(
            q, speaker=re.sub(r"^(?:the|a|an)\s+", "", " ".join(words), flags=re.I), speaker_kind="anonymous"
        )
    if low in lex.pronouns:
        gender = lex.pronouns[low]
        before = q.start if q.start < q.source_start else q.source_start  # not a name in the words it says
        k = _antecedent(index, before, gender)
        named = mentions[k].end if k is not None else -1
        recent = last_person is not None and q.source_start - last_person[0] < PRONOUN_REACH
        if gender in ("male", "female") and last_person and recent and named <= last_person[0]:
            prev = last_person[1]  # the nearest person before: the one quoted last, unless one was named since
            return replace(q, speaker=prev.speaker, speaker_kind="person", speaker_mention=prev.speaker_mention)
        if k is not None:
            m = mentions[k]
            return replace(q, speaker=m.canonical or m.text, speaker_kind=_kind_of(m, text, lex), speaker_mention=k)
        return q
    head_words = source[: head_end - q.source_start].split()
    head = head_words[-1].casefold().strip(".,") if head_words else ""
    if media_name and (mention is None or mentions[mention].text.casefold() in lex.media):
        return replace(q, speaker=media_name, speaker_kind="media", speaker_mention=mention)
    headed = mention is not None and mentions[mention].end >= head_end - 1
    if mention is not None and not headed and mentions[mention].label == "GPE" and mentions[mention].kind != "country":
        # 'the California congressman': a place that is no country qualifies someone the text does not name
        return replace(q, speaker=bare, speaker_kind="anonymous")
    if mention is not None and (headed or head not in lex.media_heads | lex.anonymous_heads):
        m = mentions[mention]
        kind = _kind_of(m, text, lex)
        return replace(q, speaker=m.canonical or m.text, speaker_kind=kind, speaker_mention=mention)
    if head in lex.media_heads:
        return replace(q, speaker=bare, speaker_kind="media")
    if low.startswith(("the ", "this ", "that ")) and len(words) <= 3:
        k = _named_by_head(index, q.source_start, head)
        if k is None and len(words) == 2:  # 'the group' points back; 'the regional government' describes its own
            k = _nominal_antecedent(text, index, q.source_start, head, lex)
        if k is not None:
            m = mentions[k]
            return replace(q, speaker=m.canonical or m.text, speaker_kind=_kind_of(m, text, lex), speaker_mention=k)
    if head in lex.anonymous_heads:
        return replace(q, speaker=bare, speaker_kind="anonymous")
    return replace(q, speaker=bare or None, speaker_kind="anonymous" if bare else None)


_DEICTIC = r"\b(?:it|this|that|these|those|which|such)\s+(?:is|was|are|were|'s|’s)\s+(?:\w+\s+)?"
"""'that is (simply) not true', 'it was false': a denial phrase said of what was said before."""


def _stance(text: str, q: Quote, lex: AttributionLexicon) -> Quote:
    """Denies when the cue is a denial verb, or reported words call a claim false ('the allegations are baseless',
    'that is not true'); a denial phrase about the world ('there is no evidence the ice has stopped shrinking') is
    no denial by itself (`_denying_siblings`: unless its speaker denies in the same breath)."""
    cue_words = set(re.findall(r"[a-z]+", (q.cue or "").casefold()))
    cue_lemma_hit = bool(cue_words & lex.denial_forms)
    content = q.text.casefold()
    claim = _any_of(lex.claim_nouns).search(content) is not None
    denies = cue_lemma_hit or (
        q.kind == "indirect"
        and _any_of(lex.denial_phrases).search(content) is not None  # most contents have none: one scan says so
        and any(
            re.search(rf"\b{re.escape(p)}\b", content) and (claim or re.search(_DEICTIC + re.escape(p), content))
            for p in lex.denial_phrases
        )
    )
    sentence = _sentence_around(text, q.start)
    hedged = _any_of(lex.hedges).search(content) is not None or bool(
        set(re.findall(r"[a-z]+", sentence.casefold())) & lex.hedge_adverbs
    )
    return replace(q, stance="denies" if denies else "asserts", hedged=hedged)


@lru_cache(maxsize=16)
def _any_of(words: frozenset[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for any of the words or phrases, whole (compiled once per list and process)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind("\n", 0, at), text.rfind(". ", 0, at)) + 1
    end = min((i for i in (text.find("\n", at), text.find(". ", at)) if i >= 0), default=len(text))
    return text[start:end]


DENIAL_REACH = 400
"""Quotes back (before a denial) among which the claim it answers is sought: more than any news article holds (the
longest of the project's evaluation texts hold under 200), so that a long text (a transcript, a book) costs the
claims of a few pages per denial, not every claim before it."""


def _link_denials(
    quotes: list[Quote], lex: AttributionLexicon, lemmas: Lemmas, mentions: Mentions | None = None
) -> list[Quote]:
    """A denial answers a claim made before it by another speaker: the one its sentence names the
    speaker of ('insisting Washington had no proof' -> the United States' claim), else the one whose
    words it shares most, else (for 'the allegations') the last (of the DENIAL_REACH quotes before it)."""
    out = list(quotes)
    cues = sorted((q.cue_start, k) for k, q in enumerate(out) if q.cue_start is not None)
    claims = [lemmas.within(q.start, q.end) if q.stance == "asserts" and q.speaker else frozenset() for q in out]
    for i, q in enumerate(out):
        if q.stance != "denies":
            continue
        at = q.cue_start or 0
        near = sorted(k for _, k in cues[bisect_right(cues, (at - 200, len(out))) : bisect_left(cues, (at + 200, -1))])
        siblings = [out[k] for k in near]
        same = [o for o in siblings if o.source_start == q.source_start] or [q]
        words = frozenset().union(*(lemmas.within(o.start, o.end) for o in same))
        named = _named(mentions, q.start, q.end + len(" ".join(o.text for o in same)), siblings, q.source_start)
        names_claim = any(re.search(rf"\b{n}\b", q.text.casefold()) for n in lex.claim_nouns)
        best: tuple[int, int] | None = None
        for j in range(i - 1, max(-1, i - 1 - DENIAL_REACH), -1):
            other = out[j]
            if other.stance != "asserts" or not other.speaker or other.speaker == q.speaker:
                continue
            score = len(words & claims[j]) + (3 if other.speaker in named else 0)
            if best is None or score > best[1]:
                best = (j, score)
        if best is not None and (best[1] >= 2 or names_claim):
            out[i] = replace(q, denies=best[0])
    return out


def _named(mentions: Mentions | None, start: int, end: int, siblings: list[Quote], source: int | None) -> set[str]:
    """The actors named in a denial's words (`start`, `end`) and in the words of its speaker's quotes among its
    `siblings` (the quotes whose cues are near its own)."""
    if mentions is None:
        return set()
    found = set(mentions.inside(start, end))
    for o in siblings:
        if o.source_start == source:
            found.update(k for k in mentions.starting(o.start, o.end))
    return {mentions.items[k].canonical or mentions.items[k].text for k in found}
