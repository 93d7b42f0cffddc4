"""Fact alignment on ECB+: how well the compare stage's facts align what several articles report, against ECB+'s gold
cross-document event coreference.

Data: ECB+ (Cybulska & Vossen 2014), ``../shared/data/ecbplus/ECB+/<topic>/<topic>_<n>ecb(plus).xml``, topics 1-35
(those present: 33). Splits as benchmarks/ecbplus.py: tuning topics 1-10 (``--split tune``, the default), report
topics 11-35 (``--split report``, blind: run once), ``all``. Only the chosen split's gold annotation is read.

Articles: every document of topics 1-35 is detokenized and built into an Article as benchmarks/ecbplus.py does
(``build_article``, which lifts the first sentence as the title, the url, the date) and all are ingested once, in
its stream order, with ``Options(compare=False)``, into a SQLite database kept at ``--db`` (default: the cache
directory, ``fact-alignment-ecbplus.db``) and reused by later runs (``--fresh`` rebuilds it). A stamp file next to
it records the schema version, the last commit touching src/newsgraph/analyze and a hash of src/newsgraph (outside
compare/); a run warns when the current code differs. The compare stage is not stored: each run calls
``newsgraph.compare.stage.plan`` of the current checkout on the stored records, so a change to
src/newsgraph/compare/ is measured by running again.

Gold, per document (parsed from the XML):

* action mentions: markables whose tag starts with ``ACTION_`` or ``NEG_`` and that have token anchors; the
  sentences of their tokens. A document's *annotated sentences* are those holding an action mention. (ECB+'s list of
  the sentences selected for annotation, ECBplus_coreference_sentences.csv, is not in ../shared; these stand in.)
* happenings: the instance ids of ``CROSS_DOC_COREF`` relations (``note`` = the instance id) whose instance
  descriptor is an ``ACTION_*`` / ``NEG_*`` markable (all ECB+ ids starting ACT / NEG); per document, happening ->
  the sentences of its ``source`` mentions.
* sentence spans: each sentence's detokenized string (``ecbplus.join_tokens``, cleaned as ingest cleans a line) is
  searched in the stored article text in order, from the end of the previous match (whitespace-insensitive when the
  exact string is not found). Sentences not found are counted as unmapped: mostly the first sentence, which
  ``build_article`` takes as the title (evidence spans are offsets into the text, so a title is never evidence).
  An evidence span (``Evidence(article_id, start, end)``) stands for the sentences it overlaps.

Figures, per split (a link or pair belongs to the split when all its documents do):

* gold links: for each happening, each unordered pair of documents that both mention it. *Recall*: the share of
  links (h, A, B) for which some fact has evidence in a sentence of A mentioning h and in a sentence of B mentioning
  h. ``unreachable``: links where h is mentioned in A or B only in unmapped sentences (no fact can align them);
  recall over the reachable links is given too, and the reachable links missed by cause: of the sentences of A and
  of B mentioning h, none is a fact's evidence, those of one document only are, or those of both are but of
  different facts.
* aligned pairs: for each fact, every pair of its evidence sentences in two different documents, counted once over
  all facts. *Precision*: among the pairs whose two sentences are both annotated, the share whose sentences mention
  a common happening. Pairs with a sentence that is not annotated are left out and counted (``not annotated``), and
  pairs reaching a document outside the split (only newsgraph's stories can) are counted (``outside``). F1 of the
  two. Precision is also given by the kind of the facts aligning a pair (a pair aligned by facts of two kinds counts
  for both). Most annotated sentences mention several happenings (549 of the 815 of the tuning topics), and a pair
  is right when its sentences share any one of them: a lenient test.
* facts with evidence in >= 2 documents (of those with evidence in the split), by kind and by status; the seconds
  the compare stage took (``plan``, over the stories touching the split).

All facts count (as the export keeps them all); ``--min-confidence X`` keeps only facts of at least that
``Fact.confidence``.

Two settings: *gold stories*: each gold subtopic (topic, ecb | ecbplus) is one story (``plan`` with a lookup that
reads the database but answers ``story_members`` with the gold membership), which isolates fact alignment from story
grouping; *newsgraph stories*: the stories newsgraph formed at ingest.

Run: ``.venv/bin/python benchmarks/fact_alignment.py [--split tune] [--json] [--per-topic] [--show-errors N]``
(the first run ingests, about a minute; later runs take a second or two). ``--show-errors N`` prints, per setting,
N false aligned pairs and N missed reachable links of the tuning topics, drawn at random with a fixed seed.
Evaluation data: read in place, never copied into the repo.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shlex
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ecbplus  # noqa: E402  (the documents, their articles, the splits and the stream order)
from newsgraph.analyze.gazetteer import default_cache_dir  # noqa: E402
from newsgraph.api import Newsgraph  # noqa: E402
from newsgraph.compare import stage as compare_stage  # noqa: E402
from newsgraph.ingest.cleaning import clean_line, normalize_characters  # noqa: E402
from newsgraph.models import Fact  # noqa: E402
from newsgraph.options import Options  # noqa: E402
from newsgraph.store import schema  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SPLIT_TOPICS = {
    "tune": ecbplus.TUNING_TOPICS,
    "report": ecbplus.REPORT_TOPICS,
    "all": ecbplus.TUNING_TOPICS | ecbplus.REPORT_TOPICS,
}
HAPPENING_TAGS = ("ACTION_", "NEG_")
SETTINGS = ("gold stories", "newsgraph stories")

Sentence = tuple[str, int]
"""(document name, sentence number)"""
Pair = tuple[Sentence, Sentence]
"""Two sentences of two documents, in sorted order."""
Link = tuple[str, str, str]
"""(happening, document A, document B), A < B."""


class DocGold(NamedTuple):
    """One document's gold annotation."""

    name: str
    topic: int
    subtopic: str
    sentences: dict[int, str]
    """Sentence number -> its detokenized text (``ecbplus.join_tokens``)."""
    happenings: dict[str, frozenset[int]]
    """Happening (instance id) -> the sentences mentioning it."""
    annotated: frozenset[int]
    """The sentences holding an action mention."""
    descriptors: dict[str, str]
    """Instance id -> its TAG_DESCRIPTOR (a coder's name for it)."""

    @property
    def story(self) -> str:
        return f"{self.topic}/{self.subtopic}"


