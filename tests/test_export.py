from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newsgraph import Article, Newsgraph
from newsgraph.cli import main
from newsgraph.export import COLLECTIONS


def ingested_db(db: str, seeds: Path) -> str:
    assert CliRunner().invoke(main, ["ingest", str(seeds), "--db", db]).exit_code == 0
    return db


def test_json_contract(db_url: str, seeds: Path) -> None:
    db = ingested_db(db_url, seeds)
    data = json.loads(CliRunner().invoke(main, ["export", "--db", db, "--format", "json"]).stdout)
    assert list(data) == list(COLLECTIONS) == ["articles", "stories", "entities", "quotes", "events", "times", "places"]
    for article in data["articles"]:
        assert set(article) == {
            "id",
            "url",
            "outlet",
            "title",
            "published",
            "language",
            "credited",
            "story_id",
            "reuse_of",
            "reuse_overlap",
            "text",
        }
    for story in data["stories"]:
        assert set(story) == {"id", "title", "article_ids", "first_published", "last_published", "facts", "provenance",
                              "comparison_stale"}  # fmt: skip
        assert story["comparison_stale"] is False  # the ingest compared it
        assert {a["story_id"] for a in data["articles"] if a["id"] in story["article_ids"]} == {story["id"]}
        assert [p["article_id"] for p in story["provenance"]] == story["article_ids"]
        for p in story["provenance"]:
            assert set(p) == {"article_id", "outlet", "credited", "media", "quoted", "reprint_of"}
        for fact in story["facts"]:
            assert set(fact) == {"kind", "text", "status", "article_ids", "outlets", "variants", "evidence", "who",
                                 "confidence", "agreed"}  # fmt: skip
            assert fact["kind"] in ("event", "happening", "quote", "quantity", "date")
            assert 0 <= fact["confidence"] <= 1
            assert set(fact["agreed"]) <= {"meaning", "speaker", "actors", "number", "date"}
            assert fact["status"] in ("corroborated", "single_source", "conflicting", "uncompared")
            assert set(fact["article_ids"]) <= set(story["article_ids"])
            for v in fact["variants"]:
                assert set(v) == {"article_id", "outlet", "text", "stance", "distance"}
            for e in fact["evidence"]:  # the words that support it, in its article's text (or its title)
                article = next(a for a in data["articles"] if a["id"] == e["article_id"])
                text = article["text"] if e["part"] == "text" else article["title"]
                assert set(e) == {"article_id", "start", "end", "part"} and 0 <= e["start"] < e["end"] <= len(text)
    (seed_story,) = data["stories"]
    conflicts = [f for f in seed_story["facts"] if f["status"] == "conflicting"]
    assert any("1,000 containers" in f["text"] and f["kind"] == "quote" for f in conflicts)
    afp = next(p for p in seed_story["provenance"] if p["credited"] == ["AFP"])
    assert {"KCNA", "RIA Novosti"} <= set(afp["media"])
    assert data["entities"]
    for entity in data["entities"]:
        assert set(entity) == {"id", "name", "type", "country", "role", "sector", "aliases"}
        assert entity["name"] in entity["aliases"]
    kim = [e for e in data["entities"] if e["name"] == "Kim Jong Un"]
    assert len(kim) == 1 and kim[0]["type"] == "person"
    assert data["places"]
    for place in data["places"]:
        assert set(place) == {
            "article_id",
            "text",
            "start",
            "end",
            "name",
            "feature",
            "country",
            "lat",
            "lon",
            "adjectival",
        }
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180


def test_jsonl_and_csv(db_url: str, tmp_path: Path, seeds: Path) -> None:
    db = ingested_db(db_url, seeds)
    out = tmp_path / "x.jsonl"
    assert CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl", "-o", str(out)]).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["record"] for r in records[:3]] == ["article", "article", "story"]
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and {r["outlet"] for r in rows} == {"Euronews", "The Moscow Times"}
    assert "AFP" in {r["credited"] for r in rows}
    places = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "--table", "places"])
    place_rows = list(csv.DictReader(io.StringIO(places.stdout)))
    assert {"Pyongyang", "Vostochny Cosmodrome"} <= {r["name"] for r in place_rows}
    assert all(r["country"] for r in place_rows if r["feature"] == "city")
    stories = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "--table", "stories"])
    (story_row,) = list(csv.DictReader(io.StringIO(stories.stdout)))
    assert int(story_row["facts_conflicting"]) >= 1 and "facts" not in story_row
    facts = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "--table", "facts"])
    fact_rows = list(csv.DictReader(io.StringIO(facts.stdout)))
    assert len(fact_rows) == sum(int(story_row[f"facts_{s}"]) for s in ("corroborated", "single_source", "conflicting"))
    assert {r["story_id"] for r in fact_rows} == {story_row["id"]}
    assert all(r["evidence"].count(":") >= 1 for r in fact_rows)


