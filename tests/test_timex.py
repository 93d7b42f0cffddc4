from __future__ import annotations

from typing import Any

import pytest

from newsgraph.analyze.nlp import english
from newsgraph.analyze.tense import time_word_tenses
from newsgraph.analyze.timex import find_times


@pytest.fixture(scope="module")
def nlp() -> Any:
    return english()

ANCHOR = "2023-10-20"  # a Friday: the publication date of the AFP seed


def one(text: str, anchor: str | None = ANCHOR) -> tuple[str, str, str]:
    [t] = find_times(text, anchor)
    return t.text, t.type, t.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim said Thursday he wants ties", ("Thursday", "DATE", "2023-10-19")),
        ("arrived on Wednesday night after", ("Wednesday night", "DATE", "2023-10-18")),
        ("invited by Kim last month at a summit", ("last month", "DATE", "2023-09")),
        ("the summit on October 20, 2023 in", ("October 20, 2023", "DATE", "2023-10-20")),
        ("between Sept. 1 and", ("Sept. 1", "DATE", "2023-09-01")),
        ("talks in December", ("December", "DATE", "2023-12")),
        ("talks in April", ("April", "DATE", "2023-04")),
        ("it happened yesterday", ("yesterday", "DATE", "2023-10-19")),
        ("next week they meet", ("next week", "DATE", "2023-W43")),
        ("three years ago it began", ("three years ago", "DATE", "2020")),
        ("for the past two years", ("the past two years", "DURATION", "P2Y")),
        ("a 48-hour strike", ("48-hour", "DURATION", "PT48H")),
        ("the third quarter results", ("the third quarter", "DATE", "2023-Q3")),
        ("at 3:30 p.m. local time", ("3:30 p.m.", "TIME", "2023-10-20T15:30")),
        ("prices rise every year", ("every year", "SET", "P1Y")),
        ("the 1990s were calm", ("the 1990s", "DATE", "199")),
        ("he is now in charge", ("now", "DATE", "PRESENT_REF")),
        ("last November", ("last November", "DATE", "2022-11")),
    ],
)
def test_find_times(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = "On Thursday, Lavrov met Choe Son Hui; last month Kim met Putin in 2023."
    for t in find_times(text, ANCHOR):
        assert text[t.start : t.end] == t.text


def test_not_time_expressions() -> None:
    assert find_times("a 6-year-old boy and 1,000 containers at 100 kilometers", ANCHOR) == []
    assert find_times("They may go.", ANCHOR) == []


def test_without_anchor_values_stay_unresolved() -> None:
    assert one("on Thursday", None)[2].startswith("XXXX")
    assert one("in 2019", None)[2] == "2019"


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("shoppers on Thanksgiving Day", "1999-11-30", ("Thanksgiving Day", "DATE", "1999-11-25")),
        ("families met at Easter", "2024-04-10", ("Easter", "DATE", "2024-03-31")),
        ("since last Christmas it", ANCHOR, ("last Christmas", "DATE", "2022-12-25")),
        ("before next Memorial Day the", ANCHOR, ("next Memorial Day", "DATE", "2024-05-27")),
        ("on New Year’s Eve the", ANCHOR, ("New Year’s Eve", "DATE", "2023-12-31")),
        ("floods this summer were", ANCHOR, ("this summer", "DATE", "2023-SU")),
        ("rock music of the nineties", "1998-05-01", ("the nineties", "DATE", "199")),
        ("a fashion of the twenties", "2026-11-23", ("the twenties", "DATE", "202")),
        ("the plant ran for years without", ANCHOR, ("years", "DURATION", "PXY")),
        ("a deal in the near future", ANCHOR, ("the near future", "DATE", "FUTURE_REF")),
    ],
)
def test_holidays_seasons_decades_and_vague_spans(text: str, anchor: str, expected: tuple[str, str, str]) -> None:
    assert one(text, anchor) == expected


def test_fall_is_a_season_only_with_a_determiner() -> None:
    assert find_times("prices fall when supply grows", ANCHOR) == []
    assert one("the vote last fall was close") == ("last fall", "DATE", "2022-FA")


@pytest.mark.parametrize("text", ["on Eaſter Sunday", "CHRİSTMAS eve", "this ſummer", "in the ſixties", "ſunday"])
def test_unicode_case_folds_never_crash(text: str) -> None:
    find_times(text, ANCHOR)


