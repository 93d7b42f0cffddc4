"""benchmarks/serve_load.py's machinery in --quick mode on a tiny database (so that the harness cannot rot): both
servers start, every pass runs, an ingest writes beside the server, every figure is there and nothing failed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import Newsgraph
from newsgraph.models import Article

pytestmark = pytest.mark.processes

REPO = Path(__file__).resolve().parents[1]
TEXTS = [
    ("Tram line opens in Orvik", "The new tram line in Orvik opened on Monday, and the mayor, Lise Dahl, rode the "
     "first car. The line links the harbour with the university and cost 80 million euros."),
    ("Orvik tram carries first riders", "Riders filled the first cars of the Orvik tram line on Monday. Mayor Lise "
     "Dahl said the 80 million euro line to the university would cut traffic at the harbour."),
    ("Storm closes Tessel airport", "A storm closed the airport of Tessel on Thursday; 40 flights were cancelled and "
     "the airport's director, Karl Moen, said runways would reopen on Friday."),
]  # fmt: skip


def test_quick_run_has_every_figure_and_no_error(tmp_path: Path) -> None:
    db = tmp_path / "tiny.db"
    with Newsgraph(db) as ng:
        articles = [Article(id=f"t{i}", text=text, title=title, outlet=f"Outlet {i}", published=f"2026-03-0{i + 2}",
                            language="en") for i, (title, text) in enumerate(TEXTS)]  # fmt: skip
        assert len(ng.ingest_articles(articles).ingested) == len(TEXTS)
    out = tmp_path / "load.json"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "serve_load.py"), "--quick", "--db", str(db),
                           "--json", str(out)], capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text())
    targets = result["targets"]
    assert {"story_json", "bare", "list"} <= set(targets)
    for name, f in targets.items():
        assert f["requests"] == 200, name
        assert f["errors"] == 0, (name, f["statuses"])
        assert f["rps"] > 0 and 0 < f["p50_ms"] <= f["p99_ms"] <= f["max_ms"], name
    assert result["ratio_story_json_to_bare"] > 0
    beside = result["beside"]
    assert beside["ingest_exit"] == 0, beside["ingest_log_tail"]
    assert beside["visible_after"] == beside["ingest_articles"] == 3
    assert all(f["errors"] == 0 and f["requests"] > 0 for f in beside["targets"].values())
    memory = result["memory"]
    assert memory["start_mb"] > 0 and memory["max_mb"] >= memory["end_mb"] > 0
    assert "story JSON / bare endpoint" in done.stdout
