"""Quotes ("who said what") from the analysis onwards: stored with their article, their speaker's entity read
through the speaker's mention (so a relink moves it), exported, briefed and shown. The extractor is not here:
these analyses are written by hand, as the extractor will give them."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsgraph import Analysis, Article, Mention, Newsgraph
from newsgraph.analyze.linking import link, person_id
from newsgraph.ingest.article import content_hash
from newsgraph.models import Quote

CLAIM = "Russia had delivered artillery shells to the North"
DENIAL = "Moscow supplied no weapons to anyone"
TEXT_1 = (
    f"Officials in Seoul said {CLAIM}. Lavrov rejected the claim on Monday. "
    f'"{DENIAL}," he told RIA Novosti, calling the reports a provocation.'
)
TALKS = "talks on the shells could resume within weeks"
TEXT_2 = f"Russian Foreign Minister Sergei Lavrov said {TALKS}, according to officials in Moscow."


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def article(aid: str, text: str, outlet: str, published: str) -> Article:
    return Article(
        id=aid,
        text=text,
        title=f"Lavrov and the shells ({aid})",
        outlet=outlet,
        published=published,
        language="en",
        content_hash=content_hash(text, outlet, aid),
    )


def first_analysis(aid: str = "a1", text: str = TEXT_1) -> Analysis:
    """Officials claim, Lavrov ('he', through RIA Novosti) denies."""
    lavrov = Mention(*span(text, "Lavrov"), "Lavrov", "PERSON", "Lavrov", "person")
    russia = Mention(*span(text, "Russia"), "Russia", "GPE", "Russia", "country", "RUS")
    claim = Quote(
        *span(text, CLAIM), CLAIM, "indirect", "said", *span(text, "said"), *span(text, "Officials"),
        speaker="officials", speaker_kind="anonymous",
    )  # fmt: skip
    denial = Quote(
        *span(text, DENIAL), DENIAL, "direct", "told", *span(text, "told"), *span(text, "he", text.index(DENIAL)),
        speaker="Lavrov", speaker_kind="person", speaker_mention=1, via="RIA Novosti", stance="denies", denies=0,
    )  # fmt: skip
    return Analysis(aid, mentions=[russia, lavrov], quotes=[claim, denial], model="test")


def second_analysis(aid: str = "a2", text: str = TEXT_2) -> Analysis:
    """Sergei Lavrov, hedged ('according to'), mixed."""
    name = "Sergei Lavrov"
    lavrov = Mention(*span(text, name), name, "PERSON", name, "person", "RUS", "foreign minister")
    talks = Quote(
        *span(text, TALKS), TALKS, "indirect", "said", *span(text, "said"), *span(text, name),
        speaker=name, speaker_kind="person", speaker_mention=0, hedged=True,
    )  # fmt: skip
    return Analysis(aid, mentions=[lavrov], quotes=[talks], model="test")


def store(ng: Newsgraph, articles: Sequence[Article], analyses: Sequence[Analysis]) -> None:
    """What an ingest does with analysed articles: one write transaction, linked, then stories."""
    with ng.store.writing() as tx:
        tx.add_articles(articles, analyses, link(analyses, tx))
    ng.update_stories()


def test_quotes_are_stored_with_their_article_and_read_back(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        store(ng, [article("a1", TEXT_1, "Lodestar News", "2025-11-03")], [first_analysis()])
        rows = ng.store.quotes(["a1"])
        assert ng.store.quotes(["other"]) == []
        with ng.store.snapshot() as view:
            streamed = [row for chunk in view.iter_quotes(chunk=1) for row in chunk]
    assert streamed == rows == ng_quotes_all(db_url)
    claim, denial = rows
    quote = first_analysis().quotes[1]
    assert denial == {
        "article_id": "a1", "idx": 1, "start": quote.start, "end": quote.end, "text": DENIAL, "kind": "direct",
        "cue": "told", "cue_start": quote.cue_start, "cue_end": quote.cue_end,
        "source_start": quote.source_start, "source_end": quote.source_end, "speaker": "Lavrov",
        "speaker_kind": "person", "via": "RIA Novosti", "stance": "denies", "denies": 0, "hedged": False,
        "speaker_id": person_id("Lavrov"),
    }  # fmt: skip
    assert TEXT_1[denial["source_start"] : denial["source_end"]] == "he"
    assert claim["speaker"] == "officials" and claim["speaker_id"] is None and claim["stance"] == "asserts"
    assert claim["denies"] is None and claim["cue"] == "said"


def ng_quotes_all(db_url: str) -> list[dict]:
    with Newsgraph(db_url, create=False) as ng:
        return ng.store.quotes()


def test_the_speaker_follows_its_mention_when_a_full_name_arrives_later(db_url: str) -> None:
    """'Lavrov' alone is an entity of its own until 'Sergei Lavrov' is stored; the relink of the mention moves
    the quote's speaker with it, with no write to the quotes."""
    with Newsgraph(db_url) as ng:
        store(ng, [article("a1", TEXT_1, "Lodestar News", "2025-11-03")], [first_analysis()])
        assert ng.store.quotes(["a1"])[1]["speaker_id"] == person_id("Lavrov")
        store(ng, [article("a2", TEXT_2, "Quillwire", "2025-11-04")], [second_analysis()])
        speakers = {(q["article_id"], q["idx"]): q["speaker_id"] for q in ng.store.quotes()}
        full = person_id("Sergei Lavrov")
        assert speakers == {("a1", 0): None, ("a1", 1): full, ("a2", 0): full}
        assert ng.store.quotes(["a1"])[1]["speaker"] == "Lavrov"  # as the article itself names him
        assert person_id("Lavrov") not in {e.id for e in ng.entities()}


def test_a_quote_pointing_outside_its_analysis_is_refused_and_nothing_is_stored(db_url: str) -> None:
    bad = first_analysis()
    bad.quotes[1] = Quote(0, 5, "x", "direct", speaker_mention=7)
    with Newsgraph(db_url) as ng:
        with pytest.raises(ValueError, match="mention 7"), ng.store.writing() as tx:
            tx.add_articles([article("a1", TEXT_1, "L", "2025-11-03")], [bad], link([bad], tx))
        bad.quotes[1] = Quote(0, 5, "x", "direct", denies=1)
        with pytest.raises(ValueError, match="denies quote 1"), ng.store.writing() as tx:
            tx.add_articles([article("a1", TEXT_1, "L", "2025-11-03")], [bad], link([bad], tx))
        assert ng.articles() == [] and ng.store.quotes() == []


def test_articles_without_quotes_store_none(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        an = first_analysis()
        an.quotes = []
        store(ng, [article("a1", TEXT_1, "L", "2025-11-03")], [an])
        assert ng.store.quotes() == [] and len(ng.store.mentions(["a1"])) == 2
