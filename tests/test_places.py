"""Places: gazetteer lookups and the choice among same-named places, on hand-made mentions."""

from __future__ import annotations

import re

import pytest

from newsgraph import Article, analyze
from newsgraph.analyze.gazetteer import distance_km, gazetteer, key
from newsgraph.analyze.places import find_places
from newsgraph.models import Mention, Place

GAZ = gazetteer()


def mentions(text: str, *spans: tuple[str, str]) -> list[Mention]:
    """Mentions for (surface, label) pairs, at their first occurrence after the previous one."""
    out, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        out.append(Mention(start, start + len(surface), surface, label))
        pos = start + len(surface)
    return out


def place(text: str, surface: str, found: list[Place]) -> Place:
    hits = [p for p in found if p.text == surface]
    assert hits, (surface, found)
    return hits[0]


def test_keys_ignore_case_dots_accents_and_possessives() -> None:
    assert key("the U.S.") == "us"
    assert key("Russia’s") == "russia"
    assert key("Saint-Étienne") == "st etienne"


def test_gazetteer_has_cities_divisions_countries_regions_and_facilities() -> None:
    gaz = gazetteer()
    pyongyang = [e for e in gaz.lookup("Pyongyang") if e.feature == "city"][0]
    assert pyongyang.country == "PRK" and distance_km(pyongyang.lat, pyongyang.lon, 39.0, 125.8) < 15
    assert {e.feature for e in gaz.lookup("Tamil Nadu")} == {"admin1"}
    assert any(e.feature == "country" and e.country == "PRK" for e in gaz.lookup("DPRK"))
    assert any(e.feature == "region" for e in gaz.lookup("Middle East"))
    assert [e.country for e in gaz.lookup("Vostochny Cosmodrome")] == ["RUS"]
    assert any(e.name == "Kyiv" for e in gaz.lookup("Kiev"))  # alternate names of large cities
    assert any(e.feature == "admin1" and e.name == "Virginia" for e in gaz.lookup("Va."))  # our aliases


def test_every_country_has_a_point_inside_its_own_places() -> None:
    countries = list(gazetteer().countries())
    assert len(countries) > 190
    for e in countries:
        assert -90 <= e.lat <= 90 and -180 <= e.lon <= 180, e.country


def test_a_place_named_after_its_state_goes_there() -> None:
    text = "The festival in Paris, Texas drew crowds."
    assert place(text, "Paris", find_places(GAZ, text, mentions(text, ("Paris", "GPE"), ("Texas", "GPE")))).country == "USA"
    text = "The festival in Paris drew crowds."
    assert place(text, "Paris", find_places(GAZ, text, mentions(text, ("Paris", "GPE")))).country == "FRA"


def test_the_articles_other_places_choose_among_same_named_ones() -> None:
    text = "Students in Cambridge protested. Harvard sits in Massachusetts, near Boston."
    found = find_places(GAZ, text, mentions(text, ("Cambridge", "GPE"), ("Massachusetts", "GPE"), ("Boston", "GPE")))
    assert place(text, "Cambridge", found).country == "USA"
    text = "Students in Cambridge protested, as they did in London and Oxford."
    found = find_places(GAZ, text, mentions(text, ("Cambridge", "GPE"), ("London", "GPE"), ("Oxford", "GPE")))
    assert place(text, "Cambridge", found).country == "GBR"


@pytest.mark.parametrize(
    ("others", "country", "feature"),
    [(["Atlanta", "Savannah", "Alabama"], "USA", "admin1"), (["Tbilisi", "Armenia", "Azerbaijan"], "GEO", "country")],
)
def test_georgia_the_state_or_the_country(others: list[str], country: str, feature: str) -> None:
    text = "Floods hit Georgia. " + " ".join(f"Rain also fell on {o}." for o in others)
    found = find_places(GAZ, text, mentions(text, ("Georgia", "GPE"), *[(o, "GPE") for o in others]))
    georgia = place(text, "Georgia", found)
    assert (georgia.country, georgia.feature) == (country, feature)


