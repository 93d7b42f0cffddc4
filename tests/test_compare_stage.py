"""The compare stage: a story's comparison is stored for the story's revision, made again only when the story's
articles (or what is linked in them) change, and never stored over a newer state of the story."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from newsgraph import Article, Newsgraph, Options
from newsgraph.compare import stage
from newsgraph.models import Comparison, StoryChange, StoryPlan, StoryState
from newsgraph.report.text import brief_lines
from newsgraph.store import schema

FLOOD_1 = (
    "Flooding in the river town of Karsdal forced 1,200 residents from their homes on Monday, regional governor Mira "
    "Olsen said. Olsen said rescue crews in boats had reached every flooded village along the Karsdal river and that "
    "the water was expected to fall by Wednesday."
)
FLOOD_2 = (
    "Floodwaters drove 1,200 residents of Karsdal from their homes on Monday, governor Mira Olsen said, adding that "
    "rescue crews in boats had reached every flooded village along the river and the water should fall by Wednesday."
)
FLOOD_3 = (
    "The Karsdal flooding forced 1,500 residents from their homes on Monday, according to governor Mira Olsen, as "
    "rescue crews in boats searched the flooded villages along the Karsdal river."
)
PORT = (
    "The port of Velmora reopened on Tuesday after a strike by 300 dock workers ended, harbour master Tomas Berg said. "
    "Berg said the first container ships would berth on Wednesday and the backlog would clear within a week."
)


def art(aid: str, text: str, outlet: str, published: str) -> Article:
    return Article(id=aid, text=text, outlet=outlet, published=published, language="en", title=text[:60])


def story_of(ng: Newsgraph, article_id: str) -> str:
    story = ng._store.story_ids()[article_id]
    assert story
    return story


def stored_rows(ng: Newsgraph) -> dict[str, tuple[int, str]]:
    c = schema.comparisons
    with ng._store.engine.connect() as conn:
        return {r.story_id: (r.revision, r.computed_at) for r in conn.execute(select(c))}


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the stories the stage compares, in order."""
    seen: list[str] = []
    original = stage.compare

    def spy(story_id: str, *args: Any) -> Comparison:
        seen.append(story_id)
        return original(story_id, *args)

    monkeypatch.setattr(stage, "compare", spy)
    return seen


def test_an_ingest_compares_only_the_stories_it_changed(db_url: str, compared: list[str]) -> None:
    with Newsgraph(db_url) as ng:
        ng.ingest_articles(
            [
                art("f1", FLOOD_1, "Lodestar News", "2025-11-03"),
                art("f2", FLOOD_2, "Harbourlight", "2025-11-03"),
                art("p1", PORT, "Lodestar News", "2025-11-04"),
            ]
        )
        flood, port = story_of(ng, "f1"), story_of(ng, "p1")
        assert story_of(ng, "f2") == flood != port
        assert sorted(compared) == sorted([flood, port]) and ng._store.stale_comparisons(10) == []
        before = stored_rows(ng)
        brief = ng.brief(flood)
        assert brief is not None
        (residents,) = [f for f in brief.facts if f.kind == "quantity" and "residents" in f.text]
        assert residents.status == "corroborated" and residents.outlets == ["Harbourlight", "Lodestar News"]

        compared.clear()
        ng.ingest_articles([art("f3", FLOOD_3, "Wavelength", "2025-11-04")])
        assert story_of(ng, "f3") == flood
        assert compared == [flood]  # the port story is not compared again
        after = stored_rows(ng)
        assert after[port] == before[port] and after[flood][0] > before[flood][0]
        brief = ng.brief(flood)
        assert brief is not None
        (residents,) = [f for f in brief.facts if f.kind == "quantity" and "residents" in f.text]
        assert residents.status == "conflicting" and len(residents.variants) == 3
        assert [p.article_id for p in brief.provenance] == ["f1", "f2", "f3"]

        compared.clear()
        ng.ingest_articles([art("f1", FLOOD_1, "Lodestar News", "2025-11-03")])  # a duplicate changes nothing
        assert compared == []


