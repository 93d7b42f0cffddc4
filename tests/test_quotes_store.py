"""Quotes from the analysis on: the store (schema 4; the speaker's id read through the speaker's mention,
so a relink moves it), the export, the brief and `show`. The analyses here are written by hand, as the
extractor (tests/test_quotes.py) gives them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text as sql

from newsgraph import Analysis, Article, Entity, Mention, Newsgraph
from newsgraph.cli import main
from newsgraph.errors import OptionsError
from newsgraph.export import build_export
from newsgraph.ingest.article import content_hash
from newsgraph.models import Quote, Story, StoryBrief
from newsgraph.options import Options
from newsgraph.report.brief import quote_groups
from newsgraph.stories.linking import link, person_id

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
    with ng._store.writing() as tx:
        tx.add_articles(articles, analyses, link(analyses, tx))
    ng.update_stories()


def test_quotes_are_stored_with_their_article_and_read_back(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        store(ng, [article("a1", TEXT_1, "Lodestar News", "2025-11-03")], [first_analysis()])
        rows = ng._store.quotes(["a1"])
        assert ng._store.quotes(["other"]) == []
        with ng._store.snapshot() as view:
            streamed = [row for chunk in view.iter_quotes(chunk=1) for row in chunk]
    assert streamed == rows == ng_quotes_all(db_url)
    claim, denial = rows
    quote = first_analysis().quotes[1]
    assert denial == {
        "article_id": "a1", "idx": 1, "start": quote.start, "end": quote.end, "text": DENIAL, "kind": "direct",
        "cue": "told", "cue_start": quote.cue_start, "cue_end": quote.cue_end,
        "source_start": quote.source_start, "source_end": quote.source_end, "speaker": "Lavrov",
        "speaker_kind": "person", "via": "RIA Novosti", "stance": "denies", "denies": 0, "hedged": False,
        "confidence": 1.0, "speaker_id": person_id("Lavrov"),
    }  # fmt: skip
    assert TEXT_1[denial["source_start"] : denial["source_end"]] == "he"
    assert claim["speaker"] == "officials" and claim["speaker_id"] is None and claim["stance"] == "asserts"
    assert claim["denies"] is None and claim["cue"] == "said"


def ng_quotes_all(db_url: str) -> list[dict]:
    with Newsgraph(db_url, create=False) as ng:
        return ng._store.quotes()


def test_the_speaker_follows_its_mention_when_a_full_name_arrives_later(db_url: str) -> None:
    """'Lavrov' alone is an entity of its own until 'Sergei Lavrov' is stored; the relink of the mention moves
    the quote's speaker with it, with no write to the quotes."""
    with Newsgraph(db_url) as ng:
        store(ng, [article("a1", TEXT_1, "Lodestar News", "2025-11-03")], [first_analysis()])
        assert ng._store.quotes(["a1"])[1]["speaker_id"] == person_id("Lavrov")
        store(ng, [article("a2", TEXT_2, "Quillwire", "2025-11-04")], [second_analysis()])
        speakers = {(q["article_id"], q["idx"]): q["speaker_id"] for q in ng._store.quotes()}
        full = person_id("Sergei Lavrov")
        assert speakers == {("a1", 0): None, ("a1", 1): full, ("a2", 0): full}
        assert ng._store.quotes(["a1"])[1]["speaker"] == "Lavrov"  # as the article itself names him
        assert person_id("Lavrov") not in {e.id for e in ng.entities()}


def test_a_quote_pointing_outside_its_analysis_is_refused_and_nothing_is_stored(db_url: str) -> None:
    bad = first_analysis()
    bad.quotes[1] = Quote(0, 5, "x", "direct", speaker_mention=7)
    with Newsgraph(db_url) as ng:
        with pytest.raises(ValueError, match="mention 7"), ng._store.writing() as tx:
            tx.add_articles([article("a1", TEXT_1, "L", "2025-11-03")], [bad], link([bad], tx))
        bad.quotes[1] = Quote(0, 5, "x", "direct", denies=1)
        with pytest.raises(ValueError, match="denies quote 1"), ng._store.writing() as tx:
            tx.add_articles([article("a1", TEXT_1, "L", "2025-11-03")], [bad], link([bad], tx))
        assert ng.articles() == [] and ng._store.quotes() == []


