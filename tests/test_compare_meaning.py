"""Facts aligned by meaning and checked slot by slot (issue 24): what several outlets report in other words is one
fact; a number is matched with what it counts, an accusation with its direction; statuses say what they mean. The
texts are written for these tests; the sentence encoder is the bundled one (no download)."""

from __future__ import annotations

from typing import Any

from newsgraph.compare.facts import StoryArticle, align
from newsgraph.compare.happenings import Statement, check, sentences
from newsgraph.compare.quantities import quantities
from newsgraph.models import Fact


def article(aid: str, outlet: str | None, text: str, published: str = "2026-07-06") -> StoryArticle:
    return StoryArticle(aid, outlet, text, outlet or aid, published)


DECISION = [
    article("a", "Lodestar News", "The city council voted on Monday to close the Riverside bridge to all traffic for "
            "two years while engineers rebuild its rusting steel frame. Local shops fear the loss of customers."),
    article("b", "Harbourlight", "Councillors decided on Monday that the Riverside bridge will be shut to cars and "
            "lorries for two years so that its corroded steel structure can be rebuilt. Commuters face long detours."),
    article("c", "Wavelength", "The Riverside bridge is to be closed for two years after a council vote on Monday, "
            "so crews can replace the corroding steel that holds it up. The mayor called it a hard choice."),
]  # fmt: skip


def happenings(found: list[Fact]) -> list[Fact]:
    return [f for f in found if f.kind == "happening"]


def test_three_outlets_telling_one_decision_in_their_own_words_corroborate_it() -> None:
    found = align(DECISION, [], [], [])
    main = happenings(found)[0]
    assert main.status == "corroborated" and main.outlets == ["Harbourlight", "Lodestar News", "Wavelength"]
    assert all("bridge" in v.text for v in main.variants) and len(main.evidence) == 3
    assert 0.5 <= main.confidence <= 1 and "meaning" in main.agreed
    assert found[0] is main  # the main happening leads the story's facts
    assert happenings(align(DECISION, [], [], [], encoder=None)) == []  # embeddings off: no meaning


def test_arrested_taken_into_custody_and_detained_are_one_happening() -> None:
    texts = [
        "Police arrested the former finance minister at his home in the capital on Tuesday over a bribery inquiry.",
        "The former finance minister was taken into custody at his house in the capital on Tuesday in a bribery case.",
        "Officers detained the country's former finance minister at his residence on Tuesday amid a corruption probe.",
    ]
    names = ["Quillwire", "Harbourlight", "Lodestar News"]
    arts = [article(k, name, t) for k, name, t in zip("abc", names, texts, strict=True)]
    (arrest,) = happenings(align(arts, [], [], []))
    assert arrest.article_ids == ["a", "b", "c"] and arrest.status == "corroborated"


def test_a_number_is_matched_with_what_it_counts() -> None:
    arts = [
        article("a", "Lodestar News", "Customs officers seized 12 magazines of ammunition from the cargo ship."),
        article("b", "Harbourlight", "The navy said 12 Somali pirates were captured after a chase off the coast."),
    ]
    assert [f for f in align(arts, [], [], []) if f.status == "corroborated"] == []
    assert [q[3] for q in quantities("The navy said 12 Somali pirates and 3 US sailors were held.")] == ["pirates",
                                                                                                         "sailors"]


def event(aid: str, start: int, sentence: str, source: str, target: str) -> dict[str, Any]:
    country = {"e-putin": "RUS", "RUS": "RUS", "UKR": "UKR"}
    return {
        "article_id": aid, "idx": start, "trigger_start": start, "trigger_end": start + 7, "start": 0,
        "end": len(sentence), "sentence": sentence, "type": "ACCUSE", "mode": "asserted", "date": None,
        "source": source, "source_id": source if source.startswith("e-") else None,
        "source_country": country[source], "target": target, "target_id": None, "target_country": country[target],
    }  # fmt: skip


def test_the_direction_of_an_accusation_matters() -> None:
    one = "Putin accused Ukraine of shelling the nuclear power plant on Sunday."
    other = "Ukraine accused Russia of shelling the nuclear power plant on Sunday."
    arts = [article("a", "Lodestar News", one), article("b", "Harbourlight", other)]
    rows = [event("a", 6, one, "e-putin", "UKR"), event("b", 8, other, "UKR", "RUS")]
    found = align(arts, [], rows, [])
    assert [f for f in found if f.status == "corroborated"] == []
    assert all(len(f.article_ids) == 1 for f in found)


def test_slots_disagreeing_on_who_keep_statements_apart_and_values_conflict() -> None:
    a = article("a", "L", "x")
    b = article("b", "H", "y")
    assert check(Statement(a, 0, 1, "x", speakers=frozenset({"e1"})), Statement(b, 0, 1, "y", speakers=frozenset({"e2"}))) is None
    verdict = check(Statement(a, 0, 1, "x", numbers={"people": frozenset({5.0})}, days=frozenset({"2026-07-06"})),
                    Statement(b, 0, 1, "y", numbers={"people": frozenset({7.0})}, days=frozenset({"2026-07-06"})))
    assert verdict is not None and verdict.conflicts == {"number"} and verdict.agreed == {"date"}  # fmt: skip