# --- gold ------------------------------------------------------------------------------------------


def _children(root: ET.Element, tag: str) -> list[ET.Element]:
    found = root.find(tag)
    return list(found) if found is not None else []


def parse_gold(path: Path) -> DocGold:
    """A document's sentences, happenings and annotated sentences (see the module docstring)."""
    match = re.match(r"^(\d+)_\d+(ecb|ecbplus)\.xml$", path.name)
    if not match:
        raise ValueError(f"{path}: not an ECB+ document name")
    root = ET.parse(path).getroot()
    sentence_of: dict[str, int] = {}
    tokens: list[tuple[int, int, str]] = []
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        sentence_of[token.get("t_id", "")] = sentence
        tokens.append((sentence, int(token.get("number", "0")), token.text or ""))
    words: dict[int, list[str]] = {}
    for sentence, _, word in sorted(tokens, key=lambda t: (t[0], t[1])):
        words.setdefault(sentence, []).append(word)
    mentions: dict[str, frozenset[int]] = {}
    actions: set[int] = set()
    kind_of: dict[str, str] = {}
    descriptors: dict[str, str] = {}
    for markable in _children(root, "Markables"):
        anchors = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        if anchors:
            where = frozenset(sentence_of[t] for t in anchors if t in sentence_of)
            mentions[markable.get("m_id", "")] = where
            if markable.tag.startswith(HAPPENING_TAGS):
                actions |= where
        elif markable.get("instance_id"):
            kind_of[markable.get("instance_id", "")] = markable.tag
            descriptors[markable.get("instance_id", "")] = markable.get("TAG_DESCRIPTOR", "")
    happenings: dict[str, set[int]] = {}
    for relation in _children(root, "Relations"):
        instance = relation.get("note", "")
        if relation.tag != "CROSS_DOC_COREF" or not kind_of.get(instance, instance).startswith(("ACT", "NEG")):
            continue
        for source in relation.findall("source"):
            happenings.setdefault(instance, set()).update(mentions.get(source.get("m_id", ""), ()))
    return DocGold(
        path.name,
        int(match.group(1)),
        match.group(2),
        {k: ecbplus.join_tokens(v) for k, v in words.items()},
        {h: frozenset(s) for h, s in happenings.items() if s},
        frozenset(actions),
        descriptors,
    )


