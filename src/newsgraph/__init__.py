"""newsgraph: news articles from many outlets -> stories, facts and relations a person can check.

The public API is what `__all__` lists (pinned by tests/test_public_api.py):

    from newsgraph import Newsgraph
    with Newsgraph("news.db") as ng:
        ng.ingest(["articles/"])
        for story in ng.stories():
            print(story.title)
"""

from importlib.metadata import PackageNotFoundError, version

from newsgraph.analyze import AnalysisContext, analyze
from newsgraph.api import Newsgraph
from newsgraph.errors import NewsgraphError
from newsgraph.ingest import clean_text, read_sources
from newsgraph.models import (
    Analysis,
    Article,
    Entity,
    Failure,
    IngestReport,
    Mention,
    Place,
    Quote,
    Sentence,
    Story,
    StoryBrief,
    Timex,
    WatchRecord,
    WatchRound,
)
from newsgraph.options import Options
from newsgraph.stories.similarity import similarity

try:
    __version__ = version("newsgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "Analysis",
    "AnalysisContext",
    "Article",
    "Entity",
    "Failure",
    "IngestReport",
    "Mention",
    "Newsgraph",
    "NewsgraphError",
    "Options",
    "Place",
    "Quote",
    "Sentence",
    "Story",
    "StoryBrief",
    "Timex",
    "WatchRecord",
    "WatchRound",
    "__version__",
    "analyze",
    "clean_text",
    "read_sources",
    "similarity",
]
