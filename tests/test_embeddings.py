"""Document embeddings: the lead that is embedded, the compact storage, the encoder's checks, and stories found by
meaning across languages (texts written for these tests)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsgraph import Article, Newsgraph, Options
from newsgraph.analyze import embedding
from newsgraph.analyze.embedding import EncoderSpec, embed, embed_texts, lead
from newsgraph.demo import demo_folder
from newsgraph.errors import ModelError
from newsgraph.vectors import StoryProfile, main_countries, matrix, quantize, unit


def test_the_lead_is_the_headline_then_the_text_cut_at_a_word() -> None:
    text = "Rescue teams worked through the night in Van.   More text follows here " * 20
    found = lead("Quake hits Van", text, 60)
    assert found.startswith("Quake hits Van. Rescue teams") and len(found) <= 60 and not found.endswith(" ")
    assert text.split()[: len(found.split()) - 3] == found.split()[3:]  # whole words, spaces folded
    assert lead("Quake hits Van", "Quake hits Van\n\nRescue teams worked.", 500) == "Quake hits Van Rescue teams worked."
    assert lead(None, "short", 500) == "short"


def test_compact_storage_round_trips() -> None:
    rng = np.random.default_rng(7)
    vectors = [unit(rng.normal(size=512).astype(np.float32)) for _ in range(5)]
    stored = [quantize(v) for v in vectors]
    assert all(len(e.values) == 512 for e in stored)
    for v, e in zip(vectors, stored, strict=True):
        assert float(v @ e.array()) > 0.9999
    rows = matrix(stored)
    assert rows.shape == (5, 512) and np.allclose(rows, np.array([e.array() for e in stored]), atol=1e-6)
    assert float(np.linalg.norm(quantize(np.zeros(512)).array())) == 0.0  # nothing to scale: stays zero


def test_embeddings_are_unit_vectors_and_alike_across_languages() -> None:
    english, spanish, other = embed_texts(
        [
            "An earthquake killed three people in eastern Turkey on Monday.",
            "Un terremoto mató a tres personas en el este de Turquía el lunes.",
            "The central bank kept interest rates unchanged on Thursday.",
        ]
    )
    assert np.allclose([np.linalg.norm(v) for v in (english, spanish, other)], 1.0, atol=1e-5)
    assert float(english @ spanish) > 0.7 > float(english @ other) + 0.2
    (stored,) = embed(["An earthquake killed three people in eastern Turkey on Monday."])
    assert float(stored.array() @ english) > 0.9999


def test_a_damaged_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(embedding.RESOURCES, "weights.npz", "0" * 64)
    embedding.encoder.cache_clear()
    try:
        with pytest.raises(ModelError, match="weights.npz is damaged or not the expected version"):
            embed_texts(["text"], EncoderSpec())
    finally:
        embedding.encoder.cache_clear()
    with pytest.raises(ModelError, match="unknown sentence encoder"):
        embed_texts(["text"], EncoderSpec(name="another"))


def test_a_story_profile_keeps_its_core_and_its_countries() -> None:
    profile = StoryProfile.empty()
    a, b = np.eye(512, dtype=np.float32)[0], np.eye(512, dtype=np.float32)[1]
    for _ in range(StoryProfile.CORE):
        profile.add(a, "en", ["TUR"])
    for _ in range(30):
        profile.add(b, "es", ["TUR", "IRN"])
    assert profile.size == 38 and profile.core_size == StoryProfile.CORE
    assert profile.similarity(a) > 0.5  # the founding members still count half, however many join later
    assert profile.languages == {"en": 8, "es": 30} and profile.main_countries() == ["IRN", "TUR"]
    assert profile.elsewhere(["PER"]) and not profile.elsewhere(["TUR"]) and not profile.elsewhere([])
    assert main_countries(["PER", "TUR", "PER", "PER"]) == ["PER"]
    assert main_countries(["TUR", "IRN", "IRN", "TUR", "USA"]) == ["TUR", "IRN"]


SPANISH = (
    "Un terremoto de magnitud 5,9 sacude el este de Turquía y deja tres muertos en Van",
    "Un terremoto de magnitud 5,9 sacudió el lunes la provincia de Van, en el este de Turquía, y mató al menos a tres "
    "personas, según las autoridades turcas. Los equipos de rescate buscaron supervivientes entre los escombros de "
    "varios edificios derrumbados en Erciş, y cientos de familias pasaron la noche en tiendas de campaña.",
)
GERMAN = (
    "Erdbeben der Stärke 5,9 erschüttert den Osten der Türkei",
    "Ein Erdbeben der Stärke 5,9 hat am Montag die Provinz Van im Osten der Türkei erschüttert und mindestens drei "
    "Menschen getötet. Rettungskräfte suchten in Erciş in den Trümmern eingestürzter Häuser nach Verschütteten; "
    "Hunderte Familien verbrachten die Nacht in Zelten.",
)
UNRELATED = (
    "El Banco Central Europeo mantiene los tipos de interés",
    "El Banco Central Europeo decidió el jueves mantener sin cambios los tipos de interés, en un momento de "
    "crecimiento débil en la zona euro, según un comunicado publicado en Fráncfort tras la reunión de su consejo.",
)


def test_a_report_in_another_language_joins_the_demo_story_and_an_unrelated_one_does_not(tmp_path: Path) -> None:
    with Newsgraph(str(tmp_path / "news.db"), Options(compare=False)) as ng:
        ng.ingest([demo_folder()])
        quake = next(s for s in ng.stories() if "Turkey" in (s.title or "") and "earthquake" in (s.title or "").lower())
        articles = [
            Article(id=name, title=title, text=text, published="2025-11-04", language=lang)
            for name, lang, (title, text) in (("es", "es", SPANISH), ("de", "de", GERMAN), ("bce", "es", UNRELATED))
        ]
        ng.ingest_articles(articles)
        story_of = ng._store.story_ids()
        assert story_of["es"] == quake.id and story_of["de"] == quake.id
        assert story_of["bce"] != quake.id
        brief = ng.brief(quake.id)
        assert brief is not None and brief.languages == ["en", "de", "es"]  # the story lists its languages
        peru = next(s for s in ng.stories() if "Peru" in (s.title or ""))
        assert "es" not in set(ng.story(peru.id).article_ids)  # the other earthquake of those days stays apart


def test_the_dense_index_finds_the_nearest_stories_and_forgets_removed_ones() -> None:
    from newsgraph.stories.dense import DenseIndex

    basis = np.eye(512, dtype=np.float32)
    profiles = {}
    for i, name in enumerate(["a", "b", "c"]):
        profile = StoryProfile.empty()
        profile.add(unit(basis[0] + (i + 1) * basis[1]), "en")
        profiles[name] = profile
    index = DenseIndex(profiles)
    found = index.nearest(basis[0], floor=0.2, k=2)
    assert [sid for sid, _ in found] == ["a", "b"] and found[0][1] > found[1][1]  # closest first, at most k
    index.remove("a")
    assert [sid for sid, _ in index.nearest(basis[0], floor=0.2)] == ["b", "c"]
    index.put("d", StoryProfile.empty())  # a story without an embedding is not searched
    for n in range(40):  # rows grow as stories come
        profile = StoryProfile.empty()
        profile.add(basis[2], "en")
        index.put(f"s{n}", profile)
    assert len(index.nearest(basis[2], floor=0.9, k=50)) == 40 and index.nearest(basis[3], floor=0.5) == []


def test_with_embeddings_off_articles_have_none_and_stories_form_by_words(tmp_path: Path) -> None:
    with Newsgraph(str(tmp_path / "news.db"), Options(embeddings=False, compare=False)) as ng:
        ng.ingest([demo_folder()])
        assert len(ng.stories()) == 5
        ids = [a for s in ng.stories() for a in s.article_ids]
        with ng._store.writing() as writer:
            assert all(p.embedding is None for p in writer.member_texts(ids))