def load_gold(data_dir: Path, topics: Iterable[int]) -> dict[str, DocGold]:
    """The gold of every document of these topics (only these are read), by document name."""
    wanted = set(topics)
    golds: dict[str, DocGold] = {}
    for topic, folder in ecbplus.topic_dirs(data_dir):
        if topic in wanted:
            for path in sorted(folder.glob("*.xml")):
                if re.match(r"^\d+_\d+ecb(plus)?\.xml$", path.name):
                    golds[path.name] = parse_gold(path)
    return golds


# --- sentences in the stored texts -----------------------------------------------------------------


def sentence_spans(text: str, sentences: Mapping[int, str]) -> dict[int, tuple[int, int]]:
    """Each sentence's (start, end) in ``text``, found in sentence order from the end of the previous one; a sentence
    not found (exactly, then whitespace-insensitively) is left out."""
    spans: dict[int, tuple[int, int]] = {}
    at = 0
    for number in sorted(sentences):
        wanted = clean_line(normalize_characters(sentences[number]))
        if not wanted:
            continue
        start = text.find(wanted, at)
        if start >= 0:
            spans[number] = (start, start + len(wanted))
            at = start + len(wanted)
            continue
        pattern = r"\s*".join(re.escape(c) for c in wanted if not c.isspace())
        found = re.compile(pattern).search(text, at)
        if found:
            spans[number] = found.span()
            at = found.end()
    return spans


TITLE_SPAN = (-2, -1)
"""The span `title_sentence` gives the sentence the stored article took as its title (outside any text offsets)."""


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def title_sentence(title: str | None, sentences: Mapping[int, str]) -> int | None:
    """The sentence (of the first three) that the stored article's title was made from: its letters and digits hold
    the title's (which may have lost an outlet suffix or a full stop), None when none does."""
    wanted = _letters(title or "")
    if len(wanted) < 10:
        return None
    return next((n for n in sorted(sentences)[:3] if wanted in _letters(sentences[n])), None)


def sentences_at(spans: Mapping[int, tuple[int, int]], start: int, end: int) -> list[int]:
    """The sentences that the span [start, end) overlaps (a point span: the sentence holding it)."""
    end = max(end, start + 1)
    return [n for n, (s, e) in spans.items() if s < end and start < e]


# --- the metrics ------------------------------------------------------------------------------------


def evidence_sentences(
    fact: Fact, doc_of: Mapping[str, str], spans: Mapping[str, Mapping[int, tuple[int, int]]]
) -> dict[str, set[int]]:
    """The sentences of a fact's evidence, by document (evidence in an article not known is left out)."""
    out: dict[str, set[int]] = {}
    for ev in fact.evidence:
        doc = doc_of.get(ev.article_id)
        if doc is None:
            continue
        if getattr(ev, "part", "text") == "title":  # the headline: the sentence it was made from
            found = [n for n, span in spans.get(doc, {}).items() if span == TITLE_SPAN]
        else:
            found = sentences_at(spans.get(doc, {}), ev.start, ev.end)
        out.setdefault(doc, set()).update(found)
    return {doc: found for doc, found in out.items() if found}


def gold_links(golds: Mapping[str, DocGold], docs: Iterable[str]) -> list[Link]:
    """One link per happening and unordered pair of these documents that both mention it."""
    by_happening: dict[str, list[str]] = {}
    for doc in sorted(set(docs)):
        for happening in golds[doc].happenings:
            by_happening.setdefault(happening, []).append(doc)
    return [(h, a, b) for h, found in sorted(by_happening.items()) for a, b in combinations(found, 2)]


def aligned_pairs(located: Iterable[Mapping[str, set[int]]]) -> set[Pair]:
    """Every pair of evidence sentences of one fact in two different documents, once over all facts."""
    return set(pair_kinds(("", by_doc) for by_doc in located))


