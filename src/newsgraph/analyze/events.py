"""Who did what to whom: political events in PLOVER's types, from spaCy's dependency parse.

Dictionaries and rules on the parse, the approach of PETRARCH2, in two pure steps like quotes.py.
`find(doc, offset)` reads one parsed piece of text: each trigger (a verb such as 'met' or 'lashed out
at', a light verb with an event noun such as 'staged drills', or an event noun with its participants
such as 'Lavrov's visit to Pyongyang'), its type, the spans that name its source and target, and its
mode as the grammar gives it (negated, hypothetical/future). `resolve(...)` then works on the whole
article: participants as actors (a pronoun's antecedent, a country from 'Iraqi troops'), the date
(the sentence's time expression, else the publication date), the place, and the claimant when the
event lies inside someone's quote. The lexicon is package data (`newsgraph/data/events.json`);
docs/events.md says how it was written and how intensity is scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from newsgraph.analyze.actors import CountryTable
from newsgraph.analyze.quotes import speaker_of, subtree
from newsgraph.models import EVENT_TYPES, Event, Mention, Place, Quote, Timex
from newsgraph.resources import load_json


@dataclass(frozen=True)
class EventLexicon:
    scores: Mapping[str, tuple[int, float]]
    """type or TYPE:variant -> (QuadClass, base intensity)"""
    verbs: Mapping[str, str]
    phrasal: Mapping[str, str]
    light_verbs: frozenset[str]
    intent_light_verbs: frozenset[str]
    nouns: Mapping[str, str]
    military_modifiers: frozenset[str]
    gated_nouns: Mapping[str, str]
    """event nouns that are events only with a modifier: 'military' (one of military_modifiers) or the word"""
    noun_modifiers: Mapping[str, Mapping[str, str]]
    """event noun -> a word before it -> the event ('hunger strike' is a protest, not an attack)"""
    object_rules: Mapping[str, Mapping[str, str]]
    object_classes: Mapping[str, str]
    """object noun lemma -> its class ('ties' -> relation)"""
    intent_verbs: frozenset[str]
    """Words by which the source says what it will do ('wants to', 'is ready to', 'plans to')."""
    speculation_verbs: frozenset[str]
    """Words by which others say what may happen ('fears', 'is likely to', 'urged ... to')."""
    negating_verbs: frozenset[str]
    statement_verbs: frozenset[str]
    """Verbs whose refusal is no event: 'declined to comment'."""
    modal_aux: frozenset[str]
    """Auxiliaries of what may happen ('could', 'might', 'would' outside reported speech)."""
    future_aux: frozenset[str]
    """Auxiliaries of what the source will do ('will', 'shall')."""
    reporting_verbs: frozenset[str]
    """Verbs of saying: 'would' in what they report is the future of then ('said they would boycott')."""
    violent_things: frozenset[str]
    """What kills when no one is named ('a roadside bomb killed'): unlike an earthquake, an act of an unknown author."""
    quantity_heads: frozenset[str]
    """Heads whose 'of' phrase names the actor ('thousands of students', 'a group of refugees')."""
    actor_nouns: frozenset[str]
    needs_target: frozenset[str]
    """Triggers that are no event without an actor to receive them ('released' images, 'met' a need)."""
    mutual: frozenset[str]
    """Triggers whose two sides act on each other: 'X met Y' is Y meeting X too."""


def load_lexicon() -> EventLexicon:
    """The project's event lexicon (package data, read once when the module loads)."""
    data = load_json("events.json")
    scores = {k: (int(v["quad"]), float(v["intensity"])) for k, v in data["types"].items()}
    scores |= {k: (int(v["quad"]), float(v["intensity"])) for k, v in data["variants"].items()}
    labels = list(data["verbs"].values()) + list(data["phrasal"].values()) + list(data["nouns"].values())
    labels += [x for rules in data["object_rules"].values() for x in rules.values()]
    known = set(scores) | set(EVENT_TYPES) | {"LIGHT", "NONE"}
    unknown = {x for x in labels if x not in known and x.split(":")[0] not in EVENT_TYPES}
    if unknown or set(data["types"]) != set(EVENT_TYPES):
        raise ValueError(f"events.json: unknown types {sorted(unknown)}")
    return EventLexicon(
        scores=MappingProxyType(scores),
        verbs=MappingProxyType(dict(data["verbs"])),
        phrasal=MappingProxyType(dict(data["phrasal"])),
        light_verbs=frozenset(data["light_verbs"]),
        intent_light_verbs=frozenset(data["intent_light_verbs"]),
        nouns=MappingProxyType(dict(data["nouns"])),
        military_modifiers=frozenset(data["military_modifiers"]),
        gated_nouns=MappingProxyType(dict(data["gated_nouns"])),
        noun_modifiers=MappingProxyType({k: MappingProxyType(dict(v)) for k, v in data["noun_modifiers"].items()}),
        object_rules=MappingProxyType({k: MappingProxyType(dict(v)) for k, v in data["object_rules"].items()}),
        object_classes=MappingProxyType({w: cls for cls, words in data["object_classes"].items() for w in words}),
        intent_verbs=frozenset(data["intent_verbs"]),
        speculation_verbs=frozenset(data["speculation_verbs"]),
        negating_verbs=frozenset(data["negating_verbs"]),
        statement_verbs=frozenset(data["statement_verbs"]),
        modal_aux=frozenset(data["modal_aux"]),
        future_aux=frozenset(data["future_aux"]),
        reporting_verbs=frozenset(data["reporting_verbs"]),
        quantity_heads=frozenset(data["quantity_heads"]),
        violent_things=frozenset(data["violent_things"]),
        actor_nouns=frozenset(data["actor_nouns"]),
        needs_target=frozenset(data["needs_target"]),
        mutual=frozenset(data["mutual"]),
    )


LEXICON = load_lexicon()
_KNOWN = frozenset(
    set(LEXICON.verbs) | set(LEXICON.nouns) | LEXICON.light_verbs | set(LEXICON.object_rules)
    | {p.split()[0] for p in LEXICON.phrasal}
)  # fmt: skip

MODE_SCALE = {"asserted": 1.0, "attributed": 1.0, "hypothetical": 0.5, "negated": 0.0}
"""How an event's mode scales its intensity: what did not happen weighs nothing, what is intended,
threatened as possible or feared weighs half."""

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
"""Types whose joint participants act on each other ('X and Y held talks', 'X met with Y')."""
JOINT = frozenset({"MOBILIZE"})
"""Types whose joint participants act together ('X and Y staged drills'): each is a source, with the
others as targets."""
MAX_JOINT = 4
"""Participants beyond which a joint event is not paired out (a list of twenty signatories)."""

