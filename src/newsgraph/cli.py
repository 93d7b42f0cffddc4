"""The command line: a thin layer over the Python API (newsgraph.api)."""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsgraph.analyze.registry import RegistryError
from newsgraph.api import Newsgraph
from newsgraph.export import CSV_TABLES, build_export, write_csv, write_json, write_jsonl
from newsgraph.ingest.metadata import is_wire
from newsgraph.ingest.sources import Item
from newsgraph.models import Article, Failure, IngestReport, Story
from newsgraph.options import Options
from newsgraph.resources import data_path
from newsgraph.store.db import ENV_DB, SchemaMismatch
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


def _open(db: str, options: Options | None = None) -> Newsgraph:
    try:
        return Newsgraph(db, options)
    except (SchemaMismatch, RegistryError) as exc:
        raise click.ClickException(str(exc)) from None


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
def ingest(sources: tuple[str, ...], db: str, quiet: bool, max_bytes: int, timeout: float, names: str | None) -> None:
    """Ingest files, folders, JSONL ('-' for standard input), HTML pages, feeds and URLs.

    Bad inputs are reported one per line and the rest is ingested; the exit status is 2
    when any input failed.
    """
    with _open(db, Options(max_bytes=max_bytes, http_timeout=timeout, names_file=names)) as ng:
        report = _run_ingest(ng, list(sources), quiet)
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
def stories(db: str, limit: int | None) -> None:
    """List stories, largest first."""
    with _open(db) as ng:
        found = ng.stories()
    _console().print(stories_table(found[:limit] if limit else found))


@main.command()
@click.argument("story_id")
@db_option
def show(story_id: str, db: str) -> None:
    """Show one story: its articles, reprints, history, dates, the actors and places it names."""
    with _open(db) as ng:
        story = ng.story(story_id)
        if story is None:
            raise click.ClickException(f"no story {story_id!r} (see 'newsgraph stories')")
        articles = ng.articles(story.article_ids)
        mentions = ng.store.mentions(story.article_ids)
        reuse = ng.store.reuse(story.article_ids)
        times = ng.store.times(story.article_ids)
        places = ng.store.places(story.article_ids)
        history = [e for e in ng.store.story_log(story_id) if e["kind"] != "created"]
        entities = {e["id"]: e for e in ng.store.entities({m["entity_id"] for m in mentions if m["entity_id"]})}
    out = _console()
    out.print(Text(story.title or "(untitled)", style="bold"))
    out.print(Text(f"{story.id} · {len(articles)} articles · {len(story.outlets)} outlets · {_dates(story)}"))
    out.print(articles_table(articles, reuse))
    for line in reprint_summary(articles, reuse) + [history_line(entry) for entry in history]:
        out.print(Text(line))
    dates = Counter(t["value"] for t in times if t["type"] == "DATE" and t["value"][:1].isdigit())
    if dates:
        out.print(Text("dates: " + ", ".join(f"{v} ({c})" for v, c in dates.most_common(10))))
    for line in actor_lines(mentions, entities):
        out.print(Text(line))
    named = [p for p in places if p["feature"] != "country"]  # countries are listed above, as actors
    if named:
        out.print(Text("places: " + place_summary(named)))


def place_summary(places: list[dict[str, Any]], limit: int = 12) -> str:
    """'Pyongyang (PRK, city; 39.03, 125.75) 15, ...': the places given, most named first."""
    counts = Counter(
        (p["name"], p["country"], p["feature"], round(p["lat"], 2), round(p["lon"], 2))
        for p in places
        if not p["adjectival"]
    )
    parts = []
    for (name, country, feature, lat, lon), n in counts.most_common(limit):
        where = f"{country}, {feature}" if country and feature != "country" else feature
        parts.append(f"{name} ({where}; {lat:.2f}, {lon:.2f}) {n}")
    return ", ".join(parts)


Reuse = dict[str, tuple[str | None, float | None]]


def articles_table(articles: list[Article], reuse: Reuse) -> Table:
    table = Table()
    for col in ("published", "outlet", "title", "credited", "reprint of", "lang", "id"):
        table.add_column(col)
    by_id = {a.id: a for a in articles}
    for a in articles:
        root, overlap = reuse.get(a.id, (None, None))
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


def history_line(entry: dict[str, Any]) -> str:
    n = len(entry["article_ids"])
    count = f"{n} article" + ("" if n == 1 else "s")
    if entry["kind"] == "merged":
        return f"{entry['at']}: story {entry['other_id']} ({count}) merged into {entry['story_id']}"
    return f"{entry['at']}: {count} split from {entry['story_id']} into {entry['other_id']}"


def reprint_summary(articles: list[Article], reuse: Reuse) -> list[str]:
    """'2 of 6 articles are reprints of one AFP dispatch', one line per reprinted text."""
    by_id = {a.id: a for a in articles}
    groups: dict[str, list[str]] = {}
    for a in articles:
        root = reuse.get(a.id, (None, None))[0]
        if root:
            groups.setdefault(root, []).append(a.id)
    lines = []
    for root, copies in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        original = by_id.get(root)
        source = "one text"
        if original is not None:
            wires = [c for c in original.credited if is_wire(c)]
            who = wires[0] if wires else original.outlet
            kind = "dispatch" if wires or (original.outlet and is_wire(original.outlet)) else "article"
            source = f"one {who} {kind}" if who else f"one {kind}"
        noun = "article is a reprint" if len(copies) == 1 else "articles are reprints"
        lines.append(f"{len(copies)} of {len(articles)} {noun} of {source}")
    return lines


ACTOR_HEADINGS = (("person", "people"), ("country", "countries"), ("organization", "organizations"))


def actor_lines(mentions: list[dict[str, Any]], entities: dict[str, dict[str, Any]], per_kind: int = 8) -> list[str]:
    """'people: Kim Jong Un (PRK, leader) 6, ...': the story's actors, most mentioned first."""
    counts = Counter(m["entity_id"] for m in mentions if m["entity_id"] in entities)
    lines = []
    for kind, heading in ACTOR_HEADINGS:
        found = [(entities[eid], n) for eid, n in counts.most_common() if entities[eid]["type"] == kind][:per_kind]
        if found:
            parts = []
            for e, n in found:
                about = ", ".join(x for x in (e["country"] if kind == "person" else None, e["role"]) if x)
                parts.append(f"{e['name']}{f' ({about})' if about else ''} {n}")
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
    """Export everything as the JSON contract of docs/export.md (or JSONL, or one CSV table)."""
    with _open(db) as ng:
        data = build_export(ng.store)
    with click.open_file(output, "w", encoding="utf-8") as out:
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
