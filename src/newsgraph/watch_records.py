"""Records of `newsgraph watch` (`Newsgraph.watch`, `Newsgraph.watch_status`); `newsgraph.models` gives them with the
other records that flow between the stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.models import IngestReport


@dataclass(frozen=True)
class WatchRecord:
    """One source of `newsgraph watch` and how its last round went (the store's `watch_sources` row): what `serve`
    and any other process read as the watcher's status, and what the next round sends and decides from."""

    source: str
    """The line of the sources file: a feed's or a page's URL, a file or a folder."""
    checked_at: str
    """When the round that read it started (ISO 8601, UTC)."""
    status: int | None = None
    """The HTTP status of its answer (304: not modified); None for a file or folder, or when no answer came."""
    new_articles: int = 0
    duplicates: int = 0
    failed: int = 0
    """Its failures in that round (the source itself or some of its entries)."""
    failure: str | None = None
    """Why the source itself could not be read, when it could not (one line); None when it could."""
    etag: str | None = None
    last_modified: str | None = None
    """The validators the next round sends (If-None-Match, If-Modified-Since)."""
    failures_in_a_row: int = 0
    """Rounds in a row in which the source itself could not be read (what its backoff grows with)."""
    next_at: str | None = None
    """The earliest time the source is read again (ISO 8601, UTC); None: the next round."""


@dataclass
class WatchRound:
    """What one round of `newsgraph watch` did: the ordinary ingest's report, the records of the sources it read, the
    sources left out for their backoff, and whether a stop request ended it early."""

    report: IngestReport
    records: list[WatchRecord] = field(default_factory=list)
    waiting: list[WatchRecord] = field(default_factory=list)
    """The sources in backoff, not read this round (their records as they were)."""
    started: str = ""
    """When the round started (ISO 8601, UTC)."""
    stopped: bool = False
    """A stop (SIGINT, SIGTERM) came during the round: what was read is stored, the sources not read yet are not
    recorded."""

    @property
    def failed_sources(self) -> list[WatchRecord]:
        return [r for r in self.records if r.failure is not None]
