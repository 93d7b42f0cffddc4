"""benchmarks/fact_alignment.py: its gold reading, sentence mapping and metrics on small examples written for these
tests, and one run on the first shared ECB+ topic."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO, shared_path
from newsgraph.models import Evidence, Fact


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_fact_alignment", REPO / "benchmarks" / "fact_alignment.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fa = _load()

XML = """<Document doc_name="7_1ecb.xml">
<token t_id="1" sentence="0" number="0">Storm</token><token t_id="2" sentence="0" number="1">hits</token>
<token t_id="3" sentence="0" number="2">Millbrook</token>
<token t_id="4" sentence="1" number="0">The</token><token t_id="5" sentence="1" number="1">river</token>
<token t_id="6" sentence="1" number="2">flooded</token><token t_id="7" sentence="1" number="3">,</token>
<token t_id="8" sentence="1" number="4">police</token><token t_id="9" sentence="1" number="5">said</token>
<token t_id="10" sentence="1" number="6">.</token>
<token t_id="11" sentence="2" number="0">Nobody</token><token t_id="12" sentence="2" number="1">answered</token>
<token t_id="13" sentence="2" number="2">.</token>
<token t_id="14" sentence="3" number="0">Schools</token><token t_id="15" sentence="3" number="1">stayed</token>
<token t_id="16" sentence="3" number="2">shut</token><token t_id="17" sentence="3" number="3">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<HUMAN_PART_ORG m_id="3"><token_anchor t_id="8"/></HUMAN_PART_ORG>
<NEG_ACTION_OCCURRENCE m_id="4"><token_anchor t_id="12"/></NEG_ACTION_OCCURRENCE>
<LOC_GEO m_id="5"><token_anchor t_id="3"/></LOC_GEO>
<ACTION_OCCURRENCE m_id="20" TAG_DESCRIPTOR="t7_storm_hits" instance_id="ACT100"/>
<ACTION_OCCURRENCE m_id="21" TAG_DESCRIPTOR="t7_flood" instance_id="ACT200"/>
<HUMAN_PART_ORG m_id="22" TAG_DESCRIPTOR="t7_police" instance_id="HUM300"/>
<LOC_GEO m_id="23" TAG_DESCRIPTOR="t7_millbrook" instance_id="LOC400"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT100"><source m_id="1"/><target m_id="20"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2" note="ACT200"><source m_id="2"/><target m_id="21"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="3" note="HUM300"><source m_id="3"/><target m_id="22"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="4" note="LOC400"><source m_id="5"/><target m_id="23"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="5"><source m_id="4"/><target m_id="1"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


def test_gold_happenings_are_action_instances_and_annotated_sentences_hold_actions(tmp_path: Path) -> None:
    path = tmp_path / "7_1ecb.xml"
    path.write_text(XML, encoding="utf-8")
    gold = fa.parse_gold(path)
    assert (gold.topic, gold.subtopic, gold.story) == (7, "ecb", "7/ecb")
    assert gold.happenings == {"ACT100": frozenset({0}), "ACT200": frozenset({1})}  # not HUM300 nor LOC400
    assert gold.annotated == frozenset({0, 1, 2})  # the NEG_ mention counts; sentence 3 holds no action
    assert gold.sentences[1] == "The river flooded, police said."
    assert gold.descriptors["ACT200"] == "t7_flood"


def test_sentences_are_found_in_order_and_a_lifted_title_is_not() -> None:
    text = "The river flooded,  police said.\n\nNobody answered.\n\nSchools stayed shut."
    sentences = {0: "Storm hits Millbrook", 1: "The river flooded, police said.", 2: "Nobody answered.",
                 3: "Schools stayed shut."}  # fmt: skip
    spans = fa.sentence_spans(text, sentences)
    assert 0 not in spans
    assert text[slice(*spans[1])] == "The river flooded,  police said."  # found despite the double space
    assert text[slice(*spans[3])] == "Schools stayed shut."
    assert fa.sentences_at(spans, spans[2][0], spans[2][1]) == [2]  # a whole sentence: that one
    assert fa.sentences_at(spans, spans[1][0] + 4, spans[1][0] + 9) == [1]  # a span inside one
    assert fa.sentences_at(spans, spans[1][0], spans[2][1]) == [1, 2]


def _gold(name: str, happenings: dict[str, set[int]], annotated: set[int]) -> object:
    topic, rest = name.split("_")
    return fa.DocGold(
        name,
        int(topic),
        "ecbplus" if "ecbplus" in rest else "ecb",
        {n: f"sentence {n} of {name}" for n in range(1, 5)},
        {h: frozenset(s) for h, s in happenings.items()},
        frozenset(annotated),
        {},
    )


