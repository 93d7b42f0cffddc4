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


def test_a_parquet_dictionary_bomb_costs_its_rows_only_and_little_memory(tmp_path: Path) -> None:
    """The issue's bomb: 520 rows of 11 MB each in a file of a few KB reached 8.5 GB, then a MemoryError that lost
    the whole file. Each row is refused on its own line, the good rows beside them stored, memory bounded."""
    bomb = dictionary_bomb(tmp_path / "bomb.parquet", 520, {1, 520})
    assert bomb.stat().st_size < 10_000
    result = measured(tmp_path, bomb)
    assert result["stored"] == ["r1", "r520"]
    assert result["failed"] == {"row over the 10,000,000-byte cap": [str(n) for n in range(2, 520)]}
    assert result["grew"] < 400_000_000, result["grew"]


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
