"""The command line: a thin layer over the Python API (newsgraph.api)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
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
from sqlalchemy.exc import DBAPIError, OperationalError

from newsgraph.analyze.executors import ExecutorError
from newsgraph.analyze.gazetteer import GazetteerError
from newsgraph.analyze.registry import RegistryError
from newsgraph.api import Newsgraph
from newsgraph.atomic import atomic_write
from newsgraph.export import (
    CSV_TABLES,
    collections,
    stream,
    table_rows,
    write_csv,
    write_json,
    write_jsonl,
    write_parquet,
)
from newsgraph.ingest.metadata import parse_date
from newsgraph.ingest.sources import FEED_SUFFIXES, JSONL_SUFFIXES, SUPPORTED, Item, Skipped, special_file, walk
from newsgraph.models import (
    Article,
    BriefArticle,
    Entity,
    Fact,
    Failure,
    HistoryEntry,
    IngestReport,
    Notice,
    PlaceCount,
    Provenance,
    RelationEvent,
    ReprintGroup,
    SpeakerQuotes,
    Story,
)
from newsgraph.options import Options
from newsgraph.report.safe import json_safe, terminal_safe
from newsgraph.resources import data_path
from newsgraph.store.db import ENV_DB, StoreError
from newsgraph.stories.similarity import similarity

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
names_option = click.option(
    "--names",
    type=click.Path(dir_okay=False),
    envvar="NEWSGRAPH_NAMES",
    default=None,
    help="Your own names file (JSON: people, country forms, places, outlets); env NEWSGRAPH_NAMES.",
)


def _console(stderr: bool = False) -> Console:
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not console.is_terminal:  # piped or captured: wide enough for a table row per story
        console = Console(stderr=stderr, highlight=False, soft_wrap=True, width=160)
    return console


def _text(text: str, style: str = "") -> Text:
    """Rich text with the control characters of untrusted input (titles, outlets, sources) made harmless."""
    return Text(terminal_safe(text), style=style)


def _json(value: Any) -> str:
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2))


def _open(db: str, options: Options | None = None, create: bool = True) -> Newsgraph:
    """The database; read-only commands pass create=False, so that a mistyped path creates nothing."""
    try:
        return Newsgraph(db, options, create=create)
    except (StoreError, RegistryError) as exc:
        raise click.ClickException(str(exc)) from None
    except DBAPIError as exc:  # a server that is not there, a file that is not a database
        raise click.ClickException(f"cannot open the database: {' '.join(str(exc.orig).split())}") from None


@click.group()
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

    def __enter__(self) -> _Ticker:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def item(self, item: Item) -> None:
        self.read += 1
        if isinstance(item, Article):
            self.sources[item.id] = item.source
        if isinstance(item, Failure):
            self.failed += 1
            self.shown.add(id(item))
            self._line(f"failed: {item}")
        elif isinstance(item, Notice) and self.mode != "quiet":
            self._line(f"warning: {item}")
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
        (self.bar.console if self.bar is not None else self.err).print(_text(line))


def _run_ingest(ng: Newsgraph, sources: list[str], verbosity: int, every: float = PROGRESS_EVERY) -> IngestReport:
    """Ingest with progress on standard error; then every failure (and, with -v, every stored article)."""
    err = _console(stderr=True)
    if verbosity < 0:
        mode = "quiet"
    elif err.is_terminal and verbosity == 0:
        mode = "bar"
    else:
        mode = "verbose" if verbosity > 0 else "lines"
    with _Ticker(err, mode, every, lambda: estimate_items(sources)) as ticker:
        report = ng.ingest(sources, progress=ticker.item, on_stage=ticker.on_stage)
    if mode == "verbose":
        for article_id in report.ingested:
            err.print(_text(f"stored: {ticker.sources.get(article_id, '')} ({article_id})"))
        for source in report.duplicates:
            err.print(_text(f"duplicate: {source}"))
    for failure in report.failures:  # those found after reading: in analysis, in storage, in grouping
        if id(failure) not in ticker.shown:
            err.print(_text(f"failed: {failure}"))
    return report


def _summary(report: IngestReport) -> str:
    parts = [
        f"ingested {len(report.ingested)}",
        f"duplicates {len(report.duplicates)}",
        f"failed {len(report.failures)}",
    ]
    if report.skipped:
        parts.append(f"skipped {len(report.skipped)} unsupported files")
    return ", ".join(parts)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("-q", "--quiet", is_flag=True, help="Print only failures (and the summary).")
@click.option("-v", "--verbose", is_flag=True, help="Also list every article stored, duplicate and file skipped.")
@click.option(
    "--max-bytes",
    type=int,
    default=Options.max_bytes,
    show_default=True,
    help="Refuse files and downloads larger than this.",
)
@click.option(
    "--timeout",
    type=float,
    default=Options.http_timeout,
    show_default=True,
    help="Seconds to wait when fetching a URL.",
)
@names_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=Options.batch_size,
    show_default=True,
    help="Articles analysed and stored together, in one transaction.",
)
@click.option("--outlet", default=None, help="Outlet of the articles whose input names none.")
@click.option(
    "--published",
    default=None,
    metavar="DATE",
    help="Publication date of the articles whose input gives none (2016-02-01, 'Feb 1, 2016', ...).",
)
@click.option(
    "--no-path-dates",
    is_flag=True,
    help="Do not take dates and outlets from file paths (nyt_2016-02-01_x.txt, 2016/02/01/x.txt).",
)
@click.option(
    "--progress-every",
    type=click.FloatRange(min=0),
    default=PROGRESS_EVERY,
    show_default=True,
    help="Off a terminal, print a progress line every this many seconds.",
)
@click.option(
    "--no-compare",
    is_flag=True,
    help="Do not compare the changed stories' coverage now (later: newsgraph compare).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Analyse on this many local worker processes (each loads the model once).",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS",
    help="Analyse on a Dask distributed cluster: its scheduler's address (tcp://host:8786); needs newsgraph[dask].",
)
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
) -> None:
    """Ingest files, folders, JSONL ('-' for standard input), HTML pages, feeds and URLs.

    Bad inputs are reported one per line and the rest is ingested; the exit status is 2
    when any input failed. Several ingests may run at once on one database. What is refused,
    and why: docs/ingest.md.
    """
    day = parse_date(published) if published else None
    if published and day is None:
        raise click.BadParameter(f"{published!r} is not a date", param_hint="--published")
    options = Options(
        max_bytes=max_bytes,
        http_timeout=timeout,
        names_file=names,
        batch_size=batch_size,
        outlet=outlet.strip() or None if outlet else None,
        published=day,
        dates_from_paths=not no_path_dates,
        compare=not no_compare,
        workers=workers,
        dask=dask_address,
    )
    if dask_address and importlib.util.find_spec("distributed") is None:
        raise click.UsageError("--dask needs Dask distributed: pip install 'newsgraph[dask]'")
    with _open(db, options) as ng:
        try:
            report = _run_ingest(ng, list(sources), -1 if quiet else int(verbose), progress_every)
        except (GazetteerError, ExecutorError) as exc:
            raise click.ClickException(str(exc)) from None
        except OperationalError as exc:
            reason = " ".join(str(exc.orig).split())
            raise click.ClickException(
                f"database error: {reason}; committed batches are kept and running the ingest again completes it"
            ) from None
    _console().print(_text(_summary(report)))
    if report.failures:
        sys.exit(EXIT_INPUT_FAILED)


def estimate_items(sources: list[str]) -> int | None:
    """How many records the inputs hold, counted cheaply (files, JSONL lines, feed entries); None when
    unknown (standard input)."""
    total = 0
    for name in sources:
        if name == "-":
            return None
        path = Path(name)
        try:
            files = [f for f in walk(path) if isinstance(f, Path)] if path.is_dir() else [path]
        except OSError:
            files = []
        total += sum(_records_in(f) for f in files) if files else 1
    return total


ESTIMATE_BYTES = 1 << 30
"""Bytes of one file read to count its records for the progress total (a larger file counts what is in them)."""


def _records_in(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        return 1
    if suffix not in JSONL_SUFFIXES | FEED_SUFFIXES:
        return 1
    marks = (b"\n",) if suffix in JSONL_SUFFIXES else (b"<item", b"<entry")
    count = 0
    try:
        if special_file(os.stat(path).st_mode) is not None:
            return 1  # a device or a pipe: ingest refuses it, and reading it here might never end
        with path.open("rb") as f:
            tail = b""
            read = 0
            while read < ESTIMATE_BYTES and (chunk := f.read(1 << 20)):
                read += len(chunk)
                window = tail + chunk
                count += sum(window.count(m) for m in marks) - sum(tail.count(m) for m in marks)
                tail = window[-8:]
    except OSError:
        return 1
    return max(count, 1)


# --- stories -------------------------------------------------------------------------------


def _dates(story: Story) -> str:
    first, last = story.first_published, story.last_published
    if not first:
        return "-"
    return first if first == last else f"{first} .. {last}"


def stories_table(stories: list[Story]) -> Table:
    table = Table(show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    table.add_column("articles", justify="right")
    table.add_column("outlets")
    table.add_column("dates", no_wrap=True)
    for st in stories:
        table.add_row(
            _text(st.id),
            _text(st.title or "(untitled)"),
            str(len(st.article_ids)),
            _text(", ".join(st.outlets) or "-"),
            _dates(st),
        )
    return table


@main.command()
@db_option
@click.option("--limit", type=int, default=None, help="Show at most this many stories.")
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON (the fields of newsgraph.Story).")
def stories(db: str, limit: int | None, as_json: bool) -> None:
    """List stories, largest first."""
    with _open(db, create=False) as ng:
        found = ng.stories()
    found = found[:limit] if limit else found
    if as_json:
        click.echo(_json([dataclasses.asdict(st) for st in found]))
        return
    _console().print(stories_table(found))


@main.command()
@click.argument("story_id")
@db_option
@names_option
@click.option("--json", "as_json", is_flag=True, help="Print the brief as JSON (the fields of newsgraph.StoryBrief).")
def show(story_id: str, db: str, names: str | None, as_json: bool) -> None:
    """Show one story: its articles, reprints, history, dates, the actors and places it names, who said what.

    With --names, the wire agencies of your names file are told as such in its reprint lines.
    """
    with _open(db, Options(names_file=names), create=False) as ng:
        brief = ng.brief(story_id)
    if brief is None:
        raise click.ClickException(f"no story {story_id!r} (see 'newsgraph stories')")
    if as_json:
        click.echo(_json(dataclasses.asdict(brief)))
        return
    story = brief.story
    out = _console()
    out.print(_text(story.title or "(untitled)", style="bold"))
    out.print(_text(f"{story.id} · {len(brief.articles)} articles · {len(story.outlets)} outlets · {_dates(story)}"))
    out.print(articles_table(brief.articles))
    lines = [reprint_line(g, len(brief.articles)) for g in brief.reprints] + [history_line(e) for e in brief.history]
    for line in lines:
        out.print(_text(line))
    if brief.dates:
        out.print(_text("dates: " + ", ".join(f"{d.value} ({d.mentions})" for d in brief.dates[:10])))
    for line in actor_lines(brief.actors):
        out.print(_text(line))
    if brief.places:
        out.print(_text("places: " + place_summary(brief.places)))
    for line in quote_lines(brief.quotes):
        out.print(_text(line))
    for line in event_lines(brief.events):
        out.print(_text(line))
    for line in fact_lines(brief.facts):
        out.print(_text(line))
    for line in provenance_lines(brief.provenance):
        out.print(_text(line))


def provenance_lines(entries: list[Provenance]) -> list[str]:
    """'provenance:' and one line per article: what it credits, the media it cites, whom it quotes, what it
    reprints."""
    lines = []
    for p in entries:
        parts = []
        if p.credited:
            parts.append("credits " + ", ".join(p.credited))
        if p.reprint_of:
            parts.append(f"reprints {p.reprint_of}")
        if p.media:
            parts.append("cites " + ", ".join(p.media))
        if p.quoted:
            parts.append(
                "quotes " + ", ".join(p.quoted[:8]) + (f" and {len(p.quoted) - 8} more" if len(p.quoted) > 8 else "")
            )
        if parts:
            lines.append(f"  {p.outlet or '(no outlet)'} ({p.article_id}): " + "; ".join(parts))
    return ["provenance:", *lines] if lines else []


SINGLE_SHOWN = 12
"""Single-source facts `show` lists (then how many more)."""
FACT_CHARS = 160


def fact_line(f: Fact) -> str:
    """One aligned fact: its kind, who, its first wording, the independent sources, how its wordings differ, and
    for a conflict what is set against it."""
    who = f"{f.who}: " if f.who and f.kind != "event" else (f"{f.who} · " if f.who else "")
    text = " ".join(f.text.split())
    text = text if len(text) <= FACT_CHARS else text[: FACT_CHARS - 1] + "…"
    asserted = [v for v in f.variants if v.stance == "asserts"]
    wordings = len({" ".join(v.text.split()) for v in asserted})
    spread = max((v.distance for v in asserted), default=0.0)
    line = f"  {f.kind:<8} {who}{text} — {', '.join(f.outlets)}"
    if wordings > 1:
        line += f" ({wordings} wordings, up to {spread:.2f} apart)"
    denials = [v for v in f.variants if v.stance == "denies"]
    if denials:
        line += " ✗ denied: " + "; ".join(
            f"{' '.join(v.text.split())[:80]} ({v.outlet or v.article_id})" for v in denials
        )
    elif f.status == "conflicting":
        line += " ✗ differ: " + "; ".join(
            f"{' '.join(v.text.split())[:60]} ({v.outlet or v.article_id})" for v in f.variants
        )
    return line


def evidence_line(f: Fact) -> str:
    """Where a fact's words are: each article's id and character offsets (`newsgraph show`'s article ids)."""
    return "           at " + ", ".join(f"{e.article_id} {e.start}-{e.end}" for e in f.evidence)


def fact_lines(facts: list[Fact]) -> list[str]:
    """'conflicts:', 'agreed by independent sources:' and 'only one source:' with their facts."""
    lines: list[str] = []
    for status, title in (
        ("conflicting", "conflicts:"),
        ("corroborated", "agreed by independent sources:"),
        ("single_source", "only one source:"),
    ):
        found = [f for f in facts if f.status == status]
        if not found:
            continue
        lines.append(title)
        shown = found if status != "single_source" else found[:SINGLE_SHOWN]
        for f in shown:
            lines += [fact_line(f), evidence_line(f)]
        if len(found) > len(shown):
            lines.append(f"  … {len(found) - len(shown)} more (newsgraph show --json lists them all)")
    return lines


EVENT_SHOWN = 60
"""Events `show` lists (then how many more)."""


def event_line(e: RelationEvent) -> str:
    """'2023-10-19 CONSULT   Sergei Lavrov (RUS) -> Kim Jong Un (PRK), claimed by X · +3.0 · The Outlet'."""

    def who(name: str | None, country: str | None) -> str:
        return f"{name or '?'}{f' ({country})' if country and country != name else ''}"

    mode = "" if e.mode == "asserted" else f" ({e.mode})"
    claim = f", claimed by {e.claimant}" if e.claimant else ""
    target = f" -> {who(e.target, e.target_country)}" if e.target else ""
    return (
        f"  {e.date or 'undated':<10} {e.type:<9} {who(e.source, e.source_country)}{target}{mode}{claim}"
        f" · {e.intensity:+.1f} · {e.outlet or e.article_id}"
    )


def event_lines(events: list[RelationEvent]) -> list[str]:
    """'events:' and a story's events, one line each in date order."""
    if not events:
        return []
    lines = ["events:"] + [event_line(e) for e in events[:EVENT_SHOWN]]
    if len(events) > EVENT_SHOWN:
        lines.append(f"  … {len(events) - EVENT_SHOWN} more (newsgraph show --json lists them all)")
    return lines


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
    actor_a: str,
    actor_b: str,
    db: str,
    names: str | None,
    by: str,
    output: str | None,
    show_events: bool,
    as_json: bool,
) -> None:
    """What two actors did to each other over time: events per period, cooperation and conflict, mean intensity.

    An actor is a country (code such as RUS, or name) or any entity by name or id (see 'newsgraph actors').
    """
    with _open(db, Options(names_file=names), create=False) as ng:
        try:
            relation = ng.relations(actor_a, actor_b, by)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    if output:
        from newsgraph.report.charts import write_svg

        write_svg(relation, output)
    if as_json:
        click.echo(_json(dataclasses.asdict(relation)))
        return
    from newsgraph.report.charts import terminal_chart

    out = _console()
    for line in terminal_chart(relation):
        out.print(_text(line))
    if show_events:
        by_id = {e.id: e for e in relation.events}
        for point in relation.points:
            out.print(_text(f"{point.period}:"))
            for eid in point.events:
                out.print(_text(event_line(by_id[eid])))
    if output:
        _console(stderr=True).print(_text(f"chart written to {output}"))


