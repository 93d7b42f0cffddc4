"""Live blogs and round-ups (newsgraph.stories.roundups): recognized, kept from chaining stories, never a title.

Texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import Article, Newsgraph, Options
from newsgraph.models import PendingArticle
from newsgraph.stories import online, roundups

FLOOD = [
    "The river Vltava burst its banks in Ceske Budejovice on Monday and firemen evacuated 2,000 residents of the old "
    "town by boat, the regional governor said, as the flood water rose above the 1954 mark.",
    "Sandbags failed to hold back the Vltava in Ceske Budejovice, where the flood reached the main square and firemen "
    "carried elderly residents out of their flats; the governor asked the army for help.",
    "Soldiers joined firemen in Ceske Budejovice as the Vltava flood peaked, and the governor said the old town would "
    "stay evacuated until the river fell below its banks.",
]
CHESS = [
    "Grandmaster Ilona Varga won the Reykjavik Open chess tournament on Sunday with a queen sacrifice in the last "
    "round, finishing half a point ahead of the defending champion.",
    "Varga's queen sacrifice against the defending champion decided the Reykjavik Open, the organisers said, calling "
    "it the finest chess game of the tournament.",
    "After her Reykjavik Open win, chess grandmaster Ilona Varga said the queen sacrifice had been prepared at home "
    "with her coach.",
]
ROUNDUP = "\n".join(f"{clock} {text}" for clock, text in (("09:05", FLOOD[0]), ("10:40", CHESS[0]), ("11:15", "-")))
"""The day's live blog: timestamped entries of both stories"""


def art(aid: str, text: str, day: str, title: str | None = None, url: str | None = None) -> Article:
    return Article(id=aid, text=text, published=day, title=title, url=url, language="en")


@pytest.mark.parametrize(
    ("title", "url", "text", "cue"),
    [
        ("The Latest: Governor asks army to help in flooded town", None, FLOOD[0], "title"),
        ("Flood in Ceske Budejovice: live updates", None, FLOOD[0], "title"),
        ("Reykjavik Open - as it happened", None, CHESS[0], "title"),
        ("What we know about the Vltava flood", None, FLOOD[0], "title"),
        ("Hochwasser an der Moldau: Der Liveticker", None, FLOOD[0], "title"),
        ("Corona-Ticker +++ Neue Regeln ab Montag +++", None, FLOOD[0], "title"),
        ("Inundaciones en Chequia, en directo", None, FLOOD[0], "title"),
        ("EN DIRECT - Crue de la Vltava", None, FLOOD[0], "title"),
        ("Alluvione in Repubblica Ceca, la diretta: in diretta da Budejovice", None, FLOOD[0], "title"),
        ("Наводнение в Чехии: онлайн-трансляция", None, FLOOD[0], "title"),
        ("Flood in Ceske Budejovice", "https://news.example/world/live/2025/jun/02/flood", FLOOD[0], "url"),
        ("Flood in Ceske Budejovice", "https://news.example/flood-live-updates", FLOOD[0], "url"),
        ("Flood and chess", None, ROUNDUP, "text"),
        ("The latest flood defences failed in Ceske Budejovice", None, FLOOD[1], None),
        ("Residents live in fear of the Vltava", "https://news.example/world/flood-fear", FLOOD[2], None),
        ("Timeline of the evacuation", None, "09:05 Firemen arrive.\n10:40 Boats reach the square.\n", None),
        ("Shares rise", None, "12.45 percent of the shares changed hands.\n10.50 percent did not.\n", None),
    ],
)
def test_recognized_by_headline_url_or_shape(title: str, url: str | None, text: str, cue: str | None) -> None:
    assert roundups.roundup_cue(title, url, text) == cue
    assert roundups.is_roundup(title, url, text) == (cue is not None)


def test_patterns_are_read_once() -> None:
    assert roundups.patterns() is roundups.patterns()
    assert roundups.patterns().entries >= 2


def test_shape_reads_only_the_first_characters() -> None:
    late = "A long report on the flood. " * 200 + "\n" + ROUNDUP
    assert roundups.roundup_cue("Flood", None, late) is None


def test_weights_and_ranks() -> None:
    vector = {"flood": 0.8, "vltava": 0.6}
    assert roundups.weighted(vector, 1.0) == vector and roundups.weighted(vector, 1.0) is not vector
    assert roundups.weighted(vector, roundups.member_weight(True)) == {"flood": 0.2, "vltava": 0.15}
    assert roundups.title_rank(False, None, ["a"]) == roundups.ORIGINAL
    assert roundups.title_rank(False, "a", ["a", "b"]) == roundups.REPRINT
    assert roundups.title_rank(False, "z", ["a", "b"]) == roundups.ORIGINAL  # its original is elsewhere
    assert roundups.title_rank(True, None, ["a"]) == roundups.ROUNDUP


