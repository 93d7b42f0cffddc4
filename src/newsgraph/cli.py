"""The command line: a thin layer over the Python API (newsgraph.api)."""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import DBAPIError, OperationalError

from newsgraph.analyze.gazetteer import GazetteerError
from newsgraph.analyze.registry import RegistryError
from newsgraph.api import Newsgraph
from newsgraph.export import CSV_TABLES, replacing, stream, write_csv, write_json, write_jsonl
from newsgraph.ingest.sources import Item
from newsgraph.models import (
    BriefArticle,
    Entity,
    Failure,
    HistoryEntry,
    IngestReport,
    PlaceCount,
    ReprintGroup,
    Story,
)
from newsgraph.options import Options
from newsgraph.resources import data_path
from newsgraph.store.db import ENV_DB, StoreError
from newsgraph.stories.similarity import similarity

EXIT_INPUT_FAILED = 2

db_option = click.option(
    "--db",
    envvar=ENV_DB,
    default="newsgraph.db",
    show_default=True,
    help=f"SQLite file or SQLAlchemy URL (also ${ENV_DB}).",
)


def _console(stderr: bool = False) -> Console:
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not console.is_terminal:  # piped or captured: wide enough for a table row per story
        console = Console(stderr=stderr, highlight=False, soft_wrap=True, width=160)
    return console


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


def _run_ingest(ng: Newsgraph, sources: list[str], quiet: bool) -> IngestReport:
    err = _console(stderr=True)
    show_bar = not quiet and err.is_terminal
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} read"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not show_bar,
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(item: Item) -> None:
            progress.advance(task)
            if show_bar and isinstance(item, Failure):
                progress.console.print(Text(f"failed: {item}"), style="red")

        report = ng.ingest(sources, progress=tick)
    if not show_bar:  # one line per failed input, on standard error
        for failure in report.failures:
            err.print(Text(f"failed: {failure}"))
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
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
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
@click.option(
    "--names",
    type=click.Path(dir_okay=False),
    envvar="NEWSGRAPH_NAMES",
    default=None,
    help="Your own names file (JSON: people, country forms, places) added to the registry; env NEWSGRAPH_NAMES.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=Options.batch_size,
    show_default=True,
    help="Articles analysed and stored together, in one transaction.",
)
def ingest(
    sources: tuple[str, ...], db: str, quiet: bool, max_bytes: int, timeout: float, names: str | None, batch_size: int
) -> None:
    """Ingest files, folders, JSONL ('-' for standard input), HTML pages, feeds and URLs.

    Bad inputs are reported one per line and the rest is ingested; the exit status is 2
    when any input failed. Several ingests may run at once on one database.
    """
    options = Options(max_bytes=max_bytes, http_timeout=timeout, names_file=names, batch_size=batch_size)
    with _open(db, options) as ng:
        try:
            report = _run_ingest(ng, list(sources), quiet)
        except GazetteerError as exc:
            raise click.ClickException(str(exc)) from None
        except OperationalError as exc:
            reason = " ".join(str(exc.orig).split())
            raise click.ClickException(
                f"database error: {reason}; committed batches are kept and running the ingest again completes it"
            ) from None
    _console().print(Text(_summary(report)))
    if report.failures:
        sys.exit(EXIT_INPUT_FAILED)


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
            Text(st.id),
            Text(st.title or "(untitled)"),
            str(len(st.article_ids)),
            Text(", ".join(st.outlets) or "-"),
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
        click.echo(json.dumps([dataclasses.asdict(st) for st in found], ensure_ascii=False, indent=2))
        return
    _console().print(stories_table(found))


