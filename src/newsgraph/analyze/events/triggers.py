"""Step one of event coding, on one parsed piece of text: each trigger (a verb such as 'met' or 'lashed out at', a
light verb with an event noun such as 'staged drills', an event noun with participants of its own such as 'Lavrov's
visit to Pyongyang', a demand in reported speech such as 'X said Y must ...'), its type, the phrases that name its
source and target (`phrases`), where its clause says it happened, and its mode as the grammar gives it (negated,
hypothetical, intended, refused, threatened)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from newsgraph.analyze.events.lexicon import JOINT, SYMMETRIC, EventLexicon
from newsgraph.analyze.events.patterns import pattern_label, phrasal_label, verb_label
from newsgraph.analyze.events.phrases import (
    Participant,
    agent_of,
    beneficiary_of,
    has_to,
    is_actorlike,
    is_participle,
    lemma_of,
    noun_source_of,
    noun_target_of,
    objects_of,
    participants_of,
    places_of,
    subject_of,
    target_of,
)
from newsgraph.analyze.tokens import between, span


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


def _phrasal(token: Any, lex: EventLexicon) -> str | None:
    """The event a verb names with its particle or the preposition right after it ('lash out', 'call for'; not
    'called the minister on Wednesday')."""
    lemma = lemma_of(token, lex)
    for child in token.children:
        close = child.i <= token.i + 2 or child.lower_ in lex.particles
        near = child.dep_ == "prt" or (child.dep_ == "prep" and close)
        if near and f"{lemma} {child.lower_}" in lex.phrasal:
            return lex.phrasal[f"{lemma} {child.lower_}"]
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and token.i in (after.head.i, after.head.head.i) and after.pos_ in ("ADJ", "VERB"):
        return lex.phrasal.get(f"{lemma} {after.lower_}")  # 'let free', however its word is parsed
    return None


def _label(token: Any, lex: EventLexicon) -> str | None:
    """The event a verb names, with its particle or preposition ('lash out', 'call for'), else alone."""
    phrasal = _phrasal(token, lex)
    if phrasal is not None:
        return phrasal
    if token.dep_ == "amod":
        return None
    return lex.verbs.get(lemma_of(token, lex))


def _petrarch(token: Any, label: str | None, lex: EventLexicon, consumed: set[int]) -> tuple[str | None, Any | None]:
    """The event PETRARCH-2's patterns give a verb with what follows it ('ask for financial aid'), else its own
    lexicon's, else PETRARCH-2's verb alone; with the thing the pattern matched (not an actor: 'put police on
    alert' has no target in 'police')."""
    if label is not None or token.dep_ == "amod":  # a verb of the project's lexicon keeps its rules
        return label, None
    lemma = lemma_of(token, lex)
    if lemma not in lex.cameo_blocks and lemma not in lex.cameo_verbs and phrasal_label(token, lex) is None:
        return None, None  # a verb PETRARCH-2 does not know (most of them): nothing more to look up
    if any(c.dep_ in ("xcomp", "advcl") and has_to(c) and _label(c, lex) for c in token.children):
        return None, None  # 'summoned the envoy to complain', 'ordered the papers to suspend': the act it serves
    matched = pattern_label(token, lex)
    if matched is not None and matched[1] is not None and not is_actorlike(matched[1], lex):
        consumed.add(matched[1].i)
        return matched
    phrasal = phrasal_label(token, lex)  # PETRARCH-2's multi-word verbs ('gun down')
    if phrasal is not None or lemma_of(token, lex) in lex.intent_verbs | lex.speculation_verbs:
        return phrasal, None
    alone = verb_label(token, lex)  # PETRARCH-2's verb alone, done to someone ('summoned the ambassador')
    if alone is None:
        return None, None
    target = target_of(token, lex)
    return (alone, None) if target is not None and is_actorlike(target, lex) else (None, None)


def _object_rule(verb: Any, lex: EventLexicon) -> tuple[str, Any] | None:
    """'strengthen ties' -> COOPERATE, 'lift sanctions' -> RETREAT: a verb whose event is its object's class."""
    rules = lex.object_rules.get(lemma_of(verb, lex))
    if not rules:
        return None
    for obj in objects_of(verb):
        words = [obj] + [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        for word in words:  # 'lifted a state of emergency'
            cls = lex.object_classes.get(lemma_of(word, lex)) or lex.object_classes.get(word.lower_)
            if cls and cls in rules:
                return rules[cls], obj
    return None


def _event_noun(token: Any, lex: EventLexicon) -> str | None:
    """The event a noun names (`_noun_label`); an attack of words ('his verbal assault on the nominee', 'a
    scathing attack') is criticism: ACCUSE (CAMEO 111)."""
    label = _noun_label(token, lex)
    if label is not None and label.startswith("ASSAULT") and _in_words(token, lex):
        return "ACCUSE"
    return label


def _in_words(token: Any, lex: EventLexicon) -> bool:
    """A modifier makes the act one of words ('verbal assault', 'attacked verbally', 'publicly attacked')."""
    return any(
        (c.dep_ in ("amod", "compound", "nmod") and c.lower_ in lex.verbal_modifiers)
        or (c.dep_ == "advmod" and c.lower_.endswith("ly") and c.lower_[:-2] in lex.verbal_modifiers)
        for c in token.children
    )


def _figurative(token: Any, label: str, lex: EventLexicon) -> str:
    """A verb of force said of words is criticism, ACCUSE (CAMEO 111): 'attacked the mayor over his vote', 'for
    her remarks', 'verbally attacked' (a thing of words as its object, 'attacked the plan', is an object rule)."""
    if not label.startswith("ASSAULT") or lemma_of(token, lex) not in lex.figurative_verbs:
        return label
    if _in_words(token, lex):
        return "ACCUSE"
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in lex.reason_preps):
        for obj in prep.children:
            idea = obj.dep_ == "pobj" and lex.object_classes.get(lemma_of(obj, lex)) == "idea"
            if idea or (obj.dep_ == "pcomp" and obj.tag_ == "VBG"):  # 'over his vote', 'for backing the bill'
                return "ACCUSE"
    return label


def _noun_label(token: Any, lex: EventLexicon) -> str | None:
    """The event a noun names: 'drills' only when military ('joint aerial drill'), 'exercise' likewise; a
    noun such as 'effort' or 'program' by the event noun before it ('a mediation effort')."""
    label = lex.nouns.get(lemma_of(token, lex))
    if label is None and token.dep_ in ("dobj", "pobj"):
        compound = next((c for c in token.children if c.dep_ == "compound" and lemma_of(c, lex) in lex.nouns), None)
        label = lex.nouns.get(lemma_of(compound, lex)) if compound is not None else None
    if label is None:
        return None
    modified = lex.noun_modifiers.get(lemma_of(token, lex), {})
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.lower_ in modified:
            return modified[child.lower_]
    if lemma_of(token, lex) == "strike":
        return "ASSAULT" if _military_strike(token, lex) else "PROTEST"
    gate = lex.gated_nouns.get(lemma_of(token, lex))
    if gate is not None:  # 'drills' and 'operations' only when military ('joint aerial drill'), 'games' of war
        words = {lemma_of(c, lex) for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
        words |= {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
        if not words & (lex.military_modifiers if gate == "military" else {gate}):
            return None
    return label


def _military_strike(token: Any, lex: EventLexicon) -> bool:
    """'air strikes', 'a drone strike', 'strikes on Kyiv', 'Russian strikes' (not a dock workers' '48-hour strike')."""
    words = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    if words & (lex.strike_modifiers | lex.military_modifiers):
        return True
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in lex.strike_target_preps):
        if any(p.ent_type_ not in ("DATE", "TIME") for p in prep.children if p.dep_ == "pobj"):
            return True  # 'strikes on Kyiv', not 'a strike on Tuesday'
    return token.tag_ == "NNS" and any(c.ent_type_ in ("NORP", "GPE") for c in token.children)


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
        before = between(token.doc, max(0, start - 400), start)
        cuts = [i + 2 for i in (before.rfind("\n\n"), before.rfind(". ")) if i >= 0]
        back = max(cuts) if cuts else 0
        start = start - len(before) + back
    return start + offset, end + offset


NAME_ENTS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC"})
"""Named entities whose words are no event nouns."""

GRAMMAR_MODES = ("asserted", "negated", "hypothetical", "intent", "refusal", "threat")
"""What the grammar says of a trigger: 'intent' when its source says it will act ('will withdraw', 'wants to
help'), 'refusal' when it says it will not ('will not accept'); resolve() turns these into PLOVER's own
(docs/events.md)."""


def _mode(token: Any, lex: EventLexicon) -> str:
    """One of GRAMMAR_MODES, from the trigger's own words and the verbs that govern it."""
    node, steps, negated = token, 0, False
    while node is not None and steps < 4:
        negated = negated or any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children)
        if node is not token and lemma_of(node, lex) in lex.negating_verbs:
            return "negated"
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.future_aux:
                return "refusal" if negated else ("threat" if _unless(node) else "intent")
            if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.modal_aux:
                if child.lower_ == "would" and _reported(node, lex):
                    return "refusal" if negated else "intent"
                return "negated" if negated else "hypothetical"
            if child.dep_ == "mark" and child.lower_ in lex.conditional_marks:
                return "hypothetical"
            if child.dep_ == "aux" and child.lower_ == "going" and node is token:
                return "refusal" if negated else "intent"
        if node is not token and token.pos_ != "NOUN":
            if lemma_of(node, lex) in lex.intent_verbs or node.lower_ in lex.intent_verbs:
                return "refusal" if negated else "intent"
            if lemma_of(node, lex) in lex.speculation_verbs or node.lower_ in lex.speculation_verbs:
                return "hypothetical"
        if node.dep_ in ("xcomp", "acomp", "conj", "amod") or (node.dep_ == "advcl" and has_to(node)):
            node, steps = node.head, steps + 1
            continue
        if node.dep_ == "ccomp" and lemma_of(node.head, lex) in lex.speculation_verbs:  # 'demanded that the US cancel'
            return "hypothetical"
        if _denied(node, lex):  # 'denied charges that it had suspended an official'
            return "negated"
        if node.dep_ in ("dobj", "pobj") and node.pos_ == "NOUN" and node is token:
            node, steps = node.head, steps + 1  # a noun trigger: 'would hold talks', 'fears of an attack'
            continue
        break
    return "negated" if negated else "asserted"


def _denied(clause: Any, lex: EventLexicon) -> bool:
    """The clause is what a denial denies: 'denied that ...', 'denied charges (that) ...', 'rejected claims ...'."""
    if clause.dep_ not in ("ccomp", "acl", "relcl"):
        return False
    head = clause.head
    if clause.dep_ != "ccomp" and lex.object_classes.get(lemma_of(head, lex)) == "allegation" and head.dep_ == "dobj":
        head = head.head
    elif clause.dep_ != "ccomp":
        return False
    lemma = lemma_of(head, lex)
    return lemma in lex.negating_verbs or lex.object_rules.get(lemma, {}).get("allegation") == "NONE"


def _unless(verb: Any) -> bool:
    """The act is made to hang on a condition another must meet ('will withdraw unless ...')."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in verb.children)


def _reported(verb: Any, lex: EventLexicon) -> bool:
    """The clause is what a verb of saying reports ('said they would boycott')."""
    while verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        verb = verb.head
    return verb.dep_ in ("ccomp", "parataxis") and lemma_of(verb.head, lex) in lex.reporting_verbs


def _trigger_span(token: Any, offset: int, lex: EventLexicon) -> tuple[int, int]:
    """The trigger's words: the verb with its particle and the preposition of its phrasal form ('lashed out at')."""
    tokens = [token] + [c for c in token.children if c.dep_ == "prt"]
    lemma = lemma_of(token, lex)
    tokens += [c for c in token.children if c.dep_ == "prep" and f"{lemma} {c.lower_}" in lex.phrasal]
    tokens.sort(key=lambda t: t.i)
    start, end = span(tokens)
    return start + offset, end + offset


def _governed_by_trigger(token: Any, lex: EventLexicon) -> bool:
    """An xcomp under a verb that is itself an event ('agreed to cooperate', 'threatened to impose
    sanctions', 'refused to withdraw'): the governing verb is the event."""
    head = token.head
    return token.dep_ == "xcomp" and head.pos_ == "VERB" and _label(head, lex) is not None


def _purpose(verb: Any, lex: EventLexicon) -> Any | None:
    """The event a journey is made for: the object of its 'for' ('flew to Beijing for talks')."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and _event_noun(pobj, lex) is not None:
            return pobj
    return None


def _verb_event(token: Any, offset: int, lex: EventLexicon, consumed: set[int]) -> Found | None:
    label = _label(token, lex)
    rule = _object_rule(token, lex)
    noun, matched = None, False
    phrasal = _phrasal(token, lex)
    if rule is not None:
        label, noun = rule
        consumed.add(noun.i)
        if label == "NONE":  # 'rejected the accusations': a denial, no act (docs/quotes.md has it)
            return None
    elif phrasal not in (None, "LIGHT"):
        pass  # 'gave up fighting': the phrasal verb's event, not its object's
    elif lemma_of(token, lex) in lex.light_verbs or label == "LIGHT":
        noun = next((o for o in objects_of(token) if _event_noun(o, lex)), None)
        if noun is not None:
            consumed.add(noun.i)
            if not (label and lemma_of(token, lex) in lex.intent_light_verbs):
                label = _event_noun(noun, lex)
    if noun is None and rule is None and lemma_of(token, lex) in lex.travel_words:
        noun = _purpose(token, lex)  # 'returned to Geneva for talks': the visit is the talks
        if noun is not None:
            consumed.add(noun.i)
            label = _event_noun(noun, lex)
    if noun is None and rule is None and phrasal in (None, "LIGHT"):
        label, noun = _petrarch(token, label, lex, consumed)
        matched = noun is not None  # the thing a pattern names ('shelling territory')
    if label is None or label in ("LIGHT", "NONE"):
        return None
    label = _figurative(token, label, lex) if noun is None else label
    if (
        lemma_of(token, lex) == "strike"
        and noun is None
        and not any(
            c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in lex.strike_target_preps)
            for c in token.children
        )
    ):
        label = "PROTEST"  # 'we do not strike lightly', 'dock workers struck on Tuesday': a labour strike
    if label.startswith("REJECT") and any(
        c.dep_ == "xcomp" and lemma_of(c, lex) in lex.statement_verbs for c in token.children
    ):  # 'declined to comment'
        return None
    subject, passive = subject_of(token, lex)
    if subject is not None and subject.lower_ in lex.speaker_pronouns and _reported(subject.head, lex):
        # 'the British government announced it will not lift': 'it' is who announced
        speaker, _ = subject_of(_reporting_verb(subject.head, lex), lex)
        subject = speaker if speaker is not None else subject
    if passive and agent_of(token) is None and label.split(":")[0] in ("SANCTION", "COERCE"):
        origin = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children), None)
        if origin is not None:  # 'two inspectors were expelled from North Korea'
            subject, passive = origin, False
    if label.split(":")[0] in ("CONSULT", "MOBILIZE") and subject is not None and _peacekeepers(subject, lex):
        label = "AID"  # peacekeepers arriving or deployed: CAMEO 074, provide peacekeeping
    source_token = agent_of(token) if passive else subject
    if source_token is None:  # no one is said to act ('three soldiers were killed'), unless in a reduced clause
        unknown = token.dep_ != "acl" and not is_participle(token)
    else:  # a weapon is ('a roadside bomb killed'), not an earthquake
        unknown = lemma_of(source_token, lex) in lex.violent_things or source_token.lower_ in lex.violent_things
    away = label.split(":")[0] in ("RETREAT", "SANCTION", "REQUEST")
    target_token = subject if passive else target_of(token, lex, skip=noun, away=away)
    if source_token is not None and target_token is not None and source_token.i == target_token.i:
        target_token = None
    if target_token is None and label.split(":")[0] in ("SUPPORT", "AID", "AGREE"):
        target_token = beneficiary_of(token, lex)
    if noun is not None and target_token is not None and target_token.i == noun.i:
        target_token = noun_target_of(noun, lex)
    if target_token is None and noun is not None:
        target_token = noun_target_of(noun, lex)
    if target_token is None:
        target_token = _inner_target(token, lex, label)
    thing = target_token is None and (rule is not None or matched)  # 'violated a ban by the AU', 'a curfew in Darfur'
    target_token = noun if thing else target_token  # the thing stands for its owner, whom it is for, where it is
    if label.startswith("PROTEST") and (target_token is None or not is_actorlike(target_token, lex)):
        addressed, about = _protest_target(token, noun, lex)  # 'demonstrated, calling for independence from Iraq'
        target_token, thing = (addressed, about) if addressed is not None else (target_token, thing)
    sources = participants_of(source_token, offset, lex, token)
    event_noun = noun is not None and rule is None and not matched  # a thing an object rule names is no act
    if event_noun and (source_token is None or not is_actorlike(source_token, lex)):
        own = noun_source_of(noun, lex)  # 'a bomber would take part in a drill that would involve X, Y and Z'
        sources = participants_of(own, offset, lex, token) if own is not None else sources
    if label.startswith("CONSULT") and target_token is not None and not _meets(target_token, lex):
        target_token = None  # 'received food and children's toys', 'met the needs of X': one meets people, not things
    targets = participants_of(target_token, offset, lex, token, thing=thing)
    targets += places_of(token, offset, lex) if thing else ()
    joint = noun is not None and any(c.lower_ in lex.joint_modifiers for c in noun.children)
    joint = joint or (noun is not None and lex.object_classes.get(lemma_of(noun, lex)) in ("agreement", "relation"))
    kind = label.split(":")[0]
    return Found(
        sentence=_sentence(token, offset),
        trigger=_trigger_span(token, offset, lex),
        label=label,
        sources=sources,
        targets=targets,
        mode=_mode(token, lex),
        joint=(joint or kind in SYMMETRIC) and len(sources) > 1 and (joint or kind in SYMMETRIC | JOINT),
        lemma=lemma_of(noun, lex) if noun is not None else lemma_of(token, lex),
        places=_locatives(token, offset, lex) + (_locatives(noun, offset, lex) if noun is not None else ()),
        given=kind == "AID" and any(_given(o, lex) for o in objects_of(token)),
        main=_main(token),
        unknown_source=unknown,
    )


def _meets(token: Any, lex: EventLexicon) -> bool:
    """What a meeting can be with: an actor, or an event it is held at ('attended the summit')."""
    if is_actorlike(token, lex) or _event_noun(token, lex) is not None or token.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    return lemma_of(token, lex) in lex.relational_nouns or any(c.dep_ == "appos" for c in token.children)  # 'rival X'


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
    if obj.ent_type_ in ("MONEY", "QUANTITY") or lex.object_classes.get(lemma_of(obj, lex)) == "aid":
        return True
    return lemma_of(obj, lex) in lex.nouns and lex.nouns[lemma_of(obj, lex)].startswith("AID")


def _peacekeepers(token: Any, lex: EventLexicon) -> bool:
    """Peacekeepers arrive or are deployed: aid (CAMEO 074), not a mobilization."""
    return any(lex.peacekeeping_stem in t.lower_ for t in token.subtree)


def _locatives(token: Any, offset: int, lex: EventLexicon) -> tuple[tuple[int, int], ...]:
    """Where the trigger's clause says it happened: the objects of 'in', 'at', 'near', 'to' ..."""
    out = []
    for node in (token, token.head) if token.dep_ in ("dobj", "pobj", "xcomp", "conj") else (token,):
        preps = lex.locative_preps | ({"to"} if lemma_of(token, lex) in lex.travel_words else set())
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                s, e = span(list(pobj.subtree))
                out.append((s + offset, e + offset))
    return tuple(out)


def _inner_target(verb: Any, lex: EventLexicon, label: str) -> Any | None:
    """The target of the complement an event verb governs ('threatened to attack Kyiv'), or the subject of
    what it asks or says of another ('demanded that the US cancel', 'reiterated its demand that Israel ease')."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            return target_of(child, lex, away=True)
        if child.dep_ == "ccomp" and label.split(":")[0] in _CCOMP_TARGET:
            return next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


_DEMAND_PATH = frozenset({"advcl", "xcomp", "pcomp", "prep", "pobj", "acl", "dobj"})
"""The links from a protest to the demand it makes ('staged rallies to demand', 'joined marchers in demanding')."""


def _protest_target(verb: Any, noun: Any | None, lex: EventLexicon) -> tuple[Any | None, bool]:
    """Whom a protest addresses: the target of the demand it makes ('demonstrated, calling for independence from
    Iraq', 'staged rallies to demand reforms by the government'), else what it protests, a thing that stands for
    its owner ('a hunger strike in protest of the government's refusal'); and whether that is a thing."""
    frontier = [verb] if noun is None else [verb, noun]
    for _ in range(4):
        found = [c for node in frontier for c in node.children if c.dep_ in _DEMAND_PATH]
        for c in found:
            if c.pos_ == "VERB" and (_label(c, lex) or "").startswith("REQUEST"):
                return target_of(c, lex, away=True), False
            if c.dep_ == "pobj" and c.pos_ == "NOUN" and (_noun_label(c, lex) or "").startswith("PROTEST"):
                addressed = noun_target_of(c, lex)
                return (addressed, False) if addressed is not None else (c, True)
        frontier = found
    return None, False


_CCOMP_TARGET = frozenset({"REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"})


def _noun_event(token: Any, offset: int, lex: EventLexicon) -> Found | None:
    """An event noun with a participant of its own ('Lavrov's visit to Pyongyang', 'strikes by Russia
    on Kyiv', 'a joint drill that would involve South Korea, the United States and Japan')."""
    label = _event_noun(token, lex)
    if label is None or (token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTS):
        return None  # a word of a name ('the Alliance for Change'), not an event
    source = noun_source_of(token, lex)
    if source is None:
        return None
    target = noun_target_of(token, lex)
    sources = participants_of(source, offset, lex, token)
    targets = participants_of(target, offset, lex, token)
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
        lemma=lemma_of(token, lex),
        places=_locatives(token, offset, lex),
    )


def _reporting_verb(verb: Any, lex: EventLexicon) -> Any:
    """The verb of saying whose report holds `verb` ('said' in 'Iraq said it had seized')."""
    node = verb
    while node.dep_ in ("ccomp", "parataxis", "conj", "xcomp") and node.head.i != node.i:
        node = node.head
        if lemma_of(node, lex) in lex.reporting_verbs:
            return node
    return node


def _obligations(tokens: Iterable[Any], offset: int, lex: EventLexicon) -> list[Found]:
    """What a speaker says another must do is a demand (CAMEO 10): 'Straw said the Sudanese government must
    reach an agreement' is REQUEST, Straw -> Sudan."""
    out = []
    for aux in tokens:
        if aux.dep_ != "aux" or aux.lower_ not in lex.obligation_modals:
            continue
        token = aux.head
        if not _reported(token, lex) or any(c.dep_ == "neg" for c in token.children):
            continue
        speaker_verb = _reporting_verb(token, lex)
        speaker, _ = subject_of(speaker_verb, lex)
        doer = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        sources, targets = participants_of(speaker, offset, lex, token), participants_of(doer, offset, lex, token)
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


def _acted_on(noun: Any, verbs: set[int]) -> bool:
    """The event noun is what a verb event acts on ('reneged on his commitment to the people', 'condemned
    Russia's attack'): the verb's event is the sentence's, the noun's is background to it."""
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    return noun.dep_ in ("dobj", "pobj") and head.i in verbs


def find(doc: Any, lex: EventLexicon, offset: int = 0) -> list[Found]:
    """The events of one parsed piece of text, in text order; offsets shifted by `offset`."""
    out: list[Found] = []
    consumed: set[int] = set()
    verb_tokens, noun_tokens, modals = [], [], []  # the doc read once: making its tokens is most of a pass's cost
    for token in doc:
        pos = token.pos_
        if pos == "VERB":
            verb_tokens.append(token)
        elif pos in ("NOUN", "PROPN"):
            noun_tokens.append(token)
        if token.lower_ in lex.obligation_modals:
            modals.append(token)
    for token in verb_tokens:
        if _governed_by_trigger(token, lex):  # 'agreed to lift its ban': the ban is part of the agreement
            rule = _object_rule(token, lex)
            consumed.update([rule[1].i] if rule else [o.i for o in objects_of(token) if _event_noun(o, lex)])
            continue
        found = _verb_event(token, offset, lex, consumed)
        if found is not None:
            out.append(found)
    out += _obligations(modals, offset, lex)
    starts = {f.trigger[0] - offset for f in out}
    verbs = {token.i for token in verb_tokens if token.idx in starts}
    for token in noun_tokens:
        if token.i not in consumed:
            found = _noun_event(token, offset, lex)
            if found is not None:
                out.append(replace(found, main=False) if _acted_on(token, verbs) else found)
    out.sort(key=lambda f: f.trigger)
    return out
