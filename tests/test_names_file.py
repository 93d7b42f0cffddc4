"""The user's own names file: people, country forms and places added to the registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import Article, Newsgraph, Options
from newsgraph.analyze.actors import CountryTable
from newsgraph.analyze.registry import RegistryError, load
from newsgraph.cli import main

NAMES = {
    "people": [{"name": "Choe Son Hui", "aliases": ["Madam Choe"], "country": "PRK", "role": "foreign minister"}],
    "countries": {"PRK": {"aliases": ["the Hermit Kingdom"]}},
    "places": [
        {
            "name": "Ryugyong Hotel", "aliases": ["the pyramid hotel"], "feature": "facility",
            "kind": "landmark", "country": "PRK", "lat": 39.04, "lon": 125.73,
        }
    ],
}  # fmt: skip
TEXT = (
    "Madam Choe met diplomats at the Ryugyong Hotel on Monday. Officials of the Hermit Kingdom said "
    "the visit went well, and the foreign minister left Pyongyang by train."
)


def write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "names.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_names_file_adds_people_country_forms_and_places(tmp_path: Path) -> None:
    options = Options(names_file=write(tmp_path, NAMES))
    with Newsgraph(tmp_path / "n.db", options) as ng:
        ng.ingest_articles([Article(id="a", text=TEXT, language="en", published="2023-10-20")])
        data = ng.export()
    entities = {e["name"]: e for e in data["entities"]}
    choe = entities["Choe Son Hui"]
    assert (choe["type"], choe["country"], choe["role"]) == ("person", "PRK", "foreign minister")
    assert "Madam Choe" in choe["aliases"]
    assert "the Hermit Kingdom" in entities["North Korea"]["aliases"]
    hotel = next(p for p in data["places"] if p["name"] == "Ryugyong Hotel")
    assert (hotel["country"], hotel["feature"]) == ("PRK", "facility")


def test_without_the_file_none_of_it_applies(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles([Article(id="a", text=TEXT, language="en", published="2023-10-20")])
        data = ng.export()
    assert "Choe Son Hui" not in {e["name"] for e in data["entities"]}
    assert "Ryugyong Hotel" not in {p["name"] for p in data["places"]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object"),
        ({"persons": []}, "unknown keys"),
        ({"people": [{"aliases": ["x"]}]}, "people[0]: needs a 'name'"),
        ({"countries": {"North Korea": {}}}, "alpha-3"),
        ({"places": [{"name": "X", "lat": 100, "lon": 0}]}, "'lat' (-90..90)"),
        ({"places": [{"name": "X", "feature": "street", "lat": 1, "lon": 1}]}, "'feature' must be one of"),
    ],
)
def test_a_bad_names_file_is_refused_with_where_and_why(tmp_path: Path, data: object, message: str) -> None:
    with pytest.raises(RegistryError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        load(write(tmp_path, data))


def test_cli_refuses_a_bad_names_file_before_reading_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "names.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--names", str(bad)])
    assert result.exit_code == 1 and "not JSON" in result.stderr


def test_the_file_does_not_override_what_the_article_itself_resolved(tmp_path: Path) -> None:
    from newsgraph import Mention
    from newsgraph.analyze.actors import resolve

    registry = load(write(tmp_path, {"people": [{"name": "Choe Son Hui", "aliases": ["Choe"], "country": "PRK"}]}))
    text = "Choe Ryong Hae met the envoy on Monday. Choe said the talks went well. Choe left."
    ms = [Mention(0, 14, "Choe Ryong Hae", "PERSON"), Mention(40, 44, "Choe", "PERSON")]
    assert [m.canonical for m in resolve(text, ms, CountryTable.build(registry), registry)] == ["Choe Ryong Hae", "Choe Ryong Hae"]
    alone = [Mention(text.rindex("Choe"), text.rindex("Choe") + 4, "Choe", "PERSON")]
    assert [m.canonical for m in resolve(text, alone, CountryTable.build(registry), registry)] == ["Choe Son Hui"]


@pytest.mark.parametrize("data", [{"people": None}, {"places": 3}])
def test_wrong_kinds_of_lists_are_refused_not_crashed_on(tmp_path: Path, data: object) -> None:
    with pytest.raises(RegistryError, match="must be a list"):
        load(write(tmp_path, data))
