"""Comparing a story's coverage: alignment decisions on hand-written records (no database; articles whose words are
lemmatized by the English model where the test says `parsed`, as analysis stores them), and the seed story end to
end."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsgraph.analyze.nlp import english
from newsgraph.analyze.tokens import content_lemmas
from newsgraph.compare.facts import StoryArticle, align, align_quotes, sources
from newsgraph.compare.quantities import align_quantities, quantities
from newsgraph.models import Article, Lemmas

A = StoryArticle("a", "Lodestar News", "", "Lodestar News")
B = StoryArticle("b", "Harbourlight", "", "Harbourlight")


def parsed(article: StoryArticle) -> StoryArticle:
    """The article with its content words as analysis lemmatizes them."""
    return replace(article, lemmas=Lemmas.of(content_lemmas(english()(article.text))))


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
        assert summit and summit[0].status == "corroborated"
        # two outlets; The Moscow Times gives it twice (touting the "new, strategic level", then the quotation)
        assert {v.outlet for v in summit[0].variants} == {"Euronews", "The Moscow Times"}
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


def event(article: str, trigger: int, sentence: str, date: str | None, mode: str = "asserted", **extra: Any) -> dict:
    return {
        "article_id": article, "idx": trigger, "trigger_start": trigger, "start": 0, "end": len(sentence),
        "sentence": sentence, "type": "CONSULT", "mode": mode, "date": date, "source": "Lavrov", "source_id": "e-lavrov",
        "source_country": "RUS", "target": "Kim Jong Un", "target_id": "e-kim", "target_country": "PRK",
    } | extra  # fmt: skip


def test_the_day_an_event_happened_agrees_or_conflicts() -> None:
    a = StoryArticle("a", "Lodestar News", "", "Lodestar News", "2023-10-20")
    b = StoryArticle("b", "Harbourlight", "", "Harbourlight", "2023-10-20")
    c = StoryArticle("c", "Wavelength", "", "Wavelength", "2023-10-19")
    met = "Lavrov met Kim Jong Un in Pyongyang on Thursday."
    rows = [event("a", 4, met, "2023-10-19"), event("b", 9, met, "2023-10-19"), event("c", 2, met, "2023-10-19")]
    dates = [f for f in align([a, b, c], [], rows) if f.kind == "date"]
    (day,) = dates  # c's date is its own publication day: not said in its words
    assert day.status == "corroborated" and day.text.endswith("on 2023-10-19") and day.article_ids == ["a", "b"]
    rows[1] = event("b", 9, "Lavrov met Kim Jong Un in Pyongyang on Wednesday.", "2023-10-18")
    (day,) = [f for f in align([a, b, c], [], rows) if f.kind == "date"]
    assert day.status == "conflicting" and {v.text[:10] for v in day.variants} == {"2023-10-19", "2023-10-18"}
    (met_fact,) = [f for f in align([a, b, c], [], rows) if f.kind == "event"]
    assert met_fact.status == "corroborated" and len(met_fact.variants) == 3  # that they met: all three agree


def test_an_event_one_outlet_reports_and_another_denies_is_a_conflict() -> None:
    rows = [
        event("a", 4, "Lavrov met Kim Jong Un on Thursday.", None),
        event("b", 7, "Lavrov did not meet Kim Jong Un, the ministry said.", None, mode="negated"),
    ]
    (fact,) = [f for f in align([A, B], [], rows) if f.kind == "event"]
    assert fact.status == "conflicting" and [v.stance for v in fact.variants] == ["asserts", "denies"]
    assert fact.who == "CONSULT: Lavrov -> Kim Jong Un"


def test_one_actor_in_common_between_the_same_countries_in_alike_sentences_is_one_event() -> None:
    rows = [
        event("a", 4, "During Lavrov's visit to Pyongyang, Kim Jong Un said he wanted closer relations with Russia.",
              None, target="Pyongyang", target_id="e-pyongyang"),
        event("b", 3, "Kim Jong Un said he wanted closer relations with Russia as he met Lavrov in Pyongyang.", None),
        event("b", 30, "Lavrov later met the Chinese ambassador in Pyongyang.", None, target="the ambassador",
              target_id="e-ambassador", target_country="CHN"),
    ]  # fmt: skip
    facts = sorted((f for f in align([A, B], [], rows) if f.kind == "event"), key=lambda f: len(f.variants))
    assert [len(f.variants) for f in facts] == [1, 2] and facts[1].status == "corroborated"


def test_counts_on_other_days_or_in_other_words() -> None:
    a = parsed(StoryArticle("a", "L", "The gauge at Kaub read 52 centimeters on Thursday, officials said.", "L"))
    b = parsed(StoryArticle("b", "H", "The gauge at Kaub read 49 centimetres on Friday, officials said.", "H"))
    days = [
        {"article_id": "a", "type": "DATE", "value": "2025-10-30", "start": 37, "end": 45},
        {"article_id": "b", "type": "DATE", "value": "2025-10-31", "start": 37, "end": 43},
    ]
    assert sorted(f.status for f in align_quantities([a, b], days)) == ["single_source", "single_source"]
    assert [f.status for f in align_quantities([a, b])] == ["conflicting"]  # no dates said: the same slot
    quake = StoryArticle("q", "Q", "A magnitude 5.9 quake shook Van province before dawn, AFAD said.", "Q")
    tremor = StoryArticle("t", "T", "The 5.9 tremor hit the province of Van and was felt as far as Iran.", "T")
    (fact,) = align_quantities([quake, tremor])
    assert fact.status == "corroborated" and [v.text for v in fact.variants] == ["5.9 quake", "5.9 tremor"]
    near = StoryArticle("n", "N", "The epicentre was 10 km deep, seismologists said.", "N")
    far = StoryArticle("f", "F", "The epicentre lay about 10 kilometres deep, seismologists said.", "F")
    assert [f.status for f in align_quantities([parsed(near), parsed(far)])] == ["corroborated"]


def test_wordings_are_compared_by_the_parse_s_lemmas() -> None:
    """'accused ... of supplying' and 'accuses ... of having supplied': the same words in other forms are the same
    words when the articles carry their lemmas; compared as written, they differ."""
    said = "Washington accused Pyongyang of supplying shells and rockets to Moscow"
    told = "Washington accuses Pyongyang of having supplied rockets and shells to Moscow"
    a = StoryArticle("a", "Lodestar News", f"Officials said: {said}.", "Lodestar News")
    b = StoryArticle("b", "Harbourlight", f"Officials said: {told}.", "Harbourlight")
    rows = [quote("a", 0, said, "e-usa", start=16, end=16 + len(said)),
            quote("b", 0, told, "e-usa", start=16, end=16 + len(told))]  # fmt: skip
    (fact,) = align_quotes([parsed(a), parsed(b)], rows)
    assert fact.status == "corroborated" and fact.variants[1].distance == 0.0
    assert parsed(a).words(16, 16 + len(said)) == {"washington", "accuse", "pyongyang", "supply", "shell", "rocket",
                                                   "moscow"}  # fmt: skip
    (as_written,) = align_quotes([a, b], rows)  # stored without lemmas: 5 words in common of 7 and 8
    assert as_written.variants[1].distance == 0.33


def test_clock_times_and_verbs_are_not_counts() -> None:
    text = "The quake struck at 12 GMT and at 3 am again; 31 were injured and 40 have left, 12 pm."
    assert quantities(text) == []


def test_quantity_evidence_is_its_sentence() -> None:
    text = "Rescuers worked all night. North Korea shipped more than 1,000 containers to Russia. Others disagreed."
    (fact,) = align_quantities([StoryArticle("a", "L", text, "L")])
    (e,) = fact.evidence
    assert text[e.start : e.end] == "North Korea shipped more than 1,000 containers to Russia."


def test_numbers_beyond_reason_signs_and_miles() -> None:
    assert quantities("9" * 400 + " containers and " + "9" * 300 + " billion tonnes") == []
    found = {q[4]: q[2] for q in quantities("It fell to minus 10 degrees, then -12 degrees; 10 mi and 12 miles.")}
    assert found == {"minus 10 degrees": -10.0, "-12 degrees": -12.0, "10 mi": 10.0, "12 miles": 12.0}
    miles = parsed(StoryArticle("m", "M", "10 mi and 12 miles", "M"))
    assert {q[3] for q in quantities(miles.text, miles.lemma_at)} == {"mile"}  # 'mi' and the lemma of 'miles'
    assert {q[3] for q in quantities(miles.text)} == {"mile", "miles"}  # without lemmas, as written
    warm = StoryArticle("w", "W", "Temperatures in Moscow reached 10 degrees overnight.", "W")
    cold = StoryArticle("c", "C", "Temperatures in Moscow reached minus 10 degrees overnight.", "C")
    assert [f.status for f in align_quantities([warm, cold])] == ["conflicting"]


def test_an_event_and_its_denial_whatever_the_order_but_never_within_one_article() -> None:
    """A report and its denial conflict between two sources; one article giving both sides is no conflict between
    independent sources (it is shown as it is: the denial beside the report)."""
    said = event("b", 4, "Lavrov met Kim Jong Un on Thursday.", None)
    also = event("a", 4, "Lavrov met Kim Jong Un on Thursday, officials said.", None)
    denied = event("a", 20, "The ministry said Lavrov did not meet Kim Jong Un.", None, mode="negated")
    for rows in ([said, also, denied], [denied, also, said], [also, denied, said]):
        (fact,) = [f for f in align([A, B], [], rows) if f.kind == "event"]
        assert fact.status == "conflicting" and sorted(v.stance for v in fact.variants) == [
            "asserts",
            "asserts",
            "denies",
        ]
    (alone,) = [f for f in align([A], [], [also, denied]) if f.kind == "event"]  # one article reports and denies
    assert alone.status == "uncompared" and [v.stance for v in alone.variants] == ["asserts", "denies"]


def test_a_reprint_of_a_text_outside_the_story_counts_as_that_text_s_outlet() -> None:
    arts = [Article(id="x", text="t", outlet="Harbourlight")]
    assert [s.unit for s in sources(arts, {"x": ("w", 0.97)}, {"w": "Quillwire"})] == ["Quillwire"]
    assert [s.unit for s in sources(arts, {"x": ("w", 0.97)})] == ["w"]


def test_a_date_is_said_when_a_time_expression_of_the_sentence_gives_it() -> None:
    a = StoryArticle("a", "Lodestar News", "", "Lodestar News", "2023-10-19")
    b = StoryArticle("b", "Harbourlight", "", "Harbourlight", "2023-10-20")
    met = "Lavrov met Kim Jong Un in Pyongyang on Thursday."
    rows = [event("a", 4, met, "2023-10-19"), event("b", 9, met, "2023-10-19")]
    thursday = [{"article_id": aid, "type": "DATE", "value": "2023-10-19", "start": 38, "end": 46} for aid in "ab"]
    (day,) = [f for f in align([a, b], [], rows, thursday) if f.kind == "date"]
    assert day.status == "corroborated" and day.article_ids == ["a", "b"]  # a's date is its own day, said in words
    assert [f for f in align([a, b], [], rows, []) if f.kind == "date"] == []  # no words give it: no date fact


def test_numbers_inside_time_expressions_are_not_counts() -> None:
    """A date in a language whose month names `quantities` does not know ('19 октября') is a time expression of the
    article, not '19' of something: two articles giving other days are no conflicting count."""
    a = StoryArticle("a", "L", "Лавров прибыл в Пхеньян 18 октября, сообщили в МИД.", "L")
    b = StoryArticle("b", "H", "Лавров прибыл в Пхеньян 19 октября, сообщили в МИД.", "H")
    times = [
        {"article_id": "a", "type": "DATE", "value": "2023-10-18", "start": 24, "end": 34},
        {"article_id": "b", "type": "DATE", "value": "2023-10-19", "start": 24, "end": 34},
    ]
    assert a.text[24:34] == "18 октября" and b.text[24:34] == "19 октября"
    assert [f.status for f in align_quantities([a, b])] == ["conflicting"]  # without the times: a count of 'октября'
    assert align_quantities([a, b], times) == []
