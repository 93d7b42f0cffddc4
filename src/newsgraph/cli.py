"""The command line: arguments, calls into the Python API (newsgraph.api), printing. What it prints comes from
`newsgraph.report.text` (and `report.charts` for the terminal chart), made safe for a terminal here."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
import select
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from newsgraph import demo as demos
from newsgraph.api import Newsgraph
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.export import FORMATS, PARQUET_TABLES
from newsgraph.ingest.counting import count_records
from newsgraph.ingest.files import input_lines, one_line
from newsgraph.ingest.sources import Item, Skipped, is_jsonl, is_parquet
from newsgraph.models import FAILURES_LISTED, Article, Failure, IngestReport, Notice, WatchRound
from newsgraph.options import Options
from newsgraph.report import text as render
from newsgraph.report.safe import json_text, terminal_safe
from newsgraph.store import ENV_DB
from newsgraph.stories.similarity import read_pair, similarity

EXIT_INPUT_FAILED = 2
PROGRESS_EVERY = 10.0
"""Seconds between progress lines when standard error is not a terminal."""

db_option = click.option(
    "--db",
    envvar=ENV_DB,
    default="newsgraph.db",
    show_default=True,
    help=f"SQLite file or SQLAlchemy URL (also ${ENV_DB}).",
)
quote_confidence_option = click.option(
    "--quote-confidence",
    type=click.FloatRange(0, 1),
    default=Options.quote_confidence,
    show_default=True,
    help="Read only the quotes of at least this confidence (0..1, docs/quotes.md); export gives them all.",
)

fact_confidence_option = click.option(
    "--fact-confidence",
    type=click.FloatRange(0, 1),
    default=Options.fact_confidence,
    show_default=True,
    help="List only the facts of at least this confidence (0..1, docs/compare.md), counting the others; "
    "--json and export give them all.",
)

names_option = click.option(
    "--names",
    type=click.Path(dir_okay=False),
    envvar="NEWSGRAPH_NAMES",
    default=None,
    help="Your own names file (JSON: people, country forms, places, outlets); env NEWSGRAPH_NAMES.",
)


def reading_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options of commands that read sources (`ingest`, `watch`): --max-bytes, --timeout, --names, --batch-size."""
    for option in reversed((
        click.option("--max-bytes", type=click.IntRange(min=1), default=Options.max_bytes, show_default=True,
                     help="Refuse files and downloads larger than this."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=Options.http_timeout,
                     show_default=True, help="Seconds to wait when fetching a URL."),
        names_option,
        click.option("--batch-size", type=click.IntRange(min=1), default=Options.batch_size, show_default=True,
                     help="Articles analysed and stored together, in one transaction."),
    )):  # fmt: skip
        command = option(command)
    return command


class _Seconds(click.FloatRange):
    """A number of seconds: a FloatRange that refuses nan and inf too."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        seconds = super().convert(value, param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a number of seconds.", param, ctx)
        return seconds


class _Commands(click.Group):
    """newsgraph's commands: an error newsgraph raises on purpose is one line ('Error: ...', exit status 1); a reader
    that stops reading standard output (`newsgraph export | head`) ends the command quietly, with exit status 0."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader gone is met here, not when the interpreter exits
            return result
        except BrokenPipeError:
            if not _stdout_gone():
                raise
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is left unwritten goes nowhere
            ctx.exit(0)
        except NewsgraphError as exc:
            raise click.ClickException(str(exc)) from None


def _stdout_gone() -> bool:
    """Whether standard output is a pipe whose reader has closed it (its write end reports an error)."""
    try:
        fd = sys.stdout.fileno()
        poll = select.poll()
    except (AttributeError, OSError, ValueError):  # no file descriptor (captured), no poll (Windows)
        return False
    poll.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poll.poll(0))


def _console(stderr: bool = False) -> Console:
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not console.is_terminal:  # piped or captured: wide enough for a table row per story
        console = Console(stderr=stderr, highlight=False, soft_wrap=True, width=160)
    return console


def _text(text: str, style: str = "") -> Text:
    """Rich text with the control characters of untrusted input (titles, outlets, sources) made harmless."""
    return Text(terminal_safe(text), style=style)