@pytest.mark.parametrize(
    "text", ["the Arab Spring", "the Winter Olympics", "Easter Island", "Christmas Island", "Ukraine's Independence Day"]
)
def test_holidays_and_seasons_inside_names_are_not_dates(text: str) -> None:
    assert find_times(text, ANCHOR) == []


def test_a_season_of_a_year() -> None:
    assert one("in the spring of 2021 it") == ("the spring of 2021", "DATE", "2021-SP")
    assert one("it lasted for decades") == ("decades", "DURATION", "PXDE")


# --- tenses, fractions, holidays, clocks on a day (the dates round of issue 22) -------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The talks will resume Tuesday in Geneva.", "2023-10-24"),  # published Thursday 19 October
        ("The minister is meeting his counterpart Tuesday.", "2023-10-24"),
        ("The delegation is expected to arrive Tuesday.", "2023-10-24"),
        ("The talks resumed Tuesday in Geneva.", "2023-10-17"),
        ("The talks resume Tuesday in Geneva.", "2023-10-17"),  # no tense that points ahead: the last Tuesday
    ],
)
def test_a_weekday_follows_the_tense_of_its_verb(nlp: Any, text: str, value: str) -> None:
    tenses = dict(time_word_tenses(nlp(text)))
    (found,) = find_times(text, "2023-10-19", tenses)
    assert (found.text, found.value) == ("Tuesday", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The election will be held in March.", "2024-03"),  # published in October 2023
        ("The ceasefire was signed in November.", "2022-11"),
        ("Exports fell in March.", "2023-03"),
    ],
)
def test_a_month_alone_follows_the_tense_of_its_verb(nlp: Any, text: str, value: str) -> None:
    tenses = dict(time_word_tenses(nlp(text)))
    (found,) = find_times(text, "2023-10-19", tenses)
    assert found.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("after 5 1/2 hours of talks", "PT5H30M"),
        ("for two and a half years", "P2Y6M"),
        ("a 1½ day visit", "P1DT12H"),
        ("over several quarters", "PXQ"),
        ("for two quarters", "P2Q"),
    ],
)
def test_durations_with_halves_and_quarters(text: str, value: str) -> None:
    (found,) = [t for t in find_times(text, "2023-10-19") if t.type == "DURATION"]
    assert found.value == value


def test_a_year_before_a_unit_is_no_count_of_them() -> None:
    assert all(t.type != "DURATION" for t in find_times("Profit rose from the 1988 quarter.", "1989-10-30"))


def test_a_holiday_without_a_year_is_the_last_one_unless_it_is_near() -> None:
    (found,) = find_times("He was rescued on Thanksgiving Day.", "2000-01-07")
    assert found.value == "1999-11-25"
    (found,) = find_times("Shops expect crowds on Thanksgiving Day.", "2000-11-01")
    assert found.value == "2000-11-23"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("a deadline of 9 a.m. Tuesday to sign", "9 a.m. Tuesday", "2023-10-17T09:00"),
        ("trading resumes at 5 p.m. EST, Nov. 6, officials said", "5 p.m. EST, Nov. 6", "2023-11-06T17:00"),
        ("the strike began at midnight Friday", "midnight Friday", "2023-10-13T24:00"),
    ],
)
def test_a_clock_on_a_named_day_is_one_time(text: str, span: str, value: str) -> None:
    (found,) = find_times(text, "2023-10-19")
    assert (found.text, found.type, found.value) == (span, "TIME", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The vote is set for Thanksgiving.", "2023-11-23"),  # published in May: a plan, the next one
        ("The vote will be held on Thanksgiving.", "2023-11-23"),
        ("He was rescued on Thanksgiving Day.", "2022-11-24"),
        ("The trial is scheduled for November.", "2023-11"),
        ("Shops expect crowds at Christmas.", "2023-12-25"),
    ],
)
def test_holidays_and_plans_follow_the_tense(nlp: Any, text: str, value: str) -> None:
    (found,) = find_times(text, "2023-05-10", dict(time_word_tenses(nlp(text))))
    assert found.value == value


def test_a_modal_gives_no_direction(nlp: Any) -> None:
    """'would reopen in March' (review of issue 22): not the past of 'said'; the month keeps its plain reading."""
    text = "Officials said the school would reopen in March."
    assert dict(time_word_tenses(nlp(text))) == {}
