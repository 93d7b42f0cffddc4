"""The public Python API: open a database, ingest sources, read stories and briefs, export.

Everything a command, a script or a server does goes through `Newsgraph`. Reads never compute: they serve what the
stages stored (a story's comparison is made by the compare stage: every ingest, `update_comparisons`), and say when
it is stale. Every error raised on purpose is a `NewsgraphError`; a database driver's error is wrapped in a
`DatabaseError` here, at the boundary.
"""

from __future__ import annotations

import functools
import inspect
import os
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any, ParamSpec, TypeVar

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from newsgraph import actor_reads, search
from newsgraph.analyze import AnalysisContext, executors
from newsgraph.analyze.actor_table import load_actor_table, without_initials
from newsgraph.analyze.actors import CountryTable
from newsgraph.analyze.embedding import spec_for
from newsgraph.analyze.registry import Registry
from newsgraph.analyze.registry import load as load_registry
from newsgraph.compare import stage as compare_stage
from newsgraph.dates import parse_date
from newsgraph.errors import DatabaseError, OptionsError, OutputError, PlanError, StoreError, UnknownActor
from newsgraph.ingest import watch as watching
from newsgraph.ingest.article import content_hash
from newsgraph.ingest.cleaning import strip_controls
from newsgraph.ingest.outlets import OutletTable
from newsgraph.ingest.records import from_jsonl
from newsgraph.ingest.sources import Item, Skipped, of_input, read_sources
from newsgraph.models import (
    ActorActivity,
    Analysis,
    AnalysisFailure,
    Article,
    Dyad,
    Entity,
    Failure,
    IngestReport,
    Notice,
    Relation,
    Story,
    StoryBrief,
    WatchRecord,
    WatchRound,
)
from newsgraph.options import Options
from newsgraph.relations import series as relations
from newsgraph.relations.directory import ActorPage, ActorProfile
from newsgraph.report import brief as briefs
from newsgraph.store import TABLES, Store, database_name, database_url, existing_tables
from newsgraph.stories import linking, listing, reprints
from newsgraph.stories.listing import StoryPage, StoryQuery
from newsgraph.stories.online import OnlineClusterer

P = ParamSpec("P")
R = TypeVar("R")
ProgressCallback = Callable[[Item], None]
StageCallback = Callable[[str], None]
WRITE_ATTEMPTS = 3
"""A batch whose write fails for want of the lock (another writer held it past the timeout) is tried
this many times, then each of its articles is reported as not stored."""


def _reason(exc: BaseException) -> str:
    """A driver's error in one line (its own message, without SQLAlchemy's statement and parameters)."""
    return " ".join(str(getattr(exc, "orig", None) or exc).split())[:200]


