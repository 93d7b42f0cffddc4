"""Article -> Analysis: a pure function over batches, no database, safe for worker processes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from newsgraph.analyze.actors import ROLE_HEADS, resolve
from newsgraph.analyze.context import AnalysisContext
from newsgraph.analyze.nlp import english, model_name, multilingual
from newsgraph.analyze.places import find_places
from newsgraph.analyze.timex import find_times
from newsgraph.models import Analysis, Article, Mention, Place, Sentence

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
"""spaCy entity labels kept as named entities (dates, numbers and amounts are left to later stages)."""


def _from_doc(article_id: str, doc: Any, model: str) -> Analysis:
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    mentions = _people(doc) if doc.has_annotation("TAG") else []
    mentions += [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in NAMED_LABELS]
    mentions = _extend_people(doc, sorted(mentions, key=lambda m: m.start)) if doc.has_annotation("TAG") else mentions
    return Analysis(article_id=article_id, sentences=sentences, mentions=mentions, model=model)


MAX_NAME_TOKENS = 4


def _claimed_by_places(mentions: list[Mention], places: list[Place]) -> list[Mention]:
    """A name the model called a person or organization that resolved as a place is a place:
    'Cheongju' in 'Cheongju airport', 'Vostochny Cosmodrome', 'Tamil Nadu' (not 'the EU', an
    organization that is also named as a region)."""
    out = []
    for m in mentions:
        if m.label in ("PERSON", "ORG") and m.canonical in (None, " ".join(m.text.split())):
            p = next((p for p in places if p.start <= m.start and m.end <= p.end and not p.adjectival), None)
            if p is not None and not (m.label == "ORG" and p.feature in ("country", "region")):  # the EU: an org
                m = Mention(m.start, m.end, m.text, "FAC" if p.feature == "facility" else "GPE")
        out.append(m)
    return out


def _extend_people(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """A person's name the model cut short takes the proper nouns right after it that no entity
    claims: 'Choe Son' + 'Hui' -> 'Choe Son Hui'."""
    out = []
    for m in mentions:
        if m.label == "PERSON":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            end, n = span.end, len(span)
            while end < len(doc) and n < MAX_NAME_TOKENS and _free_name_token(doc[end]) and doc[end - 1].whitespace_:
                end, n = end + 1, n + 1
            if end > span.end:
                m = Mention(m.start, doc[end - 1].idx + len(doc[end - 1]), doc[span.start : end].text, m.label)
        out.append(m)
    return out


def _free_name_token(token: Any) -> bool:
    return bool(token.tag_ == "NNP" and token.ent_iob_ == "O" and token.text[:1].isupper() and token.is_alpha)


def _people(doc: Any) -> list[Mention]:
    """Names the model missed right after a role word: 'his North Korean counterpart Choe Son Hui'."""
    out = []
    i = 0
    while i < len(doc) - 1:
        token = doc[i]
        if token.lower_ in ROLE_HEADS and token.ent_iob_ == "O" and token.whitespace_:
            j = i + 1
            while j < len(doc) and j - i <= MAX_NAME_TOKENS and _free_name_token(doc[j]):
                j += 1
            if j - i > 2 or (j - i == 2 and token.text[:1].isupper()):  # two names, or 'Minister Lavrov'
                out.append(Mention(doc[i + 1].idx, doc[j - 1].idx + len(doc[j - 1]), doc[i + 1 : j].text, "PERSON"))
                i = j
                continue
        i += 1
    return out


def analyze(articles: Sequence[Article], context: AnalysisContext | None = None) -> list[Analysis]:
    """Sentences, named entities resolved to actors, times and places of each article, in the order given.

    A pure function of the articles and the context (options, the user's names, the gazetteer:
    `AnalysisContext.create(options)`; by default the project's own). English articles (and those
    of unknown language) go through spaCy's English pipeline in batches; others get sentence
    boundaries only, since no model here reads them.
    """
    context = context or AnalysisContext.create()
    options = context.options
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
                text = articles[i].text
                results[i].mentions = resolve(text, results[i].mentions, context.countries, context.registry)
                results[i].places = find_places(context.gazetteer, text, results[i].mentions, options.place_demonyms)
                results[i].mentions = _claimed_by_places(results[i].mentions, results[i].places)
    return [results[i] for i in range(len(articles))]
