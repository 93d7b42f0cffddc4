"""`newsgraph serve --watch`: the watcher in a thread of the server, with its own connection to the database. Each
round is an ordinary `Newsgraph.watch` round (docs/ingest.md); what it stores appears on the next request like any
other writer's. The server's shutdown (SIGINT, SIGTERM) asks it to stop and waits until what the round under way read
is stored."""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass

from newsgraph.api import Newsgraph
from newsgraph.ingest.watch import Stop
from newsgraph.models import WatchRound
from newsgraph.options import Options

log = logging.getLogger("newsgraph.serve")
ROUNDS_KEPT = 50


@dataclass(frozen=True)
class RoundSummary:
    """One round of this server's watcher, as /status and /api/v1/status show it."""

    started: str
    new_articles: int
    duplicates: int
    failures: int
    sources: int
    """Sources read in the round."""
    waiting: int
    """Sources left out, waiting out their backoff."""
    stopped: bool


def summary(found: WatchRound) -> RoundSummary:
    report = found.report
    return RoundSummary(found.started, len(report.ingested), len(report.duplicates), len(report.failures),
                        len(found.records), len(found.waiting), found.stopped)  # fmt: skip


class Watcher:
    """Runs `Newsgraph.watch(sources_file, every)` in a daemon thread until `stop`; keeps the last ROUNDS_KEPT
    rounds' summaries."""

    def __init__(self, db: str, options: Options | None, sources_file: str, every: float, every_text: str) -> None:
        self.db, self.options, self.sources_file = db, options, sources_file
        self.every, self.every_text = every, every_text
        self.rounds: deque[RoundSummary] = deque(maxlen=ROUNDS_KEPT)
        self.error: str | None = None
        self._stop = Stop()
        self._thread = threading.Thread(target=self._run, name="newsgraph-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            with Newsgraph(self.db, self.options, create=False) as ng:
                for found in ng.watch(self.sources_file, self.every, stop=self._stop):
                    self.rounds.append(summary(found))
                    log.info("watch round: %d new articles, %d failures", len(found.report.ingested),
                             len(found.report.failures))  # fmt: skip
        except Exception as exc:  # the server goes on answering; /status says the watcher stopped and why
            self.error = f"{type(exc).__name__}: {exc}"
            log.exception("the watcher stopped")

    def stop(self, wait: float = 60.0) -> None:
        """Ask the round under way to end once what it read is stored, and wait for it (at most `wait` seconds)."""
        self._stop.request()
        if self._thread.is_alive():
            self._thread.join(wait)
