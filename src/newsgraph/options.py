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
    """Seconds for connecting and for each read when fetching a URL."""
    max_redirects: int = 5
    user_agent: str = "newsgraph/0.1 (+offline news analysis)"
    follow_feed_links: bool = True
    """For feeds fetched from a URL: fetch each entry's page when the feed holds only a summary."""
    min_text_chars: int = 40
    """Articles whose cleaned text is shorter than this are refused as empty."""
    batch_size: int = 64
    """Articles analysed and committed together, in one transaction."""

    # analyze
    spacy_batch_size: int = 32
    n_process: int = 1

    # stories (first grouping; replaced by the online clustering of the stories issue)
    story_threshold: float = 0.22
    """TF-IDF cosine an article needs with a story's article to join it."""
    story_window_days: float = 4.0
    """Articles further apart in publication time never join one story."""
