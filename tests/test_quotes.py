"""Who said what: each construction on sentences written for the tests, and the seeds end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph import Article, analyze, read_sources
from newsgraph.analyze.quotes import load_lexicon, quotation_spans, resolve
from newsgraph.models import Lemmas, Mention, Quote
from newsgraph.options import Options


def quotes_of(text: str) -> list[Quote]:
    return analyze([Article(id="t", text=text, language="en", published="2023-10-20")])[0].quotes


def one(text: str, **expected: object) -> Quote:
    """The attribution whose content contains expected['containing'] (and check its other fields)."""
    containing = str(expected.pop("containing"))
    found = sorted((q for q in quotes_of(text) if containing in q.text), key=lambda q: q.end - q.start)
    assert found, (containing, quotes_of(text))
    q = found[0]  # the innermost: words a medium reported are the speaker's, the medium their `via`
    for key, value in expected.items():
        if key == "source":
            assert q.source_start is not None and text[q.source_start : q.source_end] == value, q
        else:
            assert getattr(q, key) == value, (key, q)
    assert text[q.start : q.end] == q.text
    if q.cue_start is not None:
        assert text[q.cue_start : q.cue_end] == q.cue
    return q


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("He said \u201cwe will win\u201d today.", "\u201cwe will win\u201d"),
        ('He said "we will win" today.', '"we will win"'),
        ("Il a dit \u00abnous gagnerons\u00bb hier.", "\u00abnous gagnerons\u00bb"),
        ("He called it \u2018a farce\u2019 and left; it\u2019s over.", "\u2018a farce\u2019"),
        ("\u201cFirst sentence. Second one,\u201d she said.", "\u201cFirst sentence. Second one,\u201d"),
    ],
)
def test_quotation_marks_of_every_common_style(text: str, span: str) -> None:
    assert [text[a:b] for a, b in quotation_spans(text)] == [span]


def test_a_stray_mark_does_not_swallow_the_next_paragraphs() -> None:
    text = 'He said "this never closes.\nKerry said that 100,000 would be accepted, officials said.'
    assert quotation_spans(text) == []


def test_direct_quote_before_the_speech_tag() -> None:
    one(
        "\u201cWe are seriously worried about the drills,\u201d Lavrov told journalists in Pyongyang.",
        containing="seriously worried",
        kind="direct",
        cue="told",
        source="Lavrov",
        speaker="Lavrov",
        speaker_kind="person",
    )


def test_a_quote_split_by_its_speech_tag_is_one_quote() -> None:
    q = one(
        "\u201cWe are worried about the drills,\u201d Lavrov said, \u201cand we will answer them in kind.\u201d",
        containing="worried",
        kind="direct",
        cue="said",
        speaker="Lavrov",
    )
    assert q.text.endswith("answer them in kind.\u201d")


def test_reported_speech_with_that() -> None:
    q = one(
        "Foreign Minister Sergei Lavrov said on Thursday that relations had reached a new level.",
        containing="relations had reached",
        kind="indirect",
        cue="said",
        speaker="Sergei Lavrov",
    )
    assert q.text.startswith("that relations")


def test_according_to() -> None:
    one(
        "According to the White House, the containers were shipped by sea in September.",
        containing="containers were shipped",
        cue="According to",
        source="the White House",
    )


def test_mixed_quote_and_a_partial_quote() -> None:
    one(
        'Kim said the goal was "to work out a stable, forward-looking plan" for ties with Russia.',
        containing="the goal was",
        kind="mixed",
        speaker="Kim",
    )


def test_a_pronoun_speaks_for_the_person_quoted_before() -> None:
    text = (
        "Sergei Lavrov said the talks with Kim Jong Il's successor went well.\n\n"
        "At a dinner, he praised Pyongyang's support for Moscow."
    )
    one(text, containing="support for Moscow", source="he", speaker="Sergei Lavrov", speaker_kind="person")


def test_a_country_speaks() -> None:
    one(
        "On Friday, the United States said arms shipments were already underway.",
        containing="arms shipments",
        speaker="United States",
        speaker_kind="country",
    )


def test_anonymous_sources_stay_anonymous() -> None:
    one(
        "Officials said the talks would resume in November.",
        containing="talks would resume",
        speaker_kind="anonymous",
        speaker="Officials",
    )


def test_state_media_as_speaker_and_as_the_medium_of_a_quote() -> None:
    text = (
        "Kim said it was the goal of the party \u201cto work out a stable plan for relations,\u201d the KCNA news "
        "agency said."
    )
    kcna = one(text, containing="Kim said", speaker="KCNA", speaker_kind="media")
    assert kcna.via is None
    one(text, containing="the goal of the party", speaker="Kim", via="KCNA")


def test_quoted_as_saying_by_a_medium() -> None:
    one(
        "\u201cWe highly value your support,\u201d Lavrov was quoted as saying by Russia's RIA Novosti news agency.",
        containing="highly value",
        kind="direct",
        speaker="Lavrov",
        via="RIA Novosti",
        cue="was quoted as saying",
    )


def test_a_denial_marked_and_linked_to_the_claim_it_answers() -> None:
    text = (
        "On Friday, the United States said North Korea had delivered more than 1,000 containers of munitions.\n\n"
        "White House spokesman John Kirby told reporters Pyongyang was seeking military help in return.\n\n"
        "Moscow this week denounced the allegations, insisting Washington had no proof that weapons were being shipped."
    )
    found = quotes_of(text)
    us = next(i for i, q in enumerate(found) if "1,000 containers" in q.text)
    denial = next(q for q in found if q.cue == "denounced")
    assert (denial.stance, denial.speaker, denial.speaker_kind, denial.denies) == ("denies", "Russia", "country", us)
    insisting = next(q for q in found if q.cue == "insisting")
    assert insisting.stance == "denies" and insisting.denies == us
    assert found[us].stance == "asserts"


def test_hedges_are_flagged() -> None:
    q = one(
        'The flurry of activity "likely indicates North Korea\'s supply of arms to Russia," the group said.',
        containing="likely indicates",
    )
    assert q.hedged
    assert not one("Officials said the talks would resume.", containing="talks").hedged


def test_a_headline_that_gives_its_speakers_words() -> None:
    one(
        "Graham: Trump's rhetoric is destroying the party\n\nMore text follows here.",
        containing="rhetoric",
        cue=":",
        source="Graham",
    )


def test_words_inside_a_quotation_are_not_attributions_of_their_own() -> None:
    found = quotes_of(
        "\u201cAfter this summit, we can safely say that ties are strong,\u201d the minister told reporters."
    )
    assert [q.cue for q in found] == ["told"]


def test_the_seeds(seeds: Path) -> None:
    """The issue's expectations for the two seed articles."""
    articles = [a for a in read_sources(sorted(seeds.iterdir())) if isinstance(a, Article)]
    by_text = {a.id: (a, an) for a, an in zip(articles, analyze(articles), strict=True)}

    def find(article_prefix: str, containing: str) -> Quote:
        """The innermost attribution of the words (the speaker's, not the medium's that reported them)."""
        for a, an in by_text.values():
            if a.source.split("/")[-1].startswith(article_prefix):
                found = sorted((q for q in an.quotes if containing in q.text), key=lambda q: q.end - q.start)
                if found:
                    return found[0]
        raise AssertionError(f"no quote containing {containing!r} in {article_prefix}")

    kim = find("002", "stable, forward-looking, far-reaching plan")
    assert (kim.speaker, kim.via) == ("Kim Jong Un", "KCNA")
    assert find("000", "stable and far-sighted plan").speaker == "Kim Jong Un"
    assert find("000", "qualitatively new and strategic level").speaker == "Lavrov"
    assert find("002", "qualitatively new, strategic level").speaker == "Sergei Lavrov"
    value = find("002", "We highly value your principled")
    assert (value.speaker, value.via) == ("Sergei Lavrov", "RIA Novosti")
    group = find("002", "likely indicates North Korea's supply")
    assert (group.speaker, group.hedged) == ("Beyond Parallel", True)
    kirby = find("002", "Pyongyang was seeking a range of military assistance")
    assert (kirby.speaker, kirby.kind) == ("John Kirby", "indirect")
    for prefix in ("000", "002"):
        claim = find(prefix, "1,000 containers")
        assert (claim.speaker, claim.speaker_kind, claim.stance) == ("United States", "country", "asserts")
    _, analysis = next(v for v in by_text.values() if v[0].source.split("/")[-1].startswith("002"))
    denial = next(q for q in analysis.quotes if q.cue == "denounced")
    assert (denial.speaker, denial.stance) == ("Russia", "denies")
    assert denial.denies is not None and "1,000 containers" in analysis.quotes[denial.denies].text


