"""Facts as outputs show them: `show`, the report and `show --json` lead with the facts of at least
`Options.fact_confidence` (happenings first within their status, the most reported first) and count the weak ones
they leave out; the export keeps every fact with its confidence; an article with no outlet is 'unknown outlet',
never its id (which stays in the evidence); facts stored before `confidence` and `agreed` existed read back whole.

Every text here is invented for these tests."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newsgraph import Article, Newsgraph
from newsgraph.cli import main
from newsgraph.export import write_csv
from newsgraph.models import Comparison, Evidence, Fact, Story, StoryBrief, Variant
from newsgraph.relations.series import relation_event
from newsgraph.report.brief import confident_facts, fact_order, weak_note
from newsgraph.report.html import _event, index_page, story_page
from newsgraph.report.text import brief_lines, event_line, fact_line, fact_lines


def fact(text: str, status: str = "corroborated", kind: str = "quote", confidence: float = 1.0, **more: Any) -> Fact:
    ids = more.pop("article_ids", ["q1", "l1"])
    outlets = more.pop("outlets", ["Quillwire", "Lodestar News"])
    variants = more.pop("variants", [Variant(a, o, text) for a, o in zip(ids, outlets, strict=False)])
    evidence = more.pop("evidence", [Evidence(a, 0, 10) for a in ids])
    return Fact(kind, text, status, ids, outlets, variants, evidence, confidence=confidence, **more)


FERRY = fact("The ferry ran aground off Velmora", kind="happening", confidence=0.9, agreed=["meaning", "actors"],
             article_ids=["q1", "l1", "w1"], outlets=["Quillwire", "Lodestar News", "Wavelength"])  # fmt: skip
TOLL = fact("40 passengers", kind="quantity", confidence=0.95)
RUMOUR = fact("The captain had been drinking", status="single_source", confidence=0.2)
DOUBT = fact("The port was closed", kind="event", confidence=0.45)
DENIAL = fact("The crew ignored the warnings", status="conflicting", confidence=0.7)
SMALL = fact("A tug arrived", kind="happening", confidence=0.8)


def brief(facts: list[Fact], least: float = 0.5) -> StoryBrief:
    story = Story("s1", "Ferry aground off Velmora", ["q1", "l1"], ["Quillwire", "Lodestar News"], None, None)
    return StoryBrief(story, [], [], [], [], [], [], facts=facts, fact_confidence=least)


def test_facts_are_read_by_status_confident_first_happenings_first() -> None:
    ordered = fact_order([RUMOUR, TOLL, DOUBT, SMALL, DENIAL, FERRY], 0.5)
    assert ordered == [DENIAL, FERRY, SMALL, TOLL, DOUBT, RUMOUR]  # the happening most reported leads its status
    shown, weak = confident_facts(ordered, 0.5)
    assert (shown, weak) == ([DENIAL, FERRY, SMALL, TOLL], 2)
    assert confident_facts(ordered, 0.0) == (ordered, 0)
    assert weak_note(1, 0.5) == "1 weak fact left out (confidence < 0.5); `newsgraph show --json` and " \
        "`newsgraph export` keep it"  # fmt: skip
    assert weak_note(0, 0.5) is None


def test_show_lists_the_confident_facts_and_counts_the_weak_ones() -> None:
    lines = brief_lines(brief([RUMOUR, TOLL, DOUBT, FERRY]))
    text = "\n".join(lines)
    assert "captain had been drinking" not in text and "port was closed" not in text
    assert lines[-1].startswith("2 weak facts left out (confidence < 0.5); `newsgraph show --json` and `newsgraph ")
    agreed = lines.index("agreed by independent sources:")
    assert "ran aground off Velmora" in lines[agreed + 1] and "40 passengers" in lines[agreed + 3]
    assert "only one source:" not in lines  # its one fact is weak
    assert "· 0.90 (agree on meaning, actors)" in lines[agreed + 1]
    assert lines[agreed + 3].endswith("— Quillwire, Lodestar News · 0.95")  # no slots recorded: none said
    assert "captain" in "\n".join(fact_lines([RUMOUR], 0.1))  # a lower threshold lists it


def test_an_article_without_an_outlet_is_unknown_outlet_never_its_id() -> None:
    old = fact("The harbour master resigned", outlets=["Quillwire", "n1"], article_ids=["q1", "n1"],
               variants=[Variant("q1", "Quillwire", "The harbour master resigned"),
                         Variant("n1", None, "The harbour chief quit", distance=0.6)])  # fmt: skip
    new = fact("Divers searched the hull", outlets=["unknown outlet", "unknown outlet"], article_ids=["n1", "n2"],
               variants=[Variant("n1", None, "Divers searched the hull"), Variant("n2", "", "Divers searched it")])
    conflict = fact("The ferry was overloaded", status="conflicting", outlets=["n1", "Quillwire"],
                    article_ids=["n1", "q1"], variants=[Variant("n1", None, "The ferry was overloaded"),
                                                        Variant("q1", "Quillwire", "The ferry was not overloaded",
                                                                stance="denies")])  # fmt: skip
    line = fact_line(old)
    assert "— Quillwire, unknown outlet · 1.00" in line and "n1" not in line
    assert "— 2 unknown outlets · 1.00" in fact_line(new)
    lines = fact_lines([conflict])
    assert "n1" not in lines[1] and "— Quillwire, unknown outlet ·" in lines[1]  # known outlets first
    assert lines[2].strip() == "at n1 0-10, q1 0-10"  # the id is in the evidence
    page = story_page(brief([old, conflict]), {})
    assert "— unknown outlet ·" in page and "Quillwire, unknown outlet" in page
    assert "— n1" not in page and ">n1<" not in page


def test_an_event_of_an_article_without_an_outlet_names_no_outlet_by_its_id() -> None:
    row = {"article_id": "n1", "idx": 0, "date": "2025-11-03", "type": "CONSULT", "quad_class": 1, "intensity": 1.0,
           "mode": "asserted", "source": "Velmora", "source_country": None, "target": "Quillport",
           "target_country": None, "claimant": None, "sentence": "", "outlet": None}  # fmt: skip
    event = relation_event(row)
    assert event_line(event).endswith("· unknown outlet (n1)")
    assert event_line(relation_event(row | {"outlet": "Quillwire"})).endswith("· Quillwire")
    assert _event(event).endswith('<td>unknown outlet <span class="meta">n1</span></td></tr>')


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_report_page_leads_with_confident_facts_escaped_and_counts_the_weak_ones() -> None:
    hostile = fact('<script>alert("x")</script> said the mayor', confidence=0.66, agreed=["speaker"],
                   outlets=["<b>Quill</b>", "Lodestar News"])  # fmt: skip
    weak = fact("<img src=x onerror=alert(1)> weak", status="conflicting", confidence=0.1)
    page = story_page(brief([weak, hostile, FERRY]), {})
    parsed = Text()
    parsed.feed(page)
    text = "".join(parsed.text)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert '<script>alert("x")</script> said the mayor' in text and "<b>Quill</b>" in text
    assert "onerror" not in page and "weak" not in text.replace("weak fact", "")
    assert "confidence 0.66 · agree on speaker" in text and "confidence 0.90 · agree on meaning, actors" in text
    assert text.index("ran aground off Velmora") < text.index("said the mayor")  # the happening leads
    assert "1 weak fact left out (confidence < 0.5); newsgraph show --json and newsgraph export keep it" in text
    assert 'class="fact conflicting"' not in page
    index = index_page([brief([weak, hostile])], [])
    assert "<td>0</td></tr>" in index  # its one conflict is weak: the index counts none
    only_weak = story_page(brief([weak]), {})
    assert "No facts aligned" not in only_weak and "1 weak fact left out" in only_weak


def test_facts_stored_before_confidence_read_back_whole() -> None:
    stored = [{"kind": "quote", "text": "The bridge will reopen", "status": "single_source", "article_ids": ["a1"],
               "outlets": ["a1"], "variants": [{"article_id": "a1", "outlet": None, "text": "The bridge will reopen",
                                                "stance": "asserts", "distance": 0.0}],
               "evidence": [{"article_id": "a1", "start": 3, "end": 25}], "who": "the mayor"}]  # fmt: skip
    comparison = Comparison.from_json("s1", 4, stored, [])
    (old,) = comparison.facts
    assert (old.confidence, old.agreed, old.who, old.variants[0].outlet) == (1.0, [], "the mayor", None)
    facts, _ = comparison.as_json()
    assert facts[0]["confidence"] == 1.0 and facts[0]["agreed"] == []
    again = Comparison.from_json("s1", 4, [facts[0] | {"confidence": 0.4, "agreed": ["speaker"]}], [])
    assert (again.facts[0].confidence, again.facts[0].agreed) == (0.4, ["speaker"])


def test_the_csv_facts_table_has_confidence_and_agreed_and_neutralises_formulas() -> None:
    formula = fact('=HYPERLINK("http://x","y")', status="single_source", confidence=0.25, agreed=["number"],
                   outlets=["n1"], article_ids=["n1"])  # fmt: skip
    out = io.StringIO()
    story = {"id": "s1", "facts": [Comparison("s1", 1, [FERRY, formula], []).as_json()[0][i] for i in (0, 1)]}
    write_csv({"stories": [story]}, out, "facts")
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0])[-2:] == ["confidence", "agreed"]
    assert [(r["confidence"], r["agreed"]) for r in rows] == [("0.9", "meaning; actors"), ("0.25", "number")]
    assert rows[1]["text"] == "'" + '=HYPERLINK("http://x","y")' and rows[1]["outlets"] == "unknown outlet"
    assert '\n=' not in out.getvalue() and ',=' not in out.getvalue()


STORED = [
    {"kind": "quote", "text": "Passengers will be compensated", "status": "corroborated", "article_ids": ["n1"],
     "outlets": ["n1"], "variants": [{"article_id": "n1", "outlet": None, "text": "Passengers will be compensated",
                                      "stance": "asserts", "distance": 0.0}],
     "evidence": [{"article_id": "n1", "start": 0, "end": 20}], "who": "the operator"},
    {"kind": "happening", "text": "A second ferry was delayed", "status": "single_source", "article_ids": ["n1"],
     "outlets": ["unknown outlet"], "variants": [], "evidence": [{"article_id": "n1", "start": 21, "end": 40}],
     "who": None, "confidence": 0.3, "agreed": []},
]  # fmt: skip
"""What a comparison stored: the first fact as stored before `confidence` and `agreed` (its outlet an article id),
the second a weak one."""


def test_show_json_the_report_and_the_export_of_a_stored_comparison(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    text = "The ferry operator said on Monday that passengers will be compensated after the Velmora grounding."
    with Newsgraph(db) as ng:
        ng.ingest_articles([Article(id="n1", text=text, title="Ferry operator to pay", published="2025-11-03",
                                    language="en")])  # fmt: skip
        (story,) = ng.stories()
    conn = sqlite3.connect(db)
    assert conn.execute("UPDATE comparisons SET facts = ?", (json.dumps(STORED),)).rowcount == 1
    conn.commit()
    conn.close()
    runner = CliRunner()
    shown = runner.invoke(main, ["show", story.id, "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "Passengers will be compensated" in shown.stdout and "second ferry" not in shown.stdout
    assert "— unknown outlet · 1.00" in shown.stdout and "1 weak fact left out (confidence < 0.6)" in shown.stdout
    lower = runner.invoke(main, ["show", story.id, "--db", db, "--fact-confidence", "0.2"])
    assert "second ferry" in lower.stdout and "weak fact" not in lower.stdout
    data = json.loads(runner.invoke(main, ["show", story.id, "--db", db, "--json"]).stdout)
    assert data["fact_confidence"] == 0.6
    assert [(f["text"], f["confidence"], f["agreed"]) for f in data["facts"]] == [
        ("Passengers will be compensated", 1.0, []),
        ("A second ferry was delayed", 0.3, []),
    ]
    report = runner.invoke(main, ["report", "--db", db, "-o", str(tmp_path / "r")])
    assert report.exit_code == 0, report.output
    page = next((tmp_path / "r").glob("story-*.html")).read_text(encoding="utf-8")
    assert "Passengers will be compensated" in page and "second ferry" not in page and "1 weak fact left out" in page
    exported = runner.invoke(main, ["export", "--db", db, "--format", "csv", "--table", "facts"])
    rows = list(csv.DictReader(io.StringIO(exported.stdout, newline="")))
    assert [(r["text"], r["confidence"], r["outlets"]) for r in rows] == [
        ("Passengers will be compensated", "1.0", "unknown outlet"),
        ("A second ferry was delayed", "0.3", "unknown outlet"),
    ]


def test_a_story_opens_with_its_main_happening() -> None:
    """`show`'s header and the report's story page lead with the happening the most sources report (a confident one),
    before any detail; a story with no happening aligned has no such line."""
    from newsgraph.report.brief import main_happening
    from newsgraph.report.text import brief_header

    weak = fact("Everyone agrees on this weak thing", kind="happening", confidence=0.3,
                article_ids=["q1", "l1", "w1", "x1"], outlets=["Quillwire", "Lodestar News", "Wavelength", "X"])  # fmt: skip
    facts = [TOLL, SMALL, FERRY, weak, DENIAL]
    assert main_happening(facts, 0.5) is FERRY  # three sources, against the tug's two; the weak one is not read
    header = brief_header(brief(facts)).splitlines()
    assert header[1] == "what happened: The ferry ran aground off Velmora — Quillwire, Lodestar News, Wavelength"
    page = story_page(brief(facts), {})
    assert page.index("What happened:") < page.index("What the outlets agree on") and "Velmora" in page
    assert main_happening([TOLL, DENIAL], 0.5) is None and len(brief_header(brief([TOLL])).splitlines()) == 1
