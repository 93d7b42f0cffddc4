"""The bundled demo corpus: what the issue asks of it, its stories as written, and that it is honest:
invented articles by invented outlets and wire agencies, on reserved domains, and said to be so."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from newsgraph import Newsgraph, Options
from newsgraph.cli import main
from newsgraph.demo import demo_folder, demo_names_file
from newsgraph.ingest.outlets import OutletTable
from newsgraph.resources import data_path, load_json

DEMO_README = Path(str(data_path("demo_README.md")))
RESERVED_DOMAINS = ("example.com", "example.org", "example.net")
RESERVED_TLDS = ("example", "test", "invalid", "localhost")
"""RFC 2606 (and RFC 6761): names that are never a real site."""


def manifest() -> list[dict[str, str]]:
    return load_json("demo_manifest.json")  # type: ignore[no-any-return]


def demo_options() -> Options:
    return Options(names_file=str(demo_names_file()))


def demo_texts() -> dict[str, str]:
    """Every file of the demo: the corpus, its names file, manifest and README."""
    files = [*demo_folder().iterdir(), demo_names_file(), Path(str(data_path("demo_manifest.json"))), DEMO_README]
    return {p.name: p.read_text(encoding="utf-8") for p in files}


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
    assert files == {p.name for p in demo_folder().iterdir()}  # the README lies beside the folder, not in it


def test_demo_stories_match_the_manifest(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "demo.db", demo_options()) as ng:
        report = ng.ingest([demo_folder()])
        assert not report.failures and len(report.ingested) == len(manifest())
        story_of = ng._store.story_ids()
        found: dict[str, set[str]] = defaultdict(set)
        for a in ng.articles():
            name = Path(a.source).name
            found[story_of[a.id]].add(name)
    expected: dict[str, set[str]] = defaultdict(set)
    for e in manifest():
        expected[e["event"]].add(Path(e["file"]).name)
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, expected.values()))


def test_demo_outlets_dates_and_reprints_match_the_manifest(tmp_path: Path) -> None:
    """Every article's outlet and date are lifted right (the invented outlets from the demo's names file),
    reprints kept as their outlets' own and linked to the text they reprint."""
    with Newsgraph(tmp_path / "demo.db", demo_options()) as ng:
        ng.ingest([demo_folder()])
        articles = ng.articles()
        reuse = ng._store.reuse()
    found = {Path(a.source).name: (a.outlet, a.published) for a in articles}
    assert found == {e["file"]: (e["outlet"], e["published"]) for e in manifest()}
    name_of = {a.id: Path(a.source).name for a in articles}
    reprints = {name_of[a]: name_of[root] for a, (root, _) in reuse.items() if root}
    assert reprints == {e["file"]: e["reprint_of"] for e in manifest() if e["reprint_of"]}


def test_demo_wire_credits_come_from_the_demo_names_file(tmp_path: Path) -> None:
    """The invented wire agencies are credited by byline and dateline with the demo's names file, and
    are nobody's credit without it (the package's table does not know them)."""
    with Newsgraph(tmp_path / "demo.db", demo_options()) as ng:
        ng.ingest([demo_folder()])
        credited = {Path(a.source).name: a.credited for a in ng.articles()}
    assert credited["01_quillwire-turkey-quake-van.txt"] == ["Quillwire"]
    assert credited["02_chronicle-turkey-quake-van.txt"] == ["Continental Chronicle", "Quillwire"]
    assert credited["04_lodestar-turkey-quake.txt"] == ["Lodestar News"]  # 'ANKARA, Nov 3 (Lodestar News) -'
    with Newsgraph(tmp_path / "plain.db") as ng:
        ng.ingest([demo_folder()])
        plain = {Path(a.source).name: (a.outlet, a.credited) for a in ng.articles()}
    assert plain["04_lodestar-turkey-quake.txt"] == ("lodestar.example", [])