def _database_errors(hint: str = "") -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A method whose database driver errors come out as DatabaseError ('database error: ...', and `hint`)."""

    def wrap(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except SQLAlchemyError as exc:
                raise DatabaseError(f"database error: {_reason(exc)}{hint}") from exc

        return call

    return wrap


def _output_errors(what: str, where: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A method whose OSError (a full disk, a folder that cannot be made) comes out as OutputError ('cannot write WHAT
    to PATH: reason'); `where` names the argument that holds the path."""

    def wrap(method: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(method)

        @functools.wraps(method)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except OSError as exc:
                path = signature.bind(*args, **kwargs).arguments[where]
                raise OutputError.writing(f"{what} to {os.fspath(path)}", exc) from exc

        return call

    return wrap


def _refuse_foreign(db: str | os.PathLike[str] | None, force: bool) -> None:
    """Another application's database (tables, and no newsgraph schema) is refused before anything is written to it.
    With `force` newsgraph's tables are made beside the others, unless one of them has the name of one of
    newsgraph's."""
    url = database_url(db)
    found = existing_tables(url)
    if not found or "schema_version" in found:
        return
    where = database_name(url)
    named = ", ".join(repr(name) for name in sorted(found)[:5]) + (", ..." if len(found) > 5 else "")
    if not force:
        raise StoreError(
            f"{where} is not a newsgraph database: it holds other tables ({named}), and nothing was written to it "
            "(--force, or force=True in Python, adds newsgraph's tables beside them)"
        )
    clash = sorted(found & TABLES)
    if clash:
        raise StoreError(f"{where} has tables named as newsgraph's ({', '.join(map(repr, clash))}): newsgraph cannot "
                         "add its own beside them, even forced")  # fmt: skip


_AGAIN = "; committed batches are kept and running the ingest again completes it"


def _at_least(low: int, **counts: int) -> None:
    """OptionsError unless each count is a whole number of at least `low` (a negative limit is no limit)."""
    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise OptionsError(f"{name} must be a whole number of at least {low}, not {value!r}")


class Newsgraph:
    """A newsgraph database and the pipeline that fills it.

    >>> with Newsgraph("news.db") as ng:          # doctest: +SKIP
    ...     report = ng.ingest(["articles/"])
    ...     for story in ng.stories():
    ...         print(story.title, len(story.article_ids))

    `create=False` opens an existing database only (newsgraph.errors.MissingDatabase otherwise). A database that holds
    another application's tables is refused (StoreError) before anything is written to it; `force=True` adds
    newsgraph's tables beside them (never over a table of the same name). A SQLite file that cannot be written is
    opened read-only: reads work, writes are refused (StoreError). Every error it raises on purpose is a
    `newsgraph.NewsgraphError`.
    """

    def __init__(
        self,
        db: str | os.PathLike[str] | None = None,
        options: Options | None = None,
        *,
        create: bool = True,
        force: bool = False,
    ) -> None:
        self.options = options or Options()
        self._registry: Registry | None = load_registry(self.options.names_file)  # a bad file fails here
        self.outlets = OutletTable.build(self._registry.outlets if self._registry else ())
        """Outlets and wire agencies: the package's table and the names file's `outlets`."""
        self._context: AnalysisContext | None = None
        self._actor_memo = actor_reads.Memo()
        self._store = self._open(db, create, force)

    @staticmethod
    def _open(db: str | os.PathLike[str] | None, create: bool, force: bool) -> Store:
        try:
            if create:
                _refuse_foreign(db, force)
            store = Store(db, create=create)
        except SQLAlchemyError as exc:  # a server that is not there, a file that is not a database
            raise DatabaseError(f"cannot open the database: {_reason(exc)}") from exc
        try:
            if store.upgraded_from is not None:  # links made by the earlier version's rule: made again
                with store.writing() as tx:
                    tx.apply_links(linking.relink(tx.single_person_names(), tx))
        except SQLAlchemyError as exc:
            store.close()
            raise DatabaseError(f"cannot upgrade the database: {_reason(exc)}") from exc
        except BaseException:
            store.close()
            raise
        return store

    def __enter__(self) -> Newsgraph:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()
        if self._context is not None:
            self._context.gazetteer.close()

    def context(self) -> AnalysisContext:
        """The analysis context of this database's ingests (opened on first use)."""
        if self._context is None:
            self._context = AnalysisContext.build(self.options, self._registry)
        return self._context

    # --- ingest --------------------------------------------------------------------------

    @_database_errors(_AGAIN)
    def ingest(
        self,
        sources: Iterable[str | Path],
        progress: ProgressCallback | None = None,
        on_stage: StageCallback | None = None,
    ) -> IngestReport:
        """Ingest files, folders, URLs or '-' (JSONL on standard input); see `ingest_items`."""
        return self.ingest_items(read_sources(sources, self.options, self.outlets), progress, on_stage)

    @_database_errors(_AGAIN)
    def ingest_jsonl(self, data: bytes, source: str = "<request>") -> IngestReport:
        """Ingest JSONL given as bytes (one article a line, as `newsgraph ingest` reads a .jsonl file), named `source`
        in failure lines; see `ingest_items`."""
        return self.ingest_items(of_input(from_jsonl(source, data.removeprefix(b"\xef\xbb\xbf").split(b"\n"),
                                                     self.options, self.outlets), source))  # fmt: skip

    def ingest_articles(self, articles: Iterable[Article]) -> IngestReport:
        """Ingest Article records made elsewhere. Their text is taken as clean, but for control characters,
        which are dropped; a `published` date in another form is normalized ('Oct 28, 2025', RFC 2822,
        epoch seconds), one that cannot be read is dropped with a warning."""
        return self.ingest_items(self._prepared(articles))

    @staticmethod
    def _prepared(articles: Iterable[Article]) -> Iterator[Item]:
        for article in articles:
            published = parse_date(article.published) if article.published else None
            if article.published and published is None:
                said = f"published {article.published[:60]!r} is not a date newsgraph reads; stored without it"
                yield Notice(article.source or article.id, said)
            title, outlet = (strip_controls(x) if x else x for x in (article.title, article.outlet))
            article = replace(
                article, text=strip_controls(article.text), title=title, outlet=outlet, published=published
            )
            if not article.content_hash:
                article.content_hash = content_hash(article.text, article.outlet, article.title)
            yield article

    @_database_errors(_AGAIN)
    def ingest_items(
        self, items: Iterator[Item], progress: ProgressCallback | None = None, on_stage: StageCallback | None = None
    ) -> IngestReport:
        """Analyse and store articles batch by batch, each batch in one transaction, then group.

        A run interrupted midway keeps every committed batch; running it again skips those
        as duplicates, stores the rest and groups whatever has no story yet. Other processes may
        ingest into the same database at the same time. `progress` is called with each item read,
        `on_stage` with the name of each stage as it begins.
        """
        self._store.check_writable()
        report = IngestReport()
        pool = executors.executor(self.context(), self.options.workers, self.options.dask)
        pending: deque[tuple[list[Article], executors.Task]] = deque()  # analysed or being analysed, not written
        try:
            batch: list[Article] = []
            for item in items:
                if progress:
                    progress(item)
                if isinstance(item, Failure):
                    report.add_failure(item)
                elif isinstance(item, Notice):
                    report.warnings.append(item)
                elif isinstance(item, Skipped):
                    report.skipped.append(item.source)
                else:
                    batch.append(item)
                    if len(batch) >= self.options.batch_size:
                        self._submit(batch, pool, pending, report)
                        batch = []
            self._submit(batch, pool, pending, report)
            while pending:
                self._commit(*pending.popleft(), report)
        finally:
            pool.close()
        if on_stage:
            on_stage("assigning stories")
        self._retrying(self.update_stories, "(stories)", "not assigned yet", report)
        if self.options.compare:  # also after a partial assignment: the flushes written changed their stories
            if on_stage:
                on_stage("comparing coverage")
            self._retrying(lambda: self.update_comparisons(failures=report.failures), "(compare)", "not compared yet",
                           report)  # fmt: skip
        return report

    def _retrying(self, stage: Callable[[], int], name: str, said: str, report: IngestReport) -> bool:
        """Run a sequential stage, again when another writer held the lock too long; at last reported as a failure
        (what it had to do stays pending for any later ingest). Whether it ran to the end."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                stage()
                return True
            except OperationalError as exc:
                if attempt == WRITE_ATTEMPTS:
                    report.add_failure(Failure(name, f"{said}: {_reason(exc)}"))
                    return False
                time.sleep(0.5 * attempt)
        return False

    def _submit(
        self,
        batch: list[Article],
        pool: executors.Executor,
        pending: deque[tuple[list[Article], executors.Task]],
        report: IngestReport,
    ) -> None:
        """Send the batch's new articles to be analysed (no lock held); then store the oldest analysed batches while
        more than the executor's bound are in flight, in the order they were sent."""
        try:
            fresh = self._fresh(batch, *self._store.known(batch), report)
        except OperationalError as exc:  # a server gone away: this batch is reported, the next may fare better
            self._not_stored(batch, exc, report)
            fresh = []
        if fresh:
            pending.append((fresh, pool.submit(fresh)))
        while len(pending) > pool.in_flight:
            self._commit(*pending.popleft(), report)

    def _commit(self, fresh: list[Article], task: executors.Task, report: IngestReport) -> None:
        """Store a batch's analysed articles in one locked transaction (each failed analysis reported alone)."""
        results = task.result()
        for article, result in zip(fresh, results, strict=True):
            if isinstance(result, AnalysisFailure):  # this article alone is lost, with its reason
                report.add_failure(Failure(article.source or article.id, result.reason))
        analyses = [r for r in results if isinstance(r, Analysis)]
        fresh = [a for a, r in zip(fresh, results, strict=True) if isinstance(r, Analysis)]
        if not fresh:
            return
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                self._write(fresh, analyses, report)
                return
            except OperationalError as exc:  # the lock was not had in time, or the connection dropped
                if attempt == WRITE_ATTEMPTS:
                    self._not_stored(fresh, exc, report)
                    return
                time.sleep(0.5 * attempt)
            except (SQLAlchemyError, PlanError) as exc:  # a plan the store refuses (a bad index)
                self._not_stored(fresh, exc, report)
                return

    @staticmethod
    def _fresh(batch: Sequence[Article], known: set[str], known_ids: set[str], report: IngestReport) -> list[Article]:
        """The batch's articles not stored yet and not repeated within it; the others are duplicates or clashes."""
        fresh: list[Article] = []
        seen_hashes: set[str] = set()
        seen_ids: set[str] = set()
        for article in batch:
            if article.content_hash in known or article.content_hash in seen_hashes:
                report.duplicates.append(article.source)
            elif article.id in known_ids or article.id in seen_ids:
                clash = f"id {article.id!r} is already used by other content"
                report.add_failure(Failure(article.source or article.id, clash))
            else:
                fresh.append(article)
                seen_hashes.add(article.content_hash)
                seen_ids.add(article.id)
        return fresh

    def _write(self, fresh: list[Article], analyses: list[Analysis], report: IngestReport) -> None:
        """One transaction holding the write lock: what other writers stored meanwhile is seen, so a
        duplicate is counted as one and linking and reprints see every stored article."""
        outcome = IngestReport()
        with self._store.writing() as tx:
            keep = {a.id for a in self._fresh(fresh, *tx.known(fresh), outcome)}
            articles = [a for a in fresh if a.id in keep]
            kept = [an for a, an in zip(fresh, analyses, strict=True) if a.id in keep]
            links = linking.link(kept, tx)
            reuse, keys_of = reprints.detect(
                [reprints.candidate(a.id, a.text, a.published, a.outlet, outlets=self.outlets) for a in articles],
                lambda keys: [
                    reprints.stored_candidate(row, self.outlets)
                    for row in tx.reprint_candidates(keys, reprints.CANDIDATES)
                ],
            )
            tx.add_articles(articles, kept, links)
            tx.add_reprints(reuse, keys_of)
        report.ingested.extend(a.id for a in articles)
        report.duplicates.extend(outcome.duplicates)
        for failure in outcome.failures:
            report.add_failure(failure)

    @staticmethod
    def _not_stored(articles: Sequence[Article], exc: Exception, report: IngestReport) -> None:
        for a in articles:
            report.add_failure(Failure(a.source or a.id, f"not stored: {_reason(exc)}"))

    @_database_errors("; what was assigned is kept and running it again completes it")
    def update_stories(self) -> int:
        """Assign the articles that have no story yet (online, in publication order, one locked flush at a time)."""
        return OnlineClusterer(self._store.writing, self.options).run()

    @_database_errors("; run it again")
    def update_comparisons(self, everything: bool = False, failures: list[Failure] | None = None) -> int:
        """Compare the stories changed since they were last compared (all that are stale, also those other
        processes changed), or with `everything` all stories again (after an upgrade of newsgraph): stories are
        compared from one snapshot and stored in one transaction per round. Returns how many. A story whose
        comparison fails is stored without facts, and reported in `failures`."""
        if everything:
            with self._store.writing() as tx:
                tx.drop_comparisons()
        done, after = 0, None
        while True:  # one pass in story id order: a story another writer changes meanwhile is left to that writer
            with self._store.snapshot() as view:
                stale = view.stale_comparisons(compare_stage.STORIES_PER_ROUND, after)
                if not stale:
                    return done
                failed: list[tuple[str, str]] = []
                comparisons = compare_stage.plan(
                    stale, view, failed, self.options.quote_confidence, spec_for(self.options)
                )
            with self._store.writing() as tx:
                done += tx.save_comparisons(comparisons)
            if failures is not None:  # once stored: a round tried again after a lock timeout reports them once
                failures.extend(Failure(f"(story {sid})", reason) for sid, reason in failed)
            after = stale[-1][0]

    # --- watch ---------------------------------------------------------------------------------

    def watch(
        self,
        sources_file: str | os.PathLike[str],
        every: float,
        *,
        once: bool = False,
        stop: watching.Stop | None = None,
        progress: ProgressCallback | None = None,
        on_stage: StageCallback | None = None,
    ) -> Iterator[WatchRound]:
        """Follow the sources of `sources_file` (docs/ingest.md: one feed, page, file or folder a line): a round every
        `every` seconds (`watch_round`; the file is read again before each), each round given as it ends. With `once`,
        one round. A `stop` request (what SIGINT and SIGTERM set) ends the round under way once what it read is
        stored, and the watch with it."""
        stop = stop or watching.Stop()
        while not stop.requested:
            started = time.monotonic()
            sources = watching.read_sources_file(sources_file, self.options)
            yield self.watch_round(sources, every, stop, progress, on_stage)
            if once or not stop.sleep(every - (time.monotonic() - started)):
                return

    @_database_errors(_AGAIN)
    def watch_round(
        self,
        sources: Sequence[str],
        every: float,
        stop: watching.Stop | None = None,
        progress: ProgressCallback | None = None,
        on_stage: StageCallback | None = None,
        now: datetime | None = None,
    ) -> WatchRound:
        """One round of `watch` over `sources`, started `now`: the sources that are due (not waiting out their
        backoff) are read, URLs with conditional GET and per-host pacing (`Options.host_delay`), and ingested as one
        ordinary ingest (`ingest_items`: the same failures, duplicates stored once); then each source's record of the
        round is stored (`watch_status`). A source that could not be read waits `every * 2**(N-1)` seconds after its
        Nth failure in a row (at most a day)."""
        self._store.check_writable()
        now, stop = now or datetime.now(UTC), stop or watching.Stop()
        records = {r.source: r for r in self._store.watch_records()}
        due, waiting = watching.split_due(sources, records, now, every)
        tally = watching.Tally()
        reads = watching.read_round(due, records, self.options, self.outlets, stop)
        report = self.ingest_items(tally.items(reads, stop), progress, on_stage)
        done = tally.records(report, records, now, every)
        if done:
            with self._store.writing() as tx:
                tx.save_watch_records(done)
        return WatchRound(report, done, waiting, started=watching.iso(now), stopped=stop.requested)

    @_database_errors()
    def watch_status(self) -> list[WatchRecord]:
        """Each watched source's last round (when, HTTP status, new articles, failure, backoff), by source."""
        return self._store.watch_records()

    # --- reading -----------------------------------------------------------------------------

    @_database_errors()
    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Articles (all, or those given), in publication order."""
        return self._store.articles(list(ids) if ids is not None else None)

    @_database_errors()
    def stories(self) -> list[Story]:
        """Stories, largest first."""
        return self._store.stories()

    @_database_errors()
    def story_page(self, query: StoryQuery) -> StoryPage:
        """A page of stories matching `query` (newsgraph.stories.listing), read in one snapshot; the next page
        from `StoryPage.next` as `query.cursor`. A bad sort, limit or cursor is an OptionsError."""
        with self._store.snapshot() as view:
            titles, rows = view.story_listing()
            only = actor_reads.story_filter(view, query, self._actor, CountryTable.build(self._registry))
            found = listing.page(listing.summaries(titles, rows), query, only)
            compared = view.comparisons([st.id for st in found.stories])
        least = self.options.fact_confidence
        conflicts = {sid: sum(f.status == "conflicting" for f in briefs.confident_facts(c.facts, least)[0])
                     for sid, c in compared.items()}  # fmt: skip
        return replace(found, stories=[replace(st, conflicts=conflicts.get(st.id, 0)) for st in found.stories])

    @_database_errors()
    def article_detail(self, article_id: str) -> dict[str, Any] | None:
        """One article with what the store has for it: `article` (its fields and text), `story_id`, `reuse_of` (the
        article whose text it reprints, or None), `mentions`, `quotes`,
        `events`, `places` and `times` as column dicts (read in one snapshot); None for an unknown id."""
        with self._store.snapshot() as view:
            found = view.articles([article_id])
            if not found:
                return None
            ids = [article_id]
            return {
                "article": found[0],
                "story_id": view.story_of(ids).get(article_id),
                "reuse_of": view.reuse(ids).get(article_id, (None, None))[0],
                "mentions": view.mentions(ids),
                "quotes": view.quotes(ids),
                "events": view.events(ids),
                "places": view.places(ids),
                "times": view.times(ids),
            }

    @_database_errors()
    def story(self, story_id: str) -> Story | None:
        return self._store.story(story_id)

    @_database_errors()
    def entities(self, ids: Iterable[str] | None = None) -> list[Entity]:
        """Canonical entities (all, or those given), with names, countries, roles and aliases counted
        from all their mentions."""
        return linking.profiles(self._store.mention_stats(ids))

    @_database_errors()
    def brief(self, story_id: str) -> StoryBrief | None:
        """One story: its articles, reprints, merges and splits, the actors, places and dates it names, who said
        what and who did what in it, and what its outlets agree on, report alone or contradict (read in one
        snapshot of the database). The facts and provenance are the stored comparison's; when the story changed
        since it was compared, `comparison_stale` says so (the compare stage makes it anew: reads never compute).
        `facts` holds every fact with its confidence, by status, those of at least `Options.fact_confidence` first
        (`show` and the report list only those, and count the others)."""
        with self._store.snapshot() as view:
            return self._brief(view, story_id)

    def _brief(self, view: Store, story_id: str) -> StoryBrief | None:
        """`brief` read from `view` (a snapshot)."""
        story = view.story(story_id)
        if story is None:
            return None
        ids = story.article_ids
        mentions = view.mentions(ids)
        stats = view.mention_stats({m["entity_id"] for m in mentions if m["entity_id"]})
        articles, reuse, events = view.articles(ids), view.reuse(ids), view.events(ids)
        quotes = compare_stage.confident(view.quotes(ids), self.options.quote_confidence)
        brief = briefs.build(
            story,
            articles,
            reuse,
            view.story_log(story_id),
            mentions,
            {e.id: e for e in linking.profiles(stats)},
            view.places(ids),
            view.times(ids),
            self.outlets,
            quotes,
            events,
        )
        brief = replace(brief, fact_confidence=self.options.fact_confidence)
        comparison = view.comparisons([story_id], stale=True).get(story_id)
        if comparison is None:  # never compared (compare turned off, or another ingest under way)
            return replace(brief, comparison_stale=True)
        return replace(
            brief,
            facts=briefs.fact_order(comparison.facts, self.options.fact_confidence),
            provenance=comparison.provenance,
            comparison_stale=comparison.stale,
            compared_at=comparison.computed_at,
        )

    @_database_errors()
    def relations(self, a: str, b: str, by: str = "week") -> Relation:
        """What actors `a` and `b` did to each other (either way), period by period (`by`: day, week or month):
        event counts per type and QuadClass, mean intensity, and the events behind each point. An actor is a
        country (its ISO 3166 alpha-3 code or its name: every participant placed in it counts) or an entity
        (its id or its name). UnknownActor names an actor that is not known."""
        if by not in relations.PERIODS:
            raise OptionsError(f"unknown period {by!r}: one of {', '.join(relations.PERIODS)}")
        with self._store.snapshot() as view:
            return self._relation(view, a, b, by)

    def _relation(self, view: Store, a: str, b: str, by: str) -> Relation:
        """`relations` read from `view` (a snapshot)."""
        (keys_a, name_a), (keys_b, name_b) = self._actor(view, a), self._actor(view, b)
        rows = view.events_of(keys_a, keys_b)
        return replace(relations.series(rows, keys_a, keys_b, by, (name_a, name_b)), a=a, b=b)

    @_database_errors()
    def actors(self, limit: int = 20) -> tuple[list[ActorActivity], list[Dyad]]:
        """The actors in most events and the pairs of actors with most events between them (countries by code,
        other entities by id)."""
        _at_least(1, limit=limit)
        with self._store.snapshot() as view:
            return self._actors(view, limit)

    def _actors(self, view: Store, limit: int) -> tuple[list[ActorActivity], list[Dyad]]:
        """`actors` read from `view` (a snapshot)."""
        rows = view.event_participants()
        ids = {r[k] for r in rows for k in ("source_id", "target_id") if r[k]}
        named = {e.id: e.name for e in linking.profiles(view.mention_stats(ids))}
        return relations.activity(rows, CountryTable.build(self._registry).display | named, limit)

    @_database_errors()
    def changes(self) -> int:
        """How many write transactions the database has committed (any process's): an answer read when this was the
        same number is still the answer (what the server's cache asks before each read)."""
        return self._store.changes()

    @_database_errors()
    def counts(self) -> dict[str, int]:
        """How many articles, stories and entities are stored."""
        return self._store.counts()

    @_database_errors()
    def search(self, q: str, limit: int = search.DEFAULT_LIMIT, cursor: str | None = None) -> search.SearchPage:
        """Articles whose title or text hold every word and "quoted phrase" of `q` (newsgraph.search), best first,
        `limit` (1 to 100) a page, read in one snapshot; the next page from `SearchPage.next` as `cursor`. A bad
        query, limit or cursor is an OptionsError; a search past search.SEARCH_SECONDS a SearchTimeout."""
        query = search.parse(q)
        search.check_limit(limit)
        offset = search.decode_cursor(query, cursor)
        with self._store.snapshot() as view:
            rows = view.search_hits(query.fts5(), query.phrases(), limit + 1, offset, search.SEARCH_SECONDS)
        return search.page(query, rows, limit, offset)

    @_database_errors()
    def actor_page(self, q: str = "", limit: int = 50, cursor: str | None = None) -> ActorPage:
        """A page of actors (countries by code, other entities by id) whose name, code or an alias holds `q` (case
        and accents aside), most mentioned first (newsgraph.relations.directory); the next page from
        `ActorPage.next` as `cursor`. A bad limit or cursor is an OptionsError. The actors are read whole once per
        state of the database (what the last call read is kept until any write: `changes`)."""
        with self._store.snapshot() as view:
            return actor_reads.actor_page(view, CountryTable.build(self._registry), q, limit, cursor, self._actor_memo)

    @_database_errors()
    def actor(self, actor_id: str, limit: int = 50) -> ActorProfile | None:
        """One actor (a country code, or an entity id; a country's entity is the country): its profile, every alias
        counted, the `limit` stories that mention it last published first, its partners in events and its latest
        events (read in one snapshot); None when nothing names it."""
        _at_least(1, limit=limit)
        with self._store.snapshot() as view:
            return actor_reads.actor_profile(view, CountryTable.build(self._registry), actor_id, limit)

    def export_chunks(self, format: str = "jsonl", size: int = 65_536) -> Generator[str, None, None]:
        """The export (docs/export.md) as text chunks of about `size` characters (whole lines; a longer line is a
        chunk alone): `format` jsonl only, the text `export --format jsonl` writes. Read from one snapshot, opened at
        the first chunk and held until the generator ends or is closed (close it when the reader goes away: the
        snapshot is released then). A bad format is an OptionsError at once."""
        if format != "jsonl":
            raise OptionsError("format: only jsonl streams (the export's other formats: `newsgraph export`)")
        _at_least(1, size=size)
        return self._export_chunks(size)

    def _export_chunks(self, size: int) -> Generator[str, None, None]:
        from newsgraph.export import jsonl_lines, stream

        try:
            with stream(self._store) as data:
                chunk: list[str] = []
                held = 0
                for line in jsonl_lines(data):
                    chunk.append(line + "\n")
                    held += len(line) + 1
                    if held >= size:
                        yield "".join(chunk)
                        chunk, held = [], 0
                if chunk:
                    yield "".join(chunk)
        except SQLAlchemyError as exc:
            raise DatabaseError(f"database error: {_reason(exc)}") from exc

    @_database_errors()
    @_output_errors("the report", "folder")
    def report(
        self,
        folder: str | os.PathLike[str],
        limit: int | None = None,
        pairs: int = 10,
        *,
        removed: list[Path] | None = None,
    ) -> list[Path]:
        """Write a static HTML report into `folder`: an index of the stories (the `limit` largest, or all), one
        page per story, one page with a chart per pair of actors (the `pairs` most active). Returns the files.

        Every page is read from one snapshot of the database (whole while other processes write) and made in
        memory; then every file is written under a temporary name, and renamed once all are written, the index
        last: a failure leaves the earlier report as it was. Only the folder is written: a symbolic link among its
        files is replaced, not followed; the pages and charts of an earlier report that this one does not write
        are removed (and added to `removed`). OutputError when `folder` is a symbolic link, a file or under one,
        or its parent folder is missing."""
        from newsgraph.report import site

        _at_least(0, pairs=pairs)
        if limit is not None:
            _at_least(1, limit=limit)
        out = site.checked(folder)  # before anything is read
        with self._store.snapshot() as view:
            found = view.stories()
            chosen = found[:limit] if limit else found
            briefs_ = [b for b in (self._brief(view, st.id) for st in chosen) if b is not None]
            stories = [(b, {a.id: a.text for a in view.articles(b.story.article_ids)}) for b in briefs_]
            pair_relations = [(d, self._relation(view, d.a, d.b, "week")) for d in self._actors(view, pairs)[1]]
        written, old = site.write(out, site.files(stories, pair_relations))
        if removed is not None:
            removed.extend(old)
        return written

    def _actor(self, view: Store, name: str) -> tuple[list[str], str]:
        """The keys that name an actor in events (a country code, entity ids) and its display name."""
        countries = CountryTable.build(self._registry)
        words = " ".join(name.split())
        code = words.upper() if words.upper() in countries.display else countries.code(words)
        if code:
            return [code], countries.display.get(code, code)
        ids = view.entity_ids_named(words)
        for alias in [] if ids else self._aliases(words):
            ids = view.entity_ids_named(alias)
            if ids:
                break
        if not ids:
            raise UnknownActor(
                f"no actor named {name!r}: give a country code (RUS), a country or an entity's name or id"
            )
        profiles = {e.id: e for e in linking.profiles(view.mention_stats(ids))}
        return ids, profiles[ids[0]].name if ids[0] in profiles else words

    def _aliases(self, name: str) -> list[str]:
        """Other names of the actor `name` names: the names file's (a person's name and aliases), the name without
        middle initials and titles, the actor table's synonyms ('Vladimir Vladimirovich Putin' -> 'Vladimir Putin')."""
        key = name.casefold()
        people = self._registry.people if self._registry else ()
        found = [n for p in people if key in {a.casefold() for a in (p.name, *p.aliases)} for n in (p.name, *p.aliases)]
        return list(dict.fromkeys([*found, without_initials(name), *load_actor_table().aliases(name)]))

    @_database_errors()
    def export(self) -> dict[str, Any]:
        """Everything in the database as the JSON export contract (docs/export.md), in memory (`export_to` streams
        it)."""
        from newsgraph.export import build_export

        return build_export(self._store)

    @_database_errors()
    def export_to(
        self, out: str | os.PathLike[str] | IO[Any], format: str = "json", table: str | None = None
    ) -> None:
        """Stream the export (docs/export.md) into `out`, read from one snapshot and written record by record:
        `format` json, jsonl, csv or parquet (csv and parquet write one `table`: articles, stories, facts,
        entities, quotes, events, times or places; parquet needs the `bulk` extra). `out` is a path (a regular
        file is written under a temporary name and renamed when complete) or an open file (text; binary for
        parquet)."""
        from newsgraph.export import export_to

        export_to(self._store, out, format, table)
