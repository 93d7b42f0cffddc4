"""One options object, passed down through every stage."""

from __future__ import annotations

from dataclasses import dataclass


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

    # compare
    compare: bool = True
    """Compare each changed story's coverage at the end of an ingest (its facts and provenance, docs/compare.md);
    off, stories stay uncompared until `newsgraph compare` (a brief then compares its story when it is read)."""
