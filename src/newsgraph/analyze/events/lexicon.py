"""The event lexicon (package data `newsgraph/data/events.json`, docs/events.md) and how a type is scored.

`EventLexicon` holds every word list event coding reads (trigger verbs, nouns and phrases, object rules, the words
of modes, prepositions that introduce targets or places, pronouns); it is plain read-only data that travels in the
analysis context (`newsgraph.analyze.lexicons`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.models import EVENT_TYPES
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
    target_preps: frozenset[str]
    """Prepositions whose object is the target of a verb ('met with X', 'lashed out at X')."""
    away_preps: frozenset[str]
    """Prepositions whose object is the target of a withdrawal, a sanction or a request ('withdraw from Lebanon')."""
    noun_source_preps: frozenset[str]
    """Prepositions whose object acts in an event noun ('strikes by Russia')."""
    noun_target_preps: frozenset[str]
    """Prepositions whose object receives an event noun ('a visit to Pyongyang', 'talks with Seoul')."""
    locative_preps: frozenset[str]
    """Prepositions that say where the trigger's clause happened ('in Pyongyang', 'near the border')."""
    owner_preps: frozenset[str]
    """A thing's prepositions whose object stands for it as a participant ('the policies of Washington', 'calls by
    Belarus's rulers', 'all contact with the United States')."""
    placing_preps: frozenset[str]
    """Prepositions that place an actor noun ('rebels in the Ivory Coast', 'students throughout Indonesia')."""
    strike_target_preps: frozenset[str]
    """Prepositions after 'strike' that make it a military strike ('strikes on Kyiv'), not a labour one."""
    motion_verbs: frozenset[str]
    """Verbs of motion whose prepositional objects are places, not targets ('marched from the piers')."""
    convey_verbs: frozenset[str]
    """Verbs whose direct object is what is sent, not a target ('delivered containers')."""
    particles: frozenset[str]
    """Particles that may stand apart from their verb ('lashed the minister out')."""
    document_nouns: frozenset[str]
    """Documents through which their author acts ('Amnesty put out a report accusing the army')."""
    travel_words: frozenset[str]
    """Triggers whose destination ('to Beijing') is where the event happens."""
    strike_modifiers: frozenset[str]
    """Words before 'strike' that make it military ('air strikes', 'a drone strike')."""
    obligation_modals: frozenset[str]
    """Modals by which a speaker says another must act: a demand ('X said Y must withdraw')."""
    first_person: frozenset[str]
    third_person: frozenset[str]
    neuter_pronouns: frozenset[str]
    """Pronouns not guessed at ('it': too often a storm or a plan)."""
    speaker_pronouns: frozenset[str]
    """Pronouns that, in what a verb of saying reports, stand for whoever says it ('Iraq said it had seized ...')."""
    joint_modifiers: frozenset[str]
    """Words that make an event noun joint ('joint drills', 'trilateral talks')."""
    involving_verbs: frozenset[str]
    """Verbs by which a relative clause names an event noun's participants ('a drill that would involve X')."""
    object_controlled_except: frozenset[str]
    """Verbs whose complement's doer is their subject, not their object ('wanted Russia to ...'); after others,
    the object acts ('urged Russia to withdraw')."""
    conditional_marks: frozenset[str]
    verbal_modifiers: frozenset[str]
    """Words that make an attack one of words ('a verbal assault', 'a scathing attack'): criticism, ACCUSE."""
    figurative_verbs: frozenset[str]
    """Verbs of force also said of words ('attacked the plan', 'attacked the mayor over his vote')."""
    relational_nouns: frozenset[str]
    """Nouns of a relation whose nationality word names the other side ('American adversaries', 'Iranian allies'):
    the group is the actor, not the country."""
    reason_preps: frozenset[str]
    """Prepositions of a reason ('attacked the mayor over his vote', 'for his remarks')."""
    benefit_preps: frozenset[str]
    """Prepositions of whom a thing is for ('a camp for refugees', 'an aid program for Bosnia')."""
    """Subordinators that make a clause hypothetical ('if', 'unless')."""
    peacekeeping_stem: str
    """The stem of words that make troops peacekeepers (an arrival is then aid)."""
    cameo: Mapping[str, tuple[str, str]]
    """CAMEO code -> (label, PLOVER mode): the project's own CAMEO -> PLOVER table (scripts/petrarch_verbs.py)."""
    cameo_verbs: Mapping[str, str]
    """PETRARCH-2's verbs -> the CAMEO code of the verb alone (package data `event_patterns.json`)."""
    cameo_phrasal: Mapping[str, str]
    """PETRARCH-2's multi-word verbs ('ask for') -> CAMEO code."""
    cameo_patterns: tuple[Mapping[str, str], ...]
    """PETRARCH-2's pattern blocks: what follows the verb ('aid', 'financial_aid', '(for help)') -> CAMEO code."""
    cameo_blocks: Mapping[str, tuple[int, ...]]
    """A verb's lemma -> its pattern blocks."""
    cameo_sets: Mapping[str, tuple[str, ...]]
    """A word -> the synonym sets of the patterns it is in ('rifle' -> '&weapon')."""
    known: frozenset[str]
    """Every word that can trigger an event (verbs, nouns, light verbs, object-rule verbs, phrasal verbs' first word):
    a lemma the model gets wrong is mended only towards these."""