_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_TARGET_PREPS = ("with", "to", "against", "on", "toward", "towards", "into", "upon")
_AWAY = ("from", "out")
_MOTION = frozenset({"march", "walk", "drive", "sail", "flee", "move", "run", "rally", "parade"})
_CONVEY = frozenset({"send", "ship", "deliver", "export", "sell", "transfer"})
_PARTICLES = frozenset({"out", "up", "down", "off", "away", "back"})
_DOCUMENTS = frozenset({"report", "statement", "letter", "resolution", "declaration", "communique", "note", "study"})
_SELF = frozenset({"it", "they", "he", "she"})
"""Pronouns that, in what a verb of saying reports, stand for whoever says it ('Iraq said it had seized ...')."""
"""Prepositions whose object is the target of a withdrawal or expulsion ('withdraw from Lebanon')."""
_NOUN_SOURCE_PREPS = ("by", "from", "of")
_NOUN_TARGET_PREPS = ("to", "on", "against", "with", "into", "for", "toward", "towards", "between")
_NP_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "conj", "cc", "prep", "ccomp"})
_LOCATIVE = ("in", "at", "near", "outside", "inside", "across", "along", "around", "off")
_TRAVEL = frozenset({"visit", "travel", "arrive", "go", "fly", "trip", "tour", "come", "return"})
"""Triggers whose destination ('to Beijing') is where the event happens."""
_NOMINAL = ("NOUN", "PROPN", "PRON")
_ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
_OWNER_PREPS = ("of", "by", "with", "from")
"""A thing's prepositions whose object stands for it as a participant, when the thing names no actor itself:
'the policies of Washington', 'calls by Belarus's rulers', 'all contact with the United States' (not 'a US
policy towards North Korea': the US)."""
_NOT_ACTORS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW"})


@dataclass(frozen=True)
class Participant:
    """The words that name one participant: a span, and the span of the noun phrase it belongs to
    ('policies of Washington': the participant is Washington)."""

    start: int
    end: int
    head: str = ""
    """The lemma of the phrase's head noun ('troops')."""
    thing: bool = False
    """Its head is no actor ('policies', 'offensive'): an actor named inside it ('US policy') stands for it."""
    where: tuple[int, int] | None = None
    proper: bool = False
    """Its head is a proper noun the model did not take for a name ('Erdoğan'): an actor all the same."""
    """The phrase that places an actor noun ('rebels in the Ivory Coast', 'students throughout Indonesia')."""


@dataclass(frozen=True)
class Found:
    """An event as one parsed piece of text gives it, before its participants are actors."""

    sentence: tuple[int, int]
    trigger: tuple[int, int]
    label: str
    """TYPE or TYPE:variant"""
    sources: tuple[Participant, ...]
    targets: tuple[Participant, ...]
    mode: str
    joint: bool = False
    lemma: str = ""
    """The trigger's word ('meet', 'drill')."""
    places: tuple[tuple[int, int], ...] = ()
    """Spans that say where: the objects of 'in', 'at', 'near' in the trigger's clause."""
    main: bool = True
    """The trigger is in the sentence's main clause (or what it reports), not in a relative or adverbial clause."""
    unknown_source: bool = True
    """No one is said to act, or a weapon is ('three soldiers were killed', 'a bomb killed'): the source may be
    coded as unknown (not when an earthquake or a storm is what acts)."""
    given: bool = False
    """What is given is named (money, aid, supplies: 'provided 6.3 million euros'): an event without a recipient."""


def _lemma(token: Any) -> str:
    """The token's lemma, mended where the model's is not a word of the lexicon but the form's regular
    stem is ('staged' -> 'stag' -> 'stage')."""
    lemma = str(token.lemma_).casefold()
    if lemma in _KNOWN or token.pos_ not in ("VERB", "NOUN"):
        return lemma
    word = token.lower_
    for stem in (word[:-1], word[:-2], word[:-3] + "y", word[:-3] + "e", word[:-3]):
        if stem in _KNOWN and word.endswith(("ed", "es", "s", "ing")):
            return stem
    return lemma


def _phrasal(token: Any, lex: EventLexicon) -> str | None:
    """The event a verb names with its particle or the preposition right after it ('lash out', 'call for'; not
    'called the minister on Wednesday')."""
    lemma = _lemma(token)
    for child in token.children:
        near = child.dep_ == "prt" or (child.dep_ == "prep" and (child.i <= token.i + 2 or child.lower_ in _PARTICLES))
        if near and f"{lemma} {child.lower_}" in lex.phrasal:
            return lex.phrasal[f"{lemma} {child.lower_}"]
    return None


def _label(token: Any, lex: EventLexicon) -> str | None:
    """The event a verb names, with its particle or preposition ('lash out', 'call for'), else alone."""
    phrasal = _phrasal(token, lex)
    if phrasal is not None:
        return phrasal
    if token.dep_ == "amod":
        return None
    return lex.verbs.get(_lemma(token))


def _objects(verb: Any) -> list[Any]:
    out = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    for prep in (c for c in verb.children if c.dep_ in ("prep", "prt")):
        out.extend(c for c in prep.children if c.dep_ == "pobj")  # 'carry out strikes', 'take part in drills'
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            out.extend(c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "in" for c in c.children)
    for obj in list(out):
        out.extend(c for c in obj.children if c.dep_ == "conj")
    return out