@pytest.mark.parametrize("verb", ["denied", "denies", "rejected", "disputes"])
def test_denials_in_every_form_of_their_verb(verb: str) -> None:
    q = one(f"The ministry {verb} that it had sent troops to the border.", containing="sent troops")
    assert q.stance == "denies"


def test_a_quotation_is_never_cut_between_pieces() -> None:
    """A long text is read in pieces: a cut inside a quotation would flip which marks open and close."""
    from newsgraph import Options
    from newsgraph.analyze import AnalysisContext

    text = "Filler sentence here. " * 9 + (
        '"The strike is over. We are glad the cranes are moving and the ships can dock again," Peter Weber '
        'said. He added that the union would meet again. "Nobody wants another strike," he said.'
    )
    article = Article(id="x", text=text, language="en")
    whole = [(q.kind, q.start, q.end) for q in analyze([article])[0].quotes]
    pieces = [
        (q.kind, q.start, q.end) for q in analyze([article], AnalysisContext.create(Options(chunk_chars=300)))[0].quotes
    ]
    assert pieces == whole and [k for k, _, _ in whole] == ["direct", "indirect", "direct"]


def test_quotation_marks_opening_every_paragraph_are_bounded() -> None:
    """Paragraphs that each open with a mark may continue a quotation, up to a few of them."""
    assert quotation_spans("\u201ca\n" * 50) == []
    assert quotation_spans("\u201cOne.\n\u201cTwo.\n\u201cThree.\u201d") == [(0, 20)]


