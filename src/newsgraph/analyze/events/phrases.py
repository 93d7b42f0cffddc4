"""The phrases of a trigger's participants on spaCy's parse: noun phrases and their conjuncts, a verb's subject
(active or passive, inherited by complements and conjuncts), its target, the owner of a thing that stands for an
actor, the source and target of an event noun. Pure functions of the tokens and the event lexicon."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from newsgraph.analyze.events.lexicon import EventLexicon
from newsgraph.analyze.tokens import between, span, subtree

_SUBJECTS = ("nsubj", "csubj")
_PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
_NP_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "conj", "cc", "prep", "ccomp"})
NOMINAL = ("NOUN", "PROPN", "PRON")
ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
NOT_ACTORS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW"})


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
    """The phrase that places an actor noun ('rebels in the Ivory Coast', 'students throughout Indonesia')."""
    proper: bool = False
    """Its head is a proper noun the model did not take for a name ('Erdoğan'): an actor all the same."""
    fallback: bool = False
    """Stands for a thing only when nothing else the phrase names is an actor: whom the thing is for ('a camp for
    Congolese refugees', 'an aid program for Bosnia') or where it is ('settlements in the Gaza Strip')."""


def lemma_of(token: Any, lex: EventLexicon) -> str:
    """The token's lemma, mended where the model's is not a word of the lexicon but the form's regular
    stem is ('staged' -> 'stag' -> 'stage')."""
    lemma = str(token.lemma_).casefold()
    if lemma in lex.known or token.pos_ not in ("VERB", "NOUN"):
        return lemma
    word = token.lower_
    for stem in (word[:-1], word[:-2], word[:-3] + "y", word[:-3] + "e", word[:-3]):
        if stem in lex.known and word.endswith(("ed", "es", "s", "ing")):
            return stem
    return lemma


def noun_phrase(token: Any) -> list[Any]:
    """The noun phrase a token heads, without its clauses, conjuncts and prepositional phrases (nor, at the
    end, a possessive 's: 'Lavrov's' as a possessor is 'Lavrov')."""
    out = subtree(token, _NP_CUT - {"punct"})
    at = next(k for k, t in enumerate(out) if t.i == token.i)
    stops = [k for k, t in enumerate(out) if t.dep_ == "punct" and t.tag_ != "HYPH"]  # 'rebel-held' is one word
    out = out[max([k + 1 for k in stops if k < at], default=0) : min([k for k in stops if k > at], default=len(out))]
    while len(out) > 1 and out[-1].dep_ == "case":
        out = out[:-1]
    return out


def _conjuncts(token: Any) -> list[Any]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in NOMINAL:
            out.extend(_conjuncts(child))
    return out


def _same_paragraph(a: Any, b: Any) -> bool:
    lo, hi = sorted((a.i, b.i))
    return "\n\n" not in a.doc[lo:hi].text_with_ws


def participants_of(
    token: Any | None, offset: int, lex: EventLexicon, trigger: Any | None = None, depth: int = 0, thing: bool = False
) -> tuple[Participant, ...]:
    """The participants a noun phrase names: each conjunct ('Seoul and Washington'), and for a noun that
    is not an actor its owner ('the policies of Washington', 'Pyongyang's support', 'US policy'); `thing` when the
    phrase is known to name a thing ('a state of emergency')."""
    if token is None:
        return ()
    out = []
    if lemma_of(token, lex) in lex.quantity_heads or token.lower_ in lex.quantity_heads or token.like_num:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:  # 'thousands of Iraqi Kurds', 'a group of Chechen refugees'
            return participants_of(pobj, offset, lex, trigger, depth)
    for head in _conjuncts(token):
        if head.pos_ not in NOMINAL and head.pos_ != "ADJ" and head.tag_ != "WP":
            continue
        if head.tag_ == "WP":  # 'lashed out at what he termed a US policy'
            continue
        if trigger is not None and not _same_paragraph(head, trigger):  # a heading parsed into the next line
            continue
        appos = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ in ACTOR_ENTS[:4]), None)
        start, end = span(noun_phrase(appos if appos is not None else head))  # 'his counterpart Sergio Mattarella'
        cut = between(token.doc, start, head.idx).rfind("\n\n")
        start = start + cut + 2 if cut >= 0 else start  # a byline or heading parsed into the phrase
        is_thing = head.pos_ == "NOUN" and not head.ent_type_ and lemma_of(head, lex) not in lex.actor_nouns
        is_thing = (is_thing and appos is None and head.lower_ not in lex.actor_nouns) or (thing and head is token)
        word = head.lower_ if head.lower_ in lex.actor_nouns else lemma_of(head, lex)
        where = next(
            (
                span(list(c.subtree))
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in lex.placing_preps and not is_thing
            ),
            None,
        )
        where = (where[0] + offset, where[1] + offset) if where else None
        proper = head.pos_ == "PROPN" and head.text[:1].isupper() and head.ent_type_ not in NOT_ACTORS
        out.append(Participant(start + offset, end + offset, word, is_thing, where, proper))
        named = any(t.ent_type_ in ACTOR_ENTS for t in noun_phrase(head)) or appos is not None
        if is_thing and head.ent_type_ == "" and head.pos_ == "NOUN" and not named:
            out.extend(_owners(head, offset, lex, trigger, depth))
    return tuple(out)