def test_a_facility_word_after_any_name_makes_a_facility() -> None:
    text = "A bomber sits at Cheongju airport. They met at Russia's Vostochny Cosmodrome."
    found = find_places(GAZ,
        text, mentions(text, ("Cheongju", "PERSON"), ("Russia", "GPE"), ("Vostochny Cosmodrome", "ORG"))
    )
    cheongju = place(text, "Cheongju airport", found)
    assert (cheongju.country, cheongju.feature) == ("KOR", "facility")
    assert place(text, "Vostochny Cosmodrome", found).country == "RUS"
    text = "Flights resumed at Gwangju airport."  # no curated entry: the city it is named after
    gwangju = place(text, "Gwangju airport", find_places(GAZ, text, mentions(text, ("Gwangju", "GPE"))))
    assert (gwangju.country, gwangju.feature, gwangju.name) == ("KOR", "facility", "Gwangju airport")


def test_demonyms_are_places_only_when_asked_and_never_in_the_plural() -> None:
    text = "Russian officials met. Nigerians voted."
    ms = mentions(text, ("Russian", "NORP"), ("Nigerians", "NORP"))
    assert find_places(GAZ, text, ms) == []
    found = find_places(GAZ, text, ms, demonyms=True)
    assert [(p.text, p.country, p.adjectival) for p in found] == [("Russian", "RUS", True)]


def test_names_no_entity_covers_are_found_when_they_are_places_outright() -> None:
    text = "BEIRUT - Talks in Vietnam ended. North of the river, Time magazine said As expected."
    found = find_places(GAZ, text, [])
    assert {(p.text, p.country) for p in found} == {("BEIRUT", "LBN"), ("Vietnam", "VNM")}


def test_a_place_inside_a_facility_name_narrows_to_it() -> None:
    text = "The show opens at the Dubai World Trade Centre on Monday."
    found = find_places(GAZ, text, mentions(text, ("the Dubai World Trade Centre", "FAC")))
    assert [(p.text, p.country) for p in found] == [("Dubai", "ARE")]
    assert text[found[0].start : found[0].end] == "Dubai"


def test_institutions_named_for_their_government_are_not_places() -> None:
    text = "The Kremlin said talks went well, the White House said."
    assert find_places(GAZ, text, mentions(text, ("Kremlin", "ORG"), ("White House", "ORG"))) == []


def test_people_tagged_names_that_are_large_places_are_places() -> None:
    text = "Officials in Tamil Nadu and Abuja spoke. John Abuja did not."
    found = find_places(GAZ, text, mentions(text, ("Tamil Nadu", "PERSON"), ("Abuja", "PERSON"), ("John Abuja", "PERSON")))
    assert {p.text for p in found} == {"Tamil Nadu"}  # 'Abuja' is part of a person's name here


def test_offsets_point_at_the_text() -> None:
    text = "Troops left Kharkiv for Donetsk, Ukraine."
    found = find_places(GAZ, text, mentions(text, ("Kharkiv", "GPE"), ("Donetsk", "GPE"), ("Ukraine", "GPE")))
    for p in found:
        assert text[p.start : p.end] == p.text
    assert {p.country for p in found} == {"UKR"}
    assert re.fullmatch(r"[A-Z]{3}", place(text, "Donetsk", found).country or "")


def test_a_small_place_abroad_that_nothing_supports_is_dropped() -> None:
    text = "A court file on the divorce from his wife Ivana was opened. Obama will visit the Sunshine state."
    found = find_places(GAZ, text, mentions(text, ("Ivana", "GPE"), ("Sunshine", "GPE")))
    assert found == []
    text = "Nenagh, a town in Tipperary, Ireland, voted. Rain fell on Nenagh again."
    found = find_places(GAZ, text, mentions(text, ("Nenagh", "GPE"), ("Tipperary", "GPE"), ("Ireland", "GPE"), ("Nenagh", "GPE")))
    assert {p.text for p in found} >= {"Nenagh", "Ireland"} and place(text, "Nenagh", found).country == "IRL"


