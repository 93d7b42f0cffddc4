"""Story grouping on ECB+: how well newsgraph groups articles into stories, against a plain baseline.

What is measured: ECB+ (Cybulska & Vossen 2014) holds 33 topics of news articles; each topic has
two sub-topics, the original ECB documents (``<topic>_<n>ecb.xml``) and the ECB+ documents about a
similar but different event (``<topic>_<n>ecbplus.xml``). The gold story of a document is
(topic, "ecb" | "ecbplus"), so 2 gold stories per topic.

* newsgraph: every document is detokenized back into text (sentences separated by blank lines),
  turned into an Article with ``newsgraph.ingest.article.build_article`` (which lifts title, url,
  published date, ... as real ingest does), and all of them are ingested as one stream, ordered
  by (published or "", file name), into a fresh SQLite database with
  ``Newsgraph.ingest_articles``. The predicted story of a document is the story id newsgraph
  stored for its article. Documents whose text is empty after cleaning (``EmptyArticle``) are
  counted and left out of both prediction and gold.
* baseline: TF-IDF (``TfidfVectorizer(sublinear_tf=True, stop_words="english")``) over the same
  Article title + text that newsgraph groups, cosine distance, average-link agglomerative
  clustering (``AgglomerativeClustering(linkage="average", distance_threshold=t,
  n_clusters=None)`` on the precomputed cosine distances, identical to ``metric="cosine"`` on
  the dense matrix). The threshold t is chosen on the tuning topics (grid 0.05..0.95, step
  0.025, best BCubed F1; ties go to the smaller t) and applied unchanged to the report topics
  and to all topics; the baseline is fitted (vectorizer and clustering) separately per split.

Splits: tuning topics 1-10, report topics 11-35 (those present), and all. newsgraph runs once on
all documents; each split's score restricts its predicted and gold labels to that split's
documents (newsgraph's clusters are left as they are). Figures per split: item-averaged BCubed
precision / recall / F1, pairwise F1 (see benchmarks/storyeval.py), the number of predicted
stories (distinct predicted labels among the split's documents) and of gold stories.

Data: ``../shared/data/ecbplus/ECB+`` relative to the repo root. It is evaluation data: read in
place, never copied into the repo.

Run: ``.venv/bin/python benchmarks/ecbplus.py`` (a few minutes; options ``--data DIR``,
``--limit-topics N`` for a quick check on the first N topics, ``--json``).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.api import Newsgraph
from newsgraph.ingest.article import EmptyArticle, build_article
from newsgraph.models import Article
from newsgraph.options import Options

try:
    from storyeval import bcubed, pairwise
except ModuleNotFoundError:  # loaded by path (e.g. from a test) rather than run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from storyeval import bcubed, pairwise

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/ecbplus/ECB+"
TUNING_TOPICS = frozenset(range(1, 11))
REPORT_TOPICS = frozenset(range(11, 36))
SPLITS = ("tuning", "report", "all")
GRID = tuple(round(0.05 + 0.025 * k, 3) for k in range(37))
"""Baseline distance thresholds tried on the tuning topics: 0.05, 0.075, ..., 0.95."""

_FILE_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "''"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "``"})
_QUOTES = {"``": '"', "''": '"'}


class Doc(NamedTuple):
    """One ECB+ document: its file name, gold labels and detokenized text.

    (A NamedTuple rather than a dataclass: this module is also loaded by path, outside
    sys.modules, where dataclasses cannot resolve postponed annotations.)
    """

    name: str
    topic: int
    subtopic: str
    """"ecb" or "ecbplus"."""
    text: str

    @property
    def gold(self) -> str:
        return f"{self.topic}/{self.subtopic}"


# --- reading ---------------------------------------------------------------------------------


def read_sentences(path: Path) -> list[list[str]]:
    """The tokens of an ECB+ XML file, grouped by sentence, in (sentence, number) order."""
    tokens: list[tuple[int, int, str]] = []
    for token in ET.parse(path).getroot().iter("token"):
        tokens.append((int(token.get("sentence", "0")), int(token.get("number", "0")), token.text or ""))
    tokens.sort(key=lambda t: (t[0], t[1]))
    sentences: dict[int, list[str]] = {}
    for sentence, _, word in tokens:
        sentences.setdefault(sentence, []).append(word)
    return list(sentences.values())


def join_tokens(tokens: list[str]) -> str:
    """One sentence's tokens as text: single spaces, except before closing punctuation and
    clitics and after opening brackets, ``$`` and opening quotes; `` and '' become "."""
    out: list[str] = []
    glue_next = True  # no space before the first token
    for token in tokens:
        if not token:
            continue
        if not glue_next and token.lower() not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(_QUOTES.get(token, token))
        glue_next = token in _NO_SPACE_AFTER
    text = "".join(out)
    # times and numeric dates split by the tokenizer: 4 : 59 -> 4:59, 11 / 27 / 2005 -> 11/27/2005
    return re.sub(r"(?<=\d) ?([:/]) ?(?=\d)", r"\1", text)