_OWNER_DEPTH = 2
"""How deep owners of owners are followed ('part of an aid program for Bosnia', 'calls by Belarus's rulers')."""


def _owners(thing: Any, offset: int, lex: EventLexicon, trigger: Any | None, depth: int) -> list[Participant]:
    """The actors a thing stands for: its owner ('the policies of Washington', 'calls by X', "Pyongyang's support"),
    each with its own owners when it is a thing too ('calls by Belarus's rulers'); and, only when no owner is an
    actor, whom it is for ('a camp for Congolese refugees') and where it is ('a curfew in Darfur')."""
    if depth >= _OWNER_DEPTH:
        return []
    out: list[Participant] = []
    owned = any(c.dep_ == "poss" for c in thing.children)  # 'your support for Russia' is yours, not Russia's
    for child in thing.children:
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if pobj is not None and child.lower_ in lex.owner_preps:
            out.extend(participants_of(pobj, offset, lex, trigger, depth + 1))
            owned = True
        if child.dep_ == "poss" and child.tag_ not in ("PRP$",):  # 'Pyongyang's support'
            out.extend(participants_of(child, offset, lex, trigger, depth + 1))
    for child in () if owned else thing.children:
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
        if pobj is not None and (
            child.lower_ in lex.benefit_preps or (child.lower_ in lex.locative_preps and _place_name(pobj))
        ):
            found = participants_of(pobj, offset, lex, trigger, depth + 1)
            out.extend(replace(p, fallback=True) for p in found)
    return out


def places_of(verb: Any, offset: int, lex: EventLexicon) -> tuple[Participant, ...]:
    """The places a verb's clause names ('lifted the curfew in Darfur': a phrase that may belong to the verb or to
    its object), as participants that count only when nothing else is an actor."""
    out: list[Participant] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in lex.locative_preps):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and _place_name(c)):
            out.extend(replace(p, fallback=True) for p in participants_of(pobj, offset, lex, verb, _OWNER_DEPTH))
    return tuple(out)


def _place_name(token: Any) -> bool:
    """The token names a place ('in Darfur', 'in northern Cyprus'), not a date ('in March')."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") or (token.pos_ == "PROPN" and token.ent_type_ not in NOT_ACTORS)


def objects_of(verb: Any) -> list[Any]:
    """A verb's objects: direct ones, those of its prepositions and particles ('carry out strikes'), and their
    conjuncts."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    for prep in (c for c in verb.children if c.dep_ in ("prep", "prt")):
        out.extend(c for c in prep.children if c.dep_ == "pobj")  # 'carry out strikes', 'take part in drills'
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            out.extend(c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "in" for c in c.children)
    for obj in list(out):
        out.extend(c for c in obj.children if c.dep_ == "conj")
    return out


