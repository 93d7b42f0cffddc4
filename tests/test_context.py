"""Analysis runs in one explicit, picklable context: the same results in another process with nothing else."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import re
from pathlib import Path

import pytest

from newsgraph import AnalysisContext, Article, Options, analyze
from newsgraph.analyze.gazetteer import FORMAT, open_gazetteer

REPO = Path(__file__).resolve().parents[1]
TEXT = (
    "North Korean leader Kim Jong Un hosted Russian Foreign Minister Sergei Lavrov in Pyongyang on Thursday. "
    "Engineers at the Kwangmyong Relay Station said the link to Moscow held."
)
NAMES = {  # invented for this test: a place, and a fuller name for a person
    "people": [{"name": "Sergei Viktorovich Lavrov", "aliases": ["Sergei Lavrov"], "country": "RUS"}],
    "places": [{"name": "Kwangmyong Relay Station", "feature": "facility", "country": "PRK", "lat": 39.0, "lon": 125.7}],
}


def articles() -> list[Article]:
    return [Article(id="a1", text=TEXT, published="2023-10-20", language="en")]


def _analyze_pickled(blob: bytes) -> bytes:  # runs in a fresh (spawned) interpreter
    context, batch = pickle.loads(blob)
    return pickle.dumps(analyze(batch, context))


@pytest.mark.processes
def test_the_context_pickles_and_a_spawned_process_gives_the_same_analysis(tmp_path: Path) -> None:
    names = tmp_path / "names.json"
    names.write_text(json.dumps(NAMES), encoding="utf-8")
    context = AnalysisContext.create(Options(names_file=str(names)))
    names.unlink()  # the worker needs the file's contents, which the context carries, not the file
    here = analyze(articles(), context)
    blob = pickle.dumps((context, articles()))
    assert len(blob) < 1_000_000  # the gazetteer travels as the path of its index, the encoder as its name
    assert len(pickle.dumps(context.encoder)) < 300
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        there = pickle.loads(pool.apply(_analyze_pickled, (blob,)))
    assert there == here  # the embeddings too: the worker loads its own encoder and gets the same vectors
    assert here[0].embedding is not None and there[0].embedding == here[0].embedding
    places = {p.name for p in here[0].places}
    assert {"Kwangmyong Relay Station", "Pyongyang"} <= places  # the names file's place, in the worker too
    assert "Sergei Viktorovich Lavrov" in {m.canonical for m in here[0].mentions}


def test_no_hidden_state_in_analysis() -> None:
    """No ContextVars, no caches keyed by inputs in analysis: what it needs comes in its arguments."""
    for path in (REPO / "src/newsgraph/analyze").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "ContextVar" not in source, path.name
        assert not re.search(r"@(?:functools\.)?lru_cache", source), path.name


@pytest.mark.slow  # builds the index
def test_the_gazetteer_index_is_built_once_into_the_cache_directory(tmp_path: Path) -> None:
    gaz = open_gazetteer(tmp_path)
    files = list(tmp_path.glob(f"gazetteer-{FORMAT}-*.sqlite"))
    assert [Path(gaz.path)] == files
    mtime = files[0].stat().st_mtime_ns
    again = open_gazetteer(tmp_path)
    assert again.path == gaz.path and files[0].stat().st_mtime_ns == mtime
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left
    assert [e.country for e in again.lookup("Pyongyang") if e.feature == "city"] == ["PRK"]


@pytest.mark.slow  # builds the index twice
def test_a_context_unpickled_where_its_gazetteer_index_is_not_uses_that_machine_s_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Dask worker on another machine gets the context with the client's index path, which it does not have: it
    opens (building it if need be) the index of its own cache directory, and the places are the same."""
    context = AnalysisContext.create(Options(cache_dir=str(tmp_path / "client")))
    here = analyze(articles(), context)
    blob = pickle.dumps(context)
    (tmp_path / "client").rename(tmp_path / "gone")  # the client's cache is not on this machine
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "worker"))
    there = analyze(articles(), pickle.loads(blob))
    assert there == here and {p.name for p in there[0].places} >= {"Pyongyang"}
    assert list((tmp_path / "worker").glob(f"gazetteer-{FORMAT}-*.sqlite"))
