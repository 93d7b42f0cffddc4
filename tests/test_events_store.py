"""Events from the analysis on: the store (schema 5; participants' ids read through their mentions, so a relink
moves them), the export (JSON, JSONL, CSV), the brief and `show`, relations between actors (API, CLI, SVG) and
`newsgraph actors`."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import Analysis, Article, Mention, Newsgraph
from newsgraph.cli import main
from newsgraph.errors import UnknownActor
from newsgraph.export import build_export
from newsgraph.ingest import read_sources
from newsgraph.models import Event
from newsgraph.relations.series import period_of, series
from test_quotes_store import article, span, store

TEXT = "Lithuania expelled two Russian diplomats on Monday. Russia condemned Lithuania."


def analysis(aid: str = "e1", text: str = TEXT) -> Analysis:
    lithuania = Mention(*span(text, "Lithuania"), "Lithuania", "GPE", "Lithuania", "country", "LTU")
    russian = Mention(*span(text, "Russian"), "Russian", "NORP", "Russia", "country", "RUS")
    russia = Mention(*span(text, "Russia "), "Russia", "GPE", "Russia", "country", "RUS")
    first = text.index(".") + 1
    expelled = Event(
        0, first, *span(text, "expelled"), "expelled", "SANCTION", 4, -6.0, "asserted",
        "Lithuania", 0, "LTU", "Russia", 1, "RUS", "2025-11-03",
    )  # fmt: skip
    condemned = Event(
        first + 1, len(text), *span(text, "condemned"), "condemned", "ACCUSE", 3, -2.0, "asserted",
        "Russia", 2, "RUS", "Lithuania", 0, "LTU", "2025-11-05",
    )  # fmt: skip
    return Analysis(aid, mentions=[lithuania, russian, russia], events=[expelled, condemned], model="test")


def test_events_are_stored_with_their_participants_entities(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        store(ng, [article("e1", TEXT, "Lodestar News", "2025-11-05")], [analysis()])
        rows = ng._store.events(["e1"])
        assert [(r["idx"], r["type"], r["source_country"], r["target_country"]) for r in rows] == [
            (0, "SANCTION", "LTU", "RUS"),
            (1, "ACCUSE", "RUS", "LTU"),
        ]
        entities = {e.id: e.name for e in ng.entities()}
        assert entities[rows[0]["source_id"]] == "Lithuania" and entities[rows[0]["target_id"]] == "Russia"
        assert rows[0]["sentence"] == "Lithuania expelled two Russian diplomats on Monday."
        exported = build_export(ng._store)["events"]
        assert [e["id"] for e in exported] == ["e1:e0", "e1:e1"]
        first = exported[0]
        assert list(first)[:18] == [
            "id", "article_id", "sentence", "start", "end", "type", "quad_class", "source", "source_id",
            "source_country", "target", "target_id", "target_country", "date", "place", "mode", "claimant",
            "intensity",
        ]  # fmt: skip
        assert TEXT[first["start"] : first["end"]] == first["sentence"]
        assert TEXT[first["trigger_start"] : first["trigger_end"]] == "expelled"

        relation = ng.relations("LTU", "Russia", by="day")
        assert [(p.period, p.counts, p.intensity) for p in relation.points] == [
            ("2025-11-03", {"SANCTION": 1}, -6.0),
            ("2025-11-05", {"ACCUSE": 1}, -2.0),
        ]
        assert relation.events[0].sentence.startswith("Lithuania expelled")
        assert (relation.a_name, relation.b_name) == ("Lithuania", "Russia")
        actors, dyads = ng.actors()
        assert {a.key for a in actors} == {"LTU", "RUS"}
        assert [(d.a, d.b, d.events, d.conflict) for d in dyads] == [("LTU", "RUS", 2, 2)]


def test_an_event_pointing_outside_its_analysis_is_refused(tmp_path: Path) -> None:
    bad = analysis()
    bad.events[0] = Event(**{**bad.events[0].__dict__, "target_mention": 7})
    with Newsgraph(tmp_path / "news.db") as ng, pytest.raises(ValueError, match="event 0 names target mention 7"):
        store(ng, [article("e1", TEXT, "Lodestar News", "2025-11-05")], [bad])


def test_periods() -> None:
    assert period_of("2023-10-19", "week") == "2023-10-16"  # the Monday
    assert period_of("2023-10-19", "month") == "2023-10-01"
    assert period_of("2023-10", "month") == "2023-10-01"
    assert period_of("2023-10", "week") is None and period_of("2023", "day") is None
    with pytest.raises(ValueError):
        period_of("2023-10-19", "fortnight")


def row(idx: int, day: str, kind: str, quad: int, intensity: float, mode: str = "asserted") -> dict[str, object]:
    return {
        "article_id": "a", "idx": idx, "date": day, "type": kind, "quad_class": quad, "intensity": intensity,
        "mode": mode, "source": "Russia", "source_country": "RUS", "source_id": None, "target": "North Korea",
        "target_country": "PRK", "target_id": None, "claimant": None, "outlet": None, "sentence": "",
    }  # fmt: skip


def test_a_series_counts_by_period_and_averages_what_happened() -> None:
    rows = [
        row(0, "2023-10-16", "CONSULT", 1, 3.0),
        row(1, "2023-10-19", "AID", 2, 7.6, "attributed"),
        row(2, "2023-10-20", "AID", 2, 3.8, "hypothetical"),  # counted, not averaged
        row(3, "2023-10-30", "ACCUSE", 3, -2.0),
        row(4, "2023", "ASSAULT", 4, -9.6),  # no week in a year
    ]
    rel = series(rows, ["PRK"], ["RUS"], "week")
    assert [(p.period, p.total, p.intensity) for p in rel.points] == [("2023-10-16", 3, 5.3), ("2023-10-30", 1, -2.0)]
    assert rel.points[0].counts == {"AID": 2, "CONSULT": 1} and rel.points[0].quad_counts == {1: 1, 2: 2}
    assert rel.points[0].events == ["a:e0", "a:e1", "a:e2"]
    assert series(rows, ["RUS"], ["USA"], "week").points == []


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    from conftest import shared_path

    folder = shared_path("samples", "seeds")
    db = str(tmp_path_factory.mktemp("seeds") / "news.db")
    with Newsgraph(db) as ng:
        report = ng.ingest([str(folder)])
        assert report.ok and len(report.ingested) == 2
    return db


def test_seed_relations_show_russia_and_north_korea_cooperating(seeded: str) -> None:
    with Newsgraph(seeded) as ng:
        rel = ng.relations("RUS", "PRK", "week")
        assert rel.points and all(p.intensity is not None and p.intensity > 0 for p in rel.points)
        assert all(q in (1, 2) for p in rel.points for q in p.quad_counts)
        assert {"CONSULT", "AID"} <= {t for p in rel.points for t in p.counts}
        by_name = ng.relations("Sergei Lavrov", "North Korea", "month")
        assert by_name.a_name == "Sergei Lavrov" and by_name.events
        with pytest.raises(UnknownActor, match="no actor named"):
            ng.relations("Atlantis", "RUS")
        brief = ng.brief(ng.stories()[0].id)
        assert brief is not None and brief.events
        dated = [e.date for e in brief.events if e.date]
        assert dated == sorted(dated)


def test_cli_relations_prints_a_chart_and_writes_an_svg(seeded: str, tmp_path: Path) -> None:
    svg = tmp_path / "rus-prk.svg"
    result = CliRunner().invoke(main, ["relations", "RUS", "PRK", "--db", seeded, "-o", str(svg), "--events"])
    assert result.exit_code == 0, result.output
    assert "Russia – North Korea, by week" in result.output and "CONSULT" in result.output
    assert "Sergei Lavrov (RUS) -> Kim Jong Un (PRK)" in result.output
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg") and "Russia" in svg.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["relations", "RUS", "PRK", "--db", seeded, "--json", "--by", "month"])
    data = json.loads(result.output)
    assert data["by"] == "month" and "2023-10-01" in [p["period"] for p in data["points"]]
    result = CliRunner().invoke(main, ["relations", "RUS", "Atlantis", "--db", seeded])
    assert result.exit_code == 1 and "no actor named 'Atlantis'" in result.output


def test_cli_actors_and_show_list_events(seeded: str) -> None:
    result = CliRunner().invoke(main, ["actors", "--db", seeded, "--json"])
    data = json.loads(result.output)
    keys = [a["key"] for a in data["actors"]]
    assert {"RUS", "PRK", "USA"} <= set(keys[:6])
    assert any({d["a"], d["b"]} == {"PRK", "RUS"} and d["cooperation"] > 0 for d in data["dyads"])
    assert len(set(keys)) == len(keys)
    result = CliRunner().invoke(main, ["actors", "--db", seeded])
    assert result.exit_code == 0 and "North Korea – Russia" in result.output
    with Newsgraph(seeded) as ng:
        story = ng.stories()[0].id
    result = CliRunner().invoke(main, ["show", story, "--db", seeded])
    assert "events:" in result.output and "ACCUSE" in result.output


def test_events_in_jsonl_and_csv(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "news.jsonl"
    assert CliRunner().invoke(main, ["export", "--db", seeded, "--format", "jsonl", "-o", str(out)]).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    events = [r for r in records if r.get("record") == "event"]
    assert events and all(r["quad_class"] in (1, 2, 3, 4) for r in events)
    out = tmp_path / "events.csv"
    args = ["export", "--db", seeded, "--format", "csv", "--table", "events", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(events) and {"type", "quad_class", "intensity", "mode", "claimant"} <= set(rows[0])
    assert any(r["intensity"].startswith("-") and not r["intensity"].startswith("'") for r in rows)


def test_an_article_read_from_a_file_keeps_its_events_through_ingest(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Lithuania expelled two Russian diplomats on Monday.\n", encoding="utf-8")
    (art,) = [a for a in read_sources([str(path)]) if isinstance(a, Article)]
    with Newsgraph(tmp_path / "news.db") as ng:
        ng.ingest_articles([art])
        assert [r["type"] for r in ng._store.events()] == ["SANCTION"]


def test_a_participant_follows_its_mention_when_a_full_name_arrives_later(db_url: str) -> None:
    """'Lavrov' alone is an entity of its own until 'Sergei Lavrov' is stored; the relink of the mention moves
    the event's source with it, and relations by his name find the earlier event."""
    from newsgraph.stories.linking import person_id
    from test_quotes_store import TEXT_2, second_analysis

    text = "Lavrov met Kim in Pyongyang on Thursday."
    lavrov = Mention(*span(text, "Lavrov"), "Lavrov", "PERSON", "Lavrov", "person", "RUS")
    kim = Mention(*span(text, "Kim"), "Kim", "PERSON", "Kim Jong Un", "person", "PRK")
    met = Event(
        0, len(text), *span(text, "met"), "met", "CONSULT", 1, 3.0, "asserted",
        "Lavrov", 0, "RUS", "Kim Jong Un", 1, "PRK", "2023-10-19",
    )  # fmt: skip
    with Newsgraph(db_url) as ng:
        store(
            ng,
            [article("m1", text, "Lodestar News", "2023-10-20")],
            [Analysis("m1", mentions=[lavrov, kim], events=[met], model="t")],
        )
        assert ng._store.events(["m1"])[0]["source_id"] == person_id("Lavrov")
        store(ng, [article("a2", TEXT_2, "Quillwire", "2025-11-04")], [second_analysis()])
        assert ng._store.events(["m1"])[0]["source_id"] == person_id("Sergei Lavrov")
        rel = ng.relations("Sergei Lavrov", "Kim Jong Un", "week")
        assert (rel.a, rel.b) == ("Sergei Lavrov", "Kim Jong Un") and [e.id for e in rel.events] == ["m1:e0"]


