"""The public API is small and explicit; changing it is a decision, so this test pins it."""

import inspect

import newsgraph

PUBLIC = [
    "Analysis",
    "AnalysisContext",
    "Article",
    "Entity",
    "Failure",
    "IngestReport",
    "Mention",
    "Newsgraph",
    "Options",
    "Place",
    "Quote",
    "Sentence",
    "Story",
    "StoryBrief",
    "Timex",
    "__version__",
    "analyze",
    "clean_text",
    "read_sources",
    "similarity",
]

NEWSGRAPH_METHODS = [
    "actors", "articles", "brief", "close", "context", "entities", "export", "ingest", "ingest_articles",
    "ingest_items", "relations", "report", "stories", "story", "update_comparisons", "update_stories",
]  # fmt: skip


def test_public_names() -> None:
    assert sorted(newsgraph.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert hasattr(newsgraph, name)


def test_newsgraph_methods() -> None:
    methods = sorted(n for n, _ in inspect.getmembers(newsgraph.Newsgraph, inspect.isfunction) if not n.startswith("_"))
    assert methods == NEWSGRAPH_METHODS