def test_he_said_takes_the_nearest_person_named_before_not_the_last_quoted() -> None:
    """The President is quoted first; the congressman named after him, not quoted, is whom 'he' stands for."""
    text = (
        "President Daniel Harlow said on Tuesday that the vote count was secure. "
        "Representative Tomas Ferrante, a Democrat on the intelligence committee, has followed the inquiry for months. "
        '"We know at least two states have been the subject of hacking," he said.'
    )
    one(text, containing="two states", source="he", speaker="Tomas Ferrante", speaker_kind="person")
    one(text, containing="vote count", speaker="Daniel Harlow")


def test_a_name_inside_what_was_said_is_no_antecedent() -> None:
    text = 'Mayor Ellen Voss said the plan of Governor Ray Tillman would fail. "It is a mistake," she said.'
    one(text, containing="a mistake", source="she", speaker="Ellen Voss")


def test_one_speaker_has_one_kind_in_an_article() -> None:
    """'Brandt' typed a person in one place and an organization in another: one kind, the one most quotes give."""
    text = "Brandt said the port would reopen. Later Brandt said talks went on. Brandt added that ships waited."
    at = [m.start() for m in re.finditer("Brandt", text)]
    mentions = [
        Mention(at[0], at[0] + 6, "Brandt", "PERSON", "Brandt", "person"),
        Mention(at[1], at[1] + 6, "Brandt", "ORG", "Brandt"),
        Mention(at[2], at[2] + 6, "Brandt", "PERSON", "Brandt", "person"),
    ]
    found = [
        Quote(text.index(w), text.index(w) + len(w), w, "indirect", "said", source_start=s, source_end=s + 6)
        for w, s in zip(("the port would reopen", "talks went on", "ships waited"), at, strict=True)
    ]
    out = resolve(text, found, mentions, load_lexicon(), Lemmas.of([]))
    assert [(q.speaker, q.speaker_kind) for q in out] == [("Brandt", "person")] * 3


def test_a_photo_caption_has_no_speaker() -> None:
    text = "Photo: Senator Jane Mills speaks to supporters in Des Moines on Monday.\n\nMills said the race was close."
    assert all(q.speaker != "Photo" and q.cue != ":" for q in quotes_of(text))


def test_a_denial_phrase_about_the_world_is_no_denial() -> None:
    text = (
        "Scientists point out that there is no evidence the ice sheet has stopped shrinking. "
        "The ministry said the allegations were baseless. A spokesman said that was not true."
    )
    assert one(text, containing="no evidence", cue="point out").stance == "asserts"
    assert one(text, containing="allegations were baseless").stance == "denies"
    assert one(text, containing="not true").stance == "denies"


@pytest.mark.parametrize(
    ("text", "cue", "content", "confidence"),
    [
        ("Senator Ruth Okafor wants to cut the fuel tax by half.", "wants", "to cut the fuel tax by half", 0.3),
        ("Mayor Dan Pruitt believes the bridge will open in May.", "believes", "the bridge will open in May", 0.6),
        ("The union called for a new vote on the contract.", "called for", "a new vote on the contract", 0.3),
        ("Mayor Dan Pruitt said the bridge will open in May.", "said", "the bridge will open in May", 0.9),
        ("According to the ministry, the bridge will open in May.", "According to", "the bridge will open in May", 0.85),
        ("For the minister, the plan is a first step toward lower taxes.", "For", "the plan is a first step toward lower taxes", 0.45),
    ],
)
def test_attitudes_and_views_are_kept_at_their_confidence(text: str, cue: str, content: str, confidence: float) -> None:
    q = one(text, containing=content, cue=cue)
    assert (q.text, q.confidence) == (content, confidence)


def test_confidence_orders_the_constructions() -> None:
    """A speech verb is surer than a belief, a belief than an attitude; the default threshold keeps speech and
    belief, not attitudes nor views without a verb."""
    sure = load_lexicon().confidence
    least = Options().quote_confidence
    assert sure["speech"] > sure["cognition"] >= least > sure["attitude"]
    assert sure["no_verb"] < least and sure["colon"] < least