def load_lexicon() -> EventLexicon:
    """The project's event lexicon (package data)."""
    data = load_json("events.json")
    _check(data)
    scores = {k: (int(v["quad"]), float(v["intensity"])) for k, v in data["types"].items()}
    scores |= {k: (int(v["quad"]), float(v["intensity"])) for k, v in data["variants"].items()}
    words = {name: frozenset(data[name]) for name in _WORD_SETS}
    preps = {f"{kind}_preps": frozenset(found) for kind, found in data["prepositions"].items()}
    pronouns = data["pronouns"]
    cameo = load_json("event_patterns.json")
    bad = {v[0] for v in cameo["cameo"].values()} - set(EVENT_TYPES) - set(data["variants"]) - {"NONE"}
    if bad:
        raise NewsgraphError(f"event_patterns.json: unknown labels {sorted(bad)}")
    return EventLexicon(
        scores=MappingProxyType(scores),
        verbs=data["verbs"],
        phrasal=data["phrasal"],
        nouns=data["nouns"],
        gated_nouns=data["gated_nouns"],
        noun_modifiers=data["noun_modifiers"],
        object_rules=data["object_rules"],
        object_classes=MappingProxyType({w: cls for cls, found in data["object_classes"].items() for w in found}),
        first_person=frozenset(pronouns["first_person"]),
        third_person=frozenset(pronouns["third_person"]),
        neuter_pronouns=frozenset(pronouns["neuter"]),
        speaker_pronouns=frozenset(pronouns["speaker"]),
        peacekeeping_stem=data["peacekeeping_stem"],
        cameo=MappingProxyType({k: (v[0], v[1]) for k, v in cameo["cameo"].items()}),
        cameo_verbs=cameo["verbs"],
        cameo_phrasal=cameo["phrasal"],
        cameo_patterns=cameo["patterns"],
        cameo_blocks=cameo["block_of"],
        cameo_sets=cameo["sets"],
        known=frozenset(
            set(data["verbs"]) | set(data["nouns"]) | set(data["light_verbs"]) | set(data["object_rules"])
            | {p.split()[0] for p in data["phrasal"]}
        ),  # fmt: skip
        **words,
        **preps,
    )


_WORD_SETS = (
    "light_verbs", "intent_light_verbs", "military_modifiers", "intent_verbs", "speculation_verbs", "negating_verbs",
    "statement_verbs", "modal_aux", "future_aux", "reporting_verbs", "quantity_heads", "violent_things",
    "actor_nouns", "needs_target", "mutual", "motion_verbs", "convey_verbs", "particles", "document_nouns",
    "travel_words", "strike_modifiers", "obligation_modals", "joint_modifiers", "involving_verbs",
    "object_controlled_except", "conditional_marks", "verbal_modifiers", "figurative_verbs", "relational_nouns",
)  # fmt: skip


def _check(data: Any) -> None:
    """Every label of the lexicon is a PLOVER type, a variant or a marker (LIGHT, NONE)."""
    labels = list(data["verbs"].values()) + list(data["phrasal"].values()) + list(data["nouns"].values())
    labels += [x for rules in data["object_rules"].values() for x in rules.values()]
    known = set(data["types"]) | set(data["variants"]) | set(EVENT_TYPES) | {"LIGHT", "NONE"}
    unknown = {x for x in labels if x not in known and x.split(":")[0] not in EVENT_TYPES}
    if unknown or set(data["types"]) != set(EVENT_TYPES):
        raise NewsgraphError(f"events.json: unknown types {sorted(unknown)}")


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


def cameo_label(code: str, lex: EventLexicon) -> str:
    """The label of a CAMEO code in the project's CAMEO -> PLOVER table: its own row, else its nearest parent's
    ('0874' -> '087' -> '08'); NONE for a null code ('---') and for public statements (CAMEO 01)."""
    for n in range(len(code), 1, -1):
        row = lex.cameo.get(code[:n])
        if row is not None:
            return row[0]
    return "NONE"


def score(label: str, mode: str, lex: EventLexicon) -> tuple[str, int, float]:
    """(type, QuadClass, intensity) of a lexicon label ('REQUEST:appeal') in a mode."""
    kind = label.split(":")[0]
    quad, base = lex.scores.get(label, lex.scores[kind])
    return kind, quad, round(base * MODE_SCALE[mode], 1) + 0.0  # never -0.0