def detokenize(sentences: list[list[str]]) -> str:
    """A document's text: sentences joined by blank lines. A first sentence starting with
    "http" is the page address and is joined with no spaces at all."""
    lines: list[str] = []
    for k, tokens in enumerate(sentences):
        if k == 0 and tokens and tokens[0].startswith("http"):
            lines.append("".join(tokens))
        else:
            lines.append(join_tokens(tokens))
    return "\n\n".join(line for line in lines if line)


def topic_dirs(data_dir: Path, limit_topics: int | None = None) -> list[tuple[int, Path]]:
    """The numbered topic folders in numeric order, only the first ``limit_topics`` when given."""
    found = sorted((int(p.name), p) for p in data_dir.iterdir() if p.is_dir() and p.name.isdigit())
    return found[:limit_topics] if limit_topics is not None else found


def load_docs(data_dir: Path, limit_topics: int | None = None) -> list[Doc]:
    """Every ``<topic>_<n>ecb(plus).xml`` document of the (first ``limit_topics``) topics."""
    docs: list[Doc] = []
    for topic, folder in topic_dirs(data_dir, limit_topics):
        for path in sorted(folder.glob("*.xml")):
            match = _FILE_NAME.match(path.name)
            if not match:
                continue
            if int(match.group(1)) != topic:
                raise ValueError(f"{path}: file name does not match its topic folder")
            docs.append(Doc(path.name, topic, match.group(3), detokenize(read_sentences(path))))
    if not docs:
        raise FileNotFoundError(f"no ECB+ documents under {data_dir}")
    return docs


# --- systems -----------------------------------------------------------------------------------


def build_articles(docs: list[Doc], options: Options) -> tuple[dict[str, Article], list[str]]:
    """Articles by document name, and the names of documents that are empty after cleaning."""
    articles: dict[str, Article] = {}
    empty: list[str] = []
    for doc in docs:
        try:
            articles[doc.name] = build_article(doc.text, source=doc.name, options=options)
        except EmptyArticle:
            empty.append(doc.name)
    return articles, empty


def stream_order(articles: dict[str, Article]) -> list[str]:
    """Document names in ingest order: by (published or "", file name)."""
    return sorted(articles, key=lambda name: (articles[name].published or "", name))


def newsgraph_stories(articles: dict[str, Article], options: Options) -> tuple[dict[str, str], list[str]]:
    """Ingest all articles as one stream into a fresh database; story id by document name, and
    the documents that newsgraph took as duplicates of an earlier one (they share its story)."""
    with tempfile.TemporaryDirectory(prefix="ecbplus-") as tmp:
        ng = Newsgraph(str(Path(tmp) / "news.db"), options)
        try:
            report = ng.ingest_articles(articles[name] for name in stream_order(articles))
            if report.failures:
                raise RuntimeError(f"newsgraph refused articles: {[str(f) for f in report.failures]}")
            story_of = ng._store.story_ids()
        finally:
            ng.close()
    pred: dict[str, str] = {}
    for name, article in articles.items():
        story = story_of.get(article.id)
        if story is None:
            raise RuntimeError(f"{name}: article {article.id} has no story")
        pred[name] = story
    return pred, list(report.duplicates)