def _oprd_object(verb: Any) -> Any | None:
    """'lashed out at what he termed a "dangerous" US policy': the thing named by the relative clause."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for pcomp in (c for c in prep.children if c.dep_ == "pcomp"):
            for c in pcomp.children:
                if c.dep_ in ("oprd", "dobj", "attr") and c.tag_ != "WP":
                    return c
    return None


def subject_of(verb: Any, lex: EventLexicon) -> tuple[Any | None, bool]:
    """The verb's subject and whether it is passive; a conjoined or complement verb takes its head's
    ('agreed to meet', 'met and discussed'); a relative clause its antecedent ('Putin, who was invited')."""
    if is_participle(verb):  # 'as the number of people killed rose': a participle, its noun suffered it
        return next(c for c in verb.children if c.dep_ == "nsubj"), True
    children = list(verb.children)
    children += [c for aux in children if aux.dep_ in ("aux", "auxpass") for c in aux.children]  # a misattached subject
    for child in children:
        if child.dep_ in _SUBJECTS and child.tag_ == "VBG":  # 'the Red Cross operating in Iraq said': parsed as
            child = next((c for c in child.children if c.dep_ in _SUBJECTS), child)  # the subject of 'operating'
        if child.dep_ in _SUBJECTS:
            return (child.head.head if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else child), False
        if child.dep_ in _PASSIVE_SUBJECTS:
            return (verb.head if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else child), True
    if verb.dep_ == "relcl":
        return verb.head, False
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.dep_ == "advcl" and not (has_to(verb) or verb.tag_ == "VBG"):  # 'denounced ..., insisting'
            return None, False
        head = verb.head
        if verb.dep_ == "xcomp":  # 'urged Russia to withdraw': the object of the head acts
            obj = next((c for c in head.children if c.dep_ in ("dobj",)), None)
            if obj is not None and head.lemma_ not in lex.object_controlled_except:
                return obj, False
        if head.dep_ == "acomp" or head.pos_ == "ADJ":  # 'Moscow is keen to assist'
            head = head.head
        return subject_of(head, lex)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in NOMINAL:
        return verb.head, True  # 'the people killed', 'weapons seized': what it is done to
    if verb.dep_ in ("acl",) and verb.head.pos_ in NOMINAL:  # 'Pyongyang, seeking help'
        head = verb.head
        document = lemma_of(head, lex) in lex.document_nouns
        if head.dep_ == "dobj" and head.ent_type_ == "" and head.pos_ == "NOUN" and document:
            return subject_of(head.head, lex)  # 'Amnesty put out a report accusing the army'
        return head, False
    return None, False


def is_participle(verb: Any) -> bool:
    """A past participle with no auxiliary, not the sentence's main verb, whose 'subject' is what it was done to;
    not one with a direct object of its own ('a bombing killed 75 people, a monitor said': a past tense the
    tagger took for a participle)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ != "ROOT"
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def has_to(token: Any) -> bool:
    """The token has an infinitive's 'to' ('to withdraw')."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def agent_of(verb: Any) -> Any | None:
    """Who acts in a passive clause: the object of its 'by' ('was attacked by rebels')."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def target_of(verb: Any, lex: EventLexicon, skip: Any | None = None, away: bool = False) -> Any | None:
    """The verb's target: a direct or indirect object that names an actor, else the object of a
    preposition such as 'with', 'to', 'against', else a direct object."""
    lemma, fallback = lemma_of(verb, lex), None
    near = (c for c in verb.children if c.dep_ == "prep" and c.i <= verb.i + 2)
    for prep in (c for c in near if f"{lemma} {c.lower_}" in lex.phrasal):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and is_actorlike(pobj, lex):  # 'lash out at X', 'call on X'
            return pobj
        fallback = fallback or pobj  # 'called for more air defence (from Germany)'

    dobj = next((c for c in verb.children if c.dep_ in ("dobj",) and (skip is None or c.i != skip.i)), None)
    if lemma in lex.convey_verbs:  # 'sent people running', 'delivered containers': what is sent is no target
        dobj = None
    if lemma in lex.motion_verbs:  # 'marched from the piers to the Fischmarkt': places, not targets
        return None
    if away:  # 'withdrew its troops from Somalia', 'asked for help from Germany': the place left, the giver asked
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in lex.away_preps):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and is_actorlike(pobj, lex):
                return pobj
    dative = next((c for c in verb.children if c.dep_ == "dative"), None)
    if dative is not None:
        pobj = next((c for c in dative.children if c.dep_ == "pobj"), None)
        return pobj if pobj is not None else dative
    preps = lex.target_preps | (lex.away_preps if away else frozenset())
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), _raised(prep))
        if pobj is not None and is_actorlike(pobj, lex) and (dobj is None or not is_actorlike(dobj, lex)):
            return pobj
    if dobj is not None:
        return dobj
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in lex.target_preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.ent_type_ not in NOT_ACTORS:  # not 'on Tuesday'
            return pobj
    return fallback if fallback is not None else _oprd_object(verb)