def test_marks_note_articles() -> None:
    marks = roundups.Marks()
    blog = PendingArticle("b", "The Latest: flood", ROUNDUP, "en", None, [])
    copy = PendingArticle("c", "Flood", FLOOD[0], "en", None, [], reuse_of="a")
    assert marks.note(blog) and not marks.note(copy)
    assert marks.rank("b", ["a", "b", "c"]) == roundups.ROUNDUP
    assert marks.rank("c", ["a", "b", "c"]) == roundups.REPRINT
    assert marks.rank("a", ["a", "b", "c"]) == roundups.ORIGINAL
    assert marks.weighed(blog, {"flood": 1.0}) == {"flood": roundups.ROUNDUP_WEIGHT}
    assert marks.best([("b", 0.9), ("c", 0.1), ("a", 0.0)], ["a", "b", "c"]) == ("a", 0.0)
    assert marks.best([("b", 0.9), ("c", 0.1)], ["b", "c"]) == ("c", 0.1)  # its original is elsewhere: an original
    assert marks.best([("x", 0.2), ("a", 0.5)], ["a", "x"]) == ("x", 0.2)  # equals: the first


def test_a_roundup_of_two_stories_chains_neither(tmp_path: Path) -> None:
    """Two unrelated stories and a round-up that mentions both: still two stories after the round-up and after more
    reports of each (merges made easy: threshold 0.05), the round-up in one of them, no merge in the story log, and
    the story it joined hardly nearer the other (its terms taken in at a quarter)."""
    with Newsgraph(tmp_path / "n.db", Options(merge_threshold=0.05)) as ng:
        ng.ingest_articles([art("f0", FLOOD[0], "2025-06-02", "Flood"), art("c0", CHESS[0], "2025-06-02", "Chess")])
        ng.ingest_articles([art("r", ROUNDUP, "2025-06-03", "The Latest: flood and a chess win")])
        ng.ingest_articles([art("c1", CHESS[1], "2025-06-03", "Chess"), art("f1", FLOOD[1], "2025-06-03", "Flood")])
        stories = ng.stories()
        merges = [e for e in ng._store.story_log() if e["kind"] == "merged"]
        with ng._store.writing() as tx:
            vectors = [s.terms for s in tx.load_stories([s.id for s in stories])]
    assert merges == []
    reports = sorted(sorted(set(s.article_ids) - {"r"}) for s in stories)
    assert reports == [["c0", "c1"], ["f0", "f1"]]
    assert any("r" in s.article_ids for s in stories)
    assert online.cosine(*vectors) < 0.12  # 0.19 were it taken in whole


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("Vltava flood in Ceske Budejovice: live updates", None),
        ("Vltava flood in Ceske Budejovice", "https://news.example/world/live/2025/jun/02/vltava-flood"),
    ],
)
def test_title_is_never_a_live_blogs(tmp_path: Path, title: str, url: str | None) -> None:
    """A live blog (told by its headline, or by its URL as the store gives it back) joining a stored story leaves
    its title, however central its headline."""
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles([art("f0", FLOOD[0], "2025-06-02", "Town evacuated")])
        ng.ingest_articles([art("blog", "\n".join(FLOOD), "2025-06-02", title, url)])
        [story] = ng.stories()
    assert "blog" in story.article_ids
    assert story.title == "Town evacuated"


def test_a_live_blog_founding_a_story_gives_way(tmp_path: Path) -> None:
    """The first report to join a story a live blog opened names it, though the blog is more central."""
    with Newsgraph(tmp_path / "n.db") as ng:
        blog = "\n".join(FLOOD)
        ng.ingest_articles(
            [
                art("blog", blog, "2025-06-02", "The Latest: Vltava flood in Ceske Budejovice, firemen evacuate"),
                art("f2", FLOOD[2], "2025-06-03", "Army joins"),
            ]
        )
        [story] = ng.stories()
    assert story.title == "Army joins"


def test_title_is_the_originals_not_a_reprints(tmp_path: Path) -> None:
    copy = FLOOD[0] + " The mayor thanked volunteers."
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles(
            [
                art("orig", FLOOD[0], "2025-06-02", "Boats on the square"),
                art("copy", copy, "2025-06-03", "Vltava flood: firemen evacuate Ceske Budejovice old town by boat"),
            ]
        )
        [story] = ng.stories()
        reuse = ng._store.reuse()
    assert reuse.get("copy", (None, None))[0] == "orig"  # known as a reprint when the stories are assigned
    assert story.title == "Boats on the square"
