"""The HTML report as a whole: every file of it made in memory from records read in one snapshot of the database
(`files`), then written into its folder together (`html.write`), the index last."""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.models import Dyad, Relation, StoryBrief
from newsgraph.report import html
from newsgraph.report.charts import svg_text


def pair_name(dyad: Dyad) -> str:
    """The name of a pair's page and chart, without the suffix."""
    return f"pair-{html.slug(dyad.a)}-{html.slug(dyad.b)}"


def files(
    stories: Sequence[tuple[StoryBrief, dict[str, str]]], pairs: Sequence[tuple[Dyad, Relation]]
) -> list[tuple[str, str]]:
    """(file name, text) of every file of the report: the index first, then one page per story (its brief, and the
    text of its articles by id), one page per pair of actors and that pair's SVG chart."""
    index = ("index.html", html.index_page([b for b, _ in stories], [d for d, _ in pairs]))
    story_pages = [(f"story-{html.slug(b.story.id)}.html", html.story_page(b, texts)) for b, texts in stories]
    pair_pages = [(f"{pair_name(d)}.html", html.pair_page(r, f"{pair_name(d)}.svg")) for d, r in pairs]
    charts = [(f"{pair_name(d)}.svg", svg_text(r)) for d, r in pairs]
    return [index, *story_pages, *pair_pages, *charts]
