"""Article -> Analysis: a pure function over batches, no database, safe for worker processes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from newsgraph.analyze.actors import resolve
from newsgraph.analyze.nlp import english, model_name, multilingual
from newsgraph.analyze.timex import find_times
from newsgraph.models import Analysis, Article, Mention, Sentence
from newsgraph.options import Options

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
"""spaCy entity labels kept as named entities (dates, numbers and amounts are left to later stages)."""


def _from_doc(article_id: str, doc: Any, model: str) -> Analysis:
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    mentions = [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in NAMED_LABELS]
    return Analysis(article_id=article_id, sentences=sentences, mentions=mentions, model=model)


def analyze(articles: Sequence[Article], options: Options | None = None) -> list[Analysis]:
    """Sentences and named entities of each article, in the order given.

    English articles (and those of unknown language) go through spaCy's English pipeline in
    batches; others get sentence boundaries only, since no model here reads them.
    """
    options = options or Options()
    results: dict[int, Analysis] = {}
    english_idx = [i for i, a in enumerate(articles) if a.language in (None, "en")]
    other_idx = [i for i, a in enumerate(articles) if a.language not in (None, "en")]
    for nlp, idx in ((english(), english_idx), (multilingual(), other_idx)):
        if not idx:
            continue
        model = model_name(nlp)
        docs: Iterator[Any] = nlp.pipe(
            (articles[i].text for i in idx),
            batch_size=options.spacy_batch_size,
            n_process=options.n_process,
        )
        for i, doc in zip(idx, docs, strict=True):
            results[i] = _from_doc(articles[i].id, doc, model)
            if articles[i].language in (None, "en"):  # the patterns are English
                results[i].times = find_times(articles[i].text, articles[i].published)
                results[i].mentions = resolve(articles[i].text, results[i].mentions)
    return [results[i] for i in range(len(articles))]
