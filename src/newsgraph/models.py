"""Records that flow between the pipeline stages."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from newsgraph.options import FACT_CONFIDENCE


@dataclass
class Article:
    """A cleaned article, ready for analysis."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    """Publication date as YYYY-MM-DD, or None when unknown."""
    language: str | None = None
    credited: list[str] = field(default_factory=list)
    """Wire agencies and authors credited in the byline, dateline or trailer."""
    source: str = ""
    """Where the article came from: a path, path:line, URL or feed entry."""
    content_hash: str = ""


@dataclass(frozen=True)
class Failure:
    """An input that could not be ingested, with the reason."""

    source: str
    reason: str
    input: str = ""
    """The input given to ingest (a file, folder, URL or '-') that `source` is in or is; '' for a failure found after
    reading (in analysis, in storage): an IngestReport lists the first FAILURES_LISTED of each input."""

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class AnalysisFailure:
    """An article whose analysis failed, in place of its analysis: the others of its batch go on."""

    article_id: str
    reason: str
    """One line: what failed ('analysis failed: ValueError: ...')."""

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Notice:
    """Something about an input that was stored anyway, worth one line to the user: a date that
    could not be read, say."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A named-entity mention; offsets are character offsets into the article text."""

    start: int
    end: int
    text: str
    label: str
    canonical: str | None = None
    """The actor it names, resolved: 'Kim' -> 'Kim Jong Un', 'the Kremlin' -> 'Russia'."""
    kind: str | None = None
    """'person' or 'country' when resolved."""
    country: str | None = None
    """ISO 3166 alpha-3 of a country, or of a person's country when a role phrase gives it."""
    role: str | None = None
    """A person's role from the words before the name ('foreign minister')."""
    sector: str | None = None
    """The actor's sector: 'government', 'military', 'police', 'rebels', 'opposition', 'business', 'media', 'igo',
    'ngo', ... (the actor table at the article's date, or the sector of a person's role; docs/data.md)."""
    actor: str | None = None
    """The actor table's name for the person a full name spells its own way ('Sergei Lavrov' -> 'Sergey Lavrov'):
    what cross-document linking keys the person by, so that two outlets' spellings are one entity, while the name
    shown stays the articles' (`canonical`). Not stored: linking reads it when the article is stored."""


@dataclass(frozen=True)
class Timex:
    """A time expression: TIMEX3 type (DATE, TIME, DURATION, SET) and normalized value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Place:
    """A toponym resolved to a gazetteer entry: a country code and a point."""

    start: int
    end: int
    text: str
    name: str
    """The gazetteer's name for it: 'Pyongyang', 'Vostochny Cosmodrome', 'North Korea'."""
    feature: str
    """country, admin1 (state, province), admin2 (county, district), city, region or facility."""
    country: str | None
    """ISO 3166 alpha-3; None for places across borders (continents, oceans)."""
    lat: float
    lon: float
    adjectival: bool = False
    """Named by a demonym ('Russian'): only when Options.place_demonyms is set."""


QUOTE_KINDS = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("person", "organization", "country", "media", "anonymous")
STANCES = ("asserts", "denies")


@dataclass(frozen=True)
class Quote:
    """An attribution in one article: who said (wrote, claimed, denied) what. Offsets are character
    offsets into the article's text; `start`/`end` span the content."""

    start: int
    end: int
    text: str
    kind: str
    """'direct' (in quotation marks), 'indirect' (reported speech) or 'mixed' (reported speech with a
    quoted part)."""
    cue: str | None = None
    """The reporting verb or phrase: 'said', 'told reporters', 'according to', 'denied'."""
    cue_start: int | None = None
    cue_end: int | None = None
    source_start: int | None = None
    """The span that names the speaker in this article ('he', 'Lavrov', 'officials')."""
    source_end: int | None = None
    speaker: str | None = None
    """The speaker: a canonical actor ('Sergei Lavrov', 'United States'), or the words an anonymous
    source is given ('officials')."""
    speaker_kind: str | None = None
    """One of SPEAKER_KINDS."""
    speaker_mention: int | None = None
    """Index in `Analysis.mentions` of the mention that names the speaker (a pronoun's antecedent):
    its entity, from cross-document linking, is the speaker's id."""
    via: str | None = None
    """The medium that carried the words when the speaker is someone else ('RIA Novosti')."""
    stance: str = "asserts"
    """'asserts' or 'denies' (a denial, rejection or dismissal of a claim)."""
    denies: int | None = None
    """Index in `Analysis.quotes` of the claim in the same article this quote denies."""
    hedged: bool = False
    """The attribution is hedged: 'likely', 'reportedly', 'may have'."""
    confidence: float = 1.0
    """How sure the analysis is that this is an attribution with this speaker, 0..1, by the construction that found
    it (docs/quotes.md, "Confidence"): a speech verb with its subject is surer than an attitude ('X wants ...') or a
    quotation after a colon. `show`, the report and the comparison read the quotes at or above
    `Options.quote_confidence`; export gives them all."""


EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
"""PLOVER's sixteen event types."""
EVENT_MODES = ("asserted", "negated", "hypothetical", "attributed")
"""How the text gives an event: as fact, as not having happened, as intended, feared, possible or future
('hypothetical', PLOVER's hypothetical/future), or as someone's claim ('attributed', with its claimant)."""


@dataclass(frozen=True)
class Event:
    """Who did what to whom, in one sentence of one article: a PLOVER event. Offsets are character offsets
    into the article's text; `start`/`end` span the sentence, `trigger_start`/`trigger_end` the words that
    name the event ('met', 'lashed out at', 'drills')."""

    start: int
    end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    type: str
    """One of EVENT_TYPES."""
    quad_class: int
    """GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    intensity: float
    """Cooperation (+10) to conflict (-10), from the event's type and trigger, scaled by its mode (docs/events.md)."""
    mode: str = "asserted"
    """One of EVENT_MODES."""
    source: str | None = None
    """The actor who acts: a canonical name ('Sergei Lavrov', 'Russia'), else the words of the text
    ('protesters')."""
    source_mention: int | None = None
    """Index in `Analysis.mentions` of the mention naming the source: its entity, from cross-document
    linking, is the source's id."""
    source_country: str | None = None
    """ISO 3166 alpha-3 of the source (a person's country when the text gives it)."""
    target: str | None = None
    target_mention: int | None = None
    target_country: str | None = None
    date: str | None = None
    """YYYY-MM-DD (or YYYY-MM, YYYY): the sentence's date, else the article's publication date."""
    place: str | None = None
    """Where: the gazetteer's name of a place the sentence names, else None."""
    place_country: str | None = None
    claimant: str | None = None
    """Who claims it, for an attributed event: the speaker of the quote it is part of."""
    claimant_quote: int | None = None
    """Index in `Analysis.quotes` of that quote."""
    main: bool = True
    """The sentence reports it: its trigger is in the main clause (or in what the main clause reports), not in a
    relative or adverbial clause that gives background ('farmers who were killed in ...')."""


def quote_id(article_id: str, idx: int) -> str:
    """A stored quote's id: its article's id and its position in that article's quotes ('a1:q0')."""
    return f"{article_id}:q{idx}"


def event_id(article_id: str, idx: int) -> str:
    """A stored event's id: its article's id and its position in that article's events ('a1:e0')."""
    return f"{article_id}:e{idx}"


@dataclass
class Analysis:
    """What the analysis of one article produced. Pure data: no database handles."""

    article_id: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    model: str = ""
    times: list[Timex] = field(default_factory=list)
    """Time expressions, normalized against the article's publication date."""
    places: list[Place] = field(default_factory=list)
    """Toponyms resolved to a gazetteer entry."""
    quotes: list[Quote] = field(default_factory=list)
    """Attributions: direct quotes, reported speech, claims and denials, with their speakers."""
    events: list[Event] = field(default_factory=list)
    """Political events: who did what to whom, when and where (PLOVER types)."""
    lemmas: list[tuple[int, str]] = field(default_factory=list)
    """(offset, lemma) of each content word, in text order: the words comparison matches wordings by (`Lemmas`)."""
    embedding: Embedding | None = None
    """What the article is about as a multilingual sentence embedding of its headline and lead (None: embeddings
    off)."""


