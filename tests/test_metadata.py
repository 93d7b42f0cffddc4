import pytest

from newsgraph.dates import parse_date
from newsgraph.ingest import metadata as md


def test_outlet_from_url_host_and_subdomains() -> None:
    url = "https://www.themoscowtimes.com/2023/10/20/n-koreas-kim-wants-forward-looking-ties-with-russia-a82808"
    assert md.outlet_from_url(url) == "The Moscow Times"
    assert md.outlet_from_url("https://it.euronews.com/2023/10/19/x") == "Euronews"
    assert md.outlet_from_url("https://news.example-gazette.org/a") == "news.example-gazette.org"
    assert md.outlet_in_table("https://news.example-gazette.org/a") is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Port strike halts exports | The Guardian", ("Port strike halts exports", "The Guardian")),
        ("Quake hits Peru - Reuters", ("Quake hits Peru", "Reuters")),
        ("Strike ends | Harbor Gazette", ("Strike ends", "Harbor Gazette")),
        ("Meeting with Reuters editors", ("Meeting with Reuters editors", None)),
    ],
)
def test_title_suffix(title: str, expected: tuple[str, str | None]) -> None:
    assert md.split_title_suffix(title) == expected


def test_title_suffix_without_separator_only_on_request() -> None:
    title = 'Kim Jong Un: "Stable and far sighted relations with Russia" Euronews Italian'
    assert md.split_title_suffix(title)[1] is None
    assert md.split_title_suffix(title, require_separator=False) == (
        'Kim Jong Un: "Stable and far sighted relations with Russia"',
        "Euronews",
    )


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By AFP", ["AFP"]),
        ("By Agence France-Presse", ["AFP"]),
        ("By Jane Doe and John Roe in Berlin", ["Jane Doe", "John Roe"]),
        ("By Euronews with AFP", ["Euronews", "AFP"]),
        ("By Hannah Birkett, Staff Writer | October 3, 2025", ["Hannah Birkett"]),
        ("Bypass road reopens", None),
    ],
)
def test_byline(line: str, names: list[str] | None) -> None:
    assert md.byline(line) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("(Reporting by Jane Doe and Ali Veli; Editing by Sam Poe)", ["Jane Doe", "Ali Veli"]),
        ("(Reporting by Ankara newsroom; Editing by Reuters staff)", None),
        ("AFP contributed to this report.", ["AFP"]),
        ("With AFP", ["AFP"]),
        ("— Reuters", ["Reuters"]),
        ("With regret, we close.", None),
        ("— Anonymous", None),
    ],
)
def test_credit_line(line: str, names: list[str] | None) -> None:
    assert md.credit_line(line) == names


def test_dateline_credit() -> None:
    assert md.dateline_credit("PARIS (AFP) - The French government said") == "AFP"
    assert md.dateline_credit("WASHINGTON, Oct 20 (Reuters) - US officials") == "Reuters"
    assert md.dateline_credit("Officials (who declined to be named) - said") is None


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("October 20, 2023", "2023-10-20"),
        ("Published: 20 October 2023 14:02 CET", "2023-10-20"),
        ("Updated Oct. 20, 2023", "2023-10-20"),
        ("2023-10-20T08:00:00Z", "2023-10-20"),
        ("20.10.2023", "2023-10-20"),
        ("about 100 kilometers (62 miles) south of Seoul", None),
        ("In October 2023 the talks ended without a deal after hours.", None),
        ("Tightening relationship", None),
    ],
)
def test_date_line(line: str, day: str | None) -> None:
    assert md.date_line(line) == day


def test_parse_date_formats() -> None:
    assert parse_date("Fri, 20 Oct 2023 08:00:00 +0000") == "2023-10-20"
    assert parse_date("2023-10-20") == "2023-10-20"
    assert parse_date("not a date") is None
    assert parse_date(None) is None


def test_trailer_url() -> None:
    lines = ["Original url:", "", "<https://www.themoscowtimes.com/2023/10/20/a82808>"]
    assert md.trailer_url(lines, 0) == ("https://www.themoscowtimes.com/2023/10/20/a82808", 3)
    assert md.trailer_url(["Source: https://x.org/a"], 0) == ("https://x.org/a", 1)
    assert md.trailer_url(["Source: the ministry said"], 0) is None


def test_canonical_credit() -> None:
    assert md.canonical_credit("Associated Press") == "AP"
    assert md.canonical_credit("Jane Doe") == "Jane Doe"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (
            "Cruz looks to ease bad blood with GOP establishment.",
            "Ted Cruz's associates insist he is returning to the Senate as the same man.",
            True,
        ),
        ("Port strike halts exports", "Short.", True),
        ("Russia said on Thursday it would respond. Kyiv said nothing.", "A longer second paragraph follows.", False),
        ("Bernie Sanders Suffered A Big Blow. Here’s His Plan Going Forward.", "Despite a setback...", True),
        ("St. Paul votes to condemn the ban.", "ABSTRACT.", True),
        (
            "Officials in the capital said on Thursday that the talks with the dock workers union over wages and hours would resume early next week.",
            "More.",
            False,
        ),
        (" ".join(["word"] * 35), "x", False),
    ],
)
def test_opens_with_headline(first: str, second: str, expected: bool) -> None:
    assert md.opens_with_headline(first, second) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Cruz looks to ease bad blood.", "Cruz looks to ease bad blood"),
        ("Troops leave the U.S.", "Troops leave the U.S."),
        ("Wait for it...", "Wait for it..."),
        ("No stop", "No stop"),
    ],
)
def test_strip_headline_period(title: str, expected: str) -> None:
    assert md.strip_headline_period(title) == expected