def _object_rule(verb: Any, lex: EventLexicon) -> tuple[str, Any] | None:
    """'strengthen ties' -> COOPERATE, 'lift sanctions' -> RETREAT: a verb whose event is its object's class."""
    rules = lex.object_rules.get(_lemma(verb))
    if not rules:
        return None
    for obj in _objects(verb):
        words = [obj] + [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        for word in words:  # 'lifted a state of emergency'
            cls = lex.object_classes.get(_lemma(word)) or lex.object_classes.get(word.lower_)
            if cls and cls in rules:
                return rules[cls], obj
    return None


def _event_noun(token: Any, lex: EventLexicon) -> str | None:
    """The event a noun names: 'drills' only when military ('joint aerial drill'), 'exercise' likewise; a
    noun such as 'effort' or 'program' by the event noun before it ('a mediation effort')."""
    label = lex.nouns.get(_lemma(token))
    if label is None and token.dep_ in ("dobj", "pobj"):
        compound = next((c for c in token.children if c.dep_ == "compound" and _lemma(c) in lex.nouns), None)
        label = lex.nouns.get(_lemma(compound)) if compound is not None else None
    if label is None:
        return None
    modified = lex.noun_modifiers.get(_lemma(token), {})
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.lower_ in modified:
            return modified[child.lower_]
    if _lemma(token) == "strike":
        return "ASSAULT" if _military_strike(token, lex) else "PROTEST"
    gate = lex.gated_nouns.get(_lemma(token))
    if gate is not None:  # 'drills' and 'operations' only when military ('joint aerial drill'), 'games' of war
        words = {_lemma(c) for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
        words |= {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
        if not words & (lex.military_modifiers if gate == "military" else {gate}):
            return None
    return label


_STRIKE_WORDS = frozenset(
    {"air", "airstrike", "drone", "rocket", "artillery", "retaliatory", "precision", "surgical", "preemptive",
     "pre-emptive", "missile", "military", "naval", "aerial", "nuclear", "israeli", "russian", "us", "u.s."}
)  # fmt: skip


def _military_strike(token: Any, lex: EventLexicon) -> bool:
    """'air strikes', 'a drone strike', 'strikes on Kyiv', 'Russian strikes' (not a dock workers' '48-hour strike')."""
    words = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    if words & (_STRIKE_WORDS | lex.military_modifiers):
        return True
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")):
        if any(p.ent_type_ not in ("DATE", "TIME") for p in prep.children if p.dep_ == "pobj"):
            return True  # 'strikes on Kyiv', not 'a strike on Tuesday'
    return token.tag_ == "NNS" and any(c.ent_type_ in ("NORP", "GPE") for c in token.children)


def _between(doc: Any, start: int, end: int) -> str:
    """The doc's text from character `start` to `end`, read from the tokens there (`Doc.text` rebuilds the
    whole text on each read: once per trigger is quadratic in a long article)."""
    if end <= start:
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    return str(span.text_with_ws)[start - span.start_char : end - span.start_char]


def _sentence(token: Any, offset: int) -> tuple[int, int]:
    """The trigger's sentence, within its paragraph (the model may run a heading into the next paragraph)."""
    sent = token.sent
    start, end, text = sent.start_char, sent.end_char, str(sent.text_with_ws)
    cut = text.rfind("\n\n", 0, token.idx - start)
    start, text = (start + cut + 2, text[cut + 2 :]) if cut >= 0 else (start, text)
    cut = text.find("\n\n", token.idx - start)
    end = start + cut if cut >= 0 else end
    while end > start and text[end - start - 1 : end - start].isspace():
        end -= 1
    head = text[:1]
    if head and not (head.isupper() or head.isdigit() or head in "\"“‘'(«"):  # the model cut inside a sentence
        before = _between(token.doc, max(0, start - 400), start)
        cuts = [i + 2 for i in (before.rfind("\n\n"), before.rfind(". ")) if i >= 0]
        back = max(cuts) if cuts else 0
        start = start - len(before) + back
    return start + offset, end + offset


def _span(tokens: list[Any]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _np(token: Any) -> list[Any]:
    """The noun phrase a token heads, without its clauses, conjuncts and prepositional phrases (nor, at the
    end, a possessive 's: 'Lavrov's' as a possessor is 'Lavrov')."""
    out = subtree(token, _NP_CUT)
    while len(out) > 1 and out[-1].dep_ == "case":
        out = out[:-1]
    return out


def _conjuncts(token: Any) -> list[Any]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in _NOMINAL:
            out.extend(_conjuncts(child))
    return out


def _same_paragraph(a: Any, b: Any) -> bool:
    lo, hi = sorted((a.i, b.i))
    return "\n\n" not in a.doc[lo:hi].text_with_ws


def _participants(
    token: Any | None, offset: int, lex: EventLexicon, trigger: Any | None = None
) -> tuple[Participant, ...]:
    """The participants a noun phrase names: each conjunct ('Seoul and Washington'), and for a noun that
    is not an actor its owner ('the policies of Washington', 'Pyongyang's support', 'US policy')."""
    if token is None:
        return ()
    out = []
    if _lemma(token) in lex.quantity_heads or token.lower_ in lex.quantity_heads or token.like_num:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:  # 'thousands of Iraqi Kurds', 'a group of Chechen refugees'
            return _participants(pobj, offset, lex, trigger)
    for head in _conjuncts(token):
        if head.pos_ not in _NOMINAL and head.pos_ != "ADJ" and head.tag_ != "WP":
            continue
        if head.tag_ == "WP":  # 'lashed out at what he termed a US policy'
            continue
        if trigger is not None and not _same_paragraph(head, trigger):  # a heading parsed into the next line
            continue
        appos = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ in _ACTOR_ENTS[:4]), None)
        start, end = _span(_np(appos if appos is not None else head))  # 'his counterpart Sergio Mattarella'
        cut = _between(token.doc, start, head.idx).rfind("\n\n")
        start = start + cut + 2 if cut >= 0 else start  # a byline or heading parsed into the phrase
        thing = head.pos_ == "NOUN" and not head.ent_type_ and _lemma(head) not in lex.actor_nouns
        thing = thing and appos is None
        thing = thing and head.lower_ not in lex.actor_nouns
        word = head.lower_ if head.lower_ in lex.actor_nouns else _lemma(head)
        where = next(
            (
                _span(list(c.subtree))
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in ("in", "from", "throughout", "across", "of") and not thing
            ),
            None,
        )
        where = (where[0] + offset, where[1] + offset) if where else None
        proper = head.pos_ == "PROPN" and head.text[:1].isupper() and head.ent_type_ not in _NOT_ACTORS
        out.append(Participant(start + offset, end + offset, word, thing, where, proper))
        named = any(t.ent_type_ in _ACTOR_ENTS for t in _np(head)) or appos is not None
        if head.ent_type_ == "" and _lemma(head) not in lex.actor_nouns and head.pos_ == "NOUN" and not named:
            for child in head.children:  # the owner of a thing: 'the policies of Washington', 'calls by X'
                if child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            s, e = _span(_np(pobj))
                            out.append(Participant(s + offset, e + offset, _lemma(pobj), False))
                if child.dep_ == "poss" and child.tag_ not in ("PRP$",):  # 'Pyongyang's support'
                    s, e = _span(_np(child))
                    out.append(Participant(s + offset, e + offset, _lemma(child), False))
    return tuple(out)


def _oprd_object(verb: Any) -> Any | None:
    """'lashed out at what he termed a "dangerous" US policy': the thing named by the relative clause."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for pcomp in (c for c in prep.children if c.dep_ == "pcomp"):
            for c in pcomp.children:
                if c.dep_ in ("oprd", "dobj", "attr") and c.tag_ != "WP":
                    return c
    return None


def _subject(verb: Any) -> tuple[Any | None, bool]:
    """The verb's subject and whether it is passive; a conjoined or complement verb takes its head's
    ('agreed to meet', 'met and discussed'); a relative clause its antecedent ('Putin, who was invited')."""
    if _participle(verb):  # 'as the number of people killed rose': a participle, its noun suffered it
        return next(c for c in verb.children if c.dep_ == "nsubj"), True
    children = list(verb.children)
    children += [c for aux in children if aux.dep_ in ("aux", "auxpass") for c in aux.children]  # a misattached subject
    for child in children:
        if child.dep_ in _SUBJECTS:
            return (child.head.head if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else child), False
        if child.dep_ in _PASSIVE_SUBJECTS:
            return (verb.head if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else child), True
    if verb.dep_ == "relcl":
        return verb.head, False
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.dep_ == "advcl" and not (_has_to(verb) or verb.tag_ == "VBG"):  # 'denounced ..., insisting'
            return None, False
        head = verb.head
        if verb.dep_ == "xcomp":  # 'urged Russia to withdraw': the object of the head acts
            obj = next((c for c in head.children if c.dep_ in ("dobj",)), None)
            if obj is not None and head.lemma_ not in ("want", "help"):
                return obj, False
        if head.dep_ == "acomp" or head.pos_ == "ADJ":  # 'Moscow is keen to assist'
            head = head.head
        return _subject(head)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in _NOMINAL:
        return verb.head, True  # 'the people killed', 'weapons seized': what it is done to
    if verb.dep_ in ("acl",) and verb.head.pos_ in _NOMINAL:  # 'Pyongyang, seeking help'
        head = verb.head
        if head.dep_ == "dobj" and head.ent_type_ == "" and head.pos_ == "NOUN" and _lemma(head) in _DOCUMENTS:
            return _subject(head.head)  # 'Amnesty put out a report accusing the army'
        return head, False
    return None, False


def _participle(verb: Any) -> bool:
    """A past participle with no auxiliary, not the sentence's main verb, whose 'subject' is what it was done to."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ != "ROOT"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def _agent(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _target(verb: Any, lex: EventLexicon, skip: Any | None = None, away: bool = False) -> Any | None:
    """The verb's target: a direct or indirect object that names an actor, else the object of a
    preposition such as 'with', 'to', 'against', else a direct object."""
    lemma, fallback = _lemma(verb), None
    near = (c for c in verb.children if c.dep_ == "prep" and c.i <= verb.i + 2)
    for prep in (c for c in near if f"{lemma} {c.lower_}" in lex.phrasal):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and _actorlike(pobj, lex):  # 'lash out at X', 'call on X'
            return pobj
        fallback = fallback or pobj  # 'called for more air defence (from Germany)'

    dobj = next((c for c in verb.children if c.dep_ in ("dobj",) and (skip is None or c.i != skip.i)), None)
    if lemma in _CONVEY:  # 'sent people running', 'delivered containers': what is sent is no target
        dobj = None
    if lemma in _MOTION:  # 'marched from the piers to the Fischmarkt': places, not targets
        return None
    if away:  # 'withdrew its troops from Somalia', 'asked for help from Germany': the place left, the giver asked
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _AWAY):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and _actorlike(pobj, lex):
                return pobj
    dative = next((c for c in verb.children if c.dep_ == "dative"), None)
    if dative is not None:
        pobj = next((c for c in dative.children if c.dep_ == "pobj"), None)
        return pobj if pobj is not None else dative
    preps = _TARGET_PREPS + (_AWAY if away else ())
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and _actorlike(pobj, lex) and (dobj is None or not _actorlike(dobj, lex)):
            return pobj
    if dobj is not None:
        return dobj
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.ent_type_ not in _NOT_ACTORS:  # not 'on Tuesday'
            return pobj
    return fallback if fallback is not None else _oprd_object(verb)


def _actorlike(token: Any, lex: EventLexicon) -> bool:
    """Names an actor: a named entity (not a date or number), a pronoun, or a noun such as 'troops'."""
    np = _np(token)
    if any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") for t in np):
        return True
    return token.pos_ == "PRON" or _lemma(token) in lex.actor_nouns or token.lower_ in lex.actor_nouns


GRAMMAR_MODES = ("asserted", "negated", "hypothetical", "intent", "refusal", "threat")
"""What the grammar says of a trigger: 'intent' when its source says it will act ('will withdraw', 'wants to
help'), 'refusal' when it says it will not ('will not accept'); resolve() turns these into PLOVER's own
(docs/events.md)."""


def _mode(token: Any, lex: EventLexicon) -> str:
    """One of GRAMMAR_MODES, from the trigger's own words and the verbs that govern it."""
    node, steps, negated = token, 0, False
    while node is not None and steps < 4:
        negated = negated or any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children)
        if node is not token and _lemma(node) in lex.negating_verbs:
            return "negated"
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.future_aux:
                return "refusal" if negated else ("threat" if _unless(node) else "intent")
            if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.modal_aux:
                if child.lower_ == "would" and _reported(node, lex):
                    return "refusal" if negated else "intent"
                return "negated" if negated else "hypothetical"
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return "hypothetical"
            if child.dep_ == "aux" and child.lower_ == "going" and node is token:
                return "refusal" if negated else "intent"
        if node is not token and token.pos_ != "NOUN":
            if _lemma(node) in lex.intent_verbs or node.lower_ in lex.intent_verbs:
                return "refusal" if negated else "intent"
            if _lemma(node) in lex.speculation_verbs or node.lower_ in lex.speculation_verbs:
                return "hypothetical"
        if node.dep_ in ("xcomp", "acomp", "conj", "amod") or (node.dep_ == "advcl" and _has_to(node)):
            node, steps = node.head, steps + 1
            continue
        if node.dep_ == "ccomp" and _lemma(node.head) in lex.speculation_verbs:  # 'demanded that the US cancel'
            return "hypothetical"
        if node.dep_ in ("dobj", "pobj") and node.pos_ == "NOUN" and node is token:
            node, steps = node.head, steps + 1  # a noun trigger: 'would hold talks', 'fears of an attack'
            continue
        break
    return "negated" if negated else "asserted"


