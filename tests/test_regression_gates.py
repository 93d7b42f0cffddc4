"""Accuracy regression gates: each fails when a benchmark figure drops below the figure recorded
in benchmarks/figures.json (minus its tolerance). The benchmarks themselves print more."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO, shared_path

pytestmark = pytest.mark.benchmark


def recorded(name: str) -> tuple[float, float]:
    figures = json.loads((REPO / "benchmarks" / "figures.json").read_text(encoding="utf-8"))
    return figures[name]["value"], figures[name]["tolerance"]


def benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_language_identification_on_semeval() -> None:
    data = shared_path("data", "semeval2022-task8", "training_set.csv")
    value, tolerance = recorded("language_accuracy_semeval")
    result = benchmark("language").evaluate(Path(data))
    assert result["texts"] == 2566
    assert result["accuracy"] >= value - tolerance, result


def test_similarity_on_semeval_test_half() -> None:
    data = shared_path("data", "semeval2022-task8", "training_set.csv")
    figures = benchmark("semeval").evaluate(Path(data))["figures"]
    for key, name in (("test/all", "semeval_pearson_test_all"), ("test/en-en", "semeval_pearson_test_en_en")):
        value, tolerance = recorded(name)
        assert figures[key]["pearson"] >= value - tolerance, (key, figures[key])


def test_story_grouping_on_ecbplus_report_topics() -> None:
    data = shared_path("data", "ecbplus", "ECB+")
    value, tolerance = recorded("ecbplus_bcubed_f1_report")
    figures = benchmark("ecbplus").run(Path(data))
    assert figures["newsgraph"]["report"]["bcubed_f1"] >= value - tolerance, figures["newsgraph"]["report"]


def test_time_expressions_on_tempeval3_report_split() -> None:
    data = shared_path("data", "tempeval3", "TBAQ-cleaned")
    result = benchmark("tempeval").evaluate(Path(data), split="report")
    assert result["gold"] == 863
    for key, name in (("value_f1", "tempeval_value_f1"), ("strict_f1", "tempeval_strict_f1")):
        value, tolerance = recorded(name)
        assert result[key] >= value - tolerance, (key, result)


def test_places_on_geowebnews_report_split() -> None:
    data = shared_path("data", "geowebnews", "data", "Geocoding")
    result = benchmark("geowebnews").evaluate(Path(data), "report")
    assert result["gold"] == 1141
    for key, name in (("gold_spans_161km", "geowebnews_gold_spans_161km_report"), ("e2e_161km", "geowebnews_e2e_161km_report")):
        value, tolerance = recorded(name)
        assert result[key] >= value - tolerance, (key, result)


def test_attribution_on_polnear_dev() -> None:
    """The report split, measured once when the rules were done (docs/benchmarks.md); a gate, not a target."""
    data = shared_path("data", "polnear", "data", "dev")
    result = benchmark("polnear").evaluate(Path(data).parent, "dev")
    assert result["texts"] == 84
    for role in ("source", "cue", "content"):
        value, tolerance = recorded(f"polnear_{role}_exact_f1_dev")
        assert result[role]["exact"]["f1"] >= value - tolerance, (role, result[role])
        value, tolerance = recorded(f"polnear_shown_{role}_exact_p_dev")  # what show and compare read
        assert result["shown"][role]["exact"]["p"] >= value - tolerance, (role, result["shown"][role])


def test_events_on_plover_gold_standard_report_half() -> None:
    """The report half, measured once when the rules were done (docs/benchmarks.md); a gate, not a target."""
    folder = shared_path("data", "events")
    result = benchmark("events").plover(Path(folder), "report")
    assert result["records"] == 68
    for key in ("type_accuracy", "source_accuracy", "target_accuracy"):
        value, tolerance = recorded(f"events_plover_{key}_report")
        assert result[key] >= value - tolerance, (key, result)


def test_events_on_conflibert_report_half() -> None:
    folder = shared_path("data", "events")
    result = benchmark("events").conflibert(Path(folder), "report")
    assert result["sentences"] == 644
    value, tolerance = recorded("events_conflibert_macro_f1_report")
    assert result["macro_f1"] >= value - tolerance, result


def test_fact_alignment_on_ecbplus_report_topics(tmp_path: Path) -> None:
    """What the compare stage's facts align against ECB+'s cross-document event coreference (topics 11-35), with the
    gold stories and with newsgraph's: measured once when the work was done (docs/benchmarks.md); a gate."""
    data = shared_path("data", "ecbplus", "ECB+")
    figures = benchmark("fact_alignment").run("report", Path(data), tmp_path / "facts.db")
    for setting, name in (("gold stories", "gold_stories"), ("newsgraph stories", "newsgraph_stories")):
        value, tolerance = recorded(f"fact_alignment_f1_report_{name}")
        assert figures[setting]["f1"] >= value - tolerance, (setting, figures[setting])
