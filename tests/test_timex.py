from __future__ import annotations

import pytest

from newsgraph.analyze.timex import find_times

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
