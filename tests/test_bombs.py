"""Hostile inputs that aim at memory or at the good input beside them (issue 21): nesting bombs in JSON, Parquet
decompression bombs, floods of bad lines, file names that would split a line. Each costs its own record only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph import Article, Failure, Options, read_sources
from newsgraph.cli import main
from newsgraph.ingest import records, sources

GOOD = (
    "Dock workers in Velmora ended their strike on Tuesday after the port authority raised wages by 4 percent, "
    "the union said."
)


def record(i: int) -> str:
    return json.dumps({"id": f"r{i}", "text": f"{GOOD} Shift {i}."})


def reasons(found: list[Any]) -> dict[str, str]:
    return {f.source: f.reason for f in found if isinstance(f, Failure)}


def stored(found: list[Any]) -> list[str]:
    return [a.id for a in found if isinstance(a, Article)]


DEEP = {
    "arrays": "[" * 100_000 + "]" * 100_000,
    "objects": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "open": "[" * 100_000,
}


# --- nesting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bomb", list(DEEP))
def test_a_deeply_nested_jsonl_line_costs_that_line_only(tmp_path: Path, bomb: str) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([record(1), DEEP[bomb], record(3)]) + "\n", encoding="utf-8")
    found = list(read_sources([path], Options()))
    assert stored(found) == ["r1", "r3"]
    depth = records.MAX_JSON_DEPTH
    assert reasons(found) == {f"{path}:2": f"too deeply nested (over {depth} levels of arrays and objects)"}


def test_nesting_within_the_limit_is_read_and_strings_do_not_count(tmp_path: Path) -> None:
    depth = records.MAX_JSON_DEPTH
    nested = "[" * (depth - 1) + "]" * (depth - 1)
    lines = [
        json.dumps({"id": "a", "text": GOOD + " [[[[{{{{" * 50, "extra": json.loads(nested)}),
        '{"id": "b", "text": "' + GOOD + '", "extra": ' + "[" * (depth + 1) + "]" * (depth + 1) + "}",
    ]
    path = tmp_path / "edge.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = list(read_sources([path], Options()))
    assert stored(found) == ["a"]
    assert list(reasons(found)) == [f"{path}:2"]


def test_a_deeply_nested_json_file_is_one_failure_and_the_next_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(DEEP["objects"], encoding="utf-8")
    (tmp_path / "b.json").write_text(record(2), encoding="utf-8")
    found = list(read_sources([tmp_path], Options()))
    assert stored(found) == ["r2"]
    assert reasons(found) == {
        str(tmp_path / "a.json"): f"too deeply nested (over {records.MAX_JSON_DEPTH} levels of arrays and objects)"
    }


def test_a_number_python_will_not_convert_is_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"id": ' + "9" * 5000 + "}\n" + record(2) + "\n", encoding="utf-8")
    found = list(read_sources([path], Options()))
    assert stored(found) == ["r2"]
    assert reasons(found)[f"{path}:1"].startswith("malformed JSON: ")


def test_a_deeply_nested_record_on_standard_input_costs_that_record_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    stdin = "\n".join([record(1), DEEP["arrays"], record(3)]) + "\n"
    run = CliRunner().invoke(main, ["ingest", "-", "--db", str(tmp_path / "n.db"), "--no-compare"], input=stdin)
    assert run.exit_code == 2, run.output
    depth = records.MAX_JSON_DEPTH
    assert f"failed: <stdin>:2: too deeply nested (over {depth} levels of arrays and objects)" in run.output
    assert "ingested 2, duplicates 0, failed 1" in run.output
    assert "Traceback" not in run.output


def test_sources_still_offers_what_others_import() -> None:
    assert sources.from_jsonl is records.from_jsonl and sources.from_record is records.from_record


# --- Parquet ----------------------------------------------------------------------------------

BIG = 11_000_000
"""Bytes of a cell of the bombs: over the default cap of 10 MB."""

MEASURE = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3_000_000_000, 3_000_000_000))  # the old code reached 8.5 GB
from newsgraph import Article, Failure, Options, read_sources
from newsgraph.ingest import parquet
if len(sys.argv) > 3:
    parquet.READ_LIMIT_FLOOR = int(sys.argv[3])
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
list(read_sources([sys.argv[1]], Options()))  # a small file first: pyarrow loaded, its pools made
before = peak()
found = list(read_sources([sys.argv[2]], Options()))
failed = {}
for f in found:
    if isinstance(f, Failure):
        failed.setdefault(f.reason.split(":")[0][:60], []).append(f.source.rsplit(":", 1)[-1])
stored = [a.id for a in found if isinstance(a, Article)]
print(json.dumps({"grew": peak() - before, "failed": failed, "stored": stored}))
"""


