"""Online story clustering: incremental ids, merges, splits, the story log, titles."""

from __future__ import annotations

from pathlib import Path

from newsgraph import Article, Newsgraph, Options
from newsgraph.demo import demo_folder
from newsgraph.stories import online

QUAKE = [
    "A magnitude 6.1 earthquake struck the Arequipa region of southern Peru on Tuesday, killing one person in Chivay.",
    "Rescuers in Chivay searched collapsed adobe homes after the magnitude 6.1 earthquake in Arequipa, Peru.",
    "Tourists stranded in the Colca Canyon after the Arequipa earthquake were evacuated by road from Chivay.",
    "Peru declared an emergency in Arequipa after the magnitude 6.1 earthquake damaged 300 homes around Chivay.",
]
STRIKE = [
    "Dock workers at the port of Hamburg began a 48-hour strike over pay, the ver.di union said on Tuesday.",
    "Container ships queued in the Elbe as the Hamburg dock strike by ver.di members entered its second day.",
    "The Hamburg port strike ended on Thursday and ver.di said talks with the port employers would resume.",
    "Hamburg terminal operators said clearing the backlog of ships left by the ver.di strike would take days.",
]


def art(aid: str, text: str, day: str, title: str | None = None) -> Article:
    return Article(id=aid, text=text, published=day, title=title, language="en")


def test_vectors_and_scores() -> None:
    counts = online.raw_terms(QUAKE[0], "Quake in Peru", "en", ["e1"])
    assert counts["@e1"] == 1 and counts["#61"] == 1 and counts["peru"] == 3 and "the" not in counts
    vec = online.weigh(counts, {}, 0)
    assert abs(sum(w * w for w in vec.values()) - 1) < 1e-9
    story = online.StoryVector("s", dict(vec), 1, 100, 102)
    assert online.decay(101, story, Options()) == 1.0
    assert 0 < online.decay(105, story, Options()) < 1
    assert online.decay(200, story, Options()) == 0.0
    assert online.decay(None, story, Options()) == 1.0


def test_split_groups() -> None:
    vecs = [online.weigh(online.raw_terms(t, None, "en", []), {}, 0) for t in QUAKE + STRIKE]
    groups = online.split_groups(vecs)
    assert groups is not None
    assert sorted(map(sorted, groups)) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert online.group_link(vecs, *groups) < Options().split_threshold
    assert online.split_groups(vecs[:3]) is None