def pair_kinds(located: Iterable[tuple[str, Mapping[str, set[int]]]]) -> dict[Pair, set[str]]:
    """The aligned pairs (``aligned_pairs``) of facts given as (kind, evidence sentences by document), each with the
    kinds of the facts that align it."""
    pairs: dict[Pair, set[str]] = {}
    for kind, by_doc in located:
        for a, b in combinations(sorted(by_doc), 2):
            for pair in (((a, x), (b, y)) for x in by_doc[a] for y in by_doc[b]):
                pairs.setdefault(pair, set()).add(kind)
    return pairs


def shares_happening(golds: Mapping[str, DocGold], pair: Pair) -> bool:
    (a, x), (b, y) = pair
    return any(x in golds[a].happenings.get(h, ()) and y in found for h, found in golds[b].happenings.items())


def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 4) if total else None


def _f1(p: float | None, r: float | None) -> float | None:
    return round(2 * p * r / (p + r), 4) if p is not None and r is not None and p + r > 0 else None


class Scored(NamedTuple):
    figures: dict[str, Any]
    false_pairs: list[Pair]
    missed: list[Link]
    """The links missed that some fact could have found (both documents mention the happening in the text)."""


def evaluate(
    located: Sequence[tuple[Fact, dict[str, set[int]]]],
    golds: Mapping[str, DocGold],
    spans: Mapping[str, Mapping[int, tuple[int, int]]],
    docs: Iterable[str],
) -> Scored:
    """Recall, precision and F1 of the facts (each with its evidence sentences by document) against the gold of
    ``docs`` (every name in ``docs`` must be in ``golds``); also the false pairs and the missed links."""
    inside = set(docs)
    facts_at: dict[Sentence, set[int]] = {}
    for k, (_, by_doc) in enumerate(located):
        for doc, found in by_doc.items():
            for n in found:
                facts_at.setdefault((doc, n), set()).add(k)

    def facts_of(doc: str, sentences: Iterable[int]) -> set[int]:
        return set().union(*(facts_at.get((doc, n), set()) for n in sentences))

    links = gold_links(golds, inside)
    hits, unreachable, missed, causes = 0, 0, [], Counter[str]()
    for h, a, b in links:
        in_a, in_b = golds[a].happenings[h], golds[b].happenings[h]
        of_a, of_b = facts_of(a, in_a), facts_of(b, in_b)
        if of_a & of_b:
            hits += 1
        elif set(spans.get(a, {})) & in_a and set(spans.get(b, {})) & in_b:
            missed.append((h, a, b))
            causes[MISSED_CAUSES[bool(of_a) + bool(of_b)]] += 1
        else:
            unreachable += 1
    pairs = _score_pairs(pair_kinds((f.kind, by_doc) for f, by_doc in located), golds, inside)
    recall, precision = _ratio(hits, len(links)), _ratio(pairs["pairs_correct"], pairs["pairs_scored"])
    multi = [fact for fact, by_doc in located if len(by_doc.keys() & inside) >= 1 and len(by_doc) >= 2]
    figures = {
        "recall": recall,
        "precision": precision,
        "f1": _f1(precision, recall),
        "links": len(links),
        "links_found": hits,
        "links_unreachable": unreachable,
        "recall_reachable": _ratio(hits, len(links) - unreachable),
        "missed_reachable_by_cause": {cause: causes[cause] for cause in MISSED_CAUSES},
        **{k: v for k, v in pairs.items() if k != "false_pairs"},
        "facts_multi_doc": len(multi),
        "facts_multi_doc_by_kind": dict(sorted(Counter(f.kind for f in multi).items())),
        "facts_multi_doc_by_status": dict(sorted(Counter(f.status for f in multi).items())),
    }
    return Scored(figures, pairs["false_pairs"], missed)


MISSED_CAUSES = ("no fact in either", "a fact in one only", "facts in both, none shared")
"""Why a reachable link was missed: of the sentences mentioning the happening, those of neither document are evidence
of a fact, those of one only, or those of both but of different facts."""