def measured(tmp_path: Path, bomb: Path, floor: int | None = None) -> dict[str, Any]:
    """Read `bomb` in a process of its own under a 3 GB limit on its address space: what it stored, its failures
    (reason -> the row numbers) and how much its peak resident memory grew while reading it. `floor`: the floor of
    the read limit (parquet.READ_LIMIT_FLOOR) in that process."""
    import os
    import subprocess
    import sys

    import pyarrow as pa
    import pyarrow.parquet as pq

    small = tmp_path / "small.parquet"
    pq.write_table(pa.table({"id": ["s"], "text": [GOOD]}), small)
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, str(small), str(bomb), *([str(floor)] if floor else [])], capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    result: dict[str, Any] = json.loads(run.stdout.splitlines()[-1])
    return result


def dictionary_bomb(path: Path, rows: int, good: set[int]) -> Path:
    """`rows` rows whose text is one dictionary entry of BIG bytes (the file is a few KB), but the rows in `good`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = pa.DictionaryArray.from_arrays(
        pa.array([1 if i in good else 0 for i in range(1, rows + 1)], pa.int32()), pa.array(["x" * BIG, GOOD])
    )
    pq.write_table(pa.table({"id": [f"r{i}" for i in range(1, rows + 1)], "text": text}), path, compression="zstd")
    return path


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_a_parquet_dictionary_bomb_costs_its_rows_only_and_little_memory(tmp_path: Path) -> None:
    """The issue's bomb: 520 rows of 11 MB each in a file of a few KB reached 8.5 GB, then a MemoryError that lost
    the whole file. Each row is refused on its own line, the good rows beside them stored, memory bounded."""
    bomb = dictionary_bomb(tmp_path / "bomb.parquet", 520, {1, 520})
    assert bomb.stat().st_size < 10_000
    result = measured(tmp_path, bomb)
    assert result["stored"] == ["r1", "r520"]
    assert result["failed"] == {"row over the 10,000,000-byte cap": [str(n) for n in range(2, 520)]}
    assert result["grew"] < 400_000_000, result["grew"]


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_a_parquet_page_that_inflates_past_the_limit_is_not_read(tmp_path: Path) -> None:
    """A plain (not dictionary) page of 40 cells of 5 MB: 200 MB to decompress from a few KB. Its row group is one
    failure read from the page headers, the next row group is read. (The limit on reading a row group is brought down
    from 256 MB to 64 MB, so that the test need not build a page of more than 256 MB.)"""
    import pyarrow as pa
    import pyarrow.parquet as pq

    bomb = tmp_path / "pages.parquet"
    table = pa.table({"id": [f"r{i}" for i in range(1, 42)], "text": ["x" * 5_000_000] * 40 + [GOOD]})
    pq.write_table(table, bomb, use_dictionary=False, compression="zstd", data_page_size=1 << 30, row_group_size=40)
    assert bomb.stat().st_size < 100_000
    result = measured(tmp_path, bomb, floor=64 << 20)
    assert result["stored"] == ["r41"]
    assert result["failed"] == {"row group not read": ["1-40"]}
    assert result["grew"] < 150_000_000, result["grew"]


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_parquet_list_bombs_are_refused(tmp_path: Path) -> None:
    """A list column naming one dictionary entry of 11 MB a thousand times (11 GB as strings) is measured without
    being made; a list of 100 million nulls (a few hundred bytes as levels) is refused from its page headers."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = pa.DictionaryArray.from_arrays(pa.array([0] * 1000, pa.int32()), pa.array(["x" * BIG]))
    credited = pa.ListArray.from_arrays(pa.array([0, 1000, 1000], pa.int32()), names)
    listed = tmp_path / "credited.parquet"
    pq.write_table(pa.table({"id": ["r1", "r2"], "text": [GOOD, GOOD + " More."], "credited": credited}), listed)
    nulls = pa.ListArray.from_arrays(pa.array([0, 100_000_000], pa.int32()), pa.nulls(100_000_000, pa.string()))
    empty = tmp_path / "nulls.parquet"
    pq.write_table(pa.table({"id": ["r1"], "text": [GOOD], "authors": nulls}), empty, compression="zstd")
    first = measured(tmp_path, listed)
    assert first["stored"] == ["r2"] and first["failed"] == {"row over the 10,000,000-byte cap": ["1"]}
    assert first["grew"] < 200_000_000, first["grew"]
    second = measured(tmp_path, empty)
    assert second["stored"] == [] and second["failed"] == {"row group not read": ["1"]}
    assert second["grew"] < 100_000_000, second["grew"]