@dataclass(frozen=True)
class Lemmas:
    """An article's content words by where they are, as spaCy's lemmas ('wanted', 'wants' -> 'want'): the words of
    any span of it. The one way newsgraph compares wordings (quotes, events, the sentences of numbers)."""

    starts: tuple[int, ...]
    words: tuple[str, ...]

    @classmethod
    def of(cls, found: Iterable[tuple[int, str]]) -> Lemmas:
        pairs = sorted((int(at), str(word)) for at, word in found)
        return cls(tuple(at for at, _ in pairs), tuple(word for _, word in pairs))

    def within(self, start: int, end: int) -> frozenset[str]:
        """The lemmas of the content words that start in [start, end)."""
        return frozenset(self.words[bisect_left(self.starts, start) : bisect_left(self.starts, end)])

    def at(self, start: int) -> str | None:
        """The lemma of the content word that starts at `start`, if one does."""
        i = bisect_left(self.starts, start)
        return self.words[i] if i < len(self.starts) and self.starts[i] == start else None


@dataclass
class Story:
    id: str
    title: str | None
    article_ids: list[str]
    outlets: list[str]
    first_published: str | None
    last_published: str | None


@dataclass(frozen=True)
class Entity:
    """A canonical entity: a person, a country, or another named thing, with what its mentions say of it."""

    id: str
    name: str
    type: str
    """person, country, organization, geopolitical, location, facility, group, event, product, law, work"""
    country: str | None
    """ISO 3166 alpha-3 (a person's country when a role phrase gives it)."""
    role: str | None
    aliases: list[str]
    """Its name first, then every other form its mentions take, most used first."""
    mentions: int = 0
    sector: str | None = None
    """'government', 'military', 'police', 'rebels', 'opposition', 'business', 'media', 'igo', 'ngo', ...: the one
    its mentions give most often (docs/data.md)."""


FAILURES_LISTED = 100
"""Failures of one input an IngestReport lists one by one; the others of that input are counted by reason."""
REASONS_COUNTED = 20
"""Kinds of reason counted apart for one input; the others are counted as 'other reasons'."""
_NUMBER = re.compile(r"(?<![\w-])\d[\d,]*")


def reason_kind(reason: str) -> str:
    """What a failure's reason says without its particulars: the text before its first ': ', numbers as N
    ('malformed JSON: Expecting value (column 1)' -> 'malformed JSON', 'invalid UTF-8 at byte 7' -> 'invalid UTF-8 at
    byte N')."""
    return _NUMBER.sub("N", reason.split(": ", 1)[0])[:80]


@dataclass
class IngestReport:
    """What one ingest run did. Its memory does not grow with the failures of one input: `failures` lists the first
    FAILURES_LISTED of each input, and `more_failures` counts the others by reason."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    """The failures, the first FAILURES_LISTED of each input (`Failure.input`); `failed` counts them all."""
    skipped: list[str] = field(default_factory=list)
    """Files met while walking a directory that are not of a supported kind."""
    warnings: list[Notice] = field(default_factory=list)
    """Inputs stored with something left out (an unreadable date), one line each."""
    more_failures: dict[str, Counter[str]] = field(default_factory=dict)
    """For each input with more than FAILURES_LISTED failures, the others, counted by `reason_kind` (at most
    REASONS_COUNTED kinds, then 'other reasons')."""
    _listed: Counter[str] = field(default_factory=Counter, repr=False, compare=False)

    def add_failure(self, failure: Failure) -> bool:
        """Add a failure: listed in `failures` while its input has fewer than FAILURES_LISTED there, else counted in
        `more_failures`. Whether it was listed."""
        if self._listed[failure.input] < FAILURES_LISTED:
            self._listed[failure.input] += 1
            self.failures.append(failure)
            return True
        counted = self.more_failures.setdefault(failure.input, Counter())
        kind = reason_kind(failure.reason)
        counted[kind if kind in counted or len(counted) < REASONS_COUNTED else "other reasons"] += 1
        return False

    @property
    def failed(self) -> int:
        """Failures in all: those listed and those counted."""
        return len(self.failures) + sum(sum(c.values()) for c in self.more_failures.values())

    @property
    def ok(self) -> bool:
        return not self.failed



# --- records the stages hand to the store, and the store hands back --------------------------------


@dataclass(frozen=True)
class Reuse:
    """A reprint link: `article_id` reprints `reuse_of` (the first text of its chain)."""

    article_id: str
    reuse_of: str
    overlap: float


@dataclass(frozen=True)
class StoredText:
    """A stored article as reprint detection sees it."""

    id: str
    text: str
    published: str | None
    reuse_of: str | None
    outlet: str | None


@dataclass(frozen=True)
class EntityRef:
    """An entity a link plan makes sure exists: its id, type and, for people, the words of the name
    (indexed, so that a single name can find the full names it is part of)."""

    id: str
    type: str
    tokens: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relink:
    """Every stored single-name person mention named `name` ('Lavrov') now names `entity_id`."""

    name: str
    entity_id: str


@dataclass
class LinkPlan:
    """What cross-document linking decided for a batch of analyses, applied by the store in the
    batch's transaction."""

    entities: list[EntityRef] = field(default_factory=list)
    mention_entities: dict[str, list[str | None]] = field(default_factory=dict)
    """article id -> the entity of each of its analysis' mentions, in order (None: no entity)."""
    relinks: list[Relink] = field(default_factory=list)
    term_renames: list[tuple[str, str]] = field(default_factory=list)
    """(old, new) story-index terms: stories indexed under an entity merged into another."""
    drop_if_unused: list[str] = field(default_factory=list)
    """Entities to delete when no mention names them any more."""