def _unless(verb: Any) -> bool:
    """The act is made to hang on a condition another must meet ('will withdraw unless ...')."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in verb.children)


def _reported(verb: Any, lex: EventLexicon) -> bool:
    """The clause is what a verb of saying reports ('said they would boycott')."""
    while verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        verb = verb.head
    return verb.dep_ in ("ccomp", "parataxis") and _lemma(verb.head) in lex.reporting_verbs


def _has_to(token: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _trigger_span(token: Any, offset: int) -> tuple[int, int]:
    tokens = [token] + [c for c in token.children if c.dep_ == "prt"]
    if any(c.dep_ == "prep" and f"{_lemma(token)} {c.lower_}" in LEXICON.phrasal for c in token.children):
        tokens += [c for c in token.children if c.dep_ == "prep" and f"{_lemma(token)} {c.lower_}" in LEXICON.phrasal]
    tokens.sort(key=lambda t: t.i)
    start, end = _span(tokens)
    return start + offset, end + offset


def _governed_by_trigger(token: Any, lex: EventLexicon) -> bool:
    """An xcomp under a verb that is itself an event ('agreed to cooperate', 'threatened to impose
    sanctions', 'refused to withdraw'): the governing verb is the event."""
    head = token.head
    return token.dep_ == "xcomp" and head.pos_ == "VERB" and _label(head, lex) is not None


def _verb_event(token: Any, offset: int, lex: EventLexicon, consumed: set[int]) -> Found | None:
    label = _label(token, lex)
    rule = _object_rule(token, lex)
    noun = None
    phrasal = _phrasal(token, lex)
    if rule is not None:
        label, noun = rule
        consumed.add(noun.i)
        if label == "NONE":  # 'rejected the accusations': a denial, no act (docs/quotes.md has it)
            return None
    elif phrasal not in (None, "LIGHT"):
        pass  # 'gave up fighting': the phrasal verb's event, not its object's
    elif _lemma(token) in lex.light_verbs or label == "LIGHT":
        noun = next((o for o in _objects(token) if _event_noun(o, lex)), None)
        if noun is not None:
            consumed.add(noun.i)
            if not (label and _lemma(token) in lex.intent_light_verbs):
                label = _event_noun(noun, lex)
    if label is None or label in ("LIGHT", "NONE"):
        return None
    if (
        _lemma(token) == "strike"
        and noun is None
        and not any(
            c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("at", "on", "against"))
            for c in token.children
        )
    ):
        label = "PROTEST"  # 'we do not strike lightly', 'dock workers struck on Tuesday': a labour strike
    if label.startswith("REJECT") and any(
        c.dep_ == "xcomp" and _lemma(c) in lex.statement_verbs for c in token.children
    ):  # 'declined to comment'
        return None
    subject, passive = _subject(token)
    if subject is not None and subject.lower_ in _SELF and _reported(subject.head, lex):
        speaker, _ = _subject(_reporting_verb(subject.head, lex))  # 'the British government announced it will not lift'
        subject = speaker if speaker is not None else subject
    if passive and _agent(token) is None and label.split(":")[0] in ("SANCTION", "COERCE"):
        origin = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children), None)
        if origin is not None:  # 'two inspectors were expelled from North Korea'
            subject, passive = origin, False
    if label.split(":")[0] in ("CONSULT", "MOBILIZE") and subject is not None and _peacekeepers(subject):
        label = "AID"  # peacekeepers arriving or deployed: CAMEO 074, provide peacekeeping
    source_token = _agent(token) if passive else subject
    if source_token is None:  # no one is said to act ('three soldiers were killed'), unless in a reduced clause
        unknown = token.dep_ != "acl" and not _participle(token)
    else:  # a weapon is ('a roadside bomb killed'), not an earthquake
        unknown = _lemma(source_token) in lex.violent_things or source_token.lower_ in lex.violent_things
    away = label.split(":")[0] in ("RETREAT", "SANCTION", "REQUEST")
    target_token = subject if passive else _target(token, lex, skip=noun, away=away)
    if source_token is not None and target_token is not None and source_token.i == target_token.i:
        target_token = None
    if target_token is None and label.split(":")[0] in ("SUPPORT", "AID", "AGREE"):
        target_token = _beneficiary(token, lex)
    if noun is not None and target_token is not None and target_token.i == noun.i:
        target_token = _noun_target(noun)
    if target_token is None and noun is not None:
        target_token = _noun_target(noun)
    if target_token is None:
        target_token = _inner_target(token, lex)
    sources = _participants(source_token, offset, lex, token)
    if noun is not None and (source_token is None or not _actorlike(source_token, lex)):
        own = _noun_source(noun)  # 'a bomber would take part in a drill that would involve X, Y and Z'
        sources = _participants(own, offset, lex, token) if own is not None else sources
    targets = _participants(target_token, offset, lex, token)
    joint = noun is not None and any(c.lower_ in ("joint", "trilateral", "bilateral") for c in noun.children)
    joint = joint or (noun is not None and lex.object_classes.get(_lemma(noun)) in ("agreement", "relation"))
    kind = label.split(":")[0]
    return Found(
        sentence=_sentence(token, offset),
        trigger=_trigger_span(token, offset),
        label=label,
        sources=sources,
        targets=targets,
        mode=_mode(token, lex),
        joint=(joint or kind in SYMMETRIC) and len(sources) > 1 and (joint or kind in SYMMETRIC | JOINT),
        lemma=_lemma(noun) if noun is not None else _lemma(token),
        places=_locatives(token, offset) + (_locatives(noun, offset) if noun is not None else ()),
        given=kind == "AID" and any(_given(o, lex) for o in _objects(token)),
        main=_main(token),
        unknown_source=unknown,
    )


