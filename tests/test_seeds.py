"""The model case: two outlets, one story, with the artifacts scraped news really has."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph import Article, Newsgraph
from newsgraph.cli import main

EURONEWS = "000_2ccd8ab5c758b667.txt"
MOSCOW_TIMES = "002_a76df0db57aef69a.txt"


def by_file(ng: Newsgraph) -> dict[str, Article]:
    return {Path(a.source).name: a for a in ng.articles()}


def test_seeds_ingest_as_one_story(seeds: Path, ng: Newsgraph) -> None:
    report = ng.ingest([seeds])
    assert len(report.ingested) == 2 and not report.failures and not report.duplicates
    arts = by_file(ng)
    mt, eu = arts[MOSCOW_TIMES], arts[EURONEWS]

    assert mt.outlet == "The Moscow Times"
    assert mt.published == "2023-10-20"
    assert mt.credited == ["AFP"]
    assert mt.title == "N. Korea's Kim Wants 'Forward-Looking' Ties With Russia"
    assert (
        mt.url == "https://www.themoscowtimes.com/2023/10/20/n-koreas-kim-wants-forward-looking-ties-with-russia-a82808"
    )
    assert mt.language == "en"

    assert eu.outlet == "Euronews"
    assert eu.title == 'Kim Jong Un: "Stable and far sighted relations with Russia"'
    assert "quot" not in eu.title and "quot" not in eu.text
    assert "ADVERTISING" not in eu.text
    assert eu.language == "en"

    [story] = ng.stories()
    assert sorted(story.article_ids) == sorted([mt.id, eu.id])
    assert story.outlets == ["Euronews", "The Moscow Times"]


def test_seed_bodies_keep_every_sentence_and_lose_the_artifacts(seeds: Path, ng: Newsgraph) -> None:
    ng.ingest([seeds])
    arts = by_file(ng)
    mt_text: str = arts[MOSCOW_TIMES].text
    eu_text: str = arts[EURONEWS].text
    for artifact in ("[", "](", "**", "Related article", "Original url", "<https", "By AFP"):
        assert artifact not in mt_text, artifact
    # the sentence broken across two paragraphs by the scraper is whole again
    assert "the KCNA news agency said, using the official acronym for North Korea." in mt_text
    # every sentence of the article is kept, first to last
    assert mt_text.startswith("Russian Foreign Minister Sergei Lavrov in Pyongyang, North Korea.")
    assert mt_text.endswith(
        '"likely indicates North Korea\'s supply of arms and munitions to Russia," the group said in its report.'
    )
    assert "Moscow this week denounced the allegations" in mt_text
    assert eu_text.startswith("Lavrov in Pyongyang: The Russian Foreign Minister’s visit")
    assert eu_text.endswith("military equipment and ammunition to Russia in recent weeks.")
    assert "“a stable and far-sighted plan.”" in eu_text


def test_reingesting_adds_nothing(seeds: Path, ng: Newsgraph) -> None:
    ng.ingest([seeds])
    before = ng.export()
    again = ng.ingest([seeds])
    assert again.ingested == [] and len(again.duplicates) == 2
    assert ng.export() == before


def test_seed_sentences_and_entities_are_stored(seeds: Path, ng: Newsgraph) -> None:
    ng.ingest([seeds])
    mt = by_file(ng)[MOSCOW_TIMES]
    text: str = mt.text
    sentences = ng._store.sentences(mt.id)
    assert len(sentences) > 25
    assert all(text[a:b].strip() for a, b in sentences)
    mentions = ng._store.mentions([mt.id])
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    people = {m["text"] for m in mentions if m["label"] == "PERSON"}
    assert {"Sergei Lavrov", "Kim Jong Un", "John Kirby"} <= people


def test_cli_end_to_end(seeds: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(seeds), "--db", db])
    assert first.exit_code == 0 and "ingested 2, duplicates 0, failed 0" in first.stdout
    second = runner.invoke(main, ["ingest", str(seeds), "--db", db])
    assert second.exit_code == 0 and "ingested 0, duplicates 2, failed 0" in second.stdout
    listing = runner.invoke(main, ["stories", "--db", db])
    assert listing.exit_code == 0 and "Euronews, The Moscow Times" in listing.stdout
    data = json.loads(runner.invoke(main, ["export", "--db", db]).stdout)
    story_id = data["stories"][0]["id"]
    shown = runner.invoke(main, ["show", story_id, "--db", db])
    assert shown.exit_code == 0
    assert "The Moscow Times" in shown.stdout and "AFP" in shown.stdout
    assert (
        "people: Sergei Lavrov (RUS, foreign minister)" in shown.stdout and "Kim Jong Un (PRK, leader)" in shown.stdout
    )
    assert "countries: Russia" in shown.stdout
    assert "dates: " in shown.stdout and "2023-10-19" in shown.stdout
    assert "places: Pyongyang (PRK, city;" in shown.stdout and "Vostochny Cosmodrome (RUS, facility;" in shown.stdout
    missing = runner.invoke(main, ["show", "nope", "--db", db])
    assert missing.exit_code == 1 and "no story 'nope'" in missing.stderr


def test_seed_times_are_normalized_against_the_publication_date(seeds: Path, ng: Newsgraph) -> None:
    ng.ingest([seeds])
    mt = by_file(ng)[MOSCOW_TIMES]
    times = {(t["text"], t["value"]) for t in ng.export()["times"] if t["article_id"] == mt.id}
    assert {("Thursday", "2023-10-19"), ("Wednesday night", "2023-10-18"), ("last month", "2023-09")} <= times
    for t in ng.export()["times"]:
        text = next(a.text for a in ng.articles() if a.id == t["article_id"])
        assert text[t["start"] : t["end"]] == t["text"]


def test_seed_places_are_resolved_with_country_and_coordinates(seeds: Path, ng: Newsgraph) -> None:
    ng.ingest([seeds])
    mt = by_file(ng)[MOSCOW_TIMES]
    places = [p for p in ng.export()["places"] if p["article_id"] == mt.id]
    by_text = {p["text"]: p for p in places}
    pyongyang = by_text["Pyongyang"]
    assert pyongyang["country"] == "PRK" and abs(pyongyang["lat"] - 39.0) < 0.2 and abs(pyongyang["lon"] - 125.8) < 0.2
    assert by_text["Cheongju airport"]["country"] == "KOR" and by_text["Cheongju airport"]["feature"] == "facility"
    assert by_text["Vostochny Cosmodrome"]["country"] == "RUS"
    assert by_text["Seoul"]["country"] == "KOR" and by_text["Moscow"]["country"] == "RUS"
    assert by_text["Washington"]["country"] == "USA" and abs(by_text["Washington"]["lon"] + 77.0) < 0.5
    for p in places:
        assert mt.text[p["start"] : p["end"]] == p["text"]
        assert not p["adjectival"]  # 'Russian', 'North Korean' are not listed as places by default


def test_brief_and_json_views_of_the_seed_story(seeds: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(seeds), "--db", db]).exit_code == 0
    listed = json.loads(runner.invoke(main, ["stories", "--db", db, "--json"]).stdout)
    assert len(listed) == 1 and listed[0]["outlets"] == ["Euronews", "The Moscow Times"]
    story_id = listed[0]["id"]
    with Newsgraph(db, create=False) as ng:
        brief = ng.brief(story_id)
    assert brief is not None and brief.story.id == story_id and len(brief.articles) == 2
    people = {e.name: e for e in brief.actors if e.type == "person"}
    assert people["Sergei Lavrov"].role == "foreign minister" and people["Sergei Lavrov"].country == "RUS"
    assert people["Sergei Lavrov"].mentions >= 8  # the Euronews seed's 'Lavrov' counts for him
    assert brief.actors[0].mentions >= brief.actors[-1].mentions
    assert {d.value for d in brief.dates} >= {"2023-10-19"}
    assert brief.places[0].name == "Pyongyang" and brief.places[0].country == "PRK"
    shown = json.loads(runner.invoke(main, ["show", story_id, "--db", db, "--json"]).stdout)
    assert set(shown) == {"story", "articles", "reprints", "history", "actors", "places", "dates", "quotes", "events", "facts", "provenance", "comparison_stale", "compared_at", "languages", "fact_confidence"}
    assert shown["comparison_stale"] is False and shown["compared_at"]  # the ingest compared it
    assert shown["languages"] == ["en"]  # both seed articles are in English
    quotes = {group["speaker"]: group["quotes"] for group in shown["quotes"]}  # the quotes, by speaker
    assert {"Sergei Lavrov", "Kim Jong Un"} <= set(quotes)
    new_level = [q for q in quotes["Sergei Lavrov"] if "qualitatively new" in q["text"]]
    assert {q["outlet"] for q in new_level} == {"Euronews", "The Moscow Times"}  # his words, in both outlets
    assert all(q["kind"] == "direct" and q["stance"] == "asserts" for q in new_level)
    denials = [q for group in quotes.values() for q in group if q["stance"] == "denies"]
    assert {q["outlet"] for q in denials} == {"The Moscow Times"}  # only one outlet reports the denial
    denounced = next(q for q in quotes["Russia"] if q["cue"] == "denounced")
    assert denounced["text"] == "the allegations" and denounced["denies_speaker"] == "United States"
    assert "1,000 containers of military equipment" in denounced["denies"]  # what it denies: the US claim
    assert shown["story"]["id"] == story_id and shown["places"][0]["name"] == "Pyongyang"
    assert {a["outlet"] for a in shown["articles"]} == {"Euronews", "The Moscow Times"}