@main.command("compare")
@db_option
@click.option("--all", "everything", is_flag=True, help="Compare every story again (after upgrading newsgraph).")
def compare_command(db: str, everything: bool) -> None:
    """Compare the coverage of every story changed since it was last compared (ingest does it itself unless
    --no-compare): the facts its outlets agree on, report alone or contradict, and provenance."""
    failures: list[Failure] = []
    with _open(db, Options(), create=False) as ng:
        try:
            done = ng.update_comparisons(everything, failures)
        except OperationalError as exc:
            raise click.ClickException(f"database error: {' '.join(str(exc.orig).split())}; run it again") from None
    err = _console(stderr=True)
    for failure in failures:
        err.print(_text(f"failed: {failure.source}: {failure.reason}"))
    err.print(_text(f"{done} stories compared"))
    if failures:
        sys.exit(EXIT_INPUT_FAILED)


@main.command("report")
@db_option
@names_option
@click.option("-o", "--output", "folder", required=True, type=click.Path(file_okay=False), help="Folder to write.")
@click.option("--limit", type=int, default=None, help="Only the largest N stories.")
@click.option("--pairs", type=int, default=10, show_default=True, help="Pages for the N most active pairs of actors.")
def report_command(db: str, names: str | None, folder: str, limit: int | None, pairs: int) -> None:
    """Write a static HTML report (opens from disk, no server, no network): stories with their facts, provenance
    and timeline, and relation charts for the most active pairs of actors."""
    with _open(db, Options(names_file=names), create=False) as ng:
        written = ng.report(folder, limit, pairs)
    _console(stderr=True).print(_text(f"{len(written)} files written to {folder}; open {Path(folder) / 'index.html'}"))