FORMULAS = {
    "hyperlink": '=HYPERLINK("http://x","y")',
    "plus": "+1",
    "minus": "-2",
    "tab": "\tTabbed title",
    "return": "\rReturned title",
}
BODY = "Rescuers in Lima, Peru, searched collapsed buildings on Tuesday after the earthquake struck the coast."


def article(key: str, **fields: object) -> Article:
    values: dict = {"title": "Quake in Lima", "outlet": "Reuters", "credited": ["AFP"]} | fields
    return Article(id=key, text=f"{BODY} Report {key}.", published="2025-10-21", language="en", **values)


def csv_rows(db: str, articles: list[Article], table: str = "articles") -> tuple[str, list[dict[str, str]]]:
    with Newsgraph(db) as ng:
        assert len(ng.ingest_articles(articles).ingested) == len(articles)
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "--table", table])
    assert result.exit_code == 0, result.output
    return result.stdout, list(csv.DictReader(io.StringIO(result.stdout, newline="")))


@pytest.mark.parametrize("key", list(FORMULAS))
def test_a_title_that_starts_like_a_formula_is_text(db_path: str, key: str) -> None:
    """OWASP's rule against CSV injection: a text cell starting with = + - @, a tab or a carriage return
    gets a single quote before it and is otherwise intact (in double quotes, inner quotes doubled)."""
    _, rows = csv_rows(db_path, [article(key, title=FORMULAS[key])])
    assert [(r["id"], r["title"], r["outlet"]) for r in rows] == [(key, "'" + FORMULAS[key], "Reuters")]


@pytest.mark.parametrize(
    ("field", "value", "cell"),
    [("outlet", "@SUM(A1)", "'@SUM(A1)"), ("credited", ["=cmd|' /C calc'!A0", "AFP"], "'=cmd|' /C calc'!A0; AFP")],
)
def test_other_text_cells_that_start_like_formulas_are_text(db_path: str, field: str, value: object, cell: str) -> None:
    out, rows = csv_rows(db_path, [article("x", **{field: value})])
    assert rows[0][field] == cell
    assert "\n=" not in out and ",=" not in out and ",@" not in out


def test_csv_quotes_text_and_leaves_numbers_as_numbers(db_path: str) -> None:
    """Text cells are quoted (a ';' in them splits no cell for a spreadsheet that reads ';' lists); numbers
    we write, such as coordinates, are bare, even negative ones: -12.05 is a latitude, not a formula."""
    out, rows = csv_rows(db_path, [article("x", title='=HYPERLINK("http://x","y")')])
    assert out.splitlines()[0].startswith('"id","url","outlet","title",')
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in out
    out, places = csv_rows(db_path, [], table="places")
    lima = [r for r in places if r["name"] == "Lima"]
    assert lima and all(float(r["lat"]) < 0 and float(r["lon"]) < 0 for r in lima)
    assert ',"Lima","city","PER",-12.' in out


def test_json_and_jsonl_are_not_altered(db_path: str) -> None:
    with Newsgraph(db_path) as ng:
        ng.ingest_articles([article(key, title=title, outlet="@SUM(A1)") for key, title in FORMULAS.items()])
    data = json.loads(CliRunner().invoke(main, ["export", "--db", db_path, "--format", "json"]).stdout)
    assert {a["id"]: a["title"] for a in data["articles"]} == FORMULAS
    assert {a["outlet"] for a in data["articles"]} == {"@SUM(A1)"}
    lines = CliRunner().invoke(main, ["export", "--db", db_path, "--format", "jsonl"]).stdout.splitlines()
    titles = {r["id"]: r["title"] for r in map(json.loads, lines) if r["record"] == "article"}
    assert titles == FORMULAS


@pytest.mark.parametrize("table", ["articles", "stories", "facts", "entities", "quotes", "events", "times", "places"])
def test_parquet_table_holds_what_the_json_export_holds(db_url: str, tmp_path: Path, seeds: Path, table: str) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from newsgraph.export import build_export, table_rows

    db = ingested_db(db_url, seeds)
    out = tmp_path / f"{table}.parquet"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", "--table", table, "-o", str(out)])
    assert result.exit_code == 0, result.output
    parquet = pq.read_table(out)
    with Newsgraph(db, create=False) as ng:
        expected = list(table_rows(build_export(ng._store), table))
    assert expected and parquet.num_rows == len(expected)
    assert parquet.column_names == list(expected[0])
    types = {f.name: str(f.type) for f in parquet.schema}

    def back(value: object, name: str) -> object:  # a nested column is JSON text in Parquet
        nested = types[name] == "string" and any(isinstance(r.get(name), dict | list) for r in expected)
        return json.loads(value) if nested and isinstance(value, str) else value

    got = [{k: back(v, k) for k, v in row.items()} for row in parquet.to_pylist()]
    assert got == expected