def test_parquet_rows_of_odd_types_are_read_or_refused_alone(tmp_path: Path) -> None:
    """Nanosecond timestamps (pandas' default) become dates; a date Python cannot hold costs its row only."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "odd.parquet"
    published = pa.array([1_700_000_000_123_456_789, None], pa.timestamp("ns"))
    table = pa.table({"id": ["a", "b"], "text": [GOOD, GOOD + " Again."], "published": published})
    pq.write_table(table, path)
    far = tmp_path / "far.parquet"
    dates = pa.array([dt.date(2024, 5, 7).toordinal() - 719163, 2_000_000_000], pa.int32()).cast(pa.date32())
    pq.write_table(pa.table({"id": ["c", "d"], "text": [GOOD + " Third.", GOOD + " Fourth."], "published": dates}), far)
    found = list(read_sources([path, far], Options()))
    got = {a.id: a.published for a in found if isinstance(a, Article)}
    assert got == {"a": "2023-11-14", "b": None, "c": "2024-05-07"}
    assert list(reasons(found)) == [f"{far}:2"] and reasons(found)[f"{far}:2"].startswith("cannot read the row: ")


# --- floods of failures -----------------------------------------------------------------------


def ingest(tmp_path: Path, *args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(
        main, ["ingest", *args, "--db", str(tmp_path / "n.db"), "--no-compare"], input=stdin, env={"NO_COLOR": "1"}
    )


def test_a_flood_of_bad_lines_prints_100_and_a_count_by_reason(tmp_path: Path) -> None:
    """20,000 bad lines of one file: the first 100 are listed, the rest summed up by reason in one line; the good
    line beside them is stored and the report holds 100 failures, not 20,000."""
    from newsgraph.models import FAILURES_LISTED

    lines = ["{bad"] * 15_000 + ["[1]"] * 4_000 + ['{"id": "x"}'] * 999 + [record(1)]
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = ingest(tmp_path, str(path))
    assert run.exit_code == 2, run.output
    failed = [line for line in run.output.splitlines() if line.startswith("failed: ")]
    assert len(failed) == FAILURES_LISTED + 1
    assert (
        failed[0] == f"failed: {path}:1: malformed JSON: Expecting property name enclosed in double quotes (column 2)"
    )
    assert failed[-1] == (
        f"failed: {path}: 19,899 more lines failed: malformed JSON (14,900), expected a JSON object, got list (4,000), "
        "record has neither 'text' nor 'html' (999)"
    )
    assert "ingested 1, duplicates 0, failed 19,999" in run.output


def test_with_v_every_failure_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{bad\n" * 300, encoding="utf-8")
    run = ingest(tmp_path, str(path), "-v")
    failed = [line for line in run.output.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 301 and failed[-1] == f"failed: {path}: 200 more lines failed: malformed JSON (200)"


def test_the_report_keeps_100_failures_of_an_input_and_counts_the_rest(tmp_path: Path) -> None:
    """IngestReport.failures lists the first 100 of each input; `failed` counts them all; memory stays flat."""
    import tracemalloc

    from newsgraph import Newsgraph
    from newsgraph.models import IngestReport

    path = tmp_path / "bad.jsonl"
    path.write_text("{bad\n" * 20_000, encoding="utf-8")
    other = tmp_path / "other.jsonl"
    other.write_text("[1]\n" * 5, encoding="utf-8")
    with Newsgraph(tmp_path / "n.db", Options(compare=False)) as ng:
        tracemalloc.start()
        report: IngestReport = ng.ingest([path, other])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert len(report.failures) == 105 and report.failed == 20_005 and not report.ok
    assert {f.input for f in report.failures} == {str(path), str(other)}
    assert report.more_failures == {str(path): {"malformed JSON": 19_900}}
    assert peak < 5_000_000, peak


# --- what is printed is one line per source --------------------------------------------------


def test_a_newline_in_a_file_name_does_not_split_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\nfailed: fake.txt: forged.json").write_text("{bad", encoding="utf-8")
    (folder / "tab\there.json").write_text("{bad", encoding="utf-8")
    run = ingest(tmp_path, str(folder))
    lines = run.output.splitlines()
    assert (
        f"failed: {folder}/evil\\nfailed: fake.txt: forged.json: malformed JSON: Expecting property name enclosed in double quotes (line 1, column 2)"
        in lines
    )
    assert not any(line.startswith("failed: fake.txt") for line in lines)
    found = list(read_sources([folder], Options()))
    assert sorted(f.source for f in found if isinstance(f, Failure)) == [
        f"{folder}/evil\\nfailed: fake.txt: forged.json",
        f"{folder}/tab\\there.json",
    ]


def test_an_xml_file_that_is_no_feed_says_so(tmp_path: Path) -> None:
    path = tmp_path / "3_9ecb.xml"
    path.write_text('<Document doc_name="3_9ecb.xml">\n<token t_id="1" sentence="0">A</token>\n</Document>\n')
    found = list(read_sources([path], Options()))
    assert reasons(found) == {
        str(path): "not an RSS or Atom feed (root element <Document>); newsgraph reads RSS and Atom feeds, HTML, "
        "text, JSON, JSONL and Parquet (docs/ingest.md)"
    }


def test_a_warning_is_printed_once_and_not_counted_as_a_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Off a terminal and under the bar: one warning line, and the bar counts 1 record read of 1, not 2 of 1."""
    import io
    import re

    from rich.console import Console

    from newsgraph import Newsgraph, cli

    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"id": "d", "text": GOOD, "published": "not a date"}) + "\n", encoding="utf-8")
    line = f"warning: {path}:1: published 'not a date' is not a date newsgraph reads; stored without it"
    run = ingest(tmp_path, str(path), "--progress-every", "0")
    assert [x for x in run.output.splitlines() if x.startswith("warning: ")] == [line]
    assert "progress: assigning stories: 1 read, 0 failed" in run.output
    screen = io.StringIO()
    monkeypatch.setattr(cli, "_console", lambda stderr=False: Console(file=screen, force_terminal=True, width=300))
    with Newsgraph(tmp_path / "bar.db", Options(compare=False)) as ng:
        cli._run_ingest(ng, [str(path)], 0)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
    assert shown.count("warning: ") == 1 and " 1/1 " in shown and " 2/1 " not in shown, shown
