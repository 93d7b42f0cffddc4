"""One options object, passed down through every stage. It checks itself when made: an option that cannot be
used is an OptionsError that says which and why, whoever made the object (the command line, a script, a server)."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, fields

from newsgraph.dates import parse_date
from newsgraph.errors import OptionsError

MODEL_MAX_CHARS = 1_000_000
"""The longest text spaCy's model reads at once: the upper bound of `chunk_chars`."""
MIN_CHUNK_CHARS = 100
"""The shortest piece a long text may be cut into (a piece must hold whole sentences)."""
MAX_INPUT_BYTES = 1_000_000_000
"""The upper bound of `max_bytes`: an input (a file, a download, a JSONL line) is held in memory whole, its text and
parse beside it. A bigger one is no article, and a bigger collection is JSONL, which is read a line at a time."""
MAX_BATCH = 10_000
"""The upper bound of `batch_size` and `spacy_batch_size`: a batch's articles and analyses are held in memory (up to
two batches per worker are in flight) and written in one transaction."""
MAX_REDIRECTS = 20
"""The upper bound of `max_redirects`, where browsers give up too: more is a loop."""
MAX_HTTP_TIMEOUT = 3600.0
"""The upper bound of `http_timeout`, in seconds: a page not had in an hour is not coming, and much larger numbers
do not fit the operating system's timers."""
WORKERS_PER_CORE = 4
"""The upper bound of `workers` and `n_process` is this many per core: each process loads the model, and more
processes than this only share the cores while each holds the model's memory."""
DASK_ADDRESS = re.compile(
    r"^(?:(?:tcp|tls|ws|wss|ucx|inproc)://)?"
    r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)"
    r"(?::(?P<port>\d{1,5}))?/?$"
)
"""A Dask scheduler's address: an optional protocol, a host name or address, an optional port."""


QUOTE_CONFIDENCE = 0.5
"""The least confidence of a quote that briefs, reports and comparisons read by default (docs/quotes.md)."""
FACT_CONFIDENCE = 0.6
"""The least confidence of a fact that `show`, the report and the web pages lead with (docs/compare.md)."""