@dataclass(frozen=True)
class MentionStat:
    """How often an entity's mentions take one combination of surface, resolved name, role and country."""

    entity_id: str
    type: str
    text: str
    name: str | None
    role: str | None
    country: str | None
    count: int
    sector: str | None = None


@dataclass
class PendingArticle:
    """An article waiting for its story, as the clustering sees it."""

    id: str
    title: str | None
    text: str
    language: str | None
    published: str | None
    entity_ids: list[str]
    dates: list[str] = field(default_factory=list)
    """normalized DATE values of its time expressions"""
    embedding: Embedding | None = None
    """its headline and lead as a multilingual sentence embedding, when analysis made one"""
    countries: list[str] = field(default_factory=list)
    """the country of each place it names (adjectives aside), in text order"""
    url: str | None = None
    reuse_of: str | None = None
    """the article whose text it reprints (newsgraph.stories.reprints), when known"""


@dataclass
class StoryState:
    """A story as the story index keeps it: its strongest terms, size, days and members."""

    id: str
    terms: dict[str, float]
    size: int
    first_day: int | None
    last_day: int | None
    members: list[str] = field(default_factory=list)
    profile: StoryProfile | None = None
    """its members' embeddings summed, when the store has them (newsgraph.vectors)"""


@dataclass(frozen=True)
class StoryChange:
    """One recorded change to the stories: created, merged or split."""

    kind: str
    story_id: str
    other_id: str | None
    article_ids: list[str]


@dataclass
class StoryPlan:
    """What one run of the clustering changed, written by the store in one transaction."""

    stories: dict[str, StoryState] = field(default_factory=dict)
    """stories to write, with the terms to index them under"""
    assignments: dict[str, str] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    changes: list[StoryChange] = field(default_factory=list)
    titles: dict[str, tuple[str, float]] = field(default_factory=dict)
    """story id -> (article id of its representative headline, that article's cosine to the story)"""
    new_terms: Counter[str] = field(default_factory=Counter)
    """document-frequency increments"""
    docs_added: int = 0

    def changed(self) -> list[str]:
        """The stories whose articles this plan changes (joined, moved by a merge or a split), not removed ones:
        their comparison is stale once the plan is written."""
        ids = set(self.assignments.values()) | {c.story_id for c in self.changes}
        ids |= {c.other_id for c in self.changes if c.kind == "split" and c.other_id}
        return sorted(ids - self.removed)


# --- a story's brief (Newsgraph.brief) ------------------------------------------------------------


@dataclass(frozen=True)
class BriefArticle:
    id: str
    published: str | None
    outlet: str | None
    title: str | None
    credited: list[str]
    language: str | None
    url: str | None
    reprint_of: str | None
    """The article it reprints (the first text of the chain), or None."""
    reprint_overlap: float | None


