from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

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
        assert set(story) == {"id", "title", "article_ids", "first_published", "last_published"}
        assert {a["story_id"] for a in data["articles"] if a["id"] in story["article_ids"]} == {story["id"]}
    assert data["entities"]
    for entity in data["entities"]:
        assert set(entity) == {"id", "name", "type", "country", "role", "aliases"}
        assert entity["name"] in entity["aliases"]
    kim = [e for e in data["entities"] if e["name"] == "Kim Jong Un"]
    assert len(kim) == 1 and kim[0]["type"] == "person"
    assert data["places"]
    for place in data["places"]:
        assert set(place) == {
            "article_id", "text", "start", "end", "name", "feature", "country", "lat", "lon", "adjectival"
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
