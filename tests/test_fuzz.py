"""Property-based tests: no exception escapes the readers, offsets stay inside the text, cleaning is stable.

Bounded for CI (the `ci` profile); `make fuzz` runs the `long` profile (HYPOTHESIS_PROFILE=long).
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from typing import Any

from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st

from newsgraph.analyze.timex import find_times
from newsgraph.dates import parse_date
from newsgraph.ingest import metadata as md
from newsgraph.ingest.article import EmptyArticle, build_article
from newsgraph.ingest.cleaning import clean_text
from newsgraph.ingest.feeds import FeedError, parse_feed
from newsgraph.ingest.paths import hints
from newsgraph.ingest.sources import from_jsonl, from_record
from newsgraph.models import Article, Failure, Notice
from newsgraph.options import Options

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

OPTIONS = Options()
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# Text that looks like news some of the time: words, dates, quotes, markup, entities, odd characters.
PIECES = st.sampled_from(
    [
        "Lavrov",
        "said",
        "on Thursday",
        "October 19, 2023",
        "2023-10-19",
        "last week",
        "next Monday",
        "\u201c",
        "\u201d",
        '"',
        "quot",
        "&amp;",
        "&#8220;",
        "[AFP](#)",
        "**bold**",
        "# Heading",
        "> quote",
        "By Jane Doe",
        "Published: 20.10.2023 14:02",
        "Original url:",
        "<https://example.org/a>",
        "ADVERTISING",
        "Read more:",
        "PARIS (AFP) -",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\r\n",
        "\u00a0",
        "\u200b",
        "\x00",
        "\x1b[2J",
        "\x9b",
        "\ufeff",
        "PeÃ±a",
        "itâ€™s",
        "KaczyÅ„ski",
        "â€\x9d",
        "&quot;",
        "quotStable",
        "quota",
        "aliquot",
        "in 2024",
        "three years ago",
        "the 1990s",
        "Q3 2023",
        "at 10:30 pm",
        "for two weeks",
        "every Friday",
        "mid-October",
        "Ukraine",
        "Pyongyang.",
    ]  # fmt: skip
)
NEWSLIKE = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map(" ".join)
TEXT = st.one_of(NEWSLIKE, st.text(max_size=300))


@given(TEXT)
@example("- - Lavrov")  # found by fuzzing: markup in markup, unwrapped one layer per pass
@example("Lavrov \n quot Lavrov")  # found by fuzzing: an entity that only reads as one once paragraphs join
def test_cleaning_never_raises_is_idempotent_and_drops_controls(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert not CONTROL.search(once)


@given(TEXT, st.one_of(st.none(), st.text(max_size=40), NEWSLIKE))
def test_building_an_article_either_succeeds_or_says_it_is_empty(text: str, title: str | None) -> None:
    try:
        article = build_article(text, source="fuzz", options=OPTIONS, title=title, published=title)
    except EmptyArticle:
        return
    assert article.text and not CONTROL.search(article.text)
    assert article.published is None or date.fromisoformat(article.published)
    assert not CONTROL.search(article.title or "")


@given(st.one_of(TEXT, st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_dates_parse_to_an_iso_day_or_none(value: object) -> None:
    day = parse_date(value)
    assert day is None or date.fromisoformat(day)


@given(NEWSLIKE)
def test_metadata_line_readers_never_raise(line: str) -> None:
    for reader in (md.date_line, md.byline, md.credit_line, md.dateline_credit, md.bare_url):
        reader(line)
    title, outlet = md.split_title_suffix(line)
    assert isinstance(title, str)


@given(TEXT, st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))))
def test_time_expressions_stay_inside_the_text(text: str, anchor: date | None) -> None:
    for t in find_times(text, anchor):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text


XML_PIECES = st.sampled_from(
    [
        "<rss>",
        "</rss>",
        "<channel>",
        "</channel>",
        "<item>",
        "</item>",
        "<title>",
        "</title>",
        "<link>",
        "</link>",
        "<description>",
        "</description>",
        "<pubDate>",
        "</pubDate>",
        "<feed>",
        "</feed>",
        "<entry>",
        "</entry>",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&bogus;",
        "<?xml version='1.0'?>",
        "Tue, 28 Oct 2025",
    ]  # fmt: skip
)
FEEDISH = st.lists(st.one_of(XML_PIECES, st.text(max_size=20)), max_size=30).map("".join)


@given(st.one_of(FEEDISH.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=300)))
def test_feed_parsing_returns_entries_or_a_feed_error(data: bytes) -> None:
    try:
        entries, _malformed = parse_feed(data)
    except FeedError:
        return
    for entry in entries:
        assert isinstance(entry.text, str)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "text": st.one_of(TEXT, JSON_VALUES),
        "html": st.one_of(TEXT, JSON_VALUES),
        "title": JSON_VALUES,
        "published": JSON_VALUES,
        "outlet": JSON_VALUES,
        "credited": JSON_VALUES,
        "url": JSON_VALUES,
    },
)


@given(st.lists(st.one_of(RECORDS.map(json.dumps), st.text(max_size=60), st.binary(max_size=60)), max_size=5))
@example(['{"id": null, "text": "", "credited": true}'])  # found by fuzzing: credits that are not names
@example(['{"id": null, "url": [], "html": "0"}'])  # found by fuzzing: a url field that is not text
def test_jsonl_lines_each_give_articles_failures_or_notices(lines: list[str | bytes]) -> None:
    for item in from_jsonl("fuzz.jsonl", lines, OPTIONS):
        assert isinstance(item, Article | Failure | Notice)
        if isinstance(item, Article):
            assert not CONTROL.search(item.text)


@given(JSON_VALUES)
def test_any_json_value_as_a_record(value: object) -> None:
    for item in from_record("fuzz", value, OPTIONS):
        assert isinstance(item, Article | Failure | Notice)


@given(st.lists(st.text(alphabet="abc0123456789-_./ ", min_size=1, max_size=12), min_size=1, max_size=5))
def test_path_hints_give_real_days(parts: list[str]) -> None:
    from pathlib import Path

    found = hints(Path(*parts))
    assert found.published is None or date.fromisoformat(found.published)


@given(st.one_of(TEXT, st.text(alphabet='\u201c\u201d"\u00ab\u00bb\u2018\u2019 ab\n.', max_size=200)))
def test_quotation_spans_open_and_close_inside_the_text(text: str) -> None:
    from newsgraph.analyze.quotes import quotation_spans

    last = 0
    for start, end in quotation_spans(text):
        assert last <= start < end <= len(text)
        assert text[start] in '\u201c"\u00ab\u2018\u201e' and end - start >= 3
        last = end


# Names files: parts of the right shape some of the time, anything else the rest.
NAME = st.one_of(st.sampled_from(["Choe Son Hui", "Valley Wire", "Camp Humphreys", "", " ", "[[{", "\x00"]), TEXT)
CODE = st.one_of(st.sampled_from(["PRK", "KOR", "prk", "PR", "ÅÅÅ", ""]), JSON_VALUES)
NAMES = st.one_of(st.lists(NAME, max_size=3), JSON_VALUES)
COORDINATE = st.one_of(st.integers(-200, 200), st.floats(allow_nan=True), st.booleans(), JSON_VALUES)
HOST = st.one_of(st.sampled_from(["valleywire.example", "www.X.example", "https://x.example/a", "x", ""]), TEXT)
PERSON = st.fixed_dictionaries({}, optional={"name": NAME, "aliases": NAMES, "country": CODE, "role": JSON_VALUES})
PLACE = st.fixed_dictionaries(
    {},
    optional={
        "name": NAME, "feature": st.one_of(st.sampled_from(["city", "facility", "street"]), JSON_VALUES),
        "lat": COORDINATE, "lon": COORDINATE, "country": CODE, "kind": JSON_VALUES, "aliases": NAMES,
    },
)  # fmt: skip
OUTLET = st.fixed_dictionaries(
    {},
    optional={
        "name": NAME, "domains": st.one_of(st.lists(HOST, max_size=3), JSON_VALUES), "aliases": NAMES,
        "wire": st.one_of(st.booleans(), JSON_VALUES), "site": JSON_VALUES,
    },
)  # fmt: skip
FORMS = st.dictionaries(st.sampled_from(["aliases", "demonyms", "institutions", "flags"]), NAMES, max_size=3)
NAMES_FILE = st.fixed_dictionaries(
    {},
    optional={
        "people": st.one_of(st.lists(st.one_of(PERSON, JSON_VALUES), max_size=3), JSON_VALUES),
        "countries": st.one_of(st.dictionaries(st.one_of(CODE.filter(lambda c: isinstance(c, str)), st.text(max_size=4)),
                                               st.one_of(FORMS, JSON_VALUES), max_size=3), JSON_VALUES),
        "places": st.one_of(st.lists(st.one_of(PLACE, JSON_VALUES), max_size=3), JSON_VALUES),
        "outlets": st.one_of(st.lists(st.one_of(OUTLET, JSON_VALUES), max_size=3), JSON_VALUES),
        "comment": JSON_VALUES,
        "persons": JSON_VALUES,
    },
)  # fmt: skip


@given(st.one_of(NAMES_FILE, JSON_VALUES))
def test_any_json_value_as_a_names_file_is_a_registry_or_one_error(value: object) -> None:
    from newsgraph.analyze.registry import Registry, parse
    from newsgraph.errors import NamesFileError

    try:
        registry = parse(value, "fuzz.json")
    except NamesFileError as e:
        assert str(e).startswith("fuzz.json: ")
        return
    assert isinstance(registry, Registry)


def _nested(depth: int) -> bytes:
    return b'{"comment": ' + b"[" * depth + b"]" * depth + b"}"


NAMES_BYTES = st.one_of(
    NAMES_FILE.map(lambda v: json.dumps(v).encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    st.integers(0, 3000).map(_nested),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"["]), st.binary(max_size=40),
              NAMES_FILE.map(json.dumps).map(str.encode)).map(b"".join),
)  # fmt: skip


@given(NAMES_BYTES)
@example(_nested(100_000))  # was a RecursionError
@example(b'{"places": [{"name": "X", "lat": ' + b"9" * 5000 + b', "lon": 0}]}')  # was a ValueError: too many digits
def test_any_bytes_as_a_names_file_are_a_registry_or_one_error(data: bytes) -> None:
    import tempfile
    from pathlib import Path

    from newsgraph.analyze.registry import Registry, load
    from newsgraph.errors import NamesFileError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "names.json"
        path.write_bytes(data)
        try:
            registry = load(str(path))
        except NamesFileError as e:
            assert str(e).startswith(f"{path}: ")
            return
    assert isinstance(registry, Registry)


# --- Parquet rows: random column types, sizes and nulls ----------------------------------------------

PARQUET_NAMES = ("id", "text", "html", "title", "url", "outlet", "published", "language", "credited", "authors", "x")


def _parquet_column(draw: st.DrawFn, rows: int) -> tuple[Any, Any]:
    """(type, values) of one column of `rows` values, nulls among them."""
    import pyarrow as pa

    kinds = {
        "string": (pa.string(), st.one_of(TEXT, st.text(max_size=3000))),
        "large_string": (pa.large_string(), TEXT),
        "binary": (pa.binary(), st.binary(max_size=100)),
        "int": (pa.int64(), st.integers(-(2**63), 2**63 - 1)),
        "float": (pa.float64(), st.floats(allow_nan=True)),
        "bool": (pa.bool_(), st.booleans()),
        "timestamp": (
            st.sampled_from([pa.timestamp(u, tz) for u in ("s", "ms", "us", "ns") for tz in (None, "UTC", "+05:30")]),
            st.integers(-(2**50), 2**50),  # seconds are written as milliseconds: no overflow
        ),
        "date": (pa.date32(), st.integers(-(2**31), 2**31 - 1)),
        "list": (pa.list_(pa.string()), st.lists(st.one_of(st.none(), TEXT), max_size=4)),
        "list_int": (pa.list_(pa.int32()), st.lists(st.integers(-(2**31), 2**31 - 1), max_size=4)),
        "struct": (pa.struct([("a", pa.string())]), st.fixed_dictionaries({"a": st.one_of(st.none(), TEXT)})),
        "null": (pa.null(), st.none()),
    }
    kind, values = kinds[draw(st.sampled_from(sorted(kinds)))]
    if not isinstance(kind, pa.DataType):
        kind = draw(kind)
    column = draw(st.lists(st.one_of(st.none(), values), min_size=rows, max_size=rows))
    return kind, column


@st.composite
def parquet_tables(draw: st.DrawFn) -> Any:
    import pyarrow as pa

    rows = draw(st.integers(0, 8))
    names = draw(st.lists(st.sampled_from(PARQUET_NAMES), min_size=1, max_size=6, unique=True))
    arrays = {}
    for name in names:
        kind, values = _parquet_column(draw, rows)
        arrays[name] = pa.array(values, type=kind)
        if pa.types.is_string(kind) and draw(st.booleans()):
            arrays[name] = arrays[name].dictionary_encode()
    return pa.table(arrays) if arrays else pa.table({"text": pa.array([], pa.string())})


@given(
    parquet_tables(),
    st.sampled_from(["none", "snappy", "zstd", "gzip"]),
    st.booleans(),
    st.sampled_from(["1.0", "2.0"]),
    st.integers(1, 5),
    st.sampled_from([100, 2000, 10_000_000]),
)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
def test_parquet_rows_each_give_one_article_or_one_failure(
    table: Any, compression: str, dictionary: bool, version: str, group: int, cap: int
) -> None:
    """Whatever the columns' types, sizes and nulls, the reader never raises: each row is an article or a failure
    (a row group refused names its rows), or the file is one failure."""
    import tempfile
    from pathlib import Path

    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsgraph import read_sources

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.parquet"
        try:
            pq.write_table(table, path, compression=compression, use_dictionary=dictionary, data_page_version=version,
                           row_group_size=group, data_page_size=512)  # fmt: skip
        except pa.ArrowException:  # a table pyarrow will not write
            reject()
        found = list(read_sources([path], Options(max_bytes=cap)))
    rows: list[int] = []
    for item in found:
        assert isinstance(item, Article | Failure | Notice)
        if isinstance(item, Notice):
            continue
        where = item.source.removeprefix(str(path))
        if where == "":  # the whole file
            assert isinstance(item, Failure) and "neither a 'text' nor an 'html' column" in item.reason, item
            assert len(found) == 1
            return
        first, _, last = where.removeprefix(":").partition("-")
        rows.extend(range(int(first), int(last or first) + 1))
        if isinstance(item, Failure):
            assert not item.reason.startswith("unexpected error"), item
    assert rows == list(range(1, table.num_rows + 1))
