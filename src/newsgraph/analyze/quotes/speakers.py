"""Step two of who said what, over the whole article: the speaker of each attribution as a canonical actor (a
pronoun's antecedent, an organization named by its head noun, a country, a medium, or an anonymous source), the
medium that carried the words (`via`), the stance (asserts or denies), hedges, and the claim a denial answers."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from newsgraph.analyze.quotes.cues import kind_of_content
from newsgraph.analyze.quotes.lexicon import AttributionLexicon
from newsgraph.analyze.tokens import PRONOUN_REACH
from newsgraph.models import Lemmas, Mention, Quote


@cache
def _postmodifier(prepositions: tuple[str, ...]) -> re.Pattern[str]:
    """A prepositional phrase after a source's head noun ('a spokesman at ...', 'a source close to ...')."""
    return re.compile(r"\s(?:" + "|".join(re.escape(p) for p in prepositions) + r")\s", re.I)


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


def _kind_of(m: Mention, text: str, lex: AttributionLexicon) -> str:
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


def _nominal_antecedent(
    text: str, mentions: list[Mention], before: int, head: str, lex: AttributionLexicon
) -> int | None:
    """'the minister' -> the last person named before; 'the group', 'the agency' -> the last
    organization, or a name introduced as one ('analysts Beyond Parallel')."""
    for k in range(len(mentions) - 1, -1, -1):
        m = mentions[k]
        if m.end > before:
            continue
        if head in lex.person_nouns:
            if m.label == "PERSON":
                return k
            continue
        lead = text[max(0, m.start - 40) : m.start].casefold()
        if (m.label == "ORG" and m.kind != "country") or any(lead.rstrip().endswith(c) for c in lex.collective_nouns):
            return k
    return None


def resolve(
    text: str, quotes: list[Quote], mentions: list[Mention], lex: AttributionLexicon, lemmas: Lemmas
) -> list[Quote]:
    """The speaker of each attribution as an actor, its medium, stance, hedge and the claim it denies (`lemmas`: the
    article's content words, by which a denial is matched to the claim it answers)."""
    out: list[Quote] = []
    last_person: tuple[int, Quote] | None = None  # (end of its source, the quote)
    for q in _trim_tags(quotes):
        q = _speaker(text, q, mentions, lex, last_person)
        q = _stance(text, q, lex)
        if q.speaker_kind == "person" and q.source_end is not None:
            last_person = (q.source_end, q)
        out.append(q)
    out = [replace(q, via=_medium(q.via, lex)) if q.via else q for q in out]
    return _link_denials(_via(out), lex, lemmas, mentions)


def speaker_of(
    text: str, start: int, end: int, mentions: list[Mention], lex: AttributionLexicon
) -> tuple[str | None, str | None, int | None]:
    """The actor the words text[start:end] name, as a speaker would be resolved: (name, kind, index of its
    mention); a pronoun takes its antecedent, 'the minister' the last person named before."""
    q = _speaker(text, Quote(start, end, "", "direct", source_start=start, source_end=end), mentions, lex, None)
    return q.speaker, q.speaker_kind, q.speaker_mention


def _medium(words: str, lex: AttributionLexicon) -> str:
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
                q = replace(q, end=q.start + len(text), text=text, kind=kind_of_content(text))
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


def _head_part(source: str, lex: AttributionLexicon) -> int:
    """Where the source's head noun phrase ends: before a prepositional phrase that follows it ('a
    spokesman at Burchardkai', 'a source close to the talks')."""
    m = _postmodifier(lex.postmodifier_prepositions).search(source)
    return m.start() if m else len(source)


def _speaker(
    text: str, q: Quote, mentions: list[Mention], lex: AttributionLexicon, last_person: tuple[int, Quote] | None
) -> Quote:
    if q.source_start is None or q.source_end is None:
        return q
    source = text[q.source_start : q.source_end]
    words = source.split()
    low = source.casefold().strip()
    bare = re.sub(r"^(?:the|a|an)\s+", "", " ".join(words), flags=re.I)
    media_name = next((name for key, name in lex.media.items() if key in low.split() or key == bare.casefold()), None)
    head_end = q.source_start + _head_part(source, lex)
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
        k = k if k is not None else _nominal_antecedent(text, mentions, q.source_start, head, lex)
        if k is not None:
            m = mentions[k]
            return replace(q, speaker=m.canonical or m.text, speaker_kind=_kind_of(m, text, lex), speaker_mention=k)
    if head in lex.anonymous_heads:
        return replace(q, speaker=bare, speaker_kind="anonymous")
    return replace(q, speaker=bare or None, speaker_kind="anonymous" if bare else None)


def _stance(text: str, q: Quote, lex: AttributionLexicon) -> Quote:
    cue_words = set(re.findall(r"[a-z]+", (q.cue or "").casefold()))
    cue_lemma_hit = bool(cue_words & lex.denial_forms)
    content = q.text.casefold()
    denies = cue_lemma_hit or (
        q.kind == "indirect" and any(re.search(rf"\b{re.escape(p)}\b", content) for p in lex.denial_phrases)
    )
    sentence = _sentence_around(text, q.start)
    hedged = any(re.search(rf"\b{re.escape(h)}\b", content) for h in lex.hedges) or bool(
        set(re.findall(r"[a-z]+", sentence.casefold())) & lex.hedge_adverbs
    )
    return replace(q, stance="denies" if denies else "asserts", hedged=hedged)


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind("\n", 0, at), text.rfind(". ", 0, at)) + 1
    end = min((i for i in (text.find("\n", at), text.find(". ", at)) if i >= 0), default=len(text))
    return text[start:end]


def _link_denials(
    quotes: list[Quote], lex: AttributionLexicon, lemmas: Lemmas, mentions: list[Mention] | None = None
) -> list[Quote]:
    """A denial answers a claim made before it by another speaker: the one its sentence names the
    speaker of ('insisting Washington had no proof' -> the United States' claim), else the one whose
    words it shares most, else (for 'the allegations') the last."""
    out = list(quotes)
    for i, q in enumerate(out):
        if q.stance != "denies":
            continue
        siblings = [o for o in out if o.cue_start is not None and abs((o.cue_start or 0) - (q.cue_start or 0)) < 200]
        same = [o for o in siblings if o.source_start == q.source_start] or [q]
        window = " ".join(o.text for o in same)
        words = frozenset().union(*(lemmas.within(o.start, o.end) for o in same))
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
            score = len(words & lemmas.within(other.start, other.end)) + (3 if other.speaker in named else 0)
            if best is None or score > best[1]:
                best = (j, score)
        if best is not None and (best[1] >= 2 or names_claim):
            out[i] = replace(q, denies=best[0])
    return out