_SIDE_CLAUSES = frozenset({"relcl", "acl", "advcl", "pcomp", "csubj", "csubjpass", "npadvmod", "appos"})


def _main(token: Any) -> bool:
    """No relative, adverbial or noun-modifying clause between the token and the sentence's root."""
    steps = 0
    while token.dep_ != "ROOT" and steps < 12:
        if token.dep_ in _SIDE_CLAUSES:
            return False
        token, steps = token.head, steps + 1
    return True


def _given(obj: Any, lex: EventLexicon) -> bool:
    """An object that is aid or money ('€28 million', 'humanitarian aid', 'medical supplies', 'a team of doctors')."""
    if obj.ent_type_ in ("MONEY", "QUANTITY") or lex.object_classes.get(_lemma(obj)) == "aid":
        return True
    return _lemma(obj) in lex.nouns and lex.nouns[_lemma(obj)].startswith("AID")


def _peacekeepers(token: Any) -> bool:
    return any("peacekeep" in t.lower_ for t in token.subtree)


def _locatives(token: Any, offset: int) -> tuple[tuple[int, int], ...]:
    """Where the trigger's clause says it happened: the objects of 'in', 'at', 'near', 'to' ..."""
    out = []
    for node in (token, token.head) if token.dep_ in ("dobj", "pobj", "xcomp", "conj") else (token,):
        preps = _LOCATIVE + (("to",) if _lemma(token) in _TRAVEL else ())
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                s, e = _span(list(pobj.subtree))
                out.append((s + offset, e + offset))
    return tuple(out)