@main.command("actors")
@db_option
@names_option
@click.option("--limit", type=int, default=20, show_default=True, help="Actors and pairs to list.")
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
    table = Table("actor", "key", "events", "as source", "as target", "mean intensity", title="most active actors")
    for a in found:
        table.add_row(
            _text(a.name), _text(a.key), str(a.events), str(a.as_source), str(a.as_target), _signed(a.intensity)
        )
    out.print(table)
    table = Table("pair", "events", "cooperation", "conflict", "mean intensity", title="most active pairs")
    for d in dyads:
        pair = _text(f"{d.a_name} – {d.b_name}")
        table.add_row(pair, str(d.events), str(d.cooperation), str(d.conflict), _signed(d.intensity))
    out.print(table)


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


QUOTE_CHARS = 300
"""Characters of a quote's text `show` prints (then '…')."""


def _quoted(text: str, kind: str = "direct") -> str:
    text = " ".join(text.split())
    text = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"
    marks = "\"“”«»‘’„'"
    already = text[:1] in marks and text.rstrip(" .,")[-1:] in marks
    return f"“{text}”" if kind == "direct" and not already else text


def quote_lines(groups: list[SpeakerQuotes]) -> list[str]:
    """'quotes:', then each speaker ('Sergei Lavrov (person): 2') and their quotes, one line each: '-' for a
    claim, '✗' for a denial, followed by a 'denies (officials): ...' line with what it denies. Direct quotes are
    in quotation marks, reported speech is not."""
    if not groups:
        return []
    lines = ["quotes:"]
    for group in groups:
        who = group.speaker or "(no speaker found)"
        lines.append(f"  {who}{f' ({group.kind})' if group.kind else ''}: {len(group.quotes)}")
        for q in group.quotes:
            mark = "✗" if q.stance == "denies" else "-"
            about = [q.cue or q.stance] + (["hedged"] if q.hedged else []) + ([f"via {q.via}"] if q.via else [])
            where = f"{q.outlet}, {q.article_id}" if q.outlet else q.article_id
            lines.append(f"    {mark} {_quoted(q.text, q.kind)} ({'; '.join(about)}) · {where}")
            if q.denies is not None:
                whose = f" ({q.denies_speaker})" if q.denies_speaker else ""
                lines.append(f"        denies{whose}: {_quoted(q.denies, 'indirect')}")
    return lines


