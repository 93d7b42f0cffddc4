"""Comparing a story's coverage: alignment decisions on hand-written records (no database, no model), and the
seed story end to end."""

from __future__ import annotations

from typing import Any

from newsgraph.compare.facts import StoryArticle, align, align_quantities, align_quotes, quantities, sources
from newsgraph.models import Article

A = StoryArticle("a", "Lodestar News", "", "Lodestar News")
B = StoryArticle("b", "Harbourlight", "", "Harbourlight")


def quote(article: str, idx: int, text: str, speaker_id: str = "e-lavrov", **extra: Any) -> dict[str, Any]:
    return {
        "article_id": article, "idx": idx, "text": text, "start": 0, "end": len(text), "speaker": "Lavrov",
        "speaker_id": speaker_id, "stance": "asserts", "denies": None,
    } | extra  # fmt: skip


def test_one_statement_in_two_translations_is_one_corroborated_fact() -> None:
    (fact,) = align_quotes(
        [A, B],
        [
            quote(
                "a", 0, "After this historic summit we can safely say relations have reached a qualitatively new level"
            ),
            quote(
                "b",
                0,
                "After the landmark summit we can say confidently that relations reached a qualitatively new level",
            ),
        ],
    )
    assert fact.status == "corroborated" and fact.outlets == ["Harbourlight", "Lodestar News"]
    assert [v.article_id for v in fact.variants] == ["a", "b"]
    assert 0 < fact.variants[1].distance < 0.6
    assert [(e.article_id, e.start) for e in fact.evidence] == [("a", 0), ("b", 0)]


def test_different_statements_or_speakers_stay_apart() -> None:
    facts = align_quotes(
        [A, B],
        [
            quote("a", 0, "relations have reached a qualitatively new level"),
            quote("b", 0, "relations have reached a qualitatively new level", speaker_id="e-kim"),
            quote("b", 1, "the energy projects will be discussed in November"),
        ],
    )
    assert sorted(f.status for f in facts) == ["single_source"] * 3


def test_an_assertion_against_a_denial_is_a_conflict() -> None:
    claim = quote("a", 0, "North Korea delivered more than 1,000 containers of munitions to Russia", "e-usa")
    denial = quote("b", 1, "Moscow supplied no weapons", "e-russia", stance="denies", denies=0, speaker="Russia")
    claim_b = quote("b", 0, "North Korea had delivered over 1,000 containers of munitions to Russia", "e-usa")
    facts = align_quotes([A, B], [claim, claim_b, denial])
    (fact,) = [f for f in facts if f.status == "conflicting"]
    assert [v.stance for v in fact.variants] == ["asserts", "asserts", "denies"]


def test_the_same_number_in_other_words_agrees_and_a_different_one_conflicts() -> None:
    a = StoryArticle(
        "a", "Lodestar News", "North Korea shipped more than 1,000 containers of munitions to Russia.", "L"
    )
    b = StoryArticle(
        "b", "Harbourlight", "Pyongyang sent over 1,000 containers of munitions to Russia, officials said.", "H"
    )
    c = StoryArticle("c", "Wavelength", "Pyongyang sent 2,000 containers of munitions to Russia, officials said.", "W")
    (agreed,) = align_quantities([a, b])
    assert agreed.status == "corroborated" and [v.text for v in agreed.variants] == [
        "more than 1,000 containers of munitions",
        "over 1,000 containers of munitions",
    ]
    (conflict,) = align_quantities([a, c])
    assert conflict.status == "conflicting"


def test_reprints_of_one_dispatch_count_once() -> None:
    text = "North Korea shipped more than 1,000 containers of munitions to Russia, the White House said."
    arts = [
        Article(id="w", text=text, outlet="Quillwire", credited=["Quillwire"]),
        Article(id="x", text=text, outlet="Harbourlight"),
        Article(id="y", text=text, outlet="The Lamplighter"),
    ]
    story = sources(arts, {"x": ("w", 0.98), "y": ("w", 0.97)})
    assert {s.unit for s in story} == {"Quillwire"}
    (fact,) = align_quantities(story)
    assert fact.status == "single_source" and fact.outlets == ["Quillwire"] and len(fact.evidence) == 3


def test_quantities_skip_years_conversions_and_model_names() -> None:
    found = [q[4] for q in quantities("In 2023 a B-52 bomber sat about 100 kilometers (62 miles) from Seoul.")]
    assert found == ["about 100 kilometers"]


def test_the_seed_story() -> None:
    from conftest import shared_path
    from newsgraph import Newsgraph

    folder = shared_path("samples", "seeds")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, Newsgraph(f"{tmp}/news.db") as ng:
        ng.ingest([str(folder)])
        (story,) = ng.stories()
        brief = ng.brief(story.id)
        assert brief is not None
        facts = brief.facts
        summit = [f for f in facts if f.kind == "quote" and "qualitatively" in f.text]
        assert summit and summit[0].status == "corroborated" and len(summit[0].variants) == 2
        containers = [f for f in facts if f.kind == "quantity" and "1,000 containers" in f.text]
        assert containers and containers[0].status == "corroborated"
        claim = [f for f in facts if f.kind == "quote" and "1,000 containers" in f.text]
        assert claim[0].status == "conflicting" and any(v.stance == "denies" for v in claim[0].variants)
        assert all(f.status in ("corroborated", "single_source", "conflicting") for f in facts)
        afp = next(p for p in brief.provenance if p.credited == ["AFP"])
        assert {"KCNA", "RIA Novosti"} <= set(afp.media) and "Beyond Parallel" in afp.quoted
        other = next(p for p in brief.provenance if p is not afp)
        assert other.credited == [] and other.reprint_of is None
        assert align([], [], []) == []