def _beneficiary(verb: Any, lex: EventLexicon) -> Any | None:
    """Who a cooperative act is for ('promised support for the Afghan government')."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and any(t.ent_type_ in _ACTOR_ENTS for t in _np(pobj)):
            return pobj
    return None


def _inner_target(verb: Any, lex: EventLexicon) -> Any | None:
    """The target of the complement an event verb governs ('threatened to attack Kyiv'), or the subject of
    what it asks or says of another ('demanded that the US cancel')."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            return _target(child, lex, away=True)
        if child.dep_ == "ccomp" and _label(verb, lex) and _label(verb, lex).split(":")[0] in _CCOMP_TARGET:  # type: ignore[union-attr]
            return next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


_CCOMP_TARGET = frozenset({"REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"})


def _noun_target(noun: Any) -> Any | None:
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_TARGET_PREPS):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and any(t.ent_type_ in _ACTOR_ENTS or t.pos_ == "PRON" for t in _np(pobj)):
            return pobj
    return None


def _noun_source(noun: Any) -> Any | None:
    """Who acts in an event noun: its possessor, a 'by' phrase, a nationality or country before it."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_SOURCE_PREPS):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and (pobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or pobj.lower_ in ("them",)):
            return pobj
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            return child
    for child in noun.children:  # 'a drill that would involve South Korea, the United States and Japan'
        if child.dep_ in ("relcl", "acl") and _lemma(child) in ("involve", "include", "bring"):
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return _noun_source(noun.head.head)  # 'the intensification of military activities by X'
    return None


def _noun_event(token: Any, offset: int, lex: EventLexicon) -> Found | None:
    """An event noun with a participant of its own ('Lavrov's visit to Pyongyang', 'strikes by Russia
    on Kyiv', 'a joint drill that would involve South Korea, the United States and Japan')."""
    label = _event_noun(token, lex)
    if label is None:
        return None
    source = _noun_source(token)
    if source is None:
        return None
    target = _noun_target(token)
    sources = _participants(source, offset, lex, token)
    targets = _participants(target, offset, lex, token)
    if not sources:
        return None
    start, end = token.idx + offset, token.idx + len(token) + offset
    return Found(
        sentence=_sentence(token, offset),
        trigger=(start, end),
        label=label,
        sources=sources,
        targets=targets,
        mode=_mode(token, lex),
        joint=len(sources) > 1 and label.split(":")[0] in SYMMETRIC | JOINT,
        main=_main(token),
        lemma=_lemma(token),
        places=_locatives(token, offset),
    )


OBLIGATION = ("must", "should")


def _reporting_verb(verb: Any, lex: EventLexicon) -> Any:
    """The verb of saying whose report holds `verb` ('said' in 'Iraq said it had seized')."""
    node = verb
    while node.dep_ in ("ccomp", "parataxis", "conj", "xcomp") and node.head.i != node.i:
        node = node.head
        if _lemma(node) in lex.reporting_verbs:
            return node
    return node


def _obligations(doc: Any, offset: int, lex: EventLexicon) -> list[Found]:
    """What a speaker says another must do is a demand (CAMEO 10): 'Straw said the Sudanese government must
    reach an agreement' is REQUEST, Straw -> Sudan."""
    out = []
    for aux in doc:
        if aux.dep_ != "aux" or aux.lower_ not in OBLIGATION:
            continue
        token = aux.head
        if not _reported(token, lex) or any(c.dep_ == "neg" for c in token.children):
            continue
        speaker_verb = _reporting_verb(token, lex)
        speaker, _ = _subject(speaker_verb)
        doer = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        sources, targets = _participants(speaker, offset, lex, token), _participants(doer, offset, lex, token)
        if not sources or not targets:
            continue
        out.append(
            Found(
                sentence=_sentence(token, offset),
                trigger=(aux.idx + offset, aux.idx + len(aux) + offset),
                label="REQUEST",
                sources=sources,
                targets=targets,
                mode="asserted",
                lemma="must",
                main=_main(speaker_verb),
            )
        )
    return out


def find(doc: Any, offset: int = 0) -> list[Found]:
    """The events of one parsed piece of text, in text order; offsets shifted by `offset`."""
    lex = LEXICON
    out: list[Found] = []
    consumed: set[int] = set()
    for token in doc:
        if token.pos_ != "VERB":
            continue
        if _governed_by_trigger(token, lex):  # 'agreed to lift its ban': the ban is part of the agreement
            rule = _object_rule(token, lex)
            consumed.update([rule[1].i] if rule else [o.i for o in _objects(token) if _event_noun(o, lex)])
            continue
        found = _verb_event(token, offset, lex, consumed)
        if found is not None:
            out.append(found)
    out += _obligations(doc, offset, lex)
    for token in doc:
        if token.pos_ in ("NOUN", "PROPN") and token.i not in consumed:
            found = _noun_event(token, offset, lex)
            if found is not None:
                out.append(found)
    out.sort(key=lambda f: f.trigger)
    return out


# --- the whole article: actors, dates, places, claimants ---------------------------------------------------


@dataclass(frozen=True)
class Actor:
    name: str
    mention: int | None
    country: str | None


_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_THIRD_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUN_REACH = 1500
"""Characters back to which 'he' or 'she' takes the last person who spoke or acted."""


class Actors:
    """Resolves the participants of one article's events to actors, reading them in text order: a
    person's country from any of the article's mentions of them, 'he' or 'she' as the last person who
    spoke or acted, 'we' inside a quote as its speaker."""

    def __init__(
        self,
        text: str,
        mentions: list[Mention],
        places: list[Place],
        quotes: list[Quote],
        countries: CountryTable | None = None,
    ) -> None:
        self.text, self.mentions, self.places, self.quotes = text, mentions, places, quotes
        self.countries = countries
        self.country_of: dict[str, str] = {}
        for m in mentions:
            if m.canonical and m.country and m.kind == "person":
                self.country_of.setdefault(m.canonical, m.country)
        self.people: list[tuple[int, str, int | None]] = sorted(
            ((q.source_start, q.speaker, q.speaker_mention) for q in quotes
             if q.speaker_kind == "person" and q.source_start is not None and q.speaker),
            key=lambda p: p[0],
        )  # fmt: skip

    def country(self, mention: int | None) -> str | None:
        if mention is None:
            return None
        m = self.mentions[mention]
        if m.country:
            return m.country
        if m.canonical in self.country_of:
            return self.country_of[m.canonical]
        place = next((p for p in self.places if p.start <= m.start and m.end <= p.end and p.country), None)
        return place.country if place else None

    def acted(self, at: int, actor: Actor) -> None:
        """A person acted at `at`: a later 'he' may be them."""
        if actor.mention is not None and self.mentions[actor.mention].kind == "person":
            self.people.append((at, actor.name, actor.mention))
            self.people.sort(key=lambda p: p[0])

    def resolve(self, p: Participant, claim: int | None) -> Actor | None:
        actor = self._resolve(p, claim)
        if actor is None or actor.country:
            return actor
        country = self._named_country(p.start, p.end) or (self._placed(p.where) if p.where else None)
        return replace(actor, country=country) if country else actor

    def _named_country(self, start: int, end: int) -> str | None:
        """A country the words name ('Bosnian Serbs', 'the Ivory Coast rebels'): the last that does."""
        if self.countries is None:
            return None
        words = re.findall(r"[\w'’-]+", self.text[start:end])
        found = None
        for i in range(len(words)):
            for n in (2, 1):
                if i + n <= len(words) and words[i][:1].isupper():
                    code = self.countries.code(" ".join(words[i : i + n]))
                    if code:
                        found = code
                        break
        return found

    def _placed(self, span: tuple[int, int]) -> str | None:
        """The country of the place an actor is said to be in ('rebels in the Ivory Coast')."""
        place = next((x for x in self.places if span[0] <= x.start and x.end <= span[1] and x.country), None)
        return place.country if place else self._named_country(*span)

    def _resolve(self, p: Participant, claim: int | None) -> Actor | None:
        words = self.text[p.start : p.end].strip().casefold()
        if words in _FIRST_PERSON:
            q = self.quotes[claim] if claim is not None else None
            return Actor(q.speaker, q.speaker_mention, self.country(q.speaker_mention)) if q and q.speaker else None
        if words in ("it", "itself"):  # what 'it' stands for is too often a storm or a plan: not guessed
            return None
        if words in _THIRD_PERSON:
            before = [x for x in self.people if x[0] < p.start and p.start - x[0] < PRONOUN_REACH]
            if before:
                _, person, at = before[-1]
                return Actor(person, at, self.country(at))
        if p.thing:  # 'US policy', "Bolivia's proposal", 'an Indian proposal': the actor named inside stands for it
            inside = [
                k
                for k, m in enumerate(self.mentions)
                if p.start <= m.start and m.end <= p.end and m.label in ("GPE", "NORP", "ORG", "PERSON")
            ]
            if not inside:
                return None
            m = self.mentions[inside[-1]]
            return Actor(m.canonical or m.text, inside[-1], self.country(inside[-1]))
        name, kind, mention = speaker_of(self.text, p.start, p.end, self.mentions)
        if p.where and p.head in LEXICON.actor_nouns and (mention is None or name is None):
            return Actor(_bare(self.text[p.start : p.where[1]]), None, None)  # 'the president of Armenia'
        if name is None:
            return None
        if mention is not None:
            m = self.mentions[mention]
            if p.where and not (p.start <= m.start and m.end <= p.where[1]):
                # 'the president of Armenia' is no anaphor for the last person named: a new actor, placed
                return Actor(_bare(self.text[p.start : p.where[1]]), None, None)
            if not (p.start <= m.start and m.end <= p.end) and p.head in LEXICON.actor_nouns and p.head != "he":
                # 'the regional government' is an actor of its own, not the last organization named
                return Actor(_bare(self.text[p.start : p.end]), None, None)
            if kind == "anonymous":  # 'Iraqi troops', 'the Russian minister': the country that qualifies them
                return Actor(m.canonical or m.text, mention, self.country(mention))
            return Actor(name, mention, self.country(mention))
        if p.thing or (p.head not in LEXICON.actor_nouns and not p.proper):
            return None
        place = next((x for x in self.places if p.start <= x.start and x.end <= p.end and x.country), None)
        return Actor(name, None, place.country if place else None)


def _bare(words: str) -> str:
    """Words as a name: one space between them, no leading article ('The president of Armenia' -> 'president of
    Armenia')."""
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(words.split()), flags=re.I)


