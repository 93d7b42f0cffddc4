from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph import Article, Newsgraph
from newsgraph.cli import main
from newsgraph.demo import demo_folder, demo_names_file
from newsgraph.stories import reprints

DISPATCH = (
    "A magnitude 5.9 earthquake struck eastern Turkey on Monday, killing three people and damaging "
    "dozens of homes in villages near the city of Van, the disaster agency said. Rescue teams pulled "
    "two survivors from a collapsed barn near Ercis, and tents were handed out to families who spent "
    "the night outdoors as temperatures fell below freezing. The agency said more than forty "
    "aftershocks had been recorded by the evening, the strongest of magnitude 4.2."
)


def test_shingles_ignore_case_and_punctuation() -> None:
    assert reprints.shingles('He said: "We will rebuild."') == reprints.shingles("he said we WILL rebuild")
    assert reprints.shingles("too short") == {b"too short"}


def test_band_keys_are_stable_and_similar_texts_share_bands() -> None:
    sig = reprints.signature(reprints.shingles(DISPATCH))
    assert reprints.band_keys(sig) == reprints.band_keys(reprints.signature(reprints.shingles(DISPATCH)))
    trimmed = DISPATCH.rsplit(" The agency said", 1)[0]
    shared = set(reprints.band_keys(sig)) & set(reprints.band_keys(reprints.signature(reprints.shingles(trimmed))))
    assert shared
    other = reprints.band_keys(
        reprints.signature(
            reprints.shingles("Completely different words about a port strike in Hamburg today and tomorrow.")
        )
    )
    assert not set(reprints.band_keys(sig)) & set(other)


def article(aid: str, text: str, published: str, outlet: str) -> Article:
    return Article(id=aid, text=text, published=published, outlet=outlet, title=f"{outlet} {aid}")


def test_reprint_found_whatever_the_order_of_ingest(tmp_path: Path) -> None:
    wire = article("wire", DISPATCH, "2025-11-03", "AFP")
    copy = article(
        "copy", DISPATCH.replace("Monday", "Monday night") + " Euronews adds context here.", "2025-11-04", "Euronews"
    )
    own = article(
        "own",
        "Reporters in Van described tents and cold nights after the quake, in their own words entirely.",
        "2025-11-04",
        "DW",
    )
    for order in ([wire, copy, own], [copy, own, wire]):
        with Newsgraph(tmp_path / f"{order[0].id}.db") as ng:
            for a in order:  # one ingest per article: links must span batches and runs
                ng.ingest_articles([Article(**vars(a))])
            reuse = ng._store.reuse()
        assert reuse["copy"][0] == "wire" and reuse["copy"][1] >= 0.8
        assert reuse["wire"][0] is None and reuse["own"][0] is None


def test_same_day_original_is_the_wire_agency_copy(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles(
            [article("b", DISPATCH, "2025-11-03", "Euronews"), article("a", DISPATCH, "2025-11-03", "AFP")]
        )
        assert ng._store.reuse()["b"][0] == "a"


def test_demo_reprints_and_seed_rewrite(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    names = ["--names", str(demo_names_file())]  # the demo's invented outlets and wire agencies
    assert runner.invoke(main, ["ingest", str(demo_folder()), str(seeds), *names, "--db", db]).exit_code == 0
    data = json.loads(runner.invoke(main, ["export", "--db", db]).stdout)
    name = {a["id"]: Path(a["url"] or a["title"]).name for a in data["articles"]}
    by_outlet = {a["outlet"]: a for a in data["articles"] if "Turkey" in (a["title"] or "")}
    reprinted = {(by_outlet_name, name[a["reuse_of"]]) for by_outlet_name, a in by_outlet.items() if a["reuse_of"]}
    wire_id = by_outlet["Quillwire"]["id"]
    assert {outlet for outlet, _ in reprinted} == {"Continental Chronicle", "Harbourlight"}
    assert all(a["reuse_of"] in (None, wire_id) for a in data["articles"])
    assert all(a["reuse_overlap"] is None or 0.6 <= a["reuse_overlap"] <= 1 for a in data["articles"])
    # the seeds are one story told twice, not one text copied
    seed_articles = [
        a for a in data["articles"] if a["outlet"] in ("Euronews", "The Moscow Times") and "Kim" in (a["title"] or "")
    ]
    assert len(seed_articles) == 2 and all(a["reuse_of"] is None for a in seed_articles)
    story = by_outlet["Quillwire"]["story_id"]
    shown = runner.invoke(main, ["show", story, *names, "--db", db]).stdout
    assert "2 of 6 articles are reprints of one Quillwire dispatch" in shown


def test_a_dispatch_reprinted_many_times_reads_only_the_closest_candidates(tmp_path: Path, monkeypatch) -> None:
    """Thirty outlets reprint one dispatch, a day apart: each new copy reads at most CANDIDATES earlier ones (those
    sharing the most band keys), and every copy still links to the first."""
    from newsgraph.store import Writer

    read: list[int] = []
    original = Writer.reprint_candidates

    def counted(self: Writer, keys: list[int], limit: int | None = None) -> list:
        rows = original(self, keys, limit)
        read.append(len(rows))
        return rows

    monkeypatch.setattr(Writer, "reprint_candidates", counted)
    copies = [
        article(f"c{i:02d}", f"{DISPATCH} Outlet {i} carried this report.", f"2025-11-{i + 1:02d}", f"Outlet {i}")
        for i in range(30)
    ]
    with Newsgraph(tmp_path / "n.db") as ng:
        for lo in range(0, 30, 5):
            ng.ingest_articles(copies[lo : lo + 5])
        reuse = ng._store.reuse()
        with ng._store.writing() as tx:
            keys = reprints.band_keys(reprints.signature(reprints.shingles(DISPATCH)))
            assert len(original(tx, keys)) == 30
            top = original(tx, keys, 4)
    assert max(read) == reprints.CANDIDATES < 30
    assert all(reuse[f"c{i:02d}"][0] == "c00" for i in range(1, 30)) and reuse["c00"][0] is None
    assert len(top) == 4