@dataclass(frozen=True)
class ReprintGroup:
    """Articles of the story that reprint one text."""

    original_id: str
    source: str | None
    """Who the text is from: the wire agency it credits, else its outlet ('AFP')."""
    kind: str
    """'dispatch' (a wire agency's), 'article', or 'text' when the original is not in the story."""
    copies: list[str]


@dataclass(frozen=True)
class HistoryEntry:
    """A merge or split of the story, from the story log."""

    at: str
    kind: str
    story_id: str
    other_id: str | None
    article_ids: list[str]


@dataclass(frozen=True)
class PlaceCount:
    name: str
    country: str | None
    feature: str
    lat: float
    lon: float
    mentions: int


@dataclass(frozen=True)
class DateCount:
    value: str
    mentions: int


@dataclass(frozen=True)
class BriefQuote:
    """One quote of a story's article, as a brief shows it under its speaker."""

    id: str
    """The quote's id in the export (`article_id:qN`)."""
    article_id: str
    outlet: str | None
    text: str
    kind: str
    """direct, indirect or mixed"""
    cue: str | None
    via: str | None
    stance: str
    """asserts or denies"""
    hedged: bool
    denies: str | None = None
    """The text of the quote it denies (in the same article), if any."""
    denies_speaker: str | None = None
    """Who said what it denies."""


@dataclass(frozen=True)
class SpeakerQuotes:
    """A speaker's quotes in a story: one entity (its quotes from every article, whatever each called it), or
    one unresolved speaker ('officials') by its words and kind."""

    speaker: str | None
    """The entity's name, else the words the article gives; None when no speaker was found."""
    speaker_id: str | None
    kind: str | None
    """person, organization, country, media or anonymous"""
    quotes: list[BriefQuote]


# --- what a story's outlets agree on (compare/facts.py) ---------------------------------------------

UNKNOWN_OUTLET = "unknown outlet"
"""How outputs name the outlet of an article that has none (its id is in the evidence, never among the outlets)."""


def outlet_name(outlet: str | None, article_ids: Iterable[str] = ()) -> str:
    """An outlet as outputs name it: UNKNOWN_OUTLET for none, and for one of `article_ids` (the articles of the fact
    it is an outlet of: comparisons stored before named an article with no outlet by its id)."""
    return outlet if outlet and outlet not in set(article_ids) else UNKNOWN_OUTLET


@dataclass(frozen=True)
class Evidence:
    article_id: str
    start: int
    end: int
    part: str = "text"
    """Where the offsets point: "text" (the article's text) or "title" (its headline: a happening its title states)."""


@dataclass(frozen=True)
class Variant:
    """How one article gives a fact."""

    article_id: str
    outlet: str | None
    text: str
    stance: str = "asserts"
    """'asserts', or 'denies' for a denial"""
    distance: float = 0.0
    """How far its wording is from the fact's first wording: 0 the same words, 1 none in common."""


@dataclass(frozen=True)
class Fact:
    kind: str
    """quote, event, happening (what several articles report in other words), quantity or date"""
    text: str
    """The fact in words: its first wording (a quote's text, an event's sentence, '1,000 containers')."""
    status: str
    """corroborated, single_source or conflicting"""
    article_ids: list[str]
    outlets: list[str]
    """The independent sources that report it: outlets, and a wire agency once for all copies of its dispatch."""
    variants: list[Variant] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    who: str | None = None
    """The speaker of a quote, the source of an event."""
    confidence: float = 1.0
    """How sure the alignment is that its wordings say one thing (0-1), from the slots its wordings agree on (the
    same speaker, actors, number, date) and how close their meanings are; a one-wording fact is as sure as its
    record. Outputs lead with facts of at least `Options.fact_confidence`; the export keeps all."""
    agreed: list[str] = field(default_factory=list)
    """The slots its wordings were checked on and agree on ('meaning', 'speaker', 'actors', 'number', 'date')."""


@dataclass(frozen=True)
class Provenance:
    """Where one article's information comes from, as it says itself."""

    article_id: str
    outlet: str | None
    credited: list[str]
    """wire agencies and authors its byline, dateline or trailer credits ('AFP')"""
    media: list[str]
    """media it cites for words it reports ('KCNA', 'RIA Novosti', 'state media')"""
    quoted: list[str]
    """the speakers it quotes (people, governments, organizations, anonymous sources), most quoted first"""
    reprint_of: str | None
    """the article whose text it reprints, if any"""