def _score_pairs(kinds: Mapping[Pair, set[str]], golds: Mapping[str, DocGold], inside: set[str]) -> dict[str, Any]:
    """The counts of the aligned pairs (see ``evaluate``), precision by fact kind, and the false pairs."""
    counts = Counter[str]()
    by_kind: dict[str, Counter[str]] = {}
    false_pairs: list[Pair] = []
    for pair in sorted(kinds):
        (a, x), (b, y) = pair
        if a not in inside or b not in inside:
            counts["pairs_outside"] += int(a in inside or b in inside)
            continue
        if x not in golds[a].annotated or y not in golds[b].annotated:
            counts["pairs_not_annotated"] += 1
            continue
        right = shares_happening(golds, pair)
        counts["pairs_scored"] += 1
        counts["pairs_correct"] += right
        if not right:
            false_pairs.append(pair)
        for kind in kinds[pair]:
            by_kind.setdefault(kind, Counter())["scored"] += 1
            by_kind[kind]["correct"] += right
    return {
        **{k: counts[k] for k in ("pairs_scored", "pairs_correct", "pairs_not_annotated", "pairs_outside")},
        "precision_by_kind": {
            kind: {"precision": _ratio(c["correct"], c["scored"]), "pairs": c["scored"]}
            for kind, c in sorted(by_kind.items())
        },
        "false_pairs": false_pairs,
    }


# --- the database -------------------------------------------------------------------------------------


def default_db() -> Path:
    return default_cache_dir() / "fact-alignment-ecbplus.db"


def code_stamp() -> dict[str, Any]:
    """What the stored analyses depend on: the schema version, the last commit touching src/newsgraph/analyze, and a
    hash of src/newsgraph's files outside compare/ (uncommitted changes included)."""
    package = REPO / "src" / "newsgraph"
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if path.is_file() and rel.parts[0] != "compare" and "__pycache__" not in rel.parts:
            digest.update(str(rel).encode() + b"\0" + path.read_bytes())
    try:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", "src/newsgraph/analyze"],
            cwd=REPO, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {"schema_version": schema.SCHEMA_VERSION, "analyze_commit": commit, "source_sha256": digest.hexdigest()}


def stamp_path(db: Path) -> Path:
    return db.with_name(db.name + ".stamp.json")


def ingest(db: Path, data_dir: Path, topics: Sequence[int]) -> dict[str, Any]:
    """Ingest every document of these topics (compare off) into a new database at ``db``; its stamp (also written next
    to it): the code stamp, the topics, the article id of each document, the empty and the duplicate documents."""
    docs = [d for d in ecbplus.load_docs(data_dir) if d.topic in set(topics)]
    options = Options(compare=False)
    articles, empty = ecbplus.build_articles(docs, options)
    db.parent.mkdir(parents=True, exist_ok=True)
    partial = db.with_name(db.name + ".partial")
    for path in (db, partial, stamp_path(db)):
        path.unlink(missing_ok=True)
    started = time.perf_counter()
    with Newsgraph(str(partial), options) as ng:
        report = ng.ingest_articles(articles[name] for name in ecbplus.stream_order(articles))
    if report.failures:
        raise RuntimeError(f"newsgraph refused articles: {[str(f) for f in report.failures]}")
    partial.rename(db)
    stamp = code_stamp() | {
        "topics": sorted(topics),
        "ingest_seconds": round(time.perf_counter() - started, 1),
        "articles": {name: a.id for name, a in sorted(articles.items())},
        "empty": sorted(empty),
        "duplicates": sorted(report.duplicates),
    }
    stamp_path(db).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    return stamp


def open_stamp(db: Path, data_dir: Path, topics: Sequence[int], fresh: bool) -> tuple[dict[str, Any], bool]:
    """The stamp of the database of these topics, ingesting them first when it is missing, of other topics or
    ``fresh``; and whether it was ingested now. Warns (on stderr) when the code it was made with differs from the
    current code."""
    stamp: dict[str, Any] = {}
    if db.exists() and stamp_path(db).exists():
        stamp = json.loads(stamp_path(db).read_text(encoding="utf-8"))
    if fresh or stamp.get("topics") != sorted(topics):
        if stamp:
            print(f"{db}: ingesting again ({'--fresh' if fresh else 'it holds other topics'})", file=sys.stderr)
        return ingest(db, data_dir, topics), True
    now = code_stamp()
    differ = [key for key in now if stamp.get(key) != now[key]]
    if differ:
        print(f"warning: {db} was made by other code ({', '.join(differ)} differ): run with --fresh to measure the "
              "current analysis", file=sys.stderr)  # fmt: skip
    return stamp, False


