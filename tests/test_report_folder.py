"""The report's folder and files (issue 21, item 7): a report writes only inside its folder, replacing a symbolic
link among its files rather than following it; it removes the pages an earlier report left there that it no longer
lists (and only files named as newsgraph names its own); and a folder it cannot use is one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import shared_path
from newsgraph import Newsgraph
from newsgraph.cli import main


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of the seeds: one story, pairs among PRK, RUS, USA, KOR and JPN (PRK-RUS the most active)."""
    db = str(tmp_path_factory.mktemp("seeded") / "news.db")
    with Newsgraph(db) as ng:
        ng.ingest([str(shared_path("samples", "seeds"))])
    return db


def report(db: str, folder: Path, *more: str) -> Result:
    return CliRunner().invoke(main, ["report", "--db", db, "-o", str(folder), *more])


def test_a_link_among_the_report_s_files_is_replaced_not_followed(seeded: str, tmp_path: Path) -> None:
    elsewhere, folder = tmp_path / "elsewhere", tmp_path / "r"
    elsewhere.mkdir()
    folder.mkdir()
    for name in ("pair-RUS-USA.svg", "index.html", "pair-PRK-RUS.html"):
        (elsewhere / name).write_text("not the report's\n", encoding="utf-8")
        (folder / name).symlink_to(elsewhere / name)
    (folder / "pair-KOR-USA.svg").symlink_to(elsewhere / "nothing-yet.svg")  # a link to nowhere: not created there
    result = report(seeded, folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in elsewhere.iterdir()) == ["index.html", "pair-PRK-RUS.html", "pair-RUS-USA.svg"]
    assert all(p.read_text(encoding="utf-8") == "not the report's\n" for p in elsewhere.iterdir())
    for name in ("pair-RUS-USA.svg", "index.html", "pair-PRK-RUS.html", "pair-KOR-USA.svg"):
        assert not (folder / name).is_symlink() and (folder / name).is_file(), name
    assert "<svg" in (folder / "pair-RUS-USA.svg").read_text(encoding="utf-8")


def test_pages_of_an_earlier_report_are_removed_and_nothing_else(seeded: str, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    assert report(seeded, folder).exit_code == 0
    before = {p.name for p in folder.iterdir()}
    assert {"pair-RUS-USA.html", "pair-RUS-USA.svg", "pair-PRK-RUS.svg"} <= before
    old = ["story-s0000000000.html", "pair-OLD-USA.html", "pair-OLD-USA.svg"]  # of stories and pairs gone since
    mine = ["notes.txt", "story-notes.txt", "pair-photo.png", "index.html.bak", ".story-x.html", "report.css"]
    for name in old + mine:
        (folder / name).write_text("x\n", encoding="utf-8")
    (folder / "story-folder.html").mkdir()  # a folder, not a page newsgraph wrote
    (folder / "pair-link.svg").symlink_to(tmp_path / "kept.svg")  # a link, not a file newsgraph wrote
    (tmp_path / "kept.svg").write_text("kept\n", encoding="utf-8")
    result = report(seeded, folder, "--pairs", "1")
    assert result.exit_code == 0, result.output
    now = {p.name for p in folder.iterdir()}
    assert not now & set(old)
    assert set(mine) | {"story-folder.html", "pair-link.svg"} <= now
    assert {p for p in now if p.startswith("pair-") and p not in mine + ["pair-link.svg"]} == {
        "pair-PRK-RUS.html", "pair-PRK-RUS.svg"
    }  # fmt: skip
    pairs = len([p for p in before if p.startswith("pair-") and p.endswith(".html")])
    removed = 3 + 2 * (pairs - 1)  # 3 planted, and every pair's page and chart but the first's
    assert f"removed {removed} files of an earlier report" in result.output


def test_a_folder_in_the_way_of_a_page_fails_and_leaves_the_earlier_report(seeded: str, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    assert report(seeded, folder, "--pairs", "1").exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "pair-KOR-USA.svg").mkdir()
    result = report(seeded, folder)
    assert result.exit_code == 1 and result.output.strip().splitlines() == [
        f"Error: cannot write the report into {folder}: pair-KOR-USA.svg is a folder"
    ]
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_the_python_api_says_what_it_removed(seeded: str, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    with Newsgraph(seeded, create=False) as ng:
        first = ng.report(folder)
        pairs = len([p for p in first if p.name.startswith("pair-") and p.suffix == ".html"])
        removed: list[Path] = []
        written = ng.report(folder, pairs=pairs - 1, removed=removed)
    dropped = sorted(p.name for p in set(first) - set(written))
    assert len(dropped) == 2 and all(name.startswith("pair-") for name in dropped)  # the last pair's page and chart
    assert sorted(p.name for p in removed) == dropped
    assert set(written) == set(folder.iterdir())


def test_a_folder_the_report_cannot_use_is_one_line(seeded: str, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "link").symlink_to(elsewhere)
    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    cases = {
        tmp_path / "link": "is a symbolic link",
        tmp_path / "a-file" / "r": "a-file is not a folder",
        tmp_path / "a-file" / "deeper" / "r": "a-file is not a folder",
        tmp_path / "missing" / "r": "does not exist",
    }
    for folder, said in cases.items():
        result = report(seeded, folder)
        assert result.exit_code == 1, (folder, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and said in lines[0], (folder, result.output)
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / "missing").exists()