def _lines(lines: Sequence[str], stderr: bool = False) -> None:
    out = _console(stderr)
    for line in lines:
        out.print(_text(line))


STORY_COLUMN_STYLES: dict[str, dict[str, Any]] = {
    "id": {"no_wrap": True}, "articles": {"justify": "right"}, "dates": {"no_wrap": True},
}  # fmt: skip


def _table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    title: str | None = None,
    styles: dict[str, dict[str, Any]] | None = None,
) -> Table:
    """A rich table of untrusted cells (each made safe), columns styled by name (`styles`: add_column's options)."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column, **(styles or {}).get(column, {}))
    for row in rows:
        table.add_row(*(_text(cell) for cell in row))
    return table


def _json(value: Any) -> str:
    return json_text(value)


def _open(db: str, options: Options | None = None, create: bool = True, force: bool = False) -> Newsgraph:
    """The database; read-only commands pass create=False, so that a mistyped path creates nothing."""
    return Newsgraph(db, options, create=create, force=force)


@click.group(cls=_Commands)
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news articles from many outlets -> stories you can check."""


# --- ingest ------------------------------------------------------------------------------


class _Rate(ProgressColumn):
    """'12.3 /s': inputs read per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "-/s")


class _Ticker:
    """Progress of an ingest on standard error: a bar on a terminal, else a plain line every few seconds."""

    def __init__(self, err: Console, mode: str, every: float, total: Callable[[], int | None]) -> None:
        self.err, self.mode, self.every = err, mode, every
        self.read = self.failed = 0
        self.sources: dict[str, str] = {}
        self.shown: set[int] = set()
        """The failures printed as they were read that the report lists (FAILURES_LISTED of each input)."""
        self.listed: Counter[str] = Counter()
        self.stage = "reading and analysing"
        self.started = self.last = time.monotonic()
        self.bar: Progress | None = None
        if mode == "bar":
            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                _Rate(),
                TimeElapsedColumn(),
                TextColumn("eta"),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            )
            self.task = self.bar.add_task(self.stage, total=None)
            threading.Thread(target=self._count, args=(total,), daemon=True).start()

    def _count(self, total: Callable[[], int | None]) -> None:
        n = total()
        if n is not None and self.bar is not None:
            self.bar.update(self.task, total=max(n, self.read))

    def reset(self) -> None:
        """Another ingest begins (the watcher's next round): its failures are listed anew."""
        self.read = self.failed = 0
        self.sources, self.shown, self.listed = {}, set(), Counter()
        self.stage = "reading and analysing"
        self.started = self.last = time.monotonic()

    def __enter__(self) -> _Ticker:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def item(self, item: Item) -> None:
        if isinstance(item, Notice):  # about the article that follows it, not a record read of its own
            if self.mode != "quiet":
                self._line(f"warning: {item}")
            return
        self.read += 1
        if isinstance(item, Article):
            self.sources[item.id] = item.source
        if isinstance(item, Failure):
            self.failed += 1
            self.listed[item.input] += 1
            if self.listed[item.input] <= FAILURES_LISTED:
                self.shown.add(id(item))
            if self.listed[item.input] <= FAILURES_LISTED or self.mode == "verbose":
                self._line(f"failed: {item}")
        elif isinstance(item, Skipped) and self.mode == "verbose":
            self._line(f"skipped: {item.source} (not a supported kind of file)")
        if self.bar is not None:
            self.bar.advance(self.task)
        elif self.mode in ("lines", "verbose") and time.monotonic() - self.last >= self.every:
            self._status()

    def on_stage(self, stage: str) -> None:
        self.stage = stage
        if self.bar is not None:
            self.bar.update(self.task, description=stage)
        elif self.mode in ("lines", "verbose"):
            self._status()

    def _status(self) -> None:
        self.last = now = time.monotonic()
        rate = self.read / max(now - self.started, 1e-9)
        self._line(f"progress: {self.stage}: {self.read:,} read, {self.failed:,} failed, {rate:,.1f}/s")

    def _line(self, line: str) -> None:
        (self.bar.console if self.bar is not None else self.err).print(_text(one_line(line)))


def _run_ingest(ng: Newsgraph, sources: list[str], verbosity: int, every: float = PROGRESS_EVERY) -> IngestReport:
    """Ingest with progress on standard error; then every failure (and, with -v, every stored article)."""
    err = _console(stderr=True)
    with _Ticker(err, _mode(verbosity, err.is_terminal), every, lambda: count_records(sources)) as ticker:
        report = ng.ingest(sources, progress=ticker.item, on_stage=ticker.on_stage)
    _after_ingest(report, ticker)
    return report


def _mode(verbosity: int, terminal: bool) -> str:
    if verbosity < 0:
        return "quiet"
    if terminal and verbosity == 0:
        return "bar"
    return "verbose" if verbosity > 0 else "lines"


def _after_ingest(report: IngestReport, ticker: _Ticker) -> None:
    """What an ingest prints once it ends: with -v every article stored and duplicate; the failures not printed
    as they were read."""
    err = ticker.err
    if ticker.mode == "verbose":
        for article_id in report.ingested:
            err.print(_text(one_line(f"stored: {ticker.sources.get(article_id, '')} ({article_id})")))
        for source in report.duplicates:
            err.print(_text(one_line(f"duplicate: {source}")))
    for failure in report.failures:  # those found after reading: in analysis, in storage, in grouping
        if id(failure) not in ticker.shown:
            err.print(_text(one_line(f"failed: {failure}")))
    for source, counts in report.more_failures.items():  # past the first FAILURES_LISTED of an input
        err.print(_text(one_line(_more_failed(source, counts))))


def _more_failed(source: str, counts: Counter[str]) -> str:
    """'failed: big.jsonl: 999,900 more lines failed: malformed JSON (999,900)'."""
    path = Path(source)
    unit = "lines" if source == "-" or is_jsonl(path) else "rows" if is_parquet(path) else "failures"
    said = ", ".join(f"{reason} ({n:,})" for reason, n in counts.most_common())
    if not source:
        return f"failed: {sum(counts.values()):,} more articles failed after reading: {said}"
    return f"failed: {'<stdin>' if source == '-' else source}: {sum(counts.values()):,} more {unit} failed: {said}"


def _summary(report: IngestReport) -> str:
    parts = [
        f"ingested {len(report.ingested)}",
        f"duplicates {len(report.duplicates)}",
        f"failed {report.failed:,}",
    ]
    if report.skipped:
        parts.append(f"skipped {len(report.skipped)} unsupported files")
    return ", ".join(parts)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("-q", "--quiet", is_flag=True, help="Print only failures (and the summary).")
@click.option("-v", "--verbose", is_flag=True, help="Also list every article stored, duplicate and file skipped.")
@reading_options
@click.option("--outlet", default=None, help="Outlet of the articles whose input names none.")
@click.option("--published", default=None, metavar="DATE",
              help="Publication date of the articles whose input gives none (2016-02-01, 'Feb 1, 2016', ...).")
@click.option("--no-path-dates", is_flag=True,
              help="Do not take dates and outlets from file paths (nyt_2016-02-01_x.txt, 2016/02/01/x.txt).")
@click.option("--progress-every", type=_Seconds(min=0), default=PROGRESS_EVERY, show_default=True,
              help="Off a terminal, print a progress line every this many seconds.")
@click.option("--no-compare", is_flag=True,
              help="Do not compare the changed stories' coverage now (later: newsgraph compare).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse on this many local worker processes (each loads the model once; at most 4 per core).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Analyse on a Dask distributed cluster: its scheduler's address (tcp://host:8786); "
                   "needs newsgraph[dask].")  # fmt: skip
@click.option("--force", is_flag=True,
              help="Add newsgraph's tables to a database that holds another application's (docs/ingest.md).")
@quote_confidence_option
def ingest(
    sources: tuple[str, ...],
    db: str,
    quiet: bool,
    verbose: bool,
    max_bytes: int,
    timeout: float,
    names: str | None,
    batch_size: int,
    outlet: str | None,
    published: str | None,
    no_path_dates: bool,
    progress_every: float,
    no_compare: bool,
    workers: int,
    dask_address: str | None,
    force: bool,
    quote_confidence: float,
) -> None:
    """Ingest files, folders, JSONL ('-' for standard input), HTML pages, feeds and URLs.

    Bad inputs are reported one per line and the rest is ingested; the exit status is 2
    when any input failed. Several ingests may run at once on one database. What is refused,
    and why: docs/ingest.md. A database that holds another application's tables is refused, and left as
    it was, unless --force (newsgraph's tables are then added beside them).
    """
    options = Options(
        max_bytes=max_bytes,
        http_timeout=timeout,
        names_file=names,
        batch_size=batch_size,
        outlet=outlet,
        published=published,
        dates_from_paths=not no_path_dates,
        compare=not no_compare,
        workers=workers,
        dask=dask_address,
        quote_confidence=quote_confidence,
    )
    with _open(db, options, force=force) as ng:
        report = _run_ingest(ng, list(sources), -1 if quiet else int(verbose), progress_every)
    _console().print(_text(_summary(report)))
    if report.failures:
        sys.exit(EXIT_INPUT_FAILED)


@main.command("watch")
@click.argument("sources_file", type=click.Path(dir_okay=False))
@db_option
@click.option("--every", "every_text", default="15m", show_default=True, metavar="PERIOD",
              help="Start a round this often: 90s, 15m, 1h (and the base of a failing source's backoff).")
@click.option("--once", is_flag=True, help="Run one round and exit (for cron): exit status 2 when anything failed.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures (and each round's summary).")
@click.option("-v", "--verbose", is_flag=True, help="Also print each source's result and every article stored.")
@click.option("--host-delay", type=_Seconds(min=0, max=3600), default=Options.host_delay, show_default=True,
              help="Least seconds between two requests to one host (one request at a time per host).")
@reading_options
@click.option("--progress-every", type=_Seconds(min=0), default=PROGRESS_EVERY, show_default=True,
              help="Off a terminal, print a progress line every this many seconds.")
@click.option("--no-compare", is_flag=True, help="Do not compare the changed stories' coverage after each round.")
@quote_confidence_option
def watch_command(
    sources_file: str, db: str, every_text: str, once: bool, quiet: bool, verbose: bool, host_delay: float,
    max_bytes: int, timeout: float, names: str | None, batch_size: int, progress_every: float, no_compare: bool,
    quote_confidence: float,
) -> None:  # fmt: skip
    """Follow feeds, pages, files and folders: ingest the sources of SOURCES_FILE (one a line, '#' comments) every
    PERIOD, until SIGINT or SIGTERM (which end it once what the round read is stored).

    Each round is an ordinary ingest (the same failure lines; duplicates stored once), with conditional GET (ETag,
    Last-Modified), one request at a time per host, and a backoff for a source that keeps failing; each source's
    last round is stored in the database (docs/ingest.md, "Watching sources")."""
    from newsgraph.ingest.watch import Stop, parse_every

    every = parse_every(every_text)
    options = Options(
        max_bytes=max_bytes, http_timeout=timeout, names_file=names, batch_size=batch_size, host_delay=host_delay,
        compare=not no_compare, quote_confidence=quote_confidence,
    )  # fmt: skip
    stop, failed = Stop(), False
    err = _console(stderr=True)
    mode = _mode(-1 if quiet else int(verbose), False)  # no bar: the watcher's output is a log
    with _open(db, options) as ng, _Ticker(err, mode, progress_every, lambda: None) as ticker, _stop_on_signals(stop):
        rounds = ng.watch(sources_file, every, once=once, stop=stop, progress=ticker.item, on_stage=ticker.on_stage)
        for found in rounds:
            _after_ingest(found.report, ticker)
            _watch_lines(found, mode)
            failed = failed or not found.report.ok
            ticker.reset()
    if once and failed:
        sys.exit(EXIT_INPUT_FAILED)


def _watch_lines(found: WatchRound, mode: str) -> None:
    """A round's summary on standard output; the sources waiting out their backoff (and with -v every source read) on
    standard error."""
    lines = [render.watch_waiting_line(r) for r in found.waiting]
    if mode == "verbose":
        lines = [f"watched: {render.watch_source_line(r)}" for r in found.records] + lines
    if found.stopped:
        lines.append("stopped: what the round read is stored; the sources it did not read are read next time")
    _lines([one_line(line) for line in lines], stderr=True)
    _lines([render.watch_summary(found, found.started)])


@contextlib.contextmanager
def _stop_on_signals(stop: Any) -> Iterator[None]:
    """SIGINT and SIGTERM request a stop (the round under way stores what it read, then the watcher ends); a second
    one ends it at once. The earlier handlers are put back at the end."""

    def handle(signum: int, frame: Any) -> None:
        if stop.requested:
            raise KeyboardInterrupt
        stop.request()
        said = f"{signal.Signals(signum).name}: stopping once what this round read is stored\n"
        try:  # not through rich: the handler may run inside one of its prints
            os.write(sys.stderr.fileno(), said.encode())
        except (AttributeError, OSError, ValueError):  # no file descriptor (captured)
            sys.stderr.write(said)

    before = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on: this machine only by default (warns when told another).")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--watch", "sources_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Also watch the sources of this file (as `newsgraph watch` does), in the server.")
