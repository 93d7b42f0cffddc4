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