def place_summary(places: list[PlaceCount], limit: int = 12) -> str:
    """'Pyongyang (PRK, city; 39.03, 125.75) 15, ...': the places given, most named first."""
    parts = []
    for p in places[:limit]:
        where = f"{p.country}, {p.feature}" if p.country and p.feature != "country" else p.feature
        parts.append(f"{p.name} ({where}; {p.lat:.2f}, {p.lon:.2f}) {p.mentions}")
    return ", ".join(parts)


def articles_table(articles: list[BriefArticle]) -> Table:
    table = Table()
    for col in ("published", "outlet", "title", "credited", "reprint of", "lang", "id"):
        table.add_column(col)
    by_id = {a.id: a for a in articles}
    for a in articles:
        root, overlap = a.reprint_of, a.reprint_overlap
        original = by_id.get(root) if root else None
        reprint = f"{original.outlet if original else root} ({overlap:.0%})" if root and overlap is not None else "-"
        table.add_row(
            a.published or "-",
            _text(a.outlet or "-"),
            _text(a.title or "-"),
            _text(", ".join(a.credited) or "-"),
            _text(reprint),
            a.language or "-",
            _text(a.id),
        )
    return table


def history_line(entry: HistoryEntry) -> str:
    n = len(entry.article_ids)
    count = f"{n} article" + ("" if n == 1 else "s")
    if entry.kind == "merged":
        return f"{entry.at}: story {entry.other_id} ({count}) merged into {entry.story_id}"
    return f"{entry.at}: {count} split from {entry.story_id} into {entry.other_id}"