def test_names_beyond_ascii_and_unresolved_names_find_their_actors(tmp_path: Path) -> None:
    text = "Marcelo Ébrard met officials in Zürich."
    ebrard = Mention(*span(text, "Marcelo Ébrard"), "Marcelo Ébrard", "PERSON", "Marcelo Ébrard", "person", "MEX")
    zurich = Mention(*span(text, "Zürich"), "Zürich", "GPE")
    met = Event(
        0, len(text), *span(text, "met"), "met", "CONSULT", 1, 3.0, "asserted",
        "Marcelo Ébrard", 0, "MEX", "Zürich", 1, "CHE", "2024-05-02",
    )  # fmt: skip
    with Newsgraph(tmp_path / "news.db") as ng:
        store(
            ng,
            [article("z1", text, "Lodestar News", "2024-05-02")],
            [Analysis("z1", mentions=[ebrard, zurich], events=[met], model="t")],
        )
        assert ng.relations("marcelo ébrard", "zürich", "day").events
        assert ng._store.entity_ids_named("MARCELO ÉBRARD") == ng._store.entity_ids_named("Marcelo Ébrard") != []


def test_an_event_stored_both_ways_counts_once_and_negated_events_not_at_all() -> None:
    rows = [
        row(0, "2023-10-19", "CONSULT", 1, 3.0) | {"trigger_start": 10},
        row(1, "2023-10-19", "CONSULT", 1, 3.0)
        | {"trigger_start": 10, "source_country": "PRK", "target_country": "RUS"},
        row(2, "2023-10-19", "ASSAULT", 4, 0.0, "negated") | {"trigger_start": 40},
    ]
    rel = series(rows, ["RUS"], ["PRK"], "week")
    assert [(p.total, p.counts) for p in rel.points] == [(1, {"CONSULT": 1})]
    from newsgraph.relations.series import activity

    actors, dyads = activity(rows, {"RUS": "Russia", "PRK": "North Korea"})
    assert {(a.key, a.events) for a in actors} == {("RUS", 2), ("PRK", 2)}  # once as source, once as target
    assert [(d.events, d.cooperation) for d in dyads] == [(1, 1)]