def test_two_apostrophes_and_mixed_marks_are_quotation_marks() -> None:
    text = "''It has been a very successful strategy,'' said Warren Pike, an adviser."
    one(text, containing="successful strategy", cue="said", kind="direct", source="Warren Pike")
    text = "\u201cWe are going to win so much,\" Dana Cole said at her victory party."
    one(text, containing="win so much", cue="said", kind="direct", source="Dana Cole")


def test_a_quotation_the_parse_ends_before_its_tag() -> None:
    text = '"Why does nobody ask her about the budget?" Rubin said. The source of the attack is unclear.'
    one(text, containing="Why does nobody", cue="said", source="Rubin", kind="direct")


def test_a_tag_inside_its_sentence_is_no_content() -> None:
    text = "Overall, she said, several key groups are finding themselves alienated by the party."
    assert all(q.text != "she said" for q in quotes_of(text))


def test_a_quotation_split_by_its_tag_and_a_full_stop_is_one_content() -> None:
    text = (
        '"The harbour will reopen by March," said Dr. Lena Fisk, the port director. "We have hired forty new crane '
        'drivers."\n\nThe council meets on Monday.'
    )
    q = one(text, containing="harbour will reopen", cue="said", kind="direct")
    assert q.text.endswith('forty new crane drivers."'), q.text


def test_a_quotation_with_its_own_tag_is_not_joined_to_the_one_before() -> None:
    text = '"The harbour will reopen," Lena Fisk said. "We hired forty drivers," her deputy Tom Ruiz added.'
    q = one(text, containing="harbour will reopen", cue="said")
    assert "forty drivers" not in q.text, q.text
    one(text, containing="forty drivers", cue="added")


def test_a_content_runs_to_the_end_of_the_quotation_it_opens() -> None:
    text = 'Mayor Ada Stone said that "the bridge is safe. It was inspected in May."\n\nThe council meets on Monday.'
    q = one(text, containing="bridge is safe", cue="said")
    assert q.text.endswith('inspected in May."'), q.text


def test_what_a_speaker_called_someone() -> None:
    text = "Senator Ruth Okafor called the governor a coward on Tuesday."
    q = one(text, containing="the governor a coward", cue="called", source="Senator Ruth Okafor")
    assert q.confidence >= Options().quote_confidence


def test_a_passive_attributes_a_claim_to_no_one() -> None:
    text = "The mill is expected to close 300 jobs next year, and the union is angry."
    q = one(text, containing="mill is expected", cue="is expected")
    assert (q.text, q.source_start) == ("The mill is expected to close 300 jobs next year", None)
    assert q.confidence < Options().quote_confidence


def test_a_poll_shows_what_it_found() -> None:
    text = "A new survey shows the mayor ahead by ten points in the northern districts."
    q = one(text, containing="the mayor ahead", cue="shows", source="A new survey")
    assert q.text == "the mayor ahead by ten points in the northern districts"


def test_a_relative_clause_that_ends_a_content_is_the_writers_aside() -> None:
    text = "Okafor said she would repeal the Harbour Act, which passed in 2019."
    q = one(text, containing="repeal the Harbour Act", cue="said")
    assert q.text == "she would repeal the Harbour Act", q.text


# --- review of issue 22: things named are not words reported; what readers are not shown hides no one ---------------


def _quotes_of(text: str) -> list[Quote]:
    (analysis,) = analyze([Article("x", text, published="2023-05-10", language="en")])
    return analysis.quotes


def test_a_thing_named_as_the_object_is_below_what_readers_see() -> None:
    for text in ("Coach Howard criticized the referees after the game.", "The government announced a ceasefire."):
        assert all(q.confidence < Options().quote_confidence for q in _quotes_of(text)), text
    (denial,) = _quotes_of("The minister denied the allegations on Monday.")  # words about words: shown
    assert denial.stance == "denies" and denial.confidence >= Options().quote_confidence


def test_verbs_of_acts_are_no_attitudes() -> None:
    assert _quotes_of("Russia ordered its troops to attack the city.") == []
    assert [q.text for q in _quotes_of("The mayor thanked the firefighters.")] == []


def test_a_name_in_what_readers_are_not_shown_may_be_who_speaks_next() -> None:
    text = "The council thanked John Smith, the fire chief, on Monday. He said the fire was under control."
    assert [(q.text, q.speaker) for q in _quotes_of(text)] == [("the fire was under control", "John Smith")]


def test_a_described_speaker_is_not_the_last_organization_named() -> None:
    """'The regional government has promised ...' names its own speaker; 'the group' points back to one named before
    (a photo credit named an agency three paragraphs up in the demo's Colca article)."""
    text = (
        "The Harbor Agency published photos of the damage.\n\n"
        "The regional government has promised emergency payments for families."
    )
    assert [q.speaker for q in _quotes_of(text)] == ["regional government"]