def test_common_words_are_not_places_whatever_the_model_says() -> None:
    text = "Say Mexico sued. Earth is warming. Central and East European states met."
    found = find_places(GAZ, text, mentions(text, ("Say Mexico", "GPE"), ("Earth", "LOC"), ("Central", "LOC")))
    assert [(p.text, p.country) for p in found] == [("Mexico", "MEX")]


def test_a_sentences_first_word_is_a_place_only_as_a_country_region_or_dateline() -> None:
    text = "Reading the report, the senator frowned. Surprise was the reaction. Mobile phone sales rose in Reading."
    found = find_places(GAZ, text, [])
    assert [(p.text, p.start) for p in found] == [("Reading", text.rindex("Reading"))]
    assert [p.country for p in find_places(GAZ, "Mexico sued. WASHINGTON - It did.", [])] == ["MEX", "USA"]


def test_an_organization_is_a_city_only_where_a_place_is_expected() -> None:
    text = "Toyota said profit rose. Fans gathered in Boise on Monday."
    found = find_places(GAZ, text, mentions(text, ("Toyota", "ORG"), ("Boise", "ORG")))
    assert [(p.text, p.country) for p in found] == [("Boise", "USA")]


def test_the_name_after_the_comma_is_the_division_of_the_one_before() -> None:
    text = "Residents of Columbus, Georgia, were evacuated."
    georgia = place(text, "Georgia", find_places(GAZ, text, mentions(text, ("Columbus", "GPE"), ("Georgia", "GPE"))))
    assert (georgia.country, georgia.feature) == ("USA", "admin1")


@pytest.mark.parametrize("city", ["Kharkiv", "Lviv", "Hamburg"])
def test_a_city_beats_its_own_same_named_division(city: str) -> None:
    text = f"The mayor of {city} spoke."
    assert place(text, city, find_places(GAZ, text, mentions(text, (city, "GPE")))).feature == "city"


def test_institutions_are_placed_only_by_a_state_or_country_in_their_name() -> None:
    text = "She studied at Georgetown University and Colorado State University."
    found = find_places(GAZ, text, mentions(text, ("Georgetown University", "FAC"), ("Colorado State University", "FAC")))
    assert [(p.text, p.feature, p.country) for p in found] == [("Colorado", "admin1", "USA")]