def baseline_text(article: Article) -> str:
    """What the baseline vectorizes: the same headline and body newsgraph groups on."""
    return f"{article.title or ''}\n{article.text}"


def cosine_distances_of(texts: list[str]) -> Any:
    """Pairwise cosine distances between the TF-IDF vectors of ``texts`` (dense n x n array)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    return cosine_distances(matrix)


def agglomerative(distances: Any, threshold: float) -> list[int]:
    """Average-link agglomerative clusters, merging while the distance is below ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering

    if len(distances) < 2:
        return [0] * len(distances)
    model = AgglomerativeClustering(
        metric="precomputed", linkage="average", distance_threshold=threshold, n_clusters=None
    )
    return [int(label) for label in model.fit_predict(distances)]


def baseline_labels(names: list[str], articles: dict[str, Article], threshold: float) -> dict[str, str]:
    """Baseline clusters of the named documents, fitted on just those documents."""
    labels = agglomerative(cosine_distances_of([baseline_text(articles[n]) for n in names]), threshold)
    return {name: str(label) for name, label in zip(names, labels, strict=True)}


def tune_threshold(
    names: list[str], articles: dict[str, Article], gold: dict[str, str]
) -> tuple[float, dict[float, float]]:
    """The grid threshold with the best BCubed F1 on the named documents (smallest on ties),
    and the F1 of every threshold tried."""
    distances = cosine_distances_of([baseline_text(articles[n]) for n in names])
    sub_gold = {n: gold[n] for n in names}
    curve: dict[float, float] = {}
    for threshold in GRID:
        labels = agglomerative(distances, threshold)
        curve[threshold] = bcubed({n: str(label) for n, label in zip(names, labels, strict=True)}, sub_gold)[2]
    best = max(GRID, key=lambda t: (curve[t], -t))
    return best, curve


# --- scoring -------------------------------------------------------------------------------------


def split_of(topic: int) -> str:
    return "tuning" if topic in TUNING_TOPICS else "report" if topic in REPORT_TOPICS else "other"


def score(pred: dict[str, str], gold: dict[str, str], names: list[str]) -> dict[str, Any] | None:
    """The figures of ``pred`` against ``gold`` restricted to ``names`` (None when empty)."""
    if not names:
        return None
    sub_pred = {n: pred[n] for n in names}
    sub_gold = {n: gold[n] for n in names}
    b_p, b_r, b_f = bcubed(sub_pred, sub_gold)
    p_p, p_r, p_f = pairwise(sub_pred, sub_gold)
    return {
        "documents": len(names),
        "bcubed_precision": round(b_p, 4),
        "bcubed_recall": round(b_r, 4),
        "bcubed_f1": round(b_f, 4),
        "pairwise_precision": round(p_p, 4),
        "pairwise_recall": round(p_r, 4),
        "pairwise_f1": round(p_f, 4),
        "predicted_stories": len(set(sub_pred.values())),
        "gold_stories": len(set(sub_gold.values())),
    }