@click.option("--every", "every_text", default="15m", show_default=True, metavar="PERIOD",
              help="With --watch: start a round this often (90s, 15m, 1h).")
@click.option("--cors", multiple=True, metavar="ORIGIN", help="Let pages of this origin read the API (repeatable).")
@click.option("--token", envvar="NEWSGRAPH_TOKEN", default=None, metavar="TOKEN",
              help="Accept POST /api/v1/ingest with Authorization: Bearer TOKEN (or set NEWSGRAPH_TOKEN).")
@names_option
def serve_command(
    db: str, host: str, port: int, sources_file: str | None, every_text: str, cors: tuple[str, ...], token: str | None,
    names: str | None,
) -> None:
    """Serve the web app and the HTTP API over the database (docs/serve.md): stories, search, actors, relations,
    export, status. What other processes store appears on the next request."""
    import uvicorn

    from newsgraph.ingest.watch import parse_every
    from newsgraph.serve import bind_warning, create_app

    every = parse_every(every_text)
    options = Options(names_file=names)
    app = create_app(db, options, watch=sources_file, every=every, cors=cors, token=token or None)
    warning = bind_warning(host)
    if warning:
        click.echo(warning, err=True)
    click.echo(f"newsgraph: http://{host}:{port}/ (the API: http://{host}:{port}/api)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


# --- reading --------------------------------------------------------------------------------


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many stories.")
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON (the fields of newsgraph.Story).")
def stories(db: str, limit: int | None, as_json: bool) -> None:
    """List stories, largest first."""
    with _open(db, create=False) as ng:
        found = ng.stories()
    found = found[:limit] if limit else found
    if as_json:
        click.echo(_json([dataclasses.asdict(st) for st in found]))
        return
    _console().print(_table(render.STORY_COLUMNS, render.story_rows(found), styles=STORY_COLUMN_STYLES))


@main.command()
@click.argument("story_id")
@db_option
@names_option
@click.option("--json", "as_json", is_flag=True, help="Print the brief as JSON (the fields of newsgraph.StoryBrief).")
@quote_confidence_option
@fact_confidence_option
def show(
    story_id: str, db: str, names: str | None, as_json: bool, quote_confidence: float, fact_confidence: float
) -> None:
    """Show one story: its articles, reprints, history, dates, the actors and places it names, who said what.

    With --names, the wire agencies of your names file are told as such in its reprint lines.
    """
    options = Options(names_file=names, quote_confidence=quote_confidence, fact_confidence=fact_confidence)
    with _open(db, options, create=False) as ng:
        brief = ng.brief(story_id)
    if brief is None:
        raise click.ClickException(f"no story {story_id!r} (see 'newsgraph stories')")
    if as_json:
        click.echo(_json(dataclasses.asdict(brief)))
        return
    out = _console()
    out.print(_text(brief.story.title or "(untitled)", style="bold"))
    out.print(_text(render.brief_header(brief)))
    out.print(_table(render.ARTICLE_COLUMNS, render.article_rows(brief.articles)))
    _lines(render.brief_lines(brief))


@main.command("relations")
@click.argument("actor_a")
@click.argument("actor_b")
@db_option
@names_option
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write an SVG chart here.")
@click.option("--events", "show_events", is_flag=True, help="List the events behind each point too.")
@click.option("--json", "as_json", is_flag=True, help="Print the series as JSON (the fields of newsgraph Relation).")
def relations_command(
    actor_a: str, actor_b: str, db: str, names: str | None, by: str, output: str | None, show_events: bool,
    as_json: bool,
) -> None:  # fmt: skip
    """What two actors did to each other over time: events per period, cooperation and conflict, mean intensity.

    An actor is a country (code such as RUS, or name) or any entity by name or id (see 'newsgraph actors').
    """
    from newsgraph.report.charts import terminal_chart, write_svg

    with _open(db, Options(names_file=names), create=False) as ng:
        relation = ng.relations(actor_a, actor_b, by)
    if output:
        write_svg(relation, output)
    if as_json:
        click.echo(_json(dataclasses.asdict(relation)))
        return
    _lines(terminal_chart(relation) + (render.relation_event_lines(relation) if show_events else []))
    if output:
        _lines([f"chart written to {output}"], stderr=True)


@main.command("actors")
@db_option
@names_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Actors and pairs to list.")
@click.option("--json", "as_json", is_flag=True, help="Print actors and dyads as JSON.")
def actors_command(db: str, names: str | None, limit: int, as_json: bool) -> None:
    """The actors in most events, and the pairs of actors with most events between them."""
    with _open(db, Options(names_file=names), create=False) as ng:
        found, dyads = ng.actors(limit)
    if as_json:
        click.echo(
            _json({"actors": [dataclasses.asdict(a) for a in found], "dyads": [dataclasses.asdict(d) for d in dyads]})
        )
        return
    out = _console()
    out.print(_table(render.ACTOR_COLUMNS, render.actor_rows(found), title="most active actors"))
    out.print(_table(render.DYAD_COLUMNS, render.dyad_rows(dyads), title="most active pairs"))


# --- stages and outputs ---------------------------------------------------------------------


@main.command("compare")
@db_option
@click.option("--all", "everything", is_flag=True, help="Compare every story again (after upgrading newsgraph).")
@quote_confidence_option
def compare_command(db: str, everything: bool, quote_confidence: float) -> None:
    """Compare the coverage of every story changed since it was last compared (ingest does it itself unless
    --no-compare): the facts its outlets agree on, report alone or contradict, and provenance."""
    failures: list[Failure] = []
    with _open(db, Options(quote_confidence=quote_confidence), create=False) as ng:
        done = ng.update_comparisons(everything, failures)
    _lines([f"failed: {failure.source}: {failure.reason}" for failure in failures], stderr=True)
    _lines([f"{done} stories compared"], stderr=True)
    if failures:
        sys.exit(EXIT_INPUT_FAILED)


@main.command("report")
@db_option
@names_option
@click.option("-o", "--output", "folder", required=True, type=click.Path(file_okay=False), help="Folder to write.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the largest N stories.")
@click.option("--pairs", type=click.IntRange(min=0), default=10, show_default=True,
              help="Pages for the N most active pairs of actors.")
@quote_confidence_option
@fact_confidence_option
def report_command(
    db: str,
    names: str | None,
    folder: str,
    limit: int | None,
    pairs: int,
    quote_confidence: float,
    fact_confidence: float,
) -> None:
    """Write a static HTML report (opens from disk, no server, no network): stories with their facts, provenance
    and timeline, and relation charts for the most active pairs of actors."""
    removed: list[Path] = []
    options = Options(names_file=names, quote_confidence=quote_confidence, fact_confidence=fact_confidence)
    with _open(db, options, create=False) as ng:
        written = ng.report(folder, limit, pairs, removed=removed)
    gone = f", removed {len(removed)} files of an earlier report it no longer lists" if removed else ""
    _lines([f"{len(written)} files written to {folder}{gone}; open {Path(folder) / 'index.html'}"], stderr=True)


@main.command("similarity")
@click.argument("pairs", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Default: standard output.")
def similarity_command(pairs: str, output: Any) -> None:
    """Score pairs of texts: PAIRS.jsonl lines {"id", "text1", "text2", "lang1", "lang2"} -> {"id", "score"}.

    The score (0..1) says how likely the two texts report the same story; languages are detected
    when not given. A bad line gets one line on standard error and the rest go on (exit status 2); a file that
    cannot be read as lines (a device, a pipe, binary) is one line. Lines are read as ingest reads JSONL (each
    within --max-bytes of ingest's default).
    """
    failed = False
    try:
        for lineno, line in enumerate(input_lines(pairs, Options()), start=1):
            failed = _score_pair(lineno, line, output) or failed
    except InputError as exc:
        _lines([f"failed: {one_line(pairs)}: {exc}"], stderr=True)
        failed = True
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


def _score_pair(lineno: int, raw: bytes | str | InputError, output: Any) -> bool:
    """Score one line of a pairs file into `output`; True when it failed (its line said on standard error)."""
    try:
        if isinstance(raw, InputError):
            raise raw
        line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if not line.strip():
            return False
        record = read_pair(line)
        score = similarity(record["text1"], record["text2"], record.get("lang1"), record.get("lang2"))
    except UnicodeDecodeError:
        _lines([f"failed: line {lineno}: not UTF-8 text"], stderr=True)
        return True
    except Exception as exc:  # a bad line, or a bug on one pair: it must not cost the others
        said = str(exc) if isinstance(exc, InputError) else f"unexpected error: {exc.__class__.__name__}: {exc}"
        _lines([f"failed: line {lineno}: {said}"], stderr=True)
        return True
    output.write(json.dumps({"id": record.get("id"), "score": round(score, 4)}, ensure_ascii=False) + "\n")
    return False


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--table", type=click.Choice(PARQUET_TABLES), default="articles", show_default=True,
              help="With --format csv or parquet: which table (embeddings: parquet only).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output; parquet needs a file).")  # fmt: skip
def export(db: str, fmt: str, table: str, output: str) -> None:
    """Export everything as the JSON contract of docs/export.md (or JSONL, or one table as CSV or Parquet).

    Records are read from one snapshot and written as they come, so memory does not grow with the
    database. A file is written under a temporary name and renamed when complete."""
    if fmt == "parquet" and output == "-":
        raise click.UsageError("--format parquet writes a file: give -o FILE")
    with _open(db, create=False) as ng:
        ng.export_to(sys.stdout if output == "-" else output, fmt, table)


@main.command()
@click.option("--db", default=None, help="Keep the demo database here, a new one or one without articles "
              "(default: a temporary file, deleted at the end).")  # fmt: skip
@click.option("--force", is_flag=True, help="Add the demo's articles to a database that holds articles, or another "
              "application's tables, all the same.")  # fmt: skip
def demo(db: str | None, force: bool) -> None:
    """Ingest the bundled demo corpus (invented articles by invented outlets) and print its stories."""
    out = _console()
    out.print(Text(demos.notice()))
    options = demos.options()
    if db and not force:
        demos.check_target(db)
    with tempfile.TemporaryDirectory(prefix="newsgraph-demo-") as tmp:
        with _open(db or str(Path(tmp) / "demo.db"), options, force=force) as ng:
            report = _run_ingest(ng, [str(demos.demo_folder())], 0)
            found = ng.stories()
        out.print(_text(f"demo corpus: {_summary(report)}"))
        out.print(_table(render.STORY_COLUMNS, render.story_rows(found), styles=STORY_COLUMN_STYLES))
    out.print(_text(_demo_where(db, found[0].id if found else "ID", str(options.names_file))))
    if report.failures:
        sys.exit(EXIT_INPUT_FAILED)


def _demo_where(db: str | None, story_id: str, names: str) -> str:
    """Where the demo's database is, and the command that shows one of its stories."""
    show = f"newsgraph show {story_id} --names {names} --db"
    if db:
        return f"database kept at {db}; try: {show} {db}"
    keep = "newsgraph demo --db demo.db"
    return f"the demo database was a temporary file, now deleted; to keep one: {keep}, then {show} demo.db"


if __name__ == "__main__":
    main()
