"""Live blogs and round-ups: how many real texts newsgraph.stories.roundups flags, and which.

What is counted: each text of three corpora is built into an Article as ingest does (title, URL and text lifted by
``newsgraph.ingest.article.build_article``) and passed to ``roundups.roundup_cue``; the figures are the number of
texts flagged, by cue (headline, URL, text shape). ``--show N`` prints the first N flagged texts (headline, URL and
first lines) to read them and count false positives by hand.

* SemEval-2022 Task 8 training pairs (``../shared/data/semeval2022-task8/training_set.csv``): each distinct text of
  the pairs (text1, text2 of every row, the same text counted once), many languages; its headline is what comes
  before the first double space (how the file joins headline and body).
* ECB+ (``../shared/data/ecbplus/ECB+``): every document, detokenized as benchmarks/ecbplus.py does.
* PolNeAR (``../shared/data/polnear/data/{train,dev}/text``): every text.

Data in ``../shared`` is evaluation data, read in place, never copied. Run:
``.venv/bin/python benchmarks/roundups.py [--show N] [--corpus semeval|ecbplus|polnear]``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.article import EmptyArticle, build_article
from newsgraph.options import Options
from newsgraph.stories.roundups import patterns, roundup_cue

try:
    import ecbplus
except ModuleNotFoundError:  # loaded by path rather than run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import ecbplus

SHARED = Path(__file__).resolve().parents[1].parent / "shared/data"
Text = tuple[str, str | None, str | None, str]
"""(name, title, url, text)"""
TITLE_CHARS = 200
_BREAK = re.compile(r"\n|  ")


def semeval_texts(path: Path = SHARED / "semeval2022-task8/training_set.csv") -> Iterator[Text]:
    csv.field_size_limit(sys.maxsize)
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for side in ("1", "2"):
                text = row[f"text{side}"]
                if text in seen or not text.strip():
                    continue
                seen.add(text)
                title, body = semeval_title(text)
                yield f"{row['pair_id']}/{side} ({row[f'lang{side}']})", title, None, body


def semeval_title(text: str) -> tuple[str | None, str]:
    """(headline, body) of a SemEval text: what comes before its first line break or double space, when that is
    short enough to be a headline (TITLE_CHARS; else no headline: the file glued it to the body)."""
    parts = _BREAK.split(text.strip(), maxsplit=1)
    head, body = parts[0], parts[1] if len(parts) > 1 else ""
    return (head, body) if len(head) <= TITLE_CHARS else (None, text)


def _built(name: str, raw: str, options: Options) -> Text | None:
    try:
        a = build_article(raw, source=name, options=options)
    except EmptyArticle:
        return None
    return name, a.title, a.url, a.text


def ecbplus_texts() -> Iterator[Text]:
    options = Options()
    for doc in ecbplus.load_docs(ecbplus.DEFAULT_DATA):
        built = _built(doc.name, doc.text, options)
        if built:
            yield built


def polnear_texts() -> Iterator[Text]:
    options = Options()
    for split in ("train", "dev"):
        for path in sorted((SHARED / "polnear/data" / split / "text").glob("*.txt")):
            built = _built(path.name, path.read_text(encoding="utf-8"), options)
            if built:
                yield built


CORPORA = {"semeval": semeval_texts, "ecbplus": ecbplus_texts, "polnear": polnear_texts}


def _match(cue: str, title: str | None, url: str | None, text: str) -> str:
    p = patterns()
    if cue == "title" and title:
        m = p.title.search(title.strip())
    elif cue == "url" and url:
        m = p.url.search(url)
    else:
        m = p.entry.search(text[: p.text_chars])
    return m.group(0) if m else ""


def count(corpus: str, show: int) -> Counter[str]:
    cues: Counter[str] = Counter()
    for name, title, url, text in CORPORA[corpus]():
        cues["texts"] += 1
        cue = roundup_cue(title, url, text)
        if cue is None:
            continue
        cues[cue] += 1
        if cues["title"] + cues["url"] + cues["text"] <= show:
            first = " | ".join(line for line in text[:400].split("\n") if line.strip())[:300]
            print(f"[{corpus} {cue}] {name}: {_match(cue, title, url, text)!r}\n  title: {title}\n  url: {url}")
            print(f"  text: {first}\n")
    return cues


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append", help="default: all three")
    parser.add_argument("--show", type=int, default=0, help="print the first N flagged texts of each corpus")
    args = parser.parse_args()
    for corpus in args.corpus or sorted(CORPORA):
        cues = count(corpus, args.show)
        flagged = cues["title"] + cues["url"] + cues["text"]
        print(
            f"{corpus}: {flagged} of {cues['texts']} texts flagged "
            f"(headline {cues['title']}, URL {cues['url']}, text shape {cues['text']})"
        )


if __name__ == "__main__":
    main()