@dataclass(frozen=True)
class Options:
    """Settings for a newsgraph run. Every stage reads what it needs from here."""

    # ingest
    max_bytes: int = 10_000_000
    """Inputs (files, downloads) larger than this are refused."""
    http_timeout: float = 20.0
    """Seconds for connecting, for each read, and for the whole download of one URL."""
    max_redirects: int = 5
    user_agent: str = "newsgraph/0.1 (+offline news analysis)"
    follow_feed_links: bool = True
    host_delay: float = 1.0
    """`newsgraph watch`: the least seconds between the end of one request to a host and the start of the next (one
    request at a time per host)."""
    """For feeds fetched from a URL: fetch each entry's page when the feed holds only a summary."""
    min_text_chars: int = 40
    """Articles whose cleaned text is shorter than this are refused as empty."""
    batch_size: int = 64
    """Articles analysed and committed together, in one transaction."""
    outlet: str | None = None
    """The outlet of articles whose input names none (`ingest --outlet`)."""
    published: str | None = None
    """The publication date of articles whose input gives none (`ingest --published`)."""
    dates_from_paths: bool = True
    """Take a file's date and outlet from its path when its text gives none (docs/ingest.md)."""

    # analyze
    spacy_batch_size: int = 32
    chunk_chars: int = 100_000
    """Texts longer than this are read by the model in pieces of at most this many characters, cut
    at paragraph or sentence ends (offsets stay those of the whole text); at most 1,000,000, the model's
    own limit."""
    n_process: int = 1
    """Passed to spaCy's `nlp.pipe` within one process (prefer `workers`, which keeps its processes for the run)."""
    workers: int = 1
    """Local worker processes that analyse batches (`ingest --workers N`); each loads the model once."""
    dask: str | None = None
    """The address of a Dask distributed scheduler to analyse on (`ingest --dask tcp://host:8786`), instead of
    local processes (the `dask` extra)."""
    names_file: str | None = None
    """The user's own names file (JSON: people, country forms, places; docs/places.md), added to the
    project's registry and gazetteer."""
    events: bool = True
    """Code political events (who did what to whom, PLOVER types; docs/events.md)."""
    embeddings: bool = True
    """Give each article a multilingual sentence embedding of its headline and lead, which story assignment reads
    beside its words, names and dates (docs/stories.md); off, stories are found from those alone."""
    place_demonyms: bool = False
    """Also list adjectival mentions ('Russian', 'Syrian') among an article's places."""
    cache_dir: str | None = None
    """Where derived indexes (the gazetteer's) are built once and kept; None: $NEWSGRAPH_CACHE_DIR,
    else $XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph."""

    # stories (online clustering)
    story_threshold: float = 0.2
    """Score (cosine to the story, decayed by days apart) an article needs to join a story."""
    story_window_days: float = 7.0
    """An article never joins a story whose articles are all further apart than this."""
    story_decay_days: float = 7.0
    """Days outside a story's dates over which its pull falls by a factor e."""
    merge_threshold: float = 0.3
    """Cosine at which two stories' vectors are taken as one story and merged."""
    split_threshold: float = 0.08
    """Mean cosine between two groups of a story's articles below which the story splits."""
    story_dense_floor: float = 0.7
    """Cosine of embeddings (article to story, story to story) below which meaning adds nothing to a story's score."""
    story_dense_weight: float = 0.5
    """What each unit of embedding cosine above `story_dense_floor` adds to the score of words, names and dates, for
    an article in a language of the story (0: such articles join by words alone)."""
    story_cross_weight: float = 4.0
    """The same for an article in a language none of the story's articles is in (where words say little)."""
    story_cross_floor: float = 0.4
    """`story_dense_floor` for an article in a language none of the story's articles is in."""

    quote_confidence: float = QUOTE_CONFIDENCE
    """Quotes below this confidence (0..1, docs/quotes.md) are stored and exported but left out of `show`, the
    report and the comparison: attitudes ('X wants ...') and quotations after a colon with no speaker named."""

    # compare
    compare: bool = True
    """Compare each changed story's coverage at the end of an ingest (its facts and provenance, docs/compare.md);
    off, stories stay uncompared until `newsgraph compare` (a brief then compares its story when it is read)."""
    fact_confidence: float = FACT_CONFIDENCE
    """Facts below this confidence (0..1) are counted but not listed by `show`, the report and the web pages ('3 weak
    facts left out'); the export keeps them all, with their confidence. Kept low: on ECB+'s report topics the facts of
    0.8 or more were no more often right than the others (docs/benchmarks.md, "Facts that hold"), so only what barely
    passed the alignment's rules (a happening whose statements are on average hardly closer than the joining cosine,
    a quote below 0.6) is left out."""

    def __post_init__(self) -> None:
        checks = (self._check_counts, self._check_most, self._check_seconds, self._check_thresholds, self._check_text)
        for check in checks:
            check()
        if self.published is not None:  # normalized to YYYY-MM-DD, as ingest reads a date
            object.__setattr__(self, "published", self._day(self.published))
        if self.outlet is not None:
            object.__setattr__(self, "outlet", " ".join(str(self.outlet).split()) or None)
        if self.dask is not None:
            self._check_dask(self.dask)
            object.__setattr__(self, "dask", self.dask.strip().removesuffix("/"))

    def _check_counts(self) -> None:
        least = {"max_bytes": 1, "max_redirects": 0, "min_text_chars": 0, "batch_size": 1, "spacy_batch_size": 1}
        least |= {"n_process": 1, "workers": 1}
        for name, low in least.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise OptionsError(f"{name} must be a whole number of at least {low}, not {value!r}")
        chunk = self.chunk_chars
        if isinstance(chunk, bool) or not isinstance(chunk, int) or not MIN_CHUNK_CHARS <= chunk <= MODEL_MAX_CHARS:
            raise OptionsError(
                f"chunk_chars must be between {MIN_CHUNK_CHARS:,} and {MODEL_MAX_CHARS:,} (the model's own limit), "
                f"not {self.chunk_chars!r}"
            )

    def _check_most(self) -> None:
        most = {"max_bytes": MAX_INPUT_BYTES, "max_redirects": MAX_REDIRECTS, "batch_size": MAX_BATCH}
        most |= {"spacy_batch_size": MAX_BATCH}
        for name, high in most.items():
            if (value := getattr(self, name)) > high:
                raise OptionsError(f"{name} must be a whole number of at most {high:,}, not {value!r}")
        processes = WORKERS_PER_CORE * (os.cpu_count() or 1)
        for name in ("workers", "n_process"):
            if (value := getattr(self, name)) > processes:
                said = f"at most {processes} on this machine ({WORKERS_PER_CORE} per core)"
                raise OptionsError(f"{name}: {said}, not {value}")

    def _check_seconds(self) -> None:
        timeout = self.http_timeout
        if not _number(timeout) or not 0 < timeout <= MAX_HTTP_TIMEOUT:
            raise OptionsError(
                f"http_timeout must be a positive number of seconds, at most {MAX_HTTP_TIMEOUT:,.0f}, not {timeout!r}"
            )
        if not _number(self.host_delay) or not 0 <= self.host_delay <= MAX_HTTP_TIMEOUT:
            raise OptionsError(
                f"host_delay must be a number of seconds from 0 to {MAX_HTTP_TIMEOUT:,.0f}, not {self.host_delay!r}"
            )
        for name in ("story_window_days", "story_decay_days"):
            value = getattr(self, name)
            if not _number(value) or not value > 0:
                raise OptionsError(f"{name} must be a positive number, not {value!r}")

    def _check_thresholds(self) -> None:
        names = ["story_threshold", "merge_threshold", "split_threshold"]
        names += ["story_dense_floor", "story_dense_weight", "story_cross_weight", "story_cross_floor"]
        for name in names:
            value = getattr(self, name)
            if not _number(value) or value < 0:
                raise OptionsError(f"{name} must be a number of at least 0 (a cosine; above 1: never), not {value!r}")
        for name in ("quote_confidence", "fact_confidence"):
            value = getattr(self, name)
            if not _number(value) or not 0 <= value <= 1:
                raise OptionsError(f"{name} must be a number from 0 to 1, not {value!r}")

    def _check_text(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("str | None", "str") and value is not None and not isinstance(value, str):
                raise OptionsError(f"{f.name} must be text, not {type(value).__name__}")

    @staticmethod
    def _day(published: str) -> str:
        day = parse_date(published)
        if day is None:
            raise OptionsError(
                f"published: {published[:60]!r} is not a date newsgraph reads (2016-02-01, 'Feb 1, 2016', ...)"
            )
        return day

    def _check_dask(self, address: str) -> None:
        m = DASK_ADDRESS.match(address.strip())
        if m is None or (m["port"] is not None and not 0 < int(m["port"]) < 65536):
            raise OptionsError(
                f"dask: {address[:80]!r} is not a Dask scheduler's address such as tcp://scheduler.example.org:8786"
            )
        if self.workers > 1:
            raise OptionsError("workers and dask: analyse on local workers or on a Dask cluster, not both")


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