class GoldLookup:
    """The store's snapshot, but with the gold stories' members."""

    def __init__(self, view: Any, members: Mapping[str, list[str]]) -> None:
        self._view = view
        self._members = members

    def story_members(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        return {sid: list(self._members[sid]) for sid in story_ids if sid in self._members}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._view, name)


def compare_facts(view: Any, members: Mapping[str, list[str]] | None, wanted: set[str]) -> tuple[list[Fact], float]:
    """The facts of the stories holding an article of ``wanted``, from the current compare code, and its seconds:
    the gold stories (``members``) or, with None, the stored ones."""
    if members is None:
        story_of = view.story_ids()
        lookup = view
        stale = sorted({story_of[aid] for aid in wanted if story_of.get(aid)})
    else:
        lookup = GoldLookup(view, members)
        stale = sorted(sid for sid, ids in members.items() if wanted & set(ids))
    failed: list[tuple[str, str]] = []
    started = time.perf_counter()
    comparisons = compare_stage.plan([(sid, 0) for sid in stale], lookup, failed, Options().quote_confidence)
    seconds = time.perf_counter() - started
    for sid, reason in failed:
        print(f"warning: story {sid}: {reason}", file=sys.stderr)
    return [fact for c in comparisons for fact in c.facts], seconds


# --- the run ---------------------------------------------------------------------------------------------


class Setting(NamedTuple):
    name: str
    located: list[tuple[Fact, dict[str, set[int]]]]
    seconds: float


class Stored(NamedTuple):
    """What one run reads from the database: the scored documents, their sentences' spans, the document of each
    article id, and each setting's facts."""

    docs: list[str]
    spans: dict[str, dict[int, tuple[int, int]]]
    doc_of: dict[str, str]
    settings: list[Setting]


def read_and_compare(db: Path, stamp: Mapping[str, Any], golds: Mapping[str, DocGold], min_confidence: float) -> Stored:
    """The documents of ``golds`` stored in ``db`` (as its stamp names them), their sentences in the stored texts, and
    the facts of both settings over them (of at least ``min_confidence``), read in one snapshot."""
    with Newsgraph(str(db), Options(compare=False)) as ng, ng._store.snapshot() as view:
        stored = {a.id: a for a in view.articles()}
        doc_of: dict[str, str] = {}
        for name, aid in stamp["articles"].items():
            if aid in stored and aid not in doc_of and name not in stamp["duplicates"]:
                doc_of[aid] = name
        id_of = {name: aid for aid, name in doc_of.items()}
        docs = sorted(name for name in golds if name in id_of)
        spans = {name: sentence_spans(stored[id_of[name]].text, golds[name].sentences) for name in docs}
        for name in docs:  # the sentence the article's title was made from, when not also in its text
            n = title_sentence(stored[id_of[name]].title, golds[name].sentences)
            if n is not None and n not in spans[name]:
                spans[name][n] = TITLE_SPAN
        members: dict[str, list[str]] = {}
        for aid in stored:  # publication order, as the store gives a story's members
            if aid in doc_of and doc_of[aid] in golds:
                members.setdefault(golds[doc_of[aid]].story, []).append(aid)
        settings = []
        for name, gold_members in zip(SETTINGS, (members, None), strict=True):
            facts, seconds = compare_facts(view, gold_members, {id_of[doc] for doc in docs})
            facts = [f for f in facts if getattr(f, "confidence", 1.0) >= min_confidence]
            settings.append(Setting(name, [(f, evidence_sentences(f, doc_of, spans)) for f in facts], seconds))
    return Stored(docs, spans, doc_of, settings)