def test_differing_tolls_from_two_sources_conflict_but_never_within_one_article() -> None:
    one = article("a", "Lodestar News", "At least 14 people were killed when the ferry capsized in the river on Friday.")
    two = article("b", "Harbourlight", "At least 19 people were killed when the ferry capsized on the river on Friday.")
    found = align([one, two], [], [], [])
    assert any(f.status == "conflicting" for f in found)
    alone = article("a", "Lodestar News", one.text + " Officials later said 19 people were killed in the capsizing.")
    assert [f for f in align([alone], [], [], []) if f.status == "conflicting"] == []
    assert {f.status for f in align([alone], [], [], [])} <= {"uncompared"}


def test_single_source_only_when_another_source_is_silent() -> None:
    arts = [DECISION[0], article("z", "Lodestar News", "An unrelated line about the weather in the hills today.")]
    assert {f.status for f in align(arts, [], [], [])} <= {"uncompared"}  # one source: nothing to compare with
    arts = [DECISION[0], article("z", "Harbourlight", "An unrelated line about the weather in the hills today.")]
    statuses = {f.status for f in align(arts, [], [], [])}
    assert "uncompared" not in statuses


def test_an_article_without_an_outlet_is_an_unknown_outlet_and_no_fact_is_listed_twice() -> None:
    arts = [DECISION[0], article("b7f3c", None, DECISION[1].text)]
    found = align(arts, [], [], [])
    assert all("b7f3c" not in f.outlets for f in found)
    main = happenings(found)[0]
    assert main.outlets == ["Lodestar News", "unknown outlet"] and "b7f3c" in main.article_ids
    keys = [(f.kind, f.who, tuple((e.article_id, e.start, e.end) for e in f.evidence)) for f in found]
    assert len(keys) == len(set(keys))


def test_a_denial_conflicts_with_the_claim_it_denies_not_with_its_neighbours() -> None:
    claim_a = "Officials said the army fired rockets at the border town overnight."
    other = "Officials said the army also closed two crossings to trucks."
    arts = [article("a", "Lodestar News", claim_a), article("b", "Harbourlight", other + " The army denied it.")]

    def q(aid: str, idx: int, text: str, stance: str = "asserts", denies: int | None = None) -> dict[str, Any]:
        return {"article_id": aid, "idx": idx, "text": text, "start": 0, "end": len(text), "speaker": "Officials",
                "speaker_id": "e-off" if stance == "asserts" else "e-army", "stance": stance, "denies": denies}  # fmt: skip

    rockets, crossings = "the army fired rockets at the border town overnight", "the army also closed two crossings"
    rows = [q("a", 0, rockets), q("b", 0, crossings), q("b", 1, "it", "denies", 0), q("a", 1, crossings)]
    found = {f.text: f for f in align(arts, rows, [], []) if f.kind == "quote"}
    assert found[crossings].status == "conflicting"  # the denial is set against the claim it names
    assert found[rockets].status == "single_source"


def test_sentences_split_at_full_stops_but_not_after_abbreviations() -> None:
    text = "Mr. Smith met U.S. officials on Monday. They agreed!\nA new line"
    assert [text[s:e] for s, e in sentences(text)] == ["Mr. Smith met U.S. officials on Monday.", "They agreed!",
                                                       "A new line"]  # fmt: skip


def test_headlines_that_state_one_happening_align_with_the_title_as_evidence() -> None:
    arts = [
        StoryArticle("a", "Lodestar News", "Shops along the quay stayed shut on Friday.", "Lodestar News",
                     title="Harbour workers walk out over pay cut at container port"),
        StoryArticle("b", "Harbourlight", "Talks with the port authority broke down late on Thursday.", "Harbourlight",
                     title="Container port dockers go on strike over reduced wages"),
    ]  # fmt: skip
    (strike,) = happenings(align(arts, [], [], []))
    assert [(e.article_id, e.part, e.start) for e in strike.evidence] == [("a", "title", 0), ("b", "title", 0)]
    assert strike.variants[1].text == "Container port dockers go on strike over reduced wages"


def test_copies_of_one_dispatch_make_no_happening_and_a_speaker_is_one_however_its_apostrophe_is_typed() -> None:
    text = DECISION[0].text
    copies = [StoryArticle("a", "Quillwire", text, "Quillwire"), StoryArticle("b", "Harbourlight", text, "Quillwire"),
              StoryArticle("c", "Wavelength", "An unrelated note on the weather in the hills.", "Wavelength")]  # fmt: skip
    assert happenings(align(copies, [], [], [])) == []  # one source repeating itself
    said = "the bridge will reopen in two years"

    def q(aid: str, speaker: str) -> dict[str, Any]:
        return {"article_id": aid, "idx": 0, "text": said, "start": 0, "end": len(said), "speaker": speaker,
                "speaker_id": None, "stance": "asserts", "denies": None}  # fmt: skip

    quotes = [q("a", "the city’s engineer"), q("c", "the city's engineer")]
    (fact,) = [f for f in align(copies, quotes, [], []) if f.kind == "quote"]
    assert fact.status == "corroborated" and fact.article_ids == ["a", "c"]
