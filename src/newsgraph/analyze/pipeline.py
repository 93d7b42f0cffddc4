"""Article -> Analysis: a pure function over batches, no database, safe for worker processes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from newsgraph.analyze import events, quotes
from newsgraph.analyze.actors import resolve
from newsgraph.analyze.context import AnalysisContext
from newsgraph.analyze.embedding import EncoderSpec, embed, lead
from newsgraph.analyze.foreign import analyze_foreign
from newsgraph.analyze.lexicons import Lexicons
from newsgraph.analyze.nlp import english, model_name, multilingual
from newsgraph.analyze.places import find_places
from newsgraph.analyze.spans import SpanIndex
from newsgraph.analyze.tense import time_word_tenses
from newsgraph.analyze.timex import find_times
from newsgraph.analyze.tokens import content_lemmas
from newsgraph.errors import AnalysisError, ModelError
from newsgraph.models import Analysis, AnalysisFailure, Article, Embedding, Lemmas, Mention, Place, Quote, Sentence
from newsgraph.options import Options

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
"""spaCy entity labels kept as named entities (dates, numbers and amounts are left to later stages)."""


Parsed = tuple[
    list[Sentence], list[Mention], list[Quote], list[events.Found], list[tuple[int, str]], list[tuple[int, str]]
]
"""What the parse of an article gives: sentences, named mentions, attributions, events found (before their actors are
resolved), its content words' lemmas by offset, and the tenses of its weekday and month names by offset."""


def _from_doc(doc: Any, offset: int, lexicons: Lexicons, with_events: bool = True) -> Parsed:
    """Sentences, named mentions, attributions, (`with_events`) events, content lemmas and time words' tenses of one
    doc, shifted by `offset` (where the doc's text starts in the article)."""
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    mentions = _people(doc, lexicons.roles.heads) if doc.has_annotation("TAG") else []
    mentions += [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in NAMED_LABELS]
    mentions = _extend_people(doc, sorted(mentions, key=lambda m: m.start)) if doc.has_annotation("TAG") else mentions
    if offset:
        sentences = [Sentence(s.start + offset, s.end + offset) for s in sentences]
        mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in mentions]
    if not doc.has_annotation("DEP"):
        return sentences, mentions, [], [], [], []
    found = events.find(doc, lexicons.events, offset) if with_events else []
    attributions = quotes.find(doc, lexicons.attribution, offset)
    return sentences, mentions, attributions, found, content_lemmas(doc, offset), time_word_tenses(doc, offset)


MAX_NAME_TOKENS = 4


def _claimed_by_places(mentions: list[Mention], places: list[Place]) -> list[Mention]:
    """A name the model called a person or organization that resolved as a place is a place:
    'Cheongju' in 'Cheongju airport', 'Vostochny Cosmodrome', 'Tamil Nadu' (not 'the EU', an
    organization that is also named as a region)."""
    out = []
    spans = SpanIndex([(p.start, p.end) for p in places])
    for m in mentions:
        if m.label in ("PERSON", "ORG") and m.canonical in (None, " ".join(m.text.split())):
            p = next((places[k] for k in spans.around(m.start, m.end) if not places[k].adjectival), None)
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


def _people(doc: Any, role_heads: frozenset[str]) -> list[Mention]:
    """Names the model missed right after a role word: 'his North Korean counterpart Choe Son Hui'."""
    out = []
    i = 0
    while i < len(doc) - 1:
        token = doc[i]
        if token.lower_ in role_heads and token.ent_iob_ == "O" and token.whitespace_:
            j = i + 1
            while j < len(doc) and j - i <= MAX_NAME_TOKENS and _free_name_token(doc[j]):
                j += 1
            if j - i > 2 or (j - i == 2 and token.text[:1].isupper()):  # two names, or 'Minister Lavrov'
                out.append(Mention(doc[i + 1].idx, doc[j - 1].idx + len(doc[j - 1]), doc[i + 1 : j].text, "PERSON"))
                i = j
                continue
        i += 1
    return out


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?\u3002][\"'\u201d\u2019)\]]*\s+")