def test_the_brief_reads_the_stored_comparison(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with Newsgraph(tmp_path / "news.db") as ng:
        ng.ingest_articles(
            [art("f1", FLOOD_1, "Lodestar News", "2025-11-03"), art("f2", FLOOD_2, "Harbourlight", "2025-11-03")]
        )
        flood = story_of(ng, "f1")
        stored = ng._store.comparisons([flood])[flood]

        def fail(*args: Any) -> Comparison:
            raise AssertionError("compared when read")

        monkeypatch.setattr(stage, "compare", fail)
        brief = ng.brief(flood)
        assert brief is not None and brief.facts == stored.facts and brief.provenance == stored.provenance


def test_with_compare_off_stories_stay_stale_and_reads_say_so_without_comparing(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads never compute: a story never compared has no facts and says it is stale, in the brief, the text of
    `show` and the export; once compared its facts are served; after a change, the old ones, marked stale."""
    with Newsgraph(tmp_path / "news.db", Options(compare=False)) as ng:
        ng.ingest_articles(
            [art("f1", FLOOD_1, "Lodestar News", "2025-11-03"), art("f2", FLOOD_2, "Harbourlight", "2025-11-03")]
        )
        flood = story_of(ng, "f1")
        assert [sid for sid, _ in ng._store.stale_comparisons(10)] == [flood]
        with monkeypatch.context() as m:
            m.setattr(stage, "compare", lambda *a: (_ for _ in ()).throw(AssertionError("compared when read")))
            brief = ng.brief(flood)
            story = next(s for s in ng.export()["stories"] if s["id"] == flood)
        assert brief is not None and brief.facts == [] and brief.comparison_stale and brief.compared_at is None
        assert "facts: not compared yet (run: newsgraph compare)" in brief_lines(brief)
        assert story["facts"] == [] and story["comparison_stale"] is True
        assert ng.update_comparisons() == 1 and ng._store.stale_comparisons(10) == []
        brief = ng.brief(flood)
        assert brief is not None and not brief.comparison_stale and brief.compared_at
        assert any(f.kind == "quantity" and f.status == "corroborated" for f in brief.facts)
        assert not any(line.startswith("facts:") for line in brief_lines(brief))
        compared = brief.facts
        ng.ingest_articles([art("f3", FLOOD_3, "Wavelength", "2025-11-04")])  # the story changes, not compared
        assert story_of(ng, "f3") == flood
        brief = ng.brief(flood)
        assert brief is not None and brief.comparison_stale and brief.facts == compared
        assert any("before the story last changed" in line for line in brief_lines(brief))
        story = next(s for s in ng.export()["stories"] if s["id"] == flood)
        assert story["comparison_stale"] is True and len(story["facts"]) == len(compared)
        assert ng.update_comparisons() == 1
        assert ng.update_comparisons(everything=True) == 1


def test_a_comparison_of_an_older_revision_is_not_stored(db_url: str) -> None:
    """Another writer changed the story between the snapshot the stage read and its write: the stale comparison is
    not stored (the story stays stale, for that writer's compare stage), and it replaces no newer one."""
    with Newsgraph(db_url, Options(compare=False)) as ng:
        ng.ingest_articles(
            [art("f1", FLOOD_1, "Lodestar News", "2025-11-03"), art("f2", FLOOD_2, "Harbourlight", "2025-11-03")]
        )
        flood = story_of(ng, "f1")
        with ng._store.snapshot() as view:
            old = stage.plan(view.stale_comparisons(10), view)
        ng.ingest_articles([art("f3", FLOOD_3, "Wavelength", "2025-11-04")])  # meanwhile, another ingest
        assert story_of(ng, "f3") == flood
        with ng._store.writing() as tx:
            assert tx.save_comparisons(old) == 0
        assert ng._store.comparisons([flood]) == {}
        assert ng.update_comparisons() == 1
        fresh = ng._store.comparisons([flood])[flood]
        with ng._store.writing() as tx:
            assert tx.save_comparisons(old) == 0  # an older one never replaces the current one
        assert ng._store.comparisons([flood])[flood] == fresh
        assert [p.article_id for p in fresh.provenance] == ["f1", "f2", "f3"]


def test_a_relink_makes_the_stories_holding_the_name_stale(tmp_path: Any, compared: list[str]) -> None:
    """'Smith' alone joins the one stored full name; when a second Smith arrives it goes back to its own entity,
    which changes who speaks in the stories that hold it: they are compared again."""
    with Newsgraph(tmp_path / "news.db") as ng:
        ng.ingest_articles(
            [
                art("x1", "Harbour pilot John Smith said the queue of ships in Velmora had cleared by Friday.",
                    "Lodestar News", "2025-01-10"),
                art("x2", "Smith told reporters in Karsdal that the old bridge over the river would reopen in April.",
                    "Harbourlight", "2025-03-10"),
            ]
        )  # fmt: skip
        bridge = story_of(ng, "x2")
        assert story_of(ng, "x1") != bridge
        compared.clear()
        ng.ingest_articles(
            [art("x3", "Engineer Anna Smith said the new dam near Ostrava would be finished next year.",
                 "Wavelength", "2025-06-10")]
        )  # fmt: skip
        assert story_of(ng, "x3") != bridge
        assert bridge in compared and ng._store.stale_comparisons(10) == []


def test_the_stories_a_plan_changes() -> None:
    plan = StoryPlan(
        stories={"s1": StoryState("s1", {}, 3, None, None), "s9": StoryState("s9", {}, 1, None, None)},
        assignments={"a1": "s1", "a2": "s1", "b1": "s1"},
        removed={"s2"},
        changes=[StoryChange("merged", "s1", "s2", ["b1"]), StoryChange("split", "s1", "s3", ["a2"])],
    )
    assert plan.changed() == ["s1", "s3"]  # s9 was only read (a candidate), s2 is gone


def test_a_story_merged_away_loses_its_comparison(db_url: str) -> None:
    with Newsgraph(db_url) as ng:
        ng.ingest_articles(
            [art("f1", FLOOD_1, "Lodestar News", "2025-11-03"), art("p1", PORT, "Harbourlight", "2025-11-04")]
        )
        flood, port = story_of(ng, "f1"), story_of(ng, "p1")
        assert set(stored_rows(ng)) == {flood, port}
        plan = StoryPlan(
            stories={flood: StoryState(flood, {"karsdal": 1.0}, 2, None, None, ["f1", "p1"])},
            assignments={"p1": flood},
            removed={port},
            changes=[StoryChange("merged", flood, port, ["p1"])],
        )
        with ng._store.writing() as tx:
            tx.save_stories(plan)
        assert set(stored_rows(ng)) == {flood} and ng._store.comparisons([flood]) == {}  # stale: compared again
        assert ng.update_comparisons() == 1
        assert [p.article_id for p in ng._store.comparisons([flood])[flood].provenance] == ["f1", "p1"]


def test_a_story_id_that_comes_back_never_takes_an_old_comparison(tmp_path: Any) -> None:
    """Story ids come back (a split names its new story after an article, as the story it once founded): a
    comparison made before the id went away is never taken for the story that has it now."""
    with Newsgraph(tmp_path / "news.db", Options(compare=False)) as ng:
        ng.ingest_articles(
            [art("f1", FLOOD_1, "Lodestar News", "2025-11-03"), art("p1", PORT, "Harbourlight", "2025-11-04")]
        )
        flood, port = story_of(ng, "f1"), story_of(ng, "p1")
        with ng._store.snapshot() as view:
            old = [c for c in stage.plan(view.stale_comparisons(10), view) if c.story_id == port]
        with ng._store.writing() as tx:  # another writer merges the port story away...
            tx.save_stories(
                StoryPlan(
                    stories={flood: StoryState(flood, {"k": 1.0}, 2, None, None, ["f1", "p1"])},
                    assignments={"p1": flood},
                    removed={port},
                    changes=[StoryChange("merged", flood, port, ["p1"])],
                )
            )
        ng.ingest_articles([art("f2", FLOOD_2, "Wavelength", "2025-11-03")])
        with ng._store.writing() as tx:  # ...and splits it out again, under the same id, with other articles
            tx.save_stories(
                StoryPlan(
                    stories={
                        flood: StoryState(flood, {"k": 1.0}, 1, None, None, ["f1"]),
                        port: StoryState(port, {"k": 1.0}, 2, None, None, ["p1", "f2"]),
                    },
                    assignments={"p1": port, "f2": port},
                    changes=[StoryChange("split", flood, port, ["p1", "f2"])],
                )
            )
        with ng._store.writing() as tx:
            assert tx.save_comparisons(old) == 0
        assert port not in ng._store.comparisons([port])
        ng.update_comparisons()
        assert [p.article_id for p in ng._store.comparisons([port])[port].provenance] == ["f2", "p1"]  # by date


def test_a_stored_article_found_to_reprint_a_new_one_makes_its_story_stale(tmp_path: Any) -> None:
    """An article that arrives later but was published earlier is the original: the stored copy now reprints it,
    which changes who the copy's story counts as its source."""
    with Newsgraph(tmp_path / "news.db") as ng:
        ng.ingest_articles([art("b1", FLOOD_1, "Harbourlight", "2025-11-03")])
        copy_story = story_of(ng, "b1")
        before = ng._store.comparisons([copy_story])[copy_story]
        assert before.provenance[0].reprint_of is None
        ng.ingest_articles([art("a1", FLOOD_1 + " ", "Quillwire", "2025-06-01")])  # months earlier: another story
        assert story_of(ng, "a1") != copy_story and ng._store.reuse(["b1"])["b1"][0] == "a1"
        assert ng._store.stale_comparisons(10) == []
        after = ng._store.comparisons([copy_story])[copy_story]
        assert after.provenance[0].reprint_of == "a1"
        assert {o for f in after.facts for o in f.outlets} == {"Quillwire"}  # the original's outlet, not its id


def test_a_story_that_fails_to_compare_costs_only_its_facts(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.compare import facts

    original = facts.align

    def align(articles: Any, *args: Any) -> Any:
        if any("Velmora" in a.text for a in articles):
            raise ValueError("a bad record")
        return original(articles, *args)

    monkeypatch.setattr(facts, "align", align)
    with Newsgraph(tmp_path / "news.db") as ng:
        report = ng.ingest_articles(
            [art("f1", FLOOD_1, "Lodestar News", "2025-11-03"), art("p1", PORT, "Harbourlight", "2025-11-04")]
        )
        flood, port = story_of(ng, "f1"), story_of(ng, "p1")
        assert sorted(report.ingested) == ["f1", "p1"]
        assert [(f.source, f.reason) for f in report.failures] == [
            (f"(story {port})", "not compared: ValueError: a bad record")
        ]
        assert ng._store.stale_comparisons(10) == []  # not tried again until it changes
        failed = ng._store.comparisons([port])[port]
        assert failed.facts == [] and [p.article_id for p in failed.provenance] == ["p1"]
        assert ng._store.comparisons([flood])[flood].facts


def test_the_report_page_of_a_stale_story_says_so(tmp_path: Any) -> None:
    from newsgraph.report.html import story_page

    with Newsgraph(tmp_path / "news.db", Options(compare=False)) as ng:
        ng.ingest_articles(
            [art("f1", FLOOD_1, "Lodestar News", "2025-11-03"), art("f2", FLOOD_2, "Harbourlight", "2025-11-03")]
        )
        brief = ng.brief(story_of(ng, "f1"))
        assert brief is not None
        assert '<p class="stale">facts: not compared yet (run: newsgraph compare)</p>' in story_page(brief, {})
        ng.update_comparisons()
        brief = ng.brief(story_of(ng, "f1"))
        assert brief is not None and 'class="stale"' not in story_page(brief, {})