def reprint_line(group: ReprintGroup, total: int) -> str:
    """'2 of 6 articles are reprints of one AFP dispatch', '1 of 2 articles is a reprint of one text'."""
    if group.source:
        source = f"one {group.source} {group.kind}"
    else:
        source = "one text" if group.kind == "text" else f"one {group.kind}"
    noun = "articles is a reprint" if len(group.copies) == 1 else "articles are reprints"
    return f"{len(group.copies)} of {total} {noun} of {source}"


ACTOR_HEADINGS = (("person", "people"), ("country", "countries"), ("organization", "organizations"))


def actor_lines(actors: list[Entity], per_kind: int = 8) -> list[str]:
    """'people: Kim Jong Un (PRK, leader) 6, ...': the story's actors, most mentioned first."""
    lines = []
    for kind, heading in ACTOR_HEADINGS:
        found = [e for e in actors if e.type == kind][:per_kind]
        if found:
            parts = []
            for e in found:
                about = ", ".join(x for x in (e.country if kind == "person" else None, e.role) if x)
                parts.append(f"{e.name}{f' ({about})' if about else ''} {e.mentions}")
            lines.append(f"{heading}: " + ", ".join(parts))
    return lines


# --- similarity ------------------------------------------------------------------------------


@main.command("similarity")
@click.argument("pairs", type=click.File("r", encoding="utf-8"))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Default: standard output.")
def similarity_command(pairs: Any, output: Any) -> None:
    """Score pairs of texts: PAIRS.jsonl lines {"id", "text1", "text2", "lang1", "lang2"} -> {"id", "score"}.

    The score (0..1) says how likely the two texts report the same story; languages are detected
    when not given. A bad line gets one line on standard error and the rest go on (exit status 2).
    """
    failed = False
    err = _console(stderr=True)
    for lineno, line in enumerate(pairs, start=1):
        if not line.strip():
            continue
        try:
            record = similarity_record(line)
            score = similarity(record["text1"], record["text2"], record.get("lang1"), record.get("lang2"))
        except ValueError as exc:
            err.print(_text(f"failed: line {lineno}: {exc}"))
            failed = True
            continue
        except Exception as exc:  # a bug on one pair must not cost the others
            err.print(_text(f"failed: line {lineno}: unexpected error: {exc.__class__.__name__}: {exc}"))
            failed = True
            continue
        output.write(json.dumps({"id": record.get("id"), "score": round(score, 4)}, ensure_ascii=False) + "\n")
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