def run(data_dir: Path = DEFAULT_DATA, limit_topics: int | None = None) -> dict[str, Any]:
    """Run both systems on ECB+ and return all figures (see the module docstring)."""
    started = time.perf_counter()
    options = Options()
    docs = load_docs(data_dir, limit_topics)
    by_name = {doc.name: doc for doc in docs}

    t0 = time.perf_counter()
    articles, empty = build_articles(docs, options)
    names = sorted(articles)
    gold = {name: by_name[name].gold for name in names}
    split_names = {
        "tuning": [n for n in names if split_of(by_name[n].topic) == "tuning"],
        "report": [n for n in names if split_of(by_name[n].topic) == "report"],
        "all": names,
    }
    pred, duplicates = newsgraph_stories(articles, options)
    newsgraph_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    if len(split_names["tuning"]) < 2:
        raise ValueError("the tuning topics need at least two documents")
    threshold, curve = tune_threshold(split_names["tuning"], articles, gold)
    baseline: dict[str, Any] = {"threshold": threshold}
    for split in SPLITS:
        split_docs = split_names[split]
        labels = baseline_labels(split_docs, articles, threshold) if split_docs else {}
        baseline[split] = score(labels, gold, split_docs)
    baseline["tuning_curve"] = {f"{t:.3f}": round(f1, 4) for t, f1 in curve.items()}
    baseline_seconds = time.perf_counter() - t0

    topics = sorted({doc.topic for doc in docs})
    return {
        "dataset": "ECB+",
        "data": str(data_dir),
        "topics": len(topics),
        "topics_by_split": {
            "tuning": [t for t in topics if split_of(t) == "tuning"],
            "report": [t for t in topics if split_of(t) == "report"],
        },
        "documents": len(docs),
        "empty_documents": sorted(empty),
        "scored_documents": len(names),
        "dated_documents": sum(1 for a in articles.values() if a.published),
        "titled_documents": sum(1 for a in articles.values() if a.title),
        "documents_with_url": sum(1 for a in articles.values() if a.url),
        "duplicate_documents": sorted(duplicates),
        "newsgraph": {split: score(pred, gold, split_names[split]) for split in SPLITS},
        "baseline": baseline,
        "seconds": {
            "newsgraph": round(newsgraph_seconds, 1),
            "baseline": round(baseline_seconds, 1),
            "total": round(time.perf_counter() - started, 1),
        },
    }


# --- output ---------------------------------------------------------------------------------------


def format_table(figures: dict[str, Any]) -> str:
    """The figures as a plain-text table, one row per split and system."""
    header = (
        f"{'split':<7} {'system':<22} {'docs':>5} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} "
        f"{'pair F1':>7} {'stories':>7} {'gold':>5}"
    )
    lines = [header, "-" * len(header)]
    systems = (
        ("newsgraph", figures["newsgraph"]),
        (f"baseline (t={figures['baseline']['threshold']:.3f})", figures["baseline"]),
    )
    for split in SPLITS:
        for system, results in systems:
            row = results[split]
            if row is None:
                lines.append(f"{split:<7} {system:<22} {'-':>5}")
                continue
            lines.append(
                f"{split:<7} {system:<22} {row['documents']:>5} {row['bcubed_precision']:>6.3f} "
                f"{row['bcubed_recall']:>6.3f} {row['bcubed_f1']:>6.3f} {row['pairwise_f1']:>7.3f} "
                f"{row['predicted_stories']:>7} {row['gold_stories']:>5}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ECB+ folder of numbered topic folders")
    parser.add_argument("--limit-topics", type=int, default=None, metavar="N", help="only the first N topics")
    parser.add_argument("--json", action="store_true", help="print one JSON object with all figures")
    args = parser.parse_args(argv)

    figures = run(args.data, args.limit_topics)
    figures["command"] = shlex.join([sys.executable, *sys.argv])
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    f = figures
    print(f"ECB+ story grouping: {f['data']}")
    empty = f["empty_documents"]
    listed = f" ({', '.join(empty)})" if empty else ""
    print(
        f"{f['topics']} topics, {f['documents']} documents; {len(empty)} empty after cleaning{listed}; "
        f"{f['scored_documents']} scored"
    )
    print(
        f"lifted by build_article: published date {f['dated_documents']}, title {f['titled_documents']}, "
        f"url {f['documents_with_url']} (of {f['scored_documents']})"
    )
    if f["duplicate_documents"]:
        print(f"newsgraph took {len(f['duplicate_documents'])} as duplicates: {', '.join(f['duplicate_documents'])}")
    print(f"tuning topics {f['topics_by_split']['tuning']}; report topics {f['topics_by_split']['report']}")
    print()
    print(format_table(f))
    print()
    s = f["seconds"]
    print(
        f"elapsed: {s['total']:.1f} s (newsgraph {s['newsgraph']:.1f} s incl. article building, "
        f"baseline {s['baseline']:.1f} s)"
    )
    print(f"command: {f['command']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