def _date(times: list[Timex], sentence: tuple[int, int], trigger: tuple[int, int], published: str | None) -> str | None:
    """The sentence's date nearest the trigger (a full or partial calendar date), else the publication date."""
    best: tuple[int, str] | None = None
    for t in times:
        if t.type != "DATE" or not (sentence[0] <= t.start and t.end <= sentence[1]):
            continue
        if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", t.value):
            continue
        distance = abs(t.start - trigger[0])
        if best is None or distance < best[0]:
            best = (distance, t.value)
    return best[1] if best else published


_RANK = {"facility": 0, "city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
LEAD_CHARS = 400
"""An event whose clause says nowhere happened at the article's dateline or lead place: the first city
or site named in this many characters."""


def _place(places: list[Place], spans: tuple[tuple[int, int], ...], lead: Place | None) -> Place | None:
    """Where: a place named where the trigger's clause says where ('in Pyongyang', 'at Cheongju airport'),
    a city or site before a region or country; else the article's lead place."""
    inside = [p for p in places if not p.adjectival and any(a <= p.start and p.end <= b for a, b in spans)]
    if inside:
        return min(inside, key=lambda p: (_RANK.get(p.feature, 3), p.start))
    return lead


def _lead(places: list[Place]) -> Place | None:
    return next(
        (p for p in places if p.start < LEAD_CHARS and not p.adjectival and p.feature in ("city", "facility")), None
    )


def _claim(quotes: list[Quote], trigger: tuple[int, int]) -> int | None:
    """The quote whose content holds the trigger (the innermost when quotes nest)."""
    best: int | None = None
    for k, q in enumerate(quotes):
        inside = q.start <= trigger[0] and trigger[1] <= q.end and q.speaker
        if inside and (best is None or q.end - q.start < quotes[best].end - quotes[best].start):
            best = k
    return best


UNKNOWN_SOURCE = frozenset({"ASSAULT", "COERCE"})
"""Types coded without a source when the text names none ('a roadside bomb killed three soldiers')."""
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
FORCEFUL = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})