def test_many_place_names_do_not_take_quadratic_time() -> None:
    import time

    names = ["Paris", "London", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw"]
    text = " ".join(f"Trains ran from {n} again." for n in names * 400)
    ms, pos = [], 0
    for n in names * 400:
        pos = text.index(n, pos)
        ms.append(Mention(pos, pos + len(n), n, "GPE"))
        pos += len(n)
    started = time.perf_counter()
    found = find_places(GAZ, text, ms)
    assert len(found) == 3200
    assert time.perf_counter() - started < 30  # seconds: generous, a quadratic pass takes minutes


def test_a_seat_of_government_named_as_the_government_is_not_a_place() -> None:
    text = "Downing Street was informed. Tourists queued outside the White House."
    ms = [
        Mention(0, 14, "Downing Street", "FAC", "United Kingdom", "country", "GBR"),
        Mention(text.index("the White House"), len(text) - 1, "the White House", "FAC"),
    ]
    assert [p.name for p in find_places(GAZ, text, ms)] == ["White House"]


def test_one_name_is_one_place_in_an_article() -> None:
    text = "Shells hit Kharkiv at dawn. The governor of Kharkiv asked for help. In Kharkiv, schools closed."
    found = find_places(GAZ, text, mentions(text, ("Kharkiv", "FAC"), ("Kharkiv", "ORG"), ("Kharkiv", "LOC")))
    assert len(found) == 3 and {(p.name, p.feature) for p in found} == {("Kharkiv", "city")}


def test_the_gulf_countries_are_a_group_of_countries_not_a_province() -> None:
    text = "Oil ministers of the Gulf countries met in Riyadh."
    found = find_places(GAZ, text, mentions(text, ("Gulf", "LOC"), ("Riyadh", "GPE")))
    assert all(p.country != "PNG" for p in found)
    assert place(text, "Gulf countries", found).feature == "region"


def test_a_district_of_a_place_lies_in_that_place() -> None:
    text = "Prosecutors in the Southern District of New York charged the banker."
    found = find_places(GAZ, text, mentions(text, ("the Southern District", "LOC"), ("New York", "GPE")))
    assert all(p.country == "USA" for p in found), found


def test_a_small_town_the_model_missed_is_placed_when_the_article_anchors_it() -> None:
    text = "Wildfires forced evacuations in Alberta on Monday. Residents of Edmonton were told to stay indoors, and in Hinton the school closed."
    found = find_places(GAZ, text, mentions(text, ("Alberta", "GPE"), ("Edmonton", "GPE")))
    hinton = place(text, "Hinton", found)
    assert hinton.country == "CAN" and distance_km(hinton.lat, hinton.lon, 53.4, -117.6) < 20


def test_a_small_town_name_with_nothing_near_it_is_no_place() -> None:
    text = "The builder offers four floor plans. Buyers in Norbury and Granville can choose a stand-alone tub."
    assert find_places(GAZ, text, []) == []
    text = "Prices rose in Texas. The model called Norbury has a larger kitchen."  # no place cue before it
    assert [p.text for p in find_places(GAZ, text, mentions(text, ("Texas", "GPE")))] == ["Texas"]


def test_months_days_and_lowercase_words_are_no_places() -> None:
    text = "There were more arrests in March than in August, and on Sunday the metro closed in Ohio."
    found = find_places(GAZ, text, mentions(text, ("March", "DATE"), ("the metro", "FAC"), ("Ohio", "GPE")))
    assert [p.text for p in found] == ["Ohio"]


def test_a_dateline_names_a_place() -> None:
    text = "Muscat: The film festival opened on Sunday with films from Oman and India."
    found = find_places(GAZ, text, mentions(text, ("Oman", "GPE"), ("India", "GPE")))
    assert place(text, "Muscat", found).country == "OMN"
    text = "Reading the report, the minister said nothing."
    assert find_places(GAZ, text, []) == []


def test_a_town_listed_with_places_the_model_saw_is_a_place_and_codes_of_regions_are_names() -> None:
    text = "The train stops in Hilversum, Amersfoort and Almelo. EU rules apply in the EU."
    found = find_places(
        GAZ, text, mentions(text, ("Hilversum", "GPE"), ("Amersfoort", "GPE"), ("Almelo", "PERSON"), ("EU", "ORG"))
    )
    assert place(text, "Almelo", found).country == "NLD"
    assert place(text, "EU", found).name == "Europe"


def test_a_name_shared_by_a_city_and_its_state_is_the_city() -> None:
    text = "Crime in London was lower than in New York last year."
    found = find_places(GAZ, text, mentions(text, ("London", "GPE"), ("New York", "GPE")))
    assert place(text, "New York", found).feature == "city"


def test_titles_before_a_persons_name_and_institutions_are_no_places() -> None:
    text = "Texas voters met former Miss Universe Alicia Machado and Del. Stacey Plaskett. Republicans in Congress objected."
    found = find_places(
        GAZ, text, mentions(text, ("Texas", "GPE"), ("Alicia Machado", "PERSON"), ("Stacey Plaskett", "PERSON"))
    )
    assert [p.text for p in found] == ["Texas"]


def test_an_organization_after_at_is_no_small_town() -> None:
    """'studied at Harvard' is the university, though a town of that name lies near Boston (review of issue 22)."""
    (analysis,) = analyze([Article("x", "She studied at Harvard and lives in Boston.", published="2023-05-10")])
    assert [p.text for p in analysis.places] == ["Boston"]
