"""Bad input never stops a run or loses the good input beside it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main

GOOD = "Hamburg port strike begins\n\nWorkers at the port of Hamburg walked out on Tuesday, halting container handling for 48 hours.\n"


def make_inputs(folder: Path) -> dict[str, Path]:
    files = {
        "good.txt": GOOD.encode(),
        "binary.txt": b"GIF89a\x00\x01\x02\x03" * 20,
        "empty.txt": b"",
        "blank.md": b"  \n\n \n",
        "huge.txt": b"word " * 5000,
        "latin1.txt": "Caf\u00e9 news in Latin-1, with enough text to be an article body here.".encode("latin-1"),
        "broken.json": b'{"id": "x", "text": ',
        "broken.xml": b"<rss><channel><item><title>unclosed",
        "records.jsonl": (json.dumps({"id": "j1", "text": GOOD.replace("Tuesday", "Wednesday")}) + "\n{bad\n").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


def test_each_bad_input_gets_one_line_and_the_rest_is_ingested(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    paths = make_inputs(inputs)
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    result = runner.invoke(
        main, ["ingest", str(inputs), str(tmp_path / "nope.txt"), "--db", db, "-q", "--max-bytes", "20000"]
    )
    assert result.exit_code == 2, result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    reasons = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in failed}
    assert reasons == {
        str(paths["binary.txt"]): "binary file, not text",
        str(paths["empty.txt"]): "empty file",
        str(paths["blank.md"]): "empty file",
        str(paths["huge.txt"]): "file of 25,000 bytes is over the 20,000-byte cap",
        str(paths["latin1.txt"]): "invalid UTF-8 at byte 3",
        str(paths["broken.json"]): reasons[str(paths["broken.json"])],
        str(paths["broken.xml"]): reasons[str(paths["broken.xml"])],
        f"{paths['records.jsonl']}:2": reasons[f"{paths['records.jsonl']}:2"],
        str(tmp_path / "nope.txt"): "no such file or folder",
    }
    assert reasons[str(paths["broken.json"])].startswith("malformed JSON")
    assert reasons[str(paths["broken.xml"])].startswith("malformed feed XML")
    assert reasons[f"{paths['records.jsonl']}:2"].startswith("malformed JSON")
    assert "ingested 2, duplicates 0, failed 9" in result.stdout


def test_all_good_exits_zero(tmp_path: Path) -> None:
    f = tmp_path / "good.txt"
    f.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(f), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0 and "ingested 1" in result.stdout


def test_stdin_jsonl(tmp_path: Path) -> None:
    lines = "\n".join([json.dumps({"id": "s1", "text": GOOD}), "oops"])
    result = CliRunner().invoke(main, ["ingest", "-", "--db", str(tmp_path / "n.db")], input=lines)
    assert result.exit_code == 2
    assert "failed: <stdin>:2: malformed JSON" in result.stderr
    assert "ingested 1" in result.stdout
