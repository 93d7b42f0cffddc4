"""Event types from broad rules of the language: yielding to demands, verbs that report a conclusion, swearing as
stated intent, an event noun that a verb event acts on. Sentences written for these tests."""

from __future__ import annotations

from newsgraph import Article, analyze
from newsgraph.models import Event


def coded(text: str) -> list[Event]:
    return analyze([Article(id="t", text=text, published="2024-03-15", language="en")])[0].events


def main_types(text: str) -> set[str]:
    return {e.type for e in coded(text) if e.main}


def test_accepting_or_meeting_demands_is_yielding() -> None:
    assert "CONCEDE" in main_types("The Chilean government accepted the demands of striking miners for higher pay.")
    assert "CONCEDE" in main_types("Kenya finally met the demands of the opposition on Tuesday.")
    assert "CONCEDE" not in main_types("Ghana accepted an invitation from Togo to hold talks.")


def test_a_conclusion_that_another_must_act_is_a_demand() -> None:
    events = coded("An inquiry by Norway concluded that Sweden must compensate the fishermen.")
    assert any(e.type == "REQUEST" and e.target_country == "SWE" for e in events)
    assert not any(e.type == "REQUEST" for e in coded("Norway concluded its talks with Sweden on Monday."))


def test_swearing_to_use_force_is_a_threat() -> None:
    assert "THREATEN" in {e.type for e in coded("Serbian militias have sworn to attack Kosovo.")}
    assert "ASSAULT" not in {e.type for e in coded("Serbian militias have sworn to attack Kosovo.")}


def test_an_event_noun_a_verb_event_acts_on_is_background() -> None:
    events = coded("Bolivia reneged on its pledge to Chile.")
    assert "REJECT" in {e.type for e in events if e.main}
    assert "AGREE" not in {e.type for e in events if e.main}