def test_embeddings_are_exported_in_parquet_only(db_url: str, tmp_path: Path, seeds: Path) -> None:
    """Each article's embedding is a Parquet row of 512 floats (its unit vector, as the clustering reads it); JSON,
    JSONL and CSV, which people read, leave them out."""
    pq = pytest.importorskip("pyarrow.parquet")
    db = ingested_db(db_url, seeds)
    out = tmp_path / "embeddings.parquet"
    args = ["export", "--db", db, "--format", "parquet", "--table", "embeddings", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = pq.read_table(out).to_pylist()
    with Newsgraph(db, create=False) as ng:
        ids = [a["id"] for a in ng.export()["articles"]]
        with ng._store.writing() as writer:
            stored = {p.id: p.embedding for p in writer.member_texts(ids)}
    assert sorted(r["article_id"] for r in rows) == sorted(ids)
    for row in rows:
        vector = np.array(row["embedding"])
        assert row["model"] == "use-multilingual-v3" and vector.shape == (512,)
        assert abs(float(np.linalg.norm(vector)) - 1) < 1e-5
        assert float(vector @ stored[row["article_id"]].array()) > 0.9999
    data = CliRunner().invoke(main, ["export", "--db", db, "--format", "json"]).stdout
    assert "embedding" not in data
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "--table", "embeddings"])
    assert result.exit_code != 0 and "embeddings" in result.output


def test_parquet_column_types_widen_over_all_rows(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from newsgraph import export

    rows = [{"n": None, "x": 1, "names": [], "blob": None, "mixed": 3}] * 5000 + [
        {"n": "late text", "x": 2.5, "names": ["AFP", "Reuters"], "blob": {"a": [1]}, "mixed": "three"}
    ]
    out = tmp_path / "t.parquet"
    with out.open("wb") as f:
        assert export.write_parquet(lambda: iter(rows), f) == 5001
    table = pq.read_table(out)
    assert {f.name: str(f.type) for f in table.schema} == {
        "n": "string",
        "x": "double",
        "names": "list<element: string>",
        "blob": "string",
        "mixed": "string",
    }
    last = table.slice(5000).to_pylist()[0]
    assert last == {"n": "late text", "x": 2.5, "names": ["AFP", "Reuters"], "blob": '{"a": [1]}', "mixed": "three"}
    assert table.slice(0, 1).to_pylist()[0] == {"n": None, "x": 1.0, "names": [], "blob": None, "mixed": "3"}


def test_parquet_needs_a_file(db_url: str, seeds: Path) -> None:
    db = ingested_db(db_url, seeds)
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"])
    assert result.exit_code == 2 and "give -o FILE" in result.output


def test_export_to_streams_every_format_into_a_path_or_an_open_file(tmp_path: Path, seeds: Path) -> None:
    """The API's streaming export: the same records as `export()`, into a path (written whole or not at all) or an
    open file; a bad format or table is one OptionsError."""
    import io

    import pyarrow.parquet as pq

    from newsgraph import Newsgraph
    from newsgraph.errors import OptionsError

    with Newsgraph(ingested_db(str(tmp_path / "n.db"), seeds), create=False) as ng:
        whole = ng.export()
        buffer = io.StringIO()
        ng.export_to(buffer)
        assert json.loads(buffer.getvalue()) == whole
        ng.export_to(tmp_path / "all.jsonl", format="jsonl")
        lines = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
        assert sum(r["record"] == "article" for r in lines) == len(whole["articles"]) == 2
        buffer = io.StringIO()
        ng.export_to(buffer, format="csv", table="stories")
        assert buffer.getvalue().splitlines()[0].startswith('"id","title","article_ids"')
        binary = io.BytesIO()
        ng.export_to(binary, format="parquet", table="quotes")
        binary.seek(0)
        assert pq.read_table(binary).num_rows == len(whole["quotes"]) > 0
        with pytest.raises(OptionsError, match="unknown export format 'xml': one of json, jsonl, csv, parquet"):
            ng.export_to(buffer, format="xml")
        with pytest.raises(OptionsError, match="unknown table 'people'"):
            ng.export_to(tmp_path / "x.csv", format="csv", table="people")
        assert not (tmp_path / "x.csv").exists()