def run(
    split: str = "tune",
    data_dir: Path = ecbplus.DEFAULT_DATA,
    db: Path | None = None,
    fresh: bool = False,
    limit_topics: int | None = None,
    min_confidence: float = 0.0,
) -> dict[str, Any]:
    """All figures of one split (see the module docstring), with what --show-errors prints under "_detail" (not
    JSON)."""
    started = time.perf_counter()
    db = db or default_db()
    present = [topic for topic, _ in ecbplus.topic_dirs(data_dir)]
    stored_topics = [t for t in present if t in SPLIT_TOPICS["all"]]
    topics = [t for t in present if t in SPLIT_TOPICS[split]]
    if limit_topics is not None:  # a quick check: only these are ingested (again, when the database holds others)
        topics = stored_topics = topics[:limit_topics]
    stamp, ingested = open_stamp(db, data_dir, stored_topics, fresh)
    golds = load_gold(data_dir, topics)
    docs, spans, _, settings = read_and_compare(db, stamp, golds, min_confidence)
    sentences = sum(len(golds[d].sentences) for d in docs)
    mapped = sum(len(spans[d]) for d in docs)
    annotated_unmapped = sum(len(golds[d].annotated - set(spans[d])) for d in docs)
    figures: dict[str, Any] = {
        "dataset": "ECB+",
        "split": split,
        "topics": sorted({golds[d].topic for d in docs}),
        "documents": len(docs),
        "documents_not_stored": sorted(set(golds) - set(docs)),
        "sentences": sentences,
        "sentences_unmapped": sentences - mapped,
        "annotated_sentences": sum(len(golds[d].annotated) for d in docs),
        "annotated_sentences_unmapped": annotated_unmapped,
        "db": str(db),
        "ingested_now": ingested,
        "ingest_seconds": stamp.get("ingest_seconds"),
        "stamp": {k: stamp.get(k) for k in ("schema_version", "analyze_commit", "source_sha256")},
        "stamp_differs": [k for k, v in code_stamp().items() if stamp.get(k) != v],
        "min_confidence": min_confidence,
    }
    detail: dict[str, Any] = {"golds": golds, "docs": docs, "spans": spans}
    for setting in settings:
        result = evaluate(setting.located, golds, spans, docs)
        figures[setting.name] = result.figures | {"compare_seconds": round(setting.seconds, 2)}
        per_topic = {}
        for topic in sorted({golds[d].topic for d in docs}):
            per_topic[topic] = evaluate(setting.located, golds, spans, [d for d in docs if golds[d].topic == topic])
        figures[setting.name]["per_topic"] = {
            t: {k: s.figures[k] for k in ("recall", "precision", "f1", "links", "pairs_scored")}
            for t, s in per_topic.items()
        }
        detail[setting.name] = (setting, result)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    figures["_detail"] = detail
    return figures


# --- output ---------------------------------------------------------------------------------------------


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_table(figures: Mapping[str, Any]) -> str:
    header = (
        f"{'setting':<18} {'recall':>6} {'prec':>6} {'F1':>6} {'links':>6} {'found':>6} {'unreach':>7} "
        f"{'pairs':>6} {'not ann':>7} {'outside':>7} {'facts>=2':>8} {'secs':>6}"
    )
    lines = [header, "-" * len(header)]
    for name in SETTINGS:
        f = figures[name]
        lines.append(
            f"{name:<18} {_num(f['recall']):>6} {_num(f['precision']):>6} {_num(f['f1']):>6} {f['links']:>6} "
            f"{f['links_found']:>6} {f['links_unreachable']:>7} {f['pairs_scored']:>6} {f['pairs_not_annotated']:>7} "
            f"{f['pairs_outside']:>7} {f['facts_multi_doc']:>8} {f['compare_seconds']:>6.1f}"
        )
    for name in SETTINGS:
        f = figures[name]
        kinds = ", ".join(f"{k} {v}" for k, v in f["facts_multi_doc_by_kind"].items()) or "none"
        statuses = ", ".join(f"{k} {v}" for k, v in f["facts_multi_doc_by_status"].items()) or "none"
        causes = ", ".join(f"{k} {v}" for k, v in f["missed_reachable_by_cause"].items())
        by_kind = ", ".join(f"{k} {_num(v['precision'])} of {v['pairs']}" for k, v in f["precision_by_kind"].items())
        lines += [
            f"{name}: recall over reachable links {_num(f['recall_reachable'])}; reachable links missed: {causes}",
            f"  precision by the kind of fact aligning the pair: {by_kind or 'none'}",
            f"  facts with evidence in >= 2 documents by kind: {kinds}; by status: {statuses}",
        ]
    return "\n".join(lines)