@main.command()
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the brief as JSON (the fields of newsgraph.StoryBrief).")
def show(story_id: str, db: str, as_json: bool) -> None:
    """Show one story: its articles, reprints, history, dates, the actors and places it names."""
    with _open(db, create=False) as ng:
        brief = ng.brief(story_id)
    if brief is None:
        raise click.ClickException(f"no story {story_id!r} (see 'newsgraph stories')")
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(brief), ensure_ascii=False, indent=2))
        return
    story = brief.story
    out = _console()
    out.print(Text(story.title or "(untitled)", style="bold"))
    out.print(Text(f"{story.id} · {len(brief.articles)} articles · {len(story.outlets)} outlets · {_dates(story)}"))
    out.print(articles_table(brief.articles))
    lines = [reprint_line(g, len(brief.articles)) for g in brief.reprints] + [history_line(e) for e in brief.history]
    for line in lines:
        out.print(Text(line))
    if brief.dates:
        out.print(Text("dates: " + ", ".join(f"{d.value} ({d.mentions})" for d in brief.dates[:10])))
    for line in actor_lines(brief.actors):
        out.print(Text(line))
    if brief.places:
        out.print(Text("places: " + place_summary(brief.places)))


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
            Text(a.outlet or "-"),
            Text(a.title or "-"),
            Text(", ".join(a.credited) or "-"),
            Text(reprint),
            a.language or "-",
            Text(a.id),
        )
    return table


def history_line(entry: HistoryEntry) -> str:
    n = len(entry.article_ids)
    count = f"{n} article" + ("" if n == 1 else "s")
    if entry.kind == "merged":
        return f"{entry.at}: story {entry.other_id} ({count}) merged into {entry.story_id}"
    return f"{entry.at}: {count} split from {entry.story_id} into {entry.other_id}"


def reprint_line(group: ReprintGroup, total: int) -> str:
    """'2 of 6 articles are reprints of one AFP dispatch'."""
    if group.source:
        source = f"one {group.source} {group.kind}"
    else:
        source = "one text" if group.kind == "text" else f"one {group.kind}"
    noun = "article is a reprint" if len(group.copies) == 1 else "articles are reprints"
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
            record = json.loads(line)
            score = similarity(str(record["text1"]), str(record["text2"]), record.get("lang1"), record.get("lang2"))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            err.print(Text(f"failed: line {lineno}: {exc.__class__.__name__}: {exc}"))
            failed = True
            continue
        output.write(json.dumps({"id": record.get("id"), "score": round(score, 4)}) + "\n")
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


# --- export ---------------------------------------------------------------------------------


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True)
@click.option(
    "--table",
    type=click.Choice(CSV_TABLES),
    default="articles",
    show_default=True,
    help="With --format csv: which table.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="File to write (default: standard output).",
)
def export(db: str, fmt: str, table: str, output: str) -> None:
    """Export everything as the JSON contract of docs/export.md (or JSONL, or one CSV table).

    Records are read from one snapshot and written as they come, so memory does not grow with the
    database. A file is written under a temporary name and renamed when complete."""
    regular = output != "-" and (Path(output).is_file() or not Path(output).exists())  # not /dev/null, a pipe
    with (
        _open(db, create=False) as ng,
        stream(ng.store) as data,
        replacing(output) if regular else click.open_file(output, "w", encoding="utf-8") as out,
    ):
        if fmt == "json":
            write_json(data, out)
        elif fmt == "jsonl":
            write_jsonl(data, out)
        else:
            write_csv(data, out, table)


# --- demo -------------------------------------------------------------------------------------


def demo_folder() -> Path:
    folder = Path(str(data_path("demo")))
    if not folder.is_dir():
        raise click.ClickException("the demo corpus is not installed as files (zipped package?)")
    return folder


@main.command()
@click.option("--db", default=None, help="Keep the demo database here (default: a temporary file).")
def demo(db: str | None) -> None:
    """Ingest the bundled demo corpus and print its stories."""
    out = _console()
    with tempfile.TemporaryDirectory(prefix="newsgraph-demo-") as tmp:
        target = db or str(Path(tmp) / "demo.db")
        with _open(target) as ng:
            report = _run_ingest(ng, [str(demo_folder())], quiet=False)
            found = ng.stories()
        out.print(Text(f"demo corpus: {_summary(report)}"))
        out.print(stories_table(found))
        if db:
            out.print(Text(f"database kept at {db}; try: newsgraph show {found[0].id} --db {db}"))
    if report.failures:
        sys.exit(EXIT_INPUT_FAILED)


if __name__ == "__main__":
    main()