def test_articles_without_quotes_store_none(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        an = first_analysis()
        an.quotes = []
        store(ng, [article("a1", TEXT_1, "L", "2025-11-03")], [an])
        assert ng._store.quotes() == [] and len(ng._store.mentions(["a1"])) == 2


def both(ng: Newsgraph) -> str:
    """Both articles stored (one story: they share their words and people); the story's id."""
    articles = [article("a1", TEXT_1, "Lodestar News", "2025-11-03"), article("a2", TEXT_2, "Quillwire", "2025-11-04")]
    store(ng, articles, [first_analysis(), second_analysis()])
    (story,) = ng.stories()
    assert story.article_ids == ["a1", "a2"]
    return story.id


def test_quotes_stream_in_chunks_from_one_cursor(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        both(ng)
        with ng._store.snapshot() as view:
            chunks = view.iter_quotes(chunk=2)
            first = next(chunks)
            if db_url.startswith("postgresql"):  # a server-side cursor, open while the chunks are read
                assert view._conn is not None
                assert view._conn.execute(sql("SELECT count(*) FROM pg_cursors")).scalar() == 1
            assert [len(c) for c in [first, *chunks]] == [2, 1]


FIELDS = [
    "id", "article_id", "speaker", "speaker_id", "speaker_kind", "via", "source_start", "source_end", "cue",
    "cue_start", "cue_end", "text", "kind", "stance", "denies_quote", "hedged", "confidence", "start", "end",
]  # fmt: skip


def test_export_json_carries_the_quotes_in_the_contracts_order(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        both(ng)
        data = build_export(ng._store)
    quotes = data["quotes"]
    assert [list(q) for q in quotes] == [FIELDS] * 3
    assert [q["id"] for q in quotes] == ["a1:q0", "a1:q1", "a2:q0"]
    claim, denial, talks = quotes
    lavrov = person_id("Sergei Lavrov")
    assert denial["denies_quote"] == claim["id"] and claim["denies_quote"] is None and talks["denies_quote"] is None
    assert (denial["speaker"], denial["speaker_id"], denial["speaker_kind"]) == ("Lavrov", lavrov, "person")
    assert (denial["via"], denial["stance"], denial["kind"], denial["hedged"]) == (
        "RIA Novosti",
        "denies",
        "direct",
        False,
    )
    assert (claim["speaker"], claim["speaker_id"], claim["speaker_kind"]) == ("officials", None, "anonymous")
    assert talks["hedged"] is True and talks["speaker_id"] == lavrov
    text = {a["id"]: a["text"] for a in data["articles"]}
    for q in quotes:  # every offset points into the exported article text
        body = text[q["article_id"]]
        assert body[q["start"] : q["end"]] == q["text"] and body[q["cue_start"] : q["cue_end"]] == q["cue"]
    assert text["a1"][denial["source_start"] : denial["source_end"]] == "he"
    assert lavrov in {e["id"] for e in data["entities"]}  # the speaker's id is an exported entity


def export(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_jsonl_and_csv_carry_the_quotes(db_path: str) -> None:
    with Newsgraph(db_path) as ng:
        both(ng)
        expected = build_export(ng._store)["quotes"]
    lines = [json.loads(line) for line in export(db_path, "--format", "jsonl").splitlines()]
    assert [{k: v for k, v in r.items() if k != "record"} for r in lines if r["record"] == "quote"] == expected
    assert [r["record"] for r in lines].index("quote") > [r["record"] for r in lines].index("entity")
    out = export(db_path, "--format", "csv", "--table", "quotes")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert list(rows[0]) == FIELDS
    assert [(r["id"], r["denies_quote"], r["hedged"], r["via"]) for r in rows] == [
        ("a1:q0", "", "False", ""),
        ("a1:q1", "a1:q0", "False", "RIA Novosti"),
        ("a2:q0", "", "True", ""),
    ]
    assert ',"a1:q0",False,' in out  # numbers and booleans bare, text in double quotes


FORMULA = '=HYPERLINK("http://x","y") was never agreed'


def test_a_quote_that_starts_like_a_formula_is_text_in_csv_only(db_path: str) -> None:
    text = f'"{FORMULA}," a spokesman said on Friday about the talks in Geneva.'
    quote = Quote(*span(text, FORMULA), FORMULA, "direct", "said", *span(text, "said"), speaker="a spokesman")
    with Newsgraph(db_path) as ng:
        store(ng, [article("f1", text, "Lodestar News", "2025-11-07")], [Analysis("f1", quotes=[quote])])
    rows = list(csv.DictReader(io.StringIO(export(db_path, "--format", "csv", "--table", "quotes"), newline="")))
    assert rows[0]["text"] == "'" + FORMULA and rows[0]["speaker"] == "a spokesman" and rows[0]["speaker_id"] == ""
    assert json.loads(export(db_path))["quotes"][0]["text"] == FORMULA


def test_the_brief_groups_the_storys_quotes_by_speaker(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        brief = ng.brief(both(ng))
    assert brief is not None
    lavrov, officials = brief.quotes
    # one entity, whatever each article called him ('Lavrov' in one, 'Sergei Lavrov' in the other)
    assert (lavrov.speaker, lavrov.speaker_id, lavrov.kind) == ("Sergei Lavrov", person_id("Sergei Lavrov"), "person")
    assert [(q.id, q.outlet, q.stance, q.hedged) for q in lavrov.quotes] == [
        ("a1:q1", "Lodestar News", "denies", False),
        ("a2:q0", "Quillwire", "asserts", True),
    ]
    denial = lavrov.quotes[0]
    assert (denial.text, denial.kind, denial.cue, denial.via) == (DENIAL, "direct", "told", "RIA Novosti")
    assert (denial.denies, denial.denies_speaker) == (CLAIM, "officials")
    assert (officials.speaker, officials.speaker_id, officials.kind) == ("officials", None, "anonymous")
    assert [(q.article_id, q.text, q.denies) for q in officials.quotes] == [("a1", CLAIM, None)]


def test_quote_groups_order_and_unattributed_quotes() -> None:
    def row(aid: str, idx: int, speaker: str | None, sid: str | None, kind: str | None = "person") -> dict:
        return {
            "article_id": aid, "idx": idx, "text": f"{aid}{idx}", "kind": "indirect", "cue": "said", "via": None,
            "stance": "asserts", "denies": None, "hedged": 0, "speaker": speaker, "speaker_id": sid,
            "speaker_kind": kind,
        }  # fmt: skip

    articles = [Article(id="b", text="", outlet="B"), Article(id="a", text="", outlet="A")]  # b is the older
    kim = Entity("e1", "Kim Jong Un", "person", "PRK", "leader", ["Kim Jong Un"])
    rows = [row("a", 0, "Kim", "e1"), row("b", 1, "Kim Jong Un", "e1"), row("a", 1, None, None, None)]
    rows += [row("b", 0, "officials", None, "anonymous"), row("a", 2, "officials", None, "anonymous")]
    groups = quote_groups(rows, articles, {"e1": kim})
    assert [(g.speaker, g.speaker_id, [q.id for q in g.quotes]) for g in groups] == [
        ("Kim Jong Un", "e1", ["b:q1", "a:q0"]),
        ("officials", None, ["b:q0", "a:q2"]),
        (None, None, ["a:q1"]),
    ]
    assert groups[0].quotes[0].outlet == "B" and groups[0].quotes[0].hedged is False


def test_show_lists_quotes_by_speaker_with_denials_marked(db_path: str) -> None:
    with Newsgraph(db_path) as ng:
        story_id = both(ng)
    result = CliRunner().invoke(main, ["show", story_id, "--db", db_path])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("quotes:")
    after = next((i for i, line in enumerate(lines) if i > at and not line.startswith(" ")), len(lines))
    assert lines[at + 1 : after] == [
        "  Sergei Lavrov (person): 2",
        f"    ✗ “{DENIAL}” (told; via RIA Novosti) · Lodestar News, a1",
        f"        denies (officials): {CLAIM}",
        f"    - {TALKS} (said; hedged) · Quillwire, a2",
        "  officials (anonymous): 1",
        f"    - {CLAIM} (said) · Lodestar News, a1",
    ]
    shown = json.loads(CliRunner().invoke(main, ["show", story_id, "--json", "--db", db_path]).stdout)
    assert [(g["speaker"], [q["id"] for q in g["quotes"]]) for g in shown["quotes"]] == [
        ("Sergei Lavrov", ["a1:q1", "a2:q0"]),
        ("officials", ["a1:q0"]),
    ]
    assert shown["quotes"][0]["quotes"][0]["denies"] == CLAIM


def test_show_prints_quotes_terminal_safe(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    said = "\x1b]0;owned\x07the port is \x1b[31mclosed\u202e"
    text = f"A spokesman for the port of Hamburg said {said} until Friday, workers said."
    quote = Quote(*span(text, said), said, "indirect", "said", speaker="\x1b[2Ja spokesman", speaker_kind="person")
    with Newsgraph(db) as ng:
        store(
            ng, [article("h1", text, "[bold]Port[/bold] \x1b[5mNews", "2025-11-07")], [Analysis("h1", quotes=[quote])]
        )
        (story,) = ng.stories()
    out = CliRunner().invoke(main, ["show", story.id, "--db", db]).stdout
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "the port is \ufffd[31mclosed" in out and "[bold]Port[/bold]" in out


def test_briefs_of_stories_built_by_hand_have_no_quotes_by_default() -> None:
    brief = StoryBrief(Story("s", None, [], [], None, None), [], [], [], [], [], [])
    assert brief.quotes == []


def test_quotes_below_the_confidence_threshold_are_exported_but_not_shown_nor_compared(db_path: str) -> None:
    """The Lavrov quote of the second article at confidence 0.3 (an attitude, say): the brief, `show` and the
    comparison leave it out at the default threshold (0.5), and read it at 0.2; the export keeps it with its
    confidence."""
    low = second_analysis()
    low.quotes = [replace(low.quotes[0], confidence=0.3)]
    with Newsgraph(db_path) as ng:
        articles = [article("a1", TEXT_1, "Lodestar News", "2025-11-03"), article("a2", TEXT_2, "Quillwire", "2025-11-04")]
        store(ng, articles, [first_analysis(), low])
        (story,) = ng.stories()
        ng.update_comparisons()
        brief = ng.brief(story.id)
        exported = build_export(ng._store)["quotes"]
    assert brief is not None
    assert [q.id for g in brief.quotes for q in g.quotes] == ["a1:q1", "a1:q0"]
    assert all(TALKS not in (f.text, *(v.text for v in f.variants)) for f in brief.facts if f.kind == "quote")
    assert [(q["id"], q["confidence"]) for q in exported] == [("a1:q0", 1.0), ("a1:q1", 1.0), ("a2:q0", 0.3)]
    shown = CliRunner().invoke(main, ["show", story.id, "--db", db_path])
    assert shown.exit_code == 0 and TALKS not in shown.stdout and "Lavrov" in shown.stdout
    with Newsgraph(db_path, Options(quote_confidence=0.2)) as ng:
        ng.update_comparisons(everything=True)
        brief = ng.brief(story.id)
    assert brief is not None
    assert sorted(q.id for g in brief.quotes for q in g.quotes) == ["a1:q0", "a1:q1", "a2:q0"]
    assert any(TALKS in (v.text for v in f.variants) for f in brief.facts if f.kind == "quote")
    shown = CliRunner().invoke(main, ["show", story.id, "--db", db_path, "--quote-confidence", "0.2"])
    assert shown.exit_code == 0 and TALKS in shown.stdout


def test_the_quote_confidence_option_is_checked() -> None:
    with pytest.raises(OptionsError, match="quote_confidence"):
        Options(quote_confidence=1.5)
