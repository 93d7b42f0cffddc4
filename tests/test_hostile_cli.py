"""The command line given every hostile input at once, and what it prints from untrusted text."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.analyze import analyze
from newsgraph.cli import main
from newsgraph.ingest.counting import count_records
from newsgraph.models import Article
from newsgraph.report.safe import json_safe, terminal_safe
from newsgraph.store import Store
from newsgraph.stories import linking
from test_hostile import GOOD, OTHER

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.mark.slow
def test_one_run_given_every_hostile_input_stores_the_good_ones(tmp_path: Path) -> None:
    """The issue's 'done when': both good articles stored, one line per bad input, no traceback, exit 2."""
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "good.txt").write_text(GOOD, encoding="utf-8")
    (inp / "other.txt").write_bytes(b"\xff\xfe" + OTHER.encode("utf-16-le"))  # UTF-16: read, not refused
    word = "Containerterminalstreikfortsetzung "
    paragraph = (word * 30).strip() + ". "
    (inp / "long.txt").write_text(  # over spaCy's 1,000,000 characters: read in pieces
        "Long strike report\n\n" + "\n\n".join(paragraph for _ in range(1_010_000 // len(paragraph))),
        encoding="utf-8",
    )
    os.mkfifo(inp / "pipe.txt")
    (inp / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02\x03" * 20)
    (inp / "broken.json").write_text('{"id": "x", "text": "unterminated', encoding="utf-8")
    flash = "Magnitude 6.1 earthquake strikes off the coast of northern Chile, no tsunami warning issued"
    records = [
        json.dumps({"id": "brief", "title": flash, "text": flash}),  # a brief: kept
        json.dumps({"id": "undated", "text": GOOD.replace("Tuesday", "Friday"), "published": "2024-13-45"}),
        json.dumps({"id": "esc", "title": "\x1b]0;owned\x07\x1b[2J", "text": OTHER.replace("Thursday", "Monday")}),
        "{bad",
    ]
    (inp / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    db = tmp_path / "n.db"
    argv = [str(inp), "/dev/zero", "file:///etc/passwd", "ftp://example.org/a.txt", str(tmp_path / "nope.txt")]
    run = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "ingest", *argv, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    failed = sorted(line for line in run.stderr.splitlines() if line.startswith("failed: "))
    only = "not a regular file; only regular files are read ('-' reads standard input)"
    assert failed == sorted(
        [
            f"failed: {inp / 'binary.txt'}: binary file, not text",
            f"failed: {inp / 'broken.json'}: malformed JSON: Unterminated string (line 1, column 21)",
            f"failed: {inp / 'pipe.txt'}: a named pipe, {only}",
            f"failed: {inp / 'records.jsonl'}:4: malformed JSON: Expecting property name enclosed in double quotes"
            " (column 2)",
            f"failed: /dev/zero: a character device, {only}",
            "failed: file:///etc/passwd: file: URLs are not supported (only http:// and https://, files and folders)",
            "failed: ftp://example.org/a.txt: ftp: URLs are not supported (only http:// and https://, files and folders)",
            f"failed: {tmp_path / 'nope.txt'}: no such file or folder",
        ]
    )
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        f"warning: {inp / 'records.jsonl'}:2: published '2024-13-45' is not a date newsgraph reads; stored without it"
    ]
    assert "ingested 6, duplicates 0, failed 8" in run.stdout
    store = Store(str(db), create=False)
    found = store.articles()
    store.close()
    stored = {Path(a.source.split(":")[0]).name + (f":{a.id}" if ":" in a.source else "") for a in found}
    assert stored == {
        "good.txt",
        "other.txt",
        "long.txt",
        "records.jsonl:brief",
        "records.jsonl:undated",
        "records.jsonl:esc",
    }
    assert not any(CONTROL.search(a.title or "") or CONTROL.search(a.text) for a in found)


def _hostile_store(db: str) -> None:
    """A database written by an older version, or by hand, with escape sequences in its fields."""
    article = Article(
        id="evil",
        text=GOOD,
        title="\x1b[2J\x1b]0;pwned\x07Title \x9b31m",
        outlet="Out\x1b[31mlet",
        published="2025-10-28",
        credited=["\x1b[1mAgent"],
        source="x",
        content_hash="h",
    )
    [analysis] = analyze([article])
    store = Store(db)
    with store.writing() as tx:
        tx.add_articles([article], [analysis], linking.link([analysis], tx))
    store.close()


def test_stories_and_show_print_no_control_characters(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    _hostile_store(db)
    runner = CliRunner()
    assert runner.invoke(main, ["stories", "--db", db]).exit_code == 0  # nothing assigned yet: an empty table
    from newsgraph import Newsgraph

    with Newsgraph(db) as ng:
        ng.update_stories()
        [story] = ng.stories()
    for argv in (["stories"], ["show", story.id], ["show", story.id, "--json"], ["stories", "--json"]):
        result = runner.invoke(main, [*argv, "--db", db])
        assert result.exit_code == 0, result.output
        assert not CONTROL.search(result.stdout.replace("\n", "")), (argv, result.stdout)
        assert "Title" in result.stdout
    shown = json.loads(runner.invoke(main, ["show", story.id, "--json", "--db", db]).stdout)
    assert shown["story"]["title"].startswith("\x1b[2J")  # JSON keeps the value, escaped


def test_safe_text_helpers() -> None:
    assert terminal_safe("a\x1b[2Jb\x9bc\u202ed\te") == "a\ufffd[2Jb\ufffdc\ufffdd\te"
    assert json.loads(json_safe(json.dumps({"t": "x\x9by\u202e"}, ensure_ascii=False))) == {"t": "x\x9by\u202e"}
    assert "\x9b" not in json_safe(json.dumps("x\x9by", ensure_ascii=False))


def test_progress_lines_off_a_terminal_and_verbose_listing(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text(GOOD, encoding="utf-8")
    (inp / "b.txt").write_text(OTHER, encoding="utf-8")
    (inp / "c.bin").write_bytes(b"\x00")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(inp), "--db", str(tmp_path / "n.db"), "--progress-every", "0"])
    assert result.exit_code == 0, result.output
    progress = [line for line in result.stderr.splitlines() if line.startswith("progress: ")]
    assert progress[0].startswith("progress: reading and analysing: 1 read, 0 failed, ")
    assert progress[-2].startswith("progress: assigning stories: 3 read, 0 failed, ")
    assert progress[-1].startswith("progress: comparing coverage: 3 read, 0 failed, ")
    result = runner.invoke(main, ["ingest", str(inp), "--db", str(tmp_path / "v.db"), "-v"])
    lines = result.stderr.splitlines()
    assert f"skipped: {inp / 'c.bin'} (not a supported kind of file)" in lines
    assert sum(line.startswith(f"stored: {inp}") for line in lines) == 2
    again = runner.invoke(main, ["ingest", str(inp), "--db", str(tmp_path / "v.db"), "-v"])
    assert sorted(line for line in again.stderr.splitlines() if line.startswith("duplicate: ")) == [
        f"duplicate: {inp / 'a.txt'}",
        f"duplicate: {inp / 'b.txt'}",
    ]
    quiet = runner.invoke(main, ["ingest", str(inp), str(tmp_path / "nope"), "--db", str(tmp_path / "q.db"), "-q"])
    assert quiet.stderr.splitlines() == [f"failed: {tmp_path / 'nope'}: no such file or folder"]


def test_the_progress_total_counts_files_jsonl_lines_and_feed_entries(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "r.jsonl").write_text("{}\n{}\n{}\n", encoding="utf-8")
    (tmp_path / "f.xml").write_text("<rss><channel><item>a</item><item>b</item></channel></rss>", encoding="utf-8")
    (tmp_path / "x.bin").write_bytes(b"\x00")
    assert count_records([str(tmp_path)]) == 1 + 3 + 2 + 1
    assert count_records([str(tmp_path), "-"]) is None


def test_the_bar_on_a_terminal_shows_the_total_rate_and_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from newsgraph import Newsgraph, cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "_console", lambda stderr=False: Console(file=screen, force_terminal=True, width=150))
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text(GOOD, encoding="utf-8")
    (inp / "b.txt").write_text(OTHER, encoding="utf-8")
    (inp / "r.jsonl").write_text(
        json.dumps({"id": "r", "text": GOOD.replace("Tuesday", "Sunday")}) + "\n", encoding="utf-8"
    )
    with Newsgraph(tmp_path / "n.db") as ng:
        report = cli._run_ingest(ng, [str(inp)], 0)
    assert len(report.ingested) == 3
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
    assert "reading and analysing" in shown and "comparing coverage" in shown  # the last stage
    assert re.search(r"\b3/3 [\d,.]+/s \d:\d\d:\d\d eta \d:\d\d:\d\d", shown), shown  # total, rate, elapsed, eta