def is_actorlike(token: Any, lex: EventLexicon) -> bool:
    """Names an actor: a named entity (not a date or number), a pronoun, or a noun such as 'troops'."""
    if any(t.ent_type_ in ACTOR_ENTS for t in noun_phrase(token)):
        return True
    return token.pos_ == "PRON" or lemma_of(token, lex) in lex.actor_nouns or token.lower_ in lex.actor_nouns


def beneficiary_of(verb: Any, lex: EventLexicon) -> Any | None:
    """Who a cooperative act is for ('promised support for the Afghan government')."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and any(t.ent_type_ in ACTOR_ENTS for t in noun_phrase(pobj)):
            return pobj
    return None


def noun_target_of(noun: Any, lex: EventLexicon) -> Any | None:
    """Who receives an event noun: the object of a preposition such as 'to', 'on', 'with' that names an actor."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in lex.noun_target_preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), _raised(prep))
        if pobj is not None and any(t.ent_type_ in ACTOR_ENTS or t.pos_ == "PRON" for t in noun_phrase(pobj)):
            return pobj
    for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp")):  # 'its demand that Israel ease'
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _raised(prep: Any) -> Any | None:
    """The object a preposition shares with the conjoined verb after it ('established ties with and opened an
    embassy in Tehran': Tehran), the last noun that verb's phrases end with."""
    verb = prep.head.head if prep.head.dep_ in ("dobj", "pobj") else prep.head
    conj = next((c for c in verb.children if c.dep_ == "conj" and c.i > prep.i), None) if verb is not None else None
    if conj is None:
        return None
    return next((t for t in reversed(list(conj.subtree)) if t.dep_ == "pobj"), None)


def noun_source_of(noun: Any, lex: EventLexicon) -> Any | None:
    """Who acts in an event noun: its possessor, a 'by' phrase, a nationality or country before it."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in lex.noun_source_preps):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and (pobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or pobj.lower_ in ("them",)):
            return pobj
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            return child
    for child in noun.children:  # 'a drill that would involve South Korea, the United States and Japan'
        if child.dep_ in ("relcl", "acl") and lemma_of(child, lex) in lex.involving_verbs:
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return noun_source_of(noun.head.head, lex)  # 'the intensification of military activities by X'
    return _responsible(noun, lex)


def _responsible(noun: Any, lex: EventLexicon) -> Any | None:
    """Who the text says is responsible for the event ('the cartel was responsible for mass killings', 'commanders
    responsible for the attacks'); not who claims it ('claimed responsibility for the bombing' is a claim)."""
    prep = noun.head if noun.dep_ in ("pobj", "conj") else None
    prep = prep.head if prep is not None and noun.dep_ == "conj" and prep.dep_ == "pobj" else prep
    if prep is None or prep.lower_ != "for" or prep.dep_ != "prep":
        return None
    word = prep.head
    if word.lower_ == "responsible" and word.dep_ == "amod":
        return word.head  # 'commanders responsible for ...'
    if word.lower_ == "responsible" and word.dep_ == "acomp":
        return subject_of(word.head, lex)[0]
    return None
