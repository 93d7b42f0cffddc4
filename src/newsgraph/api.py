"""The public Python API: open a database, ingest sources, read stories, export."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from newsgraph.analyze import analyze
from newsgraph.analyze.registry import load as load_registry
from newsgraph.ingest.article import content_hash
from newsgraph.ingest.metadata import is_wire
from newsgraph.ingest.sources import Item, Skipped, read_sources
from newsgraph.models import Article, Failure, IngestReport, Story
from newsgraph.options import Options
from newsgraph.store.db import Store
from newsgraph.stories import reprints
from newsgraph.stories.online import OnlineClusterer

ProgressCallback = Callable[[Item], None]


class Newsgraph:
    """A newsgraph database and the pipeline that fills it.

    >>> with Newsgraph("news.db") as ng:          # doctest: +SKIP
    ...     report = ng.ingest(["articles/"])
    ...     for story in ng.stories():
    ...         print(story.title, len(story.article_ids))
    """

    def __init__(self, db: str | os.PathLike[str] | None = None, options: Options | None = None) -> None:
        self.options = options or Options()
        load_registry(self.options.names_file)  # a bad names file fails here, before any input is read
        self.store = Store(db)

    def __enter__(self) -> Newsgraph:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # --- ingest --------------------------------------------------------------------------

    def ingest(self, sources: Iterable[str | Path], progress: ProgressCallback | None = None) -> IngestReport:
        """Ingest files, folders, URLs or '-' (JSONL on standard input); see `ingest_items`."""
        return self.ingest_items(read_sources(sources, self.options), progress)

    def ingest_articles(self, articles: Iterable[Article]) -> IngestReport:
        """Ingest Article records made elsewhere (their text is taken as already clean)."""
        return self.ingest_items(self._hashed(a) for a in articles)

    @staticmethod
    def _hashed(article: Article) -> Article:
        if not article.content_hash:
            article.content_hash = content_hash(article.text, article.outlet, article.title)
        return article

    def ingest_items(self, items: Iterator[Item], progress: ProgressCallback | None = None) -> IngestReport:
        """Analyse and store articles batch by batch, each batch in one transaction, then group.

        A run interrupted midway keeps every committed batch; running it again skips those
        as duplicates, stores the rest and groups whatever has no story yet.
        """
        report = IngestReport()
        batch: list[Article] = []
        for item in items:
            if progress:
                progress(item)
            if isinstance(item, Failure):
                report.failures.append(item)
            elif isinstance(item, Skipped):
                report.skipped.append(item.source)
            else:
                batch.append(item)
                if len(batch) >= self.options.batch_size:
                    self._commit(batch, report)
                    batch = []
        self._commit(batch, report)
        self.update_stories()
        return report

    def _commit(self, batch: list[Article], report: IngestReport) -> None:
        if not batch:
            return
        known_hashes = self.store.known_hashes(a.content_hash for a in batch)
        known_ids = self.store.known_ids(a.id for a in batch)
        fresh: list[Article] = []
        seen_hashes: set[str] = set()
        seen_ids: set[str] = set()
        for article in batch:
            if article.content_hash in known_hashes or article.content_hash in seen_hashes:
                report.duplicates.append(article.source)
            elif article.id in known_ids or article.id in seen_ids:
                report.failures.append(Failure(article.source, f"id {article.id!r} is already used by other content"))
            else:
                fresh.append(article)
                seen_hashes.add(article.content_hash)
                seen_ids.add(article.id)
        if fresh:
            analyses = analyze(fresh, self.options)
            links, keys_of = reprints.detect(
                [
                    reprints.Candidate(a.id, a.text, a.published, wire=bool(a.outlet and is_wire(a.outlet)))
                    for a in fresh
                ],
                self.store.reprint_candidates,
            )
            self.store.add_batch(fresh, analyses, links, keys_of)  # one transaction: all of it or none
            report.ingested.extend(a.id for a in fresh)

    def update_stories(self) -> int:
        """Assign the articles that have no story yet (online, in publication order)."""
        return OnlineClusterer(self.store, self.options).run()

    # --- reading -----------------------------------------------------------------------------

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        return self.store.articles(list(ids) if ids is not None else None)

    def stories(self) -> list[Story]:
        """Stories, largest first."""
        return self.store.stories()

    def story(self, story_id: str) -> Story | None:
        return self.store.story(story_id)

    def export(self) -> dict[str, Any]:
        """Everything in the database as the JSON export contract (docs/export.md)."""
        from newsgraph.export import build_export

        return build_export(self.store)
