from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import similarity
from newsgraph.cli import main
from newsgraph.stories import similarity as sim

QUAKE_EN = (
    "A magnitude 6.1 earthquake struck southern Peru on Tuesday, killing one person in Arequipa and "
    "stranding 300 tourists in the Colca Canyon, officials said."
)
QUAKE_ES = (
    "Un terremoto de magnitud 6,1 sacudió el sur del Perú el martes, dejando un muerto en Arequipa y "
    "300 turistas varados en el Cañón del Colca, según las autoridades."
)
STRIKE_EN = (
    "Dock workers in Hamburg began a 48-hour strike on Tuesday over pay, halting container handling at "
    "Germany's largest port, the ver.di union said."
)


def test_features() -> None:
    a, b = sim.profile(QUAKE_EN, "en"), sim.profile(QUAKE_ES, "es")
    assert {"arequ", "colca", "peru"} <= a.names and {"arequ", "colca"} <= b.names
    assert a.numbers == {"61", "300"} or "300" in a.numbers
    assert sim.overlap(a.numbers, b.numbers) > 0
    assert sim.cosine(a.words, a.words) == 1.0 and sim.cosine(a.words, sim.profile(STRIKE_EN, "en").words) < 0.2
    assert "the" not in a.words


def test_scores_rank_same_story_above_unrelated() -> None:
    same = similarity(QUAKE_EN, QUAKE_EN.replace("officials said", "authorities reported"))
    cross = similarity(QUAKE_EN, QUAKE_ES)
    unrelated = similarity(QUAKE_EN, STRIKE_EN)
    assert 0 <= unrelated < min(cross, same) <= 1
    assert unrelated < 0.3 and same > 0.7 and cross > 0.7  # a translation is the same story: meaning carries it


def test_seeds_are_similar(seeds: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir())]
    assert similarity(texts[0], texts[1]) > 0.5


def test_similarity_command(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    lines = [
        json.dumps({"id": "p1", "text1": QUAKE_EN, "text2": QUAKE_ES, "lang1": "en", "lang2": "es"}),
        "{broken",
        json.dumps({"id": "p2", "text1": QUAKE_EN, "text2": STRIKE_EN}),
    ]
    pairs.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["similarity", str(pairs)])
    assert result.exit_code == 2 and "failed: line 2" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["p1", "p2"] and out[0]["score"] > out[1]["score"]


@pytest.mark.slow  # over 3 s: `make check` leaves it to `make test`
def test_a_pairs_file_that_is_no_file_of_lines_is_one_line(tmp_path: Path) -> None:
    """/dev/zero (endless, no line break) and a FIFO are refused at once; a line nested too deep costs that line."""
    import os
    import subprocess
    import sys

    fifo = tmp_path / "pairs.fifo"
    os.mkfifo(fifo)
    for name in ("/dev/zero", str(fifo)):
        done = subprocess.run([sys.executable, "-m", "newsgraph.cli", "similarity", name], capture_output=True,
                              text=True, timeout=60)  # fmt: skip
        assert done.returncode == 2 and "not a regular file" in done.stderr and "Traceback" not in done.stderr
    deep = "[" * 5000 + "]" * 5000
    pairs = '{"id": 1, "text1": "Floods hit Karsdal", "text2": "Karsdal floods"}\n' + deep + "\n"
    done = subprocess.run([sys.executable, "-m", "newsgraph.cli", "similarity", "-"], input=pairs,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2 and done.stdout.count('"score"') == 1
    assert done.stderr.strip() == "failed: line 2: too deeply nested (over 64 levels of arrays and objects)"
