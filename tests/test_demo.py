"""The bundled demo corpus: what the issue asks of it, and its stories as written."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from click.testing import CliRunner

from newsgraph import Newsgraph
from newsgraph.cli import demo_folder, main
from newsgraph.resources import load_json


def manifest() -> list[dict[str, str]]:
    return load_json("demo_manifest.json")  # type: ignore[no-any-return]


def test_demo_corpus_shape() -> None:
    entries = manifest()
    assert len(entries) >= 15
    assert len({e["outlet"] for e in entries}) >= 4
    events: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        events[e["event"]].add(e["outlet"])
    assert len(events) >= 4
    assert sum(len(outlets) >= 3 for outlets in events.values()) >= 2
    assert any(e["reprint_of"] for e in entries)
    files = {e["file"].split("#")[0] for e in entries}
    assert files == {p.name for p in demo_folder().iterdir()}


def test_demo_stories_match_the_manifest(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "demo.db") as ng:
        report = ng.ingest([demo_folder()])
        assert not report.failures and len(report.ingested) == len(manifest())
        story_of = ng.store.story_ids()
        found: dict[str, set[str]] = defaultdict(set)
        for a in ng.articles():
            name = Path(a.source).name
            found[story_of[a.id]].add(name)
    expected: dict[str, set[str]] = defaultdict(set)
    for e in manifest():
        expected[e["event"]].add(Path(e["file"]).name)
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, expected.values()))


def test_demo_outlets_and_dates_match_the_manifest(tmp_path: Path) -> None:
    """Every article's outlet and date are lifted right, reprints kept as their outlets' own."""
    with Newsgraph(tmp_path / "demo.db") as ng:
        ng.ingest([demo_folder()])
        found = {Path(a.source).name: (a.outlet, a.published) for a in ng.articles()}
    assert found == {e["file"]: (e["outlet"], e["published"]) for e in manifest()}


def test_demo_command_prints_stories() -> None:
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    assert "demo corpus: ingested 20, duplicates 0, failed 0" in result.stdout
    for e in manifest():
        assert e["outlet"] in result.stdout