def test_show_says_the_reprints_are_of_one_invented_wire_dispatch(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    stories = json.loads(runner.invoke(main, ["stories", "--json", "--db", db]).stdout)
    [van] = [s for s in stories if len(s["outlets"]) == 6]
    names = str(demo_names_file())
    shown = runner.invoke(main, ["show", van["id"], "--names", names, "--db", db]).stdout
    assert "2 of 6 articles are reprints of one Quillwire dispatch" in shown
    assert f"newsgraph show {stories[0]['id']} --names {names} --db {db}" in result.stdout


def test_demo_command_says_first_that_the_articles_are_invented() -> None:
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "invented for illustration" in first and "outlets and wire agencies" in first
    assert "demo corpus: ingested 20, duplicates 0, failed 0" in result.stdout
    for e in manifest():
        assert e["outlet"] in result.stdout


def test_the_demo_readme_says_the_articles_outlets_and_wires_are_invented() -> None:
    text = " ".join(DEMO_README.read_text(encoding="utf-8").split())
    assert "invented to illustrate newsgraph" in text
    assert "the outlets and the wire agencies that publish them are invented too" in text
    for outlet in load_json("demo_names.json")["outlets"]:
        assert outlet["name"] in text and outlet["domains"][0] in text


def _package_names_and_hosts() -> tuple[set[str], set[str]]:
    data = load_json("outlets.json")
    names: set[str] = set()
    hosts: set[str] = set()
    for entry in [*data["outlets"], *data["wires"]]:
        names |= {entry["name"], *entry.get("aliases", [])}
        hosts |= set(entry.get("hosts", []))
    return names, hosts


def test_no_demo_file_names_a_real_outlet_or_wire_agency() -> None:
    """No name, alias or host of the package's outlet and wire table appears in the demo (names as
    proper nouns: case-sensitive, whole words, so the dawn of 'before dawn' is not the paper Dawn)."""
    names, hosts = _package_names_and_hosts()
    found = []
    for file, text in demo_texts().items():
        for name in names:
            if re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", text):
                found.append((file, name))
        for host in hosts:
            if re.search(rf"(?<![\w.-]){re.escape(host)}(?![\w-])", text, re.IGNORECASE):
                found.append((file, host))
    assert not found


def test_the_demo_outlets_are_invented_ones() -> None:
    """The package's table knows none of the demo's outlets, by name, alias or domain."""
    table = OutletTable.default()
    outlets = load_json("demo_names.json")["outlets"]
    assert 5 <= sum(not o["wire"] for o in outlets) <= 7 and any(o["wire"] for o in outlets)
    for o in outlets:
        for name in (o["name"], *o.get("aliases", [])):
            assert table.outlet(name) is None and table.wire(name) is None, name
        for domain in o["domains"]:
            assert domain.endswith(".example") and table.outlet_of_host(domain) is None, domain


def _reserved(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host.rsplit(".", 1)[-1] in RESERVED_TLDS or any(
        host == d or host.endswith("." + d) for d in RESERVED_DOMAINS
    )


def test_every_url_in_the_demo_is_on_a_reserved_domain() -> None:
    urls = []
    for file, text in demo_texts().items():
        text = re.sub(r'\bxmlns(?::\w+)?="[^"]*"', "", text)  # XML namespace names are not links
        urls += [(file, u) for u in re.findall(r"""https?://[^\s<>"'()\]]+""", text)]
    assert len(urls) > 20
    assert [(file, u) for file, u in urls if not _reserved(urlsplit(u).hostname or "")] == []
    assert _reserved("www.lamplighter.example") and _reserved("news.example.org")
    assert not _reserved("example.co.uk") and not _reserved("theguardian.com")


def test_the_demo_briefs_compare_coverage_as_a_reader_would(tmp_path: Path) -> None:
    """What reading the demo's articles side by side gives: the outlets agree on the Van quake's magnitude and
    toll (the copies of the Quillwire dispatch counting once, as Quillwire), and never contradict each other (the
    Kaub gauge read 52 cm on Thursday and 49 cm on Friday; a forecast of minus 10 degrees is not a reading of
    minus 9)."""
    with Newsgraph(tmp_path / "demo.db", demo_options()) as ng:
        ng.ingest([demo_folder()])
        briefs = [b for b in (ng.brief(s.id) for s in ng.stories()) if b is not None]
    assert not [f.text for b in briefs for f in b.facts if f.status == "conflicting"]
    van = next(b for b in briefs if "Van" in (b.story.title or ""))
    (magnitude,) = [f for f in van.facts if f.kind == "quantity" and "5.9" in f.text]
    assert magnitude.status == "corroborated" and magnitude.outlets == ["Quillwire", "The Lamplighter", "Wavelength"]
    assert {v.text for v in magnitude.variants} == {"5.9 earthquake", "5.9 quake", "5.9 tremor"}
    (toll,) = [f for f in van.facts if f.kind == "quantity" and "600 people" in f.text]
    assert toll.status == "corroborated" and len(toll.outlets) == 4
    copies = {"Harbourlight", "Continental Chronicle"}  # they reprint the Quillwire dispatch
    assert not [f for f in van.facts if copies & set(f.outlets)]
    kaub = next(b for b in briefs if "Kaub" in (b.story.title or ""))
    levels = [f for f in kaub.facts if f.kind == "quantity" and f.text.endswith(("centimeters", "centimetres"))]
    assert sorted(f.status for f in levels) == ["single_source"] * 3


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_the_demo_adds_its_articles_only_to_a_new_database_or_one_without_articles(tmp_path: Path) -> None:
    """Into a database that holds articles, the invented ones would mix with real ones: refused (unless --force), the
    database left as it was; one without articles (a newsgraph database just made, an empty file) takes them."""
    runner = CliRunner()
    db = tmp_path / "news.db"
    Newsgraph(db).close()  # newsgraph's, no articles yet
    first = runner.invoke(main, ["demo", "--db", str(db)])
    assert first.exit_code == 0, first.output
    refused = runner.invoke(main, ["demo", "--db", str(db)])
    assert refused.exit_code == 1
    [line] = [x for x in refused.output.splitlines() if x.startswith("Error: ")]
    assert line == (
        f"Error: {db} already holds 20 articles: the demo adds its invented ones only to a new database or one "
        "without articles (--force adds them all the same)"
    )
    assert "demo corpus:" not in refused.output and "Traceback" not in refused.output
    forced = runner.invoke(main, ["demo", "--db", str(db), "--force"])
    assert forced.exit_code == 0 and "demo corpus: ingested 0, duplicates 20, failed 0" in forced.output
    empty = tmp_path / "empty.db"
    empty.touch()
    assert runner.invoke(main, ["demo", "--db", str(empty)]).exit_code == 0


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_the_demo_says_where_its_database_is_and_how_to_keep_it(tmp_path: Path) -> None:
    names = str(demo_names_file())
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    last = result.stdout.splitlines()[-1]
    assert last.startswith("the demo database was a temporary file, now deleted; to keep one: newsgraph demo --db "
                           "demo.db, then newsgraph show s")  # fmt: skip
    assert last.endswith(f" --names {names} --db demo.db")
    kept = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.db")])
    assert kept.stdout.splitlines()[-1].startswith(f"database kept at {tmp_path / 'demo.db'}; try: newsgraph show s")