def coded(label: str, grammar: str) -> tuple[str, str]:
    """(label, PLOVER mode) of an event as the grammar gives it. A source that says it will cooperate
    expresses intent to cooperate: AGREE (CAMEO 03, 'express intent to ...'); that it will use force,
    sanction or protest: THREATEN (CAMEO 13); that it will not cooperate: REJECT (CAMEO 12). Other intents
    are hypothetical, other refusals negated."""
    kind = label.split(":")[0]
    if grammar == "threat":  # 'will withdraw unless ...'
        return "THREATEN", "asserted"
    if grammar == "intent":
        if kind in COOPERATIVE:
            return "AGREE", "asserted"
        return ("THREATEN", "asserted") if kind in FORCEFUL else (label, "hypothetical")
    if grammar == "refusal":
        return ("REJECT", "asserted") if kind in COOPERATIVE else (label, "negated")
    return label, grammar


def score(label: str, mode: str) -> tuple[str, int, float]:
    """(type, QuadClass, intensity) of a lexicon label ('REQUEST:appeal') in a mode."""
    kind = label.split(":")[0]
    quad, base = LEXICON.scores.get(label, LEXICON.scores[kind])
    return kind, quad, round(base * MODE_SCALE[mode], 1) + 0.0  # never -0.0


def resolve(
    text: str,
    found: list[Found],
    mentions: list[Mention],
    quotes: list[Quote],
    times: list[Timex],
    places: list[Place],
    published: str | None,
    countries: CountryTable | None = None,
) -> list[Event]:
    """Each found event with actors for its participants, a date, a place, a mode and a claimant; an event
    with several sources or targets becomes one event per pair; an event with no source is dropped, and so
    is one that needs a target (a visit, a delivery) and has none."""
    out: list[Event] = []
    seen: set[tuple[Any, ...]] = set()
    actors = Actors(text, mentions, places, quotes, countries)
    lead = _lead(places)
    for f in found:
        claim = _claim(quotes, f.trigger)
        sources = _unique(a for a in (actors.resolve(p, claim) for p in f.sources) if a)
        targets = _unique(a for a in (actors.resolve(p, claim) for p in f.targets) if a)
        for a in sources:
            actors.acted(f.trigger[0], a)
        alone = not targets and f.lemma in LEXICON.needs_target and not (f.joint or f.given)
        label, mode = coded(f.label, f.mode)
        unnamed = not sources and (label.split(":")[0] not in UNKNOWN_SOURCE or not f.unknown_source)
        if not (sources or targets) or alone or unnamed:
            continue
        claimant = quotes[claim].speaker if claim is not None else None
        parties = {a.name for a in sources + targets} | {a.mention for a in sources + targets if a.mention is not None}
        speaker_mention = quotes[claim].speaker_mention if claim is not None else None
        own = claimant in parties or (speaker_mention is not None and speaker_mention in parties)
        named = [a for a in sources + targets if a.mention is not None]
        states = {a.country for a in named if a.mention is not None and mentions[a.mention].kind == "country"}
        # an official speaking of their own country's acts ('Moscow is keen to assist', said Lavrov) is that party
        own = own or (speaker_mention is not None and actors.country(speaker_mention) in states - {None})
        if claimant and mode == "asserted" and not own:
            mode = "attributed"  # a third party's claim; a party's own account stays asserted
        kind, quad, intensity = score(label, mode)
        place = _place(places, f.places, None)
        dateline = place is None and lead is not None  # where the clause says nothing: the lead place, if theirs
        place = lead if dateline else place
        base = Event(
            start=f.sentence[0],
            end=f.sentence[1],
            trigger_start=f.trigger[0],
            trigger_end=f.trigger[1],
            trigger=text[f.trigger[0] : f.trigger[1]],
            type=kind,
            quad_class=quad,
            intensity=intensity,
            mode=mode,
            date=_date(times, f.sentence, f.trigger, published),
            place=place.name if place else None,
            place_country=place.country if place else None,
            claimant=claimant,
            claimant_quote=claim,
            main=f.main,
        )
        for source, target in _pairs(f, sources, targets):
            key = (f.trigger, source.name if source else None, target.name if target else None)
            if key in seen or (source and target and source.name == target.name):
                continue
            seen.add(key)
            event = _with_actors(base, source, target)
            if dateline and lead and lead.country not in (event.source_country, event.target_country):
                event = replace(event, place=None, place_country=None)  # the dateline is not where others act
            out.append(event)
    return out


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if all(a.name != b.name for b in out):
            out.append(a)
    return out


def _pairs(f: Found, sources: list[Actor], targets: list[Actor]) -> list[tuple[Actor | None, Actor | None]]:
    """(source, target) pairs: every source with every target; joint participants with each other; a
    meeting both ways ('Kim met Lavrov' is Lavrov meeting Kim too); an unknown source (a bombing that
    killed soldiers) as None."""
    if f.joint and not targets and 1 < len(sources) <= MAX_JOINT:
        return [(s, t) for s in sources for t in sources if s is not t]
    receivers: list[Actor | None] = list(targets) or [None]
    givers: list[Actor | None] = list(sources) or [None]
    pairs: list[tuple[Actor | None, Actor | None]] = [(s, t) for s in givers for t in receivers]
    if f.lemma in LEXICON.mutual and f.label.split(":")[0] in SYMMETRIC:
        pairs += [(t, s) for s in sources for t in targets]
    return pairs


def _with_actors(event: Event, source: Actor | None, target: Actor | None) -> Event:
    return replace(
        event,
        source=source.name if source else None,
        source_mention=source.mention if source else None,
        source_country=source.country if source else None,
        target=target.name if target else None,
        target_mention=target.mention if target else None,
        target_country=target.country if target else None,
    )