@dataclass(frozen=True)
class StoryBrief:
    """One story, as `newsgraph show` prints it: articles, reprints, history, actors, places, dates, quotes."""

    story: Story
    articles: list[BriefArticle]
    reprints: list[ReprintGroup]
    history: list[HistoryEntry]
    actors: list[Entity]
    """people, countries and organizations it names, most mentioned first (`mentions` counts the story's)"""
    places: list[PlaceCount]
    """places other than countries, most named first"""
    dates: list[DateCount]
    """resolved dates its articles name, most named first"""
    quotes: list[SpeakerQuotes] = field(default_factory=list)
    """who said what: the quotes of its articles by speaker, the speaker with most quotes first"""
    events: list[RelationEvent] = field(default_factory=list)
    """who did what to whom: the events of its articles in date order (undated last)"""
    facts: list[Fact] = field(default_factory=list)
    """what its outlets agree on, what only one reports, where they conflict: conflicts first"""
    provenance: list[Provenance] = field(default_factory=list)
    """what each article credits and cites, in the order of `articles`"""
    comparison_stale: bool = False
    """the facts and provenance are not of the story as it is now: it changed since they were compared (or was
    never compared): the compare stage (`newsgraph compare`, any ingest) makes them anew"""
    compared_at: str | None = None
    """when the facts and provenance shown were compared (None: never)"""
    languages: list[str] = field(default_factory=list)
    """the languages its articles are in, that of most articles first (unknown ones left out)"""
    fact_confidence: float = FACT_CONFIDENCE
    """the least confidence of the facts `show` and the report list (`Options.fact_confidence`): `facts` holds them
    all, each with its `confidence`, the confident ones first within each status; `show` and the report count those
    below ('3 weak facts left out') instead of listing them"""


@dataclass(frozen=True)
class Comparison:
    """A story's comparison as computed for one revision of the story (its articles at that time): the facts its
    outlets agree on, report alone or contradict, and each article's provenance."""

    story_id: str
    revision: int
    """the story's revision it was computed for: stale once the story's articles change"""
    facts: list[Fact]
    provenance: list[Provenance]
    computed_at: str | None = field(default=None, compare=False)
    """when it was stored (a comparison read back; not part of what it says, so not compared)"""
    stale: bool = field(default=False, compare=False)
    """read back for a story that changed since (its `revision` is not the story's now)"""

    def as_json(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(facts, provenance) as the export's JSON (docs/export.md)."""
        return [asdict(f) for f in self.facts], [asdict(p) for p in self.provenance]

    @staticmethod
    def from_json(
        story_id: str,
        revision: int,
        facts: list[dict[str, Any]],
        provenance: list[dict[str, Any]],
        computed_at: str | None = None,
        stale: bool = False,
    ) -> Comparison:
        return Comparison(
            story_id,
            revision,
            [
                Fact(
                    **{k: v for k, v in f.items() if k not in ("variants", "evidence")},
                    variants=[Variant(**v) for v in f.get("variants", [])],
                    evidence=[Evidence(**e) for e in f.get("evidence", [])],
                )
                for f in facts
            ],
            [Provenance(**p) for p in provenance],
            computed_at,
            stale,
        )


# the records of relations between actors live in their own module; these names are theirs here too
from newsgraph.relation_records import ActorActivity as ActorActivity  # noqa: E402
from newsgraph.relation_records import Dyad as Dyad  # noqa: E402
from newsgraph.relation_records import Relation as Relation  # noqa: E402
from newsgraph.relation_records import RelationEvent as RelationEvent  # noqa: E402
from newsgraph.relation_records import RelationPoint as RelationPoint  # noqa: E402
from newsgraph.vectors import Embedding as Embedding  # noqa: E402
from newsgraph.vectors import StoryProfile as StoryProfile  # noqa: E402
from newsgraph.watch_records import WatchRecord as WatchRecord  # noqa: E402
from newsgraph.watch_records import WatchRound as WatchRound  # noqa: E402