def similarity_record(line: str) -> dict[str, Any]:
    """One line of a pairs file, checked: ValueError with the reason when it is not a usable pair."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    for key in ("text1", "text2"):
        if key not in record:
            raise ValueError(f"no {key!r}")
        if not isinstance(record[key], str) or not record[key].strip():
            raise ValueError(f"{key!r} must be a non-empty string")
    for key in ("lang1", "lang2"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise ValueError(f"{key!r} must be a language code such as 'en'")
    if record.get("id") is not None and not isinstance(record["id"], str | int):
        raise ValueError("'id' must be a string or a number")
    return record


# --- export ---------------------------------------------------------------------------------


@main.command()
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "parquet"]), default="json", show_default=True
)
@click.option(
    "--table",
    type=click.Choice(CSV_TABLES),
    default="articles",
    show_default=True,
    help="With --format csv or parquet: which table.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="File to write (default: standard output; parquet needs a file).",
)
def export(db: str, fmt: str, table: str, output: str) -> None:
    """Export everything as the JSON contract of docs/export.md (or JSONL, or one table as CSV or Parquet).

    Records are read from one snapshot and written as they come, so memory does not grow with the
    database. A file is written under a temporary name and renamed when complete."""
    regular = output != "-" and (Path(output).is_file() or not Path(output).exists())  # not /dev/null, a pipe
    if fmt == "parquet":
        _export_parquet(db, table, output, regular)
        return
    with (
        _open(db, create=False) as ng,
        stream(ng.store) as data,
        atomic_write(output) if regular else click.open_file(output, "w", encoding="utf-8") as out,
    ):
        if fmt == "json":
            write_json(data, out)
        elif fmt == "jsonl":
            write_jsonl(data, out)
        else:
            write_csv(data, out, table)


def _export_parquet(db: str, table: str, output: str, regular: bool) -> None:
    if output == "-":
        raise click.UsageError("--format parquet writes a file: give -o FILE")
    if importlib.util.find_spec("pyarrow") is None:
        raise click.ClickException("--format parquet needs pyarrow: pip install 'newsgraph[bulk]'")
    with (
        _open(db, create=False) as ng,
        ng.store.snapshot() as view,
        atomic_write(output, binary=True) if regular else open(output, "wb") as out,
    ):
        write_parquet(lambda: table_rows(collections(view), table), out)


# --- demo -------------------------------------------------------------------------------------


def demo_folder() -> Path:
    folder = Path(str(data_path("demo")))
    if not folder.is_dir():
        raise click.ClickException("the demo corpus is not installed as files (zipped package?)")
    return folder


def demo_names_file() -> Path:
    """The demo's names file: its invented outlets and wire agencies (package data)."""
    return Path(str(data_path("demo_names.json")))


DEMO_NOTICE = (
    "The demo articles are invented for illustration, and so are their outlets and wire agencies "
    "(Quillwire, Lodestar News): no real outlet published any of them. See {readme}"
)


@main.command()
@click.option("--db", default=None, help="Keep the demo database here (default: a temporary file).")
def demo(db: str | None) -> None:
    """Ingest the bundled demo corpus (invented articles by invented outlets) and print its stories."""
    out = _console()
    out.print(Text(DEMO_NOTICE.format(readme=data_path("demo_README.md"))))
    names = str(demo_names_file())
    with tempfile.TemporaryDirectory(prefix="newsgraph-demo-") as tmp:
        target = db or str(Path(tmp) / "demo.db")
        with _open(target, Options(names_file=names)) as ng:
            report = _run_ingest(ng, [str(demo_folder())], 0)
            found = ng.stories()
        out.print(_text(f"demo corpus: {_summary(report)}"))
        out.print(stories_table(found))
        if db:
            out.print(_text(f"database kept at {db}; try: newsgraph show {found[0].id} --names {names} --db {db}"))
    if report.failures:
        sys.exit(EXIT_INPUT_FAILED)


if __name__ == "__main__":
    main()