def format_per_topic(figures: Mapping[str, Any]) -> str:
    lines = [f"{'topic':>5}  " + "  ".join(f"{name + ' R / P / links / pairs':<40}" for name in SETTINGS)]
    for topic in figures["topics"]:
        cells = []
        for name in SETTINGS:
            t = figures[name]["per_topic"][topic]
            cells.append(f"{_num(t['recall'])} / {_num(t['precision'])} / {t['links']} / {t['pairs_scored']}".ljust(40))
        lines.append(f"{topic:>5}  " + "  ".join(cells))
    return "\n".join(lines)


def _sentence(golds: Mapping[str, DocGold], doc: str, n: int) -> str:
    return f"[{doc} s{n}] {golds[doc].sentences.get(n, '?')}"


def format_errors(figures: Mapping[str, Any], count: int, seed: int = 0) -> str:
    """``count`` false aligned pairs and ``count`` missed links per setting, drawn at random (fixed seed)."""
    detail = figures["_detail"]
    golds, spans = detail["golds"], detail["spans"]
    lines: list[str] = []
    for name in SETTINGS:
        setting, result = detail[name]
        rng = random.Random(seed)
        false_pairs = rng.sample(result.false_pairs, min(count, len(result.false_pairs)))
        lines.append(f"== {name}: {len(false_pairs)} of {len(result.false_pairs)} false aligned pairs")
        for (a, x), (b, y) in false_pairs:
            kinds = sorted(
                {f.kind for f, by_doc in setting.located if x in by_doc.get(a, ()) and y in by_doc.get(b, ())}
            )
            lines += [f"- by facts of kind {', '.join(kinds)}", "    " + _sentence(golds, a, x),
                      "    " + _sentence(golds, b, y)]  # fmt: skip
        missed = rng.sample(result.missed, min(count, len(result.missed)))
        lines.append(f"== {name}: {len(missed)} of {len(result.missed)} missed reachable links")
        for h, a, b in missed:
            label = golds[a].descriptors.get(h) or golds[b].descriptors.get(h) or h
            lines.append(f"- {label} ({h})")
            for doc in (a, b):
                n = min(golds[doc].happenings[h] & set(spans[doc]))
                lines.append("    " + _sentence(golds, doc, n))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=tuple(SPLIT_TOPICS), default="tune",
                        help="tune: topics 1-10; report: 11-35, blind, run once; all")  # fmt: skip
    parser.add_argument("--data", type=Path, default=ecbplus.DEFAULT_DATA, help="the ECB+ folder of topic folders")
    parser.add_argument("--db", type=Path, default=None, help=f"the analysed database (default {default_db()})")
    parser.add_argument("--fresh", action="store_true", help="ingest again into a new database")
    parser.add_argument("--limit-topics", type=int, default=None, metavar="N",
                        help="only the split's first N topics, and only they ingested (use another --db)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print one JSON object with all figures")
    parser.add_argument("--per-topic", action="store_true", help="also recall and precision per topic")
    parser.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                        help="only facts of at least this confidence (default 0: all)")  # fmt: skip
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="N false aligned pairs and N missed links per setting (the tune split only)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.show_errors and args.split != "tune":
        parser.error("--show-errors looks at the tune split only")

    figures = run(args.split, args.data, args.db, args.fresh, args.limit_topics, args.min_confidence)
    figures["command"] = shlex.join([sys.executable, *(sys.argv if argv is None else ["fact_alignment.py", *argv])])
    if args.json:
        print(json.dumps({k: v for k, v in figures.items() if k != "_detail"}, indent=2))
    else:
        f = figures
        print(f"ECB+ fact alignment, split {f['split']} (topics {f['topics']}): {f['documents']} documents")
        print(f"sentences {f['sentences']}, not found in the stored texts {f['sentences_unmapped']}; annotated "
              f"{f['annotated_sentences']}, of them not found {f['annotated_sentences_unmapped']}")  # fmt: skip
        if f["documents_not_stored"]:
            print(f"not stored (empty or duplicates): {', '.join(f['documents_not_stored'])}")
        print(f"database {f['db']} ({'ingested now' if f['ingested_now'] else 'reused'}, ingest took "
              f"{f['ingest_seconds']} s)")  # fmt: skip
        print()
        print(format_table(f))
        if args.per_topic:
            print()
            print(format_per_topic(f))
        print()
        print(f"elapsed {f['seconds']} s; command: {f['command']}")
    if args.show_errors:
        print()
        print(format_errors(figures, args.show_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
