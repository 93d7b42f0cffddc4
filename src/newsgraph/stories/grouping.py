"""First story grouping: TF-IDF cosine within a publication-time window.

Articles without a story are taken in publication order; each joins the story of its most
similar earlier-assigned article when that similarity clears the threshold and the two were
published within the window, and opens a new story otherwise. Stories already on disk keep
their ids and members. (The stories issue replaces this with indexed online clustering.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from newsgraph.options import Options


@dataclass
class Grouping:
    assignments: dict[str, str]
    """article id -> story id, for articles that had none."""
    titles: dict[str, str | None]
    """story id -> representative headline, for every story that gained articles."""


def story_id_for(article_id: str) -> str:
    return "s" + hashlib.sha1(article_id.encode()).hexdigest()[:10]


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def _vectors(rows: Sequence[dict[str, Any]]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [f"{r['title'] or ''}\n{r['title'] or ''}\n{r['text']}" for r in rows]
    vectorizer = TfidfVectorizer(
        sublinear_tf=True, stop_words="english", strip_accents="unicode", token_pattern=r"(?u)\b\w\w+\b"
    )
    return vectorizer.fit_transform(docs).tocsr()


def group_stories(rows: Sequence[dict[str, Any]], options: Options | None = None) -> Grouping:
    """Assign every article without a story (rows: id, title, text, published, story_id)."""
    options = options or Options()
    pending = [i for i, r in enumerate(rows) if not r["story_id"]]
    if not pending:
        return Grouping({}, {})
    matrix = _vectors(rows)
    days = np.array([d if (d := _day(r["published"])) is not None else -1 for r in rows])
    story_of: list[str | None] = [r["story_id"] for r in rows]
    pending.sort(key=lambda i: (rows[i]["published"] or "9999-99-99", rows[i]["id"]))
    assignments: dict[str, str] = {}
    touched: set[str] = set()
    for i in pending:
        scores = (matrix @ matrix[i].T).toarray().ravel()
        eligible = np.array([sid is not None for sid in story_of])
        if days[i] >= 0:
            eligible &= (days < 0) | (np.abs(days - days[i]) <= options.story_window_days)
        scores = np.where(eligible, scores, -1.0)
        best = int(scores.argmax())
        sid = story_of[best] if scores[best] >= options.story_threshold else None
        sid = sid or story_id_for(rows[i]["id"])
        story_of[i] = sid
        assignments[rows[i]["id"]] = sid
        touched.add(sid)
    titles = {sid: _representative_title(rows, matrix, story_of, sid) for sid in sorted(touched)}
    return Grouping(assignments, titles)


def _representative_title(
    rows: Sequence[dict[str, Any]], matrix: Any, story_of: list[str | None], sid: str
) -> str | None:
    """The headline of the member closest to all the others (earliest on ties)."""
    members = [i for i, s in enumerate(story_of) if s == sid and rows[i]["title"]]
    if not members:
        return None
    sub = matrix[members]
    centrality = np.asarray((sub @ sub.T).sum(axis=1)).ravel()
    order = sorted(
        range(len(members)),
        key=lambda k: (
            -round(float(centrality[k]), 6),
            rows[members[k]]["published"] or "9999",
            rows[members[k]]["id"],
        ),
    )
    title = rows[members[order[0]]]["title"]
    return str(title) if title else None