def chunks(text: str, limit: int, keep: Sequence[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """The text cut into pieces of at most `limit` characters, each with its offset: at the last
    paragraph break before the limit, else the last sentence end, else the last space, else hard; never
    inside a span of `keep` (a quotation) that starts in the piece's second half: before it instead."""
    out: list[tuple[int, str]] = []
    start = 0
    spans = SpanIndex(list(keep))
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END):
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        if not cut:
            space = window.rfind(" ", limit // 2)
            cut = space + 1 if space > 0 else limit
        at = start + cut  # the spans strictly around it, the first that starts in the piece's second half
        inside = next((keep[k][0] for k in spans.around(at - 1, at + 1) if keep[k][0] - start >= limit // 2), None)
        cut = inside - start if inside is not None else cut
        out.append((start, text[start : start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """The pieces (each with its offset) the model reads a text in: `chunks` of at most `limit` characters, no cut
    inside a quotation."""
    return chunks(text, limit, quotes.quotation_spans(text) if len(text) > limit else [])


BATCH_CHARS = 200_000
"""The most characters the model reads in one batch (but one piece, however long): what the model holds while it
reads grows with the characters of its batch (about 3.5 KB a character with spaCy's small English model), and a batch
of `spacy_batch_size` pieces of a long text, each of up to `chunk_chars`, would hold millions (a 2 MB text, some
7 GB). 32 news articles hold about as many characters as this; smaller batches read no slower."""


def batches(texts: Sequence[str], size: int, chars: int) -> list[list[str]]:
    """The texts in order, in batches of at most `size` texts and `chars` characters (a longer text alone)."""
    out: list[list[str]] = []
    held = chars
    for text in texts:
        if not out or len(out[-1]) >= size or held + len(text) > chars:
            out.append([])
            held = 0
        out[-1].append(text)
        held += len(text)
    return out


def _docs(nlp: Any, texts: list[str], options: Options) -> Iterator[Any]:
    """The model's docs of the texts, in order, read in `batches` (with `n_process` processes: in one call, its
    batches as many texts as the longest allows in BATCH_CHARS, so that the processes start once)."""
    if options.n_process > 1:
        size = max(1, min(options.spacy_batch_size, BATCH_CHARS // max(1, max(map(len, texts), default=1))))
        yield from nlp.pipe(texts, batch_size=size, n_process=options.n_process)
        return
    for batch in batches(texts, options.spacy_batch_size, BATCH_CHARS):
        yield from nlp.pipe(batch, batch_size=len(batch))


def analyze(articles: Sequence[Article], context: AnalysisContext | None = None) -> list[Analysis]:
    """Sentences, named entities resolved to actors, times and places of each article, in the order given.

    A pure function of the articles and the context (options, the user's names, the gazetteer:
    `AnalysisContext.create(options)`; by default the project's own). English articles (and those
    of unknown language) go through spaCy's English pipeline in batches; others get sentence
    boundaries from a rule-based splitter, and times, people and organizations of the actor table and the names file,
    and places from open data in their own language and script (`foreign.analyze_foreign`; quotes and events stay
    English-only). A text longer than `options.chunk_chars` is
    read in pieces cut at paragraph or sentence ends, its offsets still into the whole text.
    Raises AnalysisError for the first article that cannot be analysed (see `analyze_each`).
    """
    out: list[Analysis] = []
    for article, result in zip(articles, analyze_each(articles, context), strict=True):
        if isinstance(result, AnalysisFailure):
            raise AnalysisError(article.id, result.reason)
        out.append(result)
    return out


def analyze_each(
    articles: Sequence[Article], context: AnalysisContext | None = None
) -> list[Analysis | AnalysisFailure]:
    """As `analyze`, but an article whose analysis fails gets an `AnalysisFailure` (its one-line reason) in its
    place, and the others are analysed all the same."""
    context = context or AnalysisContext.create()
    results: list[Analysis | AnalysisFailure] = [AnalysisFailure(a.id, "not analysed") for a in articles]
    for english_model in (True, False):
        idx = [i for i, a in enumerate(articles) if (a.language in (None, "en")) == english_model]
        if not idx:
            continue
        nlp = english() if english_model else multilingual()
        with_events = english_model and context.options.events
        for i, found in _parse(nlp, [articles[i] for i in idx], context, with_events).items():
            article = articles[idx[i]]
            if isinstance(found, str):
                results[idx[i]] = AnalysisFailure(article.id, found)
                continue
            try:
                layers = _english_layers(article, *found, context) if english_model else None
                results[idx[i]] = layers or analyze_foreign(article, found[0], context)
            except Exception as exc:  # one article's failure is reported as its own, the rest go on
                results[idx[i]] = AnalysisFailure(article.id, _reason(exc))
    if context.encoder is not None:
        _embed(articles, results, context.encoder)
    return results


def _embed(articles: Sequence[Article], results: list[Analysis | AnalysisFailure], spec: EncoderSpec) -> None:
    """Each analysed article's embedding, in one pass of the encoder over their leads (in any language). ModelError
    when the encoder cannot be loaded; a text the encoder fails on is embedded alone, and keeps no embedding when
    it fails again."""
    done = [(a, r) for a, r in zip(articles, results, strict=True) if isinstance(r, Analysis)]
    leads = [lead(a.title, a.text, spec.chars) for a, _ in done]
    try:
        found: list[Embedding | None] = list(embed(leads, spec))
    except ModelError:
        raise
    except Exception:  # noqa: BLE001 - which text failed is found below, one at a time
        found = [_embed_one(text, spec) for text in leads]
    for (_, result), embedding in zip(done, found, strict=True):
        result.embedding = embedding


def _embed_one(text: str, spec: EncoderSpec) -> Embedding | None:
    try:
        return embed([text], spec)[0]
    except ModelError:
        raise
    except Exception:  # noqa: BLE001 - an article without an embedding is still stored and found by its words
        return None


def _reason(exc: BaseException) -> str:
    return f"analysis failed: {exc.__class__.__name__}: {' '.join(str(exc).split())[:300]}"


Layers = tuple[Analysis, list[events.Found], list[tuple[int, str]], list[tuple[int, str]]]
"""An article's analysis as the parse gives it, with its events found, its content lemmas and its time words' tenses
(see `Parsed`)."""


def _parse(
    nlp: Any, articles: list[Article], context: AnalysisContext, with_events: bool = True
) -> dict[int, Layers | str]:
    """Sentences, mentions, quotes and the events found in the parse of each article, through spaCy in
    batches of pieces; when a batch fails, its articles are parsed one by one so that only the failing one
    is lost."""
    model, options = model_name(nlp), context.options
    parts = [(i, offset, text) for i, a in enumerate(articles) for offset, text in pieces(a.text, options.chunk_chars)]
    parsed: dict[int, Parsed] = {}
    failed: dict[int, str] = {}

    def add(i: int, doc: Any, offset: int) -> None:
        have = parsed.setdefault(i, ([], [], [], [], [], []))
        for into, items in zip(have, _from_doc(doc, offset, context.lexicons, with_events), strict=True):
            into.extend(items)  # type: ignore[attr-defined]

    try:
        docs = _docs(nlp, [text for _, _, text in parts], options)
        for (i, offset, _), doc in zip(parts, docs, strict=True):
            add(i, doc, offset)
    except Exception:  # noqa: BLE001 - which article failed is found below, one at a time
        parsed.clear()
        for i, offset, text in parts:
            if i in failed:
                continue
            try:
                add(i, nlp(text), offset)
            except Exception as exc:
                failed[i] = _reason(exc)
                parsed.pop(i, None)
    out: dict[int, Layers | str] = dict(failed)
    for i, (sentences, mentions, found, raw_events, lemmas, tenses) in parsed.items():
        if i not in failed:
            analysis = Analysis(
                article_id=articles[i].id, sentences=sentences, mentions=mentions, model=model, quotes=found
            )
            out[i] = (analysis, raw_events, lemmas, tenses)
    return out


def _english_layers(
    article: Article,
    result: Analysis,
    found: list[events.Found],
    content: list[tuple[int, str]],
    tenses: list[tuple[int, str]],
    context: AnalysisContext,
) -> Analysis:
    """Times, actors, places, speakers and events: the English patterns over the whole text; and the content words'
    lemmas, by which comparison matches wordings."""
    text, lex, lemmas = article.text, context.lexicons, Lemmas.of(content)
    result.times = find_times(text, article.published, dict(tenses))
    result.mentions = resolve(
        text, result.mentions, context.countries, lex.roles, context.registry, lex.actors, article.published
    )
    result.places = find_places(context.gazetteer, text, result.mentions, context.options.place_demonyms)
    result.mentions = _claimed_by_places(result.mentions, result.places)
    sure = context.options.quote_confidence
    result.quotes = quotes.resolve(text, result.quotes, result.mentions, lex.attribution, lemmas, sure)
    if context.options.events:
        result.events = events.resolve(
            text,
            found,
            result.mentions,
            result.quotes,
            result.times,
            result.places,
            article.published,
            context.countries,
            lex.events,
            lex.attribution,
            lex.actors,
            context.options.quote_confidence,
        )
    result.lemmas = sorted(content)
    return result
