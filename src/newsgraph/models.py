"""Records that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


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


@dataclass
class Story:
    id: str
    title: str | None
    article_ids: list[str]
    outlets: list[str]
    first_published: str | None
    last_published: str | None


@dataclass
class IngestReport:
    """What one ingest run did."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Files met while walking a directory that are not of a supported kind."""

    @property
    def ok(self) -> bool:
        return not self.failures
