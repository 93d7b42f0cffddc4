from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main


@pytest.mark.parametrize("command", ["ingest", "stories", "show", "export", "demo", "similarity"])
def test_help_on_each_command(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.stdout


def test_article_text_is_printed_literally_not_as_markup(tmp_path: Path) -> None:
    record = {
        "id": "m1",
        "title": "[bold red]Breaking[/bold red] [link=http://evil.example]click[/link]",
        "outlet": "[blink]Outlet[/blink]",
        "text": "Workers at the port of Hamburg walked out on Tuesday, halting container handling.",
    }
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-", "--db", db], input=json.dumps(record)).exit_code == 0
    listing = runner.invoke(main, ["stories", "--db", db]).stdout
    assert "[bold red]Breaking[/bold red]" in listing and "[blink]Outlet[/blink]" in listing
    story_id = json.loads(runner.invoke(main, ["export", "--db", db]).stdout)["stories"][0]["id"]
    shown = runner.invoke(main, ["show", story_id, "--db", db]).stdout
    assert "[link=http://evil.example]click[/link]" in shown


def test_broken_feed_is_one_failure_and_keeps_what_can_be_recovered(tmp_path: Path) -> None:
    feed = tmp_path / "broken.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>X</title>"
        "<item><title>Port strike</title><description>Workers at the port of Hamburg walked out on "
        "Tuesday, halting container handling for two days.</description></item>"
        "<item><title>Broken & unescaped",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["ingest", str(feed), "--db", str(tmp_path / "n.db"), "-q"])
    assert result.exit_code == 2
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "malformed feed XML" in failed[0] and "(articles recovered: 1)" in failed[0]
    assert "ingested 1, duplicates 0, failed 1" in result.stdout
