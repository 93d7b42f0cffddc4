"""The attribution lexicon (package data `newsgraph/data/attribution.json`, docs/quotes.md): the words of who said
what, as read-only data that travels in the analysis context (`newsgraph.analyze.lexicons`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from newsgraph.resources import load_json


@dataclass(frozen=True)
class AttributionLexicon:
    reporting: frozenset[str]
    """Verbs of saying ('said', 'told', 'insisted'), and of thinking ('believes'; `cognition`)."""
    cognition: frozenset[str]
    """The reporting verbs of thought rather than speech ('believes', 'expects'): a claim less sure to be one."""
    attitudes: frozenset[str]
    """Verbs of attitude and intention ('wants', 'supports', 'refused'): reported, at low confidence."""
    prepositional: Mapping[str, frozenset[str]]
    """Verbs whose cue goes on with a preposition, and its object is the content ('called for', 'talked about')."""
    naming: frozenset[str]
    """Verbs that name what a speaker called someone ('called him a liar'): the object and what it is called are the
    content."""
    passives: frozenset[str]
    """Verbs whose passive attributes a claim to no one ('Obama is expected to join', 'is believed to')."""
    findings: frozenset[str]
    """Verbs by which polls, reports and records tell what they found ('Polls show Clinton up by 10 points'): the
    object and the words that go with it are the content."""
    tag_only: frozenset[str]
    """Verbs that report words only as the tag of a quotation ('"...," he continued'), not with a complement."""
    confidence: Mapping[str, float]
    """The confidence of each construction an attribution is found by (docs/quotes.md, "Confidence")."""
    object_verbs: frozenset[str]
    """Verbs whose direct object is what was said ('announced a ceasefire')."""
    denial_verbs: frozenset[str]
    denial_forms: frozenset[str]
    """The denial verbs in every form a cue may take: deny, denies, denied, denying."""
    denial_phrases: tuple[str, ...]
    claim_nouns: frozenset[str]
    hedges: frozenset[str]
    hedge_adverbs: frozenset[str]
    """Adverbs that hedge the whole sentence they are in ('reportedly')."""
    media: Mapping[str, str]
    """casefolded name -> name"""
    media_heads: frozenset[str]
    anonymous_heads: frozenset[str]
    pronouns: Mapping[str, str]
    collective_nouns: frozenset[str]
    """Nouns that introduce a name as an organization ('analysts Beyond Parallel', 'the think tank')."""
    person_nouns: frozenset[str]
    """Nouns by which a source refers back to the last person named ('the minister')."""
    not_speakers: frozenset[str]
    """Labels before a colon in a headline that are no speaker ('UPDATE: ...', 'Watch: ...')."""
    postmodifier_prepositions: tuple[str, ...]
    """Prepositions that end a source's head noun phrase ('a spokesman at Burchardkai', 'a source close to')."""



def inflections(verb: str) -> set[str]:
    """A regular English verb's forms: deny -> deny, denies, denied, denying; dispute -> disputes,
    disputed, disputing; reject -> rejects, rejected, rejecting."""
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    forms = {verb, verb + "ed", verb + "ing", verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")}
    return forms



def load_lexicon() -> AttributionLexicon:
    """The project's attribution lexicon (package data)."""
    data = load_json("attribution.json")
    return AttributionLexicon(
        reporting=frozenset(data["reporting_verbs"] + data["reporting_verbs_ggt"] + data["cognition_verbs"]),
        cognition=frozenset(data["cognition_verbs"]),
        attitudes=frozenset(data["attitude_verbs"]),
        prepositional=MappingProxyType({v: frozenset(p) for v, p in data["prepositional_cues"].items()}),
        naming=frozenset(data["naming_verbs"]),
        passives=frozenset(data["speakerless_passives"]),
        findings=frozenset(data["finding_verbs"]),
        tag_only=frozenset(data["tag_only_verbs"]),
        confidence=MappingProxyType(dict(data["confidence"])),
        object_verbs=frozenset(data["content_object_verbs"]),
        denial_verbs=frozenset(data["denial_verbs"]),
        denial_forms=frozenset(f for v in data["denial_verbs"] for f in inflections(v)),
        denial_phrases=tuple(data["denial_phrases"]),
        claim_nouns=frozenset(data["claim_nouns"]),
        hedges=frozenset(data["hedges"]),
        hedge_adverbs=frozenset(data["hedge_adverbs"]),
        media=MappingProxyType({m.casefold(): m for m in data["media"]}),
        media_heads=frozenset(data["media_heads"]),
        anonymous_heads=frozenset(data["anonymous_heads"]),
        pronouns=data["pronouns"],
        collective_nouns=frozenset(data["collective_nouns"]),
        person_nouns=frozenset(data["person_nouns"]),
        not_speakers=frozenset(data["not_speakers"]),
        postmodifier_prepositions=tuple(data["postmodifier_prepositions"]),
    )