def _fact(kind: str, *evidence: tuple[str, int]) -> Fact:
    """A fact whose evidence is these whole sentences (article id = document name, sentence n at 10n..10n+8)."""
    return Fact(kind, "", "corroborated", [], [], evidence=[Evidence(doc, 10 * n, 10 * n + 8) for doc, n in evidence])


def test_recall_precision_and_what_is_left_out() -> None:
    golds = {
        "1_1ecb.xml": _gold("1_1ecb.xml", {"h1": {1}, "h2": {2}}, {1, 2}),
        "1_2ecb.xml": _gold("1_2ecb.xml", {"h1": {1}, "h2": {3}}, {1, 3}),
        "1_3ecb.xml": _gold("1_3ecb.xml", {"h1": {1}}, {1}),
        "2_1ecb.xml": _gold("2_1ecb.xml", {"h9": {1}}, {1}),
    }
    spans = {name: {n: (10 * n, 10 * n + 8) for n in range(1, 5)} for name in golds}
    del spans["1_3ecb.xml"][1]  # its only mention of h1 is not in the text: its links are unreachable
    a, b, d = "1_1ecb.xml", "1_2ecb.xml", "2_1ecb.xml"
    facts = [
        _fact("event", (a, 1), (b, 1)),  # finds (h1, a, b): a right pair
        _fact("quote", (a, 2), (b, 2)),  # b's sentence 2 is not annotated: left out
        _fact("quantity", (a, 1), (b, 3)),  # h1 and h2: a wrong pair
        _fact("event", (a, 4), (d, 1)),  # reaches a document outside the topic
        _fact("date", (a, 1)),  # one document: no pair
    ]
    doc_of = {name: name for name in golds}
    located = [(f, fa.evidence_sentences(f, doc_of, spans)) for f in facts]
    assert fa.gold_links(golds, [a, b, "1_3ecb.xml"]) == [
        ("h1", a, b), ("h1", a, "1_3ecb.xml"), ("h1", b, "1_3ecb.xml"), ("h2", a, b)
    ]  # fmt: skip
    scored = fa.evaluate(located, golds, spans, [a, b, "1_3ecb.xml"])
    f = scored.figures
    assert (f["links"], f["links_found"], f["links_unreachable"]) == (4, 1, 2)
    assert (f["recall"], f["recall_reachable"]) == (0.25, 0.5)
    assert (f["pairs_scored"], f["pairs_correct"], f["pairs_not_annotated"], f["pairs_outside"]) == (2, 1, 1, 1)
    assert f["precision"] == 0.5
    assert f["f1"] == pytest.approx(1 / 3, abs=1e-4)
    assert scored.false_pairs == [((a, 1), (b, 3))]
    assert scored.missed == [("h2", a, b)]
    # a's sentence 2 is in the quote, b's sentence 3 in the quantity: facts in both, none shared
    assert f["missed_reachable_by_cause"] == {
        "no fact in either": 0,
        "a fact in one only": 0,
        "facts in both, none shared": 1,
    }
    assert f["precision_by_kind"] == {
        "event": {"precision": 1.0, "pairs": 1},
        "quantity": {"precision": 0.0, "pairs": 1},
    }
    assert f["facts_multi_doc"] == 4
    assert f["facts_multi_doc_by_kind"] == {"event": 2, "quantity": 1, "quote": 1}


def test_a_pair_is_counted_once_over_facts() -> None:
    by_doc = {"x": {1, 2}, "y": {5}}
    assert fa.aligned_pairs([by_doc, by_doc, {"x": {1}}]) == {(("x", 1), ("y", 5)), (("x", 2), ("y", 5))}


@pytest.mark.slow  # ingests the first topic
def test_first_shared_topic(tmp_path: Path) -> None:
    data = shared_path("data", "ecbplus", "ECB+")
    figures = fa.run("tune", Path(data), db=tmp_path / "fa.db", limit_topics=1)
    assert figures["topics"] == [1] and figures["documents"] > 10
    assert figures["annotated_sentences_unmapped"] <= figures["documents"]  # at most the title of each
    for setting in fa.SETTINGS:
        result = figures[setting]
        assert result["links"] > 0 and 0 <= result["recall"] <= 1
        assert result["pairs_outside"] == 0 or setting == "newsgraph stories"