def test_incremental_ingest_keeps_untouched_story_ids(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles([art("q1", QUAKE[0], "2025-11-04"), art("s1", STRIKE[0], "2025-10-28")])
        ng.ingest_articles([art("q2", QUAKE[1], "2025-11-04"), art("s2", STRIKE[1], "2025-10-29")])
        first = {s.id: set(s.article_ids) for s in ng.stories()}
        assert sorted(map(sorted, first.values())) == [["q1", "q2"], ["s1", "s2"]]
        ng.ingest_articles([art("q3", QUAKE[3], "2025-11-05")])
        second = {s.id: set(s.article_ids) for s in ng.stories()}
    strike_id = next(sid for sid, members in first.items() if "s1" in members)
    quake_id = next(sid for sid, members in first.items() if "q1" in members)
    assert second[strike_id] == {"s1", "s2"}  # untouched: same id, same members
    assert second[quake_id] == {"q1", "q2", "q3"}  # grown in place


def test_stories_far_apart_in_time_stay_apart(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles([art("a", QUAKE[0], "2025-01-04"), art("b", QUAKE[3], "2025-06-04")])
        assert len(ng.stories()) == 2


def test_merge_is_recorded(tmp_path: Path) -> None:
    """Two halves of one story, opened apart while their words barely met, merge when a bridge arrives."""
    options = Options(story_threshold=0.5, merge_threshold=0.3)
    with Newsgraph(tmp_path / "n.db", options) as ng:
        ng.ingest_articles([art("a", QUAKE[0], "2025-11-04"), art("b", QUAKE[2], "2025-11-04")])
        assert len(ng.stories()) == 2
        bridge = QUAKE[0] + " " + QUAKE[2]
        ng.ingest_articles([art("c", bridge, "2025-11-05")])
        log = ng._store.story_log()
        [story] = ng.stories()
    merges = [entry for entry in log if entry["kind"] == "merged"]
    assert len(merges) == 1 and merges[0]["story_id"] == story.id
    assert sorted(story.article_ids) == ["a", "b", "c"]


def test_split_is_recorded(tmp_path: Path) -> None:
    """A story that drifted into two unrelated groups splits; the founder keeps the id."""
    options = Options(story_threshold=0.0, merge_threshold=2.0)  # everything joins: drift guaranteed
    with Newsgraph(tmp_path / "n.db", options) as ng:
        batch = [art(f"q{i}", t, "2025-11-04") for i, t in enumerate(QUAKE[:2])]
        batch += [art(f"s{i}", t, "2025-11-05") for i, t in enumerate(STRIKE[:2])]
        ng.ingest_articles(batch)
        log = ng._store.story_log()
        stories = {frozenset(s.article_ids): s.id for s in ng.stories()}
    splits = [entry for entry in log if entry["kind"] == "split"]
    assert len(splits) == 1
    assert set(stories) == {frozenset({"q0", "q1"}), frozenset({"s0", "s1"})}
    assert stories[frozenset({"q0", "q1"})] == splits[0]["story_id"]
    assert stories[frozenset({"s0", "s1"})] == splits[0]["other_id"]


def test_title_is_the_most_central_headline(tmp_path: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest_articles(
            [
                art("a", QUAKE[2], "2025-11-04", "Tourists leave canyon"),
                art("b", QUAKE[3], "2025-11-04", "Magnitude 6.1 earthquake in Arequipa, Peru damages homes in Chivay"),
                art("c", QUAKE[0], "2025-11-05", "Earthquake kills one in Arequipa, Peru"),
            ]
        )
        [story] = ng.stories()
    assert story.title != "Tourists leave canyon"


def test_seeds_with_demo_corpus(tmp_path: Path, seeds: Path) -> None:
    with Newsgraph(tmp_path / "n.db") as ng:
        ng.ingest([demo_folder()])
        before = {s.id: sorted(s.article_ids) for s in ng.stories()}
        ng.ingest([seeds])
        after = {s.id: sorted(s.article_ids) for s in ng.stories()}
    new = set(after) - set(before)
    assert len(new) == 1 and len(after[new.pop()]) == 2  # the seeds: one new story of their own
    assert {k: v for k, v in after.items() if k in before} == before  # the demo's stories untouched


def test_show_prints_the_history(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main

    db = tmp_path / "n.db"
    options = Options(story_threshold=0.5, merge_threshold=0.3)
    with Newsgraph(db, options) as ng:
        ng.ingest_articles([art("a", QUAKE[0], "2025-11-04"), art("b", QUAKE[2], "2025-11-04")])
        ng.ingest_articles([art("c", QUAKE[0] + " " + QUAKE[2], "2025-11-05")])
        [story] = ng.stories()
    shown = CliRunner().invoke(main, ["show", story.id, "--db", str(db)]).stdout
    assert f"(1 article) merged into {story.id}" in shown


def test_split_of_a_large_story_is_bounded_and_finds_its_two_groups() -> None:
    """Beyond SPLIT_SAMPLE members the average link runs on a sample and the rest join the nearer group."""
    import random

    rng = random.Random(3)
    quake_words = " ".join(QUAKE).split()
    strike_words = " ".join(STRIKE).split()
    texts = [" ".join(rng.sample(quake_words, 25)) for _ in range(600)]
    texts += [" ".join(rng.sample(strike_words, 25)) for _ in range(400)]
    vecs = [online.weigh(online.raw_terms(t, None, "en", []), {}, 0) for t in texts]
    groups = online.split_groups(vecs)
    assert groups is not None
    assert sorted(map(sorted, groups)) == [list(range(600)), list(range(600, 1000))]
    assert online.group_link(vecs, *groups) < Options().split_threshold


def test_group_link_is_the_mean_pairwise_cosine() -> None:
    vecs = [online.weigh(online.raw_terms(t, None, "en", []), {}, 0) for t in QUAKE + STRIKE]
    a, b = [0, 1, 2, 4], [3, 5, 6, 7]
    pairwise = sum(online.cosine(vecs[i], vecs[j]) for i in a for j in b) / 16
    assert abs(online.group_link(vecs, a, b) - pairwise) < 1e-12
